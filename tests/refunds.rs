//! Refunds (issue #12, I6): admin refunds through Chapa, full and partial,
//! idempotent, bounded by what was charged; the worker asks Chapa with
//! retries; failures alert the admins. The order's history records each step.

mod common;

use std::time::Duration;

use common::{
    TestApp, TestUser, assert_error,
    chapa::RefundMode,
    json_with_status,
    payments::{
        buyer_with_order, deliver_webhook, eventually, order_status, pay, payment_of, start_worker,
    },
    spawn_app_with_chapa,
};
use futures::future::join_all;
use serde_json::{Value, json};

/// A buyer whose 25.00 order (2 x Coffee, stock 100 → 98) is paid; returns (buyer, order, payment, `tx_ref`, product).
async fn paid_order(app: &TestApp) -> (TestUser, i64, i64, String, i64) {
    let (buyer, order_id) = buyer_with_order(app, "buyer").await;
    let payment = json_with_status(pay(app, &buyer.token, order_id).await, 201).await;
    let tx_ref = payment["tx_ref"].as_str().unwrap().to_owned();
    json_with_status(deliver_webhook(app, &tx_ref).await, 200).await;
    let order = json_with_status(
        app.get(&format!("/api/v1/orders/{order_id}"), Some(&buyer.token))
            .await,
        200,
    )
    .await;
    assert_eq!(order["status"], "paid");
    let product = order["items"][0]["product_id"].as_i64().unwrap();
    (
        buyer,
        order_id,
        payment["id"].as_i64().unwrap(),
        tx_ref,
        product,
    )
}

/// `POST /payments/{id}/refund` with an optional Idempotency-Key.
async fn refund(
    app: &TestApp,
    token: &str,
    payment_id: i64,
    body: &Value,
    key: Option<&str>,
) -> reqwest::Response {
    let mut req = app
        .client
        .post(app.url(&format!("/api/v1/payments/{payment_id}/refund")))
        .bearer_auth(token)
        .json(body);
    if let Some(key) = key {
        req = req.header("Idempotency-Key", key);
    }
    req.send().await.unwrap()
}

/// Waits until every refund of the payment has Chapa's final answer; returns the payment.
async fn settled_payment(app: &TestApp, token: &str, payment_id: i64) -> Value {
    eventually("the refunds to settle", || async {
        let p = payment_of(app, token, payment_id).await;
        p["refunds"]
            .as_array()
            .unwrap()
            .iter()
            .all(|r| r["status"] != "pending")
            .then_some(p)
    })
    .await
}

#[tokio::test]
async fn a_full_refund_refunds_the_payment_and_the_order_and_returns_unshipped_stock() {
    let (app, stub) = spawn_app_with_chapa(|_| {}).await;
    let admin = app.create_admin("boss").await;
    let (buyer, order_id, payment_id, tx_ref, product) = paid_order(&app).await;
    assert_eq!(app.stock_of(product).await, 98);

    let body = json!({"reason": "customer changed their mind"});
    let accepted = json_with_status(
        refund(&app, &admin.token, payment_id, &body, None).await,
        202,
    )
    .await;
    assert_eq!(accepted["status"], "pending");
    assert_eq!(accepted["amount"], "25.00");
    assert_eq!(accepted["requested_by"], admin.id);

    let worker = start_worker(&app, |_| {}).await;
    let payment = settled_payment(&app, &buyer.token, payment_id).await;
    worker.shutdown().await;

    assert_eq!(payment["status"], "refunded");
    assert_eq!(payment["refunded_amount"], "25.00");
    assert_eq!(payment["refunds"][0]["status"], "succeeded");
    assert!(payment["refunds"][0]["provider_reference"].is_string());
    assert_eq!(stub.refunded_total(&tx_ref), "25.00".parse().unwrap());
    let sent = &stub.refund_requests()[0].1;
    assert_eq!(sent["amount"], "25.00");
    assert_eq!(sent["reason"], "customer changed their mind");
    assert!(sent["reference"].is_string());
    assert_eq!(order_status(&app, &buyer.token, order_id).await, "refunded");
    assert_eq!(app.stock_of(product).await, 100, "unshipped stock is back");
    let emails = app.jobs_of_type("send_refund_email").await;
    assert_eq!(emails.len(), 1);
    assert_eq!(emails[0]["amount"], "25.00");
}

#[tokio::test]
async fn partial_refunds_add_up_to_at_most_what_was_charged() {
    let (app, stub) = spawn_app_with_chapa(|_| {}).await;
    let admin = app.create_admin("boss").await;
    let (buyer, order_id, payment_id, tx_ref, product) = paid_order(&app).await;

    json_with_status(
        refund(
            &app,
            &admin.token,
            payment_id,
            &json!({"amount": "10.00"}),
            None,
        )
        .await,
        202,
    )
    .await;
    let too_much = assert_error(
        refund(
            &app,
            &admin.token,
            payment_id,
            &json!({"amount": "15.01"}),
            None,
        )
        .await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(too_much["error"]["details"]["field"], "amount");
    assert!(
        too_much["error"]["message"]
            .as_str()
            .unwrap()
            .contains("15.00"),
        "{too_much}"
    );

    let worker = start_worker(&app, |_| {}).await;
    let payment = settled_payment(&app, &buyer.token, payment_id).await;
    assert_eq!(payment["status"], "completed", "partly refunded");
    assert_eq!(payment["refunded_amount"], "10.00");
    assert_eq!(order_status(&app, &buyer.token, order_id).await, "paid");
    assert_eq!(
        app.stock_of(product).await,
        98,
        "a partial refund keeps the sale"
    );

    // The rest, without an amount.
    let rest = json_with_status(
        refund(&app, &admin.token, payment_id, &json!({}), None).await,
        202,
    )
    .await;
    assert_eq!(rest["amount"], "15.00");
    let payment = settled_payment(&app, &buyer.token, payment_id).await;
    worker.shutdown().await;
    assert_eq!(payment["status"], "refunded", "{payment}");
    assert_eq!(stub.refunded_total(&tx_ref), "25.00".parse().unwrap());
    assert_eq!(order_status(&app, &buyer.token, order_id).await, "refunded");

    assert_error(
        refund(&app, &admin.token, payment_id, &json!({}), None).await,
        409,
        "payment_not_refundable",
    )
    .await;
}

#[tokio::test]
async fn concurrent_refunds_never_exceed_the_charge() {
    let (app, _stub) = spawn_app_with_chapa(|_| {}).await;
    let admin = app.create_admin("boss").await;
    let (buyer, _, payment_id, _, _) = paid_order(&app).await;

    let body = json!({"amount": "15.00"});
    let responses =
        join_all((0..6).map(|_| refund(&app, &admin.token, payment_id, &body, None))).await;

    let statuses: Vec<u16> = responses.iter().map(|r| r.status().as_u16()).collect();
    assert_eq!(
        statuses.iter().filter(|&&s| s == 202).count(),
        1,
        "{statuses:?}"
    );
    assert!(
        statuses.iter().all(|&s| s == 202 || s == 422),
        "{statuses:?}"
    );
    let refunds = payment_of(&app, &buyer.token, payment_id).await["refunds"]
        .as_array()
        .unwrap()
        .len();
    assert_eq!(refunds, 1);
}

#[tokio::test]
async fn the_same_idempotency_key_refunds_once_even_when_raced() {
    let (app, stub) = spawn_app_with_chapa(|_| {}).await;
    let admin = app.create_admin("boss").await;
    let (buyer, _, payment_id, tx_ref, _) = paid_order(&app).await;
    let body = json!({"amount": "5.00", "reason": "late delivery"});

    let responses =
        join_all((0..4).map(|_| refund(&app, &admin.token, payment_id, &body, Some("refund-42"))))
            .await;

    let mut ids = Vec::new();
    let mut accepted = 0;
    for resp in responses {
        let status = resp.status().as_u16();
        let json: Value = resp.json().await.unwrap();
        assert!(status == 202 || status == 200, "{status}: {json}");
        accepted += usize::from(status == 202);
        ids.push(json["id"].as_i64().unwrap());
    }
    assert_eq!(accepted, 1);
    ids.dedup();
    assert_eq!(ids.len(), 1);
    // Same key, different request: refused.
    assert_error(
        refund(
            &app,
            &admin.token,
            payment_id,
            &json!({"amount": "6.00"}),
            Some("refund-42"),
        )
        .await,
        422,
        "validation_failed",
    )
    .await;

    let worker = start_worker(&app, |_| {}).await;
    settled_payment(&app, &buyer.token, payment_id).await;
    worker.shutdown().await;
    assert_eq!(stub.refunded_total(&tx_ref), "5.00".parse().unwrap());
}

#[tokio::test]
async fn only_admins_refund_and_only_charged_payments() {
    let (app, _stub) = spawn_app_with_chapa(|_| {}).await;
    let admin = app.create_admin("boss").await;
    let (buyer, order_id) = buyer_with_order(&app, "buyer").await;
    let pending = json_with_status(pay(&app, &buyer.token, order_id).await, 201).await;
    let id = pending["id"].as_i64().unwrap();

    assert_error(
        refund(&app, &buyer.token, id, &json!({}), None).await,
        403,
        "forbidden",
    )
    .await;
    assert_error(
        refund(&app, &admin.token, id, &json!({}), None).await,
        409,
        "payment_not_refundable",
    )
    .await;
    assert_error(
        refund(&app, &admin.token, 999_999, &json!({}), None).await,
        404,
        "not_found",
    )
    .await;
    for bad in [
        json!({"amount": "0.00"}),
        json!({"amount": "-1"}),
        json!({"amount": "1.001"}),
        json!({"reason": "   "}),
    ] {
        assert_error(
            refund(&app, &admin.token, id, &bad, None).await,
            422,
            "validation_failed",
        )
        .await;
    }
    // An empty reason breaks the schema's minLength: 400 before the handler.
    let empty = assert_error(
        refund(&app, &admin.token, id, &json!({"reason": ""}), None).await,
        400,
        "validation_failed",
    )
    .await;
    assert_eq!(empty["error"]["details"]["field"], "reason");
}

#[tokio::test]
async fn refunding_a_shipped_order_keeps_its_stock_out() {
    let (app, _stub) = spawn_app_with_chapa(|_| {}).await;
    let admin = app.create_admin("boss").await;
    let (buyer, order_id, payment_id, _, product) = paid_order(&app).await;
    let path = format!("/api/v1/orders/{order_id}");
    for status in ["processing", "shipped"] {
        json_with_status(
            app.patch(&path, &json!({"status": status}), Some(&admin.token))
                .await,
            200,
        )
        .await;
    }

    json_with_status(
        refund(&app, &admin.token, payment_id, &json!({}), None).await,
        202,
    )
    .await;
    let worker = start_worker(&app, |_| {}).await;
    settled_payment(&app, &buyer.token, payment_id).await;
    worker.shutdown().await;

    assert_eq!(order_status(&app, &buyer.token, order_id).await, "refunded");
    assert_eq!(
        app.stock_of(product).await,
        98,
        "shipped units are not back"
    );
}

/// A late charge on a cancelled order, so an automatic refund is requested.
async fn automatic_refund(app: &TestApp) -> (TestUser, i64, String) {
    let (buyer, order_id) = buyer_with_order(app, "buyer").await;
    let payment = json_with_status(pay(app, &buyer.token, order_id).await, 201).await;
    let tx_ref = payment["tx_ref"].as_str().unwrap().to_owned();
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
    json_with_status(deliver_webhook(app, &tx_ref).await, 200).await;
    (buyer, payment["id"].as_i64().unwrap(), tx_ref)
}

#[tokio::test]
async fn a_refund_chapa_refuses_ends_refund_failed_and_alerts_the_admins() {
    let (app, stub) = spawn_app_with_chapa(|s| {
        s.email.admin_alert_email = Some("ops@example.com".into());
    })
    .await;
    stub.set_refund_mode(RefundMode::Fail);
    let (buyer, payment_id, _) = automatic_refund(&app).await;

    let worker = start_worker(&app, |_| {}).await;
    let payment = settled_payment(&app, &buyer.token, payment_id).await;
    let alerts = eventually("the admin alert job", || async {
        let jobs = app.jobs_of_type("send_refund_failed_alert").await;
        (!jobs.is_empty()).then_some(jobs)
    })
    .await;
    worker.shutdown().await;

    assert_eq!(payment["status"], "refund_failed");
    let refund = &payment["refunds"][0];
    assert_eq!(refund["status"], "failed");
    let reason = refund["failure_reason"].as_str().unwrap();
    assert!(
        !reason.contains("insufficient balance"),
        "no upstream text: {reason}"
    );
    assert_eq!(alerts.len(), 1);
    assert_eq!(alerts[0]["payment_id"], payment_id);
    assert_eq!(stub.refund_requests().len(), 1, "a refusal is not retried");
}

#[tokio::test]
async fn a_refund_is_retried_through_transient_failures_with_the_same_reference() {
    let (app, stub) = spawn_app_with_chapa(|_| {}).await;
    stub.fail_next_refunds(2);
    let (buyer, payment_id, tx_ref) = automatic_refund(&app).await;

    let worker = start_worker(&app, |_| {}).await;
    let payment = settled_payment(&app, &buyer.token, payment_id).await;
    worker.shutdown().await;

    assert_eq!(payment["status"], "refunded");
    let requests = stub.refund_requests();
    assert_eq!(requests.len(), 3, "two 503s, then success");
    let references: Vec<&Value> = requests.iter().map(|(_, b)| &b["reference"]).collect();
    assert!(
        references.windows(2).all(|w| w[0] == w[1]),
        "{references:?}"
    );
    assert_eq!(stub.refunded_total(&tx_ref), "25.00".parse().unwrap());
}

#[tokio::test]
async fn a_refund_chapa_never_answers_fails_after_the_last_attempt() {
    let (app, stub) = spawn_app_with_chapa(|s| {
        s.jobs.max_attempts = 2;
        s.email.admin_alert_email = Some("ops@example.com".into());
    })
    .await;
    stub.set_refund_mode(RefundMode::Hang);
    let (buyer, payment_id, _) = automatic_refund(&app).await;

    let worker = start_worker(&app, |_| {}).await;
    let payment = settled_payment(&app, &buyer.token, payment_id).await;
    worker.shutdown().await;

    assert_eq!(payment["status"], "refund_failed");
    assert_eq!(stub.refund_requests().len(), 2, "one try per attempt");
    assert_eq!(app.jobs_of_type("send_refund_failed_alert").await.len(), 1);
}

#[tokio::test]
async fn a_slow_refund_still_succeeds() {
    let (app, stub) = spawn_app_with_chapa(|_| {}).await;
    stub.set_refund_mode(RefundMode::Delay(Duration::from_millis(200)));
    let (buyer, payment_id, _) = automatic_refund(&app).await;

    let worker = start_worker(&app, |_| {}).await;
    let payment = settled_payment(&app, &buyer.token, payment_id).await;
    worker.shutdown().await;
    assert_eq!(payment["status"], "refunded");
}
