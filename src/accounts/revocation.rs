//! Access-token revocation in Redis.
//!
//! Two kinds of keys, both expiring with the access-token lifetime (after which
//! every token they could reject has expired by itself):
//! - `revoked:jti:<jti>`: one token, revoked on logout;
//! - `user:<id>:generation`: a counter embedded in each token as `ver`. Bumping
//!   it (deactivation, role or password change, refresh-token theft) revokes
//!   every token issued before, with no clock-resolution races.

use redis::{AsyncCommands as _, aio::ConnectionManager};

/// Handle on the revocation keys of one deployment (key prefix + lifetime).
#[derive(Clone)]
pub struct Revocations {
    redis: ConnectionManager,
    prefix: String,
    ttl_secs: u64,
}

impl Revocations {
    /// `ttl_secs` must be at least the access-token lifetime.
    pub fn new(redis: ConnectionManager, prefix: &str, ttl_secs: u64) -> Self {
        Self {
            redis,
            prefix: prefix.to_owned(),
            ttl_secs: ttl_secs.max(1),
        }
    }

    fn jti_key(&self, jti: &str) -> String {
        format!("{}revoked:jti:{jti}", self.prefix)
    }

    fn generation_key(&self, user_id: i64) -> String {
        format!("{}user:{user_id}:generation", self.prefix)
    }

    /// Revokes one token until it would have expired anyway.
    pub async fn revoke_token(&self, jti: &str) -> redis::RedisResult<()> {
        let mut conn = self.redis.clone();
        conn.set_ex(self.jti_key(jti), 1, self.ttl_secs).await
    }

    /// Revokes every access token issued to the user so far.
    pub async fn revoke_user_tokens(&self, user_id: i64) -> redis::RedisResult<()> {
        let mut conn = self.redis.clone();
        let key = self.generation_key(user_id);
        redis::pipe()
            .atomic()
            .incr(&key, 1)
            .expire(&key, self.ttl_secs as i64)
            .query_async::<()>(&mut conn)
            .await
    }

    /// The generation a token issued now carries.
    pub async fn current_generation(&self, user_id: i64) -> redis::RedisResult<i64> {
        let mut conn = self.redis.clone();
        let generation: Option<i64> = conn.get(self.generation_key(user_id)).await?;
        Ok(generation.unwrap_or(0))
    }

    /// Whether a token (by id, owner and generation) was revoked; one round-trip.
    pub async fn is_revoked(
        &self,
        jti: &str,
        user_id: i64,
        generation: i64,
    ) -> redis::RedisResult<bool> {
        let mut conn = self.redis.clone();
        let (jti_revoked, current): (Option<i64>, Option<i64>) = redis::pipe()
            .get(self.jti_key(jti))
            .get(self.generation_key(user_id))
            .query_async(&mut conn)
            .await?;
        Ok(jti_revoked.is_some() || generation < current.unwrap_or(0))
    }
}
