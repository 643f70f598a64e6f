//! `PaymentsError` and its single mapping to HTTP.

use crate::{error::ApiError, payments::client::ChapaError};

/// Everything that can go wrong with payments; each variant's doc names its status.
#[derive(Debug, thiserror::Error)]
pub enum PaymentsError {
    /// Becomes `404`; also for other users' orders.
    #[error("order {0} not found")]
    OrderNotFound(i64),
    /// Becomes `404`; also for other users' payments.
    #[error("payment {0} not found")]
    PaymentNotFound(i64),
    /// Becomes `409`.
    #[error("order {id} is {status}; only pending orders can be paid")]
    OrderNotPending {
        /// Order id.
        id: i64,
        /// Its status.
        status: String,
    },
    /// Becomes `409`.
    #[error("payment {id} is {status}; only pending payments can be deleted")]
    PaymentNotPending {
        /// Payment id.
        id: i64,
        /// Its status.
        status: String,
    },
    /// Becomes `422`.
    #[error("order {0} has nothing to pay (total is 0)")]
    NothingToPay(i64),
    /// Becomes `502`; the payment is recorded as failed.
    #[error("payment gateway error: {0}")]
    Gateway(#[from] ChapaError),
    /// Becomes `422`: the key was used before for a different request.
    #[error("Idempotency-Key was already used for a different payment request")]
    IdempotencyKeyReused,
    /// Becomes `401`.
    #[error("missing or invalid webhook signature")]
    BadSignature,
    /// Becomes `400`.
    #[error("{0}")]
    BadRequest(String),
    /// Becomes `503`: no database connection could be had in time.
    #[error("the database is unavailable")]
    Unavailable(#[from] deadpool_postgres::PoolError),
    /// Becomes `500`; logged with its cause chain, never shown to clients.
    #[error(transparent)]
    Unexpected(#[from] anyhow::Error),
}

impl From<tokio_postgres::Error> for PaymentsError {
    fn from(error: tokio_postgres::Error) -> Self {
        Self::Unexpected(error.into())
    }
}

impl From<PaymentsError> for ApiError {
    fn from(error: PaymentsError) -> Self {
        let message = error.to_string();
        match error {
            PaymentsError::OrderNotFound(_) | PaymentsError::PaymentNotFound(_) => {
                ApiError::not_found(message)
            }
            PaymentsError::OrderNotPending { .. } => {
                ApiError::conflict("order_not_pending", message)
            }
            PaymentsError::PaymentNotPending { .. } => {
                ApiError::conflict("payment_not_pending", message)
            }
            PaymentsError::NothingToPay(_) => ApiError::unprocessable("order_id", message),
            PaymentsError::Gateway(e) => {
                tracing::warn!(error = %e, "payment gateway failure");
                ApiError::bad_gateway(message)
            }
            PaymentsError::IdempotencyKeyReused => {
                ApiError::unprocessable("Idempotency-Key", message)
            }
            PaymentsError::BadSignature => ApiError::unauthorized(message),
            PaymentsError::BadRequest(m) => ApiError::bad_request(m),
            PaymentsError::Unavailable(e) => ApiError::from(e),
            PaymentsError::Unexpected(e) => ApiError::internal(e),
        }
    }
}
