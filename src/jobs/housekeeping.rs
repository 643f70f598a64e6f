//! Scheduled work of the worker that is not a queued job: expiring unpaid orders, pruning spent account tokens.
//!
//! Every `ORDER_EXPIRY_SWEEP_SECS` the sweep looks for orders still pending
//! `ORDER_PAYMENT_TTL_SECS` after they were placed. An order with a live
//! checkout is first settled with Chapa (the buyer may have paid a moment
//! ago); whatever is still pending is then cancelled, its stock returned and
//! the buyer emailed (`orders::service::expire_unpaid_orders`). Several workers
//! may sweep at once: each order is expired under its row lock, once.
//!
//! The same sweep deletes used and expired account tokens (verification,
//! password reset, email change); they are refused anyway, so deleting them
//! changes no answer, it only keeps the table small.

use deadpool_postgres::Pool;
use tokio::sync::watch;

use super::handlers::JobContext;
use crate::{accounts, orders, payments};

/// Orders looked at per sweep; the next sweep takes the rest.
pub const SWEEP_BATCH: i64 = 200;

/// Runs sweeps until shutdown.
pub async fn run(db: Pool, ctx: JobContext, mut shutdown: watch::Receiver<bool>) {
    let every = ctx.settings.jobs.expiry_sweep;
    loop {
        match sweep_once(&db, &ctx).await {
            Ok(expired) if !expired.is_empty() => {
                tracing::info!(orders = expired.len(), "expired unpaid orders");
            }
            Ok(_) => {}
            Err(e) => tracing::warn!(
                error = format!("{e:#}"),
                "order expiry sweep failed; will retry"
            ),
        }
        match prune_account_tokens(&db).await {
            Ok(0) => {}
            Ok(pruned) => tracing::info!(tokens = pruned, "pruned used and expired account tokens"),
            Err(e) => tracing::warn!(
                error = format!("{e:#}"),
                "account token pruning failed; will retry"
            ),
        }
        tokio::select! {
            () = tokio::time::sleep(every) => {}
            _ = shutdown.wait_for(|stop| *stop) => return,
        }
    }
}

/// One sweep: settles live checkouts of overdue orders with Chapa, then expires what is still unpaid.
///
/// Returns the ids of the orders it cancelled.
pub async fn sweep_once(db: &Pool, ctx: &JobContext) -> anyhow::Result<Vec<i64>> {
    let ttl = ctx.settings.payments.order_payment_ttl;
    let client = db.get().await?;
    let overdue = orders::service::list_expired_orders(&client, ttl, SWEEP_BATCH).await?;
    let mut live = Vec::new();
    for order_id in overdue {
        if let Some(payment) = codegen::queries::payments::payments::find_pending_payment_of_order()
            .bind(&client, &order_id)
            .opt()
            .await?
        {
            live.push(payment.tx_ref);
        }
    }
    drop(client);
    for tx_ref in live {
        // Best effort: if Chapa cannot say, the order expires and a late charge is refunded.
        if let Err(e) = payments::service::settle(db, &ctx.chapa, &tx_ref).await {
            tracing::warn!(%tx_ref, error = %e, "could not settle a live checkout before expiry");
        }
    }
    Ok(orders::service::expire_unpaid_orders(db, &ctx.catalog_cache, ttl, SWEEP_BATCH).await?)
}

/// Deletes used and expired account tokens; returns how many.
pub async fn prune_account_tokens(db: &Pool) -> anyhow::Result<u64> {
    let client = db.get().await?;
    Ok(accounts::lifecycle::prune_tokens(&client).await?)
}
