//! The pair a refresh token was exchanged for, kept for a short grace window.
//!
//! A client that retries a refresh (the response got lost) or two tabs that
//! refresh at once present the same token twice. Within `REFRESH_REUSE_GRACE_SECS`
//! they get the pair the first exchange issued instead of tripping theft
//! detection. Entries are keyed by the spent token's hash and expire with the
//! window; they are written before the exchange commits, so a concurrent reuse
//! (which waits on the token's row lock) always finds one.

use redis::{AsyncCommands as _, aio::ConnectionManager};

use crate::accounts::service::Tokens;

fn key(prefix: &str, token_hash: &str) -> String {
    format!("{prefix}refresh:grace:{token_hash}")
}

/// Remembers the pair issued for a spent token for `grace_secs` (no-op when 0).
pub async fn remember(
    redis: &ConnectionManager,
    prefix: &str,
    token_hash: &str,
    tokens: &Tokens,
    grace_secs: u64,
) -> redis::RedisResult<()> {
    if grace_secs == 0 {
        return Ok(());
    }
    let value = serde_json::to_string(tokens).expect("tokens serialise to JSON");
    let mut conn = redis.clone();
    conn.set_ex(key(prefix, token_hash), value, grace_secs)
        .await
}

/// The pair issued for a spent token, if its grace window is still open.
pub async fn recall(
    redis: &ConnectionManager,
    prefix: &str,
    token_hash: &str,
) -> redis::RedisResult<Option<Tokens>> {
    let mut conn = redis.clone();
    let value: Option<String> = conn.get(key(prefix, token_hash)).await?;
    // An unreadable entry (another version's format) counts as no grace.
    Ok(value.and_then(|v| serde_json::from_str(&v).ok()))
}
