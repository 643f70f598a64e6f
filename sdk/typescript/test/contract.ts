/**
 * Contract check of the SDK against a running API (run by `scripts/contract`).
 *
 * Registers and signs in a user, creates a category and products as the
 * admin, lists them with filters page by page until `next_cursor` is null,
 * places an order, and reads the typed errors of a 404 and of a 409.
 *
 * Env: `API_URL`, `ADMIN_EMAIL`, `ADMIN_PASSWORD`.
 */
import assert from "node:assert/strict";

import {
  ApiError,
  type Product,
  collect,
  createShopClient,
  paginate,
  unwrap,
} from "../src/index.js";

function env(name: string): string {
  const value = process.env[name];
  if (value === undefined || value === "") {
    throw new Error(`${name} is not set`);
  }
  return value;
}

async function expectError(call: Promise<unknown>, status: number, code: string): Promise<ApiError> {
  try {
    await call;
  } catch (error) {
    assert.ok(error instanceof ApiError, `expected ApiError, got ${String(error)}`);
    assert.equal(error.status, status, error.message);
    assert.equal(error.code, code, error.message);
    return error;
  }
  throw new Error(`expected ${status} ${code}, the call succeeded`);
}

async function main(): Promise<void> {
  const baseUrl = env("API_URL");
  const run = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;

  // Register and sign in a customer.
  const buyer = createShopClient({ baseUrl });
  const email = `ts-${run}@example.com`;
  const password = "correct horse battery";
  const user = await unwrap(
    buyer.api.POST("/api/v1/auth/register", {
      body: { email, username: `ts_${run}`, password, first_name: "Tess", last_name: "Script" },
    }),
  );
  assert.equal(user.email, email);
  assert.equal(user.role, "user");
  assert.equal(user.phone_number, null, "no phone is null, not missing");
  await buyer.login({ login: email, password });
  const me = await unwrap(buyer.api.GET("/api/v1/users/me"));
  assert.equal(me.id, user.id);

  // A bad access token with a good refresh token: the client refreshes and retries.
  const good = buyer.tokens();
  assert.ok(good !== null);
  buyer.setTokens({ accessToken: "expired.or.revoked", refreshToken: good.refreshToken });
  const again = await unwrap(buyer.api.GET("/api/v1/users/me"));
  assert.equal(again.id, user.id);
  assert.notEqual(buyer.tokens()?.refreshToken, good.refreshToken, "tokens were rotated");

  // The admin creates a category and products.
  const admin = createShopClient({ baseUrl });
  await admin.login({ login: env("ADMIN_EMAIL"), password: env("ADMIN_PASSWORD") });
  const category = await unwrap(
    admin.api.POST("/api/v1/categories", { body: { name: `TS Category ${run}` } }),
  );
  const prices = ["5.00", "12.50", "7.25", "30.00", "1.99"];
  const created: Product[] = [];
  for (const [i, price] of prices.entries()) {
    created.push(
      await unwrap(
        admin.api.POST("/api/v1/products", {
          body: {
            name: `TS Product ${run} ${i}`,
            price,
            stock: 3,
            category_ids: [category.id],
          },
        }),
      ),
    );
  }

  // List with filters, two per page, until next_cursor is null.
  let pages = 0;
  const listed = await collect(
    paginate((cursor) => {
      pages += 1;
      return buyer.api.GET("/api/v1/products", {
        params: {
          query: { category: [category.id], sort: "price", limit: 2, min_price: "1.00", cursor },
        },
      });
    }),
  );
  assert.equal(pages, 3, "5 products, 2 per page");
  assert.deepEqual(
    listed.map((p) => p.price),
    [...prices].sort((a, b) => Number(a) - Number(b)),
  );
  assert.deepEqual(new Set(listed.map((p) => p.id)), new Set(created.map((p) => p.id)));

  // Place an order.
  const cheapest = listed[0];
  assert.ok(cheapest !== undefined);
  const order = await unwrap(
    buyer.api.POST("/api/v1/orders", {
      body: { shipping_address: "Bole Road 12, Addis Ababa", items: [{ product_id: cheapest.id, quantity: 2 }] },
    }),
  );
  assert.equal(order.status, "pending");
  assert.equal(order.total_amount, "3.98");

  // Typed errors: a 404 and two 409s.
  await expectError(
    buyer.api.GET("/api/v1/products/{id}", { params: { path: { id: 9_000_000_000 } } }).then(unwrapNow),
    404,
    "not_found",
  );
  await expectError(
    unwrap(
      admin.api.POST("/api/v1/categories", {
        body: { name: `TS Category ${run}`, slug: `another-${run}` },
      }),
    ),
    409,
    "name_taken",
  );
  const short = await expectError(
    unwrap(
      buyer.api.POST("/api/v1/orders", {
        body: { shipping_address: "Bole Road 12", items: [{ product_id: cheapest.id, quantity: 2 }] },
      }),
    ),
    409,
    "insufficient_stock",
  );
  assert.equal(short.details?.product_id, cheapest.id);
  assert.equal(short.details?.available, 1);

  await buyer.logout();
  assert.equal(buyer.tokens(), null);
  console.log(`contract (typescript): ok; ${listed.length} products over ${pages} pages, order ${order.id}`);
}

/** `unwrap` for an already-resolved result. */
function unwrapNow<T>(result: { data?: T; error?: unknown; response: Response }): Promise<T> {
  return unwrap(Promise.resolve(result));
}

main().catch((error: unknown) => {
  console.error("contract (typescript): FAILED");
  console.error(error);
  process.exit(1);
});
