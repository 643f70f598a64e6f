//! The scale-out topology under faults, with the real binaries on this machine.
//!
//! `scripts/cluster` starts a scratch PostgreSQL primary with a streaming
//! replica, a private Redis and a private RabbitMQ node (ports 56000-56999;
//! the shared services are never touched). Two `api` and two `worker`
//! processes run against them while a driver places orders and reads the
//! catalog through both apis, and the test, one after the other:
//!
//! 1. kills one api (SIGKILL): only requests in flight on it fail; the driver
//!    retries those orders on the other api with the same `Idempotency-Key`,
//!    as a client behind a load balancer would;
//! 2. kills one worker (SIGKILL) while jobs flow: its unacknowledged jobs are
//!    redelivered to the other;
//! 3. stops the replica: catalog reads fall back to the primary;
//! 4. restarts Redis: requests that need it answer 503 while it is down
//!    (fail closed by design), then the apis recover without a restart;
//! 5. restarts RabbitMQ: the api does not notice, the worker reconnects.
//!
//! Then it reports requests sent, 5xx seen, orders acknowledged vs rows in
//! the database, and emails expected vs written, and asserts nothing was lost.

mod common;

use std::{
    collections::{HashMap, HashSet},
    path::{Path, PathBuf},
    process::{Child, Command, Stdio},
    sync::{
        Arc, Mutex,
        atomic::{AtomicBool, AtomicU64, Ordering},
    },
    time::Duration,
};

use common::{
    cluster::{PgCluster, cluster, free_port},
    mail::read_mails,
    payments::eventually,
};
use ecommerce::accounts::{Role, token::JwtKeys};
use serde_json::{Value, json};

/// The child processes of the test; killed on drop (also when the test panics).
#[derive(Default)]
struct Processes(Mutex<HashMap<String, Child>>);

impl Processes {
    fn spawn(&self, name: &str, binary: &str, env: &[(String, String)], dir: &Path) {
        let log = std::fs::File::create(dir.join(format!("{name}.log"))).unwrap();
        let child = Command::new(binary)
            .envs(env.iter().map(|(k, v)| (k.as_str(), v.as_str())))
            .current_dir(dir)
            .stdout(log.try_clone().unwrap())
            .stderr(log)
            .stdin(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("starting {name}: {e}"));
        self.0.lock().unwrap().insert(name.to_owned(), child);
    }

    /// SIGKILL: no graceful shutdown, in-flight work is cut.
    fn kill(&self, name: &str) {
        let mut child = self.0.lock().unwrap().remove(name).expect("running");
        child.kill().unwrap();
        child.wait().unwrap();
    }
}

impl Drop for Processes {
    fn drop(&mut self) {
        for (_, mut child) in self.0.lock().unwrap().drain() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

/// What the driver saw.
#[derive(Default)]
struct Stats {
    requests: AtomicU64,
    /// 5xx answered while Redis was down (token checks fail closed: expected).
    redis_down_5xx: AtomicU64,
    /// Any other 5xx: a failure of the topology.
    unexpected_5xx: AtomicU64,
    /// Requests cut by the api kill (connection reset/refused on that api).
    cut_on_killed_api: AtomicU64,
    /// Transport errors anywhere else: a failure of the topology.
    unexpected_transport: AtomicU64,
    /// Order ids the apis acknowledged (201, or 200 for an idempotent replay).
    orders: Mutex<HashSet<i64>>,
}

/// Which apis take traffic, and whether Redis is down.
struct Conditions {
    alive: Mutex<Vec<usize>>,
    killed: Mutex<Option<usize>>,
    redis_down: AtomicBool,
    stop: AtomicBool,
}

struct Driver {
    http: reqwest::Client,
    apis: Vec<String>,
    tokens: Vec<String>,
    products: Vec<i64>,
    stats: Stats,
    conditions: Conditions,
}

enum Outcome {
    Answered(reqwest::StatusCode, Value),
    /// The connection failed on this api.
    Cut,
}

impl Driver {
    fn pick(&self, n: u64) -> usize {
        let alive = self.conditions.alive.lock().unwrap();
        alive[n as usize % alive.len()]
    }

    async fn send(&self, api: usize, request: reqwest::RequestBuilder) -> Outcome {
        self.stats.requests.fetch_add(1, Ordering::Relaxed);
        match request.send().await {
            Ok(resp) => {
                let status = resp.status();
                if status.is_server_error() {
                    if self.conditions.redis_down.load(Ordering::SeqCst) {
                        self.stats.redis_down_5xx.fetch_add(1, Ordering::Relaxed);
                    } else {
                        let body = resp.text().await.unwrap_or_default();
                        eprintln!("faults: unexpected {status} from api {api}: {body}");
                        self.stats.unexpected_5xx.fetch_add(1, Ordering::Relaxed);
                    }
                    return Outcome::Answered(status, Value::Null);
                }
                let body = resp.json().await.unwrap_or(Value::Null);
                Outcome::Answered(status, body)
            }
            Err(e) => {
                if *self.conditions.killed.lock().unwrap() == Some(api) {
                    self.stats.cut_on_killed_api.fetch_add(1, Ordering::Relaxed);
                } else {
                    eprintln!("faults: transport error on api {api}: {e}");
                    self.stats
                        .unexpected_transport
                        .fetch_add(1, Ordering::Relaxed);
                }
                Outcome::Cut
            }
        }
    }

    /// Places one order, retrying with the same key until an api answers it (or rejects it).
    async fn order(&self, n: u64) {
        let key = format!("fault-order-{n}");
        let body = json!({
            "shipping_address": "Bole Road 12",
            "items": [{"product_id": self.products[n as usize % self.products.len()], "quantity": 1}],
        });
        let token = &self.tokens[n as usize % self.tokens.len()];
        for attempt in 0.. {
            let api = self.pick(n + attempt);
            let request = self
                .http
                .post(format!("{}/api/v1/orders", self.apis[api]))
                .bearer_auth(token)
                .header("Idempotency-Key", &key)
                .json(&body);
            match self.send(api, request).await {
                Outcome::Answered(status, body) if status.is_success() => {
                    let id = body["id"].as_i64().expect("order id");
                    self.stats.orders.lock().unwrap().insert(id);
                    return;
                }
                Outcome::Answered(status, _) if status.is_server_error() => {
                    tokio::time::sleep(Duration::from_millis(50)).await;
                }
                Outcome::Answered(status, body) => panic!("order {n}: {status} {body}"),
                Outcome::Cut => {}
            }
        }
    }

    /// A catalog search and a product page (public: replica when usable).
    async fn browse(&self, n: u64) {
        let api = self.pick(n);
        let base = &self.apis[api];
        for path in [
            "/api/v1/products?q=lamp".to_owned(),
            format!(
                "/api/v1/products/{}",
                self.products[n as usize % self.products.len()]
            ),
        ] {
            if let Outcome::Answered(status, _) =
                self.send(api, self.http.get(format!("{base}{path}"))).await
            {
                assert!(
                    status.is_success() || status.is_server_error(),
                    "GET {path}: {status}"
                );
            }
        }
    }

    async fn run(self: Arc<Self>, lane: u64) {
        let mut n = lane;
        while !self.conditions.stop.load(Ordering::SeqCst) {
            self.order(n).await;
            self.browse(n).await;
            n += 4;
        }
    }

    fn orders_acknowledged(&self) -> usize {
        self.stats.orders.lock().unwrap().len()
    }
}

fn env_for(
    dir: &Path,
    cluster: &PgCluster,
    redis: u16,
    amqp: u16,
    port: Option<u16>,
) -> Vec<(String, String)> {
    let mut env = vec![
        ("APP_ENV", "development".to_owned()),
        (
            "DATABASE_URL",
            common::with_dbname(&cluster.primary_url(), "shop"),
        ),
        (
            "DATABASE_REPLICA_URLS",
            common::with_dbname(&cluster.replica_url(), "shop"),
        ),
        ("REPLICA_MAX_LAG_MS", "500".to_owned()),
        ("REDIS_URL", format!("redis://127.0.0.1:{redis}")),
        ("REDIS_KEY_PREFIX", "faults:".to_owned()),
        (
            "AMQP_URL",
            format!("amqp://guest:guest@127.0.0.1:{amqp}/%2f"),
        ),
        ("AMQP_QUEUE_PREFIX", "faults".to_owned()),
        ("MAIL_OUTBOX_DIR", dir.join("mail").display().to_string()),
        // Every public read goes to the database (the replica), not to Redis.
        ("CATALOG_CACHE_TTL_SECS", "0".to_owned()),
        ("RELAY_POLL_MS", "50".to_owned()),
        ("JOB_RETRY_BASE_MS", "100".to_owned()),
        ("LOGIN_RATE_LIMIT", "1000".to_owned()),
        ("LOG_FORMAT", "json".to_owned()),
        ("RUST_LOG", "warn".to_owned()),
        ("DATABASE_POOL_SIZE", "8".to_owned()),
        ("DATABASE_LIST_POOL_SIZE", "4".to_owned()),
    ];
    if let Some(port) = port {
        env.push(("BIND", format!("127.0.0.1:{port}")));
    }
    env.into_iter().map(|(k, v)| (k.to_owned(), v)).collect()
}

async fn ready(http: &reqwest::Client, base: &str) -> bool {
    http.get(format!("{base}/health/ready"))
        .send()
        .await
        .is_ok_and(|r| r.status().is_success())
}

/// The last lines of every process log (the directory is removed when the test ends).
fn print_logs(dir: &Path) {
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.extension().is_some_and(|x| x == "log") {
            let text = std::fs::read_to_string(&path).unwrap_or_default();
            let lines: Vec<&str> = text.lines().collect();
            eprintln!("--- {}", path.display());
            for line in &lines[lines.len().saturating_sub(15)..] {
                eprintln!("{line}");
            }
        }
    }
}

/// Complete emails by job id (a worker killed while writing one can leave it torn).
fn emails(dir: &Path) -> (HashMap<i64, usize>, usize) {
    let mut by_job = HashMap::new();
    let mut torn = 0;
    for mail in read_mails(dir) {
        if mail.is_complete() {
            *by_job.entry(mail.job_id()).or_default() += 1;
        } else {
            torn += 1;
        }
    }
    (by_job, torn)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_topology_loses_nothing_through_api_worker_replica_redis_and_rabbitmq_faults() {
    let pg = PgCluster::start();
    let dir: PathBuf = pg.dir.clone();
    let dir_str = dir.display().to_string();
    let (redis_port, amqp_port, dist_port) = (free_port(), free_port(), free_port());
    cluster(&["redis-up", &dir_str, &redis_port.to_string()]);
    cluster(&[
        "rabbit-up",
        &dir_str,
        &amqp_port.to_string(),
        &dist_port.to_string(),
    ]);
    let processes = Processes::default();
    let api_ports = [free_port(), free_port()];
    let apis: Vec<String> = api_ports
        .iter()
        .map(|p| format!("http://127.0.0.1:{p}"))
        .collect();
    // Both apis start together on the fresh database: the migration lock serialises them.
    for (i, port) in api_ports.iter().enumerate() {
        let env = env_for(&dir, &pg, redis_port, amqp_port, Some(*port));
        processes.spawn(&format!("api{i}"), env!("CARGO_BIN_EXE_api"), &env, &dir);
    }
    for i in 0..2 {
        let env = env_for(&dir, &pg, redis_port, amqp_port, None);
        processes.spawn(
            &format!("worker{i}"),
            env!("CARGO_BIN_EXE_worker"),
            &env,
            &dir,
        );
    }
    let http = reqwest::Client::builder()
        .timeout(Duration::from_secs(15))
        .build()
        .unwrap();
    for base in &apis {
        eventually(&format!("{base} to be ready"), || async {
            ready(&http, base).await.then_some(())
        })
        .await;
    }

    // Buyers register over HTTP (welcome emails); products go straight into the primary.
    let mut settings = common::test_settings();
    settings.database.url = common::with_dbname(&pg.primary_url(), "shop").into();
    let primary = ecommerce::db::pool(&settings.database, 2, ecommerce::db::Plans::Cached).unwrap();
    let jwt = JwtKeys::new(&settings.jwt);
    let mut tokens = Vec::new();
    for n in 0..6 {
        let body = json!({
            "email": format!("buyer{n}@example.com"),
            "username": format!("buyer{n}"),
            "password": common::TEST_PASSWORD,
            "first_name": "Buyer",
            "last_name": format!("{n}"),
        });
        let resp = http
            .post(format!("{}/api/v1/auth/register", apis[n % 2]))
            .json(&body)
            .send()
            .await
            .unwrap();
        let user = common::json_with_status(resp, 201).await;
        let id = user["id"].as_i64().unwrap();
        tokens.push(jwt.encode(&jwt.claims_for(id, Role::User, 0)));
    }
    let mut products = Vec::new();
    for name in ["Desk lamp", "Floor lamp", "Reading lamp"] {
        use codegen::client::Params as _;
        let client = primary.get().await.unwrap();
        let params = codegen::queries::catalog::products::InsertProductParams {
            name,
            slug: name.to_lowercase().replace(' ', "-"),
            description: "",
            price: "20.00".parse().unwrap(),
            stock: 1_000_000,
            is_active: true,
        };
        products.push(
            codegen::queries::catalog::products::insert_product()
                .params(&client, &params)
                .one()
                .await
                .unwrap()
                .id,
        );
    }

    // Reads may be up to REPLICA_MAX_LAG_MS behind: start once the replica has
    // replayed the products. Asking the apis is not enough: their first answer
    // can come from a cache fill on the primary, and a later read with Redis
    // down would then reach a replica that has not replayed the inserts yet.
    let written = {
        let client = primary.get().await.unwrap();
        codegen::queries::replication::primary_wal_position()
            .bind(&client)
            .one()
            .await
            .unwrap()
    };
    let mut replica_settings = settings.database.clone();
    replica_settings.url = common::with_dbname(&pg.replica_url(), "shop").into();
    let replica = ecommerce::db::pool(&replica_settings, 1, ecommerce::db::Plans::Cached).unwrap();
    eventually("the replica to replay the products", || async {
        let client = replica.get().await.ok()?;
        let replayed = codegen::queries::replication::replica_replay_position()
            .bind(&client)
            .one()
            .await
            .ok()?;
        (replayed.lsn? >= written).then_some(())
    })
    .await;
    drop(replica);
    for base in &apis {
        for id in &products {
            eventually("the replica to have the products", || async {
                let resp = http
                    .get(format!("{base}/api/v1/products/{id}"))
                    .send()
                    .await
                    .ok()?;
                resp.status().is_success().then_some(())
            })
            .await;
        }
    }
    let driver = Arc::new(Driver {
        http: http.clone(),
        apis: apis.clone(),
        tokens,
        products,
        stats: Stats::default(),
        conditions: Conditions {
            alive: Mutex::new(vec![0, 1]),
            killed: Mutex::new(None),
            redis_down: AtomicBool::new(false),
            stop: AtomicBool::new(false),
        },
    });
    let lanes: Vec<_> = (0..4)
        .map(|lane| tokio::spawn(driver.clone().run(lane)))
        .collect();
    let progress = |at_least: usize| {
        let driver = driver.clone();
        async move {
            let target = driver.orders_acknowledged() + at_least;
            eventually(&format!("{at_least} more orders"), || async {
                (driver.orders_acknowledged() >= target).then_some(())
            })
            .await;
        }
    };
    progress(20).await;

    // 1. Kill api0 under load; the "load balancer" then routes to api1 only.
    *driver.conditions.killed.lock().unwrap() = Some(0);
    processes.kill("api0");
    *driver.conditions.alive.lock().unwrap() = vec![1];
    progress(20).await;

    // 2. Kill worker0 while orders keep producing jobs.
    processes.kill("worker0");
    progress(20).await;

    // 3. Stop the replica: reads fall back to the primary.
    pg.stop_replica();
    progress(20).await;

    // 4. Restart Redis (empty: it keeps nothing on disk).
    driver.conditions.redis_down.store(true, Ordering::SeqCst);
    cluster(&["redis-stop", &dir_str]);
    cluster(&["redis-up", &dir_str, &redis_port.to_string()]);
    // Requests that need Redis fail closed until the apis reconnected; then orders flow again.
    progress(5).await;
    driver.conditions.redis_down.store(false, Ordering::SeqCst);
    progress(10).await;

    // 5. Restart RabbitMQ (queues and messages are durable).
    cluster(&["rabbit-stop", &dir_str]);
    progress(10).await;
    cluster(&["rabbit-start", &dir_str]);
    progress(10).await;

    driver.conditions.stop.store(true, Ordering::SeqCst);
    for lane in lanes {
        lane.await.unwrap();
    }

    // Everything committed reaches its email, through the surviving worker.
    let client = primary.get().await.unwrap();
    let count = |sql: &'static str| {
        let client = &client;
        async move { client.query_one(sql, &[]).await.unwrap().get::<_, i64>(0) }
    };
    let jobs = count("SELECT count(*) FROM outbox").await;
    let mail_dir = dir.join("mail");
    // The surviving worker may be in a long reconnect backoff (up to 30 s) after
    // RabbitMQ's restart, so this waits longer than `eventually` does.
    let drained = async {
        loop {
            let processed = count("SELECT count(*) FROM processed_jobs").await;
            let (by_job, torn) = emails(&mail_dir);
            if processed == jobs && by_job.len() as i64 == jobs {
                return (by_job, torn);
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
    };
    let (by_job, torn) = tokio::time::timeout(Duration::from_secs(120), drained)
        .await
        .unwrap_or_else(|_| {
            print_logs(&dir);
            panic!("{jobs} jobs never all processed and sent")
        });
    let order_rows = count("SELECT count(*) FROM orders").await;
    let stats = &driver.stats;
    let duplicates: usize = by_job.values().map(|n| n - 1).sum();
    eprintln!(
        "faults report:\n  requests sent: {}\n  5xx while Redis was down (fail closed): {}\n  \
         other 5xx: {}\n  requests cut on the killed api: {}\n  other transport errors: {}\n  \
         orders acknowledged: {} / order rows in the database: {order_rows}\n  \
         emails expected (outbox jobs): {jobs} / written: {} distinct, {duplicates} duplicates, {torn} torn",
        stats.requests.load(Ordering::Relaxed),
        stats.redis_down_5xx.load(Ordering::Relaxed),
        stats.unexpected_5xx.load(Ordering::Relaxed),
        stats.cut_on_killed_api.load(Ordering::Relaxed),
        stats.unexpected_transport.load(Ordering::Relaxed),
        driver.orders_acknowledged(),
        by_job.len(),
    );
    assert_eq!(
        stats.unexpected_5xx.load(Ordering::Relaxed),
        0,
        "5xx outside the Redis restart"
    );
    assert_eq!(
        stats.unexpected_transport.load(Ordering::Relaxed),
        0,
        "only requests to the killed api failed"
    );
    assert_eq!(
        driver.orders_acknowledged() as i64,
        order_rows,
        "every order row was acknowledged once (retries reused the Idempotency-Key)"
    );
    // The worker sends, then commits: a kill between the two sends that email again
    // on redelivery. Only the killed worker's in-flight jobs (WORKER_PREFETCH = 8) can be.
    assert!(
        duplicates + torn <= 8,
        "duplicates {duplicates}, torn {torn}"
    );
}
