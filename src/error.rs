//! `ApiError`: the only place where failures become HTTP responses.
//!
//! Every error the API returns has one shape,
//! `{"error": {"code": "not_found", "message": "...", "details": ...}}`.
//! Domain errors convert into `ApiError` with one `From` impl per domain
//! (beside each domain's error enum); internal errors are logged here, once,
//! with their cause chain and never shown to clients.

use std::marker::PhantomData;

use poem::http::StatusCode;
use poem_openapi::{
    ApiResponse, Object,
    payload::Json,
    registry::{MetaResponses, Registry},
};

/// Body of every error response.
#[derive(Debug, Clone, Object, serde::Serialize)]
pub struct ErrorBody {
    /// The error itself.
    pub error: ErrorDetail,
}

/// Machine-readable code, human message, optional structured details.
#[derive(Debug, Clone, Object, serde::Serialize)]
pub struct ErrorDetail {
    /// Stable `snake_case` code, e.g. `not_found`, `validation_failed`, `conflict`.
    pub code: String,
    /// Human-readable explanation.
    pub message: String,
    /// Extra context; absent when there is none (boxed: most errors have none).
    #[oai(skip_serializing_if_is_none)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub details: Option<Box<ErrorDetails>>,
}

/// Structured context of an error; each member is present only where it applies.
#[derive(Debug, Clone, Default, PartialEq, Eq, Object, serde::Serialize)]
#[oai(skip_serializing_if_is_none)]
pub struct ErrorDetails {
    /// The request field, query parameter or header at fault (`validation_failed`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// Category ids that do not exist (`422` on products).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unknown_ids: Option<Vec<i64>>,
    /// The product at fault (`insufficient_stock`, `product_unavailable`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub product_id: Option<i64>,
    /// Units of the product left (`insufficient_stock`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub available: Option<i32>,
    /// Seconds until a retry may succeed (`rate_limited`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub retry_after: Option<u64>,
}

impl ErrorDetails {
    /// Details naming one field.
    pub fn field(field: impl Into<String>) -> Self {
        Self {
            field: Some(field.into()),
            ..Self::default()
        }
    }
}

/// Error responses of every operation, one variant per status.
///
/// Handlers do not return it directly: they return [`Errors`], which documents
/// only the statuses the operation can answer with.
#[derive(Debug, ApiResponse)]
pub enum ApiError {
    /// The request does not match the schema: bad JSON, a field, query, path or header parameter.
    #[oai(status = 400)]
    BadRequest(Json<ErrorBody>),
    /// Missing, expired, revoked or invalid credentials.
    #[oai(status = 401)]
    Unauthorized(Json<ErrorBody>),
    /// Authenticated but not allowed.
    #[oai(status = 403)]
    Forbidden(Json<ErrorBody>),
    /// The resource does not exist (or is not visible to the caller).
    #[oai(status = 404)]
    NotFound(Json<ErrorBody>),
    /// The request conflicts with current state (duplicate, wrong status, no stock).
    #[oai(status = 409)]
    Conflict(Json<ErrorBody>),
    /// The body is larger than the server accepts.
    #[oai(status = 413)]
    PayloadTooLarge(Json<ErrorBody>),
    /// The URI (path and query) is longer than the server accepts.
    #[oai(status = 414)]
    UriTooLong(Json<ErrorBody>),
    /// The body is not `application/json`.
    #[oai(status = 415)]
    UnsupportedMediaType(Json<ErrorBody>),
    /// Well-formed but breaks a rule the schema cannot state (unknown ids, duplicates, reused keys).
    #[oai(status = 422)]
    Unprocessable(Json<ErrorBody>),
    /// Rate limit hit; retry after the given number of seconds.
    #[oai(status = 429)]
    TooManyRequests(
        Json<ErrorBody>,
        /// Seconds until a retry may succeed.
        #[oai(header = "Retry-After")]
        u64,
    ),
    /// Unexpected failure; details are in the server log, not here.
    #[oai(status = 500)]
    Internal(Json<ErrorBody>),
    /// An upstream service (payment gateway) failed.
    #[oai(status = 502)]
    BadGateway(Json<ErrorBody>),
    /// A dependency (database, Redis) is unavailable or the server is overloaded; retry later.
    #[oai(status = 503)]
    Unavailable(Json<ErrorBody>),
}

/// Bits naming the error statuses an operation documents, for [`Errors`].
///
/// `414`, `500` and `503` are documented on every operation: the edge refuses
/// an over-long URI and sheds load before a handler runs, and any handler can
/// fail unexpectedly.
pub mod status {
    /// `400`: the request breaks the schema.
    pub const BAD_REQUEST: u16 = 1 << 0;
    /// `401`: no valid credentials.
    pub const UNAUTHORIZED: u16 = 1 << 1;
    /// `403`: not allowed.
    pub const FORBIDDEN: u16 = 1 << 2;
    /// `404`: no such resource.
    pub const NOT_FOUND: u16 = 1 << 3;
    /// `409`: conflicts with the current state.
    pub const CONFLICT: u16 = 1 << 4;
    /// `413`: body too large.
    pub const PAYLOAD_TOO_LARGE: u16 = 1 << 5;
    /// `415`: body not JSON.
    pub const UNSUPPORTED_MEDIA_TYPE: u16 = 1 << 6;
    /// `422`: breaks a rule the schema cannot state.
    pub const UNPROCESSABLE: u16 = 1 << 7;
    /// `429`: rate limited.
    pub const TOO_MANY_REQUESTS: u16 = 1 << 8;
    /// `502`: the payment gateway failed.
    pub const BAD_GATEWAY: u16 = 1 << 9;

    /// An operation with a JSON body: it can be malformed, too large or not JSON.
    pub const BODY: u16 = BAD_REQUEST | PAYLOAD_TOO_LARGE | UNSUPPORTED_MEDIA_TYPE;
    /// An admin-only operation.
    pub const ADMIN: u16 = UNAUTHORIZED | FORBIDDEN;

    /// The bit of an HTTP status, if it has one.
    pub const fn bit(code: u16) -> Option<u16> {
        Some(match code {
            400 => BAD_REQUEST,
            401 => UNAUTHORIZED,
            403 => FORBIDDEN,
            404 => NOT_FOUND,
            409 => CONFLICT,
            413 => PAYLOAD_TOO_LARGE,
            415 => UNSUPPORTED_MEDIA_TYPE,
            422 => UNPROCESSABLE,
            429 => TOO_MANY_REQUESTS,
            502 => BAD_GATEWAY,
            _ => return None,
        })
    }
}

/// The errors of one operation: an [`ApiError`] whose spec lists only the statuses in `S`.
///
/// `S` is a union of [`status`] bits, e.g. `Errors<{ status::BODY | status::NOT_FOUND }>`.
/// Every domain error converts into it through its `From<...> for ApiError`
/// impl, so statuses are still assigned in one place per domain.
pub struct Errors<const S: u16>(pub ApiError, PhantomData<()>);

/// A handler result whose error documents the statuses `S`.
pub type ApiResult<T, const S: u16> = Result<T, Errors<S>>;

impl<const S: u16> Errors<S> {
    /// Whether the spec of this operation lists `code`.
    pub const fn documents(code: u16) -> bool {
        match status::bit(code) {
            Some(bit) => S & bit != 0,
            None => matches!(code, 414 | 500 | 503),
        }
    }
}

impl<const S: u16> std::fmt::Debug for Errors<S> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

impl<const S: u16> ApiResponse for Errors<S> {
    fn meta() -> MetaResponses {
        let mut meta = ApiError::meta();
        meta.responses
            .retain(|r| r.status.is_some_and(Self::documents));
        meta
    }

    fn register(registry: &mut Registry) {
        ApiError::register(registry);
    }
}

impl<const S: u16> From<Errors<S>> for poem::Error {
    fn from(error: Errors<S>) -> Self {
        error.0.into()
    }
}

/// `From<E> for Errors<S>` through `ApiError`, for every error handlers meet.
macro_rules! errors_from {
    ($($source:ty),* $(,)?) => {$(
        impl<const S: u16> From<$source> for Errors<S> {
            fn from(error: $source) -> Self {
                Self(ApiError::from(error), PhantomData)
            }
        }
    )*};
}

errors_from!(
    anyhow::Error,
    deadpool_postgres::PoolError,
    tokio_postgres::Error,
    crate::accounts::error::AccountsError,
    crate::catalog::error::CatalogError,
    crate::orders::error::OrdersError,
    crate::payments::error::PaymentsError,
);

impl<const S: u16> From<ApiError> for Errors<S> {
    fn from(error: ApiError) -> Self {
        Self(error, PhantomData)
    }
}

/// Builds an envelope.
pub fn body(
    code: &str,
    message: impl Into<String>,
    details: Option<ErrorDetails>,
) -> Json<ErrorBody> {
    Json(ErrorBody {
        error: ErrorDetail {
            code: code.to_owned(),
            message: message.into(),
            details: details.map(Box::new),
        },
    })
}

impl ApiError {
    /// 400 with a code and message.
    pub fn bad_request(message: impl Into<String>) -> Self {
        Self::BadRequest(body("bad_request", message, None))
    }

    /// 400 for one invalid field; `details` names it.
    pub fn invalid_field(field: &str, message: impl Into<String>) -> Self {
        Self::BadRequest(body(
            "validation_failed",
            message,
            Some(ErrorDetails::field(field)),
        ))
    }

    /// 401 with a message.
    pub fn unauthorized(message: impl Into<String>) -> Self {
        Self::Unauthorized(body("unauthorized", message, None))
    }

    /// 403 with a message.
    pub fn forbidden(message: impl Into<String>) -> Self {
        Self::Forbidden(body("forbidden", message, None))
    }

    /// 404 with a message.
    pub fn not_found(message: impl Into<String>) -> Self {
        Self::NotFound(body("not_found", message, None))
    }

    /// 409 with a code and message.
    pub fn conflict(code: &str, message: impl Into<String>) -> Self {
        Self::Conflict(body(code, message, None))
    }

    /// 422 for one invalid field.
    pub fn unprocessable(field: &str, message: impl Into<String>) -> Self {
        Self::Unprocessable(body(
            "validation_failed",
            message,
            Some(ErrorDetails::field(field)),
        ))
    }

    /// 429 with Retry-After.
    pub fn too_many_requests(retry_after_secs: u64) -> Self {
        Self::TooManyRequests(
            body(
                "rate_limited",
                format!("too many requests; retry in {retry_after_secs} s"),
                Some(ErrorDetails {
                    retry_after: Some(retry_after_secs),
                    ..ErrorDetails::default()
                }),
            ),
            retry_after_secs,
        )
    }

    /// 502 for an upstream failure.
    pub fn bad_gateway(message: impl Into<String>) -> Self {
        Self::BadGateway(body("bad_gateway", message, None))
    }

    /// 503: a dependency is down.
    pub fn unavailable(message: impl Into<String>) -> Self {
        Self::Unavailable(body("unavailable", message, None))
    }

    /// 500: logs the full cause chain once, answers with an opaque message.
    pub fn internal(error: impl Into<anyhow::Error>) -> Self {
        let error = error.into();
        tracing::error!(error.cause_chain = ?error, "internal error: {error:#}");
        Self::Internal(body("internal", "an internal error occurred", None))
    }
}

impl From<anyhow::Error> for ApiError {
    fn from(error: anyhow::Error) -> Self {
        Self::internal(error)
    }
}

impl From<deadpool_postgres::PoolError> for ApiError {
    fn from(error: deadpool_postgres::PoolError) -> Self {
        tracing::warn!(error.cause_chain = ?error, "database pool unavailable");
        Self::unavailable("the database is unavailable; retry later")
    }
}

impl From<tokio_postgres::Error> for ApiError {
    fn from(error: tokio_postgres::Error) -> Self {
        Self::internal(error)
    }
}

/// Stable code for a status, used when poem itself produced the error.
pub fn code_for_status(status: StatusCode) -> &'static str {
    match status {
        StatusCode::BAD_REQUEST => "bad_request",
        StatusCode::UNAUTHORIZED => "unauthorized",
        StatusCode::FORBIDDEN => "forbidden",
        StatusCode::NOT_FOUND => "not_found",
        StatusCode::METHOD_NOT_ALLOWED => "method_not_allowed",
        StatusCode::CONFLICT => "conflict",
        StatusCode::PAYLOAD_TOO_LARGE => "payload_too_large",
        StatusCode::UNSUPPORTED_MEDIA_TYPE => "unsupported_media_type",
        StatusCode::UNPROCESSABLE_ENTITY => "validation_failed",
        StatusCode::TOO_MANY_REQUESTS => "rate_limited",
        StatusCode::BAD_GATEWAY => "bad_gateway",
        StatusCode::SERVICE_UNAVAILABLE => "unavailable",
        s if s.is_server_error() => "internal",
        _ => "error",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_snake_case_per_status() {
        assert_eq!(code_for_status(StatusCode::NOT_FOUND), "not_found");
        assert_eq!(
            code_for_status(StatusCode::METHOD_NOT_ALLOWED),
            "method_not_allowed"
        );
        assert_eq!(
            code_for_status(StatusCode::INTERNAL_SERVER_ERROR),
            "internal"
        );
    }

    #[test]
    fn too_many_requests_carries_retry_after() {
        match ApiError::too_many_requests(7) {
            ApiError::TooManyRequests(body, secs) => {
                assert_eq!(secs, 7);
                assert_eq!(body.0.error.code, "rate_limited");
            }
            other => panic!("unexpected {other:?}"),
        }
    }

    /// Every domain answers 503, not 500, when the pool has no connection to give.
    #[test]
    fn a_pool_timeout_is_503_in_every_domain() {
        use deadpool_postgres::{PoolError, TimeoutType};

        let timeout = || PoolError::Timeout(TimeoutType::Wait);
        let mapped = [
            ApiError::from(crate::accounts::error::AccountsError::from(timeout())),
            ApiError::from(crate::catalog::error::CatalogError::from(timeout())),
            ApiError::from(crate::orders::error::OrdersError::from(timeout())),
            ApiError::from(crate::payments::error::PaymentsError::from(timeout())),
        ];
        for error in mapped {
            match error {
                ApiError::Unavailable(body) => assert_eq!(body.0.error.code, "unavailable"),
                other => panic!("expected 503, got {other:?}"),
            }
        }
    }
}
