/**
 * Cursor iteration: every list answers `{items, next_cursor}`; pass
 * `next_cursor` back as `cursor` until it is `null`.
 */
import { type FetchResult, unwrap } from "./errors.js";

/** One page of any list operation. */
export interface Page<T> {
  items: T[];
  next_cursor?: string | null;
}

/**
 * Yields every item of a list, page after page, until `next_cursor` is `null`.
 *
 * ```ts
 * for await (const product of paginate((cursor) =>
 *   shop.api.GET("/api/v1/products", { params: { query: { sort: "price", cursor } } }),
 * )) { ... }
 * ```
 *
 * Throws {@link ApiError} when a page fails.
 */
export async function* paginate<T>(
  fetchPage: (cursor: string | undefined) => Promise<FetchResult<Page<T>>>,
): AsyncGenerator<T, void, undefined> {
  let cursor: string | undefined;
  for (;;) {
    const page = await unwrap(fetchPage(cursor));
    yield* page.items;
    if (page.next_cursor === null || page.next_cursor === undefined) {
      return;
    }
    cursor = page.next_cursor;
  }
}

/** Every item of a list in one array (see {@link paginate}). */
export async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) {
    all.push(item);
  }
  return all;
}
