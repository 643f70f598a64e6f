//! Access-token revocation: PostgreSQL holds the truth, Redis answers each request.
//!
//! Two kinds of state:
//! - `revoked:jti:<jti>` (Redis only): one token, revoked on logout. It lives
//!   for the access-token lifetime plus the JWT leeway, so it outlasts every
//!   moment the token could still be accepted.
//! - the user's token generation, embedded in each token as `ver`. Its source
//!   of truth is `users.token_generation`, incremented in the same transaction
//!   as the change that revokes (role, activation, password, refresh-token
//!   theft). `user:<id>:generation` caches it. The cache only moves up (a Lua
//!   "set if greater"), and a miss reads PostgreSQL again, so an expired or
//!   flushed key can never bring revoked tokens back.
//!
//! Deleted users have no row to read, so their key is set to a tombstone
//! (`i64::MAX`) for the lifetime of the tokens issued before the deletion.

use codegen::queries::accounts::users as q;
use redis::{AsyncCommands as _, aio::ConnectionManager};

use crate::{
    accounts::{error::AccountsError, token::LEEWAY_SECS},
    db::Pool,
    telemetry::metrics::Metrics,
};

/// Stores `ARGV[1]` unless the key holds a greater value; returns the value it holds after.
///
/// The value is returned as the stored string: Lua numbers are doubles and
/// would lose the tombstone's precision. Generations stay far below 2^53, so
/// the comparison itself is exact.
const SET_IF_GREATER: &str = r"
local current = redis.call('GET', KEYS[1])
if not current or tonumber(ARGV[1]) > tonumber(current) then
    redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[2])
    return ARGV[1]
end
return current
";

/// The generation that rejects every token a deleted user was ever issued.
const DELETED: i64 = i64::MAX;

/// Handle on the revocation state of one deployment (key prefix, key lifetime, database).
#[derive(Clone)]
pub struct Revocations {
    redis: ConnectionManager,
    /// Source of truth for generations; read when the cache has no entry.
    db: Pool,
    prefix: String,
    ttl_secs: u64,
    set_if_greater: redis::Script,
    /// Where the Redis round-trips of the revocation check are timed (`op="revocation_check"`).
    metrics: Option<Metrics>,
}

impl Revocations {
    /// Builds the handle; keys live `access_ttl_secs` plus the JWT leeway (and a second for rounding).
    pub fn new(redis: ConnectionManager, db: Pool, prefix: &str, access_ttl_secs: u64) -> Self {
        Self {
            redis,
            db,
            prefix: prefix.to_owned(),
            ttl_secs: access_ttl_secs + LEEWAY_SECS + 1,
            set_if_greater: redis::Script::new(SET_IF_GREATER),
            metrics: None,
        }
    }

    /// Times the per-request revocation check's Redis round-trip in `metrics`.
    #[must_use]
    pub fn with_metrics(mut self, metrics: Metrics) -> Self {
        self.metrics = Some(metrics);
        self
    }

    fn jti_key(&self, jti: &str) -> String {
        format!("{}revoked:jti:{jti}", self.prefix)
    }

    fn generation_key(&self, user_id: i64) -> String {
        format!("{}user:{user_id}:generation", self.prefix)
    }

    /// Revokes one token until it would have been rejected anyway.
    pub async fn revoke_token(&self, jti: &str) -> redis::RedisResult<()> {
        let mut conn = self.redis.clone();
        conn.set_ex(self.jti_key(jti), 1, self.ttl_secs).await
    }

    /// Publishes a generation that PostgreSQL committed; the cache never goes down.
    ///
    /// Call it after the commit that raised the generation: before it, a
    /// rollback would leave the cache above the truth and reject fresh tokens.
    pub async fn publish_generation(
        &self,
        user_id: i64,
        generation: i64,
    ) -> redis::RedisResult<i64> {
        let mut conn = self.redis.clone();
        let stored: String = self
            .set_if_greater
            .key(self.generation_key(user_id))
            .arg(generation)
            .arg(self.ttl_secs)
            .invoke_async(&mut conn)
            .await?;
        stored.parse().map_err(|_| {
            redis::RedisError::from((
                redis::ErrorKind::TypeError,
                "token generation is not an integer",
            ))
        })
    }

    /// Rejects every token of a deleted user (whose generation left with the row).
    pub async fn revoke_deleted_user(&self, user_id: i64) -> redis::RedisResult<()> {
        self.publish_generation(user_id, DELETED).await.map(drop)
    }

    /// Whether a token (by id, owner and generation) was revoked.
    ///
    /// One Redis round-trip; a cache miss adds one PostgreSQL read and refills the cache.
    pub async fn is_revoked(
        &self,
        jti: &str,
        user_id: i64,
        generation: i64,
    ) -> Result<bool, AccountsError> {
        let mut conn = self.redis.clone();
        let started = std::time::Instant::now();
        let answer: redis::RedisResult<(Option<i64>, Option<i64>)> = redis::pipe()
            .get(self.jti_key(jti))
            .get(self.generation_key(user_id))
            .query_async(&mut conn)
            .await;
        if let Some(metrics) = &self.metrics {
            metrics.redis_call("revocation_check", started.elapsed(), answer.is_ok());
        }
        let (jti_revoked, cached) = answer?;
        if jti_revoked.is_some() {
            return Ok(true);
        }
        let current = match cached {
            Some(current) => current,
            None => {
                let client = self.db.get().await?;
                // No row: a user that never existed (tokens minted in tests) or
                // one deleted more than a token lifetime ago.
                let stored = q::find_token_generation()
                    .bind(&client, &user_id)
                    .opt()
                    .await?
                    .unwrap_or(0);
                self.publish_generation(user_id, stored).await?
            }
        };
        Ok(generation < current)
    }
}
