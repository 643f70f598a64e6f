/**
 * The typed client: openapi-fetch over the generated `paths`, with bearer
 * authentication and automatic token refresh.
 */
import createClient, { type Client, type Middleware } from "openapi-fetch";

import { ApiError, unwrap } from "./errors.js";
import type { components, paths } from "./schema.js";

type Schemas = components["schemas"];

/** An access token and the single-use refresh token that renews it. */
export interface Tokens {
  accessToken: string;
  refreshToken: string;
}

/** How to reach the API and where tokens come from. */
export interface ShopClientOptions {
  /** Origin of the API, e.g. `https://shop.example.com` (paths start with `/api/v1`). */
  baseUrl: string;
  /** Tokens of an earlier session, if any. */
  tokens?: Tokens | null;
  /** Called whenever tokens change (login, refresh, logout, failed refresh): persist them here. */
  onTokens?: (tokens: Tokens | null) => void;
  /** A `fetch` to use instead of the global one. */
  fetch?: typeof globalThis.fetch;
}

/** The client of the e-commerce API. */
export interface ShopClient {
  /** Every operation, typed from the spec; sends the access token and refreshes it on a 401. */
  readonly api: Client<paths>;
  /** The current tokens, if signed in. */
  tokens(): Tokens | null;
  /** Replaces the tokens (e.g. restored from storage); `null` signs out locally. */
  setTokens(tokens: Tokens | null): void;
  /** Signs in and keeps the tokens; throws {@link ApiError} (401, 429) otherwise. */
  login(credentials: Schemas["LoginRequest"]): Promise<Schemas["TokenResponse"]>;
  /** Exchanges the refresh token for a new pair now; throws {@link ApiError} when it is refused. */
  refresh(): Promise<Tokens>;
  /** Revokes the session on the server and forgets the tokens. */
  logout(): Promise<void>;
}

/** Paths that never carry the access token nor trigger a refresh. */
const CREDENTIAL_PATHS = ["/api/v1/auth/login", "/api/v1/auth/refresh"];

function isCredentialPath(url: string): boolean {
  const path = new URL(url).pathname;
  return CREDENTIAL_PATHS.some((p) => path.endsWith(p));
}

/** Creates a client; see {@link ShopClient}. */
export function createShopClient(options: ShopClientOptions): ShopClient {
  const fetchImpl = options.fetch ?? globalThis.fetch.bind(globalThis);
  let tokens: Tokens | null = options.tokens ?? null;
  let refreshing: Promise<Tokens> | null = null;
  // A copy of each request as sent, so it can be repeated after a refresh.
  const sent = new WeakMap<Request, Request>();

  const setTokens = (next: Tokens | null): void => {
    tokens = next;
    options.onTokens?.(next);
  };

  const api = createClient<paths>({ baseUrl: options.baseUrl, fetch: fetchImpl });

  const refresh = (): Promise<Tokens> => {
    // Concurrent 401s share one refresh: a refresh token is single-use.
    refreshing ??= (async () => {
      const current = tokens;
      if (current === null) {
        throw new ApiError(401, undefined);
      }
      try {
        const pair = await unwrap(
          api.POST("/api/v1/auth/refresh", { body: { refresh_token: current.refreshToken } }),
        );
        const next = { accessToken: pair.access_token, refreshToken: pair.refresh_token };
        setTokens(next);
        return next;
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) {
          setTokens(null);
        }
        throw error;
      }
    })().finally(() => {
      refreshing = null;
    });
    return refreshing;
  };

  const auth: Middleware = {
    onRequest({ request }) {
      if (tokens !== null && !isCredentialPath(request.url)) {
        request.headers.set("Authorization", `Bearer ${tokens.accessToken}`);
      }
      sent.set(request, request.clone());
      return request;
    },
    async onResponse({ request, response }) {
      if (response.status !== 401 || tokens === null || isCredentialPath(request.url)) {
        return response;
      }
      const original = sent.get(request);
      let renewed: Tokens;
      try {
        renewed = await refresh();
      } catch {
        return response;
      }
      if (original === undefined) {
        return response;
      }
      const retry = new Request(original);
      retry.headers.set("Authorization", `Bearer ${renewed.accessToken}`);
      return fetchImpl(retry);
    },
  };
  api.use(auth);

  return {
    api,
    tokens: () => tokens,
    setTokens,
    async login(credentials) {
      const pair = await unwrap(api.POST("/api/v1/auth/login", { body: credentials }));
      setTokens({ accessToken: pair.access_token, refreshToken: pair.refresh_token });
      return pair;
    },
    refresh,
    async logout() {
      const current = tokens;
      if (current === null) {
        return;
      }
      try {
        await unwrap(
          api.POST("/api/v1/auth/logout", { body: { refresh_token: current.refreshToken } }),
        );
      } finally {
        setTokens(null);
      }
    },
  };
}
