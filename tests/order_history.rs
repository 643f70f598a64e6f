//! The order's history (`GET /orders/{id}/events`, issue #12 I7) and the
//! plans of the queries money integrity added.

mod common;

use common::{
    assert_error, json_with_status,
    payments::{buyer_with_order, deliver_webhook, pay},
    spawn_app_with_chapa,
};
use serde_json::{Value, json};

#[tokio::test]
async fn the_history_records_every_change_with_its_actor_in_order() {
    let (app, _stub) = spawn_app_with_chapa(|_| {}).await;
    let (buyer, order_id) = buyer_with_order(&app, "buyer").await;
    let admin = app.create_admin("boss").await;
    let extra = app.create_product("Filter", "2.00", 10).await;
    let items = format!("/api/v1/orders/{order_id}/items");
    let item = json_with_status(
        app.post(
            &items,
            &json!({"product_id": extra, "quantity": 1}),
            Some(&buyer.token),
        )
        .await,
        201,
    )
    .await;
    json_with_status(
        app.patch(
            &format!("{items}/{}", item["id"]),
            &json!({"quantity": 2}),
            Some(&buyer.token),
        )
        .await,
        200,
    )
    .await;
    let payment = json_with_status(pay(&app, &buyer.token, order_id).await, 201).await;
    json_with_status(
        deliver_webhook(&app, payment["tx_ref"].as_str().unwrap()).await,
        200,
    )
    .await;
    json_with_status(
        app.patch(
            &format!("/api/v1/orders/{order_id}"),
            &json!({"status": "processing"}),
            Some(&admin.token),
        )
        .await,
        200,
    )
    .await;

    let page = json_with_status(
        app.get(
            &format!("/api/v1/orders/{order_id}/events?limit=100"),
            Some(&buyer.token),
        )
        .await,
        200,
    )
    .await;
    let events = page["items"].as_array().unwrap();
    let summary: Vec<(&str, &str)> = events
        .iter()
        .map(|e| (e["kind"].as_str().unwrap(), e["actor"].as_str().unwrap()))
        .collect();
    assert_eq!(
        summary,
        [
            ("order_placed", "user"),
            ("item_added", "user"),
            ("item_changed", "user"),
            ("payment_started", "user"),
            ("status_changed", "chapa"),
            ("payment_completed", "chapa"),
            ("status_changed", "user"),
        ]
    );
    assert_eq!(events[0]["actor_user_id"], buyer.id);
    assert_eq!(events[2]["detail"]["quantity"], 2);
    assert_eq!(events[2]["detail"]["total_amount"], "29.00");
    assert_eq!(events[4]["from_status"], "pending");
    assert_eq!(events[4]["to_status"], "paid");
    assert_eq!(events[6]["to_status"], "processing");
    assert_eq!(events[6]["actor_user_id"], admin.id);
    assert!(page["next_cursor"].is_null());
}

#[tokio::test]
async fn the_history_pages_with_cursors_and_is_private() {
    let (app, _stub) = spawn_app_with_chapa(|_| {}).await;
    let (buyer, order_id) = buyer_with_order(&app, "buyer").await;
    let other = app.create_user("other").await;
    let admin = app.create_admin("boss").await;
    for address in ["A street", "B street", "C street", "D street"] {
        json_with_status(
            app.patch(
                &format!("/api/v1/orders/{order_id}"),
                &json!({"shipping_address": address}),
                Some(&buyer.token),
            )
            .await,
            200,
        )
        .await;
    }
    let base = format!("/api/v1/orders/{order_id}/events");

    let mut seen: Vec<i64> = Vec::new();
    let mut path = format!("{base}?limit=2");
    loop {
        let page: Value = json_with_status(app.get(&path, Some(&admin.token)).await, 200).await;
        seen.extend(
            page["items"]
                .as_array()
                .unwrap()
                .iter()
                .map(|e| e["id"].as_i64().unwrap()),
        );
        match page["next_cursor"].as_str() {
            Some(cursor) => path = format!("{base}?limit=2&cursor={cursor}"),
            None => break,
        }
    }
    assert_eq!(seen.len(), 5, "placed + four address changes: {seen:?}");
    assert!(
        seen.windows(2).all(|w| w[0] < w[1]),
        "oldest first, once each"
    );

    assert_error(app.get(&base, Some(&other.token)).await, 404, "not_found").await;
    assert_error(
        app.get("/api/v1/orders/999999/events", Some(&admin.token))
            .await,
        404,
        "not_found",
    )
    .await;
    assert_error(
        app.get(&format!("{base}?cursor=forged"), Some(&buyer.token))
            .await,
        400,
        "validation_failed",
    )
    .await;
    assert_error(app.get(&base, None).await, 401, "unauthorized").await;
}

/// The history page, the expiry sweep, the live-checkout checks and the refunds
/// of a page of payments are each served by an index.
///
/// With sequential scans made a last resort (`disable_seqscan`), a plan that
/// still scans a table sequentially has no index to use. Each query runs once
/// through codegen, its generated SQL is read back from
/// `pg_prepared_statements` and explained with the same parameters.
#[tokio::test]
async fn the_new_queries_are_served_by_indexes() {
    use codegen::queries::{orders::orders as oq, payments::payments as pq, session};
    use tokio_postgres::types::ToSql;

    let (app, _stub) = spawn_app_with_chapa(|_| {}).await;
    let (_, order_id) = buyer_with_order(&app, "buyer").await;
    let client = app.db().await;
    session::disable_seqscan()
        .bind(&client)
        .one()
        .await
        .unwrap();
    let cutoff = chrono::Utc::now().fixed_offset();
    let (none_id, limit, ids) = (None::<i64>, 20i64, vec![1i64, 2, 3]);

    oq::list_order_events()
        .bind(&client, &order_id, &none_id, &limit)
        .all()
        .await
        .unwrap();
    oq::list_expired_order_ids()
        .bind(&client, &cutoff, &limit)
        .all()
        .await
        .unwrap();
    oq::has_pending_payment()
        .bind(&client, &order_id)
        .one()
        .await
        .unwrap();
    pq::find_pending_payment_of_order()
        .bind(&client, &order_id)
        .opt()
        .await
        .unwrap();
    pq::list_refunds_of_payments()
        .bind(&client, &ids)
        .all()
        .await
        .unwrap();

    let statements: Vec<String> = common::plans::prepared_statements(&client).await;
    let cases: [(&str, Vec<&(dyn ToSql + Sync)>); 5] = [
        ("FROM order_events", vec![&order_id, &none_id, &limit]),
        ("created_at < $1", vec![&cutoff, &limit]),
        ("SELECT EXISTS", vec![&order_id]),
        ("FROM payments WHERE order_id", vec![&order_id]),
        ("FROM refunds WHERE payment_id = ANY", vec![&ids]),
    ];
    for (marker, params) in cases {
        common::plans::assert_no_seq_scan(&client, &statements, marker, &params).await;
    }
}
