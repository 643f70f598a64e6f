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
    #[error("payment {id} is {status}; only pending payments can be cancelled")]
    PaymentNotPending {
        /// Payment id.
        id: i64,
        /// Its status.
        status: &'static str,
    },
    /// Becomes `409`: only payments with a verified charge can be refunded.
    #[error("payment {id} is {status}; only completed payments can be refunded")]
    NotRefundable {
        /// Payment id.
        id: i64,
        /// Its status.
        status: &'static str,
    },
    /// Becomes `409`: everything was refunded already (or is being refunded).
    #[error("payment {0} has nothing left to refund")]
    NothingLeftToRefund(i64),
    /// Becomes `422`, naming the field.
    #[error("{field}: {message}")]
    Invalid {
        /// JSON field.
        field: &'static str,
        /// What is wrong.
        message: String,
    },
    /// Becomes `503`: a deadlock or serialization failure persisted through the retries.
    #[error("the payment is busy; try again")]
    Contention(#[source] tokio_postgres::Error),
    /// Becomes `422`.
    #[error("order {0} has nothing to pay (total is 0)")]
    NothingToPay(i64),
    /// Becomes `502` with a generic message; the detail is logged, never shown or stored.
    #[error("the payment gateway is unavailable; try again later")]
    Gateway(#[from] ChapaError),
    /// Becomes `422`: the key was used before for a different request.
    #[error("Idempotency-Key was already used for a different payment request")]
    IdempotencyKeyReused,
    /// Becomes `401`.
    #[error("missing or invalid webhook signature")]
    BadSignature,
    /// Becomes `400 validation_failed` on `cursor`.
    #[error("{0}")]
    BadCursor(String),
    /// Becomes `503`: no database connection could be had in time.
    #[error("the database is unavailable")]
    Unavailable(#[from] deadpool_postgres::PoolError),
    /// Becomes `500`; logged with its cause chain, never shown to clients.
    #[error(transparent)]
    Unexpected(#[from] anyhow::Error),
}

/// A stored value this binary does not know: 500, logged.
impl From<crate::db::UnknownValue> for PaymentsError {
    fn from(error: crate::db::UnknownValue) -> Self {
        Self::Unexpected(error.into())
    }
}

impl From<tokio_postgres::Error> for PaymentsError {
    fn from(error: tokio_postgres::Error) -> Self {
        if crate::db::is_retryable(&error) {
            Self::Contention(error)
        } else {
            Self::Unexpected(error.into())
        }
    }
}

impl crate::db::MaybeRetryable for PaymentsError {
    fn is_retryable(&self) -> bool {
        matches!(self, Self::Contention(_))
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
            PaymentsError::NotRefundable { .. } => {
                ApiError::conflict("payment_not_refundable", message)
            }
            PaymentsError::NothingLeftToRefund(_) => {
                ApiError::conflict("nothing_left_to_refund", message)
            }
            PaymentsError::Invalid { field, message } => ApiError::unprocessable(field, message),
            PaymentsError::Contention(e) => {
                tracing::warn!(error = %e, "payment transaction gave up after retries");
                ApiError::unavailable(message)
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
            PaymentsError::BadCursor(_) => ApiError::invalid_field("cursor", message),
            PaymentsError::Unavailable(e) => ApiError::from(e),
            PaymentsError::Unexpected(e) => ApiError::internal(e),
        }
    }
}
