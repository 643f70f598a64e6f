//! HTTP surface: route table, OpenAPI assembly, uniform errors, request context.
//!
//! # Layout
//! - `mod.rs`: [`routes`] builds the endpoint tree; [`Application`] binds and serves it.
//! - `health.rs`: liveness and readiness probes.
//! - `auth.rs`: bearer-token security scheme and role guards.
//! - `edge.rs`: load shedding, timeout, URI and body limits, control characters, duplicate keys.
//! - `json_bytes.rs`: a pre-serialised JSON payload (cached responses).
//! - `text.rs`: `Text`, a request string that refuses numbers and booleans.
//! - `openapi.rs`: the finishing steps poem-openapi cannot express (media types, plain `$ref`s, examples).

pub mod auth;
pub mod client_ip;
pub mod edge;
pub mod health;
pub mod json_bytes;
pub mod openapi;
pub mod text;

use std::{future::Future, net::SocketAddr, sync::Arc, time::Instant};

use anyhow::Context;
use poem::{
    Endpoint, EndpointExt, IntoResponse, Request, Response, Route, Server,
    endpoint::make_sync,
    http::{HeaderValue, Method, StatusCode},
    listener::TcpAcceptor,
    middleware::{CatchPanic, Cors},
    web::Html,
};
use poem_openapi::{OpenApiService, ServerObject, Tags};
use tracing::Instrument;

use crate::{
    accounts::api::AccountsApi,
    catalog::api::CatalogApi,
    config::Settings,
    error::{self, code_for_status},
    orders::api::OrdersApi,
    payments::api::PaymentsApi,
    state::AppState,
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
}

/// Every domain's API, in the order Swagger UI lists them.
pub type Apis = (
    health::HealthApi,
    AccountsApi,
    CatalogApi,
    OrdersApi,
    PaymentsApi,
);

/// Title shown in Swagger UI.
const API_TITLE: &str = "E-commerce catalog API";

/// The OpenAPI service: every operation of every domain.
pub fn api_service(state: &AppState) -> OpenApiService<Apis, ()> {
    OpenApiService::new(
        (
            health::HealthApi::new(state.clone()),
            AccountsApi::new(state.clone()),
            CatalogApi::new(state.clone()),
            OrdersApi::new(state.clone()),
            PaymentsApi::new(state.clone()),
        ),
        API_TITLE,
        env!("CARGO_PKG_VERSION"),
    )
    .description(
        "Product catalog, accounts, orders and Chapa payments. \
         Every error has the shape `{\"error\": {\"code\", \"message\", \"details\"}}`. \
         Money is a decimal string (`\"19.99\"`).",
    )
    .server(
        ServerObject::new("/").description("This server (paths start with `/api/v1` or `/health`)"),
    )
}

/// The OpenAPI document as JSON (what `/openapi.json` serves), finished by [`openapi::finish`].
pub fn openapi_json(state: &AppState) -> String {
    openapi::finish(&api_service(state).spec())
}

/// Headers a browser app on another origin may read.
const EXPOSED_HEADERS: [&str; 3] = ["retry-after", "x-request-id", "idempotency-replayed"];

/// CORS for `CORS_ALLOWED_ORIGINS`; `None` (same-origin only) when the list is empty.
fn cors(settings: &Settings) -> Option<Cors> {
    let origins = &settings.http.cors_allowed_origins;
    if origins.is_empty() {
        return None;
    }
    Some(
        Cors::new()
            .allow_origins(origins.iter().map(String::as_str))
            .allow_credentials(false)
            .allow_methods([
                Method::GET,
                Method::POST,
                Method::PATCH,
                Method::DELETE,
                Method::OPTIONS,
            ])
            .allow_headers([
                "authorization",
                "content-type",
                "idempotency-key",
                "x-request-id",
            ])
            .expose_headers(EXPOSED_HEADERS)
            .max_age(600),
    )
}

/// Full endpoint tree: docs, spec, API, edge defences, CORS, uniform errors, request context.
pub fn routes(state: AppState) -> impl Endpoint {
    let api = api_service(&state);
    let health = api_service(&state);
    let raw_spec = api.spec();
    let spec = openapi::finish(&raw_spec);
    // Swagger UI embeds the document it shows; it shows the finished one.
    let ui = api.swagger_ui_html().replace(&raw_spec, &spec);
    let ui_root = ui.clone();
    let edge = edge::Edge::new(&state.settings.http);
    let cors = cors(&state.settings);
    let allow = Arc::new(AllowTable::from_spec(&raw_spec));
    Route::new()
        .at("/", make_sync(move |_| Html(ui_root.clone())))
        .at("/docs", make_sync(move |_| Html(ui.clone())))
        .at(
            "/openapi.json",
            make_sync(move |_| {
                Response::builder()
                    .content_type("application/json; charset=utf-8")
                    .body(spec.clone())
            }),
        )
        // Every operation lives under one of these two prefixes.
        .nest_no_strip("/api/v1", api)
        .nest_no_strip("/health", health)
        .with(CatchPanic::new().with_handler(|_| {
            (
                StatusCode::INTERNAL_SERVER_ERROR,
                poem::web::Json(error::body("internal", "an internal error occurred", None).0),
            )
                .into_response()
        }))
        .data(state)
        .around(move |next, req| edge::guard(edge.clone(), next, req))
        .with_if(cors.is_some(), cors.unwrap_or_default())
        .around(move |next, req| request_context(next, req, allow.clone()))
}

/// Methods each path template serves, read from the OpenAPI document, for `Allow` on 405.
struct AllowTable(Vec<(Vec<String>, String)>);

impl AllowTable {
    fn from_spec(spec: &str) -> Self {
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
        let segments: Vec<&str> = path.split('/').collect();
        self.0
            .iter()
            .find(|(template, _)| {
                template.len() == segments.len()
                    && template
                        .iter()
                        .zip(&segments)
                        .all(|(t, s)| t == s || t.starts_with('{'))
            })
            .map(|(_, methods)| methods.as_str())
    }
}

/// Header carrying the request id, echoed back to the client.
pub const REQUEST_ID_HEADER: &str = "x-request-id";

/// Per-request span with an id, one log line per request, and the error envelope
/// for errors poem produced itself (unknown route, wrong method, bad JSON).
async fn request_context<E: Endpoint>(
    next: E,
    req: Request,
    allow: Arc<AllowTable>,
) -> poem::Result<Response> {
    let path = req.uri().path().to_owned();
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
    );
    async move {
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
        let elapsed_ms = started.elapsed().as_secs_f64() * 1000.0;
        if status >= 500 {
            tracing::error!(http.status = status, elapsed_ms, "request failed");
        } else {
            tracing::info!(http.status = status, elapsed_ms, "request");
        }
        Ok(response)
    }
    .instrument(span)
    .await
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

/// A bound, ready-to-serve API: migrated database, connected Redis, open socket.
pub struct Application {
    listener: tokio::net::TcpListener,
    state: AppState,
}

impl Application {
    /// Creates the database if missing, migrates it, connects Redis, binds `BIND`.
    pub async fn build(settings: Settings) -> anyhow::Result<Self> {
        let state = crate::startup::prepare(settings).await?;
        let listener = tokio::net::TcpListener::bind(state.settings.http.bind)
            .await
            .with_context(|| format!("binding {}", state.settings.http.bind))?;
        Ok(Self { listener, state })
    }

    /// The actual bound address (useful with port 0).
    pub fn local_addr(&self) -> SocketAddr {
        self.listener
            .local_addr()
            .expect("a bound listener has an address")
    }

    /// The shared state the server runs with.
    pub fn state(&self) -> &AppState {
        &self.state
    }

    /// Serves until `shutdown` resolves, then drains in-flight requests
    /// for at most `SHUTDOWN_TIMEOUT_SECS`.
    pub async fn run_until(self, shutdown: impl Future<Output = ()> + Send) -> anyhow::Result<()> {
        let timeout = self.state.settings.http.shutdown_timeout;
        let addr = self.local_addr();
        tracing::info!(%addr, "listening; Swagger UI at http://{addr}/");
        let acceptor = TcpAcceptor::from_tokio(self.listener)?;
        Server::new_with_acceptor(acceptor)
            .run_with_graceful_shutdown(routes(self.state), shutdown, Some(timeout))
            .await
            .context("HTTP server failed")
    }
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
