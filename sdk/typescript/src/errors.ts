/**
 * The API's error envelope as a typed exception.
 *
 * Every error the API returns has the shape
 * `{"error": {"code": "not_found", "message": "...", "details": {...}}}`;
 * {@link ApiError} carries the HTTP status next to it.
 */
import type { components } from "./schema.js";

/** Body of every error response. */
export type ErrorBody = components["schemas"]["ErrorBody"];
/** Structured context of an error (`field`, `unknown_ids`, `product_id`, `available`, `retry_after`). */
export type ErrorDetails = components["schemas"]["ErrorDetails"];

/** Whether `value` has the shape of the API's error envelope. */
export function isErrorBody(value: unknown): value is ErrorBody {
  if (typeof value !== "object" || value === null || !("error" in value)) {
    return false;
  }
  const error = (value as { error: unknown }).error;
  return (
    typeof error === "object" &&
    error !== null &&
    typeof (error as { code?: unknown }).code === "string" &&
    typeof (error as { message?: unknown }).message === "string"
  );
}

/** A non-2xx answer of the API. */
export class ApiError extends Error {
  /** HTTP status, e.g. `404`. */
  readonly status: number;
  /** Stable `snake_case` code, e.g. `not_found`, `insufficient_stock`, `validation_failed`. */
  readonly code: string;
  /** Structured context, when the API gives some. */
  readonly details: ErrorDetails | undefined;

  constructor(status: number, body: unknown) {
    const envelope = isErrorBody(body) ? body.error : undefined;
    super(envelope?.message ?? `HTTP ${status}`);
    this.name = "ApiError";
    this.status = status;
    this.code = envelope?.code ?? "error";
    this.details = envelope?.details;
  }

  /** The request field the API blames (`details.field`), if any. */
  get field(): string | undefined {
    return this.details?.field;
  }
}

/** The `{data, error, response}` triple openapi-fetch resolves to. */
export interface FetchResult<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/**
 * Resolves to the body of a 2xx answer, or throws {@link ApiError}.
 *
 * ```ts
 * const product = await unwrap(shop.api.GET("/api/v1/products/{id}", { params: { path: { id } } }));
 * ```
 */
export async function unwrap<T>(call: Promise<FetchResult<T>>): Promise<T> {
  const { data, error, response } = await call;
  if (!response.ok) {
    throw new ApiError(response.status, error);
  }
  return data as T;
}
