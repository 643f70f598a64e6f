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
    /// Per-dependency status, `ok` or `down`; the cause is logged, never returned.
    pub checks: std::collections::BTreeMap<String, String>,
}

/// Readiness outcome.
#[derive(ApiResponse)]
pub enum ReadyResponse {
    /// PostgreSQL and Redis answered.
    #[oai(status = 200)]
    Ready(Json<Health>),
    /// PostgreSQL or Redis is down; `checks` says which.
    #[oai(status = 503)]
    NotReady(Json<Health>),
}

/// Longest wait for one dependency's answer.
const CHECK_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(2);

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
    /// 200 when PostgreSQL and Redis answer, 503 naming the one that is `down`
    /// otherwise (the cause goes to the log). RabbitMQ is not checked: the api
    /// never talks to it (jobs go through the outbox), so a broker outage must
    /// not take the api out of the load balancer.
    #[oai(
        path = "/health/ready",
        method = "get",
        tag = "ApiTags::Health",
        operation_id = "find_readiness"
    )]
    async fn ready(&self) -> ReadyResponse {
        let (postgres, redis) = tokio::join!(self.check_postgres(), self.check_redis());
        let checks: std::collections::BTreeMap<String, String> = [
            ("postgres", postgres),
            ("redis", redis),
        ]
        .into_iter()
        .map(|(name, result)| {
            let status = match result {
                Ok(()) => "ok",
                Err(error) => {
                    tracing::warn!(dependency = name, error = %error, "readiness check failed");
                    "down"
                }
            };
            (name.to_owned(), status.to_owned())
        })
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
    async fn check_postgres(&self) -> Result<(), String> {
        let ping = async {
            let client = self.state.db.get().await?;
            codegen::queries::health::ping().bind(&client).one().await?;
            anyhow::Ok(())
        };
        match tokio::time::timeout(CHECK_TIMEOUT, ping).await {
            Ok(result) => result.map_err(|e| format!("{e:#}")),
            Err(_) => Err(format!("no answer within {CHECK_TIMEOUT:?}")),
        }
    }

    async fn check_redis(&self) -> Result<(), String> {
        let mut conn = self.state.redis.clone();
        let ping = async move { redis::cmd("PING").query_async::<String>(&mut conn).await };
        match tokio::time::timeout(CHECK_TIMEOUT, ping).await {
            Ok(result) => result.map(drop).map_err(|e| e.to_string()),
            Err(_) => Err(format!("no answer within {CHECK_TIMEOUT:?}")),
        }
    }
}
