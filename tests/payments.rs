//! Payments: Chapa checkout, verification, signed idempotent webhook, access rules.

mod common;

use common::{
    assert_error,
    chapa::{Mode, WEBHOOK_SECRET},
    json_with_status,
    payments::{buyer_with_order, event, order_status, pay, signed, webhook},
    spawn_app_with_chapa,
};
use ecommerce::payments::signature;
use serde_json::json;

#[tokio::test]
async fn owner_pays_own_order_with_amount_from_the_order() {
    let (app, stub) = spawn_app_with_chapa(|_| {}).await;
    let (buyer, order_id) = buyer_with_order(&app, "buyer").await;

    let payment = json_with_status(pay(&app, &buyer.token, order_id).await, 201).await;

    assert_eq!(payment["status"], "pending");
    assert_eq!(payment["amount"], "25.00");
    assert_eq!(payment["currency"], "ETB");
    assert_eq!(payment["provider"], "chapa");
    let tx_ref = payment["tx_ref"].as_str().unwrap();
    assert!(
        tx_ref.starts_with(&format!("order-{order_id}-")),
        "{tx_ref}"
    );
    assert!(payment["checkout_url"].as_str().unwrap().contains(tx_ref));
    let requests = stub.init_requests();
    assert_eq!(requests.len(), 1);
    let (auth, body) = &requests[0];
    assert_eq!(
        auth.as_deref(),
        Some(format!("Bearer {}", common::chapa::SECRET_KEY).as_str())
    );
    assert_eq!(body["amount"], "25.00");
    assert_eq!(body["email"], "buyer@example.com");
    assert_eq!(body["tx_ref"], tx_ref);
    assert!(
        body["callback_url"]
            .as_str()
            .unwrap()
            .ends_with("/api/v1/payments/callback")
    );
    assert!(body["return_url"].is_string());
}

#[tokio::test]
async fn paying_someone_elses_or_a_missing_order_is_404() {
    let (app, stub) = spawn_app_with_chapa(|_| {}).await;
    let (_, order_id) = buyer_with_order(&app, "buyer").await;
    let thief = app.create_user("thief").await;

    assert_error(pay(&app, &thief.token, order_id).await, 404, "not_found").await;
    assert_error(pay(&app, &thief.token, 999_999).await, 404, "not_found").await;
    assert_error(pay(&app, "garbage", order_id).await, 401, "unauthorized").await;
    assert!(stub.init_requests().is_empty(), "Chapa was never called");
}

#[tokio::test]
async fn admin_may_pay_any_order() {
    let (app, _stub) = spawn_app_with_chapa(|_| {}).await;
    let (_, order_id) = buyer_with_order(&app, "buyer").await;
    let admin = app.create_admin("boss").await;
    json_with_status(pay(&app, &admin.token, order_id).await, 201).await;
}

#[tokio::test]
async fn paying_a_non_pending_order_is_409() {
    let (app, _stub) = spawn_app_with_chapa(|_| {}).await;
    let (buyer, order_id) = buyer_with_order(&app, "buyer").await;
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
    assert_error(
        pay(&app, &buyer.token, order_id).await,
        409,
        "order_not_pending",
    )
    .await;
}

#[tokio::test]
async fn good_webhook_completes_payment_and_pays_order_once() {
    let (app, stub) = spawn_app_with_chapa(|_| {}).await;
    let (buyer, order_id) = buyer_with_order(&app, "buyer").await;
    let payment = json_with_status(pay(&app, &buyer.token, order_id).await, 201).await;
    let tx_ref = payment["tx_ref"].as_str().unwrap();

    let body = event(tx_ref);
    let ack = json_with_status(webhook(&app, &body, signed(&body)).await, 200).await;
    assert_eq!(ack["result"], "processed");
    assert_eq!(ack["payment_status"], "completed");
    let stored = json_with_status(
        app.get(
            &format!("/api/v1/payments/{}", payment["id"]),
            Some(&buyer.token),
        )
        .await,
        200,
    )
    .await;
    assert_eq!(stored["status"], "completed");
    assert!(stored["provider_reference"].is_string());
    assert_eq!(order_status(&app, &buyer.token, order_id).await, "paid");
    let emails = app.jobs_of_type("send_payment_completion_email").await;
    assert_eq!(emails.len(), 1);
    assert_eq!(emails[0]["status"], "completed");
    assert_eq!(emails[0]["amount"], "25.00");

    // A duplicate delivery changes nothing and is still acknowledged.
    let calls = stub.verify_calls();
    let again = json_with_status(webhook(&app, &body, signed(&body)).await, 200).await;
    assert_eq!(again["payment_status"], "completed");
    assert_eq!(
        app.jobs_of_type("send_payment_completion_email")
            .await
            .len(),
        1,
        "no second email"
    );
    assert_eq!(
        stub.verify_calls(),
        calls,
        "settled payments are not re-verified"
    );
    // The callback is safe to call too.
    let cb = json_with_status(
        app.get(
            &format!("/api/v1/payments/callback?trx_ref={tx_ref}&status=success"),
            None,
        )
        .await,
        200,
    )
    .await;
    assert_eq!(cb["payment_status"], "completed");
    // The order is paid: no second payment.
    assert_error(
        pay(&app, &buyer.token, order_id).await,
        409,
        "order_not_pending",
    )
    .await;
}

#[tokio::test]
async fn webhook_without_or_with_a_bad_signature_is_401_and_changes_nothing() {
    let (app, stub) = spawn_app_with_chapa(|_| {}).await;
    let (buyer, order_id) = buyer_with_order(&app, "buyer").await;
    let payment = json_with_status(pay(&app, &buyer.token, order_id).await, 201).await;
    let body = event(payment["tx_ref"].as_str().unwrap());

    let forged = Some(signature::sign(
        b"not-the-secret",
        body.to_string().as_bytes(),
    ));
    let other_body = Some(signature::sign(WEBHOOK_SECRET.as_bytes(), b"{}"));
    for sig in [None, forged, other_body, Some("zz".to_owned())] {
        assert_error(webhook(&app, &body, sig).await, 401, "unauthorized").await;
    }
    assert_eq!(
        stub.verify_calls(),
        0,
        "no verify before the signature checks out"
    );
    assert_eq!(order_status(&app, &buyer.token, order_id).await, "pending");
    let stored = json_with_status(
        app.get(
            &format!("/api/v1/payments/{}", payment["id"]),
            Some(&buyer.token),
        )
        .await,
        200,
    )
    .await;
    assert_eq!(stored["status"], "pending");
}

#[tokio::test]
async fn chapa_signature_header_is_accepted_too() {
    let (app, _stub) = spawn_app_with_chapa(|_| {}).await;
    let (buyer, order_id) = buyer_with_order(&app, "buyer").await;
    let payment = json_with_status(pay(&app, &buyer.token, order_id).await, 201).await;
    let body = event(payment["tx_ref"].as_str().unwrap());
    let resp = app
        .client
        .post(app.url("/api/v1/payments/webhook"))
        .header("content-type", "application/json")
        .header("Chapa-Signature", signed(&body).unwrap())
        .body(body.to_string())
        .send()
        .await
        .unwrap();
    assert_eq!(
        json_with_status(resp, 200).await["payment_status"],
        "completed"
    );
}

#[tokio::test]
async fn verify_saying_failed_marks_payment_failed_and_order_stays_pending() {
    let (app, stub) = spawn_app_with_chapa(|_| {}).await;
    let (buyer, order_id) = buyer_with_order(&app, "buyer").await;
    let payment = json_with_status(pay(&app, &buyer.token, order_id).await, 201).await;
    stub.set_mode(Mode::Decline);

    let body = event(payment["tx_ref"].as_str().unwrap());
    let ack = json_with_status(webhook(&app, &body, signed(&body)).await, 200).await;

    assert_eq!(ack["payment_status"], "failed");
    assert_eq!(order_status(&app, &buyer.token, order_id).await, "pending");
    let emails = app.jobs_of_type("send_payment_completion_email").await;
    assert_eq!(emails.len(), 1);
    assert_eq!(emails[0]["status"], "failed");
}

#[tokio::test]
async fn verify_still_pending_changes_nothing() {
    let (app, stub) = spawn_app_with_chapa(|_| {}).await;
    let (buyer, order_id) = buyer_with_order(&app, "buyer").await;
    let payment = json_with_status(pay(&app, &buyer.token, order_id).await, 201).await;
    stub.set_mode(Mode::Pending);
    let tx_ref = payment["tx_ref"].as_str().unwrap();
    let cb = json_with_status(
        app.get(&format!("/api/v1/payments/callback?trx_ref={tx_ref}"), None)
            .await,
        200,
    )
    .await;
    assert_eq!(cb["payment_status"], "pending");
    assert!(
        app.jobs_of_type("send_payment_completion_email")
            .await
            .is_empty()
    );
}

#[tokio::test]
async fn amount_mismatch_records_the_charge_and_refunds_it_without_paying_the_order() {
    let (app, stub) = spawn_app_with_chapa(|_| {}).await;
    let (buyer, order_id) = buyer_with_order(&app, "buyer").await;
    let payment = json_with_status(pay(&app, &buyer.token, order_id).await, 201).await;
    stub.set_mode(Mode::WrongAmount);

    let tx_ref = payment["tx_ref"].as_str().unwrap();
    let cb = json_with_status(
        app.get(&format!("/api/v1/payments/callback?trx_ref={tx_ref}"), None)
            .await,
        200,
    )
    .await;

    assert_eq!(cb["payment_status"], "completed");
    assert_eq!(order_status(&app, &buyer.token, order_id).await, "pending");
    let stored = json_with_status(
        app.get(
            &format!("/api/v1/payments/{}", payment["id"]),
            Some(&buyer.token),
        )
        .await,
        200,
    )
    .await;
    assert_eq!(stored["captured_amount"], "1.00");
    let refund = &stored["refunds"][0];
    assert_eq!(refund["amount"], "1.00");
    assert!(
        refund["reason"]
            .as_str()
            .unwrap()
            .contains("the order total is 25.00"),
        "{refund}"
    );
}

#[tokio::test]
async fn chapa_down_or_refusing_gives_502_and_a_failed_payment() {
    for mode in [Mode::Hang, Mode::Refuse] {
        let (app, stub) = spawn_app_with_chapa(|_| {}).await;
        let (buyer, order_id) = buyer_with_order(&app, "buyer").await;
        stub.set_mode(mode);

        assert_error(pay(&app, &buyer.token, order_id).await, 502, "bad_gateway").await;

        let list =
            json_with_status(app.get("/api/v1/payments", Some(&buyer.token)).await, 200).await;
        let items = list["items"].as_array().unwrap();
        assert_eq!(items.len(), 1, "{mode:?}: the attempt is recorded");
        assert_eq!(items[0]["status"], "failed", "{mode:?}");
        assert!(items[0]["checkout_url"].is_null());
        assert_eq!(
            order_status(&app, &buyer.token, order_id).await,
            "pending",
            "{mode:?}"
        );
        // Once Chapa is back, paying works.
        stub.set_mode(Mode::Succeed);
        json_with_status(pay(&app, &buyer.token, order_id).await, 201).await;
    }
}

#[tokio::test]
async fn unknown_reference_is_acknowledged_but_ignored() {
    let (app, _stub) = spawn_app_with_chapa(|_| {}).await;
    let body = event("order-1-doesnotexist");
    let ack = json_with_status(webhook(&app, &body, signed(&body)).await, 200).await;
    assert_eq!(ack["result"], "ignored");
    assert_error(
        app.get("/api/v1/payments/callback", None).await,
        400,
        "validation_failed",
    )
    .await;
}

#[tokio::test]
async fn payments_are_visible_to_owner_and_admin_only_and_deletable_while_pending() {
    let (app, _stub) = spawn_app_with_chapa(|_| {}).await;
    let (buyer, order_id) = buyer_with_order(&app, "buyer").await;
    let other = app.create_user("other").await;
    let admin = app.create_admin("boss").await;
    let payment = json_with_status(pay(&app, &buyer.token, order_id).await, 201).await;
    let path = format!("/api/v1/payments/{}", payment["id"]);

    assert_error(app.get(&path, Some(&other.token)).await, 404, "not_found").await;
    assert_error(
        app.delete(&path, Some(&other.token)).await,
        404,
        "not_found",
    )
    .await;
    let others = json_with_status(app.get("/api/v1/payments", Some(&other.token)).await, 200).await;
    assert!(others["items"].as_array().unwrap().is_empty());
    let all = json_with_status(app.get("/api/v1/payments", Some(&admin.token)).await, 200).await;
    assert_eq!(all["items"].as_array().unwrap().len(), 1);

    assert_eq!(app.delete(&path, Some(&buyer.token)).await.status(), 204);
    let cancelled = json_with_status(app.get(&path, Some(&buyer.token)).await, 200).await;
    assert_eq!(cancelled["status"], "cancelled", "kept as history");
    assert_error(
        app.delete(&path, Some(&buyer.token)).await,
        409,
        "payment_not_pending",
    )
    .await;

    // Settled payments cannot be deleted.
    let second = json_with_status(pay(&app, &buyer.token, order_id).await, 201).await;
    let body = event(second["tx_ref"].as_str().unwrap());
    json_with_status(webhook(&app, &body, signed(&body)).await, 200).await;
    assert_error(
        app.delete(
            &format!("/api/v1/payments/{}", second["id"]),
            Some(&admin.token),
        )
        .await,
        409,
        "payment_not_pending",
    )
    .await;
}

#[tokio::test]
async fn idempotency_key_returns_the_same_payment() {
    let (app, stub) = spawn_app_with_chapa(|_| {}).await;
    let (buyer, order_id) = buyer_with_order(&app, "buyer").await;
    let send = || {
        app.client
            .post(app.url("/api/v1/payments"))
            .bearer_auth(&buyer.token)
            .header("Idempotency-Key", "pay-1")
            .json(&json!({"order_id": order_id}))
            .send()
    };
    let first = json_with_status(send().await.unwrap(), 201).await;
    let second = json_with_status(send().await.unwrap(), 200).await;
    assert_eq!(first["id"], second["id"]);
    assert_eq!(stub.init_requests().len(), 1);
}

#[tokio::test]
async fn payment_list_pages_with_cursors() {
    let (app, _stub) = spawn_app_with_chapa(|_| {}).await;
    let (buyer, order_id) = buyer_with_order(&app, "buyer").await;
    let mut ids = vec![];
    for _ in 0..3 {
        let id = json_with_status(pay(&app, &buyer.token, order_id).await, 201).await["id"]
            .as_i64()
            .unwrap();
        // One live checkout per order: cancel it before the next.
        let cancel = app
            .delete(&format!("/api/v1/payments/{id}"), Some(&buyer.token))
            .await;
        assert_eq!(cancel.status(), 204);
        ids.push(id);
    }
    ids.reverse();
    let first = json_with_status(
        app.get("/api/v1/payments?limit=2", Some(&buyer.token))
            .await,
        200,
    )
    .await;
    let cursor = first["next_cursor"].as_str().unwrap();
    let second = json_with_status(
        app.get(
            &format!("/api/v1/payments?limit=2&cursor={cursor}"),
            Some(&buyer.token),
        )
        .await,
        200,
    )
    .await;
    let seen: Vec<i64> = first["items"]
        .as_array()
        .unwrap()
        .iter()
        .chain(second["items"].as_array().unwrap())
        .map(|p| p["id"].as_i64().unwrap())
        .collect();
    assert_eq!(seen, ids);
    assert!(second["next_cursor"].is_null());
    assert_eq!(
        app.get("/api/v1/payments?cursor=nope", Some(&buyer.token))
            .await
            .status(),
        400
    );
}

#[tokio::test]
async fn orders_with_payments_cannot_be_deleted() {
    let (app, stub) = spawn_app_with_chapa(|_| {}).await;
    let (buyer, order_id) = buyer_with_order(&app, "buyer").await;
    stub.set_mode(Mode::Refuse);
    assert_eq!(pay(&app, &buyer.token, order_id).await.status(), 502);
    let path = format!("/api/v1/orders/{order_id}");
    let order = json_with_status(app.get(&path, Some(&buyer.token)).await, 200).await;
    let product_id = order["items"][0]["product_id"].as_i64().unwrap();

    assert_error(
        app.delete(&path, Some(&buyer.token)).await,
        409,
        "order_has_payments",
    )
    .await;

    assert_eq!(order_status(&app, &buyer.token, order_id).await, "pending");
    assert_eq!(
        app.stock_of(product_id).await,
        98,
        "the failed delete returned no stock"
    );
}

#[tokio::test]
async fn reusing_an_idempotency_key_for_another_order_is_422() {
    let (app, stub) = spawn_app_with_chapa(|_| {}).await;
    let (buyer, first_order) = buyer_with_order(&app, "buyer").await;
    let product = app.create_product("Tea", "3.00", 10).await;
    let second_order = json_with_status(
        app.post(
            "/api/v1/orders",
            &json!({"shipping_address": "Bole", "items": [{"product_id": product, "quantity": 1}]}),
            Some(&buyer.token),
        )
        .await,
        201,
    )
    .await["id"]
        .as_i64()
        .unwrap();
    let send = |order_id: i64| {
        app.client
            .post(app.url("/api/v1/payments"))
            .bearer_auth(&buyer.token)
            .header("Idempotency-Key", "pay-9")
            .json(&json!({"order_id": order_id}))
            .send()
    };

    json_with_status(send(first_order).await.unwrap(), 201).await;
    assert_error(send(second_order).await.unwrap(), 422, "validation_failed").await;
    assert_eq!(stub.init_requests().len(), 1, "Chapa was called once");
}
