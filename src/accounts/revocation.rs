//! Access-token revocation: PostgreSQL holds the truth, Redis answers each request.
//!
//! Two kinds of revocation, both committed to PostgreSQL first:
//! - one token, on logout: its `jti` in `revoked_access_tokens` until the
//!   token's `exp` plus the JWT leeway (housekeeping deletes it after);
//! - every token of a user: the generation embedded in each token as `ver`.
//!   Its source of truth is `users.token_generation`, incremented in the same
//!   transaction as the change that revokes (role, activation, password,
//!   refresh-token theft). A deleted user has no row: every token is refused.
//!
//! Redis caches both per user, in one hash `user:<id>:tokens` (fields `gen`,
//! `jti:<jti>` and `loaded`), so each request costs one `HMGET`. Writers merge
//! what they committed into the hash (the generation only moves up, ids only
//! accumulate); a hash counts only once a refill from PostgreSQL marked it
//! `loaded`, and a missing, expired, flushed or evicted hash is refilled. So
//! losing Redis state can never bring a revoked token back: it costs one read.

use codegen::queries::accounts::access_tokens as q;
use redis::aio::ConnectionManager;
use tokio_postgres::error::SqlState;

use crate::{
    accounts::{error::AccountsError, token::LEEWAY_SECS},
    db::Pool,
    telemetry::metrics::Metrics,
};

/// Merges committed revocation state into a user's hash; returns the generation it holds after ('' if none).
///
/// `KEYS[1]`: the hash. `ARGV[1]`: the lifetime (seconds) of a hash this
/// creates; `ARGV[2]`: a generation, or ''; `ARGV[3]`: '1' when the rest is
/// the complete state read from PostgreSQL; `ARGV[4..]`: revoked token ids.
/// The generation is compared as a Lua number (a double); generations stay far
/// below 2^53, and the stored string keeps the deleted marker exact.
const MERGE: &str = r"
local current = redis.call('HGET', KEYS[1], 'gen')
if ARGV[2] ~= '' and (not current or tonumber(ARGV[2]) > tonumber(current)) then
    redis.call('HSET', KEYS[1], 'gen', ARGV[2])
    current = ARGV[2]
end
for i = 4, #ARGV do
    redis.call('HSET', KEYS[1], 'jti:' .. ARGV[i], '1')
end
if ARGV[3] == '1' then
    redis.call('HSET', KEYS[1], 'loaded', '1')
end
if redis.call('TTL', KEYS[1]) < 0 then
    redis.call('EXPIRE', KEYS[1], ARGV[1])
end
return current or ''
";

/// The generation that rejects every token a deleted (or unknown) user was ever issued.
const DELETED: i64 = i64::MAX;

/// Handle on the revocation state of one deployment (key prefix, key lifetime, database).
#[derive(Clone)]
pub struct Revocations {
    redis: ConnectionManager,
    /// Source of truth; read when the cache has no complete entry.
    db: Pool,
    prefix: String,
    ttl_secs: u64,
    merge: redis::Script,
    /// Where the Redis round-trips of the revocation check are timed (`op="revocation_check"`).
    metrics: Option<Metrics>,
}

impl Revocations {
    /// Builds the handle; a cached hash lives `access_ttl_secs` plus the JWT leeway (and a second for rounding).
    pub fn new(redis: ConnectionManager, db: Pool, prefix: &str, access_ttl_secs: u64) -> Self {
        Self {
            redis,
            db,
            prefix: prefix.to_owned(),
            ttl_secs: access_ttl_secs + LEEWAY_SECS + 1,
            merge: redis::Script::new(MERGE),
            metrics: None,
        }
    }

    /// Times the per-request revocation check's Redis round-trip in `metrics`.
    #[must_use]
    pub fn with_metrics(mut self, metrics: Metrics) -> Self {
        self.metrics = Some(metrics);
        self
    }

    /// The Redis hash caching one user's revocation state.
    pub fn user_key(&self, user_id: i64) -> String {
        format!("{}user:{user_id}:tokens", self.prefix)
    }

    /// Merges committed state into the user's hash (see [`MERGE`]); returns the generation it holds.
    async fn merge(
        &self,
        user_id: i64,
        generation: Option<i64>,
        complete: bool,
        jtis: &[String],
    ) -> redis::RedisResult<Option<i64>> {
        let mut conn = self.redis.clone();
        let mut invocation = self.merge.key(self.user_key(user_id));
        invocation
            .arg(self.ttl_secs)
            .arg(generation.map(|g| g.to_string()).unwrap_or_default())
            .arg(if complete { "1" } else { "" });
        for jti in jtis {
            invocation.arg(jti);
        }
        let stored: String = invocation.invoke_async(&mut conn).await?;
        if stored.is_empty() {
            return Ok(None);
        }
        stored.parse().map(Some).map_err(|_| {
            redis::RedisError::from((
                redis::ErrorKind::TypeError,
                "token generation is not an integer",
            ))
        })
    }

    /// Revokes one token (logout) until it would have been refused anyway: `exp` plus the leeway.
    ///
    /// Commits to PostgreSQL, then adds the id to the cached hash. A user
    /// deleted meanwhile has every token refused already.
    pub async fn revoke_token(
        &self,
        user_id: i64,
        jti: &str,
        exp: i64,
    ) -> Result<(), AccountsError> {
        let expires_at = chrono::DateTime::from_timestamp(exp, 0)
            .unwrap_or(chrono::DateTime::<chrono::Utc>::MAX_UTC)
            .checked_add_signed(chrono::Duration::seconds(LEEWAY_SECS as i64 + 1))
            .unwrap_or(chrono::DateTime::<chrono::Utc>::MAX_UTC)
            .fixed_offset();
        let client = self.db.get().await?;
        match q::insert_revoked_access_token()
            .bind(&client, &jti, &user_id, &expires_at)
            .await
        {
            Ok(_) => {}
            Err(e) if e.code() == Some(&SqlState::FOREIGN_KEY_VIOLATION) => return Ok(()),
            Err(e) => return Err(e.into()),
        }
        drop(client);
        self.merge(user_id, None, false, &[jti.to_owned()])
            .await
            .map_err(|e| {
                tracing::error!(
                    user.id = user_id,
                    error = %e,
                    "logout committed but not published to the cache"
                );
                AccountsError::from(e)
            })?;
        Ok(())
    }

    /// Publishes a generation that PostgreSQL committed; the cache never goes down.
    ///
    /// Call it after the commit that raised the generation: before it, a
    /// rollback would leave the cache above the truth and reject fresh tokens.
    pub async fn publish_generation(
        &self,
        user_id: i64,
        generation: i64,
    ) -> redis::RedisResult<()> {
        self.merge(user_id, Some(generation), false, &[])
            .await
            .map(drop)
    }

    /// Rejects every token of a deleted user at once (without the row, a refill would too).
    pub async fn revoke_deleted_user(&self, user_id: i64) -> redis::RedisResult<()> {
        self.publish_generation(user_id, DELETED).await
    }

    /// Whether a token (by id, owner and generation) was revoked.
    ///
    /// One Redis round-trip; when the user's hash is not a complete copy, one
    /// PostgreSQL read and one more round-trip to refill it.
    pub async fn is_revoked(
        &self,
        jti: &str,
        user_id: i64,
        generation: i64,
    ) -> Result<bool, AccountsError> {
        let mut conn = self.redis.clone();
        let started = std::time::Instant::now();
        let answer: redis::RedisResult<(Option<String>, Option<i64>, Option<String>)> =
            redis::cmd("HMGET")
                .arg(self.user_key(user_id))
                .arg("loaded")
                .arg("gen")
                .arg(format!("jti:{jti}"))
                .query_async(&mut conn)
                .await;
        if let Some(metrics) = &self.metrics {
            metrics.redis_call("revocation_check", started.elapsed(), answer.is_ok());
        }
        if let (Some(_), Some(current), revoked) = answer? {
            return Ok(revoked.is_some() || generation < current);
        }
        let client = self.db.get().await?;
        let (stored, revoked_jtis) = match q::find_revocation_state()
            .bind(&client, &user_id)
            .opt()
            .await?
        {
            Some(state) => (state.token_generation, state.revoked_jtis),
            // No row: a deleted user, or one that never existed.
            None => (DELETED, Vec::new()),
        };
        drop(client);
        let revoked = revoked_jtis.iter().any(|r| r == jti);
        let current = self
            .merge(user_id, Some(stored), true, &revoked_jtis)
            .await?
            .unwrap_or(stored);
        Ok(revoked || generation < current)
    }
}
