//! Cached bytes in Redis, invalidated by bumping generation counters.
//!
//! A cache owns a key namespace (`<REDIS_KEY_PREFIX>catalog:` for the catalog):
//! - `<namespace>generation`: a counter, the generation of everything cached;
//! - `<namespace>stock_generation`: a second counter, for the entries that
//!   depend on which products are in stock ([`Scope::Stock`]);
//! - `<namespace>entry:<key>`: `"<tag>:<bytes>"`, expiring after the TTL, where
//!   the tag is `<generation>` or `<generation>.<stock generation>`.
//!
//! **Read** ([`Cache::get_or_compute_in`]): one round trip, `MGET generation
//! [stock_generation] entry`. The entry is a hit only if it carries the current
//! generations. On a miss the caller computes the bytes, which are stored
//! tagged with the generations read *before* computing: bytes computed from
//! data older than a write can never carry the generation that follows the
//! write. The store is sent without waiting for its answer, so a miss costs
//! one Redis round trip more than no cache at all, not two.
//!
//! **Write**: after a commit that changes what the cached reads return,
//! [`Cache::invalidate`] bumps `generation` (every entry becomes a miss at
//! once; catalog edits), [`Cache::invalidate_stock`] bumps `stock_generation`
//! (only [`Scope::Stock`] entries; a product sold out or back in stock).
//! Stock *amounts* are never a reason to invalidate: the catalog reads overlay
//! them fresh from PostgreSQL on every hit (see `catalog/reads.rs`), which is
//! what keeps the hit rate while orders come in.
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
    sync::{
        Arc, Mutex,
        atomic::{AtomicU64, Ordering},
    },
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

/// What a cached entry depends on, i.e. which counters invalidate it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Catalog content only (names, prices, categories, activity): [`Cache::invalidate`].
    Content,
    /// Also which products are in stock (`in_stock` lists, facets): [`Cache::invalidate_stock`] too.
    Stock,
}

/// A value from [`Cache::get_or_compute_in`], and whether it came from Redis.
#[derive(Debug, Clone)]
pub struct Fetched {
    /// The bytes.
    pub bytes: Bytes,
    /// True when read from Redis (computed earlier, possibly by another instance).
    pub hit: bool,
}

/// Hits and misses of reads through this cache since start (all clones share them).
#[derive(Debug, Default)]
pub struct CacheStats {
    hits: AtomicU64,
    misses: AtomicU64,
}

impl CacheStats {
    /// Reads answered from Redis.
    pub fn hits(&self) -> u64 {
        self.hits.load(Ordering::Relaxed)
    }

    /// Reads that had to compute (Redis errors included).
    pub fn misses(&self) -> u64 {
        self.misses.load(Ordering::Relaxed)
    }
}

/// Handle on one cache namespace; cheap to clone (the connection is shared).
#[derive(Clone)]
pub struct Cache {
    /// Shared multiplexed connection (the same one rate limits and revocation use).
    redis: ConnectionManager,
    /// `<namespace>generation`.
    generation_key: String,
    /// `<namespace>stock_generation`.
    stock_generation_key: String,
    /// `<namespace>entry:`, followed by the caller's key.
    entry_prefix: String,
    /// Entry lifetime in whole seconds; `None` disables the cache.
    ttl_secs: Option<u64>,
    /// Longest wait for one Redis call.
    timeout: Duration,
    /// Misses being computed in this process (see [`InFlight`]).
    in_flight: Arc<InFlightMap>,
    /// Hit and miss counters.
    stats: Arc<CacheStats>,
    /// Where hits, misses and Redis latencies are counted, under this cache's name.
    metrics: Option<(&'static str, Metrics)>,
}

/// Misses being computed, by (entry key, generation tag).
type InFlightMap = Mutex<HashMap<(String, String), Arc<OnceCell<Bytes>>>>;

/// One request's share in a computation; the last one out removes it from the map,
/// also when requests are cancelled.
struct InFlight<'a> {
    map: &'a InFlightMap,
    key: (String, String),
    cell: Arc<OnceCell<Bytes>>,
}

impl<'a> InFlight<'a> {
    fn join(map: &'a InFlightMap, key: (String, String)) -> Self {
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
    /// No usable entry; store the computed bytes under this tag.
    Miss(String),
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
            stock_generation_key: format!("{namespace}stock_generation"),
            entry_prefix: format!("{namespace}entry:"),
            ttl_secs: ttl.map(|t| t.as_secs()).filter(|&secs| secs > 0),
            timeout,
            in_flight: Arc::default(),
            stats: Arc::default(),
            metrics: None,
        }
    }

    /// Counts this cache's hits, misses and Redis latencies in `metrics` as `name`.
    #[must_use]
    pub fn with_metrics(mut self, name: &'static str, metrics: Metrics) -> Self {
        self.metrics = Some((name, metrics));
        self
    }

    /// Hits and misses so far (shared by every clone of this cache).
    pub fn stats(&self) -> &CacheStats {
        &self.stats
    }

    /// Whether reads go through Redis at all.
    pub fn is_enabled(&self) -> bool {
        self.ttl_secs.is_some()
    }

    /// The cached bytes of `key`, or the ones `compute` returns ([`Scope::Content`]).
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
        Ok(self
            .get_or_compute_in(key, Scope::Content, compute)
            .await?
            .bytes)
    }

    /// The cached bytes of `key` in `scope`, or the ones `compute` returns, which are then stored.
    ///
    /// `compute`'s error is returned as is and nothing is stored. With the
    /// cache disabled or Redis unavailable this is just `compute()`.
    pub async fn get_or_compute_in<E, Fut>(
        &self,
        key: &str,
        scope: Scope,
        compute: impl FnOnce() -> Fut,
    ) -> Result<Fetched, E>
    where
        Fut: Future<Output = Result<Bytes, E>>,
    {
        self.lookup_or(key, scope, |_stored| compute()).await
    }

    /// Like [`Cache::get_or_compute_in`], with another computation for bytes that will not be stored.
    ///
    /// `fill` computes what is stored, so it must read data no older than the
    /// last invalidation (the primary); `direct` serves the request when the
    /// cache is off or Redis unavailable, where older data (a replica a few
    /// milliseconds behind) is fine since nothing keeps it. Exactly one of the two runs.
    pub async fn get_or_compute_apart<E, Fill, Direct>(
        &self,
        key: &str,
        scope: Scope,
        fill: impl FnOnce() -> Fill,
        direct: impl FnOnce() -> Direct,
    ) -> Result<Fetched, E>
    where
        Fill: Future<Output = Result<Bytes, E>>,
        Direct: Future<Output = Result<Bytes, E>>,
    {
        self.lookup_or(key, scope, |stored| {
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
        scope: Scope,
        compute: impl FnOnce(bool) -> Fut,
    ) -> Result<Fetched, E>
    where
        Fut: Future<Output = Result<Bytes, E>>,
    {
        let miss = |bytes| Fetched { bytes, hit: false };
        let Some(ttl_secs) = self.ttl_secs else {
            return compute(false).await.map(miss);
        };
        let entry_key = self.entry_key(key);
        let tag = match self.lookup(&entry_key, scope).await {
            Ok(Lookup::Hit(bytes)) => {
                self.stats.hits.fetch_add(1, Ordering::Relaxed);
                self.count("hit");
                tracing::debug!(cache.key = %entry_key, "cache hit");
                return Ok(Fetched { bytes, hit: true });
            }
            Ok(Lookup::Miss(tag)) => {
                self.count("miss");
                Some(tag)
            }
            Err(e) => {
                self.count("error");
                tracing::warn!(cache.key = %entry_key, error = %e, "cache read failed; reading from the database");
                None
            }
        };
        self.stats.misses.fetch_add(1, Ordering::Relaxed);
        let Some(tag) = tag else {
            return compute(false).await.map(miss);
        };
        // One computation per key and generation at a time in this process.
        let slot = InFlight::join(&self.in_flight, (entry_key, tag));
        slot.cell
            .get_or_try_init(|| async {
                let bytes = compute(true).await?;
                self.store(&slot.key.0, &slot.key.1, &bytes, ttl_secs);
                Ok(bytes)
            })
            .await
            .cloned()
            .map(miss)
    }

    /// Stores computed bytes under the tag read before computing them, without waiting.
    fn store(&self, entry_key: &str, tag: &str, bytes: &Bytes, ttl_secs: u64) {
        let value = tag_value(tag, bytes);
        let (this, entry_key) = (self.clone(), entry_key.to_owned());
        tokio::spawn(async move {
            let stored = this
                .call("cache_store", async {
                    let mut conn = this.redis.clone();
                    redis::cmd("SET")
                        .arg(&entry_key)
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
        });
    }

    /// Makes every entry stale; call after the commit of a change the cached reads show.
    ///
    /// Never fails: an error is logged, and entries then live at most their TTL.
    pub async fn invalidate(&self) {
        self.bump(&self.generation_key).await;
    }

    /// Makes the [`Scope::Stock`] entries stale; call after a commit that took a
    /// product's stock to zero or back from zero.
    ///
    /// Never fails: an error is logged, and entries then live at most their TTL.
    pub async fn invalidate_stock(&self) {
        self.bump(&self.stock_generation_key).await;
    }

    /// Increments one counter (creating it first if it is missing).
    async fn bump(&self, counter: &str) {
        if !self.is_enabled() {
            return;
        }
        let bumped = self
            .call("cache_invalidate", async {
                let mut conn = self.redis.clone();
                redis::pipe()
                    .atomic()
                    .cmd("SET")
                    .arg(counter)
                    .arg(initial_generation())
                    .arg("NX")
                    .ignore()
                    .incr(counter, 1)
                    .ignore()
                    .expire(counter, GENERATION_TTL_SECS as i64)
                    .ignore()
                    .query_async::<()>(&mut conn)
                    .await
            })
            .await;
        match bumped {
            Ok(()) => tracing::debug!(cache.key = %counter, "cache invalidated"),
            Err(e) => tracing::error!(
                cache.key = %counter,
                error = %e,
                "cache invalidation failed; cached reads may be stale until their TTL expires"
            ),
        }
    }

    fn entry_key(&self, key: &str) -> String {
        format!("{}{key}", self.entry_prefix)
    }

    /// Reads the generation(s) and the entry in one round trip.
    async fn lookup(&self, entry_key: &str, scope: Scope) -> Result<Lookup, CacheUnavailable> {
        let mut keys = vec![self.generation_key.as_str()];
        if scope == Scope::Stock {
            keys.push(&self.stock_generation_key);
        }
        keys.push(entry_key);
        let mut values: Vec<Option<Vec<u8>>> = self
            .call("cache_lookup", async {
                let mut conn = self.redis.clone();
                redis::cmd("MGET").arg(&keys).query_async(&mut conn).await
            })
            .await?;
        let entry = values.pop().flatten();
        let mut current = String::new();
        for (counter, value) in keys.iter().zip(values) {
            let generation = match value.as_deref().and_then(parse_generation) {
                Some(generation) => generation,
                None => self.create_generation(counter).await?,
            };
            if !current.is_empty() {
                current.push('.');
            }
            current.push_str(&generation.to_string());
        }
        Ok(match entry.and_then(untag) {
            Some((tag, bytes)) if tag == current => Lookup::Hit(bytes),
            _ => Lookup::Miss(current),
        })
    }

    /// Creates a missing counter (unless someone just did) and returns its value.
    async fn create_generation(&self, counter: &str) -> Result<i64, CacheUnavailable> {
        self.call("cache_create_generation", async {
            let mut conn = self.redis.clone();
            let (generation,): (i64,) = redis::pipe()
                .atomic()
                .cmd("SET")
                .arg(counter)
                .arg(initial_generation())
                .arg("NX")
                .arg("EX")
                .arg(GENERATION_TTL_SECS)
                .ignore()
                .get(counter)
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

/// A counter's value as Redis returns it.
fn parse_generation(value: &[u8]) -> Option<i64> {
    std::str::from_utf8(value).ok()?.parse().ok()
}

/// Longest tag: two i64s and a dot.
const MAX_TAG: usize = 2 * 20 + 1;

/// Stored form of an entry: `"<tag>:<bytes>"`.
fn tag_value(tag: &str, bytes: &[u8]) -> Vec<u8> {
    let mut value = Vec::with_capacity(tag.len() + 1 + bytes.len());
    value.extend_from_slice(tag.as_bytes());
    value.push(b':');
    value.extend_from_slice(bytes);
    value
}

/// Splits a stored entry into its tag and bytes; `None` if it is not one.
fn untag(value: Vec<u8>) -> Option<(String, Bytes)> {
    // The colon must come right after the tag (digits, minus signs and at most one dot).
    let colon = value.iter().take(MAX_TAG + 1).position(|&b| b == b':')?;
    let tag = std::str::from_utf8(&value[..colon]).ok()?;
    let parts: Vec<&str> = tag.split('.').collect();
    if parts.len() > 2 || parts.iter().any(|p| p.parse::<i64>().is_err()) {
        return None;
    }
    let tag = tag.to_owned();
    Some((tag, Bytes::from(value).slice(colon + 1..)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tagged_values_round_trip_including_colons_and_empty_bytes() {
        let cases: &[(&str, &[u8])] = &[
            ("0", b"{\"a\":1}"),
            ("1736937000000000", b"{\"items\":[],\"next_cursor\":null}"),
            ("9223372036854775807.9223372036854775807", b""),
            ("7.8", b"12:34:56"),
        ];
        for &(tag, bytes) in cases {
            let value = tag_value(tag, bytes);
            assert_eq!(
                untag(value),
                Some((tag.to_owned(), Bytes::copy_from_slice(bytes))),
                "tag {tag}, bytes {bytes:?}"
            );
        }
    }

    #[test]
    fn tag_writes_the_generations_then_a_colon() {
        assert_eq!(tag_value("42", b"{}"), b"42:{}".to_vec());
        assert_eq!(tag_value("42.7", b"{}"), b"42.7:{}".to_vec());
    }

    #[test]
    fn untag_rejects_values_that_are_not_tagged_entries() {
        let cases: &[(&[u8], &str)] = &[
            (b"", "empty"),
            (b"{\"items\":[]}", "no generation"),
            (b":{}", "empty generation"),
            (b"abc:{}", "non-numeric generation"),
            (b"1.2.3:{}", "three generations"),
            (b"1.:{}", "empty stock generation"),
            (
                b"123456789012345678901234567890123456789012345:{}",
                "colon too far for a tag",
            ),
            (b"99999999999999999999:{}", "generation overflows i64"),
        ];
        for (value, description) in cases {
            assert_eq!(untag(value.to_vec()), None, "{description}");
        }
    }
}
