//! Foundation: docs, spec, uniform errors, health probes, start-up configuration.

mod common;

use common::{assert_error, json_with_status, spawn_app};

#[tokio::test]
async fn openapi_json_is_openapi_3_and_lists_every_route() {
    let app = spawn_app().await;

    let spec = json_with_status(app.get("/openapi.json", None).await, 200).await;

    assert!(
        spec["openapi"].as_str().unwrap().starts_with("3."),
        "not OpenAPI 3: {}",
        spec["openapi"]
    );
    let paths = spec["paths"].as_object().expect("paths object");
    let mut listed: Vec<String> = paths
        .iter()
        .flat_map(|(path, ops)| {
            ops.as_object()
                .unwrap()
                .keys()
                .map(move |m| format!("{} {path}", m.to_uppercase()))
        })
        .collect();
    listed.sort();
    let mut expected: Vec<String> = common::EXPECTED_ROUTES
        .iter()
        .map(|s| s.to_string())
        .collect();
    expected.sort();
    assert_eq!(
        listed, expected,
        "the spec must list exactly the served routes"
    );
    // Every operation documents the error envelope.
    for (path, ops) in paths {
        for (method, op) in ops.as_object().unwrap() {
            assert!(
                op["operationId"].is_string(),
                "{method} {path} has no operationId"
            );
        }
    }
    assert!(
        spec["components"]["schemas"]["ErrorBody"].is_object(),
        "error envelope is documented"
    );
}

#[tokio::test]
async fn every_listed_route_is_served() {
    let app = spawn_app().await;
    // What the router says for a path nothing serves.
    let unrouted: serde_json::Value = app
        .get("/api/v1/definitely-not-here/1", None)
        .await
        .json()
        .await
        .unwrap();
    let unrouted_message = unrouted["error"]["message"].clone();
    for route in common::EXPECTED_ROUTES {
        let (method, path) = route.split_once(' ').unwrap();
        let path = path.replace("{id}", "1").replace("{item_id}", "1");
        let resp = app
            .client
            .request(method.parse().unwrap(), app.url(&path))
            .send()
            .await
            .unwrap();
        let status = resp.status().as_u16();
        assert_ne!(status, 405, "{route} is not routed");
        if status == 404 && method == "GET" && path.ends_with("/1") {
            // A handler may say "product 1 not found" in an empty database;
            // the router's own 404 would mean the route is not served.
            let body: serde_json::Value = resp.json().await.unwrap();
            assert_ne!(
                body["error"]["message"], unrouted_message,
                "{route} answered the router's 404"
            );
        }
    }
}

#[tokio::test]
async fn swagger_ui_is_served_at_root_and_docs() {
    let app = spawn_app().await;
    for path in ["/", "/docs"] {
        let resp = app.get(path, None).await;
        assert_eq!(resp.status(), 200, "{path}");
        let ct = resp.headers()["content-type"].to_str().unwrap().to_owned();
        assert!(ct.starts_with("text/html"), "{path}: {ct}");
        let html = resp.text().await.unwrap();
        assert!(html.contains("swagger"), "{path} is not Swagger UI");
    }
}

#[tokio::test]
async fn unknown_route_returns_json_404() {
    let app = spawn_app().await;
    assert_error(
        app.get("/api/v1/definitely-not-here", None).await,
        404,
        "not_found",
    )
    .await;
}

#[tokio::test]
async fn wrong_method_returns_json_405() {
    let app = spawn_app().await;
    let resp = app.delete("/health/live", None).await;
    assert_error(resp, 405, "method_not_allowed").await;
}

#[tokio::test]
async fn malformed_json_returns_json_400() {
    let app = spawn_app().await;
    let resp = app
        .client
        .post(app.url(common::JSON_ENDPOINT))
        // The endpoint is admin-only: authenticate so the body parser is what fails.
        .bearer_auth(app.admin_token().await)
        .header("content-type", "application/json")
        .body("{not json")
        .send()
        .await
        .unwrap();
    assert_error(resp, 400, "bad_request").await;
}

#[tokio::test]
async fn liveness_and_readiness_report_ok_with_real_services() {
    let app = spawn_app().await;
    let live = json_with_status(app.get("/health/live", None).await, 200).await;
    assert_eq!(live["status"], "ok");
    let ready = json_with_status(app.get("/health/ready", None).await, 200).await;
    assert_eq!(ready["status"], "ok");
    assert_eq!(ready["checks"]["postgres"], "ok");
    assert_eq!(ready["checks"]["redis"], "ok");
}

#[tokio::test]
async fn readiness_names_a_down_dependency_without_its_error_text() {
    let proxy = common::redis_proxy::RedisProxy::start(&common::test_settings().redis.url).await;
    let url = proxy.url();
    let app = common::spawn_app_with(move |s| s.redis.url = url).await;
    json_with_status(app.get("/health/ready", None).await, 200).await;

    proxy.set(common::redis_proxy::CUT);
    let resp = app.get("/health/ready", None).await;

    assert_eq!(resp.status().as_u16(), 503);
    let body: serde_json::Value = resp.json().await.unwrap();
    assert_eq!(
        body,
        serde_json::json!({"status": "unavailable", "checks": {"postgres": "ok", "redis": "down"}}),
        "anonymous callers learn which dependency is down, not why"
    );
}

#[tokio::test]
async fn responses_carry_a_request_id_and_echo_a_given_one() {
    let app = spawn_app().await;
    let generated = app.get("/health/live", None).await;
    assert!(!generated.headers()["x-request-id"].is_empty());
    let echoed = app
        .client
        .get(app.url("/health/live"))
        .header("x-request-id", "abc-123")
        .send()
        .await
        .unwrap();
    assert_eq!(echoed.headers()["x-request-id"], "abc-123");
}

/// Runs the real `api` binary in development mode (unless `vars` set `APP_ENV`) and returns (exit code, stderr).
fn run_api_with_env(vars: &[(&str, &str)]) -> (i32, String) {
    let mut vars = vars.to_vec();
    if !vars.iter().any(|(k, _)| *k == "APP_ENV") {
        vars.push(("APP_ENV", "development"));
    }
    run_api_with_exact_env(&vars)
}

/// Runs the real `api` binary with exactly this environment and returns (exit code, stderr).
fn run_api_with_exact_env(vars: &[(&str, &str)]) -> (i32, String) {
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_api"));
    cmd.arg("--help")
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap());
    for (k, v) in vars {
        cmd.env(k, v);
    }
    // `--help` exits 0 right after configuration parsed, so a bad value is the only failure.
    let out = cmd.output().expect("api binary runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn startup_fails_naming_a_malformed_variable() {
    let cases: &[(&[(&str, &str)], &str)] = &[
        (&[("BIND", "not-an-address")], "BIND"),
        (&[("DATABASE_POOL_SIZE", "lots")], "DATABASE_POOL_SIZE"),
        (
            &[("DATABASE_LIST_POOL_SIZE", "many")],
            "DATABASE_LIST_POOL_SIZE",
        ),
        (&[("REDIS_TIMEOUT_MS", "soon")], "REDIS_TIMEOUT_MS"),
        (&[("TRUSTED_PROXIES", "10.0.0.0/8, lb")], "TRUSTED_PROXIES"),
        (
            &[("DATABASE_URL", "postgres://host:notaport/db")],
            "DATABASE_URL",
        ),
        (&[("REDIS_URL", "http://localhost")], "REDIS_URL"),
        (&[("AMQP_URL", "localhost:5672")], "AMQP_URL"),
        (&[("JWT_SECRET", "short")], "JWT_SECRET"),
        (&[("APP_ENV", "staging-ish")], "APP_ENV"),
        (&[("LOW_STOCK_THRESHOLD", "-x")], "LOW_STOCK_THRESHOLD"),
        (&[("DATABASE_POOL_SIZE", "0")], "DATABASE_POOL_SIZE"),
        (
            &[("DATABASE_LIST_POOL_SIZE", "0")],
            "DATABASE_LIST_POOL_SIZE",
        ),
        (&[("REDIS_TIMEOUT_MS", "0")], "REDIS_TIMEOUT_MS"),
        (&[("JWT_ACCESS_TTL_SECS", "0")], "JWT_ACCESS_TTL_SECS"),
    ];
    for (vars, name) in cases {
        let (code, stderr) = run_api_with_env(vars);
        assert_eq!(code, 2, "{vars:?} should fail start-up; stderr: {stderr}");
        assert!(
            stderr.contains(name),
            "{vars:?}: message must name {name}: {stderr}"
        );
    }
}

#[test]
fn startup_fails_when_a_required_variable_is_missing() {
    let (code, stderr) = run_api_with_env(&[("APP_ENV", "production")]);
    assert_eq!(code, 2, "production without JWT_SECRET must fail: {stderr}");
    assert!(stderr.contains("JWT_SECRET"), "{stderr}");

    let (code, stderr) = run_api_with_env(&[("ADMIN_EMAIL", "a@b.example")]);
    assert_eq!(code, 2);
    assert!(stderr.contains("ADMIN_PASSWORD"), "{stderr}");
}

#[test]
fn startup_accepts_defaults_in_development_mode() {
    let (code, stderr) = run_api_with_exact_env(&[("APP_ENV", "development")]);
    assert_eq!(
        code, 0,
        "defaults must be a working development configuration: {stderr}"
    );
}

#[test]
fn startup_without_app_env_refuses_the_built_in_jwt_secret() {
    let (code, stderr) = run_api_with_exact_env(&[]);

    assert_eq!(code, 2, "no APP_ENV means production: {stderr}");
    assert!(stderr.contains("JWT_SECRET"), "{stderr}");
}

#[test]
fn startup_in_production_requires_chapa_secrets_and_public_base_url() {
    let complete = [
        ("APP_ENV", "production"),
        ("JWT_SECRET", "0123456789abcdef0123456789abcdef-prod"),
        ("CHAPA_SECRET_KEY", "CHASECK-test"),
        ("CHAPA_WEBHOOK_SECRET", "webhook-secret"),
        ("PUBLIC_BASE_URL", "https://shop.example.com"),
    ];
    let (code, stderr) = run_api_with_exact_env(&complete);
    assert_eq!(code, 0, "complete production configuration: {stderr}");
    for missing in [
        "CHAPA_SECRET_KEY",
        "CHAPA_WEBHOOK_SECRET",
        "PUBLIC_BASE_URL",
    ] {
        let vars: Vec<_> = complete
            .iter()
            .copied()
            .filter(|(k, _)| *k != missing)
            .collect();
        let (code, stderr) = run_api_with_exact_env(&vars);
        assert_eq!(code, 2, "production without {missing}: {stderr}");
        assert!(stderr.contains(missing), "{stderr}");
    }
}

#[test]
fn sigterm_shuts_the_server_down_gracefully() {
    use std::io::{BufRead, BufReader};
    // A database this test process owns; the harness drops it once the process is gone.
    let db = format!("test_{}_shutdown", std::process::id());
    let settings = common::test_settings();
    let url = secrecy::ExposeSecret::expose_secret(&settings.database.url).to_owned();
    let (base, _) = url.rsplit_once('/').unwrap();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_api"))
        .env("APP_ENV", "development")
        .env("BIND", "127.0.0.1:0")
        .env("DATABASE_URL", format!("{base}/{db}"))
        .env("LOG_FORMAT", "json")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("api starts");
    let stdout = BufReader::new(child.stdout.take().unwrap());
    let mut lines = stdout.lines();
    let addr = lines
        .by_ref()
        .map_while(Result::ok)
        .find_map(|line| {
            let v: serde_json::Value = serde_json::from_str(&line).ok()?;
            v["fields"]["addr"].as_str().map(str::to_owned)
        })
        .expect("the server logs its address");
    let live = tokio::runtime::Runtime::new().unwrap().block_on(async {
        reqwest::get(format!("http://{addr}/health/live"))
            .await
            .map(|r| r.status().as_u16())
    });
    assert_eq!(live.ok(), Some(200), "server answers before shutdown");

    let killed = std::process::Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(15);
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "api did not stop after SIGTERM"
        );
        std::thread::sleep(std::time::Duration::from_millis(50));
    };
    assert!(status.success(), "graceful shutdown exits 0, got {status}");
    assert!(
        lines
            .map_while(Result::ok)
            .any(|l| l.contains("shutdown signal received")),
        "shutdown is logged"
    );
}

/// Runs a binary in a fresh directory whose `.env` asks for JSON logs; returns its stdout.
fn run_with_dotenv(binary: &str, args: &[&str], dotenv: &str) -> String {
    let dir = std::env::temp_dir().join(format!(
        "ecommerce-dotenv-{}-{}",
        std::process::id(),
        std::path::Path::new(binary)
            .file_name()
            .unwrap()
            .to_string_lossy()
    ));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join(".env"), dotenv).unwrap();
    let out = std::process::Command::new(binary)
        .args(args)
        .current_dir(&dir)
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap())
        .output()
        .expect("binary runs");
    let _ = std::fs::remove_dir_all(&dir);
    assert!(
        !out.status.success(),
        "nothing listens on the configured ports"
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn both_binaries_take_their_log_format_from_dotenv() {
    let closed = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let dotenv = format!(
        "APP_ENV=development\nLOG_FORMAT=json\nRUST_LOG=info\n\
         DATABASE_URL=postgres://postgres@127.0.0.1:{closed}/nothing\n\
         AMQP_URL=amqp://guest:guest@127.0.0.1:{closed}/%2f\n\
         WORKER_SCHEMA_WAIT_SECS=1\n"
    );
    for (binary, args) in [
        (env!("CARGO_BIN_EXE_api"), &["migrate"][..]),
        (env!("CARGO_BIN_EXE_worker"), &[][..]),
    ] {
        let stdout = run_with_dotenv(binary, args, &dotenv);

        let logged_error = stdout.lines().any(|line| {
            serde_json::from_str::<serde_json::Value>(line).is_ok_and(|v| v["level"] == "ERROR")
        });
        assert!(
            logged_error,
            "{binary}: the start-up error is logged as JSON: {stdout}"
        );
    }
}

#[tokio::test]
async fn replicas_migrating_a_fresh_database_at_once_all_succeed() {
    let settings = common::empty_database("migrate_race").await;
    let pools: Vec<_> = (0..6)
        .map(|_| ecommerce::db::pool(&settings.database, 1, ecommerce::db::Plans::Cached).unwrap())
        .collect();

    let wait = settings.database.migration_lock_timeout;
    let results =
        futures::future::join_all(pools.iter().map(|pool| ecommerce::db::migrate(pool, wait)))
            .await;

    for (replica, result) in results.iter().enumerate() {
        assert!(
            result.is_ok(),
            "replica {replica}: {:?}",
            result.as_ref().err()
        );
    }
    let mut client = pools[0].get().await.unwrap();
    assert_eq!(
        ecommerce::db::schema_version(&mut client).await.unwrap(),
        Some(ecommerce::db::expected_schema_version()),
        "every migration applied"
    );
}

/// A process stuck while holding the migration lock: the others give up with
/// an error naming the lock after `MIGRATION_LOCK_TIMEOUT_SECS` instead of
/// waiting forever, and migrate once it is released.
#[tokio::test]
async fn a_held_migration_lock_stops_start_up_with_an_error_instead_of_a_hang() {
    use codegen::queries::admin::{advisory_lock, advisory_unlock};

    let settings = common::empty_database("migrate_lock").await;
    let holder = ecommerce::db::pool(&settings.database, 1, ecommerce::db::Plans::Cached).unwrap();
    let held = holder.get().await.unwrap();
    advisory_lock()
        .bind(&held, &ecommerce::db::MIGRATION_LOCK)
        .one()
        .await
        .unwrap();
    let pool = ecommerce::db::pool(&settings.database, 1, ecommerce::db::Plans::Cached).unwrap();

    // A generous guard so the old behaviour (wait forever) fails instead of hanging CI.
    let blocked = tokio::time::timeout(
        std::time::Duration::from_secs(120),
        ecommerce::db::migrate(&pool, std::time::Duration::from_millis(300)),
    )
    .await
    .expect("migrate gave up instead of waiting forever");
    let error = format!("{:#}", blocked.expect_err("the lock is held"));
    assert!(error.contains("migration lock"), "{error}");
    assert!(error.contains("MIGRATION_LOCK_TIMEOUT_SECS"), "{error}");

    advisory_unlock()
        .bind(&held, &ecommerce::db::MIGRATION_LOCK)
        .one()
        .await
        .unwrap();
    ecommerce::db::migrate(&pool, std::time::Duration::from_millis(300))
        .await
        .expect("migrates once the lock is free");
    let mut client = pool.get().await.unwrap();
    assert_eq!(
        ecommerce::db::schema_version(&mut client).await.unwrap(),
        Some(ecommerce::db::expected_schema_version()),
        "every migration applied, none blocked by the lock bound"
    );
}

#[tokio::test]
async fn database_url_sslmode_require_encrypts_and_verify_full_checks_the_certificate() {
    use codegen::queries::session::{server_offers_tls, session_uses_tls};
    use ecommerce::db::{Plans, pool};
    use secrecy::ExposeSecret as _;

    let settings = common::test_settings();
    let base = common::with_dbname(settings.database.url.expose_secret(), "postgres");
    let with_mode = |mode: &str| {
        let mut database = settings.database.clone();
        database.url = format!("{base}?sslmode={mode}").into();
        pool(&database, 1, Plans::Cached).unwrap()
    };
    let plain = with_mode("prefer").get().await.expect("prefer connects");
    assert!(
        !session_uses_tls().bind(&plain).one().await.unwrap(),
        "prefer (the default) stays plain against the local server"
    );
    let offers_tls = server_offers_tls().bind(&plain).one().await.unwrap();

    let required = with_mode("require").get().await;
    let verified = with_mode("verify-full").get().await;

    if offers_tls {
        let required = required.expect("sslmode=require connects to a TLS server");
        assert!(session_uses_tls().bind(&required).one().await.unwrap());
        // The local server's certificate is self-signed (not a Mozilla root).
        let error = format!("{:?}", verified.expect_err("verify-full refuses it"));
        assert!(
            error.to_lowercase().contains("certificate"),
            "the error says why: {error}"
        );
    } else {
        let error = format!("{:?}", required.expect_err("require needs TLS"));
        assert!(error.to_lowercase().contains("tls"), "{error}");
    }
}
