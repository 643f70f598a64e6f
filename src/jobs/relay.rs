//! Outbox relay: publishes committed outbox rows to RabbitMQ, at least once.
//!
//! It runs inside the `worker` process (the api never talks to RabbitMQ, so an
//! order succeeds while the broker is down). Every `RELAY_POLL_MS` it locks up
//! to `RELAY_BATCH_SIZE` unpublished rows that are due with `FOR UPDATE SKIP
//! LOCKED` (so several workers share the backlog without publishing a row
//! twice at the same time), publishes each with publisher confirms, and sets
//! `published_at` only for rows the broker confirmed, in the same transaction.
//!
//! A row the broker refuses (nack, unroutable) is due again only after a
//! backoff (`next_attempt_at`: 1 s doubling to 5 min), so one poison row
//! cannot hold back the rows behind it. A lost connection is not the row's
//! fault: that row stays due and is published once the worker reconnected.
//!
//! A crash after the confirm but before the commit publishes the row again
//! later; the consumer's `processed_jobs` check absorbs that duplicate.

use std::time::Duration;

use anyhow::Context;
use lapin::{Channel, types::FieldTable};
use tokio::sync::watch;

use super::broker::{self, PublishError, Topology};
use crate::{
    db::Pool,
    telemetry::propagation::{TRACEPARENT, TRACESTATE},
};

/// Outcome of one relay pass.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct RelayPass {
    /// Rows the broker confirmed and that are now marked published.
    pub published: usize,
    /// Rows the broker refused; they stay unpublished, `attempts` incremented, due after a backoff.
    pub failed: usize,
}

/// Publishes one batch of unpublished outbox rows; errors only if the broker connection failed.
///
/// Rows the broker refused stay in the backlog (their `attempts` goes up and
/// they back off). A connection error is returned after the transaction
/// recorded what was confirmed, so the caller can reconnect.
pub async fn publish_batch(
    db: &Pool,
    channel: &Channel,
    topology: &Topology,
    batch: i64,
) -> anyhow::Result<RelayPass> {
    let mut client = db.get().await.context("outbox relay: database pool")?;
    let tx = client.transaction().await?;
    let jobs = codegen::queries::jobs::outbox::lock_unpublished_jobs()
        .bind(&tx, &batch)
        .all()
        .await
        .context("outbox relay: locking unpublished jobs")?;
    if jobs.is_empty() {
        return Ok(RelayPass::default());
    }

    let exchange = topology.exchange();
    let mut published = Vec::with_capacity(jobs.len());
    let mut failed = Vec::new();
    let mut connection_error = None;
    for job in &jobs {
        if connection_error.is_some() {
            // The channel is gone; the rest of the batch waits for the next pass.
            break;
        }
        let payload = serde_json::to_vec(&job.payload).expect("JSON values serialise");
        let mut headers = FieldTable::default();
        if let Some(request_id) = &job.request_id {
            headers.insert(broker::REQUEST_ID_HEADER.into(), broker::string(request_id));
        }
        // The enqueuing span's W3C trace context: the worker's job span continues its trace.
        if let Some(traceparent) = &job.traceparent {
            headers.insert(TRACEPARENT.into(), broker::string(traceparent));
        }
        if let Some(tracestate) = &job.tracestate {
            headers.insert(TRACESTATE.into(), broker::string(tracestate));
        }
        let properties = broker::job_properties(job.id, &job.job_type, headers);
        match broker::publish_confirmed(channel, &exchange, &job.job_type, &payload, properties)
            .await
        {
            Ok(()) => published.push(job.id),
            // Not the row's fault: it stays due for the next connection.
            Err(PublishError::Connection(e)) => connection_error = Some(e),
            Err(e) => {
                tracing::warn!(job.id = job.id, job.r#type = %job.job_type, error = %e, "outbox relay: publish not confirmed");
                failed.push(job.id);
            }
        }
    }

    codegen::queries::jobs::outbox::mark_jobs_published()
        .bind(&tx, &published)
        .await?;
    codegen::queries::jobs::outbox::record_publish_failures()
        .bind(&tx, &failed)
        .await?;
    tx.commit()
        .await
        .context("outbox relay: committing published marks")?;
    if !published.is_empty() {
        tracing::info!(count = published.len(), "outbox relay: published jobs");
    }
    match connection_error {
        Some(e) => Err(e).context("outbox relay: publishing to RabbitMQ"),
        None => Ok(RelayPass {
            published: published.len(),
            failed: failed.len(),
        }),
    }
}

/// Relays until `shutdown` turns true; returns an error when the broker connection fails.
///
/// Database errors are logged and retried on the next poll, since they do not
/// call for a new broker connection.
pub async fn run(
    db: Pool,
    channel: Channel,
    topology: Topology,
    poll: Duration,
    batch: i64,
    mut shutdown: watch::Receiver<bool>,
) -> anyhow::Result<()> {
    loop {
        if *shutdown.borrow() {
            return Ok(());
        }
        match publish_batch(&db, &channel, &topology, batch).await {
            // A full batch means there is probably more: go again at once.
            Ok(pass) if pass.published as i64 == batch => continue,
            Ok(_) => {}
            Err(e) if !channel.status().connected() => return Err(e),
            Err(e) => tracing::error!(error = format!("{e:#}"), "outbox relay pass failed"),
        }
        tokio::select! {
            () = tokio::time::sleep(poll) => {}
            // A dropped sender (the worker handle is gone) also means stop.
            changed = shutdown.changed() => if changed.is_err() { return Ok(()) },
        }
    }
}
