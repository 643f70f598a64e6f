//! Cache of the public catalog reads: hits, invalidation by every kind of
//! write, the admin bypass, and reads that keep working when Redis does not.
//!
//! A hit is observed by changing a row directly in PostgreSQL (which does not
//! invalidate) and reading the old value back through the API.

mod common;

use std::time::Duration;

use common::{
    TestApp, TestUser, json_with_status,
    redis_proxy::{CUT, RedisProxy, SILENT},
    spawn_app, spawn_app_with,
};
use redis::AsyncCommands as _;
use serde_json::{Value, json};

// ---------------------------------------------------------------- helpers

async fn create_product(app: &TestApp, body: Value) -> i64 {
    let resp = app
        .post("/api/v1/products", &body, Some(&app.admin_token().await))
        .await;
    json_with_status(resp, 201).await["id"].as_i64().unwrap()
}

/// `GET /products/{id}` as `token`'s caller (anonymous with `None`): (status, body).
async fn find(app: &TestApp, id: i64, token: Option<&str>) -> (u16, Value) {
    let resp = app.get(&format!("/api/v1/products/{id}"), token).await;
    let status = resp.status().as_u16();
    (status, resp.json().await.unwrap_or(Value::Null))
}

/// One product's field as the public product page shows it.
async fn public_field(app: &TestApp, id: i64, field: &str) -> Value {
    let (status, body) = find(app, id, None).await;
    assert_eq!(status, 200, "GET /products/{id}: {body}");
    body[field].clone()
}

/// The product with `id` on the first page of `path`, if it is there.
async fn in_list(app: &TestApp, path: &str, id: i64) -> Option<Value> {
    let page = json_with_status(app.get(path, None).await, 200).await;
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["id"] == id)
        .cloned()
}

/// Changes a product behind the API's back: no invalidation happens.
async fn sql(app: &TestApp, statement: &str) {
    app.db().await.batch_execute(statement).await.unwrap();
}

async fn place_order(app: &TestApp, buyer: &TestUser, product: i64, quantity: i32) -> Value {
    let resp = app
        .post(
            "/api/v1/orders",
            &json!({
                "shipping_address": "Bole Road 12",
                "items": [{"product_id": product, "quantity": quantity}],
            }),
            Some(&buyer.token),
        )
        .await;
    json_with_status(resp, 201).await
}

// ------------------------------------------------------------------ hits

#[tokio::test]
async fn repeated_reads_are_served_from_the_cache_until_a_write_invalidates_it() {
    let app = spawn_app().await;
    let lamp = create_product(&app, json!({"name": "Lamp", "price": "10.00", "stock": 3})).await;
    let other = create_product(&app, json!({"name": "Chair", "price": "20.00"})).await;
    let list = "/api/v1/products?sort=price";
    assert_eq!(in_list(&app, list, lamp).await.unwrap()["price"], "10.00");
    assert_eq!(public_field(&app, lamp, "price").await, "10.00");

    sql(
        &app,
        &format!("UPDATE products SET price = 99.00 WHERE id = {lamp}"),
    )
    .await;

    assert_eq!(
        in_list(&app, list, lamp).await.unwrap()["price"],
        "10.00",
        "the second list read is a cache hit"
    );
    assert_eq!(
        in_list(&app, "/api/v1/products?limit=20&sort=price", lamp)
            .await
            .unwrap()["price"],
        "10.00",
        "an equivalent query (explicit default limit, other order) shares the entry"
    );
    assert_eq!(
        public_field(&app, lamp, "price").await,
        "99.00",
        "one product is never cached: read from PostgreSQL every time"
    );
    let prefix = &app.state.settings.redis.key_prefix;
    let mut redis = app.state.redis.clone();
    let generation: Option<i64> = redis
        .get(format!("{prefix}catalog:generation"))
        .await
        .unwrap();
    assert!(
        generation.is_some(),
        "the cache lives under this test's own key prefix"
    );
    let ttl: i64 = redis
        .ttl(format!("{prefix}catalog:generation"))
        .await
        .unwrap();
    assert!(
        ttl > 0,
        "the counter expires, so tests leave no keys behind: {ttl}"
    );

    // Any catalog write through the API invalidates every entry.
    app.patch(
        &format!("/api/v1/products/{other}"),
        &json!({"stock": 5}),
        Some(&app.admin_token().await),
    )
    .await;

    assert_eq!(in_list(&app, list, lamp).await.unwrap()["price"], "99.00");
    assert_eq!(public_field(&app, lamp, "price").await, "99.00");
}

#[tokio::test]
async fn not_found_answers_are_not_cached() {
    let app = spawn_app().await;
    let hidden = create_product(
        &app,
        json!({"name": "Hidden", "price": "1.00", "is_active": false}),
    )
    .await;
    assert_eq!(find(&app, hidden, None).await.0, 404);

    sql(
        &app,
        &format!("UPDATE products SET is_active = true WHERE id = {hidden}"),
    )
    .await;

    assert_eq!(find(&app, hidden, None).await.0, 200);
}

// ------------------------------------------------------ read after write

#[tokio::test]
async fn a_price_change_shows_in_the_next_list_and_product_read() {
    let app = spawn_app().await;
    let lamp = create_product(&app, json!({"name": "Lamp", "price": "10.00"})).await;
    assert_eq!(public_field(&app, lamp, "price").await, "10.00");
    assert!(in_list(&app, "/api/v1/products", lamp).await.is_some());

    let resp = app
        .patch(
            &format!("/api/v1/products/{lamp}"),
            &json!({"price": "12.50"}),
            Some(&app.admin_token().await),
        )
        .await;
    json_with_status(resp, 200).await;

    assert_eq!(public_field(&app, lamp, "price").await, "12.50");
    assert_eq!(
        in_list(&app, "/api/v1/products", lamp).await.unwrap()["price"],
        "12.50"
    );
}

#[tokio::test]
async fn a_category_rename_shows_in_the_products_of_the_category() {
    let app = spawn_app().await;
    let admin = app.admin_token().await;
    let category = json_with_status(
        app.post(
            "/api/v1/categories",
            &json!({"name": "Lights"}),
            Some(&admin),
        )
        .await,
        201,
    )
    .await["id"]
        .as_i64()
        .unwrap();
    let lamp = create_product(
        &app,
        json!({"name": "Lamp", "price": "10.00", "category_ids": [category]}),
    )
    .await;
    let list = format!("/api/v1/products?category={category}");
    assert_eq!(
        public_field(&app, lamp, "categories").await[0]["name"],
        "Lights"
    );
    assert_eq!(
        in_list(&app, &list, lamp).await.unwrap()["categories"][0]["name"],
        "Lights"
    );

    let resp = app
        .patch(
            &format!("/api/v1/categories/{category}"),
            &json!({"name": "Lighting"}),
            Some(&admin),
        )
        .await;
    json_with_status(resp, 200).await;

    assert_eq!(
        public_field(&app, lamp, "categories").await[0]["name"],
        "Lighting"
    );
    assert_eq!(
        in_list(&app, &list, lamp).await.unwrap()["categories"][0]["name"],
        "Lighting"
    );

    let resp = app
        .delete(&format!("/api/v1/categories/{category}"), Some(&admin))
        .await;
    assert_eq!(resp.status().as_u16(), 204);

    assert_eq!(public_field(&app, lamp, "categories").await, json!([]));
    assert!(in_list(&app, &list, lamp).await.is_none());
}

#[tokio::test]
async fn a_deleted_product_is_gone_from_the_next_list_and_product_read() {
    let app = spawn_app().await;
    let lamp = create_product(&app, json!({"name": "Lamp", "price": "10.00"})).await;
    assert_eq!(find(&app, lamp, None).await.0, 200);
    assert!(in_list(&app, "/api/v1/products", lamp).await.is_some());

    let resp = app
        .delete(
            &format!("/api/v1/products/{lamp}"),
            Some(&app.admin_token().await),
        )
        .await;
    assert_eq!(resp.status().as_u16(), 204);

    assert_eq!(find(&app, lamp, None).await.0, 404);
    assert!(in_list(&app, "/api/v1/products", lamp).await.is_none());
}

#[tokio::test]
async fn a_new_product_shows_in_the_next_list_read() {
    let app = spawn_app().await;
    let first = create_product(&app, json!({"name": "Lamp", "price": "10.00"})).await;
    assert!(in_list(&app, "/api/v1/products", first).await.is_some());

    let second = create_product(&app, json!({"name": "Desk", "price": "50.00"})).await;

    assert!(in_list(&app, "/api/v1/products", second).await.is_some());
}

#[tokio::test]
async fn placing_and_cancelling_an_order_show_in_the_stock_of_the_next_reads() {
    let app = spawn_app().await;
    let buyer = app.create_user("buyer").await;
    let mug = create_product(&app, json!({"name": "Mug", "price": "7.50", "stock": 20})).await;
    let in_stock = "/api/v1/products?in_stock=true";
    assert_eq!(public_field(&app, mug, "stock").await, 20);
    assert_eq!(in_list(&app, in_stock, mug).await.unwrap()["stock"], 20);

    let order = place_order(&app, &buyer, mug, 20).await;

    assert_eq!(public_field(&app, mug, "stock").await, 0);
    assert!(
        in_list(&app, in_stock, mug).await.is_none(),
        "sold out: no longer in stock"
    );
    assert_eq!(
        in_list(&app, "/api/v1/products?in_stock=false", mug)
            .await
            .unwrap()["stock"],
        0
    );

    let resp = app
        .patch(
            &format!("/api/v1/orders/{}", order["id"]),
            &json!({"status": "cancelled"}),
            Some(&buyer.token),
        )
        .await;
    json_with_status(resp, 200).await;

    assert_eq!(public_field(&app, mug, "stock").await, 20);
    assert_eq!(in_list(&app, in_stock, mug).await.unwrap()["stock"], 20);
}

#[tokio::test]
async fn item_changes_and_deleting_a_pending_order_show_in_the_stock_of_the_next_read() {
    let app = spawn_app().await;
    let buyer = app.create_user("buyer").await;
    let mug = create_product(&app, json!({"name": "Mug", "price": "7.50", "stock": 20})).await;
    let tea = create_product(&app, json!({"name": "Tea", "price": "2.00", "stock": 10})).await;
    let order = place_order(&app, &buyer, mug, 1).await;
    let path = format!("/api/v1/orders/{}", order["id"]);
    assert_eq!(public_field(&app, tea, "stock").await, 10);

    let item = json_with_status(
        app.post(
            &format!("{path}/items"),
            &json!({"product_id": tea, "quantity": 4}),
            Some(&buyer.token),
        )
        .await,
        201,
    )
    .await;
    assert_eq!(public_field(&app, tea, "stock").await, 6, "after adding");

    let item_path = format!("{path}/items/{}", item["id"]);
    json_with_status(
        app.patch(&item_path, &json!({"quantity": 1}), Some(&buyer.token))
            .await,
        200,
    )
    .await;
    assert_eq!(public_field(&app, tea, "stock").await, 9, "after reducing");

    let resp = app.delete(&item_path, Some(&buyer.token)).await;
    assert_eq!(resp.status().as_u16(), 204);
    assert_eq!(public_field(&app, tea, "stock").await, 10, "after removing");

    assert_eq!(public_field(&app, mug, "stock").await, 19);
    let resp = app.delete(&path, Some(&buyer.token)).await;
    assert_eq!(resp.status().as_u16(), 204);
    assert_eq!(
        public_field(&app, mug, "stock").await,
        20,
        "after deleting the pending order"
    );
}

// ---------------------------------------------------------------- admins

#[tokio::test]
async fn admins_read_products_past_the_cache_and_never_fill_it() {
    let app = spawn_app().await;
    let admin = app.admin_token().await;
    let hidden = create_product(
        &app,
        json!({"name": "Hidden", "price": "1.00", "is_active": false}),
    )
    .await;

    let (status, body) = find(&app, hidden, Some(&admin)).await;
    assert_eq!(status, 200);
    assert_eq!(body["is_active"], false);
    assert_eq!(
        find(&app, hidden, None).await.0,
        404,
        "an admin's read does not leak an inactive product to the public"
    );
    assert_eq!(
        find(&app, hidden, Some(&app.user_token().await)).await.0,
        404,
        "nor to a signed-in non-admin"
    );

    // A cached list page and an admin's read of one of its products.
    let lamp = create_product(&app, json!({"name": "Lamp", "price": "10.00"})).await;
    let list = "/api/v1/products?sort=price";
    assert_eq!(in_list(&app, list, lamp).await.unwrap()["price"], "10.00");
    sql(
        &app,
        &format!("UPDATE products SET price = 11.00 WHERE id = {lamp}"),
    )
    .await;
    assert_eq!(find(&app, lamp, Some(&admin)).await.1["price"], "11.00");
    assert_eq!(
        in_list(&app, list, lamp).await.unwrap()["price"],
        "10.00",
        "the public entry is still the cached one"
    );
}

/// A product page must show current stock, so a cached body would still need
/// its primary-key lookup: one product is read from PostgreSQL, with no Redis
/// round trip, and nothing is stored for it.
#[tokio::test]
async fn one_product_is_read_from_postgres_and_never_stored() {
    let app = spawn_app().await;
    let lamp = create_product(&app, json!({"name": "Lamp", "price": "10.00"})).await;
    let stats = app.state.catalog_cache.stats();
    let (hits, misses) = (stats.hits(), stats.misses());

    for _ in 0..3 {
        assert_eq!(public_field(&app, lamp, "price").await, "10.00");
    }

    assert_eq!(
        (stats.hits(), stats.misses()),
        (hits, misses),
        "no cache lookups"
    );
    let mut redis = app.state.redis.clone();
    let prefix = &app.state.settings.redis.key_prefix;
    let keys: Vec<String> = redis.keys(format!("{prefix}catalog:*")).await.unwrap();
    assert!(
        keys.iter().all(|k| !k.contains("product:")),
        "nothing stored for one product: {keys:?}"
    );
}

// ------------------------------------------------- cache off, Redis down

#[tokio::test]
async fn with_the_cache_disabled_every_read_comes_from_the_database() {
    let app = spawn_app_with(|s| s.catalog.cache_ttl = None).await;
    let lamp = create_product(&app, json!({"name": "Lamp", "price": "10.00"})).await;
    assert_eq!(public_field(&app, lamp, "price").await, "10.00");
    assert!(in_list(&app, "/api/v1/products", lamp).await.is_some());

    sql(
        &app,
        &format!("UPDATE products SET price = 99.00 WHERE id = {lamp}"),
    )
    .await;

    assert_eq!(public_field(&app, lamp, "price").await, "99.00");
    assert_eq!(
        in_list(&app, "/api/v1/products", lamp).await.unwrap()["price"],
        "99.00"
    );
    let mut redis = app.state.redis.clone();
    let prefix = &app.state.settings.redis.key_prefix;
    let keys: Vec<String> = redis.keys(format!("{prefix}catalog:*")).await.unwrap();
    assert!(keys.is_empty(), "nothing was cached: {keys:?}");
}

/// A public read must answer, from PostgreSQL, rather than wait on Redis.
///
/// The outer timeout only keeps a broken build from hanging the suite; the
/// behaviour asserted is that the reads answer at all while Redis never does
/// (the cache gives up after `CATALOG_CACHE_TIMEOUT_MS`).
async fn read_within(app: &TestApp, id: i64, list: &str) -> (Value, Value) {
    let limit = Duration::from_secs(30);
    let product = tokio::time::timeout(limit, public_field(app, id, "price"))
        .await
        .expect("GET /products/{id} answered");
    let listed = tokio::time::timeout(limit, in_list(app, list, id))
        .await
        .expect("GET /products answered")
        .expect("product listed")["price"]
        .clone();
    (product, listed)
}

#[tokio::test]
async fn reads_and_writes_go_on_from_the_database_when_redis_hangs_or_goes_down() {
    let proxy = RedisProxy::start(&common::test_settings().redis.url).await;
    let url = proxy.url();
    let app = spawn_app_with(move |s| {
        s.redis.url = url;
        s.catalog.cache_timeout = Duration::from_millis(50);
    })
    .await;
    let lamp = create_product(&app, json!({"name": "Lamp", "price": "10.00"})).await;
    let list = "/api/v1/products";
    assert_eq!(read_within(&app, lamp, list).await.0, "10.00");
    sql(
        &app,
        &format!("UPDATE products SET price = 20.00 WHERE id = {lamp}"),
    )
    .await;
    let (product, listed) = read_within(&app, lamp, list).await;
    assert_eq!(
        (product, listed),
        (json!("20.00"), json!("10.00")),
        "through the proxy the list cache works (one product is never cached)"
    );

    proxy.set(SILENT);
    let (product, listed) = read_within(&app, lamp, list).await;
    assert_eq!(
        (product, listed),
        (json!("20.00"), json!("20.00")),
        "a hung Redis: reads come from PostgreSQL"
    );
    // A write's invalidation hangs too; the write still succeeds.
    let client = app.db().await;
    tokio::time::timeout(
        Duration::from_secs(30),
        ecommerce::catalog::service::delete_product(&client, &app.state.catalog_cache, lamp),
    )
    .await
    .expect("the write does not wait for Redis")
    .expect("the write succeeds");
    sql(
        &app,
        &format!("UPDATE products SET is_active = true, price = 30.00 WHERE id = {lamp}"),
    )
    .await;

    proxy.set(CUT);
    let (product, listed) = read_within(&app, lamp, list).await;
    assert_eq!(
        (product, listed),
        (json!("30.00"), json!("30.00")),
        "Redis down: reads come from PostgreSQL"
    );
}

/// `api seed` writes products behind the services' backs, so it bumps the
/// generation itself: a running api shows the seeded catalog on the next read.
#[tokio::test]
async fn api_seed_invalidates_the_catalog_cache() {
    use secrecy::ExposeSecret as _;

    let app = spawn_app().await;
    let before = json_with_status(app.get("/api/v1/products", None).await, 200).await;
    assert_eq!(
        before["items"],
        json!([]),
        "a fresh database has no products"
    );

    let settings = &app.state.settings;
    let out = tokio::process::Command::new(env!("CARGO_BIN_EXE_api"))
        .arg("seed")
        .env("APP_ENV", "development")
        .env("DATABASE_URL", settings.database.url.expose_secret())
        .env("REDIS_URL", &settings.redis.url)
        .env("REDIS_KEY_PREFIX", &settings.redis.key_prefix)
        .env("RUST_LOG", "warn")
        .env_remove("ADMIN_EMAIL")
        .output()
        .await
        .expect("api seed runs");
    assert!(
        out.status.success(),
        "api seed failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );

    let after = json_with_status(app.get("/api/v1/products", None).await, 200).await;
    assert_eq!(
        after["items"].as_array().map(Vec::len),
        Some(20),
        "the seeded catalog shows at once"
    );
}

/// Concurrent misses of one key wait for a single computation instead of each
/// querying the database; if that computation fails, a waiter takes over.
#[tokio::test]
async fn concurrent_misses_of_one_key_are_computed_once() {
    use std::sync::{
        Arc,
        atomic::{AtomicUsize, Ordering},
    };

    let app = spawn_app().await;
    let cache = app.state.catalog_cache.clone();
    let body = bytes::Bytes::from_static(b"{\"n\":1}");

    let run = |fail_first: bool, key: &'static str| {
        let computed = Arc::new(AtomicUsize::new(0));
        let tasks: Vec<_> = (0..16)
            .map(|_| {
                let (cache, computed, body) = (cache.clone(), computed.clone(), body.clone());
                tokio::spawn(async move {
                    cache
                        .get_or_compute(key, || async move {
                            let n = computed.fetch_add(1, Ordering::SeqCst);
                            tokio::time::sleep(Duration::from_millis(100)).await;
                            if fail_first && n == 0 {
                                Err("the database went away")
                            } else {
                                Ok(body)
                            }
                        })
                        .await
                })
            })
            .collect();
        async move {
            let mut results = Vec::new();
            for task in tasks {
                results.push(task.await.unwrap());
            }
            (results, computed.load(Ordering::SeqCst))
        }
    };

    let (results, computed) = run(false, "test:coalesced").await;
    assert_eq!(computed, 1, "one computation for 16 concurrent misses");
    assert!(
        results.iter().all(|r| r.as_ref() == Ok(&body)),
        "{results:?}"
    );

    let (results, computed) = run(true, "test:coalesced-after-failure").await;
    assert_eq!(
        computed, 2,
        "the failed computation is retried once, by a waiter"
    );
    assert_eq!(
        results.iter().filter(|r| r.is_err()).count(),
        1,
        "{results:?}"
    );
    assert_eq!(
        results.iter().filter(|r| r.as_ref() == Ok(&body)).count(),
        15
    );
}

// ------------------------------------------ stock apart from the catalog

/// The catalog cache's hit counter (shared by every clone of the app's cache).
fn hits(app: &TestApp) -> u64 {
    app.state.catalog_cache.stats().hits()
}

async fn redis_value(app: &TestApp, name: &str) -> Option<i64> {
    let prefix = &app.state.settings.redis.key_prefix;
    let mut redis = app.state.redis.clone();
    redis.get(format!("{prefix}catalog:{name}")).await.unwrap()
}

#[tokio::test]
async fn after_an_order_pages_are_still_served_from_the_cache_with_the_new_stock() {
    let app = spawn_app().await;
    let buyer = app.create_user("buyer").await;
    let mug = create_product(&app, json!({"name": "Mug", "price": "7.50", "stock": 20})).await;
    let list = "/api/v1/products?sort=price";
    assert_eq!(in_list(&app, list, mug).await.unwrap()["stock"], 20);
    assert_eq!(public_field(&app, mug, "stock").await, 20);
    // Behind the API's back: only a cached page still shows the old price.
    sql(
        &app,
        &format!("UPDATE products SET price = 9.99 WHERE id = {mug}"),
    )
    .await;
    let generation = redis_value(&app, "generation").await;
    let before = hits(&app);

    place_order(&app, &buyer, mug, 3).await;

    let listed = in_list(&app, list, mug).await.unwrap();
    assert_eq!(listed["stock"], 17, "fresh stock: {listed}");
    assert_eq!(listed["price"], "7.50", "from the cache: {listed}");
    assert_eq!(hits(&app) - before, 1, "the list read was a hit");
    let (_, product) = find(&app, mug, None).await;
    assert_eq!(product["stock"], 17, "{product}");
    assert_eq!(
        product["price"], "9.99",
        "one product is never cached: {product}"
    );
    assert_eq!(
        redis_value(&app, "generation").await,
        generation,
        "an order does not invalidate the catalog"
    );
}

#[tokio::test]
async fn selling_out_refreshes_in_stock_pages_and_facets_but_not_the_other_pages() {
    let app = spawn_app().await;
    let buyer = app.create_user("buyer").await;
    let mug = create_product(&app, json!({"name": "Mug", "price": "7.50", "stock": 2})).await;
    let tea = create_product(&app, json!({"name": "Tea", "price": "2.00", "stock": 5})).await;
    let all = "/api/v1/products";
    let stocked = "/api/v1/products?in_stock=true";
    let facets = "/api/v1/products/facets";
    assert!(in_list(&app, all, mug).await.is_some());
    assert!(in_list(&app, stocked, mug).await.is_some());
    let counts = json_with_status(app.get(facets, None).await, 200).await;
    assert_eq!(counts["in_stock"], json!({"true": 2, "false": 0}));
    sql(
        &app,
        &format!("UPDATE products SET price = 9.99 WHERE id = {tea}"),
    )
    .await;

    // Not sold out yet: every page stays cached.
    place_order(&app, &buyer, mug, 1).await;
    let stock_generation = redis_value(&app, "stock_generation").await;
    assert_eq!(in_list(&app, stocked, tea).await.unwrap()["price"], "2.00");
    place_order(&app, &buyer, mug, 1).await;

    assert!(
        in_list(&app, stocked, mug).await.is_none(),
        "sold out: gone from in_stock=true"
    );
    let counts = json_with_status(app.get(facets, None).await, 200).await;
    assert_eq!(counts["in_stock"], json!({"true": 1, "false": 1}));
    assert_ne!(
        redis_value(&app, "stock_generation").await,
        stock_generation
    );
    let listed = in_list(&app, all, mug).await.unwrap();
    assert_eq!(listed["stock"], 0, "fresh stock on the cached page");
    assert_eq!(
        in_list(&app, all, tea).await.unwrap()["price"],
        "2.00",
        "the unfiltered page is still the cached one"
    );
}

/// Orders and reads race; a read that starts after `n` orders were answered
/// shows at most `initial - n` units, i.e. never a stock older than a
/// completed order, although the pages come from the cache.
#[tokio::test]
async fn concurrent_orders_and_cached_reads_never_show_stale_stock() {
    use std::sync::{
        Arc,
        atomic::{AtomicI64, Ordering},
    };

    let app = Arc::new(spawn_app().await);
    let mut buyers = Vec::new();
    for n in 0..4 {
        buyers.push(app.create_user(&format!("buyer{n}")).await);
    }
    let initial = 100;
    let mug = create_product(
        &app,
        json!({"name": "Mug", "price": "7.50", "stock": initial}),
    )
    .await;
    let list = "/api/v1/products?sort=price";
    assert_eq!(in_list(&app, list, mug).await.unwrap()["stock"], initial);
    assert_eq!(public_field(&app, mug, "stock").await, initial);
    let before = hits(&app);
    let ordered = Arc::new(AtomicI64::new(0));

    let mut tasks = Vec::new();
    for (n, buyer) in buyers.into_iter().enumerate() {
        let (app, ordered) = (app.clone(), ordered.clone());
        tasks.push(tokio::spawn(async move {
            for _ in 0..5 {
                place_order(&app, &buyer, mug, 1 + n as i32 % 2).await;
                ordered.fetch_add(1 + n as i64 % 2, Ordering::SeqCst);
            }
        }));
    }
    for reader in 0..4 {
        let (app, ordered) = (app.clone(), ordered.clone());
        tasks.push(tokio::spawn(async move {
            for _ in 0..15 {
                let done = ordered.load(Ordering::SeqCst);
                let stock = if reader % 2 == 0 {
                    in_list(&app, list, mug).await.unwrap()["stock"]
                        .as_i64()
                        .unwrap()
                } else {
                    public_field(&app, mug, "stock").await.as_i64().unwrap()
                };
                assert!(
                    stock <= initial - done,
                    "read {stock} after {done} units were ordered"
                );
            }
        }));
    }
    for task in tasks {
        task.await.unwrap();
    }

    let sold = ordered.load(Ordering::SeqCst);
    assert_eq!(sold, 30);
    assert_eq!(
        in_list(&app, list, mug).await.unwrap()["stock"],
        initial - sold
    );
    assert_eq!(public_field(&app, mug, "stock").await, initial - sold);
    assert_eq!(
        hits(&app) - before,
        30 + 1,
        "every list read during the orders was a cache hit"
    );
}
