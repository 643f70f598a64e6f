//! Observability and housekeeping: `/metrics` series move with behaviour, who may
//! read them, one order followed by its request id to the worker's log, pruning.
//!
//! Each app and worker owns its metrics registry, so the values asserted here
//! are this test's own, whatever other tests in the process do.

mod common;

use std::time::Duration;

use common::{
    TestApp, json_with_status,
    payments::{delete_topology, eventually, start_worker},
    spawn_app, spawn_app_with,
};
use ecommerce::{
    config::AppEnv,
    jobs::housekeeping,
    telemetry::metrics::{self as m, sample},
};
use secrecy::ExposeSecret;
use serde_json::{Value, json};
use tokio::io::AsyncBufReadExt;

/// `GET /metrics` of the app's public listener, as text (asserting 200).
async fn scrape(app: &TestApp) -> String {
    let resp = app.get("/metrics", None).await;
    assert_eq!(resp.status(), 200, "GET /metrics");
    assert!(
        resp.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/plain; version=0.0.4"),
        "Prometheus text format"
    );
    resp.text().await.unwrap()
}

fn value(scrape: &str, name: &str, labels: &[(&str, &str)]) -> f64 {
    sample(scrape, name, labels).unwrap_or(0.0)
}

#[tokio::test]
async fn http_requests_are_counted_by_route_template_method_and_status() {
    let app = spawn_app().await;

    json_with_status(app.get("/health/live", None).await, 200).await;
    for id in [999_991, 999_992] {
        assert_eq!(
            app.get(&format!("/api/v1/products/{id}"), None)
                .await
                .status(),
            404
        );
    }
    for path in ["/wp-admin/1", "/wp-admin/2", "/nothing/here"] {
        assert_eq!(app.get(path, None).await.status(), 404);
    }
    for path in ["/admin", "/admin/products/12"] {
        assert_eq!(app.get(path, None).await.status(), 200);
    }
    let text = scrape(&app).await;

    let by = |route: &str, status: &str| {
        value(
            &text,
            m::HTTP_REQUESTS,
            &[("route", route), ("method", "GET"), ("status", status)],
        )
    };
    assert_eq!(by("/health/live", "200"), 1.0, "{text}");
    assert_eq!(
        by("/api/v1/products/{id}", "404"),
        2.0,
        "the template, not the raw path: {text}"
    );
    assert_eq!(
        by("unmatched", "404"),
        3.0,
        "unknown paths share one series: {text}"
    );
    assert_eq!(
        by("/admin", "200"),
        2.0,
        "the console's pages share one series: {text}"
    );
    assert!(!text.contains("wp-admin"), "raw paths never become labels");
    assert!(
        !text.contains("/admin/products"),
        "console paths never become labels"
    );
    assert!(
        text.contains(r#"http_request_duration_seconds_bucket{route="/health/live",method="GET",status="200",le="0.005"}"#)
            || text.contains(r#"http_request_duration_seconds_bucket{route="/health/live",method="GET",status="200",le="+Inf"} 1"#),
        "latency histogram with buckets: {text}"
    );
    // The scrape itself is in flight while it renders.
    assert_eq!(value(&text, m::HTTP_IN_FLIGHT, &[]), 1.0, "{text}");
}

#[tokio::test]
async fn catalog_cache_hits_and_misses_are_counted() {
    let app = spawn_app().await;
    let labels = |result| [("cache", "catalog"), ("result", result)];

    json_with_status(app.get("/api/v1/products", None).await, 200).await;
    let after_first = scrape(&app).await;
    json_with_status(app.get("/api/v1/products", None).await, 200).await;
    let after_second = scrape(&app).await;

    assert_eq!(
        value(&after_first, m::CACHE_REQUESTS, &labels("miss")),
        1.0,
        "{after_first}"
    );
    assert_eq!(value(&after_first, m::CACHE_REQUESTS, &labels("hit")), 0.0);
    assert_eq!(
        value(&after_second, m::CACHE_REQUESTS, &labels("hit")),
        1.0,
        "{after_second}"
    );
    assert!(
        value(
            &after_second,
            "redis_command_duration_seconds_count",
            &[("op", "cache_lookup")]
        ) >= 2.0,
        "Redis latency recorded: {after_second}"
    );
}

#[tokio::test]
async fn a_request_waiting_for_a_pooled_connection_shows_in_pool_waiting() {
    let app = spawn_app_with(|s| s.database.pool_size = 1).await;
    let user = app.create_user("waiter").await;
    let waiting = |text: &str| value(text, m::DB_POOL_WAITING, &[("pool", "main")]);
    assert_eq!(waiting(&scrape(&app).await), 0.0);

    // Hold the only connection; the next request that needs one waits.
    let held = app.state.db.get().await.unwrap();
    let url = app.url("/api/v1/users/me");
    let client = app.client.clone();
    let token = user.token.clone();
    let request = tokio::spawn(async move { client.get(url).bearer_auth(token).send().await });
    let seen = eventually("a waiter on the main pool", || async {
        let text = scrape(&app).await;
        (waiting(&text) >= 1.0).then_some(text)
    })
    .await;
    drop(held);
    let answered = request.await.unwrap().unwrap();

    assert_eq!(
        value(&seen, m::DB_POOL_MAX, &[("pool", "main")]),
        1.0,
        "{seen}"
    );
    assert_eq!(
        value(&seen, m::DB_POOL_SIZE, &[("pool", "main")]),
        1.0,
        "{seen}"
    );
    assert_eq!(
        answered.status(),
        200,
        "the waiter is served once the connection is back"
    );
    assert_eq!(waiting(&scrape(&app).await), 0.0);
}

#[tokio::test]
async fn the_bearer_checks_redis_round_trip_is_timed() {
    let app = spawn_app().await;
    let user = app.create_user("checked").await;

    // The bearer check asks Redis whether the token was revoked: that round-trip is timed.
    json_with_status(app.get("/api/v1/users/me", Some(&user.token)).await, 200).await;
    let checked = scrape(&app).await;
    assert!(
        value(
            &checked,
            "redis_command_duration_seconds_count",
            &[("op", "revocation_check")]
        ) >= 1.0,
        "{checked}"
    );
}

#[tokio::test]
async fn login_rate_limit_rejections_are_counted() {
    let app = spawn_app_with(|s| s.jwt.login_rate_limit = 1).await;
    let attempt = json!({"login": "nobody", "password": "wrong password"});

    assert_eq!(
        app.post("/api/v1/auth/login", &attempt, None)
            .await
            .status(),
        401
    );
    assert_eq!(
        app.post("/api/v1/auth/login", &attempt, None)
            .await
            .status(),
        429
    );
    let text = scrape(&app).await;

    assert_eq!(value(&text, m::LOGIN_RATE_LIMITED, &[]), 1.0, "{text}");
}

#[tokio::test]
async fn metrics_need_the_token_when_one_is_set() {
    let app = spawn_app_with(|s| s.metrics.token = Some("scrape-secret".to_owned().into())).await;

    let anonymous = app.get("/metrics", None).await;
    let wrong = app.get("/metrics", Some("other")).await;
    let right = app.get("/metrics", Some("scrape-secret")).await;

    assert_eq!(anonymous.status(), 401);
    assert_eq!(wrong.status(), 401);
    assert_eq!(right.status(), 200);
    assert!(right.text().await.unwrap().contains("# TYPE"));
}

#[tokio::test]
async fn production_without_a_token_does_not_publish_metrics_on_the_public_listener() {
    let app = spawn_app_with(|s| {
        s.env = AppEnv::Production;
        s.metrics.token = None;
    })
    .await;

    assert_eq!(app.get("/metrics", None).await.status(), 404);
}

#[tokio::test]
async fn metrics_bind_moves_metrics_to_their_own_listener() {
    let app = spawn_app_with(|s| s.metrics.bind = Some("127.0.0.1:0".parse().unwrap())).await;
    let private = app.metrics_address.clone().expect("a metrics listener");

    json_with_status(app.get("/health/live", None).await, 200).await;
    let public = app.get("/metrics", None).await;
    let text = app
        .client
        .get(format!("{private}/metrics"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();

    assert_eq!(public.status(), 404, "not on the public listener");
    assert_eq!(
        value(
            &text,
            m::HTTP_REQUESTS,
            &[
                ("route", "/health/live"),
                ("method", "GET"),
                ("status", "200")
            ]
        ),
        1.0,
        "{text}"
    );
}

// ------------------------------------------------------------------ worker --

#[tokio::test]
async fn worker_metrics_count_processed_and_dead_lettered_jobs_and_the_dead_letter_queue() {
    let app = spawn_app().await;
    // An unknown job type is a permanent failure: straight to the dead-letter queue.
    let db = app.db().await;
    codegen::queries::jobs::outbox::enqueue_job()
        .bind(
            &db,
            &"no_such_job",
            &json!({}),
            &None::<&str>,
            &None::<&str>,
            &None::<&str>,
        )
        .one()
        .await
        .unwrap();
    drop(db);
    let worker = start_worker(&app, |s| {
        s.metrics.bind = Some("127.0.0.1:0".parse().unwrap())
    })
    .await;
    let listener = worker.metrics_addr().expect("METRICS_BIND listener");

    app.register("metered").await;
    let text = eventually("a processed and a dead-lettered job", || async {
        let text = reqwest::get(format!("http://{listener}/metrics"))
            .await
            .ok()?
            .text()
            .await
            .ok()?;
        let processed = value(
            &text,
            m::JOBS,
            &[
                ("type", "send_user_creation_email"),
                ("outcome", "processed"),
            ],
        );
        let dead = value(
            &text,
            m::JOBS,
            &[("type", "unknown"), ("outcome", "dead_lettered")],
        );
        let depth = value(&text, m::DEAD_LETTER_DEPTH, &[]);
        (processed == 1.0 && dead == 1.0 && depth == 1.0).then_some(text)
    })
    .await;
    worker.shutdown().await;

    assert!(
        sample(&text, m::OUTBOX_BACKLOG, &[]).is_some(),
        "the backlog gauge is published: {text}"
    );
    assert_eq!(
        value(&text, m::OUTBOX_BACKLOG, &[]),
        0.0,
        "everything relayed: {text}"
    );
    assert_eq!(value(&text, m::OUTBOX_OLDEST_AGE, &[]), 0.0, "{text}");
    assert_eq!(
        value(&text, m::DB_POOL_MAX, &[("pool", "worker")]),
        app.state.settings.database.pool_size as f64
    );
    assert!(
        !text.contains("no_such_job"),
        "unknown job types share the `unknown` label"
    );
    delete_topology(&app).await;
}

#[tokio::test]
async fn the_outbox_backlog_and_its_age_show_unpublished_jobs() {
    let app = spawn_app().await;
    // No relay runs in the api: the registration's email waits in the outbox.
    app.register("backlogged").await;
    let db = app.db().await;
    db.batch_execute(
        "INSERT INTO outbox (job_type, payload, created_at) VALUES ('stuck', '{}', now() - interval '10 minutes');
         INSERT INTO outbox (job_type, payload, published_at) VALUES ('published', '{}', now());",
    )
    .await
    .unwrap();
    let backlog = codegen::queries::jobs::housekeeping::outbox_backlog()
        .bind(&db)
        .one()
        .await
        .unwrap();

    assert_eq!(backlog.backlog, 2, "published rows are not backlog");
    assert!(
        (600.0..3600.0).contains(&backlog.oldest_age_seconds),
        "the oldest unpublished row's age: {}",
        backlog.oldest_age_seconds
    );
}

/// Follows one order: its request id is stored with the job, sent as an AMQP
/// header and logged by the real worker binary (JSON logs) with the job's email.
#[tokio::test]
async fn an_orders_request_id_reaches_the_worker_log_line_of_its_email() {
    let app = spawn_app().await;
    let buyer = app.create_user("traced").await;
    let product = app.create_product("Traced mug", "12.00", 5).await;
    let settings = &app.state.settings;
    let mut worker = tokio::process::Command::new(env!("CARGO_BIN_EXE_worker"))
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap())
        .env("APP_ENV", "development")
        .env("LOG_FORMAT", "json")
        .env("DATABASE_URL", settings.database.url.expose_secret())
        .env("AMQP_URL", settings.amqp.url.expose_secret())
        .env("AMQP_QUEUE_PREFIX", &settings.amqp.queue_prefix)
        .env("AMQP_QUEUE_EXPIRES_SECS", "300")
        .env("MAIL_OUTBOX_DIR", &settings.email.outbox_dir)
        .env("REDIS_KEY_PREFIX", &settings.redis.key_prefix)
        .env("RELAY_POLL_MS", "50")
        .stdout(std::process::Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .expect("worker binary starts");
    let stdout = worker.stdout.take().unwrap();
    let (lines_tx, mut lines) = tokio::sync::mpsc::unbounded_channel();
    tokio::spawn(async move {
        let mut reader = tokio::io::BufReader::new(stdout).lines();
        while let Ok(Some(line)) = reader.next_line().await {
            let _ = lines_tx.send(line);
        }
    });
    let request_id = format!("trace-{}", uuid::Uuid::new_v4());

    let resp = app
        .client
        .post(app.url("/api/v1/orders"))
        .bearer_auth(&buyer.token)
        .header("x-request-id", &request_id)
        .json(&json!({"shipping_address": "Bole Road 12", "items": [{"product_id": product, "quantity": 1}]}))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 201);
    let logged: Value = tokio::time::timeout(Duration::from_secs(30), async {
        while let Some(line) = lines.recv().await {
            let Ok(entry) = serde_json::from_str::<Value>(&line) else {
                continue;
            };
            if entry["fields"]["message"] == "job done"
                && entry["fields"]["job.type"] == "send_order_creation_email"
            {
                return entry;
            }
        }
        panic!("the worker's stdout closed");
    })
    .await
    .expect("the worker logs the order email's job");
    let _ = worker.start_kill();

    let db = app.db().await;
    let jobs = codegen::queries::jobs::outbox::list_jobs_by_type()
        .bind(&db, &"send_order_creation_email")
        .all()
        .await
        .unwrap();
    assert_eq!(
        jobs[0].request_id.as_deref(),
        Some(request_id.as_str()),
        "stored with the job"
    );
    assert_eq!(
        logged["fields"]["request.id"],
        request_id.as_str(),
        "{logged}"
    );
    assert_eq!(
        logged["span"]["request.id"],
        request_id.as_str(),
        "the job's span carries it, so every line of the job does: {logged}"
    );
    delete_topology(&app).await;
}

// ------------------------------------------------------------ housekeeping --

/// Rows of `table` (tests only; the table name is one of ours).
async fn count(app: &TestApp, sql: &str) -> i64 {
    let db = app.db().await;
    db.query_one(sql, &[]).await.unwrap().get(0)
}

#[tokio::test]
async fn pruning_deletes_rows_past_retention_in_bounded_batches_and_keeps_recent_ones() {
    let app = spawn_app().await;
    let buyer = app.create_user("pruned").await;
    let product = app.create_product("Pruned mug", "3.00", 50).await;
    for key in ["old-key", "new-key"] {
        let resp = app
            .client
            .post(app.url("/api/v1/orders"))
            .bearer_auth(&buyer.token)
            .header("idempotency-key", key)
            .json(&json!({"shipping_address": "Bole Road 12", "items": [{"product_id": product, "quantity": 1}]}))
            .send()
            .await
            .unwrap();
        assert_eq!(resp.status(), 201);
    }
    let db = app.db().await;
    db.batch_execute(&format!(
        "INSERT INTO outbox (job_type, payload, published_at)
             SELECT 'old', '{{}}', now() - interval '30 days' FROM generate_series(1, 5);
         INSERT INTO outbox (job_type, payload, published_at)
             SELECT 'recent', '{{}}', now() - interval '1 hour' FROM generate_series(1, 2);
         INSERT INTO outbox (job_type, payload, created_at) VALUES ('unpublished', '{{}}', now() - interval '30 days');
         INSERT INTO processed_jobs (job_id, job_type, processed_at)
             SELECT -g, 'old', now() - interval '30 days' FROM generate_series(1, 5) g;
         INSERT INTO processed_jobs (job_id, job_type) VALUES (-100, 'recent');
         INSERT INTO refresh_tokens (user_id, family_id, token_hash, expires_at)
             SELECT {user}, gen_random_uuid(), 'old-' || g, now() - interval '30 days' FROM generate_series(1, 5) g;
         INSERT INTO refresh_tokens (user_id, family_id, token_hash, expires_at)
             VALUES ({user}, gen_random_uuid(), 'lately-expired', now() - interval '1 hour');
         INSERT INTO revoked_access_tokens (jti, user_id, expires_at)
             SELECT 'expired-' || g, {user}, now() - interval '1 second' FROM generate_series(1, 3) g;
         INSERT INTO revoked_access_tokens (jti, user_id, expires_at)
             VALUES ('live', {user}, now() + interval '10 minutes');
         UPDATE orders SET created_at = now() - interval '2 days' WHERE idempotency_key = 'old-key';",
        user = buyer.id
    ))
    .await
    .unwrap();
    drop(db);
    let outbox_before = count(&app, "SELECT count(*) FROM outbox").await;
    let mut retention = app.state.settings.retention.clone();
    retention.batch = 2;
    retention.max_batches = 2;

    let first = housekeeping::prune_once(&app.state.db, &retention)
        .await
        .unwrap();
    let mut runs = vec![first];
    loop {
        let run = housekeeping::prune_once(&app.state.db, &retention)
            .await
            .unwrap();
        if run == housekeeping::Pruned::default() {
            break;
        }
        runs.push(run);
    }

    assert_eq!(
        first.outbox, 4,
        "one run deletes at most batch x max_batches rows"
    );
    assert_eq!(first.processed_jobs, 4);
    assert_eq!(first.refresh_tokens, 4);
    assert_eq!(runs.iter().map(|r| r.outbox).sum::<u64>(), 5, "{runs:?}");
    assert_eq!(runs.iter().map(|r| r.processed_jobs).sum::<u64>(), 5);
    assert_eq!(runs.iter().map(|r| r.refresh_tokens).sum::<u64>(), 5);
    assert_eq!(
        runs.iter().map(|r| r.revoked_access_tokens).sum::<u64>(),
        3,
        "logout revocations go once their token has expired"
    );
    assert_eq!(runs.iter().map(|r| r.idempotency_keys).sum::<u64>(), 1);
    assert_eq!(
        count(
            &app,
            "SELECT count(*) FROM revoked_access_tokens WHERE jti = 'live'"
        )
        .await,
        1,
        "the revocation of a token that can still be accepted stays"
    );
    assert_eq!(
        count(&app, "SELECT count(*) FROM outbox").await,
        outbox_before - 5
    );
    assert_eq!(
        count(&app, "SELECT count(*) FROM outbox WHERE job_type = 'old'").await,
        0
    );
    assert_eq!(
        count(
            &app,
            "SELECT count(*) FROM outbox WHERE job_type = 'recent'"
        )
        .await,
        2
    );
    assert_eq!(
        count(
            &app,
            "SELECT count(*) FROM outbox WHERE job_type = 'unpublished'"
        )
        .await,
        1,
        "unpublished rows are never pruned, however old"
    );
    assert_eq!(
        count(
            &app,
            "SELECT count(*) FROM processed_jobs WHERE job_type = 'old'"
        )
        .await,
        0
    );
    assert_eq!(
        count(
            &app,
            "SELECT count(*) FROM processed_jobs WHERE job_type = 'recent'"
        )
        .await,
        1
    );
    assert_eq!(
        count(
            &app,
            "SELECT count(*) FROM refresh_tokens WHERE token_hash LIKE 'old-%'"
        )
        .await,
        0
    );
    assert_eq!(
        count(
            &app,
            "SELECT count(*) FROM refresh_tokens WHERE token_hash = 'lately-expired'"
        )
        .await,
        1,
        "expired within the retention: kept (reuse of it is still detected)"
    );
    assert_eq!(
        count(
            &app,
            "SELECT count(*) FROM orders WHERE idempotency_key IS NOT NULL"
        )
        .await,
        1,
        "only the recent order keeps its Idempotency-Key"
    );
    assert_eq!(
        count(&app, "SELECT count(*) FROM orders").await,
        2,
        "orders themselves stay"
    );
}

/// Every prune statement is served by its index (migration V0015), not a scan of the table.
#[tokio::test]
async fn each_prune_query_uses_its_index() {
    let app = spawn_app().await;
    let sql = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/queries/jobs/housekeeping.sql"
    ))
    .unwrap();
    let expected = [
        ("prune_published_outbox", "outbox_published_idx"),
        ("prune_processed_jobs", "processed_jobs_processed_idx"),
        ("prune_refresh_tokens", "refresh_tokens_expires_idx"),
        (
            "prune_revoked_access_tokens",
            "revoked_access_tokens_expires_idx",
        ),
        (
            "forget_order_idempotency_keys",
            "orders_idempotency_created_idx",
        ),
        (
            "forget_payment_idempotency_keys",
            "payments_idempotency_created_idx",
        ),
        (
            "forget_refund_idempotency_keys",
            "refunds_idempotency_created_idx",
        ),
    ];
    let mut db = app.db().await;
    let tx = db.transaction().await.unwrap();
    // Empty tables: make the planner show which index it would use at scale.
    tx.batch_execute("SET LOCAL enable_seqscan = off")
        .await
        .unwrap();
    for (name, index) in expected {
        let body = sql
            .split("--! ")
            .find(|q| q.starts_with(name))
            .unwrap_or_else(|| panic!("{name} in housekeeping.sql"));
        let statement: String = body
            .lines()
            .skip(1)
            .filter(|l| !l.starts_with("---"))
            .collect::<Vec<_>>()
            .join("\n")
            .replace(":cutoff", "$1::timestamptz")
            .replace(":batch", "$2::bigint");
        let plan = tx
            .prepare(&format!("EXPLAIN (FORMAT JSON) {statement}"))
            .await
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        let rows = tx
            .query(&plan, &[&chrono::Utc::now(), &10i64])
            .await
            .unwrap();
        let plan: Value = rows[0].get(0);
        assert!(
            plan.to_string().contains(index),
            "{name} uses {index}: {plan}"
        );
    }
}

// ------------------------------------------------------------------ traces --

/// A stand-in OTLP/HTTP collector: answers 200 to every request and hands over each body.
async fn fake_collector() -> (
    String,
    tokio::sync::mpsc::UnboundedReceiver<(String, Vec<u8>)>,
) {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = format!("http://{}", listener.local_addr().unwrap());
    let (tx, rx) = tokio::sync::mpsc::unbounded_channel();
    tokio::spawn(async move {
        while let Ok((mut socket, _)) = listener.accept().await {
            let tx = tx.clone();
            tokio::spawn(async move {
                let mut buf = Vec::new();
                let mut chunk = [0u8; 8192];
                loop {
                    let Ok(n) = socket.read(&mut chunk).await else {
                        return;
                    };
                    if n == 0 {
                        return;
                    }
                    buf.extend_from_slice(&chunk[..n]);
                    let Some(end) = buf.windows(4).position(|w| w == b"\r\n\r\n") else {
                        continue;
                    };
                    let head = String::from_utf8_lossy(&buf[..end]).to_string();
                    let length = head
                        .lines()
                        .find_map(|l| {
                            let (k, v) = l.split_once(':')?;
                            k.eq_ignore_ascii_case("content-length")
                                .then(|| v.trim().parse::<usize>().ok())?
                        })
                        .unwrap_or(0);
                    if buf.len() < end + 4 + length {
                        continue;
                    }
                    let body = buf[end + 4..end + 4 + length].to_vec();
                    let path = head.split(' ').nth(1).unwrap_or("").to_owned();
                    let _ = tx.send((path, body));
                    let _ = socket
                        .write_all(b"HTTP/1.1 200 OK\r\ncontent-type: application/x-protobuf\r\ncontent-length: 0\r\n\r\n")
                        .await;
                    buf.clear();
                }
            });
        }
    });
    (address, rx)
}

#[tokio::test]
async fn the_worker_exports_job_spans_over_otlp_when_an_endpoint_is_set() {
    let app = spawn_app().await;
    let (collector, mut exports) = fake_collector().await;
    let settings = &app.state.settings;
    let mut worker = tokio::process::Command::new(env!("CARGO_BIN_EXE_worker"))
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap())
        .env("APP_ENV", "development")
        .env("DATABASE_URL", settings.database.url.expose_secret())
        .env("AMQP_URL", settings.amqp.url.expose_secret())
        .env("AMQP_QUEUE_PREFIX", &settings.amqp.queue_prefix)
        .env("AMQP_QUEUE_EXPIRES_SECS", "300")
        .env("MAIL_OUTBOX_DIR", &settings.email.outbox_dir)
        .env("REDIS_KEY_PREFIX", &settings.redis.key_prefix)
        .env("RELAY_POLL_MS", "50")
        .env("OTEL_EXPORTER_OTLP_ENDPOINT", &collector)
        .env("OTEL_BSP_SCHEDULE_DELAY", "100")
        .stdout(std::process::Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .expect("worker binary starts");

    app.register("exported").await;
    let (path, body) = tokio::time::timeout(Duration::from_secs(30), async {
        loop {
            let (path, body) = exports.recv().await.expect("collector runs");
            let text = String::from_utf8_lossy(&body);
            if text.contains("job send_user_creation_email") {
                return (path, body);
            }
        }
    })
    .await
    .expect("the job's span reaches the collector");
    let _ = worker.start_kill();

    assert_eq!(path, "/v1/traces", "OTLP/HTTP traces path");
    assert!(
        String::from_utf8_lossy(&body).contains("ecommerce-worker"),
        "service name in the resource"
    );
    delete_topology(&app).await;
}
