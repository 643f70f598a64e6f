//! Observability shared by both binaries: logs, OpenTelemetry traces and Prometheus metrics.
//!
//! # Layout
//! - `mod.rs`: the tracing subscriber (log format, filter) and the optional OTLP trace export.
//! - `metrics.rs`: the metrics registry and the names of its series.

pub mod metrics;

use opentelemetry::trace::TracerProvider as _;
use opentelemetry_sdk::{Resource, trace::SdkTracerProvider};
use tracing_subscriber::{EnvFilter, fmt, prelude::*};

/// Flushes and stops the trace export when dropped; binaries hold it until they exit.
#[must_use = "dropping the guard stops the trace export"]
pub struct TelemetryGuard(Option<SdkTracerProvider>);

impl Drop for TelemetryGuard {
    fn drop(&mut self) {
        if let Some(provider) = self.0.take()
            && let Err(e) = provider.shutdown()
        {
            eprintln!("flushing traces failed: {e}");
        }
    }
}

/// Installs the global subscriber: `RUST_LOG` filters (default `info`), `LOG_FORMAT=json` logs JSON lines.
///
/// When `OTEL_EXPORTER_OTLP_ENDPOINT` is set (e.g. `http://otel-collector:4318`),
/// spans are also exported over OTLP/HTTP as service `OTEL_SERVICE_NAME`
/// (default `ecommerce-<service>`); unset, nothing is exported. Both read
/// the process environment, so binaries call [`crate::config::load_dotenv`]
/// before this to honour a `.env` file.
pub fn init(service: &str) -> TelemetryGuard {
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info"));
    let json = std::env::var("LOG_FORMAT").is_ok_and(|v| v.eq_ignore_ascii_case("json"));
    let provider = otlp_provider(service);
    let otel = provider.as_ref().map(|p| {
        tracing_opentelemetry::layer().with_tracer(p.tracer(format!("ecommerce-{service}")))
    });
    let registry = tracing_subscriber::registry().with(filter).with(otel);
    // `try_init` so tests that start several apps in one process do not panic.
    if json {
        let _ = registry.with(fmt::layer().json()).try_init();
    } else {
        let _ = registry.with(fmt::layer()).try_init();
    }
    TelemetryGuard(provider)
}

/// The OTLP trace pipeline, when `OTEL_EXPORTER_OTLP_ENDPOINT` is set and usable.
fn otlp_provider(service: &str) -> Option<SdkTracerProvider> {
    std::env::var("OTEL_EXPORTER_OTLP_ENDPOINT")
        .ok()
        .filter(|endpoint| !endpoint.is_empty())?;
    // The exporter reads OTEL_EXPORTER_OTLP_ENDPOINT (and _HEADERS, _TIMEOUT) itself.
    let exporter = match opentelemetry_otlp::SpanExporter::builder()
        .with_http()
        .build()
    {
        Ok(exporter) => exporter,
        Err(e) => {
            eprintln!("OTEL_EXPORTER_OTLP_ENDPOINT: traces not exported: {e}");
            return None;
        }
    };
    let name = std::env::var("OTEL_SERVICE_NAME")
        .ok()
        .filter(|name| !name.is_empty())
        .unwrap_or_else(|| format!("ecommerce-{service}"));
    Some(
        SdkTracerProvider::builder()
            .with_batch_exporter(exporter)
            .with_resource(Resource::builder().with_service_name(name).build())
            .build(),
    )
}
