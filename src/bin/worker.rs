//! `worker`: consumes background jobs from RabbitMQ.

use std::process::ExitCode;

use anyhow::Context;
use ecommerce::{config::Settings, http::shutdown_signal, telemetry};
use secrecy::ExposeSecret;

#[tokio::main]
async fn main() -> ExitCode {
    telemetry::init();
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
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

async fn run(settings: Settings) -> anyhow::Result<()> {
    let connection = lapin::Connection::connect(
        settings.amqp.url.expose_secret(),
        lapin::ConnectionProperties::default(),
    )
    .await
    .context("connecting to RabbitMQ (AMQP_URL); is it running? see scripts/services")?;
    tracing::info!("worker connected to RabbitMQ; waiting for jobs");
    shutdown_signal().await;
    connection.close(200, "shutdown").await.ok();
    Ok(())
}
