//! Observability shared by both binaries: the tracing subscriber and Prometheus metrics.
//!
//! # Layout
//! - `mod.rs`: the tracing subscriber (log format, filter).
//! - `metrics.rs`: the metrics registry and the names of its series.

pub mod metrics;

use tracing_subscriber::{EnvFilter, fmt, prelude::*};

/// Installs the global subscriber: `RUST_LOG` filters (default `info`), `LOG_FORMAT=json` logs JSON lines.
///
/// Both read the process environment, so binaries call
/// [`crate::config::load_dotenv`] before this to honour a `.env` file.
pub fn init() {
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info"));
    let json = std::env::var("LOG_FORMAT").is_ok_and(|v| v.eq_ignore_ascii_case("json"));
    let registry = tracing_subscriber::registry().with(filter);
    // `try_init` so tests that start several apps in one process do not panic.
    if json {
        let _ = registry.with(fmt::layer().json()).try_init();
    } else {
        let _ = registry.with(fmt::layer()).try_init();
    }
}
