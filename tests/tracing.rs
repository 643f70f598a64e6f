//! Traces: one order followed from `POST /orders` through its SQL statements,
//! the outbox and RabbitMQ to the worker's job span, all in one trace; and a
//! client's `traceparent` continued (a malformed one ignored).
//!
//! The process installs the real subscriber ([`telemetry::init_with`]) once,
//! with an in-process tracer provider whose exporter keeps every finished
//! span in memory. Tests of this file share it, so each finds its own spans
//! by trace id or request id, never by counting all of them.

mod common;

use std::{
    collections::HashMap,
    sync::{Arc, Mutex, OnceLock},
};

use common::{
    payments::{delete_topology, eventually, start_worker},
    spawn_app, spawn_app_with,
};
use ecommerce::telemetry;
use opentelemetry::{
    Value as OtelValue,
    trace::{SpanId, SpanKind, TraceId},
};
use opentelemetry_sdk::{
    error::OTelSdkResult,
    trace::{SdkTracerProvider, SpanData, SpanExporter},
};
use serde_json::json;

/// Keeps every exported span.
#[derive(Debug, Clone, Default)]
struct Collected(Arc<Mutex<Vec<SpanData>>>);

impl SpanExporter for Collected {
    async fn export(&self, batch: Vec<SpanData>) -> OTelSdkResult {
        self.0.lock().unwrap().extend(batch);
        Ok(())
    }
}

/// The spans exported so far; installs the subscriber on first use.
fn spans() -> Vec<SpanData> {
    exporter().0.lock().unwrap().clone()
}

fn exporter() -> &'static Collected {
    static INSTALLED: OnceLock<(Collected, telemetry::TelemetryGuard)> = OnceLock::new();
    &INSTALLED
        .get_or_init(|| {
            let collected = Collected::default();
            // Simple (not batch) processing: each span is exported as it ends.
            let provider = SdkTracerProvider::builder()
                .with_simple_exporter(collected.clone())
                .build();
            let guard = telemetry::init_with("test", Some(provider));
            (collected, guard)
        })
        .0
}

fn attribute<'a>(span: &'a SpanData, key: &str) -> Option<&'a OtelValue> {
    span.attributes
        .iter()
        .find(|kv| kv.key.as_str() == key)
        .map(|kv| &kv.value)
}

fn string_attribute(span: &SpanData, key: &str) -> Option<String> {
    attribute(span, key).map(|v| v.as_str().into_owned())
}

/// The request span of the request with this `x-request-id`, once it has ended.
async fn request_span(request_id: &str) -> SpanData {
    eventually("the request span", || async {
        spans()
            .into_iter()
            .find(|s| string_attribute(s, "request.id").as_deref() == Some(request_id))
    })
    .await
}

/// Whether `ancestor` is `span`'s parent, or its parent's, and so on, among `spans`.
fn descends_from(span: &SpanData, ancestor: SpanId, spans: &[SpanData]) -> bool {
    let parents: HashMap<SpanId, SpanId> = spans
        .iter()
        .map(|s| (s.span_context.span_id(), s.parent_span_id))
        .collect();
    let mut current = span.parent_span_id;
    for _ in 0..64 {
        if current == ancestor {
            return true;
        }
        match parents.get(&current) {
            Some(parent) => current = *parent,
            None => return false,
        }
    }
    false
}

#[tokio::test]
async fn an_order_is_one_trace_from_its_request_through_its_sql_to_the_worker_job_of_its_email() {
    exporter();
    let app = spawn_app().await;
    let buyer = app.create_user("traced").await;
    let product = app.create_product("Traced mug", "12.00", 5).await;
    let request_id = format!("trace-{}", uuid::Uuid::new_v4());

    let resp = app
        .client
        .post(app.url("/api/v1/orders"))
        .bearer_auth(&buyer.token)
        .header("x-request-id", &request_id)
        .json(&json!({"shipping_address": "Bole Road 12", "items": [{"product_id": product, "quantity": 1}]}))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 201);
    let request = request_span(&request_id).await;
    let trace_id = request.span_context.trace_id();
    let db = app.db().await;
    let jobs = codegen::queries::jobs::outbox::list_jobs_by_type()
        .bind(&db, &"send_order_creation_email")
        .all()
        .await
        .unwrap();
    let worker = start_worker(&app, |_| {}).await;
    let job = eventually(
        "the order email's job span in the request's trace",
        || async {
            spans().into_iter().find(|s| {
                s.name == "job send_order_creation_email" && s.span_context.trace_id() == trace_id
            })
        },
    )
    .await;
    // The job's statements end before its span does: all exported by now.
    let all = spans();
    worker.shutdown().await;
    delete_topology(&app).await;

    // The request span.
    assert_eq!(request.name, "POST /api/v1/orders");
    assert_eq!(request.span_kind, SpanKind::Server);
    assert_eq!(
        request.parent_span_id,
        SpanId::INVALID,
        "no traceparent sent: the request starts the trace"
    );
    // Its SQL statements: client spans of the same trace under the request span.
    let request_sql: Vec<&SpanData> = all
        .iter()
        .filter(|s| {
            s.span_context.trace_id() == trace_id
                && string_attribute(s, "db.system").as_deref() == Some("postgresql")
                && descends_from(s, request.span_context.span_id(), &all)
        })
        .collect();
    assert!(
        request_sql.iter().all(|s| s.span_kind == SpanKind::Client),
        "{request_sql:#?}"
    );
    let names: Vec<&str> = request_sql.iter().map(|s| s.name.as_ref()).collect();
    for expected in ["INSERT orders", "INSERT outbox"] {
        assert!(
            names.contains(&expected),
            "{expected} among the request's SQL spans: {names:?}"
        );
    }
    let outbox_insert = request_sql
        .iter()
        .find(|s| s.name == "INSERT outbox")
        .unwrap();
    assert!(
        string_attribute(outbox_insert, "db.statement")
            .unwrap()
            .starts_with(
                "INSERT INTO outbox (job_type, payload, request_id, traceparent, tracestate)"
            ),
        "the statement's text, with placeholders only: {outbox_insert:#?}"
    );
    // The outbox row carries the trace context (the relay copies it into the AMQP headers).
    assert_eq!(jobs.len(), 1);
    let traceparent = jobs[0].traceparent.as_deref().expect("traceparent stored");
    assert!(
        traceparent.starts_with(&format!("00-{trace_id}-")),
        "{traceparent} names trace {trace_id}"
    );
    // The worker's job span: same trace, under the request span.
    assert_eq!(job.span_kind, SpanKind::Consumer);
    assert!(
        descends_from(&job, request.span_context.span_id(), &all),
        "the job span descends from the request span: {job:#?}"
    );
    assert_eq!(
        string_attribute(&job, "request.id").as_deref(),
        Some(request_id.as_str())
    );
    // Background statements (the relay's polls, which published this job) start no traces.
    let roots: Vec<&SpanData> = all
        .iter()
        .filter(|s| {
            string_attribute(s, "db.system").as_deref() == Some("postgresql")
                && s.parent_span_id == SpanId::INVALID
        })
        .collect();
    assert!(roots.is_empty(), "SQL spans outside any span: {roots:#?}");
    // The job's own statements are its children.
    assert!(
        all.iter().any(|s| s.span_context.trace_id() == trace_id
            && s.parent_span_id == job.span_context.span_id()
            && string_attribute(s, "db.system").as_deref() == Some("postgresql")),
        "the job's SQL spans are its children"
    );
}

#[tokio::test]
async fn a_valid_incoming_traceparent_is_continued_and_a_malformed_one_ignored() {
    exporter();
    let app = spawn_app().await;
    let remote_trace = TraceId::from_hex("4bf92f3577b34da6a3ce929d0e0e4736").unwrap();
    let remote_span = SpanId::from_hex("00f067aa0ba902b7").unwrap();
    let send = |traceparent: &'static str| {
        let request_id = format!("incoming-{}", uuid::Uuid::new_v4());
        let req = app
            .client
            .get(app.url("/api/v1/products"))
            .header("x-request-id", &request_id)
            .header("traceparent", traceparent);
        async move { (req.send().await.unwrap(), request_id) }
    };

    let (valid, valid_id) = send("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01").await;
    let mut malformed = Vec::new();
    for traceparent in [
        "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7",
        "00-zzf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
        "00-00000000000000000000000000000000-00f067aa0ba902b7-01",
        "garbage",
    ] {
        malformed.push((traceparent, send(traceparent).await));
    }

    assert_eq!(valid.status(), 200);
    let continued = request_span(&valid_id).await;
    assert_eq!(continued.span_context.trace_id(), remote_trace);
    assert_eq!(continued.parent_span_id, remote_span);
    for (traceparent, (resp, request_id)) in malformed {
        assert_eq!(resp.status(), 200, "{traceparent}");
        let span = request_span(&request_id).await;
        assert_ne!(span.span_context.trace_id(), remote_trace, "{traceparent}");
        assert_ne!(
            span.span_context.trace_id(),
            TraceId::INVALID,
            "{traceparent}"
        );
        assert_eq!(
            span.parent_span_id,
            SpanId::INVALID,
            "a new trace: {traceparent}"
        );
    }
}

#[tokio::test]
async fn a_statement_without_result_rows_gets_a_span_naming_its_generated_call_site() {
    exporter();
    let app = spawn_app().await;
    let product = app.create_product("Retired mug", "4.00", 1).await;

    // Deleting a product is a soft delete: an UPDATE without RETURNING (`execute`).
    let resp = app
        .delete(
            &format!("/api/v1/products/{product}"),
            Some(&app.admin_token().await),
        )
        .await;
    assert_eq!(resp.status(), 204);
    let request_id = resp.headers()["x-request-id"].to_str().unwrap().to_owned();
    let request = request_span(&request_id).await;
    let all = spans();

    let executed: Vec<&SpanData> = all
        .iter()
        .filter(|s| {
            s.name == "postgresql execute" && descends_from(s, request.span_context.span_id(), &all)
        })
        .collect();
    assert!(
        executed.iter().any(|s| {
            string_attribute(s, "code.filepath").as_deref()
                == Some("codegen/src/queries/catalog/products.rs")
                && attribute(s, "code.lineno").is_some()
                && s.span_kind == SpanKind::Client
        }),
        "the UPDATE's span points at its generated statement: {executed:#?}"
    );
}

#[tokio::test]
async fn placing_an_order_sends_four_statements_and_reads_nothing_back() {
    exporter();
    // Without REQUIRE_VERIFIED_EMAIL's check (a read of the buyer before the
    // transaction), only the order's own statements are left.
    let app = spawn_app_with(|s| s.accounts.require_verified_email = false).await;
    let buyer = app.create_user("lean").await;
    let mug = app.create_product("Lean mug", "12.50", 5).await;
    let lamp = app.create_product("Lean lamp", "30.00", 5).await;
    let request_id = format!("lean-{}", uuid::Uuid::new_v4());
    // The buyer's first request reads its token generation from PostgreSQL
    // into Redis (accounts::revocation); that read is not the order's.
    let warm = app.get("/api/v1/orders", Some(&buyer.token)).await;
    assert_eq!(warm.status(), 200);

    let resp = app
        .client
        .post(app.url("/api/v1/orders"))
        .bearer_auth(&buyer.token)
        .header("x-request-id", &request_id)
        .json(&json!({"shipping_address": "Bole Road 12", "items": [
            {"product_id": lamp, "quantity": 1},
            {"product_id": mug, "quantity": 2},
        ]}))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 201);
    let order: serde_json::Value = resp.json().await.unwrap();
    let request = request_span(&request_id).await;
    let all = spans();

    // What the response says is what a later read says: built from what the
    // statements returned, not read back.
    let read: serde_json::Value = app
        .client
        .get(app.url(&format!("/api/v1/orders/{}", order["id"])))
        .bearer_auth(&buyer.token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(order, read);
    assert_eq!(order["total_amount"], "55.00");
    assert_eq!(order["items"][0]["product_name"], "Lean mug");
    assert_eq!(order["items"][1]["product_name"], "Lean lamp");

    // One stock take per line, the order with its items and total (one
    // statement), then the history entry and the email job (sent together),
    // and the commit.
    let mut names: Vec<String> = all
        .iter()
        .filter(|s| {
            string_attribute(s, "db.system").as_deref() == Some("postgresql")
                && descends_from(s, request.span_context.span_id(), &all)
        })
        .map(|s| s.name.to_string())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "COMMIT",
            "INSERT orders",
            "INSERT outbox",
            "UPDATE products",
            "UPDATE products",
            "postgresql execute",
        ],
        "the order's statements"
    );
}
