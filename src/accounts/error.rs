//! `AccountsError` and its single mapping to HTTP.

use crate::{
    accounts::domain::Invalid,
    error::{ApiError, body},
};

/// Everything that can go wrong in accounts; each variant's doc names its status.
#[derive(Debug, thiserror::Error)]
pub enum AccountsError {
    /// Becomes `400`, naming the field.
    #[error("{}: {}", .0.field, .0.message)]
    Invalid(Invalid),
    /// Becomes `409`.
    #[error("email is already registered")]
    EmailTaken,
    /// Becomes `409`.
    #[error("username is already taken")]
    UsernameTaken,
    /// Becomes `409`.
    #[error("phone number is already registered")]
    PhoneTaken,
    /// Becomes `401`; same message whether the account exists or not.
    #[error("invalid login or password")]
    InvalidCredentials,
    /// Becomes `401`.
    #[error("invalid, expired or revoked refresh token")]
    InvalidRefreshToken,
    /// Becomes `400 invalid_token`: one message for a wrong, expired, used or
    /// cross-purpose account token, so none of them can be told apart.
    #[error("the link is invalid or has expired; request a new one")]
    InvalidToken,
    /// Becomes `403 email_not_verified` (with `REQUIRE_VERIFIED_EMAIL`).
    #[error(
        "verify your email address first; the link is in your welcome email (or request a new one)"
    )]
    EmailNotVerified,
    /// Becomes `409 email_already_verified`.
    #[error("the email address is already verified")]
    EmailAlreadyVerified,
    /// Becomes `429` with `Retry-After`.
    #[error("too many attempts")]
    RateLimited {
        /// Seconds until the window resets.
        retry_after: u64,
    },
    /// Becomes `404`.
    #[error("user {0} not found")]
    UserNotFound(i64),
    /// Becomes `403`.
    #[error("{0}")]
    Forbidden(&'static str),
    /// Becomes `409`: the change would leave no active admin.
    #[error("user {0} is the last active admin; promote another admin first")]
    LastAdmin(i64),
    /// Becomes `409`: the user's orders keep them from being deleted.
    #[error("user {0} has orders or payments; deactivate the account instead")]
    HasHistory(i64),
    /// Becomes `503`: Redis (rate limits, revocation) is unreachable.
    #[error("authentication is temporarily unavailable")]
    Unavailable(#[source] redis::RedisError),
    /// Becomes `503`: no database connection could be had in time.
    #[error("the database is unavailable")]
    DatabaseUnavailable(#[from] deadpool_postgres::PoolError),
    /// Becomes `500`; logged with its cause chain, never shown to clients.
    #[error(transparent)]
    Unexpected(#[from] anyhow::Error),
}

impl From<Invalid> for AccountsError {
    fn from(invalid: Invalid) -> Self {
        Self::Invalid(invalid)
    }
}

/// A stored value this binary does not know: 500, logged.
impl From<crate::db::UnknownValue> for AccountsError {
    fn from(error: crate::db::UnknownValue) -> Self {
        Self::Unexpected(error.into())
    }
}

impl From<tokio_postgres::Error> for AccountsError {
    fn from(error: tokio_postgres::Error) -> Self {
        Self::Unexpected(error.into())
    }
}

impl From<redis::RedisError> for AccountsError {
    fn from(error: redis::RedisError) -> Self {
        Self::Unavailable(error)
    }
}

impl From<AccountsError> for ApiError {
    fn from(error: AccountsError) -> Self {
        let message = error.to_string();
        match error {
            AccountsError::Invalid(invalid) => {
                ApiError::invalid_field(invalid.field, invalid.message)
            }
            AccountsError::EmailTaken => ApiError::conflict("email_taken", message),
            AccountsError::UsernameTaken => ApiError::conflict("username_taken", message),
            AccountsError::PhoneTaken => ApiError::conflict("phone_taken", message),
            AccountsError::InvalidCredentials | AccountsError::InvalidRefreshToken => {
                ApiError::unauthorized(message)
            }
            AccountsError::InvalidToken => {
                ApiError::BadRequest(body("invalid_token", message, None))
            }
            AccountsError::EmailNotVerified => {
                ApiError::Forbidden(body("email_not_verified", message, None))
            }
            AccountsError::EmailAlreadyVerified => {
                ApiError::conflict("email_already_verified", message)
            }
            AccountsError::RateLimited { retry_after } => ApiError::too_many_requests(retry_after),
            AccountsError::UserNotFound(_) => ApiError::not_found(message),
            AccountsError::Forbidden(_) => ApiError::forbidden(message),
            AccountsError::HasHistory(_) => ApiError::conflict("user_has_history", message),
            AccountsError::LastAdmin(_) => ApiError::conflict("last_admin", message),
            AccountsError::Unavailable(e) => {
                tracing::warn!(error = %e, "redis unavailable");
                ApiError::unavailable(message)
            }
            AccountsError::DatabaseUnavailable(e) => ApiError::from(e),
            AccountsError::Unexpected(e) => ApiError::internal(e),
        }
    }
}
