//! Background jobs: messages written to the transactional outbox.
//!
//! A business transaction calls [`enqueue`] with the same client (transaction)
//! it changes data with, so the job exists if and only if the change committed.
//! The relay and the `worker` binary take it from there.

pub mod message;

use codegen::client::GenericClient;
use serde::Serialize;

/// A job message; `NAME` is its routing key and outbox `job_type`.
pub trait Job: Serialize {
    /// Stable job name, e.g. `send_user_creation_email`.
    const NAME: &'static str;
}

/// Writes the job to the outbox in the caller's transaction; returns its id.
pub async fn enqueue<J: Job>(
    client: &impl GenericClient,
    job: &J,
) -> Result<i64, tokio_postgres::Error> {
    let payload = serde_json::to_value(job).expect("job payloads serialise");
    codegen::queries::jobs::outbox::enqueue_job()
        .bind(client, &J::NAME, &payload)
        .one()
        .await
}
