//! Settings: every knob comes from the environment, parsed once at start.
//!
//! `.env` is read if present (development). A malformed value stops start-up
//! with an error naming the variable; see `.env.example` for the full list.

use std::{
    fmt::Display,
    net::{IpAddr, SocketAddr},
    path::PathBuf,
    str::FromStr,
    time::Duration,
};

use ipnet::IpNet;

use secrecy::{ExposeSecret, SecretString};

/// Start-up configuration failure; the message always names the variable.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// A required variable is unset or empty.
    #[error("{name} is required but not set ({hint})")]
    Missing {
        /// Environment variable name.
        name: &'static str,
        /// What the variable should hold.
        hint: &'static str,
    },
    /// A variable is set but cannot be parsed.
    #[error("{name} is invalid: {reason}")]
    Invalid {
        /// Environment variable name.
        name: &'static str,
        /// Why the value was rejected.
        reason: String,
    },
}

/// Deployment mode; anything but an explicit development mode is production.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AppEnv {
    /// Local runs and tests (`APP_ENV=development`): built-in JWT secret, Chapa keys optional.
    Development,
    /// Real deployments, and the default: every secret must be configured.
    Production,
}

impl FromStr for AppEnv {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "dev" | "development" | "local" | "test" => Ok(Self::Development),
            "prod" | "production" => Ok(Self::Production),
            other => Err(format!(
                "expected `development` or `production`, got `{other}`"
            )),
        }
    }
}

/// The whole service configuration, handed to `App::build` and the worker.
#[derive(Debug, Clone)]
pub struct Settings {
    /// `APP_ENV`: production (default) or development.
    pub env: AppEnv,
    /// HTTP listener settings.
    pub http: HttpSettings,
    /// PostgreSQL connection settings.
    pub database: DatabaseSettings,
    /// Redis: rate limits, token revocation, caches.
    pub redis: RedisSettings,
    /// RabbitMQ: background jobs.
    pub amqp: AmqpSettings,
    /// JSON Web Token signing and lifetimes.
    pub jwt: JwtSettings,
    /// First admin created at start when both variables are set.
    pub admin: Option<AdminBootstrap>,
    /// Chapa payment gateway.
    pub payments: PaymentSettings,
    /// Outgoing mail.
    pub email: EmailSettings,
    /// Background jobs: outbox relay, retries, worker concurrency.
    pub jobs: JobSettings,
    /// Business thresholds and the catalog read cache.
    pub catalog: CatalogSettings,
    /// Account lifecycle: email verification, password reset, email change.
    pub accounts: AccountSettings,
    /// Who may read `GET /metrics`, and where.
    pub metrics: MetricsSettings,
    /// How long the worker keeps rows nobody needs any more before pruning them.
    pub retention: RetentionSettings,
}

/// Access to `GET /metrics` (docs/OPERATIONS.md, "Who may read /metrics").
#[derive(Debug, Clone)]
pub struct MetricsSettings {
    /// `METRICS_BIND`: a separate socket address serving only `/metrics`, e.g.
    /// `10.0.0.5:9100` (the worker's only HTTP listener); when set, the api's
    /// main listener does not serve `/metrics`.
    pub bind: Option<SocketAddr>,
    /// `METRICS_TOKEN`: when set, `/metrics` requires `Authorization: Bearer <token>`.
    /// In production the api's main listener serves `/metrics` only with a token.
    pub token: Option<SecretString>,
}

/// Retention of rows the worker prunes, in small batches, every `HOUSEKEEPING_INTERVAL_SECS`.
#[derive(Debug, Clone)]
pub struct RetentionSettings {
    /// `HOUSEKEEPING_INTERVAL_SECS`: how often the worker prunes (default 300).
    pub interval: Duration,
    /// `PRUNE_BATCH_SIZE`: rows deleted per statement (default 500), so no
    /// prune holds locks or bloats WAL for long.
    pub batch: i64,
    /// `PRUNE_MAX_BATCHES`: statements per table per run (default 20); the next run takes the rest.
    pub max_batches: u32,
    /// `OUTBOX_RETENTION_SECS`: published outbox rows are kept this long after publishing (default 7 days).
    pub outbox: Duration,
    /// `PROCESSED_JOBS_RETENTION_SECS`: job-idempotency records kept this long
    /// (default 14 days; must outlast any redelivery of the job).
    pub processed_jobs: Duration,
    /// `REFRESH_TOKEN_RETENTION_SECS`: refresh tokens are deleted this long after they expired (default 7 days).
    pub refresh_tokens: Duration,
    /// `IDEMPOTENCY_KEY_RETENTION_SECS`: an `Idempotency-Key` of an order,
    /// payment or refund is forgotten this long after the request (default 24 hours).
    pub idempotency_keys: Duration,
}

/// Email verification, password reset and email change.
#[derive(Debug, Clone)]
pub struct AccountSettings {
    /// `FRONTEND_BASE_URL`: base of the links in account emails, e.g.
    /// `https://shop.example.com` (default `PUBLIC_BASE_URL`).
    pub frontend_base_url: String,
    /// `REQUIRE_VERIFIED_EMAIL`: `true` makes placing orders and starting
    /// payments answer 403 `email_not_verified` until the address is verified (default `false`).
    pub require_verified_email: bool,
    /// `EMAIL_TOKEN_TTL_SECS`: lifetime of verification and email-change links (default 24 hours).
    pub email_token_ttl: Duration,
    /// `PASSWORD_RESET_TTL_SECS`: lifetime of password-reset links (default 1 hour).
    pub password_reset_ttl: Duration,
    /// `PASSWORD_RESET_RATE_LIMIT`: reset requests (and confirmations, and
    /// verification resends) allowed per address and per client per window (default 5).
    pub password_reset_rate_limit: u32,
    /// `PASSWORD_RESET_RATE_WINDOW_SECS`: that window (default 15 minutes).
    pub password_reset_rate_window: Duration,
}

/// Where the API listens and how it is reached from outside.
#[derive(Debug, Clone)]
pub struct HttpSettings {
    /// `BIND`: socket address, e.g. `127.0.0.1:8000`; port 0 picks a free port.
    pub bind: SocketAddr,
    /// `PUBLIC_BASE_URL`: external URL of the API, used in payment callbacks.
    pub public_base_url: String,
    /// `SHUTDOWN_TIMEOUT_SECS`: grace period for in-flight requests on SIGTERM.
    pub shutdown_timeout: Duration,
    /// `TRUSTED_PROXIES`: comma-separated addresses or CIDR ranges of reverse
    /// proxies whose `X-Forwarded-For` names the client (empty: trust none).
    pub trusted_proxies: Vec<IpNet>,
    /// `MAX_BODY_BYTES`: largest request body (default 1 MiB); auth and webhook
    /// bodies are limited to the smaller of this and 16 KiB.
    pub max_body_bytes: usize,
    /// `CORS_ALLOWED_ORIGINS`: comma-separated origins allowed to call the API
    /// from a browser (empty: same-origin only).
    pub cors_allowed_origins: Vec<String>,
    /// `MAX_IN_FLIGHT`: requests served at once; more are shed with 503 + `Retry-After`.
    pub max_in_flight: usize,
    /// `REQUEST_TIMEOUT_SECS`: a request still running after this answers 503.
    pub request_timeout: Duration,
}

/// PostgreSQL connection.
#[derive(Debug, Clone)]
pub struct DatabaseSettings {
    /// `DATABASE_URL`: `postgres://user@host:port/dbname`; the database is created if missing.
    pub url: SecretString,
    /// `DATABASE_POOL_SIZE`: maximum pooled connections.
    pub pool_size: usize,
    /// `DATABASE_LIST_POOL_SIZE`: connections of the separate pool for catalog list queries (custom plans).
    ///
    /// Each read replica gets a pool of this size too.
    pub list_pool_size: usize,
    /// `DATABASE_REPLICA_URLS`: comma-separated URLs of streaming replicas of
    /// `DATABASE_URL` (same database name); public catalog reads go to them.
    pub replica_urls: Vec<SecretString>,
    /// `REPLICA_MAX_LAG_MS`: a replica further behind the primary than this
    /// (default 1000) is skipped until it catches up.
    pub replica_max_lag: Duration,
    /// `MIGRATION_LOCK_TIMEOUT_SECS`: how long start-up waits (default 600)
    /// while another process holds the migration lock before it gives up
    /// with an error, instead of waiting forever behind a stuck one.
    pub migration_lock_timeout: Duration,
}

/// Redis connection; `Debug` masks the password in the URL.
#[derive(Clone)]
pub struct RedisSettings {
    /// `REDIS_URL`: `redis://host:port[/db]`.
    pub url: String,
    /// `REDIS_KEY_PREFIX`: namespace for every key, so several deployments (or tests) share a server.
    pub key_prefix: String,
    /// `REDIS_TIMEOUT_MS`: longest wait for a connection or an answer; a hung
    /// Redis then fails requests that need it (503) instead of stalling them.
    pub timeout: Duration,
}

impl std::fmt::Debug for RedisSettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RedisSettings")
            .field("url", &redact_url_password(&self.url))
            .field("key_prefix", &self.key_prefix)
            .field("timeout", &self.timeout)
            .finish()
    }
}

/// The URL with the password of its `user:password@` part replaced by `***`.
pub fn redact_url_password(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_owned();
    };
    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    match rest[..authority_end].rsplit_once('@') {
        Some((userinfo, host)) if userinfo.contains(':') => {
            let user = userinfo.split_once(':').map_or(userinfo, |(user, _)| user);
            format!("{scheme}://{user}:***@{host}{}", &rest[authority_end..])
        }
        _ => url.to_owned(),
    }
}

/// RabbitMQ connection.
#[derive(Debug, Clone)]
pub struct AmqpSettings {
    /// `AMQP_URL`: `amqp://user:pass@host:port/vhost`.
    pub url: SecretString,
    /// `AMQP_QUEUE_PREFIX`: prefix of every exchange and queue name, so deployments (or tests) sharing a broker stay apart.
    pub queue_prefix: String,
    /// `AMQP_QUEUE_EXPIRES_SECS`: when set, queues get `x-expires` and exchanges auto-delete (tests, previews); unset in production.
    pub queue_expires: Option<Duration>,
    /// `RABBITMQ_QUEUE_TYPE`: `quorum` (default; replicated across a cluster) or `classic`.
    pub queue_type: QueueType,
}

/// How the job queues are declared (`x-queue-type`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QueueType {
    /// Raft-replicated across the cluster's nodes (RabbitMQ 3.10 or newer for the retry queues' TTL).
    Quorum,
    /// A single node's queue: brokers older than 3.10, or queues declared before quorum was the default.
    Classic,
}

impl QueueType {
    /// The `x-queue-type` argument value.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Quorum => "quorum",
            Self::Classic => "classic",
        }
    }
}

impl FromStr for QueueType {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "quorum" => Ok(Self::Quorum),
            "classic" => Ok(Self::Classic),
            other => Err(format!("expected `quorum` or `classic`, got `{other}`")),
        }
    }
}

/// Background-job tuning: relay polling, retries, worker concurrency.
#[derive(Debug, Clone)]
pub struct JobSettings {
    /// `JOB_MAX_ATTEMPTS`: deliveries of a failing job before it goes to the dead-letter queue.
    pub max_attempts: u32,
    /// `JOB_RETRY_BASE_MS`: delay before the first retry; each later retry doubles it.
    pub retry_base: Duration,
    /// `RELAY_POLL_MS`: how often the outbox relay looks for unpublished rows.
    pub relay_poll: Duration,
    /// `ORDER_EXPIRY_SWEEP_SECS`: how often the worker cancels orders left unpaid past the TTL.
    pub expiry_sweep: Duration,
    /// `RELAY_BATCH_SIZE`: outbox rows published per relay transaction.
    pub relay_batch: i64,
    /// `WORKER_PREFETCH`: unacknowledged deliveries (and so concurrent jobs) per worker.
    pub prefetch: u16,
    /// `WORKER_SCHEMA_WAIT_SECS`: how long the worker waits at start for the
    /// database schema to reach the version it was built for (default 60).
    pub schema_wait: Duration,
}

/// JWT signing (HS256) and token lifetimes.
#[derive(Debug, Clone)]
pub struct JwtSettings {
    /// `JWT_SECRET`: HMAC key, at least 32 bytes; required unless `APP_ENV=development`.
    pub secret: SecretString,
    /// `JWT_ISSUER`: `iss` claim written and required.
    pub issuer: String,
    /// `JWT_AUDIENCE`: `aud` claim written and required.
    pub audience: String,
    /// `JWT_ACCESS_TTL_SECS`: access token lifetime (default 15 minutes).
    pub access_ttl: Duration,
    /// `JWT_REFRESH_TTL_SECS`: refresh token lifetime (default 7 days).
    pub refresh_ttl: Duration,
    /// `LOGIN_RATE_LIMIT`: failed-or-not login attempts allowed per IP and per account per window.
    pub login_rate_limit: u32,
    /// `LOGIN_RATE_WINDOW_SECS`: the rate-limit window.
    pub login_rate_window: Duration,
    /// `REFRESH_REUSE_GRACE_SECS`: how long a spent refresh token still yields the pair it was exchanged for.
    ///
    /// A client that retries a refresh, or two tabs that refresh at once, get
    /// the same new pair instead of tripping theft detection; reuse after this
    /// window revokes every session of the user. `0` turns the grace off.
    pub refresh_reuse_grace: Duration,
}

/// Credentials of the first admin, from `ADMIN_EMAIL` and `ADMIN_PASSWORD`.
#[derive(Debug, Clone)]
pub struct AdminBootstrap {
    /// `ADMIN_EMAIL`.
    pub email: String,
    /// `ADMIN_PASSWORD`.
    pub password: SecretString,
}

/// Chapa gateway access.
#[derive(Debug, Clone)]
pub struct PaymentSettings {
    /// `CHAPA_API_BASE`: e.g. `https://api.chapa.co/v1`.
    pub chapa_api_base: String,
    /// `CHAPA_SECRET_KEY`: bearer key for Chapa's API.
    pub chapa_secret_key: SecretString,
    /// `CHAPA_WEBHOOK_SECRET`: HMAC key Chapa signs webhooks with.
    pub chapa_webhook_secret: SecretString,
    /// `CHAPA_TIMEOUT_SECS`: per-request timeout towards Chapa.
    pub chapa_timeout: Duration,
    /// `PAYMENT_RETURN_URL`: where Chapa sends the buyer after checkout.
    pub return_url: String,
    /// `ORDER_PAYMENT_TTL_SECS`: an order still unpaid this long after it was placed
    /// is cancelled and its stock returned (default 1800).
    pub order_payment_ttl: Duration,
}

/// Outgoing mail.
#[derive(Debug, Clone)]
pub struct EmailSettings {
    /// `SMTP_URL`: e.g. `smtp://user:pass@host:587`; unset writes .eml files instead.
    pub smtp_url: Option<SecretString>,
    /// `MAIL_OUTBOX_DIR`: directory for .eml files when `SMTP_URL` is unset.
    pub outbox_dir: PathBuf,
    /// `MAIL_FROM`: sender address.
    pub from: String,
    /// `ADMIN_ALERT_EMAIL`: low-stock alerts go here instead of to every admin.
    pub admin_alert_email: Option<String>,
}

/// Business thresholds of the catalog and orders, and the cache of public catalog reads.
#[derive(Debug, Clone)]
pub struct CatalogSettings {
    /// `LOW_STOCK_THRESHOLD`: stock at or below this triggers a low-stock alert.
    pub low_stock_threshold: i32,
    /// `CATALOG_CACHE_TTL_SECS`: lifetime of a cached public product list or product in Redis
    /// (default 60); `None` (set to 0) turns the cache off.
    ///
    /// Every catalog write invalidates the cache at once (orders only the
    /// entries that depend on stock status); the lifetime only bounds
    /// staleness should an invalidation be lost.
    pub cache_ttl: Option<Duration>,
    /// `CATALOG_CACHE_TIMEOUT_MS`: longest wait for Redis per cache call (default 50);
    /// past it the read goes to PostgreSQL.
    pub cache_timeout: Duration,
    /// `SEARCH_LANGUAGE`: PostgreSQL text search configuration of product search
    /// (default `english`: stemming and stop words; `simple`: words as written).
    ///
    /// One of [`SEARCH_LANGUAGES`]. Start-up stores it in the database and
    /// recomputes the search vectors when it changed (see V0014).
    pub search_language: String,
}

/// The text search configurations PostgreSQL ships with; `SEARCH_LANGUAGE` must be one.
pub const SEARCH_LANGUAGES: &[&str] = &[
    "simple",
    "arabic",
    "armenian",
    "basque",
    "catalan",
    "danish",
    "dutch",
    "english",
    "finnish",
    "french",
    "german",
    "greek",
    "hindi",
    "hungarian",
    "indonesian",
    "irish",
    "italian",
    "lithuanian",
    "nepali",
    "norwegian",
    "portuguese",
    "romanian",
    "russian",
    "serbian",
    "spanish",
    "swedish",
    "tamil",
    "turkish",
    "yiddish",
];

/// Checks `SEARCH_LANGUAGE` against [`SEARCH_LANGUAGES`].
fn search_language(value: String) -> Result<String, ConfigError> {
    if SEARCH_LANGUAGES.contains(&value.as_str()) {
        Ok(value)
    } else {
        Err(ConfigError::Invalid {
            name: "SEARCH_LANGUAGE",
            reason: format!(
                "unknown text search configuration `{value}`; expected one of {}",
                SEARCH_LANGUAGES.join(", ")
            ),
        })
    }
}

/// Secret used when `JWT_SECRET` is unset and `APP_ENV=development`; never accepted in production.
/// Seconds in a day, for retention defaults.
const DAY: u64 = 24 * 3600;

const DEV_JWT_SECRET: &str = "development-only-secret-change-me-0123456789";

impl Settings {
    /// Reads `.env` (if present) and the process environment.
    pub fn from_env() -> Result<Self, ConfigError> {
        load_dotenv();
        Self::from_lookup(|name| std::env::var(name).ok())
    }

    /// Builds settings from any name → value lookup (tests pass a map).
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let env = Env(&lookup);
        // Fail closed: only an explicit development mode relaxes the checks below.
        let app_env: AppEnv = env.parse_or("APP_ENV", AppEnv::Production)?;
        if app_env == AppEnv::Production {
            env.require(&[
                "JWT_SECRET",
                "CHAPA_SECRET_KEY",
                "CHAPA_WEBHOOK_SECRET",
                "PUBLIC_BASE_URL",
            ])?;
        }
        let bind: SocketAddr = env.parse_or("BIND", SocketAddr::from(([127, 0, 0, 1], 8000)))?;

        let database_url = env.string_or(
            "DATABASE_URL",
            "postgres://postgres@127.0.0.1:5432/ecommerce",
        );
        crate::db::tls::Target::parse(&database_url).map_err(|reason| ConfigError::Invalid {
            name: "DATABASE_URL",
            reason,
        })?;
        let redis_url = env.string_or("REDIS_URL", "redis://127.0.0.1:6379");
        if !redis_url.starts_with("redis://") && !redis_url.starts_with("rediss://") {
            return Err(ConfigError::Invalid {
                name: "REDIS_URL",
                reason: "expected a redis:// or rediss:// URL".into(),
            });
        }
        let amqp_url = env.string_or("AMQP_URL", "amqp://guest:guest@127.0.0.1:5672/%2f");
        if !amqp_url.starts_with("amqp://") && !amqp_url.starts_with("amqps://") {
            return Err(ConfigError::Invalid {
                name: "AMQP_URL",
                reason: "expected an amqp:// or amqps:// URL".into(),
            });
        }

        let jwt_secret = match (env.get("JWT_SECRET"), app_env) {
            (Some(secret), _) => secret,
            (None, AppEnv::Development) => DEV_JWT_SECRET.to_owned(),
            (None, AppEnv::Production) => {
                return Err(ConfigError::Missing {
                    name: "JWT_SECRET",
                    hint: "at least 32 random bytes; APP_ENV=development allows a built-in one",
                });
            }
        };
        if jwt_secret.len() < 32 {
            return Err(ConfigError::Invalid {
                name: "JWT_SECRET",
                reason: format!("must be at least 32 bytes, got {}", jwt_secret.len()),
            });
        }
        if app_env == AppEnv::Production && jwt_secret == DEV_JWT_SECRET {
            return Err(ConfigError::Invalid {
                name: "JWT_SECRET",
                reason: "the development secret cannot be used in production".into(),
            });
        }

        let admin = match (env.get("ADMIN_EMAIL"), env.get("ADMIN_PASSWORD")) {
            (Some(email), Some(password)) => Some(AdminBootstrap {
                email,
                password: password.into(),
            }),
            (None, None) => None,
            (Some(_), None) => {
                return Err(ConfigError::Missing {
                    name: "ADMIN_PASSWORD",
                    hint: "required when ADMIN_EMAIL is set",
                });
            }
            (None, Some(_)) => {
                return Err(ConfigError::Missing {
                    name: "ADMIN_EMAIL",
                    hint: "required when ADMIN_PASSWORD is set",
                });
            }
        };

        let public_base_url = env
            .string_or("PUBLIC_BASE_URL", &format!("http://{bind}"))
            .trim_end_matches('/')
            .to_owned();

        let cache_ttl_secs: u64 = env.parse_or("CATALOG_CACHE_TTL_SECS", 60)?;

        Ok(Self {
            env: app_env,
            http: HttpSettings {
                bind,
                public_base_url: public_base_url.clone(),
                shutdown_timeout: Duration::from_secs(
                    env.positive_or("SHUTDOWN_TIMEOUT_SECS", 10)?,
                ),
                trusted_proxies: env.networks("TRUSTED_PROXIES")?,
                max_body_bytes: positive(
                    env.parse_or("MAX_BODY_BYTES", 1usize << 20)?,
                    "MAX_BODY_BYTES",
                )?,
                cors_allowed_origins: env
                    .get("CORS_ALLOWED_ORIGINS")
                    .map(|v| {
                        v.split(',')
                            .map(|o| o.trim().trim_end_matches('/').to_owned())
                            .filter(|o| !o.is_empty())
                            .collect()
                    })
                    .unwrap_or_default(),
                max_in_flight: positive(env.parse_or("MAX_IN_FLIGHT", 512usize)?, "MAX_IN_FLIGHT")?,
                request_timeout: Duration::from_secs(positive(
                    env.parse_or("REQUEST_TIMEOUT_SECS", 30u64)?,
                    "REQUEST_TIMEOUT_SECS",
                )?),
            },
            database: DatabaseSettings {
                url: database_url.into(),
                pool_size: env.positive_or("DATABASE_POOL_SIZE", 16)?,
                list_pool_size: env.positive_or("DATABASE_LIST_POOL_SIZE", 8)?,
                replica_urls: env.database_urls("DATABASE_REPLICA_URLS")?,
                replica_max_lag: Duration::from_millis(
                    env.positive_or("REPLICA_MAX_LAG_MS", 1000)?,
                ),
                migration_lock_timeout: Duration::from_secs(
                    env.positive_or("MIGRATION_LOCK_TIMEOUT_SECS", 600)?,
                ),
            },
            redis: RedisSettings {
                url: redis_url,
                key_prefix: env.string_or("REDIS_KEY_PREFIX", "ecommerce:"),
                timeout: Duration::from_millis(env.positive_or("REDIS_TIMEOUT_MS", 500)?),
            },
            amqp: AmqpSettings {
                url: amqp_url.into(),
                queue_prefix: env.string_or("AMQP_QUEUE_PREFIX", "ecommerce"),
                queue_expires: env
                    .parse_opt::<u64>("AMQP_QUEUE_EXPIRES_SECS")?
                    .map(|secs| positive(secs, "AMQP_QUEUE_EXPIRES_SECS"))
                    .transpose()?
                    .map(Duration::from_secs),
                queue_type: env.parse_or("RABBITMQ_QUEUE_TYPE", QueueType::Quorum)?,
            },
            jwt: JwtSettings {
                secret: jwt_secret.into(),
                issuer: env.string_or("JWT_ISSUER", "ecommerce-api"),
                audience: env.string_or("JWT_AUDIENCE", "ecommerce-clients"),
                access_ttl: Duration::from_secs(env.positive_or("JWT_ACCESS_TTL_SECS", 15 * 60)?),
                refresh_ttl: Duration::from_secs(
                    env.positive_or("JWT_REFRESH_TTL_SECS", 7 * 24 * 3600)?,
                ),
                login_rate_limit: env.positive_or("LOGIN_RATE_LIMIT", 10)?,
                login_rate_window: Duration::from_secs(
                    env.positive_or("LOGIN_RATE_WINDOW_SECS", 60)?,
                ),
                refresh_reuse_grace: Duration::from_secs(
                    env.parse_or("REFRESH_REUSE_GRACE_SECS", 10)?,
                ),
            },
            admin,
            payments: PaymentSettings {
                chapa_api_base: env
                    .string_or("CHAPA_API_BASE", "https://api.chapa.co/v1")
                    .trim_end_matches('/')
                    .to_owned(),
                chapa_secret_key: env.string_or("CHAPA_SECRET_KEY", "").into(),
                chapa_webhook_secret: env.string_or("CHAPA_WEBHOOK_SECRET", "").into(),
                chapa_timeout: Duration::from_secs(env.positive_or("CHAPA_TIMEOUT_SECS", 10)?),
                return_url: env.string_or("PAYMENT_RETURN_URL", &public_base_url),
                order_payment_ttl: Duration::from_secs(positive(
                    env.parse_or("ORDER_PAYMENT_TTL_SECS", 1800u64)?,
                    "ORDER_PAYMENT_TTL_SECS",
                )?),
            },
            email: EmailSettings {
                smtp_url: env.get("SMTP_URL").map(Into::into),
                outbox_dir: env.string_or("MAIL_OUTBOX_DIR", "mail").into(),
                from: env.string_or("MAIL_FROM", "Shop <no-reply@shop.local>"),
                admin_alert_email: env.get("ADMIN_ALERT_EMAIL"),
            },
            jobs: JobSettings {
                max_attempts: positive(
                    env.parse_or("JOB_MAX_ATTEMPTS", 5u32)?,
                    "JOB_MAX_ATTEMPTS",
                )?,
                retry_base: Duration::from_millis(env.positive_or("JOB_RETRY_BASE_MS", 1000)?),
                relay_poll: Duration::from_millis(positive(
                    env.parse_or("RELAY_POLL_MS", 500u64)?,
                    "RELAY_POLL_MS",
                )?),
                expiry_sweep: Duration::from_secs(positive(
                    env.parse_or("ORDER_EXPIRY_SWEEP_SECS", 30u64)?,
                    "ORDER_EXPIRY_SWEEP_SECS",
                )?),
                relay_batch: positive(
                    env.parse_or("RELAY_BATCH_SIZE", 100i64)?,
                    "RELAY_BATCH_SIZE",
                )?,
                prefetch: positive(env.parse_or("WORKER_PREFETCH", 8u16)?, "WORKER_PREFETCH")?,
                schema_wait: Duration::from_secs(env.positive_or("WORKER_SCHEMA_WAIT_SECS", 60)?),
            },
            catalog: CatalogSettings {
                // Unsigned, so a negative threshold is refused like any malformed number.
                low_stock_threshold: i32::from(env.parse_or::<u16>("LOW_STOCK_THRESHOLD", 10)?),
                cache_ttl: (cache_ttl_secs > 0).then(|| Duration::from_secs(cache_ttl_secs)),
                cache_timeout: Duration::from_millis(positive(
                    env.parse_or("CATALOG_CACHE_TIMEOUT_MS", 50u64)?,
                    "CATALOG_CACHE_TIMEOUT_MS",
                )?),
                search_language: search_language(env.string_or("SEARCH_LANGUAGE", "english"))?,
            },
            accounts: AccountSettings {
                frontend_base_url: env
                    .string_or("FRONTEND_BASE_URL", &public_base_url)
                    .trim_end_matches('/')
                    .to_owned(),
                require_verified_email: env.parse_or("REQUIRE_VERIFIED_EMAIL", false)?,
                email_token_ttl: Duration::from_secs(
                    env.positive_or("EMAIL_TOKEN_TTL_SECS", 24 * 3600)?,
                ),
                password_reset_ttl: Duration::from_secs(
                    env.positive_or("PASSWORD_RESET_TTL_SECS", 3600)?,
                ),
                password_reset_rate_limit: env.positive_or("PASSWORD_RESET_RATE_LIMIT", 5)?,
                password_reset_rate_window: Duration::from_secs(
                    env.positive_or("PASSWORD_RESET_RATE_WINDOW_SECS", 15 * 60)?,
                ),
            },
            metrics: MetricsSettings {
                bind: env.parse_opt("METRICS_BIND")?,
                token: env
                    .get("METRICS_TOKEN")
                    .filter(|t| !t.is_empty())
                    .map(Into::into),
            },
            retention: RetentionSettings {
                interval: Duration::from_secs(env.positive_or("HOUSEKEEPING_INTERVAL_SECS", 300)?),
                batch: env.positive_or("PRUNE_BATCH_SIZE", 500)?,
                max_batches: env.positive_or("PRUNE_MAX_BATCHES", 20)?,
                outbox: Duration::from_secs(env.positive_or("OUTBOX_RETENTION_SECS", 7 * DAY)?),
                processed_jobs: Duration::from_secs(
                    env.positive_or("PROCESSED_JOBS_RETENTION_SECS", 14 * DAY)?,
                ),
                refresh_tokens: Duration::from_secs(
                    env.positive_or("REFRESH_TOKEN_RETENTION_SECS", 7 * DAY)?,
                ),
                idempotency_keys: Duration::from_secs(
                    env.positive_or("IDEMPOTENCY_KEY_RETENTION_SECS", DAY)?,
                ),
            },
        })
    }

    /// Name of the configured database (from `DATABASE_URL`).
    pub fn database_name(&self) -> String {
        crate::db::tls::Target::parse(self.database.url.expose_secret())
            .ok()
            .and_then(|t| t.config.get_dbname().map(str::to_owned))
            .unwrap_or_else(|| "postgres".to_owned())
    }
}

/// Adds the variables of `./.env` (if present) to the process environment; set ones win.
///
/// Binaries call it first, before `telemetry::init` reads `RUST_LOG` and `LOG_FORMAT`.
pub fn load_dotenv() {
    // A missing .env is normal; a broken one is reported by the parse that follows.
    let _ = dotenvy::dotenv();
}

/// Rejects zero and negative values of counts and intervals that must make progress.
fn positive<T: PartialOrd + Default + Display>(
    value: T,
    name: &'static str,
) -> Result<T, ConfigError> {
    if value > T::default() {
        Ok(value)
    } else {
        Err(ConfigError::Invalid {
            name,
            reason: format!("must be greater than zero, got {value}"),
        })
    }
}

/// Typed access to the lookup, so every error names its variable.
struct Env<'a, F: Fn(&str) -> Option<String>>(&'a F);

impl<F: Fn(&str) -> Option<String>> Env<'_, F> {
    /// A set, non-blank value.
    fn get(&self, name: &str) -> Option<String> {
        (self.0)(name).filter(|v| !v.trim().is_empty())
    }

    /// A comma-separated list of addresses (`10.0.0.7`) and CIDR ranges (`10.0.0.0/8`).
    fn networks(&self, name: &'static str) -> Result<Vec<IpNet>, ConfigError> {
        let Some(raw) = self.get(name) else {
            return Ok(Vec::new());
        };
        raw.split(',')
            .map(str::trim)
            .filter(|entry| !entry.is_empty())
            .map(|entry| {
                entry
                    .parse::<IpNet>()
                    .or_else(|_| entry.parse::<IpAddr>().map(IpNet::from))
                    .map_err(|_| ConfigError::Invalid {
                        name,
                        reason: format!("`{entry}` is neither an IP address nor a CIDR range"),
                    })
            })
            .collect()
    }

    /// A comma-separated list of PostgreSQL URLs, each checked like `DATABASE_URL`.
    fn database_urls(&self, name: &'static str) -> Result<Vec<SecretString>, ConfigError> {
        let Some(raw) = self.get(name) else {
            return Ok(Vec::new());
        };
        raw.split(',')
            .map(str::trim)
            .filter(|url| !url.is_empty())
            .enumerate()
            .map(|(i, url)| {
                crate::db::tls::Target::parse(url)
                    .map(|_| SecretString::from(url.to_owned()))
                    .map_err(|reason| ConfigError::Invalid {
                        name,
                        reason: format!("URL number {}: {reason}", i + 1),
                    })
            })
            .collect()
    }

    /// Fails naming the first of `names` that is unset or blank.
    fn require(&self, names: &[&'static str]) -> Result<(), ConfigError> {
        match names.iter().find(|name| self.get(name).is_none()) {
            Some(name) => Err(ConfigError::Missing {
                name,
                hint: "required unless APP_ENV=development",
            }),
            None => Ok(()),
        }
    }

    /// A number that must be greater than zero (sizes, timeouts, lifetimes).
    fn positive_or<T>(&self, name: &'static str, default: T) -> Result<T, ConfigError>
    where
        T: FromStr + PartialOrd + Default + Display,
        T::Err: Display,
    {
        positive(self.parse_or(name, default)?, name)
    }

    fn string_or(&self, name: &str, default: &str) -> String {
        self.get(name).unwrap_or_else(|| default.to_owned())
    }

    fn parse_opt<T>(&self, name: &'static str) -> Result<Option<T>, ConfigError>
    where
        T: FromStr,
        T::Err: Display,
    {
        self.get(name)
            .map(|raw| {
                raw.trim()
                    .parse()
                    .map_err(|e: T::Err| ConfigError::Invalid {
                        name,
                        reason: format!("`{raw}`: {e}"),
                    })
            })
            .transpose()
    }

    fn parse_or<T>(&self, name: &'static str, default: T) -> Result<T, ConfigError>
    where
        T: FromStr,
        T::Err: Display,
    {
        match self.get(name) {
            None => Ok(default),
            Some(raw) => raw
                .trim()
                .parse()
                .map_err(|e: T::Err| ConfigError::Invalid {
                    name,
                    reason: format!("`{raw}`: {e}"),
                }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Parses exactly these variables.
    fn parse_exact(vars: &[(&str, &str)]) -> Result<Settings, ConfigError> {
        let vars: Vec<(String, String)> = vars
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        Settings::from_lookup(move |name| {
            vars.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone())
        })
    }

    /// Parses the variables in development mode (unless they name another `APP_ENV`).
    fn parse(vars: &[(&str, &str)]) -> Result<Settings, ConfigError> {
        let mut vars = vars.to_vec();
        if !vars.iter().any(|(k, _)| *k == "APP_ENV") {
            vars.push(("APP_ENV", "development"));
        }
        parse_exact(&vars)
    }

    /// A complete production configuration with a distinctive value for every secret.
    const PRODUCTION: &[(&str, &str)] = &[
        ("APP_ENV", "production"),
        ("JWT_SECRET", "jwt-secret-0123456789-0123456789-abcdef"),
        ("CHAPA_SECRET_KEY", "CHASECK-chapa-secret-key"),
        ("CHAPA_WEBHOOK_SECRET", "chapa-webhook-secret"),
        ("PUBLIC_BASE_URL", "https://shop.example.com"),
        (
            "DATABASE_URL",
            "postgres://app:db-password@db.internal:5432/shop",
        ),
        ("REDIS_URL", "redis://:redis-password@cache.internal:6379/0"),
        ("AMQP_URL", "amqp://app:amqp-password@mq.internal:5672/%2f"),
        (
            "SMTP_URL",
            "smtp://mailer:smtp-password@smtp.example.com:587",
        ),
        ("ADMIN_EMAIL", "root@example.com"),
        ("ADMIN_PASSWORD", "admin-password"),
    ];

    fn without(
        vars: &[(&'static str, &'static str)],
        name: &str,
    ) -> Vec<(&'static str, &'static str)> {
        vars.iter().copied().filter(|(k, _)| *k != name).collect()
    }

    #[test]
    fn jwt_secret_is_required_unless_app_env_is_development() {
        for vars in [&[][..], &[("APP_ENV", "production")][..]] {
            let error = parse_exact(vars).expect_err("no JWT_SECRET").to_string();
            assert!(error.contains("JWT_SECRET"), "{vars:?}: {error}");
        }
        let dev = parse_exact(&[("APP_ENV", "development")]).expect("development defaults");
        assert_eq!(dev.env, AppEnv::Development);
    }

    #[test]
    fn app_env_defaults_to_production() {
        let settings = parse_exact(
            PRODUCTION
                .iter()
                .copied()
                .filter(|(k, _)| *k != "APP_ENV")
                .collect::<Vec<_>>()
                .as_slice(),
        )
        .expect("complete configuration");
        assert_eq!(settings.env, AppEnv::Production);
    }

    #[test]
    fn production_requires_chapa_secrets_and_public_base_url() {
        parse_exact(PRODUCTION).expect("complete production configuration");
        for name in [
            "JWT_SECRET",
            "CHAPA_SECRET_KEY",
            "CHAPA_WEBHOOK_SECRET",
            "PUBLIC_BASE_URL",
        ] {
            let error = parse_exact(&without(PRODUCTION, name))
                .expect_err(name)
                .to_string();
            assert!(error.contains(name), "without {name}: {error}");
        }
    }

    #[test]
    fn zero_sizes_timeouts_and_ttls_stop_start_up_naming_the_variable() {
        for name in [
            "DATABASE_POOL_SIZE",
            "DATABASE_LIST_POOL_SIZE",
            "REDIS_TIMEOUT_MS",
            "JWT_ACCESS_TTL_SECS",
            "JWT_REFRESH_TTL_SECS",
            "LOGIN_RATE_LIMIT",
            "LOGIN_RATE_WINDOW_SECS",
            "CHAPA_TIMEOUT_SECS",
            "ORDER_PAYMENT_TTL_SECS",
            "JOB_RETRY_BASE_MS",
            "AMQP_QUEUE_EXPIRES_SECS",
            "WORKER_SCHEMA_WAIT_SECS",
            "EMAIL_TOKEN_TTL_SECS",
            "PASSWORD_RESET_TTL_SECS",
            "PASSWORD_RESET_RATE_LIMIT",
            "PASSWORD_RESET_RATE_WINDOW_SECS",
            "REPLICA_MAX_LAG_MS",
            "SHUTDOWN_TIMEOUT_SECS",
            "MIGRATION_LOCK_TIMEOUT_SECS",
        ] {
            let error = parse(&[(name, "0")]).expect_err(name).to_string();
            assert!(error.contains(name), "{name}=0: {error}");
        }
        let error = parse(&[("LOW_STOCK_THRESHOLD", "-1")])
            .expect_err("negative threshold")
            .to_string();
        assert!(error.contains("LOW_STOCK_THRESHOLD"), "{error}");
    }

    #[test]
    fn debug_output_shows_no_secret() {
        let settings = parse_exact(PRODUCTION).expect("complete production configuration");

        let debug = format!("{settings:?}");

        for secret in [
            "jwt-secret-0123456789",
            "CHASECK-chapa-secret-key",
            "chapa-webhook-secret",
            "db-password",
            "redis-password",
            "amqp-password",
            "smtp-password",
            "admin-password",
        ] {
            assert!(!debug.contains(secret), "`{secret}` leaked into {debug}");
        }
        assert!(
            debug.contains("cache.internal"),
            "non-secret parts stay visible: {debug}"
        );
    }

    #[test]
    fn trusted_proxies_take_addresses_and_ranges_and_default_to_none() {
        assert!(parse(&[]).unwrap().http.trusted_proxies.is_empty());
        let proxies = parse(&[("TRUSTED_PROXIES", " 10.0.0.0/8, 192.0.2.7 ,::1,")])
            .unwrap()
            .http
            .trusted_proxies;
        let expected: Vec<IpNet> = ["10.0.0.0/8", "192.0.2.7/32", "::1/128"]
            .iter()
            .map(|n| n.parse().unwrap())
            .collect();
        assert_eq!(proxies, expected);
        let error = parse(&[("TRUSTED_PROXIES", "10.0.0.0/33")]).unwrap_err();
        assert!(error.to_string().contains("TRUSTED_PROXIES"), "{error}");
    }

    #[test]
    fn metrics_access_is_off_by_default_and_a_malformed_bind_names_its_variable() {
        let metrics = parse(&[]).unwrap().metrics;
        assert!(metrics.bind.is_none() && metrics.token.is_none());
        let set = parse(&[
            ("METRICS_BIND", "127.0.0.1:9100"),
            ("METRICS_TOKEN", "t0ken"),
        ])
        .unwrap()
        .metrics;
        assert_eq!(set.bind, Some("127.0.0.1:9100".parse().unwrap()));
        assert_eq!(
            set.token.map(|t| t.expose_secret().to_owned()).as_deref(),
            Some("t0ken")
        );
        let error = parse(&[("METRICS_BIND", "everywhere")]).unwrap_err();
        assert!(error.to_string().contains("METRICS_BIND"), "{error}");
    }

    #[test]
    fn retention_has_defaults_and_refuses_zero() {
        let retention = parse(&[]).unwrap().retention;
        assert_eq!(retention.outbox, Duration::from_secs(7 * DAY));
        assert_eq!(retention.processed_jobs, Duration::from_secs(14 * DAY));
        assert_eq!(retention.refresh_tokens, Duration::from_secs(7 * DAY));
        assert_eq!(retention.idempotency_keys, Duration::from_secs(DAY));
        assert_eq!((retention.batch, retention.max_batches), (500, 20));
        for name in [
            "PRUNE_BATCH_SIZE",
            "PRUNE_MAX_BATCHES",
            "HOUSEKEEPING_INTERVAL_SECS",
            "OUTBOX_RETENTION_SECS",
            "PROCESSED_JOBS_RETENTION_SECS",
            "REFRESH_TOKEN_RETENTION_SECS",
            "IDEMPOTENCY_KEY_RETENTION_SECS",
        ] {
            let error = parse(&[(name, "0")]).unwrap_err();
            assert!(error.to_string().contains(name), "{error}");
        }
    }

    #[test]
    fn refresh_reuse_grace_defaults_to_ten_seconds_and_zero_turns_it_off() {
        let jwt = |vars: &[(&str, &str)]| parse(vars).unwrap().jwt.refresh_reuse_grace;
        assert_eq!(jwt(&[]), Duration::from_secs(10));
        assert_eq!(jwt(&[("REFRESH_REUSE_GRACE_SECS", "0")]), Duration::ZERO);
        let error = parse(&[("REFRESH_REUSE_GRACE_SECS", "soon")]).unwrap_err();
        assert!(
            error.to_string().contains("REFRESH_REUSE_GRACE_SECS"),
            "{error}"
        );
    }

    #[test]
    fn account_links_default_to_the_public_base_url_and_verification_is_optional() {
        let defaults = parse(&[("PUBLIC_BASE_URL", "https://api.example.com/")])
            .unwrap()
            .accounts;
        assert_eq!(defaults.frontend_base_url, "https://api.example.com");
        assert!(!defaults.require_verified_email);
        assert_eq!(defaults.email_token_ttl, Duration::from_secs(24 * 3600));
        assert_eq!(defaults.password_reset_ttl, Duration::from_secs(3600));

        let tuned = parse(&[
            ("FRONTEND_BASE_URL", "https://shop.example.com/"),
            ("REQUIRE_VERIFIED_EMAIL", "true"),
        ])
        .unwrap()
        .accounts;
        assert_eq!(tuned.frontend_base_url, "https://shop.example.com");
        assert!(tuned.require_verified_email);

        let error = parse(&[("REQUIRE_VERIFIED_EMAIL", "sometimes")]).unwrap_err();
        assert!(
            error.to_string().contains("REQUIRE_VERIFIED_EMAIL"),
            "{error}"
        );
    }

    #[test]
    fn search_language_defaults_to_english_and_must_be_a_builtin_configuration() {
        assert_eq!(parse(&[]).unwrap().catalog.search_language, "english");
        let simple = parse(&[("SEARCH_LANGUAGE", "simple")]).unwrap().catalog;
        assert_eq!(simple.search_language, "simple");
        for bad in ["English", "klingon", "english; DROP TABLE products"] {
            let error = parse(&[("SEARCH_LANGUAGE", bad)])
                .expect_err(bad)
                .to_string();
            assert!(error.contains("SEARCH_LANGUAGE"), "{bad:?}: {error}");
        }
    }

    #[test]
    fn cache_settings_default_to_a_minute_and_zero_turns_the_cache_off() {
        let defaults = parse(&[]).unwrap().catalog;
        assert_eq!(defaults.cache_ttl, Some(Duration::from_secs(60)));
        assert_eq!(defaults.cache_timeout, Duration::from_millis(50));

        let off = parse(&[("CATALOG_CACHE_TTL_SECS", "0")]).unwrap().catalog;
        assert_eq!(off.cache_ttl, None);

        let tuned = parse(&[
            ("CATALOG_CACHE_TTL_SECS", "5"),
            ("CATALOG_CACHE_TIMEOUT_MS", "200"),
        ])
        .unwrap()
        .catalog;
        assert_eq!(tuned.cache_ttl, Some(Duration::from_secs(5)));
        assert_eq!(tuned.cache_timeout, Duration::from_millis(200));

        for (name, value) in [
            ("CATALOG_CACHE_TTL_SECS", "-1"),
            ("CATALOG_CACHE_TTL_SECS", "a minute"),
            ("CATALOG_CACHE_TIMEOUT_MS", "0"),
        ] {
            let error = parse(&[(name, value)]).expect_err(name).to_string();
            assert!(error.contains(name), "{name}={value}: {error}");
        }
    }

    #[test]
    fn replicas_are_optional_and_each_url_is_checked() {
        let none = parse(&[]).unwrap().database;
        assert!(none.replica_urls.is_empty());
        assert_eq!(none.replica_max_lag, Duration::from_secs(1));

        let two = parse(&[
            (
                "DATABASE_REPLICA_URLS",
                "postgres://app:replica-password@r1:5432/shop, postgres://app@r2:5432/shop,",
            ),
            ("REPLICA_MAX_LAG_MS", "250"),
        ])
        .unwrap()
        .database;
        assert_eq!(two.replica_urls.len(), 2);
        assert_eq!(two.replica_max_lag, Duration::from_millis(250));
        assert!(
            !format!("{two:?}").contains("replica-password"),
            "replica URLs are secrets"
        );

        let error = parse(&[(
            "DATABASE_REPLICA_URLS",
            "postgres://r1/shop,mysql://r2/shop",
        )])
        .unwrap_err()
        .to_string();
        assert!(error.contains("DATABASE_REPLICA_URLS"), "{error}");
        assert!(error.contains("number 2"), "{error}");
    }

    #[test]
    fn queues_are_quorum_unless_classic_is_asked_for() {
        assert_eq!(parse(&[]).unwrap().amqp.queue_type, QueueType::Quorum);
        let classic = parse(&[("RABBITMQ_QUEUE_TYPE", "Classic")]).unwrap();
        assert_eq!(classic.amqp.queue_type, QueueType::Classic);
        let error = parse(&[("RABBITMQ_QUEUE_TYPE", "stream")])
            .unwrap_err()
            .to_string();
        assert!(error.contains("RABBITMQ_QUEUE_TYPE"), "{error}");
    }
}
