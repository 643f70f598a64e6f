//! Prometheus metrics: a registry per process, rendered in the text format at `GET /metrics`.
//!
//! The registry is a [`Metrics`] handle passed to whatever records (the HTTP
//! middleware, the cache, the Chapa client, the worker), not a global
//! recorder: two apps in one process (tests) keep their numbers apart.
//! `docs/OPERATIONS.md` lists every series and what a healthy value is.

use std::{sync::Arc, time::Duration};

use ::metrics::{
    Counter, Gauge, Histogram, Key, KeyName, Label, Level, Metadata, Recorder, SharedString, Unit,
};
use metrics_exporter_prometheus::{
    Matcher, PrometheusBuilder, PrometheusHandle, PrometheusRecorder,
};

/// HTTP requests served, by route template, method and status.
pub const HTTP_REQUESTS: &str = "http_requests_total";
/// HTTP request latency, by route template, method and status.
pub const HTTP_DURATION: &str = "http_request_duration_seconds";
/// Requests being served right now.
pub const HTTP_IN_FLIGHT: &str = "http_requests_in_flight";
/// Connections a pool has open, by pool.
pub const DB_POOL_SIZE: &str = "db_pool_connections";
/// Open connections idle in a pool, by pool.
pub const DB_POOL_IDLE: &str = "db_pool_idle_connections";
/// Tasks waiting for a connection, by pool.
pub const DB_POOL_WAITING: &str = "db_pool_waiting";
/// Configured maximum of a pool, by pool.
pub const DB_POOL_MAX: &str = "db_pool_max_connections";
/// Redis call latency, by operation.
pub const REDIS_DURATION: &str = "redis_command_duration_seconds";
/// Redis calls that failed or timed out, by operation.
pub const REDIS_ERRORS: &str = "redis_errors_total";
/// Chapa call latency, by operation.
pub const CHAPA_DURATION: &str = "chapa_request_duration_seconds";
/// Chapa calls that failed, by operation and kind.
pub const CHAPA_ERRORS: &str = "chapa_errors_total";
/// Cache lookups, by cache and result (`hit`, `miss`, `error`).
pub const CACHE_REQUESTS: &str = "cache_requests_total";
/// Login attempts refused by the rate limit.
pub const LOGIN_RATE_LIMITED: &str = "login_rate_limited_total";
/// Outbox rows not yet published.
pub const OUTBOX_BACKLOG: &str = "outbox_backlog";
/// Age of the oldest unpublished outbox row (0 when none).
pub const OUTBOX_OLDEST_AGE: &str = "outbox_oldest_age_seconds";
/// Jobs by type and outcome (`processed`, `duplicate`, `failed`, `retried`, `dead_lettered`).
pub const JOBS: &str = "jobs_total";
/// Job run time, by type.
pub const JOB_DURATION: &str = "job_duration_seconds";
/// Messages waiting in the dead-letter queue.
pub const DEAD_LETTER_DEPTH: &str = "jobs_dead_letter_queue_depth";
/// Rows deleted by the worker's pruning, by table.
pub const PRUNED_ROWS: &str = "housekeeping_pruned_rows_total";

/// Latency buckets (seconds) of every `*_seconds` histogram: 1 ms to 10 s.
const LATENCY_BUCKETS: [f64; 14] = [
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 7.5, 10.0,
];

static METADATA: Metadata<'static> = Metadata::new("ecommerce", Level::INFO, Some("ecommerce"));

/// Handle on one metrics registry; cheap to clone.
#[derive(Clone)]
pub struct Metrics {
    /// Stores the series; every handle of one registry shares it.
    recorder: Arc<PrometheusRecorder>,
    /// Renders the text format.
    handle: PrometheusHandle,
}

impl std::fmt::Debug for Metrics {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Metrics").finish_non_exhaustive()
    }
}

impl Default for Metrics {
    fn default() -> Self {
        Self::new()
    }
}

impl Metrics {
    /// A new, empty registry with every series described.
    pub fn new() -> Self {
        let recorder = PrometheusBuilder::new()
            .set_buckets_for_metric(Matcher::Suffix("_seconds".into()), &LATENCY_BUCKETS)
            .expect("latency buckets are not empty")
            .build_recorder();
        let handle = recorder.handle();
        let metrics = Self {
            recorder: Arc::new(recorder),
            handle,
        };
        metrics.describe();
        metrics
    }

    /// Every series in the Prometheus text format.
    pub fn render(&self) -> String {
        self.handle.render()
    }

    fn key(name: &'static str, labels: &[(&'static str, &str)]) -> Key {
        let labels: Vec<Label> = labels
            .iter()
            .map(|(k, v)| Label::new(*k, (*v).to_owned()))
            .collect();
        Key::from_parts(name, labels)
    }

    /// The counter `name` with `labels`.
    pub fn counter(&self, name: &'static str, labels: &[(&'static str, &str)]) -> Counter {
        self.recorder
            .register_counter(&Self::key(name, labels), &METADATA)
    }

    /// The gauge `name` with `labels`.
    pub fn gauge(&self, name: &'static str, labels: &[(&'static str, &str)]) -> Gauge {
        self.recorder
            .register_gauge(&Self::key(name, labels), &METADATA)
    }

    /// The histogram `name` with `labels`.
    pub fn histogram(&self, name: &'static str, labels: &[(&'static str, &str)]) -> Histogram {
        self.recorder
            .register_histogram(&Self::key(name, labels), &METADATA)
    }

    /// Records one served HTTP request.
    pub fn http_request(&self, route: &str, method: &str, status: u16, elapsed: Duration) {
        let status = status.to_string();
        let labels = [("route", route), ("method", method), ("status", &status)];
        self.counter(HTTP_REQUESTS, &labels).increment(1);
        self.histogram(HTTP_DURATION, &labels)
            .record(elapsed.as_secs_f64());
    }

    /// Counts a request as in flight until the guard is dropped.
    pub fn in_flight(&self) -> InFlightGuard {
        let gauge = self.gauge(HTTP_IN_FLIGHT, &[]);
        gauge.increment(1.0);
        InFlightGuard(gauge)
    }

    /// Publishes a pool's status under `pool` (`main`, `list`, `worker`).
    pub fn pool_status(&self, pool: &str, db: &deadpool_postgres::Pool) {
        let status = db.status();
        let labels = [("pool", pool)];
        self.gauge(DB_POOL_SIZE, &labels).set(status.size as f64);
        self.gauge(DB_POOL_IDLE, &labels)
            .set(status.available as f64);
        self.gauge(DB_POOL_WAITING, &labels)
            .set(status.waiting as f64);
        self.gauge(DB_POOL_MAX, &labels).set(status.max_size as f64);
    }

    /// Records one Redis call of operation `op`.
    pub fn redis_call(&self, op: &str, elapsed: Duration, ok: bool) {
        let labels = [("op", op)];
        self.histogram(REDIS_DURATION, &labels)
            .record(elapsed.as_secs_f64());
        if !ok {
            self.counter(REDIS_ERRORS, &labels).increment(1);
        }
    }

    /// Records one Chapa call of operation `op`; `error` names the failure kind.
    pub fn chapa_call(&self, op: &str, elapsed: Duration, error: Option<&str>) {
        self.histogram(CHAPA_DURATION, &[("op", op)])
            .record(elapsed.as_secs_f64());
        if let Some(kind) = error {
            self.counter(CHAPA_ERRORS, &[("op", op), ("kind", kind)])
                .increment(1);
        }
    }

    /// Counts a cache lookup of `cache` (`hit`, `miss` or `error`).
    pub fn cache_lookup(&self, cache: &str, result: &str) {
        self.counter(CACHE_REQUESTS, &[("cache", cache), ("result", result)])
            .increment(1);
    }

    /// Counts a login refused by the rate limit.
    pub fn login_rate_limited(&self) {
        self.counter(LOGIN_RATE_LIMITED, &[]).increment(1);
    }

    /// Counts one job outcome (`processed`, `duplicate`, `failed`, `retried`, `dead_lettered`).
    pub fn job(&self, job_type: &str, outcome: &str) {
        self.counter(JOBS, &[("type", job_type), ("outcome", outcome)])
            .increment(1);
    }

    /// Records how long one job ran.
    pub fn job_duration(&self, job_type: &str, elapsed: Duration) {
        self.histogram(JOB_DURATION, &[("type", job_type)])
            .record(elapsed.as_secs_f64());
    }

    /// Counts rows the worker pruned from `table`.
    pub fn pruned(&self, table: &str, rows: u64) {
        self.counter(PRUNED_ROWS, &[("table", table)])
            .increment(rows);
    }

    fn describe(&self) {
        let r = &self.recorder;
        let text = |s: &'static str| SharedString::const_str(s);
        let counters: [(&'static str, &'static str); 7] = [
            (
                HTTP_REQUESTS,
                "HTTP requests served, by route template, method and status.",
            ),
            (
                REDIS_ERRORS,
                "Redis calls that failed or timed out, by operation.",
            ),
            (
                CHAPA_ERRORS,
                "Chapa calls that failed, by operation and kind.",
            ),
            (
                CACHE_REQUESTS,
                "Cache lookups, by cache and result (hit, miss, error).",
            ),
            (
                LOGIN_RATE_LIMITED,
                "Login attempts refused by the rate limit.",
            ),
            (
                JOBS,
                "Jobs by type and outcome (processed, duplicate, failed, retried, dead_lettered).",
            ),
            (
                PRUNED_ROWS,
                "Rows deleted by the worker's housekeeping, by table.",
            ),
        ];
        for (name, help) in counters {
            r.describe_counter(KeyName::from_const_str(name), None, text(help));
        }
        let gauges: [(&'static str, &'static str); 8] = [
            (HTTP_IN_FLIGHT, "HTTP requests being served right now."),
            (DB_POOL_SIZE, "Connections the pool has open, by pool."),
            (DB_POOL_IDLE, "Open connections idle in the pool, by pool."),
            (DB_POOL_WAITING, "Tasks waiting for a connection, by pool."),
            (
                DB_POOL_MAX,
                "Configured maximum connections of the pool, by pool.",
            ),
            (OUTBOX_BACKLOG, "Outbox rows not yet published to RabbitMQ."),
            (
                OUTBOX_OLDEST_AGE,
                "Age in seconds of the oldest unpublished outbox row (0 when none).",
            ),
            (
                DEAD_LETTER_DEPTH,
                "Messages waiting in the dead-letter queue.",
            ),
        ];
        for (name, help) in gauges {
            r.describe_gauge(KeyName::from_const_str(name), None, text(help));
        }
        let histograms: [(&'static str, &'static str); 4] = [
            (
                HTTP_DURATION,
                "HTTP request latency, by route template, method and status.",
            ),
            (REDIS_DURATION, "Redis call latency, by operation."),
            (CHAPA_DURATION, "Chapa call latency, by operation."),
            (JOB_DURATION, "Time a job ran, by type."),
        ];
        for (name, help) in histograms {
            r.describe_histogram(
                KeyName::from_const_str(name),
                Some(Unit::Seconds),
                text(help),
            );
        }
    }
}

/// Keeps a request counted in [`HTTP_IN_FLIGHT`] until dropped (also when the request is cancelled).
pub struct InFlightGuard(Gauge);

impl Drop for InFlightGuard {
    fn drop(&mut self) {
        self.0.decrement(1.0);
    }
}

/// The value of one series in a rendered scrape, `None` if absent (tests and checks).
///
/// `series` is the name with its labels as rendered, e.g.
/// `http_requests_total{route="/health/live",method="GET",status="200"}`;
/// labels are matched regardless of their order.
pub fn sample(scrape: &str, name: &str, labels: &[(&str, &str)]) -> Option<f64> {
    scrape.lines().find_map(|line| {
        if line.starts_with('#') {
            return None;
        }
        let (series, value) = line.rsplit_once(' ')?;
        let (series_name, series_labels) = match series.split_once('{') {
            Some((n, rest)) => (n, rest.trim_end_matches('}')),
            None => (series, ""),
        };
        if series_name != name {
            return None;
        }
        let parsed: Vec<(&str, &str)> = if series_labels.is_empty() {
            Vec::new()
        } else {
            series_labels
                .split("\",")
                .filter_map(|pair| {
                    let (k, v) = pair.split_once('=')?;
                    Some((k, v.trim_matches('"')))
                })
                .collect()
        };
        let matches =
            parsed.len() == labels.len() && labels.iter().all(|wanted| parsed.contains(wanted));
        if matches { value.parse().ok() } else { None }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recorded_series_render_in_the_text_format_and_sample_reads_them() {
        let metrics = Metrics::new();
        metrics.http_request(
            "/api/v1/products/{id}",
            "GET",
            200,
            Duration::from_millis(3),
        );
        metrics.http_request(
            "/api/v1/products/{id}",
            "GET",
            200,
            Duration::from_millis(3),
        );
        metrics.cache_lookup("catalog", "hit");
        let scrape = metrics.render();
        assert!(
            scrape.contains("# TYPE http_requests_total counter"),
            "{scrape}"
        );
        assert!(
            scrape.contains("# TYPE http_request_duration_seconds histogram"),
            "{scrape}"
        );
        let labels = [
            ("route", "/api/v1/products/{id}"),
            ("method", "GET"),
            ("status", "200"),
        ];
        assert_eq!(sample(&scrape, HTTP_REQUESTS, &labels), Some(2.0));
        assert_eq!(
            sample(
                &scrape,
                CACHE_REQUESTS,
                &[("result", "hit"), ("cache", "catalog")]
            ),
            Some(1.0)
        );
        assert_eq!(
            sample(
                &scrape,
                CACHE_REQUESTS,
                &[("result", "miss"), ("cache", "catalog")]
            ),
            None
        );
    }

    #[test]
    fn two_registries_keep_their_numbers_apart() {
        let (a, b) = (Metrics::new(), Metrics::new());
        a.login_rate_limited();
        assert_eq!(sample(&a.render(), LOGIN_RATE_LIMITED, &[]), Some(1.0));
        assert_eq!(sample(&b.render(), LOGIN_RATE_LIMITED, &[]), None);
    }

    #[test]
    fn the_in_flight_guard_counts_until_dropped() {
        let metrics = Metrics::new();
        let guard = metrics.in_flight();
        assert_eq!(sample(&metrics.render(), HTTP_IN_FLIGHT, &[]), Some(1.0));
        drop(guard);
        assert_eq!(sample(&metrics.render(), HTTP_IN_FLIGHT, &[]), Some(0.0));
    }
}
