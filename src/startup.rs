//! Start-up sequence shared by `api serve`, `api migrate`, `api seed` and tests.

use std::sync::Arc;

use anyhow::Context;

use crate::{
    accounts::{revocation::Revocations, token::JwtKeys},
    cache::Cache,
    config::{RedisSettings, Settings},
    db,
    pagination::CursorCodec,
    payments::client::ChapaClient,
    state::AppState,
    telemetry::metrics::Metrics,
};
use secrecy::ExposeSecret;

/// Creates and migrates the database, connects Redis, and returns the shared state.
pub async fn prepare(settings: Settings) -> anyhow::Result<AppState> {
    let pool = migrated_pool(&settings).await?;
    ensure_search_language(&pool, &settings.catalog.search_language).await?;
    ensure_low_stock_threshold(&pool, settings.catalog.low_stock_threshold).await?;
    if let Some(admin) = &settings.admin {
        crate::accounts::service::bootstrap_admin(&pool, admin)
            .await
            .context("creating the bootstrap admin (ADMIN_EMAIL)")?;
    }
    let redis = redis_connection(&settings.redis).await?;
    let jwt = Arc::new(JwtKeys::new(&settings.jwt));
    let metrics = Metrics::new();
    let revocations = Revocations::new(
        redis.clone(),
        pool.clone(),
        &settings.redis.key_prefix,
        settings.jwt.access_ttl.as_secs(),
    )
    .with_metrics(metrics.clone());
    let catalog_cache = catalog_cache(&settings, redis.clone(), metrics.clone());
    let list_db = db::pool(
        &settings.database,
        settings.database.list_pool_size,
        db::Plans::Custom,
    )?;
    let replicas = db::replicas::Replicas::new(&settings.database)?;
    replicas.monitor(pool.clone());
    let cursors = CursorCodec::new(settings.jwt.secret.expose_secret().as_bytes());
    let chapa = ChapaClient::new(&settings.payments, metrics.clone())?;
    let state = AppState {
        settings: Arc::new(settings),
        db: pool,
        list_db,
        replicas,
        redis,
        catalog_cache,
        jwt,
        revocations,
        cursors,
        chapa,
        metrics,
    };
    Ok(state)
}

/// Makes the dashboard's low-stock table follow `LOW_STOCK_THRESHOLD` (see V0020).
async fn ensure_low_stock_threshold(pool: &crate::db::Pool, threshold: i32) -> anyhow::Result<()> {
    let mut client = pool.get().await.context("connecting to PostgreSQL")?;
    if crate::dashboard::service::ensure_low_stock_threshold(&mut client, threshold)
        .await
        .context("applying LOW_STOCK_THRESHOLD")?
    {
        tracing::info!(
            low_stock.threshold = threshold,
            "low-stock products refilled for LOW_STOCK_THRESHOLD"
        );
    }
    Ok(())
}

/// Makes the stored product search vectors use `SEARCH_LANGUAGE` (see V0014).
async fn ensure_search_language(pool: &crate::db::Pool, language: &str) -> anyhow::Result<()> {
    let mut client = pool.get().await.context("connecting to PostgreSQL")?;
    if crate::catalog::service::ensure_search_config(&mut client, language)
        .await
        .context("applying SEARCH_LANGUAGE")?
    {
        tracing::info!(
            search.language = language,
            "product search vectors rebuilt for SEARCH_LANGUAGE"
        );
    }
    Ok(())
}

/// The catalog read cache of this deployment (namespace under `REDIS_KEY_PREFIX`).
pub fn catalog_cache(
    settings: &Settings,
    redis: redis::aio::ConnectionManager,
    metrics: Metrics,
) -> Cache {
    Cache::new(
        redis,
        &format!("{}catalog:", settings.redis.key_prefix),
        settings.catalog.cache_ttl,
        settings.catalog.cache_timeout,
    )
    .with_metrics("catalog", metrics)
}

/// Creates the database if missing and applies migrations; returns the pool.
pub async fn migrated_pool(settings: &Settings) -> anyhow::Result<crate::db::Pool> {
    db::ensure_database(&settings.database).await?;
    let pool = db::pool(
        &settings.database,
        settings.database.pool_size,
        db::Plans::Cached,
    )?;
    db::migrate(&pool, settings.database.migration_lock_timeout).await?;
    Ok(pool)
}

/// Connects to Redis; the manager reconnects by itself after drops.
///
/// Every command and reconnection attempt gives up after `REDIS_TIMEOUT_MS`:
/// the revocation check and the login rate limit fail closed (503) rather
/// than hold requests while Redis hangs.
pub async fn redis_connection(
    settings: &RedisSettings,
) -> anyhow::Result<redis::aio::ConnectionManager> {
    let client = redis::Client::open(settings.url.as_str()).context("REDIS_URL is invalid")?;
    let config = redis::aio::ConnectionManagerConfig::new()
        .set_response_timeout(settings.timeout)
        .set_connection_timeout(settings.timeout);
    tokio::time::timeout(
        std::time::Duration::from_secs(5),
        redis::aio::ConnectionManager::new_with_config(client, config),
    )
    .await
    .context("timed out connecting to Redis (is it running? see scripts/services)")?
    .context("connecting to Redis (is it running? see scripts/services)")
}
