//! `GET /metrics`: the Prometheus scrape endpoint, its access rule and its own listener.
//!
//! Who may read it (docs/OPERATIONS.md): with `METRICS_TOKEN` set, only a
//! request with `Authorization: Bearer <token>`; with `METRICS_BIND` set, the
//! endpoint moves to that address (a private interface) and the api's public
//! listener no longer serves it. In production the public listener serves it
//! only with a token: without one it answers 404, so a forgotten setting
//! never publishes the numbers.

use std::{future::Future, net::SocketAddr, pin::Pin, sync::Arc};

use anyhow::Context;
use poem::{
    Endpoint, EndpointExt, IntoResponse, Request, Response, Route, Server, endpoint::make,
    http::StatusCode, listener::TcpAcceptor,
};
use secrecy::{ExposeSecret, SecretString};
use subtle::ConstantTimeEq;

use crate::error;

/// Content type of the Prometheus text format.
pub const CONTENT_TYPE: &str = "text/plain; version=0.0.4; charset=utf-8";

/// Produces one scrape: refreshes the gauges read at scrape time, then renders.
pub type Scrape = Arc<dyn Fn() -> Pin<Box<dyn Future<Output = String> + Send>> + Send + Sync>;

/// Whether `req` carries the metrics token (always true without a token).
fn authorized(req: &Request, token: Option<&SecretString>) -> bool {
    let Some(token) = token else {
        return true;
    };
    req.headers()
        .get(poem::http::header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .is_some_and(|given| bool::from(given.as_bytes().ct_eq(token.expose_secret().as_bytes())))
}

/// The `/metrics` endpoint: 401 without the token (when one is set), else the scrape.
pub fn endpoint(token: Option<SecretString>, scrape: Scrape) -> impl Endpoint {
    make(move |req: Request| {
        let scrape = scrape.clone();
        let allowed = authorized(&req, token.as_ref());
        async move {
            if !allowed {
                return poem::web::Json(
                    error::body(
                        "unauthorized",
                        "a valid metrics bearer token is required",
                        None,
                    )
                    .0,
                )
                .with_status(StatusCode::UNAUTHORIZED)
                .with_header("www-authenticate", "Bearer")
                .into_response();
            }
            Response::builder()
                .content_type(CONTENT_TYPE)
                .body(scrape().await)
        }
    })
}

/// A listener serving only `/metrics` at `bind` until `shutdown` resolves; returns the bound address.
pub async fn serve(
    bind: SocketAddr,
    token: Option<SecretString>,
    scrape: Scrape,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> anyhow::Result<SocketAddr> {
    let listener = tokio::net::TcpListener::bind(bind)
        .await
        .with_context(|| format!("binding METRICS_BIND {bind}"))?;
    let addr = listener.local_addr()?;
    let acceptor = TcpAcceptor::from_tokio(listener)?;
    let app = Route::new()
        .at("/metrics", endpoint(token, scrape))
        .map_to_response();
    tokio::spawn(async move {
        if let Err(e) = Server::new_with_acceptor(acceptor)
            .run_with_graceful_shutdown(app, shutdown, None)
            .await
        {
            tracing::error!(error = %e, "metrics listener failed");
        }
    });
    tracing::info!(%addr, "serving /metrics");
    Ok(addr)
}
