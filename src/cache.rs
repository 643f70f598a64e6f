//! Cached bytes in Redis, invalidated all at once by bumping a generation counter.
//!
//! A cache owns a key namespace (`<REDIS_KEY_PREFIX>catalog:` for the catalog):
//! - `<namespace>generation`: a counter, the cache's current generation;
//! - `<namespace>entry:<key>`: `"<generation>:<bytes>"`, expiring after the TTL.
//!
//! **Read** ([`Cache::get_or_compute`]): one round trip, `MGET generation entry`.
//! The entry is a hit only if it carries the current generation. On a miss
//! the caller computes the bytes, which are stored tagged with the generation
//! read *before* computing: bytes computed from data older than a write can
//! never carry the generation that follows the write.
//!
//! **Write** ([`Cache::invalidate`]): after a commit that changes what the
//! cached reads return, `INCR generation`; every entry becomes a miss at once.
//! A missing counter is created at the current time in microseconds (`SET NX`)
//! rather than at 0, so a counter lost to eviction or a flush never comes back
//! to a value that entries still alive carry. That also lets the counter
//! expire a day after the last write, so namespaces nobody uses any more
//! (tests, old deployments) leave nothing behind.
//!
//! **Concurrent misses** of one key and generation in one process are
//! coalesced: one request computes and stores, the others wait for its bytes
//! (if it fails, the next waiter computes). After an invalidation the
//! database sees one query per hot key and api instance, not one per request.
//!
//! **Failures** never fail a request. A Redis error, or no answer within the
//! timeout, makes a read compute its bytes without the cache (logged at warn).
//! A failed invalidation is logged at error and the write still succeeds (its
//! data is committed); readers may then see the previous data until the TTL
//! expires the entries, which is what bounds staleness.

use std::{
    collections::HashMap,
    future::Future,
    sync::{Arc, Mutex},
    time::Duration,
};

use bytes::Bytes;
use redis::{RedisResult, aio::ConnectionManager};
use tokio::sync::OnceCell;

use crate::telemetry::metrics::Metrics;

/// Why a cache call got no answer; the caller falls back or logs.
#[derive(Debug, thiserror::Error)]
pub enum CacheUnavailable {
    /// Redis answered with an error or the connection is down.
    #[error("redis error: {0}")]
    Redis(#[from] redis::RedisError),
    /// Redis did not answer in time.
    #[error("no answer from redis within {0:?}")]
    TimedOut(Duration),
}

/// Handle on one cache namespace; cheap to clone (the connection is shared).
#[derive(Clone)]
pub struct Cache {
    /// Shared multiplexed connection (the same one rate limits and revocation use).
    redis: ConnectionManager,
    /// `<namespace>generation`.
    generation_key: String,
    /// `<namespace>entry:`, followed by the caller's key.
    entry_prefix: String,
    /// Entry lifetime in whole seconds; `None` disables the cache.
    ttl_secs: Option<u64>,
    /// Longest wait for one Redis call.
    timeout: Duration,
    /// Misses being computed in this process (see [`InFlight`]).
    in_flight: Arc<InFlightMap>,
    /// Where hits, misses and Redis latencies are counted, under this cache's name.
    metrics: Option<(&'static str, Metrics)>,
}

/// Misses being computed, by (entry key, generation).
type InFlightMap = Mutex<HashMap<(String, i64), Arc<OnceCell<Bytes>>>>;

/// One request's share in a computation; the last one out removes it from the map,
/// also when requests are cancelled.
struct InFlight<'a> {
    map: &'a InFlightMap,
    key: (String, i64),
    cell: Arc<OnceCell<Bytes>>,
}

impl<'a> InFlight<'a> {
    fn join(map: &'a InFlightMap, key: (String, i64)) -> Self {
        let cell = map
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .entry(key.clone())
            .or_default()
            .clone();
        Self { map, key, cell }
    }
}

impl Drop for InFlight<'_> {
    fn drop(&mut self) {
        let mut map = self
            .map
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        // Clones are made under this lock: 2 means the map's and ours.
        let last = map
            .get(&self.key)
            .is_some_and(|cell| Arc::ptr_eq(cell, &self.cell) && Arc::strong_count(cell) == 2);
        if last {
            map.remove(&self.key);
        }
    }
}

/// Lifetime of the generation counter after its last bump (its absence is safe, see above).
const GENERATION_TTL_SECS: u64 = 24 * 3600;

/// What a lookup found.
enum Lookup {
    /// An entry of the current generation.
    Hit(Bytes),
    /// No usable entry; store the computed bytes under this generation.
    Miss(i64),
}

impl Cache {
    /// A cache over `namespace` (already prefixed); `ttl` of `None` or under a second disables it.
    pub fn new(
        redis: ConnectionManager,
        namespace: &str,
        ttl: Option<Duration>,
        timeout: Duration,
    ) -> Self {
        Self {
            redis,
            generation_key: format!("{namespace}generation"),
            entry_prefix: format!("{namespace}entry:"),
            ttl_secs: ttl.map(|t| t.as_secs()).filter(|&secs| secs > 0),
            timeout,
            in_flight: Arc::default(),
            metrics: None,
        }
    }

    /// Counts this cache's hits, misses and Redis latencies in `metrics` as `name`.
    #[must_use]
    pub fn with_metrics(mut self, name: &'static str, metrics: Metrics) -> Self {
        self.metrics = Some((name, metrics));
        self
    }

    /// Whether reads go through Redis at all.
    pub fn is_enabled(&self) -> bool {
        self.ttl_secs.is_some()
    }

    /// The cached bytes of `key`, or the ones `compute` returns, which are then stored.
    ///
    /// `compute`'s error is returned as is and nothing is stored. With the
    /// cache disabled or Redis unavailable this is just `compute()`.
    pub async fn get_or_compute<E, Fut>(
        &self,
        key: &str,
        compute: impl FnOnce() -> Fut,
    ) -> Result<Bytes, E>
    where
        Fut: Future<Output = Result<Bytes, E>>,
    {
        self.lookup_or(key, |_stored| compute()).await
    }

    /// Like [`Cache::get_or_compute`], with another computation for bytes that will not be stored.
    ///
    /// `fill` computes what is stored, so it must read data no older than the
    /// last invalidation (the primary); `direct` serves the request when the
    /// cache is off or Redis unavailable, where older data (a replica a few
    /// milliseconds behind) is fine since nothing keeps it. Exactly one of the two runs.
    pub async fn get_or_compute_apart<E, Fill, Direct>(
        &self,
        key: &str,
        fill: impl FnOnce() -> Fill,
        direct: impl FnOnce() -> Direct,
    ) -> Result<Bytes, E>
    where
        Fill: Future<Output = Result<Bytes, E>>,
        Direct: Future<Output = Result<Bytes, E>>,
    {
        self.lookup_or(key, |stored| {
            if stored {
                futures::future::Either::Left(fill())
            } else {
                futures::future::Either::Right(direct())
            }
        })
        .await
    }

    /// The cache lookup; `compute(true)` when its bytes will be stored, `compute(false)` when not.
    async fn lookup_or<E, Fut>(
        &self,
        key: &str,
        compute: impl FnOnce(bool) -> Fut,
    ) -> Result<Bytes, E>
    where
        Fut: Future<Output = Result<Bytes, E>>,
    {
        let Some(ttl_secs) = self.ttl_secs else {
            return compute(false).await;
        };
        let entry_key = self.entry_key(key);
        let generation = match self.lookup(&entry_key).await {
            Ok(Lookup::Hit(bytes)) => {
                self.count("hit");
                tracing::debug!(cache.key = %entry_key, "cache hit");
                return Ok(bytes);
            }
            Ok(Lookup::Miss(generation)) => {
                self.count("miss");
                Some(generation)
            }
            Err(e) => {
                self.count("error");
                tracing::warn!(cache.key = %entry_key, error = %e, "cache read failed; reading from the database");
                None
            }
        };
        let Some(generation) = generation else {
            return compute(false).await;
        };
        // One computation per key and generation at a time in this process.
        let slot = InFlight::join(&self.in_flight, (entry_key, generation));
        slot.cell
            .get_or_try_init(|| async {
                let bytes = compute(true).await?;
                self.store(&slot.key.0, generation, &bytes, ttl_secs).await;
                Ok(bytes)
            })
            .await
            .cloned()
    }

    /// Stores computed bytes under the generation read before computing them.
    async fn store(&self, entry_key: &str, generation: i64, bytes: &Bytes, ttl_secs: u64) {
        let value = tag(generation, bytes);
        let stored = self
            .call("cache_store", async {
                let mut conn = self.redis.clone();
                redis::cmd("SET")
                    .arg(entry_key)
                    .arg(value)
                    .arg("EX")
                    .arg(ttl_secs)
                    .query_async::<()>(&mut conn)
                    .await
            })
            .await;
        if let Err(e) = stored {
            tracing::warn!(cache.key = %entry_key, error = %e, "cache store failed");
        }
    }

    /// Makes every entry stale; call after the commit of a change the cached reads show.
    ///
    /// Never fails: an error is logged, and entries then live at most their TTL.
    pub async fn invalidate(&self) {
        if !self.is_enabled() {
            return;
        }
        let bumped = self
            .call("cache_invalidate", async {
                let mut conn = self.redis.clone();
                redis::pipe()
                    .atomic()
                    .cmd("SET")
                    .arg(&self.generation_key)
                    .arg(initial_generation())
                    .arg("NX")
                    .ignore()
                    .incr(&self.generation_key, 1)
                    .ignore()
                    .expire(&self.generation_key, GENERATION_TTL_SECS as i64)
                    .ignore()
                    .query_async::<()>(&mut conn)
                    .await
            })
            .await;
        match bumped {
            Ok(()) => tracing::debug!(cache.key = %self.generation_key, "cache invalidated"),
            Err(e) => tracing::error!(
                cache.key = %self.generation_key,
                error = %e,
                "cache invalidation failed; cached reads may be stale until their TTL expires"
            ),
        }
    }

    fn entry_key(&self, key: &str) -> String {
        format!("{}{key}", self.entry_prefix)
    }

    /// Reads the generation and the entry in one round trip.
    async fn lookup(&self, entry_key: &str) -> Result<Lookup, CacheUnavailable> {
        let (generation, entry): (Option<i64>, Option<Vec<u8>>) = self
            .call("cache_lookup", async {
                let mut conn = self.redis.clone();
                redis::cmd("MGET")
                    .arg(&self.generation_key)
                    .arg(entry_key)
                    .query_async(&mut conn)
                    .await
            })
            .await?;
        let Some(generation) = generation else {
            return Ok(Lookup::Miss(self.create_generation().await?));
        };
        Ok(match entry.and_then(untag) {
            Some((tagged, bytes)) if tagged == generation => Lookup::Hit(bytes),
            _ => Lookup::Miss(generation),
        })
    }

    /// Creates the missing counter (unless someone just did) and returns its value.
    async fn create_generation(&self) -> Result<i64, CacheUnavailable> {
        self.call("cache_create_generation", async {
            let mut conn = self.redis.clone();
            let (generation,): (i64,) = redis::pipe()
                .atomic()
                .cmd("SET")
                .arg(&self.generation_key)
                .arg(initial_generation())
                .arg("NX")
                .arg("EX")
                .arg(GENERATION_TTL_SECS)
                .ignore()
                .get(&self.generation_key)
                .query_async(&mut conn)
                .await?;
            Ok(generation)
        })
        .await
    }

    /// Runs one Redis call under the timeout, timed as `op` in the metrics.
    async fn call<T>(
        &self,
        op: &str,
        request: impl Future<Output = RedisResult<T>>,
    ) -> Result<T, CacheUnavailable> {
        let started = std::time::Instant::now();
        let result = tokio::time::timeout(self.timeout, request)
            .await
            .map_err(|_| CacheUnavailable::TimedOut(self.timeout))
            .and_then(|r| r.map_err(CacheUnavailable::from));
        if let Some((_, metrics)) = &self.metrics {
            metrics.redis_call(op, started.elapsed(), result.is_ok());
        }
        result
    }

    /// Counts a lookup's result under this cache's name.
    fn count(&self, result: &str) {
        if let Some((name, metrics)) = &self.metrics {
            metrics.cache_lookup(name, result);
        }
    }
}

/// First value of a new counter: now in microseconds, above any value a lost counter reached.
fn initial_generation() -> i64 {
    chrono::Utc::now().timestamp_micros()
}

/// Stored form of an entry: `"<generation>:<bytes>"`.
fn tag(generation: i64, bytes: &[u8]) -> Vec<u8> {
    let prefix = format!("{generation}:");
    let mut value = Vec::with_capacity(prefix.len() + bytes.len());
    value.extend_from_slice(prefix.as_bytes());
    value.extend_from_slice(bytes);
    value
}

/// Splits a stored entry into its generation and bytes; `None` if it is not one.
fn untag(value: Vec<u8>) -> Option<(i64, Bytes)> {
    // An i64 has at most 20 characters; the colon must come right after it.
    let colon = value.iter().take(21).position(|&b| b == b':')?;
    let generation = std::str::from_utf8(&value[..colon]).ok()?.parse().ok()?;
    Some((generation, Bytes::from(value).slice(colon + 1..)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tagged_values_round_trip_including_colons_and_empty_bytes() {
        let cases: &[(i64, &[u8])] = &[
            (0, b"{\"a\":1}"),
            (
                1_736_937_000_000_000,
                b"{\"items\":[],\"next_cursor\":null}",
            ),
            (i64::MAX, b""),
            (7, b"12:34:56"),
        ];
        for &(generation, bytes) in cases {
            let value = tag(generation, bytes);
            assert_eq!(
                untag(value),
                Some((generation, Bytes::copy_from_slice(bytes))),
                "generation {generation}, bytes {bytes:?}"
            );
        }
    }

    #[test]
    fn tag_writes_the_generation_then_a_colon() {
        assert_eq!(tag(42, b"{}"), b"42:{}".to_vec());
    }

    #[test]
    fn untag_rejects_values_that_are_not_tagged_entries() {
        let cases: &[(&[u8], &str)] = &[
            (b"", "empty"),
            (b"{\"items\":[]}", "no generation"),
            (b":{}", "empty generation"),
            (b"abc:{}", "non-numeric generation"),
            (b"123456789012345678901234:{}", "colon too far for an i64"),
            (b"99999999999999999999:{}", "generation overflows i64"),
        ];
        for (value, description) in cases {
            assert_eq!(untag(value.to_vec()), None, "{description}");
        }
    }
}
