//! HTTP plumbing the domains use: auth guards, the defended edge, uniform errors, request context.
//!
//! The route table that mounts every domain's API lives above the domains, in
//! [`crate::app`]; nothing here imports a domain's API.
//!
//! # Layout
//! - `mod.rs`: tags, request context (request id, log line, error envelope), `Allow` on 405.
//! - `admin_console.rs`: the embedded admin console at `/admin` (cache headers, CSP).
//! - `health.rs`: liveness and readiness probes.
//! - `auth.rs`: bearer-token security scheme and role guards.
//! - `edge.rs`: load shedding, timeout, URI and body limits, control characters, duplicate keys.
//! - `json_bytes.rs`: a pre-serialised JSON payload (cached responses).
//! - `metrics.rs`: `GET /metrics`, who may read it, and its own listener (`METRICS_BIND`).
//! - `text.rs`: `Text`, a request string that refuses numbers and booleans.
//! - `openapi.rs`: the finishing steps poem-openapi cannot express (media types, plain `$ref`s, examples).

pub mod admin_console;
pub mod auth;
pub mod client_ip;
pub mod edge;
pub mod health;
pub mod json_bytes;
pub mod metrics;
pub mod openapi;
pub mod text;

use std::{sync::Arc, time::Instant};

use poem::{
    Endpoint, IntoResponse, Request, Response,
    http::{HeaderValue, StatusCode},
};
use poem_openapi::Tags;
use tracing::Instrument;

use crate::{
    error::{self, code_for_status},
    telemetry::metrics::Metrics,
};

/// Groups of operations in the OpenAPI document.
#[derive(Tags)]
pub enum ApiTags {
    /// Liveness and readiness probes.
    Health,
    /// Products and categories.
    Catalog,
    /// Registration and sessions.
    Auth,
    /// User profiles and administration.
    Users,
    /// Orders and their items.
    Orders,
    /// Payments through Chapa.
    Payments,
    /// The admin dashboard.
    Dashboard,
}

/// Methods each path template serves, read from the OpenAPI document, for `Allow` on 405.
pub struct AllowTable(Vec<(Vec<String>, String)>);

impl AllowTable {
    /// The table of a raw OpenAPI document.
    pub fn from_spec(spec: &str) -> Self {
        let spec: serde_json::Value = serde_json::from_str(spec).unwrap_or_default();
        let routes = spec["paths"]
            .as_object()
            .map(|paths| {
                paths
                    .iter()
                    .map(|(path, ops)| {
                        let segments = path.split('/').map(str::to_owned).collect();
                        let mut methods: Vec<String> = ops
                            .as_object()
                            .map(|o| o.keys().map(|m| m.to_uppercase()).collect())
                            .unwrap_or_default();
                        methods.sort();
                        (segments, methods.join(", "))
                    })
                    .collect()
            })
            .unwrap_or_default();
        Self(routes)
    }

    /// The `Allow` value of a request path (`{id}` segments match anything).
    fn allow(&self, path: &str) -> Option<&str> {
        self.find(path).map(|(_, methods)| methods.as_str())
    }

    /// The route template a request path matches, e.g. `/api/v1/orders/{id}`.
    ///
    /// Metrics label requests with it (never with the raw path, so the
    /// number of series stays bounded); a literal segment wins over `{id}`.
    pub fn template(&self, path: &str) -> Option<String> {
        self.find(path).map(|(template, _)| template.join("/"))
    }

    fn find(&self, path: &str) -> Option<&(Vec<String>, String)> {
        let segments: Vec<&str> = path.split('/').collect();
        self.0
            .iter()
            .filter(|(template, _)| {
                template.len() == segments.len()
                    && template
                        .iter()
                        .zip(&segments)
                        .all(|(t, s)| t == s || t.starts_with('{'))
            })
            .min_by_key(|(template, _)| template.iter().filter(|t| t.starts_with('{')).count())
    }
}

/// Paths served outside the OpenAPI document, labelled as themselves in metrics.
const FIXED_ROUTES: [&str; 4] = ["/", "/docs", "/openapi.json", "/metrics"];

/// Label of every path that matches no route (scanners, typos): one series for all of them.
pub const UNMATCHED_ROUTE: &str = "unmatched";

/// Whether `path` is served by the admin console (`/admin` and below): its pages share one label.
fn is_admin_console(path: &str) -> bool {
    path == admin_console::MOUNT
        || path
            .strip_prefix(admin_console::MOUNT)
            .is_some_and(|rest| rest.starts_with('/'))
}

/// The bounded `method` label: the methods the API knows, anything else as `OTHER`.
fn method_label(method: &poem::http::Method) -> &'static str {
    use poem::http::Method;
    match *method {
        Method::GET => "GET",
        Method::POST => "POST",
        Method::PATCH => "PATCH",
        Method::PUT => "PUT",
        Method::DELETE => "DELETE",
        Method::HEAD => "HEAD",
        Method::OPTIONS => "OPTIONS",
        _ => "OTHER",
    }
}

/// Header carrying the request id, echoed back to the client.
pub const REQUEST_ID_HEADER: &str = "x-request-id";

/// The request id of the request being served (set by [`request_context`]).
///
/// Services that enqueue jobs read it so the worker's logs carry the id of
/// the request that caused the job.
#[derive(Debug, Clone)]
pub struct RequestId(pub String);

tokio::task_local! {
    /// The id of the request this task serves, if it serves one.
    static CURRENT_REQUEST_ID: RequestId;
}

/// The request id of the HTTP request this task is serving, if any.
pub fn current_request_id() -> Option<String> {
    CURRENT_REQUEST_ID.try_with(|id| id.0.clone()).ok()
}

/// Per-request span with an id, one log line and metrics per request, and the error
/// envelope for errors poem produced itself (unknown route, wrong method, bad JSON).
pub async fn request_context<E: Endpoint>(
    next: E,
    req: Request,
    allow: Arc<AllowTable>,
    metrics: Metrics,
) -> poem::Result<Response> {
    let path = req.uri().path().to_owned();
    let route = allow
        .template(&path)
        .or_else(|| FIXED_ROUTES.contains(&path.as_str()).then(|| path.clone()))
        .or_else(|| is_admin_console(&path).then(|| admin_console::MOUNT.to_owned()))
        .unwrap_or_else(|| UNMATCHED_ROUTE.to_owned());
    let method = method_label(req.method());
    let request_id = req
        .headers()
        .get(REQUEST_ID_HEADER)
        .and_then(|v| v.to_str().ok())
        .filter(|v| !v.is_empty() && v.len() <= 128)
        .map(str::to_owned)
        .unwrap_or_else(|| uuid::Uuid::new_v4().to_string());
    let span = tracing::info_span!(
        "request",
        request.id = %request_id,
        http.method = %req.method(),
        http.path = %req.uri().path(),
        http.route = %route,
        otel.name = format!("{method} {route}"),
        otel.kind = "server",
    );
    // A client's valid `traceparent` makes this span part of its trace; a malformed one is ignored.
    crate::telemetry::propagation::continue_remote(
        &span,
        &crate::telemetry::propagation::HttpHeaders(req.headers()),
    );
    let task_id = RequestId(request_id.clone());
    let handled = async move {
        let _in_flight = metrics.in_flight();
        let started = Instant::now();
        let mut response = match next.call(req).await {
            Ok(resp) => resp.into_response(),
            Err(err) => envelope(err),
        };
        if let Ok(value) = HeaderValue::from_str(&request_id) {
            response.headers_mut().insert(REQUEST_ID_HEADER, value);
        }
        if response.status() == StatusCode::METHOD_NOT_ALLOWED
            && let Some(methods) = allow.allow(&path)
            && let Ok(value) = HeaderValue::from_str(methods)
        {
            response
                .headers_mut()
                .insert(poem::http::header::ALLOW, value);
        }
        let status = response.status().as_u16();
        let elapsed = started.elapsed();
        metrics.http_request(&route, method, status, elapsed);
        let elapsed_ms = elapsed.as_secs_f64() * 1000.0;
        if status >= 500 {
            tracing::error!(http.status = status, elapsed_ms, "request failed");
        } else {
            tracing::info!(http.status = status, elapsed_ms, "request");
        }
        Ok(response)
    }
    .instrument(span);
    CURRENT_REQUEST_ID.scope(task_id, handled).await
}

/// Names of path parameters in the order they appear in a route.
///
/// poem-openapi reports path parse errors as `param0`, `param1`; every route
/// here names its first path parameter `id` and its second `item_id`
/// (`tests/common::EXPECTED_ROUTES` pins that).
const PATH_PARAMS: [&str; 2] = ["id", "item_id"];

/// A parameter or body error of poem-openapi as 400 naming the field, without internals.
fn parse_error(err: &poem::Error) -> Option<Response> {
    use poem_openapi::error::{ParseParamError, ParsePathError, ParseRequestPayloadError};

    let (field, message) = if let Some(e) = err.downcast_ref::<ParseParamError>() {
        (
            e.name.to_owned(),
            format!("`{}` is not valid: {}", e.name, e.reason),
        )
    } else if let Some(e) = err.downcast_ref::<ParsePathError>() {
        let name = e
            .name
            .strip_prefix("param")
            .and_then(|n| n.parse::<usize>().ok())
            .and_then(|n| PATH_PARAMS.get(n).copied())
            .unwrap_or(e.name);
        (
            name.to_owned(),
            format!("`{name}` is not valid: {}", e.reason),
        )
    } else if let Some(e) = err.downcast_ref::<ParseRequestPayloadError>() {
        if let Some(field) = e
            .reason
            .split_once("unknown field `")
            .and_then(|(_, rest)| rest.split_once('`'))
            .map(|(field, _)| field.to_owned())
        {
            let message = format!("unknown field `{field}`");
            (field, message)
        } else {
            // A schema limit (`#[oai(validator(...))]`): "field `x` verification failed. minLength(8)".
            let (_, rest) = e.reason.rsplit_once("field `")?;
            let (field, rest) = rest.split_once('`')?;
            let rule = rest
                .split_once("verification failed. ")
                .map(|(_, rule)| rule)?;
            (field.to_owned(), format!("`{field}` is not valid: {rule}"))
        }
    } else {
        return None;
    };
    Some(
        poem::web::Json(
            error::body(
                "validation_failed",
                message,
                Some(error::ErrorDetails::field(field)),
            )
            .0,
        )
        .with_status(StatusCode::BAD_REQUEST)
        .into_response(),
    )
}

/// Turns any poem error into the JSON envelope, keeping bodies that already are JSON.
fn envelope(err: poem::Error) -> Response {
    if let Some(response) = parse_error(&err) {
        return response;
    }
    let message = err.to_string();
    let response = err.into_response();
    let is_json = response
        .content_type()
        .is_some_and(|ct| ct.starts_with("application/json"));
    if is_json {
        return response;
    }
    let status = response.status();
    let message = if message.is_empty() {
        status.canonical_reason().unwrap_or("error").to_owned()
    } else {
        message
    };
    let mut out = poem::web::Json(error::body(code_for_status(status), message, None).0)
        .with_status(status)
        .into_response();
    // Keep headers such as `Allow` or `Retry-After` that poem set.
    for (name, value) in response.headers() {
        if name != poem::http::header::CONTENT_TYPE && name != poem::http::header::CONTENT_LENGTH {
            out.headers_mut().insert(name.clone(), value.clone());
        }
    }
    out
}

/// Resolves on SIGTERM or Ctrl-C.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
    tracing::info!("shutdown signal received; draining requests");
}
