//! The admin console (issue #15): its bundle as the api serves it at `/admin`
//! (client routes answer `index.html` uncached, hashed assets are immutable
//! with their content type, an unknown asset is a 404, every answer carries the
//! console's Content-Security-Policy), and the API additions it calls: the
//! dashboard, `status`/`order_id` on payments, `q` on users, `product_id` on
//! orders, each list served by an index.

mod common;

use common::{TestApp, assert_error, json_with_status, payments::place_order, spawn_app};
use ecommerce::http::admin_console::CONTENT_SECURITY_POLICY;
use serde_json::{Value, json};

/// `(status, header value or "", body)` of a GET.
async fn get(app: &TestApp, path: &str, header: &str) -> (u16, String, String) {
    let response = app.client.get(app.url(path)).send().await.unwrap();
    let status = response.status().as_u16();
    let value = response
        .headers()
        .get(header)
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default();
    (status, value, response.text().await.unwrap())
}

/// The paths of the hashed assets `index.html` loads.
fn asset_paths(index: &str) -> Vec<String> {
    index
        .split(['"', '\''])
        .filter(|part| part.starts_with("/admin/assets/"))
        .map(str::to_owned)
        .collect()
}

#[tokio::test]
async fn client_routes_answer_index_html_uncached_with_the_csp() {
    // Arrange
    let app = spawn_app().await;

    for path in [
        "/admin",
        "/admin/",
        "/admin/products/12",
        "/admin/orders?status=paid",
    ] {
        // Act
        let response = app.client.get(app.url(path)).send().await.unwrap();

        // Assert
        assert_eq!(response.status(), 200, "{path}");
        let headers = response.headers().clone();
        assert_eq!(
            headers["content-type"], "text/html; charset=utf-8",
            "{path}"
        );
        assert_eq!(headers["cache-control"], "no-cache", "{path}");
        assert_eq!(
            headers["content-security-policy"], CONTENT_SECURITY_POLICY,
            "{path}"
        );
        assert_eq!(headers["x-content-type-options"], "nosniff", "{path}");
        let body = response.text().await.unwrap();
        assert!(body.contains("<div id=\"app\">"), "{path}: {body}");
        assert!(
            !asset_paths(&body).is_empty(),
            "{path}: no assets in {body}"
        );
    }
}

#[tokio::test]
async fn the_csp_allows_no_inline_code_and_no_framing() {
    let app = spawn_app().await;

    let (_, csp, index) = get(&app, "/admin/", "content-security-policy").await;

    for directive in [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "frame-ancestors 'none'",
        "object-src 'none'",
    ] {
        assert!(csp.contains(directive), "{directive} missing from {csp}");
    }
    assert!(
        !csp.contains("unsafe-inline") && !csp.contains("unsafe-eval"),
        "{csp}"
    );
    // The page itself needs none: no inline script or style element.
    assert!(
        !index.contains("<script>") && !index.contains("<style"),
        "{index}"
    );
    assert!(!index.contains(" style="), "{index}");
}

#[tokio::test]
async fn hashed_assets_are_immutable_with_their_content_type() {
    // Arrange
    let app = spawn_app().await;
    let (_, _, index) = get(&app, "/admin/", "content-type").await;
    let assets = asset_paths(&index);
    assert!(assets.iter().any(|a| a.ends_with(".js")), "{assets:?}");
    assert!(assets.iter().any(|a| a.ends_with(".css")), "{assets:?}");

    for asset in assets {
        // Act
        let response = app.client.get(app.url(&asset)).send().await.unwrap();

        // Assert
        assert_eq!(response.status(), 200, "{asset}");
        let expected = if asset.ends_with(".js") {
            "text/javascript; charset=utf-8"
        } else {
            "text/css; charset=utf-8"
        };
        assert_eq!(response.headers()["content-type"], expected, "{asset}");
        assert_eq!(
            response.headers()["cache-control"],
            "public, max-age=31536000, immutable",
            "{asset}"
        );
        assert!(!response.bytes().await.unwrap().is_empty(), "{asset}");
    }
}

#[tokio::test]
async fn an_unknown_asset_is_a_404_in_the_error_envelope_not_the_page() {
    let app = spawn_app().await;

    let response = app
        .client
        .get(app.url("/admin/assets/index-00000000.js"))
        .send()
        .await
        .unwrap();

    let body = common::assert_error(response, 404, "not_found").await;
    assert!(body["error"]["message"].is_string(), "{body}");
}

#[tokio::test]
async fn writing_to_the_console_is_405() {
    let app = spawn_app().await;

    let response = app
        .client
        .post(app.url("/admin/products"))
        .send()
        .await
        .unwrap();

    assert_eq!(response.status(), 405);
    assert_eq!(response.headers()["allow"], "GET, HEAD");
}

// ------------------------------------------------------------ dashboard --

/// `count` of `status` in a dashboard body.
fn orders_in(dashboard: &Value, status: &str) -> i64 {
    dashboard["orders_by_status"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["status"] == status)
        .unwrap_or_else(|| panic!("{status} missing from {dashboard}"))["orders"]
        .as_i64()
        .unwrap()
}

/// `(id, stock)` of the dashboard's lowest-stock list.
async fn lowest_stock(app: &TestApp, admin: &common::TestUser) -> Vec<(i64, i64)> {
    let body = json_with_status(app.get("/api/v1/dashboard", Some(&admin.token)).await, 200).await;
    body["lowest_stock"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["id"].as_i64().unwrap(), p["stock"].as_i64().unwrap()))
        .collect()
}

#[tokio::test]
async fn the_low_stock_list_follows_orders_restocks_deactivation_and_the_threshold() {
    // Threshold 10 (the default).
    let app = spawn_app().await;
    let admin = app.create_admin("boss").await;
    let buyer = app.create_user("buyer").await;
    let lamp = app.create_product("Lamp", "5.00", 12).await;
    let vase = app.create_product("Vase", "5.00", 3).await;
    assert_eq!(lowest_stock(&app, &admin).await, [(vase, 3)]);

    // An order takes the lamp below the threshold, another the vase lower.
    place_order(&app, &buyer, json!([{"product_id": lamp, "quantity": 3}])).await;
    place_order(&app, &buyer, json!([{"product_id": vase, "quantity": 1}])).await;
    assert_eq!(lowest_stock(&app, &admin).await, [(vase, 2), (lamp, 9)]);

    // A restock takes the vase off the list; deactivating the lamp takes it off too.
    let restock = app
        .patch(
            &format!("/api/v1/products/{vase}"),
            &json!({"stock": 50}),
            Some(&admin.token),
        )
        .await;
    json_with_status(restock, 200).await;
    assert_eq!(lowest_stock(&app, &admin).await, [(lamp, 9)]);
    let hide = app
        .patch(
            &format!("/api/v1/products/{lamp}"),
            &json!({"is_active": false}),
            Some(&admin.token),
        )
        .await;
    json_with_status(hide, 200).await;
    assert_eq!(lowest_stock(&app, &admin).await, []);
    let show = app
        .patch(
            &format!("/api/v1/products/{lamp}"),
            &json!({"is_active": true}),
            Some(&admin.token),
        )
        .await;
    json_with_status(show, 200).await;
    assert_eq!(lowest_stock(&app, &admin).await, [(lamp, 9)]);

    // Another LOW_STOCK_THRESHOLD at start-up refills the list from the catalog.
    let mut client = app.db().await;
    assert!(
        ecommerce::dashboard::service::ensure_low_stock_threshold(&mut client, 60)
            .await
            .unwrap()
    );
    assert!(
        !ecommerce::dashboard::service::ensure_low_stock_threshold(&mut client, 60)
            .await
            .unwrap(),
        "an unchanged threshold leaves the table alone"
    );
    let listed: Vec<(i64, i32)> = codegen::queries::dashboard::stats::low_stock_products()
        .bind(&client, &60, &10)
        .all()
        .await
        .unwrap()
        .into_iter()
        .map(|p| (p.id, p.stock))
        .collect();
    assert_eq!(listed, [(lamp, 9), (vase, 50)]);
}

#[tokio::test]
async fn the_dashboard_counts_products_low_stock_orders_and_todays_payments() {
    // Arrange: 3 products, one at the threshold (10) and one below it after an order.
    let app = spawn_app().await;
    let admin = app.create_admin("boss").await;
    let buyer = app.create_user("buyer").await;
    let plenty = app.create_product("Plenty", "5.00", 100).await;
    let at_threshold = app.create_product("Edge", "7.00", 10).await;
    let scarce = app.create_product("Scarce", "9.50", 12).await;
    let paid = place_order(&app, &buyer, json!([{"product_id": scarce, "quantity": 3}])).await;
    place_order(&app, &buyer, json!([{"product_id": plenty, "quantity": 1}])).await;
    app.force_paid(paid["id"].as_i64().unwrap()).await;

    // Act
    let body = json_with_status(app.get("/api/v1/dashboard", Some(&admin.token)).await, 200).await;

    // Assert
    assert_eq!(body["active_products"], 3, "{body}");
    assert_eq!(body["low_stock_threshold"], 10, "{body}");
    assert_eq!(body["low_stock_products"], 2, "{body}");
    let lowest: Vec<i64> = body["lowest_stock"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_i64().unwrap())
        .collect();
    assert_eq!(lowest, [scarce, at_threshold], "lowest stock first: {body}");
    assert_eq!(orders_in(&body, "pending"), 1, "{body}");
    assert_eq!(orders_in(&body, "paid"), 1, "{body}");
    assert_eq!(
        orders_in(&body, "delivered"),
        0,
        "every status is listed: {body}"
    );
    assert_eq!(
        body["orders_by_status"].as_array().unwrap().len(),
        7,
        "{body}"
    );
    assert_eq!(body["payments_completed_today"], 1, "{body}");
    assert_eq!(body["amount_completed_today"], "28.50", "{body}");
    assert_eq!(body["currency"], "ETB", "{body}");
}

#[tokio::test]
async fn the_dashboard_is_for_admins_only() {
    let app = spawn_app().await;
    let buyer = app.create_user("buyer").await;

    assert_error(
        app.get("/api/v1/dashboard", None).await,
        401,
        "unauthorized",
    )
    .await;
    assert_error(
        app.get("/api/v1/dashboard", Some(&buyer.token)).await,
        403,
        "forbidden",
    )
    .await;
}

// ------------------------------------------------------------ payments --

/// Ids of the items of a list body.
fn ids(body: &Value) -> Vec<i64> {
    body["items"]
        .as_array()
        .unwrap_or_else(|| panic!("no items in {body}"))
        .iter()
        .map(|i| i["id"].as_i64().unwrap())
        .collect()
}

#[tokio::test]
async fn payments_filter_by_status_and_by_order() {
    // Arrange: two paid orders (completed payments) of two buyers.
    let app = spawn_app().await;
    let admin = app.create_admin("boss").await;
    let (alice, bob) = (app.create_user("alice").await, app.create_user("bob").await);
    let product = app.create_product("Tea", "3.00", 50).await;
    let line = json!([{"product_id": product, "quantity": 1}]);
    let a = place_order(&app, &alice, line.clone()).await["id"]
        .as_i64()
        .unwrap();
    let b = place_order(&app, &bob, line).await["id"].as_i64().unwrap();
    let pa = app.force_paid(a).await;
    let pb = app.force_paid(b).await;

    // Act + Assert: admins filter everyone's payments.
    let completed = json_with_status(
        app.get(
            "/api/v1/payments?status=completed&limit=1",
            Some(&admin.token),
        )
        .await,
        200,
    )
    .await;
    assert_eq!(ids(&completed), [pb], "newest first: {completed}");
    let cursor = completed["next_cursor"].as_str().expect("a second page");
    let next = json_with_status(
        app.get(
            &format!("/api/v1/payments?status=completed&limit=1&cursor={cursor}"),
            Some(&admin.token),
        )
        .await,
        200,
    )
    .await;
    assert_eq!(ids(&next), [pa], "{next}");
    let pending = json_with_status(
        app.get("/api/v1/payments?status=pending", Some(&admin.token))
            .await,
        200,
    )
    .await;
    assert_eq!(ids(&pending), Vec::<i64>::new(), "{pending}");
    let of_order = json_with_status(
        app.get(
            &format!("/api/v1/payments?order_id={a}"),
            Some(&admin.token),
        )
        .await,
        200,
    )
    .await;
    assert_eq!(ids(&of_order), [pa], "{of_order}");
    assert!(of_order["next_cursor"].is_null(), "{of_order}");

    // Buyers see only their own, whatever they filter on.
    let own = json_with_status(
        app.get("/api/v1/payments?status=completed", Some(&alice.token))
            .await,
        200,
    )
    .await;
    assert_eq!(ids(&own), [pa], "{own}");
    let other = json_with_status(
        app.get(
            &format!("/api/v1/payments?order_id={b}"),
            Some(&alice.token),
        )
        .await,
        200,
    )
    .await;
    assert_eq!(ids(&other), Vec::<i64>::new(), "{other}");
    assert_error(
        app.get("/api/v1/payments?status=settled", Some(&admin.token))
            .await,
        400,
        "validation_failed",
    )
    .await;
}

// ------------------------------------------------------------ users --

#[tokio::test]
async fn admins_search_users_by_part_of_the_email_or_username() {
    // Arrange
    let app = spawn_app().await;
    let admin = app.create_admin("boss").await;
    let abebe = app.create_user("abebe_k").await;
    let almaz = app.create_user("almaz").await;
    app.create_user("tigist").await;

    let everyone = ids(&json_with_status(
        app.get("/api/v1/users?limit=100", Some(&admin.token)).await,
        200,
    )
    .await);
    assert_eq!(everyone.len(), 4, "{everyone:?}");

    // Act + Assert
    for (q, expected, why) in [
        ("ABEBE", vec![abebe.id], "username, any case"),
        ("alm", vec![almaz.id], "a prefix"),
        (
            "example.com",
            everyone.clone(),
            "part of every email, by id",
        ),
        (
            "a_m",
            vec![],
            "an underscore is literal (not a wildcard matching alm)",
        ),
        ("%", vec![], "a percent sign is literal"),
    ] {
        let body = json_with_status(
            app.get(
                &format!("/api/v1/users?q={}", urlencode(q)),
                Some(&admin.token),
            )
            .await,
            200,
        )
        .await;
        assert_eq!(ids(&body), expected, "{why}: {body}");
    }
    let page = json_with_status(
        app.get("/api/v1/users?q=a&role=user&limit=1", Some(&admin.token))
            .await,
        200,
    )
    .await;
    assert_eq!(ids(&page), [abebe.id], "role filter and keyset: {page}");
    assert!(page["next_cursor"].is_string(), "{page}");
}

#[tokio::test]
async fn a_user_search_finds_only_yourself_and_q_does_not_combine_with_exact_filters() {
    let app = spawn_app().await;
    let admin = app.create_admin("boss").await;
    let abebe = app.create_user("abebe").await;

    let own = json_with_status(
        app.get("/api/v1/users?q=abe", Some(&abebe.token)).await,
        200,
    )
    .await;
    assert_eq!(ids(&own), [abebe.id], "{own}");
    let none = json_with_status(
        app.get("/api/v1/users?q=boss", Some(&abebe.token)).await,
        200,
    )
    .await;
    assert_eq!(ids(&none), Vec::<i64>::new(), "{none}");
    let body = assert_error(
        app.get("/api/v1/users?q=abe&username=abebe", Some(&admin.token))
            .await,
        400,
        "validation_failed",
    )
    .await;
    assert_eq!(body["error"]["details"]["field"], "q", "{body}");
}

/// Percent-encodes a query value.
fn urlencode(value: &str) -> String {
    form_urlencoded::byte_serialize(value.as_bytes()).collect()
}

// ------------------------------------------------------------ orders --

#[tokio::test]
async fn orders_filter_by_the_product_they_contain() {
    // Arrange: lamp in orders 1 and 3 (different buyers), not in order 2.
    let app = spawn_app().await;
    let admin = app.create_admin("boss").await;
    let (alice, bob) = (app.create_user("alice").await, app.create_user("bob").await);
    let lamp = app.create_product("Lamp", "20.00", 50).await;
    let bulb = app.create_product("Bulb", "2.00", 50).await;
    let o1 = place_order(&app, &alice, json!([{"product_id": lamp, "quantity": 1}])).await;
    place_order(&app, &alice, json!([{"product_id": bulb, "quantity": 1}])).await;
    let o3 = place_order(
        &app,
        &bob,
        json!([{"product_id": bulb, "quantity": 2}, {"product_id": lamp, "quantity": 1}]),
    )
    .await;
    let (o1, o3) = (o1["id"].as_i64().unwrap(), o3["id"].as_i64().unwrap());

    // Act
    let first = json_with_status(
        app.get(
            &format!("/api/v1/orders?product_id={lamp}&limit=1"),
            Some(&admin.token),
        )
        .await,
        200,
    )
    .await;
    let cursor = first["next_cursor"].as_str().expect("a second page");
    let second = json_with_status(
        app.get(
            &format!("/api/v1/orders?product_id={lamp}&limit=1&cursor={cursor}"),
            Some(&admin.token),
        )
        .await,
        200,
    )
    .await;

    // Assert
    assert_eq!(ids(&first), [o3], "newest first, with items: {first}");
    assert_eq!(
        first["items"][0]["items"].as_array().unwrap().len(),
        2,
        "{first}"
    );
    assert_eq!(ids(&second), [o1], "{second}");
    assert!(second["next_cursor"].is_null(), "{second}");
    let own = json_with_status(
        app.get(
            &format!("/api/v1/orders?product_id={lamp}"),
            Some(&alice.token),
        )
        .await,
        200,
    )
    .await;
    assert_eq!(ids(&own), [o1], "a buyer sees only their own: {own}");
    let shipped = json_with_status(
        app.get(
            &format!("/api/v1/orders?product_id={lamp}&status=shipped"),
            Some(&admin.token),
        )
        .await,
        200,
    )
    .await;
    assert_eq!(ids(&shipped), Vec::<i64>::new(), "{shipped}");
    // A cursor of the plain list is not one of this list.
    let plain = json_with_status(
        app.get("/api/v1/orders?limit=1", Some(&admin.token)).await,
        200,
    )
    .await;
    let foreign = plain["next_cursor"].as_str().unwrap();
    assert_error(
        app.get(
            &format!("/api/v1/orders?product_id={lamp}&cursor={foreign}"),
            Some(&admin.token),
        )
        .await,
        400,
        "validation_failed",
    )
    .await;
}

// ------------------------------------------------------------ plans --

/// The console's new lists and the dashboard's figures are each served by an index.
///
/// With sequential scans made a last resort (`disable_seqscan`), a plan that
/// still scans a table sequentially has no index to use. Each query runs once
/// through codegen; its SQL is read back from `pg_prepared_statements` and
/// explained with the same parameters.
#[tokio::test]
async fn the_new_queries_are_served_by_indexes() {
    use codegen::queries::{
        accounts::users as uq, dashboard::stats as dq, orders::orders as oq,
        payments::payments as pq, session,
    };
    use tokio_postgres::types::ToSql;

    let app = spawn_app().await;
    let client = app.db().await;
    session::disable_seqscan()
        .bind(&client)
        .one()
        .await
        .unwrap();
    let (none_id, none_time, limit) = (
        None::<i64>,
        None::<chrono::DateTime<chrono::FixedOffset>>,
        21i64,
    );
    let (id, user_id, threshold) = (1i64, 2i64, 10i32);
    let (status, pattern, none_role) = ("completed", "%abe%", None::<&str>);
    let since = chrono::Utc::now().fixed_offset();
    let none_status = None::<&str>;

    pq::list_payments_by_status()
        .bind(&client, &status, &none_id, &none_time, &limit)
        .all()
        .await
        .unwrap();
    pq::list_user_payments_by_status()
        .bind(&client, &user_id, &status, &none_id, &none_time, &limit)
        .all()
        .await
        .unwrap();
    pq::list_order_payments()
        .bind(&client, &id)
        .all()
        .await
        .unwrap();
    uq::search_users()
        .bind(&client, &pattern, &none_role, &none_id, &limit)
        .all()
        .await
        .unwrap();
    oq::list_orders_of_product()
        .bind(&client, &id, &None::<i64>, &none_status, &none_id, &limit)
        .all()
        .await
        .unwrap();
    dq::product_counts()
        .bind(&client, &threshold)
        .one()
        .await
        .unwrap();
    dq::low_stock_products()
        .bind(&client, &threshold, &limit)
        .all()
        .await
        .unwrap();
    dq::order_status_counts().bind(&client).all().await.unwrap();
    dq::payments_completed_since()
        .bind(&client, &since)
        .one()
        .await
        .unwrap();

    let statements: Vec<String> = common::plans::prepared_statements(&client).await;
    let cases: [(&str, Vec<&(dyn ToSql + Sync)>); 9] = [
        (
            "WHERE status = $1",
            vec![&status, &none_id, &none_time, &limit],
        ),
        (
            "AND status = $2",
            vec![&user_id, &status, &none_id, &none_time, &limit],
        ),
        ("WHERE order_id = $1 ORDER BY", vec![&id]),
        (
            "lower(username) LIKE",
            vec![&pattern, &none_role, &none_id, &limit],
        ),
        (
            "FROM order_items i",
            vec![&id, &none_id, &none_status, &none_id, &limit],
        ),
        ("AS low_stock", vec![&threshold]),
        ("ORDER BY l.stock", vec![&threshold, &limit]),
        ("GROUP BY status", vec![]),
        ("created_at >= $1", vec![&since]),
    ];
    for (marker, params) in cases {
        common::plans::assert_no_seq_scan(&client, &statements, marker, &params).await;
    }
}
