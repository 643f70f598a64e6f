//! Orders: stock and totals in one transaction, status machine, access, concurrency.

mod common;

use common::{TestApp, assert_error, json_with_status, spawn_app, spawn_app_with};
use rust_decimal::Decimal;
use serde_json::{Value, json};

fn dec(v: &Value) -> Decimal {
    v.as_str()
        .unwrap_or_else(|| panic!("money must be a decimal string, got {v}"))
        .parse()
        .unwrap()
}

/// The invariant: `total = sum(quantity * unit_price)`, checked over HTTP.
fn assert_total_invariant(order: &Value) {
    let sum: Decimal = order["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| dec(&i["unit_price"]) * Decimal::from(i["quantity"].as_i64().unwrap()))
        .sum();
    assert_eq!(dec(&order["total_amount"]), sum, "total drifted: {order}");
}

async fn place(app: &TestApp, token: &str, items: Value) -> reqwest::Response {
    app.post(
        "/api/v1/orders",
        &json!({"shipping_address": "Bole Road 12", "items": items}),
        Some(token),
    )
    .await
}

#[tokio::test]
async fn create_order_takes_stock_copies_prices_and_enqueues_email() {
    let app = spawn_app().await;
    let buyer = app.create_user("buyer").await;
    let mug = app.create_product("Mug", "7.50", 20).await;
    let tea = app.create_product("Tea", "3.25", 30).await;

    let order = json_with_status(
        place(
            &app,
            &buyer.token,
            json!([{"product_id": tea, "quantity": 3}, {"product_id": mug, "quantity": 2}]),
        )
        .await,
        201,
    )
    .await;

    assert_eq!(order["status"], "pending");
    assert_eq!(order["user_id"], buyer.id);
    assert_eq!(order["total_amount"], "24.75");
    assert_total_invariant(&order);
    assert_eq!(app.stock_of(mug).await, 18);
    assert_eq!(app.stock_of(tea).await, 27);
    let emails = app.jobs_of_type("send_order_creation_email").await;
    assert_eq!(emails.len(), 1);
    assert_eq!(emails[0]["order_id"], order["id"]);
    assert_eq!(emails[0]["email"], "buyer@example.com");
    assert_eq!(emails[0]["total_amount"], "24.75");
    assert_eq!(emails[0]["items"].as_array().unwrap().len(), 2);
}

#[tokio::test]
async fn price_changes_after_purchase_do_not_change_the_order() {
    let app = spawn_app().await;
    let buyer = app.create_user("buyer").await;
    let mug = app.create_product("Mug", "7.50", 20).await;
    let order = json_with_status(
        place(
            &app,
            &buyer.token,
            json!([{"product_id": mug, "quantity": 1}]),
        )
        .await,
        201,
    )
    .await;

    let db = app.db().await;
    codegen::client::Params::params(
        &codegen::queries::catalog::products::update_product(),
        &db,
        &codegen::queries::catalog::products::UpdateProductParams {
            name: None::<&str>,
            slug: None::<&str>,
            description: None::<&str>,
            price: Some("99.00".parse().unwrap()),
            stock: None,
            stock_delta: None,
            is_active: None,
            id: mug,
        },
    )
    .one()
    .await
    .unwrap();

    let again = json_with_status(
        app.get(
            &format!("/api/v1/orders/{}", order["id"]),
            Some(&buyer.token),
        )
        .await,
        200,
    )
    .await;
    assert_eq!(again["items"][0]["unit_price"], "7.50");
    assert_eq!(again["total_amount"], "7.50");
}

#[tokio::test]
async fn order_errors_insufficient_stock_unknown_product_empty_items() {
    let app = spawn_app().await;
    let buyer = app.create_user("buyer").await;
    let mug = app.create_product("Mug", "7.50", 2).await;
    let tea = app.create_product("Tea", "3.00", 5).await;

    let err = assert_error(
        place(
            &app,
            &buyer.token,
            json!([{"product_id": tea, "quantity": 1}, {"product_id": mug, "quantity": 3}]),
        )
        .await,
        409,
        "insufficient_stock",
    )
    .await;
    assert_eq!(err["error"]["details"]["product_id"], mug);
    assert!(err["error"]["message"].as_str().unwrap().contains("Mug"));
    assert_eq!(
        app.stock_of(tea).await,
        5,
        "nothing half-written: tea's stock is back"
    );
    assert_eq!(app.stock_of(mug).await, 2);

    assert_error(
        place(
            &app,
            &buyer.token,
            json!([{"product_id": 999999, "quantity": 1}]),
        )
        .await,
        422,
        "product_unavailable",
    )
    .await;
    // Breaking a limit the schema states (minItems, minimum) is a 400 naming the field.
    let empty = assert_error(
        place(&app, &buyer.token, json!([])).await,
        400,
        "validation_failed",
    )
    .await;
    assert_eq!(empty["error"]["details"]["field"], "items");
    assert_error(
        place(
            &app,
            &buyer.token,
            json!([{"product_id": mug, "quantity": 0}]),
        )
        .await,
        400,
        "validation_failed",
    )
    .await;
    assert_error(
        place(
            &app,
            &buyer.token,
            json!([{"product_id": mug, "quantity": 1}, {"product_id": mug, "quantity": 1}]),
        )
        .await,
        422,
        "validation_failed",
    )
    .await;
    let blank = app
        .post(
            "/api/v1/orders",
            &json!({"shipping_address": "  ", "items": [{"product_id": mug, "quantity": 1}]}),
            Some(&buyer.token),
        )
        .await;
    assert_error(blank, 422, "validation_failed").await;
    assert!(
        app.jobs_of_type("send_order_creation_email")
            .await
            .is_empty()
    );
    assert_error(
        place(
            &app,
            "not-a-token",
            json!([{"product_id": mug, "quantity": 1}]),
        )
        .await,
        401,
        "unauthorized",
    )
    .await;
}

#[tokio::test]
async fn inactive_products_cannot_be_ordered() {
    let app = spawn_app().await;
    let buyer = app.create_user("buyer").await;
    let mug = app.create_product("Mug", "7.50", 5).await;
    let db = app.db().await;
    codegen::queries::catalog::products::deactivate_product()
        .bind(&db, &mug)
        .await
        .unwrap();
    assert_error(
        place(
            &app,
            &buyer.token,
            json!([{"product_id": mug, "quantity": 1}]),
        )
        .await,
        422,
        "product_unavailable",
    )
    .await;
}

#[tokio::test]
async fn idempotency_key_returns_the_same_order() {
    let app = spawn_app().await;
    let buyer = app.create_user("buyer").await;
    let mug = app.create_product("Mug", "7.50", 10).await;
    let send = || {
        app.client
            .post(app.url("/api/v1/orders"))
            .bearer_auth(&buyer.token)
            .header("Idempotency-Key", "checkout-42")
            .json(
                &json!({"shipping_address": "Bole", "items": [{"product_id": mug, "quantity": 2}]}),
            )
            .send()
    };

    let first = json_with_status(send().await.unwrap(), 201).await;
    let second = json_with_status(send().await.unwrap(), 200).await;

    assert_eq!(first["id"], second["id"]);
    assert_eq!(app.stock_of(mug).await, 8, "stock taken once");
    let list = json_with_status(app.get("/api/v1/orders", Some(&buyer.token)).await, 200).await;
    assert_eq!(list["items"].as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn racing_retries_with_one_key_for_the_last_unit_all_get_the_one_order() {
    // A client retrying before its first attempt answered: every attempt
    // carries the same key, and only one unit is left. The attempts that lose
    // the race must replay the winner's order, not report the stock the
    // winner took as missing.
    let app = spawn_app_with(|s| s.database.pool_size = 12).await;
    let buyer = app.create_user("buyer").await;
    for round in 0..5 {
        let lamp = app
            .create_product(&format!("Last lamp {round}"), "40.00", 1)
            .await;
        let key = format!("checkout-last-unit-{round}");
        let attempts = (0..8).map(|_| {
            app.client
                .post(app.url("/api/v1/orders"))
                .bearer_auth(&buyer.token)
                .header("Idempotency-Key", &key)
                .json(&json!({
                    "shipping_address": "Bole",
                    "items": [{"product_id": lamp, "quantity": 1}]
                }))
                .send()
        });
        let responses = futures::future::join_all(attempts).await;
        let mut created = 0;
        let mut ids = std::collections::BTreeSet::new();
        for response in responses {
            let response = response.unwrap();
            let status = response.status().as_u16();
            let body: Value = response.json().await.unwrap();
            assert!(status == 201 || status == 200, "{status}: {body}");
            created += usize::from(status == 201);
            ids.insert(body["id"].as_i64().unwrap());
        }
        assert_eq!(created, 1, "round {round}: one attempt creates the order");
        assert_eq!(ids.len(), 1, "round {round}: every attempt answers it");
        assert_eq!(app.stock_of(lamp).await, 0, "round {round}: taken once");
    }
}

#[tokio::test]
async fn an_order_whose_total_outgrows_the_money_column_is_422_and_takes_nothing() {
    let app = spawn_app().await;
    let buyer = app.create_user("buyer").await;
    let yacht = app.create_product("Yacht", "6000000000.00", 5).await;

    assert_error(
        place(
            &app,
            &buyer.token,
            json!([{"product_id": yacht, "quantity": 2}]),
        )
        .await,
        422,
        "validation_failed",
    )
    .await;

    assert_eq!(app.stock_of(yacht).await, 5, "the stock take rolled back");
    let list = json_with_status(app.get("/api/v1/orders", Some(&buyer.token)).await, 200).await;
    assert_eq!(
        list["items"].as_array().unwrap().len(),
        0,
        "no order written"
    );
}

#[tokio::test]
async fn users_see_only_their_orders_and_others_get_404() {
    let app = spawn_app().await;
    let alice = app.create_user("alice").await;
    let bob = app.create_user("bobby").await;
    let admin = app.create_admin("boss").await;
    let mug = app.create_product("Mug", "7.50", 10).await;
    let order = json_with_status(
        place(
            &app,
            &alice.token,
            json!([{"product_id": mug, "quantity": 1}]),
        )
        .await,
        201,
    )
    .await;
    let id = order["id"].as_i64().unwrap();
    let path = format!("/api/v1/orders/{id}");

    assert_error(app.get(&path, Some(&bob.token)).await, 404, "not_found").await;
    assert_error(
        app.patch(
            &path,
            &json!({"shipping_address": "mine now"}),
            Some(&bob.token),
        )
        .await,
        404,
        "not_found",
    )
    .await;
    assert_error(app.delete(&path, Some(&bob.token)).await, 404, "not_found").await;
    assert_error(
        app.get(&format!("{path}/items"), Some(&bob.token)).await,
        404,
        "not_found",
    )
    .await;
    assert_error(
        app.post(
            &format!("{path}/items"),
            &json!({"product_id": mug, "quantity": 1}),
            Some(&bob.token),
        )
        .await,
        404,
        "not_found",
    )
    .await;
    let item_id = order["items"][0]["id"].as_i64().unwrap();
    assert_error(
        app.patch(
            &format!("{path}/items/{item_id}"),
            &json!({"quantity": 5}),
            Some(&bob.token),
        )
        .await,
        404,
        "not_found",
    )
    .await;
    assert_error(
        app.delete(&format!("{path}/items/{item_id}"), Some(&bob.token))
            .await,
        404,
        "not_found",
    )
    .await;
    let bobs = json_with_status(app.get("/api/v1/orders", Some(&bob.token)).await, 200).await;
    assert!(bobs["items"].as_array().unwrap().is_empty());
    let bob_filter = json_with_status(
        app.get(
            &format!("/api/v1/orders?user_id={}", alice.id),
            Some(&bob.token),
        )
        .await,
        200,
    )
    .await;
    assert!(
        bob_filter["items"].as_array().unwrap().is_empty(),
        "user_id filter cannot widen a user's view"
    );

    let seen = json_with_status(app.get(&path, Some(&admin.token)).await, 200).await;
    assert_eq!(seen["user_id"], alice.id);
    let all = json_with_status(
        app.get(
            &format!("/api/v1/orders?user_id={}", alice.id),
            Some(&admin.token),
        )
        .await,
        200,
    )
    .await;
    assert_eq!(all["items"].as_array().unwrap().len(), 1);
    assert_eq!(app.stock_of(mug).await, 9, "bob changed nothing");
}

#[tokio::test]
async fn items_can_change_only_while_pending_and_total_follows() {
    let app = spawn_app().await;
    let buyer = app.create_user("buyer").await;
    let mug = app.create_product("Mug", "7.50", 10).await;
    let tea = app.create_product("Tea", "2.00", 10).await;
    let order = json_with_status(
        place(
            &app,
            &buyer.token,
            json!([{"product_id": mug, "quantity": 2}]),
        )
        .await,
        201,
    )
    .await;
    let path = format!("/api/v1/orders/{}", order["id"]);
    let get_order =
        || async { json_with_status(app.get(&path, Some(&buyer.token)).await, 200).await };

    let tea_item = json_with_status(
        app.post(
            &format!("{path}/items"),
            &json!({"product_id": tea, "quantity": 4}),
            Some(&buyer.token),
        )
        .await,
        201,
    )
    .await;
    assert_eq!(tea_item["line_total"], "8.00");
    assert_eq!(app.stock_of(tea).await, 6);
    let o = get_order().await;
    assert_eq!(o["total_amount"], "23.00");
    assert_total_invariant(&o);

    assert_error(
        app.post(
            &format!("{path}/items"),
            &json!({"product_id": mug, "quantity": 1}),
            Some(&buyer.token),
        )
        .await,
        409,
        "duplicate_item",
    )
    .await;
    assert_error(
        app.post(
            &format!("{path}/items"),
            &json!({"product_id": tea, "quantity": 0}),
            Some(&buyer.token),
        )
        .await,
        400,
        "validation_failed",
    )
    .await;

    let tea_id = tea_item["id"].as_i64().unwrap();
    json_with_status(
        app.patch(
            &format!("{path}/items/{tea_id}"),
            &json!({"quantity": 1}),
            Some(&buyer.token),
        )
        .await,
        200,
    )
    .await;
    assert_eq!(app.stock_of(tea).await, 9, "reduction returns stock");
    let o = get_order().await;
    assert_eq!(o["total_amount"], "17.00");
    assert_total_invariant(&o);
    assert_error(
        app.patch(
            &format!("{path}/items/{tea_id}"),
            &json!({"quantity": 50}),
            Some(&buyer.token),
        )
        .await,
        409,
        "insufficient_stock",
    )
    .await;
    assert_eq!(app.stock_of(tea).await, 9);

    let listed = json_with_status(
        app.get(&format!("{path}/items"), Some(&buyer.token)).await,
        200,
    )
    .await;
    assert_eq!(listed.as_array().unwrap().len(), 2);

    assert_eq!(
        app.delete(&format!("{path}/items/{tea_id}"), Some(&buyer.token))
            .await
            .status(),
        204
    );
    assert_eq!(app.stock_of(tea).await, 10);
    let o = get_order().await;
    assert_eq!(o["total_amount"], "15.00");
    assert_total_invariant(&o);
    assert_error(
        app.delete(&format!("{path}/items/{tea_id}"), Some(&buyer.token))
            .await,
        404,
        "not_found",
    )
    .await;

    // Once cancelled, items are frozen.
    json_with_status(
        app.patch(&path, &json!({"status": "cancelled"}), Some(&buyer.token))
            .await,
        200,
    )
    .await;
    let mug_item = o["items"][0]["id"].as_i64().unwrap();
    assert_error(
        app.patch(
            &format!("{path}/items/{mug_item}"),
            &json!({"quantity": 1}),
            Some(&buyer.token),
        )
        .await,
        409,
        "order_not_pending",
    )
    .await;
    assert_error(
        app.post(
            &format!("{path}/items"),
            &json!({"product_id": tea, "quantity": 1}),
            Some(&buyer.token),
        )
        .await,
        409,
        "order_not_pending",
    )
    .await;
}

#[tokio::test]
async fn cancel_restores_stock_and_status_machine_is_enforced() {
    let app = spawn_app().await;
    let buyer = app.create_user("buyer").await;
    let admin = app.create_admin("boss").await;
    let mug = app.create_product("Mug", "7.50", 10).await;

    let order = json_with_status(
        place(
            &app,
            &buyer.token,
            json!([{"product_id": mug, "quantity": 4}]),
        )
        .await,
        201,
    )
    .await;
    let path = format!("/api/v1/orders/{}", order["id"]);
    assert_eq!(app.stock_of(mug).await, 6);
    let moved = json_with_status(
        app.patch(
            &path,
            &json!({"shipping_address": "New Street 1"}),
            Some(&buyer.token),
        )
        .await,
        200,
    )
    .await;
    assert_eq!(moved["shipping_address"], "New Street 1");

    // Nobody sets `paid` by hand, not even an admin.
    assert_error(
        app.patch(&path, &json!({"status": "paid"}), Some(&admin.token))
            .await,
        409,
        "illegal_transition",
    )
    .await;
    assert_error(
        app.patch(&path, &json!({"status": "paid"}), Some(&buyer.token))
            .await,
        409,
        "illegal_transition",
    )
    .await;
    assert_error(
        app.patch(&path, &json!({"status": "shipped"}), Some(&admin.token))
            .await,
        409,
        "illegal_transition",
    )
    .await;
    assert_error(
        app.patch(&path, &json!({"status": "bogus"}), Some(&admin.token))
            .await,
        400,
        "bad_request",
    )
    .await;

    let cancelled = json_with_status(
        app.patch(&path, &json!({"status": "cancelled"}), Some(&buyer.token))
            .await,
        200,
    )
    .await;
    assert_eq!(cancelled["status"], "cancelled");
    assert_eq!(app.stock_of(mug).await, 10, "stock restored");
    assert_error(
        app.patch(&path, &json!({"status": "cancelled"}), Some(&buyer.token))
            .await,
        409,
        "illegal_transition",
    )
    .await;
    assert_error(
        app.patch(&path, &json!({"shipping_address": "x"}), Some(&buyer.token))
            .await,
        409,
        "order_not_pending",
    )
    .await;
    assert_eq!(app.stock_of(mug).await, 10, "no double restore");

    assert_eq!(app.delete(&path, Some(&buyer.token)).await.status(), 204);
    assert_error(app.get(&path, Some(&admin.token)).await, 404, "not_found").await;
}

#[tokio::test]
async fn fulfilment_steps_are_admin_only_after_payment() {
    let app = spawn_app().await;
    let buyer = app.create_user("buyer").await;
    let admin = app.create_admin("boss").await;
    let mug = app.create_product("Mug", "7.50", 10).await;
    let order = json_with_status(
        place(
            &app,
            &buyer.token,
            json!([{"product_id": mug, "quantity": 1}]),
        )
        .await,
        201,
    )
    .await;
    let id = order["id"].as_i64().unwrap();
    let path = format!("/api/v1/orders/{id}");

    // A verified payment is the only way to `paid`.
    app.force_paid(id).await;

    assert_error(
        app.patch(&path, &json!({"status": "processing"}), Some(&buyer.token))
            .await,
        403,
        "forbidden",
    )
    .await;
    assert_error(
        app.patch(&path, &json!({"status": "cancelled"}), Some(&buyer.token))
            .await,
        409,
        "illegal_transition",
    )
    .await;
    assert_error(
        app.delete(&path, Some(&buyer.token)).await,
        409,
        "order_not_pending",
    )
    .await;
    for status in ["processing", "shipped", "delivered"] {
        let o = json_with_status(
            app.patch(&path, &json!({"status": status}), Some(&admin.token))
                .await,
            200,
        )
        .await;
        assert_eq!(o["status"], status);
    }
    assert_error(
        app.patch(&path, &json!({"status": "pending"}), Some(&admin.token))
            .await,
        409,
        "illegal_transition",
    )
    .await;
}

#[tokio::test]
async fn list_orders_is_newest_first_with_items_and_keyset_pages() {
    let app = spawn_app().await;
    let buyer = app.create_user("buyer").await;
    let admin = app.create_admin("boss").await;
    let mug = app.create_product("Mug", "1.00", 100).await;
    let mut ids = vec![];
    for q in 1..=5 {
        let o = json_with_status(
            place(
                &app,
                &buyer.token,
                json!([{"product_id": mug, "quantity": q}]),
            )
            .await,
            201,
        )
        .await;
        ids.push(o["id"].as_i64().unwrap());
    }
    ids.reverse();

    let mut seen = vec![];
    let mut cursor: Option<String> = None;
    loop {
        let path = match &cursor {
            Some(c) => format!("/api/v1/orders?limit=2&cursor={c}"),
            None => "/api/v1/orders?limit=2".into(),
        };
        let page = json_with_status(app.get(&path, Some(&buyer.token)).await, 200).await;
        for o in page["items"].as_array().unwrap() {
            assert_eq!(o["items"].as_array().unwrap().len(), 1, "items included");
            assert_total_invariant(o);
            seen.push(o["id"].as_i64().unwrap());
        }
        match page["next_cursor"].as_str() {
            Some(c) => {
                cursor = Some(c.to_owned());
                // An order placed mid-walk does not disturb the walk.
                if seen.len() == 2 {
                    place(
                        &app,
                        &buyer.token,
                        json!([{"product_id": mug, "quantity": 1}]),
                    )
                    .await;
                }
            }
            None => break,
        }
    }
    assert_eq!(seen, ids, "every order exactly once, newest first");

    json_with_status(
        app.patch(
            &format!("/api/v1/orders/{}", ids[0]),
            &json!({"status": "cancelled"}),
            Some(&buyer.token),
        )
        .await,
        200,
    )
    .await;
    let cancelled = json_with_status(
        app.get("/api/v1/orders?status=cancelled", Some(&admin.token))
            .await,
        200,
    )
    .await;
    assert_eq!(cancelled["items"].as_array().unwrap().len(), 1);
    let pending = json_with_status(
        app.get("/api/v1/orders?status=pending", Some(&buyer.token))
            .await,
        200,
    )
    .await;
    assert_eq!(pending["items"].as_array().unwrap().len(), 5);

    for bad in ["limit=0", "limit=101", "cursor=garbage", "status=lost"] {
        assert_eq!(
            app.get(&format!("/api/v1/orders?{bad}"), Some(&buyer.token))
                .await
                .status(),
            400,
            "{bad}"
        );
    }
}

#[tokio::test]
async fn low_stock_alert_is_enqueued_once_per_crossing() {
    let app = spawn_app_with(|s| s.catalog.low_stock_threshold = 5).await;
    let buyer = app.create_user("buyer").await;
    let mug = app.create_product("Mug", "1.00", 8).await;

    place(
        &app,
        &buyer.token,
        json!([{"product_id": mug, "quantity": 2}]),
    )
    .await; // 6: above
    assert!(app.jobs_of_type("send_low_stock_alert").await.is_empty());
    place(
        &app,
        &buyer.token,
        json!([{"product_id": mug, "quantity": 2}]),
    )
    .await; // 4: crosses
    place(
        &app,
        &buyer.token,
        json!([{"product_id": mug, "quantity": 1}]),
    )
    .await; // 3: still below
    let alerts = app.jobs_of_type("send_low_stock_alert").await;
    assert_eq!(alerts.len(), 1, "once per crossing: {alerts:?}");
    assert_eq!(alerts[0]["product_id"], mug);
    assert_eq!(alerts[0]["product_name"], "Mug");
    assert_eq!(alerts[0]["stock"], 4);
}

#[tokio::test]
async fn fifty_concurrent_buyers_never_oversell_ten_units() {
    let app = spawn_app_with(|s| {
        s.database.pool_size = 20;
        s.jwt.login_rate_limit = 1000;
    })
    .await;
    let product = app.create_product("Limited", "10.00", 10).await;
    let mut buyers = vec![];
    for i in 0..50 {
        buyers.push(app.create_user(&format!("buyer{i:02}")).await);
    }

    let attempts = buyers.iter().map(|b| {
        place(
            &app,
            &b.token,
            json!([{"product_id": product, "quantity": 1}]),
        )
    });
    let responses = futures::future::join_all(attempts).await;

    let statuses: Vec<u16> = responses.iter().map(|r| r.status().as_u16()).collect();
    assert_eq!(
        statuses.iter().filter(|s| **s == 201).count(),
        10,
        "{statuses:?}"
    );
    assert_eq!(
        statuses.iter().filter(|s| **s == 409).count(),
        40,
        "{statuses:?}"
    );
    assert_eq!(app.stock_of(product).await, 0);
    let admin = app.create_admin("boss").await;
    let page = json_with_status(
        app.get("/api/v1/orders?limit=100", Some(&admin.token))
            .await,
        200,
    )
    .await;
    let sold: i64 = page["items"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|o| o["items"].as_array().unwrap().iter())
        .map(|i| i["quantity"].as_i64().unwrap())
        .sum();
    assert_eq!(sold, 10, "sum of order quantities equals stock sold");
}

#[tokio::test]
async fn reusing_an_idempotency_key_for_a_different_order_is_422() {
    let app = spawn_app().await;
    let buyer = app.create_user("buyer").await;
    let mug = app.create_product("Mug", "7.50", 10).await;
    let send = |quantity: i32| {
        app.client
            .post(app.url("/api/v1/orders"))
            .bearer_auth(&buyer.token)
            .header("Idempotency-Key", "checkout-7")
            .json(&json!({"shipping_address": "Bole", "items": [{"product_id": mug, "quantity": quantity}]}))
            .send()
    };

    json_with_status(send(1).await.unwrap(), 201).await;
    let err = assert_error(send(3).await.unwrap(), 422, "validation_failed").await;

    assert_eq!(err["error"]["details"]["field"], "Idempotency-Key");
    assert_eq!(
        app.stock_of(mug).await,
        9,
        "the second request changed nothing"
    );
}

#[tokio::test]
async fn bulk_seed_gives_the_first_user_fifty_orders_whose_totals_match_their_items() {
    use ecommerce::{accounts::seed as users, catalog::seed as catalog, orders::seed as orders};

    // Arrange: a tiny bulk catalog and bulk users.
    let app = spawn_app().await;
    let mut client = app.db().await;
    let raw: &mut tokio_postgres::Client = &mut client;
    catalog::bulk_load_products(raw, 300, |_| {}).await.unwrap();
    let copied_users = users::bulk_load_users(raw, 20, |_, _| {}).await.unwrap();

    // Act: load orders, then again (resumes: nothing), then more.
    let mut reports = Vec::new();
    let first = orders::bulk_load_orders(raw, 200, |p| reports.push(p))
        .await
        .unwrap();
    let again = orders::bulk_load_orders(raw, 200, |_| {}).await.unwrap();
    let more = orders::bulk_load_orders(raw, 250, |_| {}).await.unwrap();

    // Assert
    assert_eq!((copied_users, first, again, more), (20, 200, 0, 50));
    assert_eq!(
        reports.last(),
        Some(&orders::BulkOrderProgress::Filled(200, 200)),
        "progress ends at 100%"
    );
    let login = json_with_status(
        app.login(&users::bulk_user_email(0), users::BULK_USER_PASSWORD)
            .await,
        200,
    )
    .await;
    let token = login["access_token"].as_str().unwrap();
    let page = json_with_status(app.get("/api/v1/orders?limit=100", Some(token)).await, 200).await;
    let list = page["items"].as_array().unwrap();
    assert_eq!(list.len(), 50, "the first bulk user has exactly 50 orders");
    for order in list {
        let items = order["items"].as_array().unwrap().len();
        assert!((1..=3).contains(&items), "1-3 items, got {items}: {order}");
        assert_total_invariant(order);
    }
    let other = json_with_status(
        app.login(&users::bulk_user_email(7), users::BULK_USER_PASSWORD)
            .await,
        200,
    )
    .await;
    let page = json_with_status(
        app.get(
            "/api/v1/orders?limit=100",
            Some(other["access_token"].as_str().unwrap()),
        )
        .await,
        200,
    )
    .await;
    // 200 orders after the first 50 go round-robin over the other 19 users.
    assert_eq!(page["items"].as_array().unwrap().len(), 11);
    for order in page["items"].as_array().unwrap() {
        assert_total_invariant(order);
    }
}

#[tokio::test]
async fn an_order_takes_stock_in_place_without_new_index_entries() {
    let app = spawn_app().await;
    let mug = app.create_product("Hot mug", "4.00", 50).await;
    let mut client = app.db().await;

    // No index of products covers stock, as a key, an expression or a predicate
    // (V0020): PostgreSQL updates a row in place (HOT) only then.
    let covering: Vec<String> = client
        .query(
            "SELECT i.indexrelid::regclass::text FROM pg_index i
             WHERE i.indrelid = 'products'::regclass
               AND ((SELECT attnum FROM pg_attribute
                     WHERE attrelid = i.indrelid AND attname = 'stock') = ANY(i.indkey)
                    OR pg_get_expr(i.indexprs, i.indrelid) ~ '\\mstock\\M'
                    OR pg_get_expr(i.indpred, i.indrelid) ~ '\\mstock\\M')",
            &[],
        )
        .await
        .unwrap()
        .iter()
        .map(|row| row.get(0))
        .collect();
    assert!(covering.is_empty(), "indexes covering stock: {covering:?}");

    // The statement an order runs is a HOT update: a new version of the row on
    // its page, and no entry in any index.
    let tx = client.transaction().await.unwrap();
    let taken = codegen::queries::orders::orders::take_stock()
        .bind(&tx, &3, &mug)
        .one()
        .await
        .unwrap();
    assert_eq!(taken.stock, 47);
    let (updated, hot): (i64, i64) = {
        let row = tx
            .query_one(
                "SELECT pg_stat_get_xact_tuples_updated('products'::regclass),
                        pg_stat_get_xact_tuples_hot_updated('products'::regclass)",
                &[],
            )
            .await
            .unwrap();
        (row.get(0), row.get(1))
    };
    assert_eq!((updated, hot), (1, 1), "updated and HOT-updated rows");
    tx.rollback().await.unwrap();
}
