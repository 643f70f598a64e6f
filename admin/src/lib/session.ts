/**
 * The one API client of the console and the session it holds.
 *
 * Tokens live in `sessionStorage` (this tab only, gone when it closes). The
 * SDK refreshes them on a 401; when a refresh is refused it clears them, and
 * the console asks to sign in again over the current page, so what was typed
 * stays.
 */
import { createShopClient, type Tokens } from "@ecommerce/sdk";

const KEY = "shop-admin-tokens";

function load(): Tokens | null {
  try {
    const raw = sessionStorage.getItem(KEY);
    return raw === null ? null : (JSON.parse(raw) as Tokens);
  } catch {
    return null;
  }
}

type Listener = (tokens: Tokens | null) => void;
const listeners = new Set<Listener>();

/** The typed client every screen calls the API through. */
export const shop = createShopClient({
  baseUrl: window.location.origin,
  tokens: load(),
  onTokens(tokens) {
    if (tokens === null) {
      sessionStorage.removeItem(KEY);
    } else {
      sessionStorage.setItem(KEY, JSON.stringify(tokens));
    }
    for (const listener of listeners) {
      listener(tokens);
    }
  },
});

/** Calls `listener` whenever the tokens change; returns the unsubscribe function. */
export function onTokens(listener: Listener): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}
