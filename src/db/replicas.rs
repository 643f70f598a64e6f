//! Read replicas: PostgreSQL streaming standbys that serve the public catalog reads.
//!
//! `DATABASE_REPLICA_URLS` lists them. [`Replicas::read`] runs a read on the
//! next usable replica (round robin) and falls back to the primary when none
//! is usable, or when the one it picked fails. Only reads that may be a little
//! behind go through it (public product lists and pages that the catalog
//! cache does not store); writes, and reads that must see the caller's own
//! writes, take the primary pool directly.
//!
//! # Lag
//! A monitor task samples the primary's WAL insert position
//! (`pg_current_wal_insert_lsn`) every `REPLICA_MAX_LAG_MS / 4` (25 ms to
//! 1 s) and keeps the samples of the last `REPLICA_MAX_LAG_MS` and a little
//! more. Each tick it asks every replica how far it has replayed
//! (`pg_last_wal_replay_lsn`). A replica that has replayed sample *s* holds
//! every commit the primary had shown when *s* was taken, so its lag is at
//! most the age of the newest sample it has replayed. (The write position,
//! `pg_current_wal_lsn`, would not do: under `synchronous_commit = off` a
//! commit is visible on the primary before its WAL is written, and a replica
//! that replayed the write position can still miss it.)
//! This needs no write traffic and no clock agreement between servers: on an
//! idle primary the newest sample is replayed and the lag is zero; a replica
//! whose replay is paused while the primary writes falls behind the samples one
//! by one and its lag grows with the clock. (Comparing
//! `pg_last_xact_replay_timestamp()` with `now()` would instead report an
//! idle, fully caught-up replica as lagging.)
//!
//! A replica is usable while its last probe answered, it is still in
//! recovery (a promoted standby no longer follows the primary), and its lag is
//! at most `REPLICA_MAX_LAG_MS`. A read that finds it unreachable marks it
//! down at once; the monitor brings it back when it answers again. While
//! the primary itself does not answer, verdicts stay as they were: nothing
//! new can be missed, and public reads keep being served by the replicas.

use std::{
    collections::VecDeque,
    future::Future,
    sync::{
        Arc, Mutex, Weak,
        atomic::{AtomicU64, AtomicUsize, Ordering},
    },
    time::Duration,
};

use codegen::queries::replication::{primary_wal_position, replica_replay_position};
use deadpool_postgres::PoolError;
use secrecy::ExposeSecret;
use tokio::time::Instant;

use super::{Client, Plans, Pool, pool_at, tls};
use crate::config::DatabaseSettings;

/// Longest wait for one probe of a replica or of the primary.
const PROBE_TIMEOUT: Duration = Duration::from_secs(2);

/// What the monitor last learnt about a replica.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Health {
    /// Not probed yet: not used until the first probe.
    Unknown,
    /// Answering and at most `REPLICA_MAX_LAG_MS` behind: reads go to it.
    Usable,
    /// Answering but further behind than `REPLICA_MAX_LAG_MS` (or behind every sample kept).
    Lagging,
    /// Did not answer the last probe, or a read on it failed as if it were down.
    Down,
    /// Answering but not in recovery: a primary or a promoted standby, not a replica of ours.
    NotStandby,
}

/// A replica's state, for logs, tests and diagnostics.
#[derive(Debug, Clone)]
pub struct ReplicaStatus {
    /// `host:port/dbname` (no credentials).
    pub name: String,
    /// The monitor's last verdict.
    pub health: Health,
    /// Measured lag, when the last probe could measure it.
    pub lag: Option<Duration>,
    /// Reads this replica answered.
    pub reads: u64,
}

/// One replica: its pool and what the monitor knows about it.
struct Member {
    name: String,
    /// Connections planning each execution for its parameters (the catalog lists, facets).
    pool: Pool,
    /// Connections keeping PostgreSQL's cached plans (primary-key lookups: one
    /// product), like the primary's main pool; replanning those on every call
    /// made a product page 3.5 times as slow on a replica.
    lookup_pool: Pool,
    state: Mutex<(Health, Option<Duration>)>,
    reads: AtomicU64,
}

impl Member {
    fn health(&self) -> Health {
        self.state.lock().expect("replica state").0
    }

    /// Records a verdict and logs when the replica starts or stops serving reads.
    fn set(&self, health: Health, lag: Option<Duration>) {
        let before = std::mem::replace(
            &mut *self.state.lock().expect("replica state"),
            (health, lag),
        )
        .0;
        if before == health {
            return;
        }
        let lag_ms = lag.map(|l| l.as_millis());
        if health == Health::Usable {
            tracing::info!(replica = %self.name, ?lag_ms, "read replica in use");
        } else if before == Health::Usable || before == Health::Unknown {
            tracing::warn!(replica = %self.name, ?health, ?lag_ms, "read replica skipped; its reads go to the primary");
        }
    }
}

/// The configured replicas; cheap to clone. Empty when `DATABASE_REPLICA_URLS` is unset.
#[derive(Clone)]
pub struct Replicas {
    inner: Arc<Inner>,
}

struct Inner {
    members: Vec<Member>,
    /// Round-robin position.
    next: AtomicUsize,
    /// Reads that went to the primary because no replica was usable or the chosen one failed.
    fallbacks: AtomicU64,
    /// Completed monitor rounds (tests wait for rounds, not for time).
    rounds: AtomicU64,
    max_lag: Duration,
}

/// A read error, as far as replica routing needs to know.
pub trait ReplicaError {
    /// Whether the replica failed as a server (unreachable, shutting down): it is skipped until the monitor sees it answer.
    fn is_replica_outage(&self) -> bool;
    /// Whether the primary may answer where the replica failed (outages, recovery conflicts, unexpected errors).
    fn try_primary(&self) -> bool;
}

impl Replicas {
    /// Pools for `DATABASE_REPLICA_URLS` (lazy: nothing connects yet); call [`Replicas::monitor`] next.
    pub fn new(settings: &DatabaseSettings) -> anyhow::Result<Self> {
        let members = settings
            .replica_urls
            .iter()
            .map(|url| {
                let url = url.expose_secret();
                Ok(Member {
                    name: display_name(url),
                    pool: pool_at(
                        url,
                        "DATABASE_REPLICA_URLS",
                        settings.list_pool_size,
                        Plans::Custom,
                    )?,
                    lookup_pool: pool_at(
                        url,
                        "DATABASE_REPLICA_URLS",
                        settings.list_pool_size,
                        Plans::Cached,
                    )?,
                    state: Mutex::new((Health::Unknown, None)),
                    reads: AtomicU64::new(0),
                })
            })
            .collect::<anyhow::Result<_>>()?;
        Ok(Self {
            inner: Arc::new(Inner {
                members,
                next: AtomicUsize::new(0),
                fallbacks: AtomicU64::new(0),
                rounds: AtomicU64::new(0),
                max_lag: settings.replica_max_lag,
            }),
        })
    }

    /// Starts the lag monitor against `primary`; it stops once every clone of `self` is dropped.
    pub fn monitor(&self, primary: Pool) {
        if self.inner.members.is_empty() {
            return;
        }
        let interval =
            (self.inner.max_lag / 4).clamp(Duration::from_millis(25), Duration::from_secs(1));
        tokio::spawn(monitor(Arc::downgrade(&self.inner), primary, interval));
    }

    /// Whether any replica is configured.
    pub fn is_empty(&self) -> bool {
        self.inner.members.is_empty()
    }

    /// Each replica's state, in `DATABASE_REPLICA_URLS` order.
    pub fn status(&self) -> Vec<ReplicaStatus> {
        self.inner
            .members
            .iter()
            .map(|m| {
                let (health, lag) = *m.state.lock().expect("replica state");
                ReplicaStatus {
                    name: m.name.clone(),
                    health,
                    lag,
                    reads: m.reads.load(Ordering::Relaxed),
                }
            })
            .collect()
    }

    /// Reads that went to the primary although replicas are configured.
    pub fn fallbacks(&self) -> u64 {
        self.inner.fallbacks.load(Ordering::Relaxed)
    }

    /// How many rounds (primary sample, then every replica probed) the monitor completed.
    pub fn monitor_rounds(&self) -> u64 {
        self.inner.rounds.load(Ordering::Relaxed)
    }

    /// Runs `query` on a usable replica, else (or when that replica fails) on `primary`.
    ///
    /// `plans` picks the replica connections planned like `primary`'s: custom
    /// plans for the catalog lists, cached ones for lookups.
    pub async fn read<T, E, Fut>(
        &self,
        primary: &Pool,
        plans: Plans,
        query: impl Fn(Client) -> Fut,
    ) -> Result<T, E>
    where
        E: ReplicaError + From<PoolError>,
        Fut: Future<Output = Result<T, E>>,
    {
        if let Some((member, client)) = self.pick(plans).await {
            match query(client).await {
                Err(e) if e.try_primary() => {
                    if e.is_replica_outage() {
                        member.set(Health::Down, None);
                    } else {
                        tracing::warn!(replica = %member.name, "read failed on a replica; trying the primary");
                    }
                }
                other => {
                    member.reads.fetch_add(1, Ordering::Relaxed);
                    return other;
                }
            }
        }
        if !self.is_empty() {
            self.inner.fallbacks.fetch_add(1, Ordering::Relaxed);
        }
        query(primary.get().await?).await
    }

    /// A connection to the next usable replica; replicas whose pool fails are marked down.
    async fn pick(&self, plans: Plans) -> Option<(&Member, Client)> {
        let members = &self.inner.members;
        let start = self.inner.next.fetch_add(1, Ordering::Relaxed);
        for i in 0..members.len() {
            let member = &members[(start + i) % members.len()];
            if member.health() != Health::Usable {
                continue;
            }
            let pool = match plans {
                Plans::Custom => &member.pool,
                Plans::Cached => &member.lookup_pool,
            };
            match pool.get().await {
                Ok(client) => return Some((member, client)),
                // Busy, not broken: the primary takes this read.
                Err(PoolError::Timeout(deadpool_postgres::TimeoutType::Wait)) => {}
                Err(e) => {
                    tracing::warn!(replica = %member.name, error = %e, "read replica unreachable");
                    member.set(Health::Down, None);
                }
            }
        }
        None
    }
}

/// `host:port/dbname` of a URL, without credentials (for logs).
fn display_name(url: &str) -> String {
    let Ok(target) = tls::Target::parse(url) else {
        return "replica".to_owned();
    };
    let config = &target.config;
    let host = match config.get_hosts().first() {
        Some(tokio_postgres::config::Host::Tcp(host)) => host.clone(),
        #[cfg(unix)]
        Some(tokio_postgres::config::Host::Unix(path)) => path.display().to_string(),
        None => "localhost".to_owned(),
    };
    let port = config.get_ports().first().copied().unwrap_or(5432);
    format!(
        "{host}:{port}/{}",
        config.get_dbname().unwrap_or("postgres")
    )
}

/// Samples the primary and probes every replica each `interval`, until the replica set is dropped.
async fn monitor(inner: Weak<Inner>, primary: Pool, interval: Duration) {
    let mut samples: VecDeque<(Instant, i64)> = VecDeque::new();
    let mut ticker = tokio::time::interval(interval);
    ticker.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        ticker.tick().await;
        let Some(inner) = inner.upgrade() else {
            return;
        };
        let sampled_at = Instant::now();
        let primary_answered =
            match tokio::time::timeout(PROBE_TIMEOUT, primary_position(&primary)).await {
                Ok(Ok(lsn)) => {
                    samples.push_back((sampled_at, lsn));
                    true
                }
                Ok(Err(e)) => {
                    tracing::debug!(
                        error = format!("{e:#}"),
                        "replica monitor: primary position unknown"
                    );
                    false
                }
                Err(_) => {
                    tracing::debug!("replica monitor: primary position timed out");
                    false
                }
            };
        // Enough history to tell "behind by max_lag" from "behind by less".
        let horizon = inner.max_lag + interval * 2;
        while samples.len() > 1
            && samples
                .front()
                .is_some_and(|(t, _)| sampled_at.duration_since(*t) > horizon)
        {
            samples.pop_front();
        }
        let probes = inner.members.iter().map(|member| async move {
            let replayed = tokio::time::timeout(PROBE_TIMEOUT, replay_position(&member.pool)).await;
            (member, replayed)
        });
        for (member, replayed) in futures::future::join_all(probes).await {
            match replayed {
                Ok(Ok(Some(replay))) => {
                    if !primary_answered {
                        // Nothing to measure against, and nothing new to miss while the
                        // primary is down: keep the last verdict, so public reads
                        // stay on the replicas through a primary outage.
                        continue;
                    }
                    match lag_behind(&samples, replay, Instant::now()) {
                        Some(lag) if lag <= inner.max_lag => member.set(Health::Usable, Some(lag)),
                        lag => member.set(Health::Lagging, lag),
                    }
                }
                Ok(Ok(None)) => member.set(Health::NotStandby, None),
                Ok(Err(e)) => {
                    tracing::debug!(replica = %member.name, error = format!("{e:#}"), "replica probe failed");
                    member.set(Health::Down, None);
                }
                Err(_) => member.set(Health::Down, None),
            }
        }
        inner.rounds.fetch_add(1, Ordering::Relaxed);
    }
}

/// The primary's WAL insert position: every commit it has shown lies below it.
async fn primary_position(primary: &Pool) -> anyhow::Result<i64> {
    // The monitor's probes are not part of any request: untraced.
    let client = primary.get().await?.into_inner();
    Ok(primary_wal_position().bind(&**client).one().await?)
}

/// How far a replica has replayed; `None` when it is not in recovery.
async fn replay_position(replica: &Pool) -> anyhow::Result<Option<i64>> {
    let client = replica.get().await?.into_inner();
    let position = replica_replay_position().bind(&**client).one().await?;
    Ok(position.lsn.filter(|_| position.in_recovery))
}

/// Age of the newest primary sample the replica has replayed; `None` if it is behind all of them.
fn lag_behind(samples: &VecDeque<(Instant, i64)>, replayed: i64, now: Instant) -> Option<Duration> {
    samples
        .iter()
        .rev()
        .find(|(_, lsn)| *lsn <= replayed)
        .map(|(at, _)| now.saturating_duration_since(*at))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn samples(start: Instant, lsns: &[i64]) -> VecDeque<(Instant, i64)> {
        lsns.iter()
            .enumerate()
            .map(|(i, lsn)| (start + Duration::from_millis(100 * i as u64), *lsn))
            .collect()
    }

    #[test]
    fn a_replica_that_replayed_the_newest_sample_lags_by_that_samples_age() {
        let start = Instant::now();
        // An idle primary: every sample at the same position.
        let idle = samples(start, &[500, 500, 500]);
        let now = start + Duration::from_millis(210);
        assert_eq!(lag_behind(&idle, 500, now), Some(Duration::from_millis(10)));
    }

    #[test]
    fn a_replica_behind_the_newest_samples_lags_by_the_age_of_the_newest_one_it_replayed() {
        let start = Instant::now();
        let busy = samples(start, &[100, 200, 300, 400]);
        let now = start + Duration::from_millis(300);
        assert_eq!(
            lag_behind(&busy, 250, now),
            Some(Duration::from_millis(200))
        );
        assert_eq!(lag_behind(&busy, 400, now), Some(Duration::ZERO));
        assert_eq!(lag_behind(&busy, 99, now), None, "behind every sample");
    }

    #[test]
    fn display_name_shows_no_credentials() {
        assert_eq!(
            display_name("postgres://app:secret@replica-1:5433/shop"),
            "replica-1:5433/shop"
        );
    }
}
