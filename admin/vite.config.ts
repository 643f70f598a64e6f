// Builds the console into dist/, which the api embeds and serves at /admin.
// The SDK is compiled from its sources (no separate build step); openapi-fetch
// resolves from this package so the bundle has one copy of it.
import { fileURLToPath } from "node:url";

import { defineConfig } from "vitest/config";

const here = (path: string): string => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  base: "/admin/",
  resolve: {
    alias: {
      "@ecommerce/sdk": here("../sdk/typescript/src/index.ts"),
      "openapi-fetch": here("node_modules/openapi-fetch"),
    },
  },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    // The api's CSP allows no inline code: every script and style is a file.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    sourcemap: false,
    reportCompressedSize: false,
  },
  test: {
    include: ["test/**/*.test.ts"],
    environment: "node",
  },
});
