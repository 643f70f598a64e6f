//! Bulk orders for benchmarks (`api seed --orders N`): COPY, then set-based items and totals.
//!
//! Orders are spread over the bulk users (`accounts::seed`) so that the first
//! one, `bulk-user-0`, has exactly [`ORDERS_OF_FIRST_USER`] orders and the
//! others share the rest round-robin. Each order then gets one to three items
//! and its total in one `fill_bulk_orders` statement per batch, so
//! `total_amount = sum(quantity * unit_price)` holds as it does for orders
//! placed through the API.

use std::fmt::Write as _;

use anyhow::Context;
use codegen::queries::{
    accounts::users as q_users, catalog::products as q_products, orders::orders as q,
};

use crate::{accounts::seed::BULK_USER_PREFIX, db};

/// The one orders statement kept in Rust, because cornucopia cannot express COPY.
///
/// Same exception as `catalog::seed::COPY_PRODUCTS_STATEMENT`. The idempotency
/// key marks bulk orders (the loader counts them to resume).
pub const COPY_ORDERS_STATEMENT: &str =
    "COPY orders (user_id, status, shipping_address, idempotency_key, created_at) FROM STDIN";

/// Idempotency-key prefix of bulk orders.
pub const BULK_ORDER_PREFIX: &str = "bulk-order-";
/// Orders of the first bulk user (the benchmark lists them).
pub const ORDERS_OF_FIRST_USER: u64 = 50;
/// Orders given items per statement (keeps progress visible).
const FILL_BATCH: i64 = 20_000;

/// Status of bulk order `i`: mostly finished orders, some in flight, a few cancelled.
const STATUSES: [&str; 10] = [
    "delivered",
    "delivered",
    "delivered",
    "shipped",
    "shipped",
    "paid",
    "processing",
    "pending",
    "pending",
    "cancelled",
];

/// Index (in id order) of the bulk user who placed bulk order `i`, given `users` bulk users.
pub fn bulk_order_user(i: u64, users: u64) -> u64 {
    if i < ORDERS_OF_FIRST_USER || users < 2 {
        0
    } else {
        1 + (i - ORDERS_OF_FIRST_USER) % (users - 1)
    }
}

/// Appends bulk order `i` (placed by user `user_id`) as one COPY text-format line.
fn write_order_row(buf: &mut String, i: u64, user_id: i64) {
    let status = STATUSES[(i.wrapping_mul(2_654_435_761) >> 7) as usize % STATUSES.len()];
    // One order every five minutes from 2024-01-01.
    let created = chrono::DateTime::from_timestamp(1_704_067_200 + 300 * i as i64, 0)
        .expect("in range")
        .format("%Y-%m-%d %H:%M:%S+00");
    let _ = writeln!(
        buf,
        "{user_id}\t{status}\t{} Bench Street, Addis Ababa\t{BULK_ORDER_PREFIX}{i}\t{created}",
        1 + i % 997
    );
}

/// How far a bulk order load got, reported to the progress callback.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BulkOrderProgress {
    /// Orders streamed through COPY so far, of the total to copy.
    Copied(u64, u64),
    /// Orders given items and totals so far, of the total to fill.
    Filled(u64, u64),
}

/// Makes sure `total` bulk orders exist (loading only the missing ones); returns how many it copied.
///
/// Needs the bulk users and some products first. Deterministic for a given
/// number of bulk users: order `i` always has the same buyer, status, date and
/// items. Runs in one transaction, so an interrupted load leaves nothing.
pub async fn bulk_load_orders(
    client: &mut tokio_postgres::Client,
    total: u64,
    mut progress: impl FnMut(BulkOrderProgress),
) -> anyhow::Result<u64> {
    let tx = client.transaction().await?;
    let existing = u64::try_from(
        q::count_orders_with_idempotency_prefix()
            .bind(&tx, &BULK_ORDER_PREFIX)
            .one()
            .await?,
    )
    .unwrap_or(0);
    if existing >= total {
        tx.commit().await?;
        return Ok(0);
    }
    let user_ids = q_users::list_user_ids_with_email_prefix()
        .bind(&tx, &BULK_USER_PREFIX)
        .all()
        .await?;
    anyhow::ensure!(
        !user_ids.is_empty(),
        "bulk orders need bulk users: seed with --users first"
    );
    let max_product_id = q_products::max_product_id().bind(&tx).one().await?;
    anyhow::ensure!(
        max_product_id > 0,
        "bulk orders need products: seed with --products first"
    );
    let users = user_ids.len() as u64;
    let first_new_id = q::max_order_id().bind(&tx).one().await?;
    let copied = db::copy_rows(
        &tx,
        COPY_ORDERS_STATEMENT,
        existing..total,
        |buf, i| write_order_row(buf, i, user_ids[bulk_order_user(i, users) as usize]),
        |done, of| progress(BulkOrderProgress::Copied(done, of)),
    )
    .await
    .context("copying orders")?;

    let last_id = q::max_order_id().bind(&tx).one().await?;
    let span = (last_id - first_new_id).max(0) as u64;
    let mut from = first_new_id;
    while from < last_id {
        let to = (from + FILL_BATCH).min(last_id);
        q::fill_bulk_orders()
            .bind(&tx, &max_product_id, &from, &to)
            .await
            .context("filling orders with items")?;
        progress(BulkOrderProgress::Filled((to - first_new_id) as u64, span));
        from = to;
    }
    tx.commit().await.context("committing the bulk orders")?;
    q::analyze_orders().bind(client).await?;
    Ok(copied)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_bulk_user_gets_exactly_fifty_orders_and_the_rest_round_robin() {
        let users = 10_000;
        let mut counts = vec![0u64; users as usize];
        for i in 0..100_000 {
            counts[bulk_order_user(i, users) as usize] += 1;
        }
        assert_eq!(counts[0], ORDERS_OF_FIRST_USER);
        assert!(
            counts[1..].iter().all(|&c| (9..=11).contains(&c)),
            "other users get about ten each"
        );
    }
}
