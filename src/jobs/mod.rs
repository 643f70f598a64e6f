//! Background jobs: transactional outbox, RabbitMQ relay, worker, emails.
//!
//! A business transaction calls [`enqueue`] with the same client (transaction)
//! it changes data with, so the job exists if and only if the change committed.
//! The `worker` binary takes it from there: its relay publishes committed
//! outbox rows to RabbitMQ with publisher confirms, its consumer runs each job
//! (idempotently, via `processed_jobs`) and acks only after success. The api
//! process never talks to RabbitMQ for jobs, so business writes succeed while
//! the broker is down; the rows wait in the outbox.
//!
//! # Layout
//! - `message.rs`: the job payloads.
//! - `broker.rs`: exchange/queue topology, confirmed publishing.
//! - `relay.rs`: outbox → RabbitMQ (runs in the worker process).
//! - `worker.rs`: consume loop, ack/retry/dead-letter, reconnection.
//! - `handlers.rs`: dispatch by job type.
//! - `housekeeping.rs`: scheduled sweeps (unpaid orders expire) and pruning of rows past retention.
//! - `emails.rs`: each job's email, text and HTML.

pub mod broker;
pub mod emails;
pub mod handlers;
pub mod housekeeping;
pub mod message;
pub mod relay;
pub mod worker;

use codegen::client::GenericClient;
use serde::Serialize;

/// A job message; `NAME` is its routing key and outbox `job_type`.
pub trait Job: Serialize {
    /// Stable job name, e.g. `send_user_creation_email`.
    const NAME: &'static str;
}

/// Writes the job to the outbox in the caller's transaction; returns its id.
///
/// The row carries the id of the HTTP request being served (if any), which
/// the relay puts in the message's `x-request-id` header and the worker in
/// its logs and spans, and the W3C trace context of the current span (when
/// traces are exported), which the relay puts in the `traceparent` and
/// `tracestate` headers so the worker's job span joins the request's trace.
pub async fn enqueue<J: Job>(
    client: &impl GenericClient,
    job: &J,
) -> Result<i64, tokio_postgres::Error> {
    let payload = serde_json::to_value(job).expect("job payloads serialise");
    let request_id = crate::http::current_request_id();
    let trace = crate::telemetry::propagation::current();
    codegen::queries::jobs::outbox::enqueue_job()
        .bind(
            client,
            &J::NAME,
            &payload,
            &request_id,
            &trace.traceparent,
            &trace.tracestate,
        )
        .one()
        .await
}
