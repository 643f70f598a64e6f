/**
 * TypeScript SDK of the e-commerce API.
 *
 * - `createShopClient`: typed calls (`shop.api.GET(...)`), bearer auth, automatic refresh.
 * - `unwrap`: a call's data, or a thrown `ApiError` with `status`, `code`, `details`.
 * - `paginate` / `collect`: every item of a list, following `next_cursor`.
 * - `paths`, `components`, `operations`: the types generated from `docs/openapi.json`.
 */
export { createShopClient, type ShopClient, type ShopClientOptions, type Tokens } from "./client.js";
export {
  ApiError,
  isErrorBody,
  unwrap,
  type ErrorBody,
  type ErrorDetails,
  type FetchResult,
} from "./errors.js";
export { collect, paginate, type Page } from "./pagination.js";
export type { components, operations, paths } from "./schema.js";

import type { components } from "./schema.js";

type Schemas = components["schemas"];
/** A product with its categories. */
export type Product = Schemas["ProductResponse"];
/** A category. */
export type Category = Schemas["CategoryResponse"];
/** An order with its items. */
export type Order = Schemas["OrderResponse"];
/** A user as the API shows it. */
export type User = Schemas["UserResponse"];
/** A payment with its refunds. */
export type Payment = Schemas["PaymentResponse"];
/** An order's lifecycle status. */
export type OrderStatus = Schemas["OrderStatus"];
/** A product list order (`sort`). */
export type ProductSort = Schemas["ProductSort"];
