//! Liveness and readiness probes for orchestrators and load balancers.

use crate::{http::ApiTags, state::AppState};
use poem_openapi::{ApiResponse, Object, OpenApi, payload::Json};

/// Health endpoints (outside `/api/v1`, like most probes).
pub struct HealthApi {
    state: AppState,
}

impl HealthApi {
    /// Wraps the shared state.
    pub fn new(state: AppState) -> Self {
        Self { state }
    }
}

/// Result of one probe.
#[derive(Debug, Object)]
pub struct Health {
    /// `ok` when everything checked is reachable, else `unavailable`.
    pub status: String,
    /// Per-dependency status (`ok` or an error message).
    pub checks: std::collections::BTreeMap<String, String>,
}

/// Readiness outcome.
#[derive(ApiResponse)]
pub enum ReadyResponse {
    /// Every dependency answered.
    #[oai(status = 200)]
    Ready(Json<Health>),
    /// At least one dependency is down; `checks` says which.
    #[oai(status = 503)]
    NotReady(Json<Health>),
}

#[OpenApi]
impl HealthApi {
    /// Liveness probe
    ///
    /// 200 whenever the process serves HTTP; checks nothing else.
    #[oai(
        path = "/health/live",
        method = "get",
        tag = "ApiTags::Health",
        operation_id = "find_liveness"
    )]
    async fn live(&self) -> Json<Health> {
        Json(Health {
            status: "ok".into(),
            checks: Default::default(),
        })
    }

    /// Readiness probe
    ///
    /// 200 when PostgreSQL, Redis and RabbitMQ answer, 503 naming the failing one otherwise.
    #[oai(
        path = "/health/ready",
        method = "get",
        tag = "ApiTags::Health",
        operation_id = "find_readiness"
    )]
    async fn ready(&self) -> ReadyResponse {
        let (postgres, redis, rabbitmq) = tokio::join!(
            self.check_postgres(),
            self.check_redis(),
            self.check_rabbitmq()
        );
        let checks: std::collections::BTreeMap<String, String> = [
            ("postgres".to_owned(), postgres),
            ("redis".to_owned(), redis),
            ("rabbitmq".to_owned(), rabbitmq),
        ]
        .into_iter()
        .collect();
        if checks.values().all(|v| v == "ok") {
            ReadyResponse::Ready(Json(Health {
                status: "ok".into(),
                checks,
            }))
        } else {
            ReadyResponse::NotReady(Json(Health {
                status: "unavailable".into(),
                checks,
            }))
        }
    }
}

impl HealthApi {
    async fn check_postgres(&self) -> String {
        let result = async {
            let client = self.state.db.get().await?;
            codegen::queries::health::ping().bind(&client).one().await?;
            anyhow::Ok(())
        };
        match tokio::time::timeout(std::time::Duration::from_secs(2), result).await {
            Ok(Ok(())) => "ok".into(),
            Ok(Err(e)) => format!("error: {e}"),
            Err(_) => "error: timed out".into(),
        }
    }

    /// Opens and closes a connection on demand: the api holds no broker
    /// connection (jobs go through the outbox), so a broker outage only shows here.
    async fn check_rabbitmq(&self) -> String {
        use secrecy::ExposeSecret;
        let url = self.state.settings.amqp.url.expose_secret();
        match crate::jobs::broker::connect(url, std::time::Duration::from_secs(2)).await {
            Ok(connection) => {
                let _ = connection.close(200, "readiness probe").await;
                "ok".into()
            }
            Err(e) => format!("error: {e:#}"),
        }
    }

    async fn check_redis(&self) -> String {
        let mut conn = self.state.redis.clone();
        let ping = async move { redis::cmd("PING").query_async::<String>(&mut conn).await };
        match tokio::time::timeout(std::time::Duration::from_secs(2), ping).await {
            Ok(Ok(_)) => "ok".into(),
            Ok(Err(e)) => format!("error: {e}"),
            Err(_) => "error: timed out".into(),
        }
    }
}
