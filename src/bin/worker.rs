//! `worker`: relays the outbox to RabbitMQ and runs background jobs (emails, alerts).
//!
//! Exits 1 with a clear message when RabbitMQ (or PostgreSQL settings) are
//! unusable at start, or when the database schema is older than the worker
//! (after waiting `WORKER_SCHEMA_WAIT_SECS` for an api to migrate it); once
//! running, it reconnects by itself. SIGTERM/Ctrl-C finish in-flight jobs,
//! then exit 0.

use std::{process::ExitCode, sync::Arc};

use ecommerce::{
    config::{self, Settings},
    db,
    http::shutdown_signal,
    jobs::worker::{self, WorkerOptions},
    telemetry,
};

#[tokio::main]
async fn main() -> ExitCode {
    // `.env` first: it may hold RUST_LOG and LOG_FORMAT.
    config::load_dotenv();
    let _telemetry = telemetry::init("worker");
    let settings = match Settings::from_env() {
        Ok(settings) => settings,
        Err(e) => {
            eprintln!("configuration error: {e}");
            return ExitCode::from(2);
        }
    };
    match run(settings).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            tracing::error!("{e:#}");
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

async fn run(settings: Settings) -> anyhow::Result<()> {
    // The api migrates the database; the worker only checks it is not behind.
    let pool = db::pool(
        &settings.database,
        settings.database.pool_size,
        db::Plans::Cached,
    )?;
    let version = db::await_schema(&pool, settings.jobs.schema_wait).await?;
    tracing::info!(schema.version = version, "database schema is current");
    let handle = worker::start(Arc::new(settings), pool, WorkerOptions::default()).await?;
    shutdown_signal().await;
    handle.shutdown().await;
    Ok(())
}
