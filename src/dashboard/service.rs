//! The dashboard's figures, read in one consistent snapshot.

use chrono::{DateTime, FixedOffset, Utc};
use codegen::{client::GenericClient, queries::dashboard::stats as q};
use rust_decimal::Decimal;

use crate::orders::domain::OrderStatus;

/// Every order status, in lifecycle order (the dashboard lists each, zeros included).
const STATUSES: [OrderStatus; 7] = [
    OrderStatus::Pending,
    OrderStatus::Paid,
    OrderStatus::Processing,
    OrderStatus::Shipped,
    OrderStatus::Delivered,
    OrderStatus::Cancelled,
    OrderStatus::Refunded,
];

/// How many of the lowest-stock products the dashboard lists.
pub const LOW_STOCK_LIST: i64 = 10;

/// The shop at a glance.
#[derive(Debug, Clone, PartialEq)]
pub struct Dashboard {
    /// Active (listed) products.
    pub active_products: i64,
    /// The low-stock threshold the figures use.
    pub low_stock_threshold: i32,
    /// Active products at or below the threshold.
    pub low_stock_products: i64,
    /// Up to [`LOW_STOCK_LIST`] of them, lowest stock first: `(id, name, stock)`.
    pub lowest_stock: Vec<(i64, String, i32)>,
    /// Orders per status, every status listed.
    pub orders_by_status: Vec<(OrderStatus, i64)>,
    /// Completed payments started since `since`.
    pub payments_completed: i64,
    /// Their captured total.
    pub amount_completed: Decimal,
    /// Start of the day the payment figures cover (UTC midnight).
    pub since: DateTime<FixedOffset>,
}

/// Midnight UTC of `now`'s day.
pub fn start_of_day(now: DateTime<Utc>) -> DateTime<FixedOffset> {
    now.date_naive()
        .and_hms_opt(0, 0, 0)
        .expect("midnight exists")
        .and_utc()
        .fixed_offset()
}

/// Reads every figure; run it in a read-only snapshot so they agree.
pub async fn dashboard(
    client: &impl GenericClient,
    threshold: i32,
    now: DateTime<Utc>,
) -> Result<Dashboard, tokio_postgres::Error> {
    let products = q::product_counts().bind(client, &threshold).one().await?;
    let lowest = q::low_stock_products()
        .bind(client, &threshold, &LOW_STOCK_LIST)
        .all()
        .await?;
    let counts = q::order_status_counts().bind(client).all().await?;
    let since = start_of_day(now);
    let payments = q::payments_completed_since()
        .bind(client, &since)
        .one()
        .await?;
    let orders_by_status = STATUSES
        .iter()
        .map(|status| {
            let n = counts
                .iter()
                .find(|c| c.status == status.as_str())
                .map_or(0, |c| c.orders);
            (*status, n)
        })
        .collect();
    Ok(Dashboard {
        active_products: products.active,
        low_stock_threshold: threshold,
        low_stock_products: products.low_stock,
        lowest_stock: lowest
            .into_iter()
            .map(|p| (p.id, p.name, p.stock))
            .collect(),
        orders_by_status,
        payments_completed: payments.payments,
        amount_completed: payments.amount,
        since,
    })
}

/// Makes `low_stock_products` hold the products at or below `threshold`
/// (`LOW_STOCK_THRESHOLD`); run at start-up.
///
/// Locks the stored threshold, so api instances starting together take turns;
/// when it differs, stores `threshold` and refills the table in the same
/// transaction (one pass over products). Returns whether it did.
pub async fn ensure_low_stock_threshold(
    client: &mut crate::db::Client,
    threshold: i32,
) -> Result<bool, tokio_postgres::Error> {
    let tx = client.transaction().await?;
    if q::lock_low_stock_threshold().bind(&tx).one().await? == threshold {
        tx.commit().await?;
        return Ok(false);
    }
    q::set_low_stock_threshold().bind(&tx, &threshold).await?;
    q::clear_low_stock_products().bind(&tx).await?;
    q::fill_low_stock_products().bind(&tx, &threshold).await?;
    tx.commit().await?;
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_day_starts_at_utc_midnight() {
        let now = "2026-03-04T23:59:59Z".parse::<DateTime<Utc>>().unwrap();
        assert_eq!(start_of_day(now).to_rfc3339(), "2026-03-04T00:00:00+00:00");
    }
}
