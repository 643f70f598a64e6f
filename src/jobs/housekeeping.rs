//! Scheduled work of the worker that is not a queued job: expiring unpaid orders, pruning old rows.
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
//!
//! Every `HOUSEKEEPING_INTERVAL_SECS` [`prune_once`] keeps the other tables
//! from growing forever: published outbox rows, `processed_jobs` records,
//! expired refresh tokens and spent `Idempotency-Key`s, each past its
//! retention (`*_RETENTION_SECS`). It works in statements of
//! `PRUNE_BATCH_SIZE` rows, at most `PRUNE_MAX_BATCHES` per table and run,
//! oldest first, each served by an index on the timestamp it compares
//! (migration V0015), so a prune never holds many locks or scans a table.

use tokio::sync::watch;

use super::handlers::JobContext;
use crate::{
    accounts, config::RetentionSettings, db::Pool, orders, payments, telemetry::metrics::Metrics,
};

/// Orders looked at per sweep; the next sweep takes the rest.
pub const SWEEP_BATCH: i64 = 200;

/// Runs the order-expiry sweep and the pruning, each on its own schedule, until shutdown.
pub async fn run(db: Pool, ctx: JobContext, metrics: Metrics, shutdown: watch::Receiver<bool>) {
    let retention = ctx.settings.retention.clone();
    tokio::join!(
        sweep(&db, &ctx, shutdown.clone()),
        prune(&db, &retention, &metrics, shutdown)
    );
}

/// Prunes every `HOUSEKEEPING_INTERVAL_SECS` until shutdown.
async fn prune(
    db: &Pool,
    retention: &RetentionSettings,
    metrics: &Metrics,
    mut shutdown: watch::Receiver<bool>,
) {
    loop {
        compact_facet_counts(db, metrics).await;
        match prune_once(db, retention).await {
            Ok(pruned) => {
                for (table, rows) in pruned.by_table() {
                    metrics.pruned(table, rows);
                    if rows > 0 {
                        tracing::info!(table, rows, "pruned rows past retention");
                    }
                }
            }
            Err(e) => tracing::warn!(error = format!("{e:#}"), "pruning failed; will retry"),
        }
        tokio::select! {
            () = tokio::time::sleep(retention.interval) => {}
            _ = shutdown.wait_for(|stop| *stop) => return,
        }
    }
}

/// Sums the facet count deltas the catalog triggers append (V0018) into one row per group.
///
/// Orders and admin edits add rows; compacting every `HOUSEKEEPING_INTERVAL_SECS`
/// keeps the table, which every facets read sums, at about one row per group.
async fn compact_facet_counts(db: &Pool, metrics: &Metrics) {
    let compacted = async {
        let client = db.get().await?;
        Ok::<u64, anyhow::Error>(crate::catalog::service::compact_facet_counts(&client).await?)
    };
    match compacted.await {
        Ok(rows) => {
            metrics.pruned("product_facet_deltas", rows);
            if rows > 0 {
                tracing::info!(rows, "compacted facet count deltas");
            }
        }
        Err(e) => tracing::warn!(
            error = format!("{e:#}"),
            "facet count compaction failed; will retry"
        ),
    }
}

/// Rows one [`prune_once`] removed (or, for idempotency keys, cleared), by table.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Pruned {
    /// Published outbox rows deleted.
    pub outbox: u64,
    /// `processed_jobs` records deleted.
    pub processed_jobs: u64,
    /// Expired refresh tokens deleted.
    pub refresh_tokens: u64,
    /// Ids of access tokens revoked on logout whose tokens have expired (no retention: they are refused anyway).
    pub revoked_access_tokens: u64,
    /// `Idempotency-Key`s cleared on orders, payments and refunds.
    pub idempotency_keys: u64,
}

impl Pruned {
    /// `(table label, rows)` pairs, for metrics and logs.
    pub fn by_table(&self) -> [(&'static str, u64); 5] {
        [
            ("outbox", self.outbox),
            ("processed_jobs", self.processed_jobs),
            ("refresh_tokens", self.refresh_tokens),
            ("revoked_access_tokens", self.revoked_access_tokens),
            ("idempotency_keys", self.idempotency_keys),
        ]
    }
}

/// One pruning run over every table; at most `max_batches` statements of `batch` rows each per table.
pub async fn prune_once(db: &Pool, retention: &RetentionSettings) -> anyhow::Result<Pruned> {
    use codegen::queries::jobs::housekeeping as q;

    let client = db.get().await?;
    let now = chrono::Utc::now();
    let cutoff =
        |keep: std::time::Duration| -> anyhow::Result<chrono::DateTime<chrono::FixedOffset>> {
            Ok((now - chrono::Duration::from_std(keep)?).fixed_offset())
        };
    let (batch, max) = (retention.batch, retention.max_batches);
    // Each statement commits on its own: locks are held for one batch only.
    let mut pruned = Pruned::default();
    let outbox = cutoff(retention.outbox)?;
    pruned.outbox = batches(batch, max, || async {
        q::prune_published_outbox()
            .bind(&client, &outbox, &batch)
            .await
    })
    .await?;
    let processed = cutoff(retention.processed_jobs)?;
    pruned.processed_jobs = batches(batch, max, || async {
        q::prune_processed_jobs()
            .bind(&client, &processed, &batch)
            .await
    })
    .await?;
    let tokens = cutoff(retention.refresh_tokens)?;
    pruned.refresh_tokens = batches(batch, max, || async {
        q::prune_refresh_tokens()
            .bind(&client, &tokens, &batch)
            .await
    })
    .await?;
    let expired = now.fixed_offset();
    pruned.revoked_access_tokens = batches(batch, max, || async {
        q::prune_revoked_access_tokens()
            .bind(&client, &expired, &batch)
            .await
    })
    .await?;
    let keys = cutoff(retention.idempotency_keys)?;
    pruned.idempotency_keys = batches(batch, max, || async {
        q::forget_order_idempotency_keys()
            .bind(&client, &keys, &batch)
            .await
    })
    .await?
        + batches(batch, max, || async {
            q::forget_payment_idempotency_keys()
                .bind(&client, &keys, &batch)
                .await
        })
        .await?
        + batches(batch, max, || async {
            q::forget_refund_idempotency_keys()
                .bind(&client, &keys, &batch)
                .await
        })
        .await?;
    Ok(pruned)
}

/// Runs `statement` (one batch) until it affects fewer than `batch` rows or `max` batches ran; returns the rows.
async fn batches<F, Fut>(batch: i64, max: u32, mut statement: F) -> anyhow::Result<u64>
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Result<u64, tokio_postgres::Error>>,
{
    let mut total = 0;
    for _ in 0..max {
        let rows = statement().await?;
        total += rows;
        if rows < batch.unsigned_abs() {
            break;
        }
    }
    Ok(total)
}

/// Runs the order-expiry sweep (and account-token pruning) until shutdown.
async fn sweep(db: &Pool, ctx: &JobContext, mut shutdown: watch::Receiver<bool>) {
    let every = ctx.settings.jobs.expiry_sweep;
    loop {
        match sweep_once(db, ctx).await {
            Ok(expired) if !expired.is_empty() => {
                tracing::info!(orders = expired.len(), "expired unpaid orders");
            }
            Ok(_) => {}
            Err(e) => tracing::warn!(
                error = format!("{e:#}"),
                "order expiry sweep failed; will retry"
            ),
        }
        match prune_account_tokens(db).await {
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
