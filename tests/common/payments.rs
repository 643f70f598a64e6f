//! Payment helpers shared by the payment, refund and money-integrity tests.

use std::{sync::Arc, time::Duration};

use ecommerce::{
    config::Settings,
    jobs::{
        broker::Topology,
        worker::{self, WorkerHandle, WorkerOptions},
    },
    payments::signature,
};
use secrecy::ExposeSecret;
use serde_json::{Value, json};

use super::{TestApp, TestUser, chapa::WEBHOOK_SECRET, json_with_status};

/// A buyer with a pending order of 2 x 12.50 = 25.00.
pub async fn buyer_with_order(app: &TestApp, name: &str) -> (TestUser, i64) {
    let buyer = app.create_user(name).await;
    let product = app.create_product("Coffee", "12.50", 100).await;
    let order = json_with_status(
        app.post(
            "/api/v1/orders",
            &json!({"shipping_address": "Bole", "items": [{"product_id": product, "quantity": 2}]}),
            Some(&buyer.token),
        )
        .await,
        201,
    )
    .await;
    (buyer, order["id"].as_i64().unwrap())
}

/// `POST /payments` for the order.
pub async fn pay(app: &TestApp, token: &str, order_id: i64) -> reqwest::Response {
    app.post(
        "/api/v1/payments",
        &json!({"order_id": order_id}),
        Some(token),
    )
    .await
}

/// Delivers a webhook body with the given signature header (or none).
pub async fn webhook(
    app: &TestApp,
    body: &Value,
    signature_value: Option<String>,
) -> reqwest::Response {
    let raw = body.to_string();
    let mut req = app
        .client
        .post(app.url("/api/v1/payments/webhook"))
        .header("content-type", "application/json")
        .body(raw);
    if let Some(sig) = signature_value {
        req = req.header("x-chapa-signature", sig);
    }
    req.send().await.unwrap()
}

/// The valid signature of a body.
pub fn signed(body: &Value) -> Option<String> {
    Some(signature::sign(
        WEBHOOK_SECRET.as_bytes(),
        body.to_string().as_bytes(),
    ))
}

/// A `charge.success` webhook body for `tx_ref`.
pub fn event(tx_ref: &str) -> Value {
    json!({"event": "charge.success", "tx_ref": tx_ref, "status": "success", "amount": "25.00", "currency": "ETB"})
}

/// The order's status as its owner sees it.
pub async fn order_status(app: &TestApp, token: &str, order_id: i64) -> Value {
    json_with_status(
        app.get(&format!("/api/v1/orders/{order_id}"), Some(token))
            .await,
        200,
    )
    .await["status"]
        .clone()
}

/// A payment as its owner sees it.
pub async fn payment_of(app: &TestApp, token: &str, payment_id: i64) -> Value {
    json_with_status(
        app.get(&format!("/api/v1/payments/{payment_id}"), Some(token))
            .await,
        200,
    )
    .await
}

/// Delivers a correctly signed `charge.success` webhook for `tx_ref`.
pub async fn deliver_webhook(app: &TestApp, tx_ref: &str) -> reqwest::Response {
    let body = event(tx_ref);
    webhook(app, &body, signed(&body)).await
}

/// Starts an in-process worker (relay, consumer, expiry sweep) with the app's settings, adjusted.
pub async fn start_worker(app: &TestApp, adjust: impl FnOnce(&mut Settings)) -> WorkerHandle {
    let mut settings = (*app.state.settings).clone();
    adjust(&mut settings);
    worker::start(
        Arc::new(settings),
        app.state.db.clone(),
        WorkerOptions::default(),
    )
    .await
    .expect("worker starts")
}

/// Deletes the test's exchange and queues (after a worker ran).
pub async fn delete_topology(app: &TestApp) {
    let connection = lapin::Connection::connect(
        app.state.settings.amqp.url.expose_secret(),
        lapin::ConnectionProperties::default(),
    )
    .await
    .unwrap();
    let channel = connection.create_channel().await.unwrap();
    let _ = Topology::from_settings(&app.state.settings)
        .delete(&channel)
        .await;
    let _ = connection.close(200, "test done").await;
}

/// Polls `check` every 25 ms until it returns `Some`; panics naming `what` if that never happens.
///
/// The 30 s bound only keeps a broken build from hanging the suite; nothing
/// is measured against it.
pub async fn eventually<T, F, Fut>(what: &str, mut check: F) -> T
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Option<T>>,
{
    let poll = async {
        loop {
            if let Some(value) = check().await {
                return value;
            }
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
    };
    tokio::time::timeout(Duration::from_secs(30), poll)
        .await
        .unwrap_or_else(|_| panic!("timed out waiting for {what}"))
}

/// Places an order for the buyer over HTTP; returns the order JSON.
pub async fn place_order(app: &TestApp, buyer: &TestUser, items: Value) -> Value {
    json_with_status(
        app.post(
            "/api/v1/orders",
            &json!({"shipping_address": "Bole", "items": items}),
            Some(&buyer.token),
        )
        .await,
        201,
    )
    .await
}
