//! `AppState`: the shared handles every handler and service needs.

use std::sync::Arc;

use redis::aio::ConnectionManager;

use crate::{
    accounts::{revocation::Revocations, token::JwtKeys},
    cache::Cache,
    config::Settings,
    db::Pool,
    db::replicas::Replicas,
    pagination::CursorCodec,
    payments::client::ChapaClient,
    telemetry::metrics::Metrics,
};

/// Cloned into each API struct; cheap to clone (all handles are shared).
#[derive(Clone)]
pub struct AppState {
    /// Parsed configuration, read-only after start.
    pub settings: Arc<Settings>,
    /// PostgreSQL pool; connections return to it when dropped.
    pub db: Pool,
    /// PostgreSQL pool for the catalog list queries: its connections plan each
    /// execution for its parameters (`db::Plans::Custom`).
    pub list_db: Pool,
    /// Read replicas (`DATABASE_REPLICA_URLS`) for the public catalog reads the
    /// cache does not store; empty without replicas. Its lag monitor stops when
    /// the last clone is dropped.
    pub replicas: Replicas,
    /// Redis connection that reconnects by itself; used for rate limits and revocation.
    pub redis: ConnectionManager,
    /// Cache of the public catalog reads (Redis, same connection); catalog,
    /// order and stock writes invalidate it after they commit.
    pub catalog_cache: Cache,
    /// JWT keys and validation rules, built once from `JWT_*`.
    pub jwt: Arc<JwtKeys>,
    /// Access-token revocation (Redis).
    pub revocations: Revocations,
    /// Signs and checks pagination cursors (keyed with the JWT secret).
    pub cursors: CursorCodec,
    /// HTTP client for the Chapa payment gateway.
    pub chapa: ChapaClient,
    /// This process's metrics registry, rendered at `GET /metrics`.
    pub metrics: Metrics,
}
