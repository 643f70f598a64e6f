//! The HTTP edge under hostile input (hardening issue #13): bounded bodies,
//! control characters, unknown and duplicate JSON fields, uniform parameter
//! errors, `Allow` on 405, CORS, load shedding and request timeouts. Each
//! case answers the JSON error envelope with the right status, never a 500.

mod common;

use std::time::Duration;

use common::{TestApp, assert_error, json_with_status, spawn_app, spawn_app_with};
use futures::{StreamExt, stream};
use serde_json::{Value, json};

/// Sends a raw body with a content type.
async fn post_raw(
    app: &TestApp,
    path: &str,
    body: impl Into<reqwest::Body>,
    token: Option<&str>,
) -> reqwest::Response {
    let mut req = app
        .client
        .post(app.url(path))
        .header("content-type", "application/json")
        .body(body);
    if let Some(t) = token {
        req = req.bearer_auth(t);
    }
    req.send().await.unwrap()
}

/// `details.field` of an error response with the given status and code.
async fn field_of(resp: reqwest::Response, status: u16, code: &str) -> Value {
    assert_error(resp, status, code).await["error"]["details"]["field"].clone()
}

// ------------------------------------------------------------ body limits --

#[tokio::test]
async fn a_body_over_the_limit_is_413_before_it_is_read() {
    let app = spawn_app().await;
    let huge = format!(
        "{{\"email\":\"a@b.io\",\"username\":\"abc\",\"password\":\"{}\"}}",
        "x".repeat(2 << 20)
    );

    let resp = post_raw(&app, "/api/v1/auth/register", huge.clone(), None).await;
    assert_error(resp, 413, "payload_too_large").await;

    // Without a Content-Length (chunked), the limit holds as well.
    let chunks: Vec<Result<Vec<u8>, std::io::Error>> = huge
        .into_bytes()
        .chunks(64 * 1024)
        .map(|c| Ok(c.to_vec()))
        .collect();
    let body = reqwest::Body::wrap_stream(stream::iter(chunks));
    let resp = post_raw(&app, "/api/v1/auth/register", body, None).await;
    assert_error(resp, 413, "payload_too_large").await;
}

#[tokio::test]
async fn auth_and_webhook_bodies_have_a_smaller_limit_than_the_rest() {
    let app = spawn_app_with(|s| s.http.max_body_bytes = 1 << 20).await;
    let admin = app.create_admin("boss").await;
    // 100 KiB: fine for a product description, too big for a login.
    let padding = "x".repeat(100 * 1024);
    let login = json!({"login": "boss", "password": padding});
    let resp = post_raw(&app, "/api/v1/auth/login", login.to_string(), None).await;
    assert_error(resp, 413, "payload_too_large").await;
    let resp = post_raw(&app, "/api/v1/payments/webhook", login.to_string(), None).await;
    assert_error(resp, 413, "payload_too_large").await;

    let category = json!({"name": "Padding"});
    let created = json_with_status(
        app.post("/api/v1/categories", &category, Some(&admin.token))
            .await,
        201,
    )
    .await;
    let product = json!({"name": "Long", "price": "1.00", "description": padding.clone(),
                         "category_ids": [created["id"]]});
    let resp = post_raw(
        &app,
        "/api/v1/products",
        product.to_string(),
        Some(&admin.token),
    )
    .await;
    // Over the description's own limit: a validation error, not a size error.
    assert_ne!(resp.status().as_u16(), 413);
}

// ------------------------------------------------------ control characters --

#[tokio::test]
async fn nul_bytes_and_control_characters_are_400_naming_the_field() {
    let app = spawn_app().await;
    let admin = app.create_admin("boss").await;

    let resp = post_raw(
        &app,
        "/api/v1/auth/login",
        r#"{"login":"a\u0000b","password":"whatever-password"}"#,
        None,
    )
    .await;
    assert_eq!(field_of(resp, 400, "validation_failed").await, "login");

    let resp = app.get("/api/v1/products?q=%00", None).await;
    assert_eq!(field_of(resp, 400, "validation_failed").await, "q");

    let resp = post_raw(
        &app,
        "/api/v1/categories",
        r#"{"name":"bell\u0007"}"#,
        Some(&admin.token),
    )
    .await;
    assert_eq!(field_of(resp, 400, "validation_failed").await, "name");

    let resp = post_raw(
        &app,
        "/api/v1/orders",
        r#"{"shipping_address":"ok","items":[{"product_id":1,"quantity":1}],"note":"\u0000"}"#,
        Some(&admin.token),
    )
    .await;
    assert_eq!(resp.status(), 400);

    // Newlines and tabs in free text are fine.
    let resp = post_raw(
        &app,
        "/api/v1/categories",
        r#"{"name":"Tea\tand coffee"}"#,
        Some(&admin.token),
    )
    .await;
    assert_ne!(resp.status().as_u16(), 500);
}

// ------------------------------------------------------ unknown/duplicate --

#[tokio::test]
async fn unknown_json_fields_are_400_naming_the_field() {
    let app = spawn_app().await;
    let admin = app.create_admin("boss").await;

    // On main: 201 and an uncategorised product.
    let resp = app
        .post(
            "/api/v1/products",
            &json!({"name": "Lamp", "price": "10.00", "categories": [2]}),
            Some(&admin.token),
        )
        .await;
    let body = assert_error(resp, 400, "validation_failed").await;
    assert_eq!(body["error"]["details"]["field"], "categories", "{body}");

    let resp = app
        .post(
            "/api/v1/auth/login",
            &json!({"login": "boss", "password": "x", "remember_me": true}),
            None,
        )
        .await;
    assert_eq!(
        field_of(resp, 400, "validation_failed").await,
        "remember_me"
    );
    let listed = json_with_status(app.get("/api/v1/products", None).await, 200).await;
    assert!(
        listed["items"].as_array().unwrap().is_empty(),
        "nothing was created"
    );
}

#[tokio::test]
async fn duplicate_keys_and_padded_money_are_refused() {
    let app = spawn_app().await;
    let admin = app.create_admin("boss").await;

    let resp = post_raw(
        &app,
        "/api/v1/categories",
        r#"{"name":"First","name":"Second"}"#,
        Some(&admin.token),
    )
    .await;
    assert_eq!(field_of(resp, 400, "validation_failed").await, "name");

    for price in [" 1.00", "1.00 ", "1 .00"] {
        let resp = app
            .post(
                "/api/v1/products",
                &json!({"name": "Cup", "price": price}),
                Some(&admin.token),
            )
            .await;
        let status = resp.status().as_u16();
        let body: Value = resp.json().await.unwrap();
        assert!(status == 400 || status == 422, "{price:?}: {status} {body}");
        assert_eq!(
            body["error"]["details"]["field"], "price",
            "{price:?}: {body}"
        );
    }
}

// ------------------------------------------------------ parameter errors --

#[tokio::test]
async fn malformed_parameters_name_the_parameter_not_internals() {
    let app = spawn_app().await;
    let user = app.create_user("shopper").await;
    let cases = [
        ("/api/v1/products/abc", "id"),
        ("/api/v1/products?limit=abc", "limit"),
        ("/api/v1/products?in_stock=maybe", "in_stock"),
        ("/api/v1/products?cursor=garbage", "cursor"),
        ("/api/v1/orders?cursor=garbage", "cursor"),
        ("/api/v1/payments?cursor=garbage", "cursor"),
        ("/api/v1/orders/1/items/xyz", "item_id"),
    ];
    for (path, field) in cases {
        let resp = if path.contains("/items/") {
            app.delete(path, Some(&user.token)).await
        } else {
            app.get(path, Some(&user.token)).await
        };
        let body = assert_error(resp, 400, "validation_failed").await;
        assert_eq!(body["error"]["details"]["field"], field, "{path}: {body}");
        let message = body["error"]["message"].as_str().unwrap();
        assert!(
            !message.contains("param"),
            "{path}: internals in {message:?}"
        );
    }
}

#[tokio::test]
async fn method_not_allowed_lists_the_allowed_methods() {
    let app = spawn_app().await;
    let resp = app
        .client
        .put(app.url("/api/v1/categories"))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 405);
    let allow = resp
        .headers()
        .get("allow")
        .expect("an Allow header")
        .to_str()
        .unwrap()
        .to_owned();
    assert!(allow.contains("GET") && allow.contains("POST"), "{allow}");
    assert_error(resp, 405, "method_not_allowed").await;
}

#[tokio::test]
async fn an_overlong_uri_is_414_with_the_json_envelope() {
    let app = spawn_app().await;
    let resp = app
        .get(&format!("/api/v1/products?q={}", "a".repeat(20_000)), None)
        .await;
    assert_error(resp, 414, "uri_too_long").await;
}

#[tokio::test]
async fn a_wrong_content_type_is_415_with_the_json_envelope() {
    let app = spawn_app().await;
    let resp = app
        .client
        .post(app.url("/api/v1/auth/login"))
        .header("content-type", "text/plain")
        .body("login=a")
        .send()
        .await
        .unwrap();
    assert_error(resp, 415, "unsupported_media_type").await;
}

// ------------------------------------------------------------------- CORS --

#[tokio::test]
async fn cors_allows_only_configured_origins() {
    let app =
        spawn_app_with(|s| s.http.cors_allowed_origins = vec!["https://shop.example".into()]).await;
    let preflight = |origin: &'static str| {
        app.client
            .request(reqwest::Method::OPTIONS, app.url("/api/v1/products"))
            .header("origin", origin)
            .header("access-control-request-method", "POST")
            .header(
                "access-control-request-headers",
                "authorization, content-type",
            )
            .send()
    };

    let ok = preflight("https://shop.example").await.unwrap();
    assert!(ok.status().is_success(), "{}", ok.status());
    assert_eq!(
        ok.headers()["access-control-allow-origin"],
        "https://shop.example"
    );
    assert!(
        ok.headers()
            .get("access-control-allow-credentials")
            .is_none()
    );

    let evil = preflight("https://evil.example").await.unwrap();
    assert!(evil.headers().get("access-control-allow-origin").is_none());

    let simple = app
        .client
        .get(app.url("/api/v1/products"))
        .header("origin", "https://shop.example")
        .send()
        .await
        .unwrap();
    assert_eq!(simple.status(), 200);
    let exposed = simple.headers()["access-control-expose-headers"]
        .to_str()
        .unwrap()
        .to_lowercase();
    assert!(
        exposed.contains("x-request-id") && exposed.contains("retry-after"),
        "{exposed}"
    );
}

#[tokio::test]
async fn without_configured_origins_cross_origin_calls_get_no_cors_headers() {
    let app = spawn_app().await;
    let resp = app
        .client
        .get(app.url("/api/v1/products"))
        .header("origin", "https://shop.example")
        .send()
        .await
        .unwrap();
    assert!(resp.headers().get("access-control-allow-origin").is_none());
}

// ------------------------------------------------------- overload, timeout --

#[tokio::test]
async fn requests_over_the_in_flight_limit_are_shed_with_503_and_retry_after() {
    let app = spawn_app_with(|s| s.http.max_in_flight = 2).await;
    // Slow requests: logins run argon2 (a few hundred ms each on this machine).
    let login = json!({"login": "nobody", "password": "some-password"});
    let attempts = stream::iter(0..12)
        .map(|_| app.post("/api/v1/auth/login", &login, None))
        .buffer_unordered(12)
        .collect::<Vec<_>>()
        .await;
    let shed: Vec<&reqwest::Response> = attempts.iter().filter(|r| r.status() == 503).collect();
    assert!(!shed.is_empty(), "some requests were shed");
    assert!(shed.iter().all(|r| r.headers().contains_key("retry-after")));
    assert!(
        attempts
            .iter()
            .all(|r| [401, 429, 503].contains(&r.status().as_u16())),
        "{:?}",
        attempts.iter().map(|r| r.status()).collect::<Vec<_>>()
    );
}

#[tokio::test]
async fn a_request_running_past_the_timeout_answers_503_json() {
    let (app, stub) = common::spawn_app_with_chapa(|s| {
        s.http.request_timeout = Duration::from_secs(3);
        s.payments.chapa_timeout = Duration::from_secs(20);
    })
    .await;
    let (buyer, order_id) = common::payments::buyer_with_order(&app, "buyer").await;
    let payment = json_with_status(
        common::payments::pay(&app, &buyer.token, order_id).await,
        201,
    )
    .await;
    // Chapa's verify now hangs (10 s) longer than the request may take.
    stub.set_mode(common::chapa::Mode::Hang);

    let resp = app
        .get(
            &format!(
                "/api/v1/payments/callback?trx_ref={}",
                payment["tx_ref"].as_str().unwrap()
            ),
            None,
        )
        .await;

    assert_error(resp, 503, "timeout").await;
}
