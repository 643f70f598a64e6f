//! Scratch servers for scale-out tests, started with `scripts/cluster` in a temp dir.
//!
//! A PostgreSQL primary with a streaming replica (and, for the fault test,
//! Redis and a RabbitMQ node) on ports of 31000-31999, never the shared
//! services. That range lies below the kernel's ephemeral ports
//! (`ip_local_port_range`, 32768-60999 by default), so no outgoing connection
//! of the many a test run opens can take a port between choosing and binding
//! it, or while a server is down for a restart. Dropping the handle (also on a panic) stops everything and
//! removes the directory. Drop does not run when the test process is
//! killed with SIGKILL (a CI timeout), so [`PgCluster::start`] also starts a detached
//! `scripts/cluster watch` that runs `down` once the test process is gone, and
//! first cleans up after earlier test processes that died without one.

use std::{
    net::TcpListener,
    path::PathBuf,
    process::{Command, Stdio},
    sync::atomic::{AtomicU32, Ordering},
};

/// Runs `scripts/cluster` with `args`, panicking with its output if it fails.
pub fn cluster(args: &[&str]) {
    let output = Command::new(concat!(env!("CARGO_MANIFEST_DIR"), "/scripts/cluster"))
        .args(args)
        .output()
        .expect("scripts/cluster runs");
    assert!(
        output.status.success(),
        "scripts/cluster {args:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// Next port offset to try; starts at a per-process place so parallel test binaries rarely collide.
static NEXT_PORT: AtomicU32 = AtomicU32::new(u32::MAX);

/// A free TCP port of 31000-31999 on 127.0.0.1, never the same twice in a process.
pub fn free_port() -> u16 {
    let _ = NEXT_PORT.compare_exchange(
        u32::MAX,
        std::process::id() * 37 % 1000,
        Ordering::SeqCst,
        Ordering::SeqCst,
    );
    (0..1000)
        .map(|_| 31_000 + (NEXT_PORT.fetch_add(1, Ordering::SeqCst) % 1000) as u16)
        .find(|port| TcpListener::bind(("127.0.0.1", *port)).is_ok())
        .expect("a free port in 31000-31999")
}

/// A primary and its streaming replica; stopped and removed on drop.
pub struct PgCluster {
    /// Holds both data directories, sockets and logs.
    pub dir: PathBuf,
    /// Port of the primary.
    pub primary_port: u16,
    /// Port of the replica.
    pub replica_port: u16,
}

impl PgCluster {
    /// `initdb` + `pg_basebackup` into a new temp dir; takes a couple of seconds.
    pub fn start() -> Self {
        remove_orphans();
        let dir = std::env::temp_dir().join(format!(
            "ecommerce-cluster-{}-{}",
            std::process::id(),
            uuid::Uuid::new_v4().simple()
        ));
        std::fs::create_dir_all(&dir).unwrap();
        // In its own session, so a signal to the test's process group spares it;
        // `--fork` returns at once, leaving the watch to init.
        let forked = Command::new("setsid")
            .arg("--fork")
            .arg(concat!(env!("CARGO_MANIFEST_DIR"), "/scripts/cluster"))
            .args([
                "watch",
                dir.to_str().unwrap(),
                &std::process::id().to_string(),
            ])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .expect("setsid scripts/cluster watch");
        assert!(forked.success(), "setsid --fork: {forked}");
        let primary_port = free_port();
        let replica_port = free_port();
        let cluster = Self {
            dir,
            primary_port,
            replica_port,
        };
        self::cluster(&[
            "pg-up",
            cluster.dir_str(),
            &primary_port.to_string(),
            &replica_port.to_string(),
        ]);
        cluster
    }

    fn dir_str(&self) -> &str {
        self.dir.to_str().expect("UTF-8 temp dir")
    }

    /// `postgres://postgres@127.0.0.1:<primary>/postgres`.
    pub fn primary_url(&self) -> String {
        format!(
            "postgres://postgres@127.0.0.1:{}/postgres",
            self.primary_port
        )
    }

    /// `postgres://postgres@127.0.0.1:<replica>/postgres`.
    pub fn replica_url(&self) -> String {
        format!(
            "postgres://postgres@127.0.0.1:{}/postgres",
            self.replica_port
        )
    }

    /// Stops the replica (fast shutdown: its sessions are cut).
    pub fn stop_replica(&self) {
        cluster(&["replica-stop", self.dir_str()]);
    }

    /// Stops the primary (fast shutdown); the replica keeps serving reads.
    pub fn stop_primary(&self) {
        cluster(&["primary-stop", self.dir_str()]);
    }

    /// Starts the replica again; it catches up from the primary.
    pub fn start_replica(&self) {
        cluster(&["replica-start", self.dir_str()]);
    }

    /// Stops the primary's WAL writer until the guard is dropped. The cluster
    /// commits asynchronously (`synchronous_commit = off`), so meanwhile a
    /// commit is visible on the primary while its WAL stays in the primary's
    /// memory, out of the replica's reach.
    pub fn pause_wal_writer(&self) -> WalWriterPaused<'_> {
        cluster(&["walwriter-pause", self.dir_str()]);
        WalWriterPaused(self)
    }
}

/// The primary's WAL writer is stopped while this lives.
pub struct WalWriterPaused<'a>(&'a PgCluster);

impl Drop for WalWriterPaused<'_> {
    fn drop(&mut self) {
        let _ = Command::new(concat!(env!("CARGO_MANIFEST_DIR"), "/scripts/cluster"))
            .args(["walwriter-resume", self.0.dir_str()])
            .status();
    }
}

/// Runs `scripts/cluster down` on the directories of test processes that no
/// longer run (named `ecommerce-cluster-<pid>-<uuid>`), in case their watch died too.
fn remove_orphans() {
    let Ok(entries) = std::fs::read_dir(std::env::temp_dir()) else {
        return;
    };
    for path in entries.flatten().map(|e| e.path()) {
        let Some(pid) = path
            .file_name()
            .and_then(|n| n.to_str())
            .and_then(|n| n.strip_prefix("ecommerce-cluster-"))
            .and_then(|rest| rest.split('-').next())
            .and_then(|pid| pid.parse::<u32>().ok())
        else {
            continue;
        };
        if !PathBuf::from(format!("/proc/{pid}")).exists() {
            let _ = Command::new(concat!(env!("CARGO_MANIFEST_DIR"), "/scripts/cluster"))
                .args(["down", path.to_str().unwrap_or_default()])
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status();
        }
    }
}

impl Drop for PgCluster {
    fn drop(&mut self) {
        let _ = Command::new(concat!(env!("CARGO_MANIFEST_DIR"), "/scripts/cluster"))
            .args(["down", self.dir_str()])
            .status();
    }
}
