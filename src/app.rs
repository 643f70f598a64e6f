//! The application: every domain's API mounted behind the HTTP plumbing, bound and served.
//!
//! This module sits above the domains (it imports each one's `#[OpenApi]`
//! struct), so the domains and `http` never import their importer.

use std::{future::Future, net::SocketAddr, sync::Arc};

use anyhow::Context;
use poem::{
    Endpoint, EndpointExt, IntoResponse, Response, Route, Server,
    endpoint::make_sync,
    http::{Method, StatusCode},
    listener::TcpAcceptor,
    middleware::{CatchPanic, Cors},
    web::Html,
};
use poem_openapi::{OpenApiService, ServerObject};

use crate::{
    accounts::api::AccountsApi,
    catalog::api::CatalogApi,
    config::{AppEnv, Settings},
    dashboard::api::DashboardApi,
    error,
    http::{self, AllowTable, admin_console, edge, health, openapi, request_context},
    orders::api::OrdersApi,
    payments::api::PaymentsApi,
    state::AppState,
};

/// Every domain's API, in the order Swagger UI lists them.
pub type Apis = (
    health::HealthApi,
    AccountsApi,
    CatalogApi,
    OrdersApi,
    PaymentsApi,
    DashboardApi,
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
            DashboardApi::new(state.clone()),
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

/// Full endpoint tree: docs, spec, admin console, API, edge defences, CORS, uniform errors, request context.
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
    let metrics = state.metrics.clone();
    let settings = &state.settings;
    // The public listener serves /metrics unless it has its own listener, and
    // in production only behind a token (fail closed: 404 otherwise).
    let public_metrics = settings.metrics.bind.is_none()
        && (settings.metrics.token.is_some() || settings.env == AppEnv::Development);
    let mut route = Route::new();
    if public_metrics {
        route = route.at(
            "/metrics",
            http::metrics::endpoint(settings.metrics.token.clone(), scrape(&state)),
        );
    }
    route
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
        // The admin console: a single-page app calling the API below.
        .nest(admin_console::MOUNT, admin_console::AdminConsole)
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
        .around(move |next, req| request_context(next, req, allow.clone(), metrics.clone()))
}

/// The api's scrape: pool gauges read now, then every series.
pub fn scrape(state: &AppState) -> http::metrics::Scrape {
    let state = state.clone();
    Arc::new(move || {
        let state = state.clone();
        Box::pin(async move {
            state.metrics.pool_status("main", &state.db);
            state.metrics.pool_status("list", &state.list_db);
            state.metrics.render()
        })
    })
}

/// A bound, ready-to-serve API: migrated database, connected Redis, open socket.
pub struct Application {
    listener: tokio::net::TcpListener,
    state: AppState,
    /// The `METRICS_BIND` listener's address; it serves until the process exits.
    metrics_addr: Option<SocketAddr>,
}

impl Application {
    /// Creates the database if missing, migrates it, connects Redis, binds `BIND`.
    pub async fn build(settings: Settings) -> anyhow::Result<Self> {
        let state = crate::startup::prepare(settings).await?;
        let listener = tokio::net::TcpListener::bind(state.settings.http.bind)
            .await
            .with_context(|| format!("binding {}", state.settings.http.bind))?;
        let metrics_addr = match state.settings.metrics.bind {
            Some(bind) => Some(
                http::metrics::serve(
                    bind,
                    state.settings.metrics.token.clone(),
                    scrape(&state),
                    std::future::pending(),
                )
                .await?,
            ),
            None => None,
        };
        Ok(Self {
            listener,
            state,
            metrics_addr,
        })
    }

    /// Address of the separate `/metrics` listener, when `METRICS_BIND` is set.
    pub fn metrics_addr(&self) -> Option<SocketAddr> {
        self.metrics_addr
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
