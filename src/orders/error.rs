//! `OrdersError` and its single mapping to HTTP.

use crate::{
    error::{ApiError, ErrorDetails},
    orders::domain::OrderStatus,
};

/// Everything that can go wrong with orders; each variant's doc names its status.
#[derive(Debug, thiserror::Error)]
pub enum OrdersError {
    /// Becomes `422`, naming the field.
    #[error("{field}: {message}")]
    Invalid {
        /// JSON field.
        field: &'static str,
        /// What is wrong.
        message: String,
    },
    /// Becomes `422`: unknown or inactive product.
    #[error("product {0} does not exist or is not for sale")]
    ProductUnavailable(i64),
    /// Becomes `409`, naming the product and what is left.
    #[error("not enough stock for product {product_id} ({name}): {available} left")]
    InsufficientStock {
        /// Product id.
        product_id: i64,
        /// Product name.
        name: String,
        /// Units left.
        available: i32,
    },
    /// Becomes `404`; also for other users' orders, so ids do not leak.
    #[error("order {0} not found")]
    OrderNotFound(i64),
    /// Becomes `404`.
    #[error("item {0} not found in this order")]
    ItemNotFound(i64),
    /// Becomes `409`.
    #[error("product {0} is already in this order; change that item's quantity instead")]
    DuplicateItem(i64),
    /// Becomes `409`.
    #[error("order {id} is {status}; only pending orders can be changed")]
    NotPending {
        /// Order id.
        id: i64,
        /// Its current status.
        status: OrderStatus,
    },
    /// Becomes `409`.
    #[error("cannot change an order from {from} to {to}")]
    IllegalTransition {
        /// Current status.
        from: OrderStatus,
        /// Requested status.
        to: OrderStatus,
    },
    /// Becomes `409`: payment records keep the order (cancel it instead).
    #[error("order {0} has payments; cancel it instead of deleting it")]
    HasPayments(i64),
    /// Becomes `422`: the key was used before for a different request.
    #[error("Idempotency-Key was already used for a different order request")]
    IdempotencyKeyReused,
    /// Becomes `409`: a checkout is live, so the items are frozen (cancel the payment first).
    #[error(
        "order {0} has a payment in progress; its items cannot change until the payment is cancelled or fails"
    )]
    PaymentPending(i64),
    /// Becomes `422`: the items' total does not fit `NUMERIC(12,2)`.
    #[error("the order total would exceed 9999999999.99")]
    TotalTooLarge,
    /// Becomes `503`: a deadlock or serialization failure persisted through the retries.
    #[error("the order is busy; try again")]
    Contention(#[source] tokio_postgres::Error),
    /// Becomes `403`.
    #[error("{0}")]
    Forbidden(&'static str),
    /// Becomes `400`.
    #[error("{0}")]
    BadCursor(String),
    /// Becomes `503`: no database connection could be had in time.
    #[error("the database is unavailable")]
    Unavailable(#[from] deadpool_postgres::PoolError),
    /// Becomes `500`; logged with its cause chain, never shown to clients.
    #[error(transparent)]
    Unexpected(#[from] anyhow::Error),
}

impl OrdersError {
    /// 422 for one field.
    pub fn invalid(field: &'static str, message: impl Into<String>) -> Self {
        Self::Invalid {
            field,
            message: message.into(),
        }
    }
}

/// A stored value this binary does not know: 500, logged.
impl From<crate::db::UnknownValue> for OrdersError {
    fn from(error: crate::db::UnknownValue) -> Self {
        Self::Unexpected(error.into())
    }
}

impl From<tokio_postgres::Error> for OrdersError {
    fn from(error: tokio_postgres::Error) -> Self {
        if crate::db::is_retryable(&error) {
            Self::Contention(error)
        } else if error.code() == Some(&tokio_postgres::error::SqlState::NUMERIC_VALUE_OUT_OF_RANGE)
        {
            // Only totals (quantity x price summed) can outgrow NUMERIC(12,2) here.
            Self::TotalTooLarge
        } else {
            Self::Unexpected(error.into())
        }
    }
}

impl crate::db::MaybeRetryable for OrdersError {
    fn is_retryable(&self) -> bool {
        matches!(self, Self::Contention(_))
    }
}

impl From<OrdersError> for ApiError {
    fn from(error: OrdersError) -> Self {
        let message = error.to_string();
        match error {
            OrdersError::Invalid { field, message } => ApiError::unprocessable(field, message),
            OrdersError::ProductUnavailable(id) => ApiError::Unprocessable(crate::error::body(
                "product_unavailable",
                message,
                Some(ErrorDetails {
                    field: Some("product_id".into()),
                    product_id: Some(id),
                    ..ErrorDetails::default()
                }),
            )),
            OrdersError::InsufficientStock {
                product_id,
                available,
                ..
            } => ApiError::Conflict(crate::error::body(
                "insufficient_stock",
                message,
                Some(ErrorDetails {
                    product_id: Some(product_id),
                    available: Some(available),
                    ..ErrorDetails::default()
                }),
            )),
            OrdersError::OrderNotFound(_) | OrdersError::ItemNotFound(_) => {
                ApiError::not_found(message)
            }
            OrdersError::DuplicateItem(_) => ApiError::conflict("duplicate_item", message),
            OrdersError::NotPending { .. } => ApiError::conflict("order_not_pending", message),
            OrdersError::IllegalTransition { .. } => {
                ApiError::conflict("illegal_transition", message)
            }
            OrdersError::HasPayments(_) => ApiError::conflict("order_has_payments", message),
            OrdersError::IdempotencyKeyReused => {
                ApiError::unprocessable("Idempotency-Key", message)
            }
            OrdersError::PaymentPending(_) => ApiError::conflict("payment_pending", message),
            OrdersError::TotalTooLarge => ApiError::unprocessable("items", message),
            OrdersError::Contention(e) => {
                tracing::warn!(error = %e, "order transaction gave up after retries");
                ApiError::unavailable(message)
            }
            OrdersError::Forbidden(_) => ApiError::forbidden(message),
            OrdersError::BadCursor(_) => ApiError::invalid_field("cursor", message),
            OrdersError::Unavailable(e) => ApiError::from(e),
            OrdersError::Unexpected(e) => ApiError::internal(e),
        }
    }
}
