//! `ApiError`: the only place where failures become HTTP responses.
//!
//! Every error the API returns has one shape,
//! `{"error": {"code": "not_found", "message": "...", "details": ...}}`.
//! Domain errors convert into `ApiError` with one `From` impl per domain
//! (beside each domain's error enum); internal errors are logged here, once,
//! with their cause chain and never shown to clients.

use poem::http::StatusCode;
use poem_openapi::{ApiResponse, Object, payload::Json};

use serde_json::Value;

/// Body of every error response.
#[derive(Debug, Clone, Object, serde::Serialize)]
#[oai(example)]
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
    /// Extra context, e.g. `{"field": "price"}`; absent when there is none.
    #[oai(skip_serializing_if_is_none)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub details: Option<Value>,
}

impl poem_openapi::types::Example for ErrorBody {
    fn example() -> Self {
        Self {
            error: ErrorDetail {
                code: "not_found".into(),
                message: "product 42 not found".into(),
                details: None,
            },
        }
    }
}

/// Error responses of every operation, one variant per status.
#[derive(Debug, ApiResponse)]
pub enum ApiError {
    /// Malformed request: bad JSON, bad query or path parameter.
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
    /// Well-formed but semantically invalid input.
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
    /// A dependency (database, broker) is unavailable; retry later.
    #[oai(status = 503)]
    Unavailable(Json<ErrorBody>),
}

/// Builds an envelope.
pub fn body(code: &str, message: impl Into<String>, details: Option<Value>) -> Json<ErrorBody> {
    Json(ErrorBody {
        error: ErrorDetail {
            code: code.to_owned(),
            message: message.into(),
            details,
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
            Some(serde_json::json!({ "field": field })),
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
            Some(serde_json::json!({ "field": field })),
        ))
    }

    /// 429 with Retry-After.
    pub fn too_many_requests(retry_after_secs: u64) -> Self {
        Self::TooManyRequests(
            body(
                "rate_limited",
                format!("too many requests; retry in {retry_after_secs} s"),
                Some(serde_json::json!({ "retry_after": retry_after_secs })),
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
