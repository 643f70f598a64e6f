//! Money integrity (issue #12): an order is paid exactly for its total, no
//! verified charge is dropped, one live checkout per order, frozen items while
//! it lives, unpaid orders expire, no deadlocks. Each reproduction failed on
//! `main` before the fix; the races are run with real concurrent requests.

mod common;

use std::{sync::Arc, time::Duration};

use common::{
    TestApp, TestUser, assert_error, json_with_status,
    payments::{
        buyer_with_order, deliver_webhook, eventually, order_status, pay, payment_of, place_order,
        start_worker,
    },
    spawn_app_with_chapa,
};
use ecommerce::{
    email::Mailer,
    jobs::{handlers::JobContext, housekeeping},
};
use futures::future::join_all;
use serde_json::{Value, json};

/// Starts a checkout and returns (payment id, `tx_ref`).
async fn checkout(app: &TestApp, buyer: &TestUser, order_id: i64) -> (i64, String) {
    let payment = json_with_status(pay(app, &buyer.token, order_id).await, 201).await;
    (
        payment["id"].as_i64().unwrap(),
        payment["tx_ref"].as_str().unwrap().to_owned(),
    )
}

/// Refund rows of a payment, as its JSON shows them.
async fn refunds_of(app: &TestApp, buyer: &TestUser, payment_id: i64) -> Vec<Value> {
    payment_of(app, &buyer.token, payment_id).await["refunds"]
        .as_array()
        .unwrap()
        .clone()
}

/// What the worker's housekeeping needs, built from the app's own state.
fn job_context(app: &TestApp) -> JobContext {
    JobContext {
        settings: app.state.settings.clone(),
        mailer: Mailer::from_settings(&app.state.settings.email).unwrap(),
        chapa: app.state.chapa.clone(),
        catalog_cache: app.state.catalog_cache.clone(),
    }
}

/// Kinds of the order's history, oldest first.
async fn event_kinds(app: &TestApp, token: &str, order_id: i64) -> Vec<String> {
    let page = json_with_status(
        app.get(
            &format!("/api/v1/orders/{order_id}/events?limit=100"),
            Some(token),
        )
        .await,
        200,
    )
    .await;
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["kind"].as_str().unwrap().to_owned())
        .collect()
}

// ------------------------------------------------------- the reproductions --

#[tokio::test]
async fn items_cannot_change_while_a_checkout_is_live_so_a_smaller_charge_never_pays_a_bigger_order()
 {
    let (app, _stub) = spawn_app_with_chapa(|_| {}).await;
    let (buyer, order_id) = buyer_with_order(&app, "buyer").await;
    let extra = app.create_product("Grinder", "100.00", 5).await;
    let (_, tx_ref) = checkout(&app, &buyer, order_id).await;
    let order = json_with_status(
        app.get(&format!("/api/v1/orders/{order_id}"), Some(&buyer.token))
            .await,
        200,
    )
    .await;
    let item_id = order["items"][0]["id"].as_i64().unwrap();

    // On main this answered 201 and the 25.00 charge then paid a 125.00 order.
    let items = format!("/api/v1/orders/{order_id}/items");
    assert_error(
        app.post(
            &items,
            &json!({"product_id": extra, "quantity": 1}),
            Some(&buyer.token),
        )
        .await,
        409,
        "payment_pending",
    )
    .await;
    assert_error(
        app.patch(
            &format!("{items}/{item_id}"),
            &json!({"quantity": 5}),
            Some(&buyer.token),
        )
        .await,
        409,
        "payment_pending",
    )
    .await;
    assert_error(
        app.delete(&format!("{items}/{item_id}"), Some(&buyer.token))
            .await,
        409,
        "payment_pending",
    )
    .await;
    assert_eq!(app.stock_of(extra).await, 5, "no stock was taken");

    json_with_status(deliver_webhook(&app, &tx_ref).await, 200).await;
    let order = json_with_status(
        app.get(&format!("/api/v1/orders/{order_id}"), Some(&buyer.token))
            .await,
        200,
    )
    .await;
    assert_eq!(order["status"], "paid");
    assert_eq!(order["total_amount"], "25.00");
}

#[tokio::test]
async fn a_verified_charge_that_differs_from_the_total_is_recorded_and_refunded_not_applied() {
    let (app, stub) = spawn_app_with_chapa(|_| {}).await;
    let (buyer, order_id) = buyer_with_order(&app, "buyer").await;
    let (payment_id, tx_ref) = checkout(&app, &buyer, order_id).await;
    stub.set_verify_amount(&tx_ref, "20.00");

    let ack = json_with_status(deliver_webhook(&app, &tx_ref).await, 200).await;

    assert_eq!(ack["payment_status"], "completed");
    assert_eq!(order_status(&app, &buyer.token, order_id).await, "pending");
    let payment = payment_of(&app, &buyer.token, payment_id).await;
    assert_eq!(payment["captured_amount"], "20.00");
    let refunds = payment["refunds"].as_array().unwrap();
    assert_eq!(refunds.len(), 1, "{payment}");
    assert_eq!(refunds[0]["amount"], "20.00");
    assert_eq!(refunds[0]["automatic"], true);
    assert_eq!(refunds[0]["status"], "pending");
    assert!(
        app.jobs_of_type("send_payment_completion_email")
            .await
            .is_empty(),
        "no 'payment completed' email for a charge the order did not take"
    );
    assert_eq!(app.jobs_of_type("process_refund").await.len(), 1);
}

#[tokio::test]
async fn a_charge_on_a_cancelled_order_is_recorded_and_refunded_by_the_worker() {
    let (app, stub) = spawn_app_with_chapa(|_| {}).await;
    let (buyer, order_id) = buyer_with_order(&app, "buyer").await;
    let product = json_with_status(
        app.get(&format!("/api/v1/orders/{order_id}"), Some(&buyer.token))
            .await,
        200,
    )
    .await["items"][0]["product_id"]
        .as_i64()
        .unwrap();
    let (payment_id, tx_ref) = checkout(&app, &buyer, order_id).await;
    json_with_status(
        app.patch(
            &format!("/api/v1/orders/{order_id}"),
            &json!({"status": "cancelled"}),
            Some(&buyer.token),
        )
        .await,
        200,
    )
    .await;
    assert_eq!(
        payment_of(&app, &buyer.token, payment_id).await["status"],
        "cancelled"
    );

    // On main: mark_paid returned false and only a log line remained.
    let ack = json_with_status(deliver_webhook(&app, &tx_ref).await, 200).await;
    assert_eq!(ack["payment_status"], "completed");

    let worker = start_worker(&app, |_| {}).await;
    let payment = eventually("the automatic refund", || async {
        let p = payment_of(&app, &buyer.token, payment_id).await;
        (p["status"] == "refunded").then_some(p)
    })
    .await;
    worker.shutdown().await;

    assert_eq!(stub.refunded_total(&tx_ref), "25.00".parse().unwrap());
    assert_eq!(payment["refunded_amount"], "25.00");
    assert_eq!(payment["refunds"][0]["status"], "succeeded");
    assert_eq!(
        order_status(&app, &buyer.token, order_id).await,
        "cancelled"
    );
    assert_eq!(app.stock_of(product).await, 100, "stock returned once");
    assert!(
        app.jobs_of_type("send_payment_completion_email")
            .await
            .is_empty()
    );
    assert_eq!(app.jobs_of_type("send_refund_email").await.len(), 1);
    let kinds = event_kinds(&app, &buyer.token, order_id).await;
    for kind in [
        "order_placed",
        "payment_started",
        "payment_cancelled",
        "status_changed",
        "payment_completed",
        "refund_requested",
        "refund_succeeded",
    ] {
        assert!(kinds.contains(&kind.to_owned()), "{kind} in {kinds:?}");
    }
}

#[tokio::test]
async fn a_second_checkout_for_an_order_returns_the_live_one() {
    let (app, stub) = spawn_app_with_chapa(|_| {}).await;
    let (buyer, order_id) = buyer_with_order(&app, "buyer").await;
    let (payment_id, tx_ref) = checkout(&app, &buyer, order_id).await;

    // On main a second pending payment opened; paying it made the webhook 500 forever.
    let again = json_with_status(pay(&app, &buyer.token, order_id).await, 200).await;
    assert_eq!(again["id"], payment_id);
    assert_eq!(stub.init_requests().len(), 1, "one checkout at Chapa");

    json_with_status(deliver_webhook(&app, &tx_ref).await, 200).await;
    assert_eq!(order_status(&app, &buyer.token, order_id).await, "paid");
}

#[tokio::test]
async fn racing_checkouts_for_one_order_open_exactly_one() {
    let (app, stub) = spawn_app_with_chapa(|_| {}).await;
    let (buyer, order_id) = buyer_with_order(&app, "buyer").await;

    let responses = join_all((0..12).map(|_| pay(&app, &buyer.token, order_id))).await;

    let mut created = 0;
    let mut ids = Vec::new();
    for resp in responses {
        let status = resp.status().as_u16();
        let body: Value = resp.json().await.unwrap();
        assert!(status == 201 || status == 200, "{status}: {body}");
        created += usize::from(status == 201);
        ids.push(body["id"].as_i64().unwrap());
    }
    assert_eq!(created, 1);
    ids.dedup();
    assert_eq!(ids.len(), 1, "every answer names the same payment");
    assert_eq!(stub.init_requests().len(), 1);
}

#[tokio::test]
async fn a_cancelled_payment_is_kept_and_a_late_charge_for_it_is_refunded() {
    let (app, _stub) = spawn_app_with_chapa(|_| {}).await;
    let (buyer, order_id) = buyer_with_order(&app, "buyer").await;
    let (payment_id, tx_ref) = checkout(&app, &buyer, order_id).await;

    let path = format!("/api/v1/payments/{payment_id}");
    assert_eq!(app.delete(&path, Some(&buyer.token)).await.status(), 204);
    assert_eq!(
        payment_of(&app, &buyer.token, payment_id).await["status"],
        "cancelled"
    );
    // The order can be paid again, through a new checkout.
    let (second_id, second_ref) = checkout(&app, &buyer, order_id).await;
    assert_ne!(second_id, payment_id);

    // On main the payment row was gone and the webhook answered "ignored".
    let ack = json_with_status(deliver_webhook(&app, &tx_ref).await, 200).await;
    assert_eq!(ack["result"], "processed");
    assert_eq!(ack["payment_status"], "completed");
    assert_eq!(refunds_of(&app, &buyer, payment_id).await.len(), 1);
    assert_eq!(order_status(&app, &buyer.token, order_id).await, "pending");

    // The live checkout still pays the order.
    json_with_status(deliver_webhook(&app, &second_ref).await, 200).await;
    assert_eq!(order_status(&app, &buyer.token, order_id).await, "paid");
    assert!(refunds_of(&app, &buyer, second_id).await.is_empty());
}

#[tokio::test]
async fn unpaid_orders_expire_once_and_return_their_stock() {
    let (app, stub) = spawn_app_with_chapa(|s| {
        s.payments.order_payment_ttl = Duration::from_millis(1);
    })
    .await;
    stub.set_mode(common::chapa::Mode::Pending);
    let buyer = app.create_user("buyer").await;
    let mug = app.create_product("Mug", "5.00", 10).await;
    let order = place_order(&app, &buyer, json!([{"product_id": mug, "quantity": 3}])).await;
    let order_id = order["id"].as_i64().unwrap();
    let (payment_id, _) = checkout(&app, &buyer, order_id).await;
    assert_eq!(app.stock_of(mug).await, 7);
    tokio::time::sleep(Duration::from_millis(5)).await;

    // Two workers sweep at once.
    let ctx = job_context(&app);
    let (a, b) = tokio::join!(
        housekeeping::sweep_once(&app.state.db, &ctx),
        housekeeping::sweep_once(&app.state.db, &ctx)
    );
    let expired: Vec<i64> = a.unwrap().into_iter().chain(b.unwrap()).collect();

    assert_eq!(expired, vec![order_id], "expired exactly once");
    assert_eq!(app.stock_of(mug).await, 10, "stock returned exactly once");
    assert_eq!(
        order_status(&app, &buyer.token, order_id).await,
        "cancelled"
    );
    assert_eq!(
        payment_of(&app, &buyer.token, payment_id).await["status"],
        "cancelled"
    );
    assert_eq!(app.jobs_of_type("send_order_expiry_email").await.len(), 1);
    assert!(
        event_kinds(&app, &buyer.token, order_id)
            .await
            .contains(&"order_expired".to_owned())
    );
}

#[tokio::test]
async fn the_worker_expires_unpaid_orders_on_its_schedule() {
    let (app, _stub) = spawn_app_with_chapa(|s| {
        s.payments.order_payment_ttl = Duration::from_millis(1);
        s.jobs.expiry_sweep = Duration::from_millis(50);
    })
    .await;
    let (buyer, order_id) = buyer_with_order(&app, "buyer").await;

    let worker = start_worker(&app, |_| {}).await;
    eventually("the order to expire", || async {
        (order_status(&app, &buyer.token, order_id).await == "cancelled").then_some(())
    })
    .await;
    worker.shutdown().await;
}

#[tokio::test]
async fn a_paid_order_is_never_expired() {
    let (app, _stub) = spawn_app_with_chapa(|s| {
        s.payments.order_payment_ttl = Duration::from_millis(1);
    })
    .await;
    let (buyer, order_id) = buyer_with_order(&app, "buyer").await;
    let (_, tx_ref) = checkout(&app, &buyer, order_id).await;
    json_with_status(deliver_webhook(&app, &tx_ref).await, 200).await;
    tokio::time::sleep(Duration::from_millis(5)).await;

    let expired = housekeeping::sweep_once(&app.state.db, &job_context(&app))
        .await
        .unwrap();

    assert!(expired.is_empty());
    assert_eq!(order_status(&app, &buyer.token, order_id).await, "paid");
}

#[tokio::test]
async fn an_overflowing_order_total_is_422_and_takes_no_stock() {
    let (app, _stub) = spawn_app_with_chapa(|_| {}).await;
    let buyer = app.create_user("buyer").await;
    let gold = app.create_product("Gold bar", "9999999.99", 100_000).await;

    // 10 000 x 9 999 999.99 does not fit NUMERIC(12,2); on main this was a 500.
    let resp = app
        .post(
            "/api/v1/orders",
            &json!({"shipping_address": "Bole", "items": [{"product_id": gold, "quantity": 10000}]}),
            Some(&buyer.token),
        )
        .await;
    let body = assert_error(resp, 422, "validation_failed").await;
    assert_eq!(body["error"]["details"]["field"], "items");
    assert_eq!(app.stock_of(gold).await, 100_000);
}

#[tokio::test]
async fn stock_delta_never_loses_concurrent_order_decrements() {
    // Many buyers sign in from one address.
    let (app, _stub) = spawn_app_with_chapa(|s| s.jwt.login_rate_limit = 1000).await;
    let admin = app.create_admin("boss").await;
    let mug = app.create_product("Mug", "5.00", 100).await;
    let names: Vec<String> = (0..10).map(|i| format!("buyer{i}")).collect();
    let buyers: Vec<TestUser> = join_all(names.iter().map(|n| app.create_user(n))).await;
    let path = format!("/api/v1/products/{mug}");

    let order_body =
        json!({"shipping_address": "Bole", "items": [{"product_id": mug, "quantity": 2}]});
    let delivery = json!({"stock_delta": 5});
    let orders = join_all(
        buyers
            .iter()
            .map(|b| app.post("/api/v1/orders", &order_body, Some(&b.token))),
    );
    let deliveries = join_all((0..10).map(|_| app.patch(&path, &delivery, Some(&admin.token))));
    let (orders, deliveries) = tokio::join!(orders, deliveries);

    assert!(orders.iter().all(|r| r.status() == 201));
    assert!(deliveries.iter().all(|r| r.status() == 200));
    assert_eq!(app.stock_of(mug).await, 100 - 20 + 50);

    assert_error(
        app.patch(&path, &json!({"stock_delta": -1000}), Some(&admin.token))
            .await,
        409,
        "insufficient_stock",
    )
    .await;
    assert_error(
        app.patch(
            &path,
            &json!({"stock": 3, "stock_delta": 1}),
            Some(&admin.token),
        )
        .await,
        400,
        "validation_failed",
    )
    .await;
    assert_eq!(app.stock_of(mug).await, 130);
}

// ------------------------------------------------------------------ races --

/// The payment settles (paid) or the charge is refunded (cancelled); never both kept.
async fn assert_paid_or_refunded(app: &TestApp, buyer: &TestUser, order_id: i64, payment_id: i64) {
    let status = order_status(app, &buyer.token, order_id).await;
    let payment = payment_of(app, &buyer.token, payment_id).await;
    assert_eq!(payment["status"], "completed", "{payment}");
    let refunds = payment["refunds"].as_array().unwrap();
    match status.as_str().unwrap() {
        "paid" => assert!(refunds.is_empty(), "paid and refunded: {payment}"),
        "cancelled" => {
            assert_eq!(refunds.len(), 1, "cancelled, charge kept: {payment}");
            assert_eq!(refunds[0]["amount"], payment["captured_amount"]);
        }
        other => panic!("unexpected order status {other}"),
    }
}

#[tokio::test]
async fn webhook_racing_a_cancel_ends_paid_or_refunded() {
    let (app, _stub) = spawn_app_with_chapa(|_| {}).await;
    for round in 0..8 {
        let (buyer, order_id) = buyer_with_order(&app, &format!("buyer{round}")).await;
        let (payment_id, tx_ref) = checkout(&app, &buyer, order_id).await;
        let (path, body) = (
            format!("/api/v1/orders/{order_id}"),
            json!({"status": "cancelled"}),
        );
        let cancel = app.patch(&path, &body, Some(&buyer.token));
        let (cancel, hook) = tokio::join!(cancel, deliver_webhook(&app, &tx_ref));

        assert_eq!(hook.status(), 200, "the webhook never fails");
        assert!(
            [200, 409].contains(&cancel.status().as_u16()),
            "cancel: {}",
            cancel.status()
        );
        assert_paid_or_refunded(&app, &buyer, order_id, payment_id).await;
    }
}

#[tokio::test]
async fn webhook_racing_an_item_change_never_changes_what_is_paid() {
    let (app, _stub) = spawn_app_with_chapa(|_| {}).await;
    let extra = app.create_product("Grinder", "100.00", 100).await;
    for round in 0..8 {
        let (buyer, order_id) = buyer_with_order(&app, &format!("buyer{round}")).await;
        let (_, tx_ref) = checkout(&app, &buyer, order_id).await;
        let (path, body) = (
            format!("/api/v1/orders/{order_id}/items"),
            json!({"product_id": extra, "quantity": 1}),
        );
        let add = app.post(&path, &body, Some(&buyer.token));
        let (add, hook) = tokio::join!(add, deliver_webhook(&app, &tx_ref));

        assert_eq!(hook.status(), 200);
        assert_eq!(add.status(), 409, "items are frozen (or the order is paid)");
        let order = json_with_status(
            app.get(&format!("/api/v1/orders/{order_id}"), Some(&buyer.token))
                .await,
            200,
        )
        .await;
        assert_eq!(order["status"], "paid");
        assert_eq!(order["total_amount"], "25.00");
    }
    assert_eq!(app.stock_of(extra).await, 100);
}

#[tokio::test]
async fn expiry_racing_a_webhook_ends_paid_or_refunded_never_both() {
    let (app, _stub) = spawn_app_with_chapa(|s| {
        s.payments.order_payment_ttl = Duration::from_millis(1);
    })
    .await;
    let ctx = Arc::new(job_context(&app));
    for round in 0..6 {
        let (buyer, order_id) = buyer_with_order(&app, &format!("buyer{round}")).await;
        let (payment_id, tx_ref) = checkout(&app, &buyer, order_id).await;
        tokio::time::sleep(Duration::from_millis(2)).await;

        let (sweep, hook) = tokio::join!(
            housekeeping::sweep_once(&app.state.db, &ctx),
            deliver_webhook(&app, &tx_ref)
        );

        sweep.unwrap();
        assert_eq!(hook.status(), 200);
        assert_paid_or_refunded(&app, &buyer, order_id, payment_id).await;
    }
}

#[tokio::test]
async fn orders_locking_the_same_products_in_opposite_order_all_succeed() {
    // Many buyers sign in from one address.
    let (app, _stub) = spawn_app_with_chapa(|s| s.jwt.login_rate_limit = 1000).await;
    let a = app.create_product("A", "1.00", 1000).await;
    let b = app.create_product("B", "2.00", 1000).await;
    let c = app.create_product("C", "3.00", 1000).await;
    let names: Vec<String> = (0..24).map(|i| format!("buyer{i}")).collect();
    let buyers: Vec<TestUser> = join_all(names.iter().map(|n| app.create_user(n))).await;

    let line = |p: i64| json!({"product_id": p, "quantity": 1});
    let bodies: Vec<Value> = [[a, b, c], [c, b, a], [b, c, a]]
        .iter()
        .map(|ids| json!({"shipping_address": "Bole", "items": ids.map(line)}))
        .collect();
    let responses = join_all(
        buyers
            .iter()
            .enumerate()
            .map(|(i, buyer)| app.post("/api/v1/orders", &bodies[i % 3], Some(&buyer.token))),
    )
    .await;

    for resp in responses {
        assert_eq!(resp.status(), 201, "{}", resp.text().await.unwrap());
    }
    for product in [a, b, c] {
        assert_eq!(app.stock_of(product).await, 1000 - 24);
    }
}

#[tokio::test]
async fn deleting_an_order_racing_its_webhook_never_answers_500() {
    let (app, _stub) = spawn_app_with_chapa(|_| {}).await;
    for round in 0..6 {
        let (buyer, order_id) = buyer_with_order(&app, &format!("buyer{round}")).await;
        let (payment_id, tx_ref) = checkout(&app, &buyer, order_id).await;
        let path = format!("/api/v1/orders/{order_id}");
        let delete = app.delete(&path, Some(&buyer.token));
        let (delete, hook) = tokio::join!(delete, deliver_webhook(&app, &tx_ref));

        assert_eq!(hook.status(), 200);
        assert_eq!(delete.status(), 409, "orders with payments are kept");
        assert_eq!(order_status(&app, &buyer.token, order_id).await, "paid");
        assert_eq!(
            payment_of(&app, &buyer.token, payment_id).await["status"],
            "completed"
        );
    }
}
