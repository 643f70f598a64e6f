//! Test harness: a real server on a random port against a fresh PostgreSQL database.
//!
//! Migrations run once per schema version into a template database
//! (`tmpl_<hash of migrations/>`), built under an advisory lock so parallel
//! test binaries agree. Every test then gets its own `test_<pid>_<n>` copy via
//! `CREATE DATABASE ... TEMPLATE`, which takes milliseconds. Databases left by
//! test processes that no longer run are dropped on the next run.
#![allow(dead_code)]

pub mod chapa;
pub mod cluster;
pub mod mail;
pub mod payments;
pub mod plans;
pub mod redis_proxy;
pub mod smtp;

use std::sync::atomic::{AtomicUsize, Ordering};

use ecommerce::{app::Application, config::Settings, db, state::AppState};
use secrecy::ExposeSecret;
use serde_json::Value;
use sha2::{Digest, Sha256};
use tokio::sync::OnceCell;
use tokio_postgres::NoTls;

/// A running API and handles to inspect what it did.
pub struct TestApp {
    /// `http://127.0.0.1:<port>`.
    pub address: String,
    /// HTTP client for the API.
    pub client: reqwest::Client,
    /// State the server runs with (pool to the test database, settings, redis).
    pub state: AppState,
    /// The test database's name.
    pub db_name: String,
    /// `http://<METRICS_BIND address>` when the test asked for a separate metrics listener.
    pub metrics_address: Option<String>,
}

/// Advisory-lock key for template builds.
const TEMPLATE_LOCK: i64 = 827_364_501;
static COUNTER: AtomicUsize = AtomicUsize::new(0);
static TEMPLATE: OnceCell<String> = OnceCell::const_new();

/// Settings for a test: env defaults (development mode unless `APP_ENV` says otherwise), random port.
pub fn test_settings() -> Settings {
    let mut settings = Settings::from_lookup(|name| {
        std::env::var(name)
            .ok()
            .or_else(|| (name == "APP_ENV").then(|| "development".to_owned()))
    })
    .expect("test settings parse");
    settings.http.bind = "127.0.0.1:0".parse().unwrap();
    settings
}

/// Starts the API wired to a fresh Chapa stub.
pub async fn spawn_app_with_chapa(
    adjust: impl FnOnce(&mut Settings),
) -> (TestApp, chapa::ChapaStub) {
    let stub = chapa::ChapaStub::start().await;
    let base = stub.base.clone();
    let app = spawn_app_with(move |s| {
        s.payments.chapa_api_base = base;
        s.payments.chapa_secret_key = chapa::SECRET_KEY.to_owned().into();
        s.payments.chapa_webhook_secret = chapa::WEBHOOK_SECRET.to_owned().into();
        s.payments.chapa_timeout = std::time::Duration::from_millis(700);
        adjust(s);
    })
    .await;
    (app, stub)
}

/// Starts the API with default test settings.
pub async fn spawn_app() -> TestApp {
    spawn_app_with(|_| {}).await
}

/// Starts the API after letting the test adjust the settings.
pub async fn spawn_app_with(adjust: impl FnOnce(&mut Settings)) -> TestApp {
    let mut settings = test_settings();
    let n = COUNTER.fetch_add(1, Ordering::SeqCst);
    let db_name = format!("test_{}_{}", std::process::id(), n);
    settings.redis.key_prefix = format!("{db_name}:");
    isolate_jobs(&mut settings, &db_name);
    adjust(&mut settings);

    let template = TEMPLATE
        .get_or_init(|| build_template(settings.clone()))
        .await
        .clone();
    // Another checkout's test run (other migrations) may drop our template as
    // "outdated" whenever it sees no other test database; each of its test
    // binaries checks once, so under a long concurrent run it can happen more
    // than once: rebuild and try again, a bounded number of times.
    let mut attempts = 0;
    while !create_from_template(&settings, &db_name, &template).await {
        attempts += 1;
        assert!(
            attempts < 10,
            "template {template} vanished {attempts} times"
        );
        build_template(settings.clone()).await;
    }
    settings.database.url = with_dbname(settings.database.url.expose_secret(), &db_name).into();
    // Replicas of the primary hold the test database under the same name.
    for replica in &mut settings.database.replica_urls {
        *replica = with_dbname(replica.expose_secret(), &db_name).into();
    }

    let app = Application::build(settings)
        .await
        .expect("application starts");
    let address = format!("http://{}", app.local_addr());
    let metrics_address = app.metrics_addr().map(|a| format!("http://{a}"));
    let state = app.state().clone();
    tokio::spawn(app.run_until(std::future::pending()));
    TestApp {
        address,
        client: reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap(),
        state,
        db_name,
        metrics_address,
    }
}

impl TestApp {
    /// A second api on the same database, Redis namespace and queues: another replica behind a load balancer.
    pub async fn sibling(&self) -> TestApp {
        let mut settings = (*self.state.settings).clone();
        settings.http.bind = "127.0.0.1:0".parse().unwrap();
        let app = Application::build(settings)
            .await
            .expect("sibling application starts");
        let address = format!("http://{}", app.local_addr());
        let metrics_address = app.metrics_addr().map(|a| format!("http://{a}"));
        let state = app.state().clone();
        tokio::spawn(app.run_until(std::future::pending()));
        TestApp {
            address,
            client: self.client.clone(),
            state,
            db_name: self.db_name.clone(),
            metrics_address,
        }
    }
}

/// Settings pointing at a new, empty (never migrated) database of this test process.
///
/// Named `test_<pid>_<suffix>`, so the harness drops it once the process is gone.
pub async fn empty_database(suffix: &str) -> Settings {
    let mut settings = test_settings();
    let name = format!("test_{}_{suffix}", std::process::id());
    settings.database.url = with_dbname(settings.database.url.expose_secret(), &name).into();
    db::ensure_database(&settings.database)
        .await
        .expect("empty database");
    settings
}

/// Gives a test its own RabbitMQ names and mail directory, and fast job timings.
///
/// Tests run in parallel against one broker: the queue prefix (the test
/// database's name) keeps their messages apart, and `x-expires` removes the
/// queues of a test that did not clean up.
fn isolate_jobs(settings: &mut Settings, db_name: &str) {
    settings.amqp.queue_prefix = db_name.to_owned();
    settings.amqp.queue_expires = Some(std::time::Duration::from_secs(300));
    settings.email.outbox_dir = std::env::temp_dir()
        .join("ecommerce-test-mail")
        .join(db_name);
    let _ = std::fs::remove_dir_all(&settings.email.outbox_dir);
    settings.jobs.relay_poll = std::time::Duration::from_millis(50);
    settings.jobs.retry_base = std::time::Duration::from_millis(50);
}

/// Connection string with another database name.
pub fn with_dbname(url: &str, name: &str) -> String {
    let (base, _) = url
        .rsplit_once('/')
        .expect("DATABASE_URL has a database name");
    format!("{base}/{name}")
}

async fn maintenance_client(settings: &Settings) -> tokio_postgres::Client {
    let url = with_dbname(settings.database.url.expose_secret(), "postgres");
    let (client, conn) = tokio_postgres::connect(&url, NoTls)
        .await
        .expect("PostgreSQL is reachable (run scripts/services)");
    tokio::spawn(conn);
    client
}

/// Hash of the migration files: a schema change gets a new template.
fn migrations_hash() -> String {
    let mut entries: Vec<_> = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/migrations"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    let mut hasher = Sha256::new();
    for path in entries {
        hasher.update(path.file_name().unwrap().as_encoded_bytes());
        hasher.update(std::fs::read(&path).unwrap());
    }
    hasher
        .finalize()
        .iter()
        .take(8)
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Builds (once per schema) the migrated template database; returns its name.
async fn build_template(settings: Settings) -> String {
    let name = format!("tmpl_{}", migrations_hash());
    let client = maintenance_client(&settings).await;
    // Serialises template builds and stale clean-up across test processes.
    codegen::queries::admin::advisory_lock()
        .bind(&client, &TEMPLATE_LOCK)
        .one()
        .await
        .unwrap();
    drop_stale_test_databases(&client).await;
    let exists = db_exists(&client, &name).await;
    if !exists {
        let building = format!("{name}_building");
        client
            .batch_execute(&db::drop_database_statement(&building))
            .await
            .unwrap();
        client
            .batch_execute(&db::create_database_statement(&building, None))
            .await
            .unwrap();
        let mut db_settings = settings.database.clone();
        db_settings.url = with_dbname(settings.database.url.expose_secret(), &building).into();
        let pool = db::pool(&db_settings, 1, db::Plans::Cached).unwrap();
        db::migrate(&pool, settings.database.migration_lock_timeout)
            .await
            .expect("migrations apply");
        pool.close();
        drop(pool);
        client
            .batch_execute(&db::rename_database_statement(&building, &name))
            .await
            .expect("rename template");
    }
    codegen::queries::admin::advisory_unlock()
        .bind(&client, &TEMPLATE_LOCK)
        .one()
        .await
        .unwrap();
    name
}

async fn db_exists(client: &tokio_postgres::Client, name: &str) -> bool {
    codegen::queries::admin::database_exists()
        .bind(client, &name)
        .one()
        .await
        .unwrap()
}

/// Drops `test_<pid>_*` databases whose process is gone.
async fn drop_stale_test_databases(client: &tokio_postgres::Client) {
    let names = codegen::queries::admin::list_databases_with_prefix()
        .bind(client, &"test_")
        .all()
        .await
        .unwrap();
    let own_pid = std::process::id().to_string();
    let mut others_running = false;
    for name in names {
        let pid = name.split('_').nth(1).unwrap_or("");
        let alive = !pid.is_empty() && std::path::Path::new(&format!("/proc/{pid}")).exists();
        if !alive {
            let _ = client
                .batch_execute(&db::drop_database_statement(&name))
                .await;
        } else if pid != own_pid {
            others_running = true;
        }
    }
    // Test runs of other checkouts (other migrations, other template) may be
    // running right now; their template is only outdated for us.
    if others_running {
        return;
    }
    let current = format!("tmpl_{}", migrations_hash());
    let templates = codegen::queries::admin::list_databases_with_prefix()
        .bind(client, &"tmpl_")
        .all()
        .await
        .unwrap();
    for name in templates.into_iter().filter(|n| *n != current) {
        let _ = client
            .batch_execute(&db::drop_database_statement(&name))
            .await;
    }
}

/// Serialises template copies within this process (PostgreSQL refuses concurrent ones).
static CREATE_LOCK: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

/// Copies the template into a new database; `false` if the template no longer exists.
async fn create_from_template(settings: &Settings, name: &str, template: &str) -> bool {
    let client = maintenance_client(settings).await;
    let statement = db::create_database_statement(name, Some(template));
    let _guard = CREATE_LOCK.lock().await;
    for attempt in 0.. {
        match client.batch_execute(&statement).await {
            Ok(()) => return true,
            Err(e) if e.code() == Some(&tokio_postgres::error::SqlState::UNDEFINED_DATABASE) => {
                return false;
            }
            // Another test is copying the same template right now; try again.
            Err(e)
                if e.code() == Some(&tokio_postgres::error::SqlState::OBJECT_IN_USE)
                    && attempt < 200 =>
            {
                tokio::time::sleep(std::time::Duration::from_millis(50)).await;
            }
            Err(e) => panic!("creating test database {name}: {e:?}"),
        }
    }
    unreachable!("the retry loop returns or panics")
}

impl TestApp {
    /// Absolute URL for a path.
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.address, path)
    }

    /// GET a path, optionally with a bearer token.
    pub async fn get(&self, path: &str, token: Option<&str>) -> reqwest::Response {
        let mut req = self.client.get(self.url(path));
        if let Some(t) = token {
            req = req.bearer_auth(t);
        }
        req.send().await.expect("request sent")
    }

    /// Sends a JSON body with a method, optionally with a bearer token.
    pub async fn send_json(
        &self,
        method: reqwest::Method,
        path: &str,
        body: &Value,
        token: Option<&str>,
    ) -> reqwest::Response {
        let mut req = self.client.request(method, self.url(path)).json(body);
        if let Some(t) = token {
            req = req.bearer_auth(t);
        }
        req.send().await.expect("request sent")
    }

    /// POST JSON.
    pub async fn post(&self, path: &str, body: &Value, token: Option<&str>) -> reqwest::Response {
        self.send_json(reqwest::Method::POST, path, body, token)
            .await
    }

    /// PATCH JSON.
    pub async fn patch(&self, path: &str, body: &Value, token: Option<&str>) -> reqwest::Response {
        self.send_json(reqwest::Method::PATCH, path, body, token)
            .await
    }

    /// DELETE.
    pub async fn delete(&self, path: &str, token: Option<&str>) -> reqwest::Response {
        let mut req = self.client.delete(self.url(path));
        if let Some(t) = token {
            req = req.bearer_auth(t);
        }
        req.send().await.expect("request sent")
    }

    /// A pooled connection to the test database, for asserting on stored state.
    pub async fn db(&self) -> ecommerce::db::Client {
        self.state.db.get().await.expect("test db connection")
    }

    /// A connection of the catalog list pool (custom plans).
    pub async fn list_db(&self) -> ecommerce::db::Client {
        self.state
            .list_db
            .get()
            .await
            .expect("test list db connection")
    }
}

/// Reads a response as JSON, asserting the status first (with the body in the message).
pub async fn json_with_status(resp: reqwest::Response, status: u16) -> Value {
    let actual = resp.status().as_u16();
    let text = resp.text().await.unwrap();
    assert_eq!(actual, status, "unexpected status; body: {text}");
    serde_json::from_str(&text).unwrap_or(Value::Null)
}

/// Asserts the uniform error envelope with the given status and code.
pub async fn assert_error(resp: reqwest::Response, status: u16, code: &str) -> Value {
    let body = json_with_status(resp, status).await;
    assert_eq!(
        body["error"]["code"], code,
        "unexpected error code in {body}"
    );
    assert!(
        body["error"]["message"].is_string(),
        "error message missing in {body}"
    );
    body
}

/// Every operation the API serves, as `METHOD /path`; the spec must list exactly these.
pub const EXPECTED_ROUTES: &[&str] = &[
    "GET /health/live",
    "GET /health/ready",
    "POST /api/v1/auth/register",
    "POST /api/v1/auth/login",
    "POST /api/v1/auth/refresh",
    "POST /api/v1/auth/logout",
    "POST /api/v1/auth/verify-email",
    "POST /api/v1/auth/verify-email/resend",
    "POST /api/v1/auth/password-reset",
    "POST /api/v1/auth/password-reset/confirm",
    "POST /api/v1/auth/confirm-email-change",
    "GET /api/v1/users/me",
    "PATCH /api/v1/users/me",
    "GET /api/v1/users",
    "GET /api/v1/users/{id}",
    "PATCH /api/v1/users/{id}",
    "DELETE /api/v1/users/{id}",
    "POST /api/v1/orders",
    "GET /api/v1/orders",
    "GET /api/v1/orders/{id}",
    "PATCH /api/v1/orders/{id}",
    "DELETE /api/v1/orders/{id}",
    "GET /api/v1/orders/{id}/items",
    "POST /api/v1/orders/{id}/items",
    "PATCH /api/v1/orders/{id}/items/{item_id}",
    "DELETE /api/v1/orders/{id}/items/{item_id}",
    "GET /api/v1/orders/{id}/events",
    "POST /api/v1/payments",
    "GET /api/v1/payments",
    "GET /api/v1/payments/callback",
    "POST /api/v1/payments/webhook",
    "GET /api/v1/payments/{id}",
    "DELETE /api/v1/payments/{id}",
    "POST /api/v1/payments/{id}/refund",
    "GET /api/v1/products",
    "GET /api/v1/products/facets",
    "POST /api/v1/products",
    "GET /api/v1/products/{id}",
    "PATCH /api/v1/products/{id}",
    "DELETE /api/v1/products/{id}",
    "GET /api/v1/categories",
    "POST /api/v1/categories",
    "GET /api/v1/categories/{id}",
    "PATCH /api/v1/categories/{id}",
    "DELETE /api/v1/categories/{id}",
    "GET /api/v1/dashboard",
];

/// An endpoint that takes a JSON body (for malformed-JSON tests).
/// Admin-only, so the malformed-JSON test sends an admin token.
pub const JSON_ENDPOINT: &str = "/api/v1/categories";

impl TestApp {
    /// Mints an access token directly (for tests of other domains that need a role).
    pub fn token_for(&self, user_id: i64, role: ecommerce::accounts::Role) -> String {
        let claims = self.state.jwt.claims_for(user_id, role, 0);
        self.state.jwt.encode(&claims)
    }

    /// A token of the fixture admin, a user row inserted directly on first use
    /// (tokens of users without a row are refused).
    pub async fn admin_token(&self) -> String {
        let id = self.fixture_user("fixture-admin", "admin").await;
        self.token_for(id, ecommerce::accounts::Role::Admin)
    }

    /// A token of the fixture (non-admin) user, inserted directly on first use.
    pub async fn user_token(&self) -> String {
        let id = self.fixture_user("fixture-user", "user").await;
        self.token_for(id, ecommerce::accounts::Role::User)
    }

    /// The id of the user `username` of `role`, inserted (with a password that never verifies) if missing.
    async fn fixture_user(&self, username: &str, role: &str) -> i64 {
        let db = self.db().await;
        let email = format!("{username}@example.com");
        db.execute(
            "INSERT INTO users (email, username, password_hash, role, email_verified_at)
             VALUES ($1, $2, '!', $3, now()) ON CONFLICT DO NOTHING",
            &[&email, &username, &role],
        )
        .await
        .expect("insert fixture user");
        db.query_one("SELECT id FROM users WHERE email = $1", &[&email])
            .await
            .expect("fixture user")
            .get(0)
    }
}

/// Password used by test users.
pub const TEST_PASSWORD: &str = "correct horse battery";

/// A registered, signed-in test user.
#[derive(Debug, Clone)]
pub struct TestUser {
    /// `users.id`.
    pub id: i64,
    /// Email used to register.
    pub email: String,
    /// Username used to register.
    pub username: String,
    /// Access token.
    pub token: String,
    /// Refresh token.
    pub refresh_token: String,
}

impl TestApp {
    /// Registers `username` (email `<username>@example.com`) over HTTP.
    pub async fn register(&self, username: &str) -> Value {
        let body = serde_json::json!({
            "email": format!("{username}@example.com"),
            "username": username,
            "password": TEST_PASSWORD,
            "first_name": "Test",
            "last_name": username,
        });
        json_with_status(self.post("/api/v1/auth/register", &body, None).await, 201).await
    }

    /// Signs in and returns the token response body.
    pub async fn login(&self, login: &str, password: &str) -> reqwest::Response {
        self.post(
            "/api/v1/auth/login",
            &serde_json::json!({"login": login, "password": password}),
            None,
        )
        .await
    }

    /// Registers and signs in a regular user.
    pub async fn create_user(&self, username: &str) -> TestUser {
        let user = self.register(username).await;
        let tokens = json_with_status(self.login(username, TEST_PASSWORD).await, 200).await;
        TestUser {
            id: user["id"].as_i64().unwrap(),
            email: user["email"].as_str().unwrap().to_owned(),
            username: username.to_owned(),
            token: tokens["access_token"].as_str().unwrap().to_owned(),
            refresh_token: tokens["refresh_token"].as_str().unwrap().to_owned(),
        }
    }

    /// Creates a user and promotes it to admin through the bootstrap path, then signs in.
    pub async fn create_admin(&self, username: &str) -> TestUser {
        let admin = ecommerce::config::AdminBootstrap {
            email: format!("{username}@example.com"),
            password: TEST_PASSWORD.to_owned().into(),
        };
        ecommerce::accounts::service::bootstrap_admin(&self.state.db, &admin)
            .await
            .expect("bootstrap admin");
        let tokens = json_with_status(self.login(username, TEST_PASSWORD).await, 200).await;
        let token = tokens["access_token"].as_str().unwrap().to_owned();
        let me = json_with_status(self.get("/api/v1/users/me", Some(&token)).await, 200).await;
        TestUser {
            id: me["id"].as_i64().unwrap(),
            email: me["email"].as_str().unwrap().to_owned(),
            username: username.to_owned(),
            token,
            refresh_token: tokens["refresh_token"].as_str().unwrap().to_owned(),
        }
    }
}

impl TestApp {
    /// Inserts an active product directly (tests of orders and payments need stock, not the catalog API).
    pub async fn create_product(&self, name: &str, price: &str, stock: i32) -> i64 {
        use codegen::client::Params as _;
        let db = self.db().await;
        let slug = format!(
            "{}-{}",
            name.to_lowercase().replace(' ', "-"),
            COUNTER.fetch_add(1, Ordering::SeqCst)
        );
        codegen::queries::catalog::products::insert_product()
            .params(
                &db,
                &codegen::queries::catalog::products::InsertProductParams {
                    name,
                    slug: slug.as_str(),
                    description: "",
                    price: price.parse().unwrap(),
                    stock,
                    is_active: true,
                },
            )
            .one()
            .await
            .expect("insert product")
            .id
    }

    /// A product's current stock.
    pub async fn stock_of(&self, product_id: i64) -> i32 {
        let db = self.db().await;
        codegen::queries::orders::orders::find_product_stock()
            .bind(&db, &product_id)
            .one()
            .await
            .unwrap()
            .stock
    }

    /// Records a completed payment of the order's total and marks the order
    /// paid, as a verified webhook would (tests of fulfilment need paid orders).
    pub async fn force_paid(&self, order_id: i64) -> i64 {
        use codegen::queries::{orders::orders as oq, payments::payments as pq};
        let mut client = self.db().await;
        let tx = client.transaction().await.unwrap();
        let order = oq::lock_order().bind(&tx, &order_id).one().await.unwrap();
        let tx_ref = format!(
            "forced-{order_id}-{}",
            COUNTER.fetch_add(1, Ordering::SeqCst)
        );
        let payment = pq::insert_payment()
            .bind(
                &tx,
                &order_id,
                &order.user_id,
                &tx_ref.as_str(),
                &order.total_amount,
                &"ETB",
                &None::<&str>,
                &None::<&str>,
            )
            .one()
            .await
            .unwrap();
        pq::complete_payment()
            .bind(&tx, &order.total_amount, &Some("forced"), &payment.id)
            .await
            .unwrap();
        assert!(
            ecommerce::orders::service::mark_paid(&tx, order_id, payment.id)
                .await
                .unwrap(),
            "order {order_id} was pending"
        );
        tx.commit().await.unwrap();
        payment.id
    }

    /// Outbox payloads of one job type, oldest first.
    pub async fn jobs_of_type(&self, job_type: &str) -> Vec<Value> {
        let db = self.db().await;
        codegen::queries::jobs::outbox::list_jobs_by_type()
            .bind(&db, &job_type)
            .all()
            .await
            .unwrap()
            .into_iter()
            .map(|j| j.payload)
            .collect()
    }
}
