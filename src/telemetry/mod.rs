//! Observability shared by both binaries: logs, OpenTelemetry traces and Prometheus metrics.
//!
//! # Layout
//! - `mod.rs`: the tracing subscriber (log format, filters) and the optional OTLP trace export.
//! - `metrics.rs`: the metrics registry and the names of its series.
//! - `propagation.rs`: W3C trace context in and out (HTTP `traceparent`, outbox rows, AMQP headers).

pub mod metrics;
pub mod propagation;

use opentelemetry::trace::TracerProvider as _;
use opentelemetry_sdk::{Resource, trace::SdkTracerProvider};
use tracing_subscriber::{EnvFilter, Layer as _, fmt, prelude::*};

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
    init_with(service, otlp_provider(service))
}

/// Installs the global subscriber like [`init`], exporting spans through `provider` if given.
///
/// Logs and traces are filtered apart: the log layer by `RUST_LOG` alone,
/// the trace layer by `RUST_LOG` plus [`crate::db::SQL_TARGET`] at `DEBUG`,
/// so exported traces show each SQL statement while the logs do not. Without
/// a provider no trace layer exists and a disabled SQL span costs one
/// callsite check. Tests pass a provider with their own exporter.
pub fn init_with(service: &str, provider: Option<SdkTracerProvider>) -> TelemetryGuard {
    let directives = std::env::var(EnvFilter::DEFAULT_ENV)
        .ok()
        .filter(|d| EnvFilter::try_new(d).is_ok())
        .unwrap_or_else(|| "info".to_owned());
    let json = std::env::var("LOG_FORMAT").is_ok_and(|v| v.eq_ignore_ascii_case("json"));
    let otel = provider.as_ref().map(|p| {
        let traces = EnvFilter::new(format!("{directives},{}=debug", crate::db::SQL_TARGET));
        tracing_opentelemetry::layer()
            .with_tracer(p.tracer(format!("ecommerce-{service}")))
            .with_filter(traces)
    });
    let logs = EnvFilter::new(&directives);
    let registry = tracing_subscriber::registry().with(otel);
    // `try_init` so tests that start several apps in one process do not panic.
    if json {
        let _ = registry
            .with(fmt::layer().json().with_filter(logs))
            .try_init();
    } else {
        let _ = registry.with(fmt::layer().with_filter(logs)).try_init();
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
