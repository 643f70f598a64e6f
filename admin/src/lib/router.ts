/**
 * A tiny router over the History API: paths under `/admin/`, links that
 * navigate without reloading, and query parameters as filter state.
 */
import { useEffect, useState } from "preact/hooks";

/** Where the api serves the console. */
export const BASE = "/admin";

/** The current path below `/admin` (`/products/12`) and its query. */
export interface Location {
  path: string;
  query: URLSearchParams;
}

function current(): Location {
  const path = window.location.pathname.startsWith(BASE)
    ? window.location.pathname.slice(BASE.length)
    : window.location.pathname;
  return { path: path === "" ? "/" : path, query: new URLSearchParams(window.location.search) };
}

/** Goes to `to` (a path below `/admin`, query included). */
export function navigate(to: string, replace = false): void {
  const url = `${BASE}${to}`;
  if (replace) {
    window.history.replaceState(null, "", url);
  } else {
    window.history.pushState(null, "", url);
  }
  window.dispatchEvent(new Event("popstate"));
}

/** The current location; re-renders on navigation. */
export function useLocation(): Location {
  const [location, setLocation] = useState(current);
  useEffect(() => {
    const update = (): void => {
      setLocation(current());
    };
    window.addEventListener("popstate", update);
    return () => {
      window.removeEventListener("popstate", update);
    };
  }, []);
  return location;
}

/** `?a=1&b=` from the non-empty entries of `params`. */
export function queryString(params: Record<string, string | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== "") {
      search.set(key, value);
    }
  }
  const text = search.toString();
  return text === "" ? "" : `?${text}`;
}

/** Matches `/products/:id` style patterns; returns the parameters or `null`. */
export function match(pattern: string, path: string): Record<string, string> | null {
  const want = pattern.split("/");
  const got = path.split("/");
  if (want.length !== got.length) {
    return null;
  }
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const w = want[i] ?? "";
    const g = got[i] ?? "";
    if (w.startsWith(":")) {
      params[w.slice(1)] = decodeURIComponent(g);
    } else if (w !== g) {
      return null;
    }
  }
  return params;
}
