//! Fixed-window login rate limiting in Redis, per client IP and per account.

use redis::aio::ConnectionManager;

/// Outcome of counting one attempt.
#[derive(Debug, PartialEq, Eq)]
pub enum Decision {
    /// Under the limit.
    Allowed,
    /// Over the limit; retry after this many seconds.
    Limited {
        /// Seconds until the window resets.
        retry_after: u64,
    },
}

/// Counts one attempt against each key; limited if any key is over `limit`.
///
/// One round-trip: INCR + EXPIRE NX + TTL per key, in a MULTI.
pub async fn hit(
    redis: &ConnectionManager,
    keys: &[String],
    limit: u32,
    window_secs: u64,
) -> redis::RedisResult<Decision> {
    let mut conn = redis.clone();
    let mut pipe = redis::pipe();
    pipe.atomic();
    for key in keys {
        pipe.incr(key, 1)
            .cmd("EXPIRE")
            .arg(key)
            .arg(window_secs)
            .arg("NX")
            .ignore()
            .ttl(key);
    }
    let results: Vec<i64> = pipe.query_async(&mut conn).await?;
    let mut retry_after = 0u64;
    for pair in results.chunks(2) {
        let (count, ttl) = (pair[0], pair[1]);
        if count > i64::from(limit) {
            retry_after = retry_after.max(ttl.max(1) as u64);
        }
    }
    Ok(if retry_after == 0 {
        Decision::Allowed
    } else {
        Decision::Limited { retry_after }
    })
}
