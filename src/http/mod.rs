//! HTTP surface: route table, OpenAPI assembly, uniform errors, request context.
//!
//! # Layout
//! - `mod.rs`: [`routes`] builds the endpoint tree; [`Application`] binds and serves it.
//! - `health.rs`: liveness and readiness probes.
//! - `auth.rs`: bearer-token security scheme and role guards.
//! - `json_bytes.rs`: a pre-serialised JSON payload (cached responses).

pub mod auth;
pub mod client_ip;
pub mod health;
pub mod json_bytes;

use std::{future::Future, net::SocketAddr, time::Instant};

use anyhow::Context;
use poem::{
    Endpoint, EndpointExt, IntoResponse, Request, Response, Route, Server,
    endpoint::make_sync,
    http::{HeaderValue, StatusCode},
    listener::TcpAcceptor,
    middleware::CatchPanic,
    web::Html,
};
use poem_openapi::{OpenApiService, Tags};
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
}

/// The OpenAPI document as JSON (what `/openapi.json` serves).
pub fn openapi_json(state: &AppState) -> String {
    api_service(state).spec()
}

/// Full endpoint tree: docs, spec, API, uniform errors, request context.
pub fn routes(state: AppState) -> impl Endpoint {
    let api = api_service(&state);
    let health = api_service(&state);
    let ui = api.swagger_ui_html();
    let ui_root = ui.clone();
    Route::new()
        .at("/", make_sync(move |_| Html(ui_root.clone())))
        .at("/docs", make_sync(move |_| Html(ui.clone())))
        .at("/openapi.json", api.spec_endpoint())
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
        .around(request_context)
}

/// Header carrying the request id, echoed back to the client.
pub const REQUEST_ID_HEADER: &str = "x-request-id";

/// Per-request span with an id, one log line per request, and the error envelope
/// for errors poem produced itself (unknown route, wrong method, bad JSON).
async fn request_context<E: Endpoint>(next: E, req: Request) -> poem::Result<Response> {
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

/// Turns any poem error into the JSON envelope, keeping bodies that already are JSON.
fn envelope(err: poem::Error) -> Response {
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
