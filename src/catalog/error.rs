//! `CatalogError`: every way a catalog operation can fail, and its HTTP mapping.

use crate::error::{ApiError, ErrorDetails, body};

/// A failed catalog operation; [`ApiError`]'s `From` impl below assigns the statuses.
#[derive(Debug, thiserror::Error)]
pub enum CatalogError {
    /// Becomes `400 validation_failed` with `details.field`.
    #[error("{message}")]
    Invalid {
        /// The offending request field or query parameter.
        field: &'static str,
        /// What is wrong with it.
        message: String,
    },
    /// Becomes `400 validation_failed` with `details.field = "cursor"`.
    #[error("{0}")]
    InvalidCursor(String),
    /// Becomes `404 Not Found`.
    #[error("product {0} not found")]
    ProductNotFound(i64),
    /// Becomes `404 Not Found`.
    #[error("category {0} not found")]
    CategoryNotFound(i64),
    /// Becomes `409 name_taken`.
    #[error("a category named `{0}` already exists")]
    CategoryNameTaken(String),
    /// Becomes `409 slug_taken`.
    #[error("slug `{0}` is already taken")]
    SlugTaken(String),
    /// Becomes `409`: a negative `stock_delta` larger than the units left.
    #[error("stock_delta would make the stock negative")]
    StockWouldGoNegative,
    /// Becomes `422 validation_failed` on `stock_delta`: the stock would pass 2147483647.
    #[error("stock_delta would make the stock larger than 2147483647")]
    StockOutOfRange,
    /// Becomes `422 validation_failed` listing the ids in `details.unknown_ids`.
    #[error("unknown category ids: {0:?}")]
    UnknownCategories(Vec<i64>),
    /// Becomes `503`: no database connection could be had (the reads that take the pool).
    #[error("the database is unavailable")]
    Unavailable(#[from] deadpool_postgres::PoolError),
    /// A deadlock or serialization failure: the write is retried
    /// ([`crate::db::retry`]); `503` once the retries are spent. A category
    /// deleted while its products are edited can meet one (the cascade locks a
    /// link, then its product; the edit locks the product, then its links).
    #[error("the catalog is busy with a conflicting change; try again")]
    Contention(#[source] tokio_postgres::Error),
    /// Becomes `500`; logged with its cause chain, never shown to clients.
    #[error(transparent)]
    Unexpected(#[from] anyhow::Error),
}

impl CatalogError {
    /// Shorthand for [`CatalogError::Invalid`].
    pub fn invalid(field: &'static str, message: impl Into<String>) -> Self {
        Self::Invalid {
            field,
            message: message.into(),
        }
    }
}

impl From<tokio_postgres::Error> for CatalogError {
    fn from(error: tokio_postgres::Error) -> Self {
        if crate::db::is_retryable(&error) {
            Self::Contention(error)
        } else {
            Self::Unexpected(anyhow::Error::new(error).context("catalog query failed"))
        }
    }
}

impl crate::db::MaybeRetryable for CatalogError {
    fn is_retryable(&self) -> bool {
        matches!(self, Self::Contention(_))
    }
}

/// Replica routing: a replica that cannot be reached, or a read that failed
/// unexpectedly there (a query cancelled by a recovery conflict), is retried on
/// the primary; a 404 or a validation error is the answer.
impl crate::db::replicas::ReplicaError for CatalogError {
    fn is_replica_outage(&self) -> bool {
        match self {
            Self::Unavailable(_) => true,
            Self::Unexpected(e) => e.chain().any(|cause| {
                cause
                    .downcast_ref::<tokio_postgres::Error>()
                    .is_some_and(crate::db::is_outage)
            }),
            _ => false,
        }
    }

    fn try_primary(&self) -> bool {
        matches!(self, Self::Unavailable(_) | Self::Unexpected(_))
    }
}

impl From<CatalogError> for ApiError {
    fn from(error: CatalogError) -> Self {
        let message = error.to_string();
        match error {
            CatalogError::Invalid { field, .. } => ApiError::invalid_field(field, message),
            CatalogError::InvalidCursor(_) => ApiError::invalid_field("cursor", message),
            CatalogError::ProductNotFound(_) | CatalogError::CategoryNotFound(_) => {
                ApiError::not_found(message)
            }
            CatalogError::CategoryNameTaken(_) => ApiError::conflict("name_taken", message),
            CatalogError::SlugTaken(_) => ApiError::conflict("slug_taken", message),
            CatalogError::StockWouldGoNegative => ApiError::conflict("insufficient_stock", message),
            CatalogError::StockOutOfRange => ApiError::unprocessable("stock_delta", message),
            CatalogError::UnknownCategories(ids) => ApiError::Unprocessable(body(
                "validation_failed",
                message,
                Some(ErrorDetails {
                    field: Some("category_ids".into()),
                    unknown_ids: Some(ids),
                    ..ErrorDetails::default()
                }),
            )),
            CatalogError::Unavailable(e) => ApiError::from(e),
            CatalogError::Contention(e) => {
                tracing::warn!(error = %e, "catalog write gave up after retries");
                ApiError::unavailable(message)
            }
            CatalogError::Unexpected(e) => ApiError::internal(e),
        }
    }
}
