//! Background jobs against real RabbitMQ and PostgreSQL: outbox → relay → worker → email.
//!
//! The worker runs in-process (`jobs::worker::start`) with the test's own queue
//! prefix and mail directory (see `common::isolate_jobs`); emails are read back
//! from lettre's file transport (`.eml` files).
//!
//! Triggers go through the HTTP API: registration (`POST /api/v1/auth/register`)
//! for the welcome email, `POST /api/v1/orders` for the order confirmation and
//! the low-stock alert. The payments endpoints are not on this branch yet, so
//! `trigger_payment_settled` pays over HTTP against the Chapa stub and delivers
//! a signed webhook.

mod common;

use std::{
    sync::{
        Arc,
        atomic::{AtomicUsize, Ordering},
    },
    time::Duration,
};

use common::{
    TestApp,
    cluster::free_port,
    json_with_status,
    mail::{decode_quoted_printable, mails, wait_for_mail},
    payments::eventually,
    smtp::SmtpSink,
    spawn_app, spawn_app_with,
};
use ecommerce::{
    config::Settings,
    jobs::{
        self, Job,
        broker::{self, Topology},
        message::{SendLowStockAlert, SendOrderCreationEmail, SendUserCreationEmail},
        worker::{self, JobEvent, Stage, StageHook, WorkerHandle, WorkerOptions},
    },
};
use lapin::{
    options::{BasicGetOptions, QueueDeclareOptions},
    types::{AMQPValue, FieldTable},
};
use secrecy::ExposeSecret;
use serde::Serialize;
use tokio::{
    net::{TcpListener, TcpStream},
    sync::{mpsc, watch},
};

/// Upper bound for anything asynchronous a test waits for.
const TIMEOUT: Duration = Duration::from_secs(30);

// ------------------------------------------------------------------ helpers --

/// Writes a job to the outbox in a committed transaction, as a business service does.
async fn enqueue<J: Job>(app: &TestApp, job: &J) -> i64 {
    let mut client = app.db().await;
    let tx = client.transaction().await.unwrap();
    let id = jobs::enqueue(&tx, job).await.unwrap();
    tx.commit().await.unwrap();
    id
}

/// The outbox id of the one `J` job whose payload has `key` = `value`.
async fn job_id_where<J: Job>(app: &TestApp, key: &str, value: &serde_json::Value) -> i64 {
    codegen::queries::jobs::outbox::list_jobs_by_type()
        .bind(&app.db().await, &J::NAME)
        .all()
        .await
        .unwrap()
        .into_iter()
        .find(|job| job.payload[key] == *value)
        .unwrap_or_else(|| panic!("no {} job with {key} = {value}", J::NAME))
        .id
}

/// Registers `username` over HTTP (`POST /api/v1/auth/register`); returns the welcome job's id.
async fn trigger_user_created(app: &TestApp, username: &str) -> i64 {
    let user = app.register(username).await;
    job_id_where::<SendUserCreationEmail>(app, "user_id", &user["id"]).await
}

/// A placed order and the outbox id of its confirmation email.
struct PlacedOrder {
    order_id: i64,
    job_id: i64,
}

/// Places an order over HTTP (`POST /api/v1/orders`) for a new buyer `sara`:
/// 2 x "Coffee beans 1kg" at 25.00 and 1 x "Ceramic mug" at 15.50, total 65.50.
async fn trigger_order_created(app: &TestApp) -> PlacedOrder {
    let buyer = app.create_user("sara").await;
    let beans = app.create_product("Coffee beans 1kg", "25.00", 50).await;
    let mug = app.create_product("Ceramic mug", "15.50", 50).await;
    let order = place_order(
        app,
        &buyer.token,
        serde_json::json!([
            {"product_id": beans, "quantity": 2},
            {"product_id": mug, "quantity": 1},
        ]),
    )
    .await;
    PlacedOrder {
        order_id: order["id"].as_i64().unwrap(),
        job_id: job_id_where::<SendOrderCreationEmail>(app, "order_id", &order["id"]).await,
    }
}

/// `POST /api/v1/orders`, asserting 201.
async fn place_order(app: &TestApp, token: &str, items: serde_json::Value) -> serde_json::Value {
    let body = serde_json::json!({"shipping_address": "Bole Road 12", "items": items});
    json_with_status(app.post("/api/v1/orders", &body, Some(token)).await, 201).await
}

/// Places an order, pays it and delivers the signed Chapa webhook; returns (order id, payment id).
async fn trigger_payment_settled(
    app: &TestApp,
    buyer: &common::TestUser,
    product: i64,
) -> (i64, i64) {
    let order = place_order(
        app,
        &buyer.token,
        serde_json::json!([{"product_id": product, "quantity": 1}]),
    )
    .await;
    let order_id = order["id"].as_i64().unwrap();
    let payment = json_with_status(
        app.post(
            "/api/v1/payments",
            &serde_json::json!({"order_id": order_id}),
            Some(&buyer.token),
        )
        .await,
        201,
    )
    .await;
    let body = serde_json::json!({"event": "charge.success", "tx_ref": payment["tx_ref"]});
    let raw = body.to_string();
    let signature = ecommerce::payments::signature::sign(
        common::chapa::WEBHOOK_SECRET.as_bytes(),
        raw.as_bytes(),
    );
    let resp = app
        .client
        .post(app.url("/api/v1/payments/webhook"))
        .header("content-type", "application/json")
        .header("x-chapa-signature", signature)
        .body(raw)
        .send()
        .await
        .unwrap();
    json_with_status(resp, 200).await;
    (order_id, payment["id"].as_i64().unwrap())
}

/// Orders 9 of a 12-unit "Coffee beans 1kg" over HTTP, leaving 3 (threshold must be 10).
async fn trigger_low_stock(app: &TestApp) -> i64 {
    assert_eq!(app.state.settings.catalog.low_stock_threshold, 10);
    let buyer = app.create_user("hoarder").await;
    let beans = app.create_product("Coffee beans 1kg", "25.00", 12).await;
    place_order(
        app,
        &buyer.token,
        serde_json::json!([{"product_id": beans, "quantity": 9}]),
    )
    .await;
    job_id_where::<SendLowStockAlert>(app, "product_id", &beans.into()).await
}

/// Starts an in-process worker with the app's settings, adjusted.
async fn start_worker_with(
    app: &TestApp,
    hook: Option<StageHook>,
    adjust: impl FnOnce(&mut Settings),
) -> WorkerHandle {
    let mut settings = (*app.state.settings).clone();
    adjust(&mut settings);
    worker::start(
        Arc::new(settings),
        app.state.db.clone(),
        WorkerOptions { hook },
    )
    .await
    .expect("worker starts")
}

async fn start_worker(app: &TestApp, hook: Option<StageHook>) -> WorkerHandle {
    start_worker_with(app, hook, |_| {}).await
}

/// A hook that reports every event; when `freeze_at` matches, the job never proceeds.
fn recording_hook(
    freeze_at: Option<fn(&Stage) -> bool>,
) -> (StageHook, mpsc::UnboundedReceiver<JobEvent>) {
    let (tx, rx) = mpsc::unbounded_channel();
    let hook: StageHook = Arc::new(move |event: JobEvent| {
        let tx = tx.clone();
        Box::pin(async move {
            let _ = tx.send(event);
            if freeze_at.is_some_and(|f| f(&event.stage)) {
                std::future::pending::<()>().await;
            }
        })
    });
    (hook, rx)
}

/// Waits for the first event of `job_id` that `matches`.
async fn wait_for_event(
    events: &mut mpsc::UnboundedReceiver<JobEvent>,
    job_id: i64,
    matches: impl Fn(&JobEvent) -> bool,
) -> JobEvent {
    tokio::time::timeout(TIMEOUT, async {
        loop {
            let event = events.recv().await.expect("worker hook alive");
            if event.job_id == job_id && matches(&event) {
                return event;
            }
        }
    })
    .await
    .expect("timed out waiting for a worker event")
}

async fn outbox_row(app: &TestApp, id: i64) -> codegen::queries::jobs::outbox::OutboxJob {
    codegen::queries::jobs::outbox::find_job()
        .bind(&app.db().await, &id)
        .one()
        .await
        .unwrap()
}

/// Waits until the relay has committed the job as published. The consumer can
/// claim a message before its relay commits `published_at` (after the broker's
/// confirm); a worker killed in between leaves the row to be published again,
/// a second message that is not a redelivery. The kill tests are about the
/// broker's redelivery of the unacked message, so they kill after this.
async fn relay_committed(app: &TestApp, job_id: i64) {
    eventually("the relay commits the job as published", || async {
        outbox_row(app, job_id).await.published_at.map(|_| ())
    })
    .await;
}

async fn processed_count(app: &TestApp, job_id: i64) -> i64 {
    codegen::queries::jobs::processed::count_processed_jobs()
        .bind(&app.db().await, &job_id)
        .one()
        .await
        .unwrap()
}

async fn amqp_channel(app: &TestApp) -> (lapin::Connection, lapin::Channel) {
    let connection = broker::connect(
        app.state.settings.amqp.url.expose_secret(),
        broker::CONNECT_TIMEOUT,
        "test",
    )
    .await
    .unwrap();
    let channel = connection.create_channel().await.unwrap();
    (connection, channel)
}

/// Ready messages in a queue (passive declare: fails if the queue does not exist).
async fn ready_messages(channel: &lapin::Channel, queue: &str) -> u32 {
    channel
        .queue_declare(
            queue,
            QueueDeclareOptions {
                passive: true,
                ..Default::default()
            },
            FieldTable::default(),
        )
        .await
        .unwrap()
        .message_count()
}

/// Deletes the test's exchange and queues.
async fn delete_topology(app: &TestApp, settings: &Settings) {
    let (connection, channel) = amqp_channel(app).await;
    Topology::from_settings(settings)
        .delete(&channel)
        .await
        .unwrap();
    connection.close(200, "test done").await.ok();
}

/// A port nothing listens on.
async fn closed_port() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    listener.local_addr().unwrap().port()
}

// --------------------------------------------------------- the four jobs --

#[tokio::test]
async fn user_creation_email_welcomes_the_new_user() {
    let app = spawn_app().await;
    let worker = start_worker(&app, None).await;

    let job_id = trigger_user_created(&app, "abebe").await;

    let mail = wait_for_mail(&app, "Welcome").await;
    assert_eq!(mail.header("To"), "abebe@example.com");
    assert_eq!(mail.header("Subject"), "Welcome to the shop");
    mail.assert_contains(&[
        "Hello Test,",
        "Username: abebe",
        "Content-Type: text/plain",
        "Content-Type: text/html",
        "<strong>abebe</strong>",
        "Please confirm your email address",
        "/verify-email?token=",
    ]);
    assert!(
        mail.header("Message-ID")
            .contains(&format!("job-{job_id}@"))
    );
    assert!(outbox_row(&app, job_id).await.published_at.is_some());
    assert_eq!(processed_count(&app, job_id).await, 1);
    worker.shutdown().await;
    delete_topology(&app, &app.state.settings).await;
}

#[tokio::test]
async fn order_creation_email_lists_items_and_total() {
    let app = spawn_app().await;
    let worker = start_worker(&app, None).await;

    let order = trigger_order_created(&app).await;

    let mail = wait_for_mail(&app, "Order #").await;
    assert_eq!(mail.header("To"), "sara@example.com");
    assert_eq!(
        mail.header("Subject"),
        format!("Order #{} confirmed", order.order_id)
    );
    mail.assert_contains(&[
        "Hello Test,",
        "- 2 x Coffee beans 1kg @ 25.00 = 50.00",
        "- 1 x Ceramic mug @ 15.50 = 15.50",
        "Total: 65.50",
        "<td>Coffee beans 1kg</td>",
        "Total: <strong>65.50</strong>",
    ]);
    worker.shutdown().await;
    delete_topology(&app, &app.state.settings).await;
}

#[tokio::test]
async fn payment_completion_email_says_whether_the_payment_completed_or_failed() {
    let (app, stub) = common::spawn_app_with_chapa(|_| {}).await;
    let worker = start_worker(&app, None).await;
    let buyer = app.create_user("buyer").await;
    let product = app.create_product("Coffee beans 1kg", "65.50", 50).await;

    let (completed_order, completed_payment) = trigger_payment_settled(&app, &buyer, product).await;
    let completed = wait_for_mail(&app, "Payment completed").await;
    stub.set_mode(common::chapa::Mode::Decline);
    let (failed_order, failed_payment) = trigger_payment_settled(&app, &buyer, product).await;
    let failed = wait_for_mail(&app, "Payment failed").await;

    let cases = [
        (
            &completed,
            format!("Payment completed for order #{completed_order}"),
            "was completed successfully",
            completed_payment,
        ),
        (
            &failed,
            format!("Payment failed for order #{failed_order}"),
            "failed. No money was taken",
            failed_payment,
        ),
    ];
    for (mail, subject, sentence, payment_id) in cases {
        assert_eq!(mail.header("To"), "buyer@example.com", "{subject}");
        assert_eq!(mail.header("Subject"), subject);
        mail.assert_contains(&[
            sentence,
            "65.50 ETB",
            &format!("Payment reference: {payment_id}"),
        ]);
    }
    worker.shutdown().await;
    delete_topology(&app, &app.state.settings).await;
}

#[tokio::test]
async fn low_stock_alert_tells_admin_alert_email_the_product_and_units_left() {
    let app = spawn_app_with(|s| {
        s.email.admin_alert_email = Some("ops@shop.example".into());
        s.catalog.low_stock_threshold = 10;
    })
    .await;
    let worker = start_worker(&app, None).await;

    trigger_low_stock(&app).await;

    let mail = wait_for_mail(&app, "Low stock").await;
    assert_eq!(mail.header("To"), "ops@shop.example");
    assert_eq!(mail.header("Subject"), "Low stock: Coffee beans 1kg");
    mail.assert_contains(&["Coffee beans 1kg", "down to 3 units left", "threshold: 10"]);
    worker.shutdown().await;
    delete_topology(&app, &app.state.settings).await;
}

#[tokio::test]
async fn low_stock_alert_goes_to_every_active_admin_when_admin_alert_email_is_unset() {
    let app = spawn_app_with(|s| {
        s.email.admin_alert_email = None;
        s.catalog.low_stock_threshold = 10;
    })
    .await;
    let boss = app.create_admin("boss").await;
    app.create_admin("deputy").await;
    let retired = app.create_admin("retired").await;
    let resp = app
        .patch(
            &format!("/api/v1/users/{}", retired.id),
            &serde_json::json!({"is_active": false}),
            Some(&boss.token),
        )
        .await;
    json_with_status(resp, 200).await;
    let worker = start_worker(&app, None).await;

    trigger_low_stock(&app).await;

    let mail = wait_for_mail(&app, "Low stock").await;
    assert_eq!(
        mail.header("To"),
        "boss@example.com, deputy@example.com",
        "active admins only"
    );
    mail.assert_contains(&["down to 3 units left"]);
    worker.shutdown().await;
    delete_topology(&app, &app.state.settings).await;
}

/// One message received by [`SmtpCapture`].
#[derive(Debug)]
struct SmtpMessage {
    rcpt_to: Vec<String>,
    data: String,
}

/// A minimal SMTP server that accepts every message and hands it to the test.
struct SmtpCapture {
    port: u16,
    received: mpsc::UnboundedReceiver<SmtpMessage>,
}

impl SmtpCapture {
    async fn start() -> Self {
        use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let (tx, received) = mpsc::unbounded_channel();
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let tx = tx.clone();
                tokio::spawn(async move {
                    let (read, mut write) = stream.into_split();
                    let mut lines = BufReader::new(read).lines();
                    write.write_all(b"220 capture ESMTP\r\n").await?;
                    let mut rcpt_to = Vec::new();
                    while let Some(line) = lines.next_line().await? {
                        let command = line.to_ascii_uppercase();
                        let reply: &[u8] =
                            if command.starts_with("EHLO") || command.starts_with("HELO") {
                                b"250 capture\r\n"
                            } else if command.starts_with("RCPT TO:") {
                                rcpt_to.push(
                                    line[8..]
                                        .trim_matches(|c| c == '<' || c == '>' || c == ' ')
                                        .to_owned(),
                                );
                                b"250 OK\r\n"
                            } else if command.starts_with("DATA") {
                                write.write_all(b"354 go ahead\r\n").await?;
                                let mut data = String::new();
                                while let Some(line) = lines.next_line().await? {
                                    if line == "." {
                                        break;
                                    }
                                    data.push_str(&line);
                                    data.push_str("\r\n");
                                }
                                let _ = tx.send(SmtpMessage {
                                    rcpt_to: std::mem::take(&mut rcpt_to),
                                    data,
                                });
                                b"250 queued\r\n"
                            } else if command.starts_with("QUIT") {
                                write.write_all(b"221 bye\r\n").await?;
                                break;
                            } else {
                                b"250 OK\r\n"
                            };
                        write.write_all(reply).await?;
                    }
                    std::io::Result::Ok(())
                });
            }
        });
        Self { port, received }
    }
}

#[tokio::test]
async fn order_email_goes_through_smtp_when_smtp_url_is_set() {
    let mut smtp = SmtpCapture::start().await;
    let url = format!("smtp://127.0.0.1:{}", smtp.port);
    let app = spawn_app_with(|s| s.email.smtp_url = Some(url.into())).await;
    let worker = start_worker(&app, None).await;

    let order = trigger_order_created(&app).await;

    let subject = format!("Subject: Order #{} confirmed", order.order_id);
    // Registration sent a welcome email first; take the order confirmation.
    let (message, body) = tokio::time::timeout(TIMEOUT, async {
        loop {
            let message = smtp.received.recv().await.expect("SMTP capture alive");
            let body = decode_quoted_printable(&message.data);
            if body.contains(&subject) {
                return (message, body);
            }
        }
    })
    .await
    .expect("the order email reached the SMTP server");
    assert_eq!(message.rcpt_to, ["sara@example.com"]);
    for needle in ["Total: 65.50", "Coffee beans 1kg", "text/html"] {
        assert!(
            body.contains(needle),
            "SMTP message lacks `{needle}`:\n{body}"
        );
    }
    assert!(
        mails(&app).is_empty(),
        "no .eml file when SMTP is configured"
    );
    worker.shutdown().await;
    delete_topology(&app, &app.state.settings).await;
}

#[test]
fn job_settings_reject_zero_attempts_and_prefetch() {
    for name in [
        "JOB_MAX_ATTEMPTS",
        "WORKER_PREFETCH",
        "RELAY_POLL_MS",
        "RELAY_BATCH_SIZE",
    ] {
        let error = Settings::from_lookup(|n| match n {
            "APP_ENV" => Some("development".to_owned()),
            n if n == name => Some("0".to_owned()),
            _ => None,
        })
        .expect_err(name)
        .to_string();
        assert!(error.contains(name), "{name}: {error}");
    }
}

// ------------------------------------------------------------ delivery --

#[tokio::test]
async fn worker_killed_after_sending_but_before_ack_does_not_send_twice() {
    let app = spawn_app().await;
    let (hook, mut events) = recording_hook(Some(|stage| matches!(stage, Stage::BeforeAck { .. })));
    let first = start_worker(&app, Some(hook)).await;
    let job_id = trigger_user_created(&app, "abebe").await;
    wait_for_event(&mut events, job_id, |e| {
        e.stage == Stage::BeforeAck { sent: true }
    })
    .await;
    assert_eq!(mails(&app).len(), 1, "the email went out before the crash");
    relay_committed(&app, job_id).await;

    first.kill().await;
    let (hook, mut events) = recording_hook(None);
    let second = start_worker(&app, Some(hook)).await;

    let redelivery = wait_for_event(&mut events, job_id, |e| {
        matches!(e.stage, Stage::BeforeAck { .. })
    })
    .await;
    assert!(redelivery.redelivered, "the unacked message came back");
    assert_eq!(redelivery.stage, Stage::BeforeAck { sent: false });
    second.shutdown().await;
    assert_eq!(mails(&app).len(), 1, "exactly one email");
    assert_eq!(processed_count(&app, job_id).await, 1);
    delete_topology(&app, &app.state.settings).await;
}

#[tokio::test]
async fn worker_killed_before_sending_redelivers_and_sends_exactly_once() {
    let app = spawn_app().await;
    let (hook, mut events) = recording_hook(Some(|stage| *stage == Stage::Claimed));
    let first = start_worker(&app, Some(hook)).await;
    let job_id = trigger_user_created(&app, "abebe").await;
    wait_for_event(&mut events, job_id, |e| e.stage == Stage::Claimed).await;
    relay_committed(&app, job_id).await;

    first.kill().await;
    assert!(mails(&app).is_empty(), "nothing was sent before the crash");
    let (hook, mut events) = recording_hook(None);
    let second = start_worker(&app, Some(hook)).await;

    let done = wait_for_event(&mut events, job_id, |e| {
        matches!(e.stage, Stage::BeforeAck { .. })
    })
    .await;
    assert!(done.redelivered, "the unacked message came back");
    assert_eq!(done.stage, Stage::BeforeAck { sent: true });
    second.shutdown().await;
    let sent = mails(&app);
    assert_eq!(sent.len(), 1, "exactly one email");
    assert_eq!(sent[0].header("Subject"), "Welcome to the shop");
    assert_eq!(processed_count(&app, job_id).await, 1);
    delete_topology(&app, &app.state.settings).await;
}

/// A TCP proxy to RabbitMQ that the test can take down and bring back.
struct BrokerProxy {
    port: u16,
    up: watch::Sender<bool>,
    /// Connection attempts refused while down (the worker's reconnects).
    refused: Arc<AtomicUsize>,
}

impl BrokerProxy {
    async fn start() -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let (up, up_rx) = watch::channel(true);
        let refused = Arc::new(AtomicUsize::new(0));
        let counter = refused.clone();
        tokio::spawn(async move {
            while let Ok((mut inbound, _)) = listener.accept().await {
                if !*up_rx.borrow() {
                    counter.fetch_add(1, Ordering::SeqCst);
                    drop(inbound);
                    continue;
                }
                let mut down = up_rx.clone();
                tokio::spawn(async move {
                    let Ok(mut outbound) = TcpStream::connect("127.0.0.1:5672").await else {
                        return;
                    };
                    tokio::select! {
                        _ = tokio::io::copy_bidirectional(&mut inbound, &mut outbound) => {}
                        _ = down.wait_for(|up| !*up) => {}
                    }
                });
            }
        });
        Self { port, up, refused }
    }

    fn url(&self) -> String {
        format!("amqp://guest:guest@127.0.0.1:{}/%2f", self.port)
    }

    /// Cuts every open connection and refuses new ones.
    fn down(&self) {
        self.up.send_replace(false);
    }

    fn up(&self) {
        self.up.send_replace(true);
    }

    fn refused(&self) -> usize {
        self.refused.load(Ordering::SeqCst)
    }
}

#[tokio::test]
async fn broker_down_when_the_order_is_created_keeps_the_job_until_the_broker_is_back() {
    let app = spawn_app().await;
    let proxy = BrokerProxy::start().await;
    let url = proxy.url();
    let worker = start_worker_with(&app, None, |s| s.amqp.url = url.into()).await;

    proxy.down();
    // The order succeeds (201) although the broker is unreachable.
    let order = trigger_order_created(&app).await;
    let job_id = order.job_id;
    // Two refused reconnects after the commit: the relay had its chance and could not publish.
    let refused = proxy.refused();
    eventually(
        "two reconnect attempts while the broker is down",
        || async { (proxy.refused() >= refused + 2).then_some(()) },
    )
    .await;
    let row = outbox_row(&app, job_id).await;
    assert!(
        row.published_at.is_none(),
        "unpublished while the broker is down"
    );
    assert!(mails(&app).is_empty());

    proxy.up();
    eventually("the relay publishes after the broker is back", || async {
        outbox_row(&app, job_id).await.published_at.map(|_| ())
    })
    .await;
    let mail = wait_for_mail(&app, "Order #").await;
    assert_eq!(
        mail.header("Subject"),
        format!("Order #{} confirmed", order.order_id)
    );
    worker.shutdown().await;
    delete_topology(&app, &app.state.settings).await;
}

/// A job type no handler knows: it can never succeed.
#[derive(Serialize)]
struct UnknownJob {
    note: &'static str,
}

impl Job for UnknownJob {
    const NAME: &'static str = "no_such_job";
}

#[tokio::test]
async fn always_failing_job_ends_in_the_dead_letter_queue_after_max_attempts() {
    let port = closed_port().await;
    let app = spawn_app_with(|s| {
        s.email.smtp_url = Some(format!("smtp://127.0.0.1:{port}").into());
        s.jobs.max_attempts = 3;
    })
    .await;
    let (hook, mut events) = recording_hook(None);
    let worker = start_worker(&app, Some(hook)).await;
    let topology = Topology::from_settings(&app.state.settings);
    let (connection, channel) = amqp_channel(&app).await;

    let job_id = trigger_user_created(&app, "abebe").await;

    eventually("the failing job in the dead-letter queue", || async {
        (ready_messages(&channel, &topology.dead_letter_queue()).await == 1).then_some(())
    })
    .await;
    let claims = std::iter::from_fn(|| events.try_recv().ok())
        .filter(|e| e.job_id == job_id && e.stage == Stage::Claimed)
        .count();
    assert_eq!(claims, 3, "one delivery per configured attempt");
    let dead = channel
        .basic_get(
            &topology.dead_letter_queue(),
            BasicGetOptions { no_ack: true },
        )
        .await
        .unwrap()
        .expect("a dead-lettered message");
    let headers = dead.delivery.properties.headers().clone().unwrap();
    assert_eq!(
        broker::int_header(&dead.delivery.properties, broker::ATTEMPT_HEADER),
        Some(3)
    );
    let Some(AMQPValue::LongString(error)) = headers.inner().get(broker::ERROR_HEADER) else {
        panic!("no error header in {headers:?}");
    };
    assert!(error.to_string().contains("sending failed"), "{error}");
    assert_eq!(
        dead.delivery
            .properties
            .message_id()
            .as_ref()
            .unwrap()
            .as_str(),
        job_id.to_string()
    );
    assert_eq!(
        processed_count(&app, job_id).await,
        0,
        "failed sends are not recorded"
    );
    worker.shutdown().await;
    connection.close(200, "test done").await.ok();
    delete_topology(&app, &app.state.settings).await;
}

#[tokio::test]
async fn unknown_job_type_is_dead_lettered_without_retries() {
    let app = spawn_app().await;
    let worker = start_worker(&app, None).await;
    let topology = Topology::from_settings(&app.state.settings);
    let (connection, channel) = amqp_channel(&app).await;

    enqueue(&app, &UnknownJob { note: "x" }).await;

    eventually("the unknown job in the dead-letter queue", || async {
        (ready_messages(&channel, &topology.dead_letter_queue()).await == 1).then_some(())
    })
    .await;
    let dead = channel
        .basic_get(
            &topology.dead_letter_queue(),
            BasicGetOptions { no_ack: true },
        )
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        broker::int_header(&dead.delivery.properties, broker::ATTEMPT_HEADER),
        Some(1),
        "permanent failures skip the retries"
    );
    worker.shutdown().await;
    connection.close(200, "test done").await.ok();
    delete_topology(&app, &app.state.settings).await;
}

#[tokio::test]
async fn database_outage_parks_jobs_without_using_up_attempts() {
    let app = spawn_app_with(|s| {
        s.jobs.max_attempts = 2;
        // Long enough that the parked message is still in the retry queue when inspected.
        s.jobs.retry_base = Duration::from_secs(60);
    })
    .await;
    let mut broken = (*app.state.settings).clone();
    let url = broken.database.url.expose_secret().to_owned();
    let (base, _) = url.rsplit_once('/').unwrap();
    broken.database.url = format!("{base}/no_such_database_{}", app.db_name).into();
    let pool = ecommerce::db::pool(&broken.database, 2, ecommerce::db::Plans::Cached).unwrap();
    let worker = worker::start(Arc::new(broken), pool, WorkerOptions::default())
        .await
        .unwrap();
    let topology = Topology::from_settings(&app.state.settings);
    let (connection, channel) = amqp_channel(&app).await;
    channel
        .confirm_select(lapin::options::ConfirmSelectOptions::default())
        .await
        .unwrap();

    broker::publish_confirmed(
        &channel,
        &topology.exchange(),
        SendUserCreationEmail::NAME,
        b"{}",
        broker::job_properties(777, SendUserCreationEmail::NAME, FieldTable::default()),
    )
    .await
    .unwrap();

    eventually("the job parked in the first retry queue", || async {
        (ready_messages(&channel, &topology.retry_queue(1)).await == 1).then_some(())
    })
    .await;
    worker.shutdown().await;
    let parked = channel
        .basic_get(&topology.retry_queue(1), BasicGetOptions { no_ack: true })
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        broker::int_header(&parked.delivery.properties, broker::ATTEMPT_HEADER),
        Some(1),
        "an outage of our database does not count as an attempt"
    );
    let headers = parked.delivery.properties.headers().clone().unwrap();
    let Some(AMQPValue::LongString(error)) = headers.inner().get(broker::ERROR_HEADER) else {
        panic!("no error header in {headers:?}");
    };
    assert!(
        error.to_string().contains("database unavailable"),
        "{error}"
    );
    assert_eq!(
        ready_messages(&channel, &topology.dead_letter_queue()).await,
        0
    );
    connection.close(200, "test done").await.ok();
    delete_topology(&app, &app.state.settings).await;
}

/// A job type the relay test routes to its own queue.
#[derive(Serialize)]
struct RelayProbeJob {
    n: u32,
}

impl Job for RelayProbeJob {
    const NAME: &'static str = "relay_probe";
}

#[tokio::test]
async fn unconfirmed_outbox_row_waits_while_newer_rows_are_published() {
    let app = spawn_app().await;
    let topology = Topology::from_settings(&app.state.settings);
    let (connection, channel) = amqp_channel(&app).await;
    // Only `relay_probe` is routable: an `no_such_job` row comes back unconfirmed.
    let probe_queue = format!("{}.relay_probe", app.state.settings.amqp.queue_prefix);
    channel
        .exchange_declare(
            &topology.exchange(),
            lapin::ExchangeKind::Topic,
            lapin::options::ExchangeDeclareOptions {
                auto_delete: true,
                ..Default::default()
            },
            FieldTable::default(),
        )
        .await
        .unwrap();
    let mut expires = FieldTable::default();
    expires.insert("x-expires".into(), AMQPValue::LongLongInt(300_000));
    channel
        .queue_declare(&probe_queue, Default::default(), expires)
        .await
        .unwrap();
    channel
        .queue_bind(
            &probe_queue,
            &topology.exchange(),
            RelayProbeJob::NAME,
            Default::default(),
            FieldTable::default(),
        )
        .await
        .unwrap();
    let relay = connection.create_channel().await.unwrap();
    relay
        .confirm_select(lapin::options::ConfirmSelectOptions::default())
        .await
        .unwrap();
    let poison = enqueue(&app, &UnknownJob { note: "poison" }).await;
    let healthy = enqueue(&app, &RelayProbeJob { n: 1 }).await;

    let first = jobs::relay::publish_batch(&app.state.db, &relay, &topology, 1)
        .await
        .unwrap();
    let second = jobs::relay::publish_batch(&app.state.db, &relay, &topology, 1)
        .await
        .unwrap();

    assert_eq!(
        (first.published, first.failed),
        (0, 1),
        "the poison row goes first"
    );
    assert_eq!(
        (second.published, second.failed),
        (1, 0),
        "the failed row backs off; the next pass publishes the healthy one"
    );
    assert!(outbox_row(&app, healthy).await.published_at.is_some());
    let poison_row = outbox_row(&app, poison).await;
    assert_eq!(
        (poison_row.attempts, poison_row.published_at),
        (1, None),
        "the failed row stays in the backlog for a later pass"
    );
    assert_eq!(ready_messages(&channel, &probe_queue).await, 1);
    channel
        .queue_delete(&probe_queue, Default::default())
        .await
        .unwrap();
    channel
        .exchange_delete(&topology.exchange(), Default::default())
        .await
        .unwrap();
    connection.close(200, "test done").await.ok();
}

#[tokio::test]
async fn relay_scan_is_served_by_the_due_index() {
    use codegen::queries::{jobs::outbox, session};

    let app = spawn_app().await;
    let client = app.db().await;
    session::disable_seqscan()
        .bind(&client)
        .one()
        .await
        .unwrap();
    let limit = 100i64;
    outbox::lock_unpublished_jobs()
        .bind(&client, &limit)
        .all()
        .await
        .unwrap();
    let sql = common::plans::prepared_statements(&client)
        .await
        .into_iter()
        .find(|s| s.contains("FROM outbox") && s.contains("FOR UPDATE SKIP LOCKED"))
        .expect("the relay's statement was prepared");

    let explain = client
        .prepare(&format!("EXPLAIN (FORMAT JSON) {sql}"))
        .await
        .unwrap();
    let plan: serde_json::Value = client.query_one(&explain, &[&limit]).await.unwrap().get(0);

    assert!(
        plan.to_string()
            .contains(r#""Index Name":"outbox_due_idx""#),
        "the relay's scan uses outbox_due_idx: {plan}"
    );
}

#[tokio::test]
async fn job_failing_with_the_same_database_error_every_time_is_dead_lettered() {
    let app = spawn_app_with(|s| {
        s.jobs.max_attempts = 2;
    })
    .await;
    // Every job's first write fails with read_only_sql_transaction (25006):
    // not an outage, so the attempts count and the job ends in the DLQ.
    let mut read_only = (*app.state.settings).clone();
    read_only.database.url = format!(
        "{}?options=-c%20default_transaction_read_only%3Don",
        read_only.database.url.expose_secret()
    )
    .into();
    let pool = ecommerce::db::pool(&read_only.database, 2, ecommerce::db::Plans::Cached).unwrap();
    let worker = worker::start(Arc::new(read_only), pool, WorkerOptions::default())
        .await
        .unwrap();
    let topology = Topology::from_settings(&app.state.settings);
    let (connection, channel) = amqp_channel(&app).await;
    channel
        .confirm_select(lapin::options::ConfirmSelectOptions::default())
        .await
        .unwrap();
    // Published directly: the worker's relay cannot lock outbox rows read-only.
    let job_id = 778;

    broker::publish_confirmed(
        &channel,
        &topology.exchange(),
        SendUserCreationEmail::NAME,
        b"{}",
        broker::job_properties(job_id, SendUserCreationEmail::NAME, FieldTable::default()),
    )
    .await
    .unwrap();

    eventually("the job in the dead-letter queue", || async {
        (ready_messages(&channel, &topology.dead_letter_queue()).await == 1).then_some(())
    })
    .await;
    worker.shutdown().await;
    let dead = channel
        .basic_get(
            &topology.dead_letter_queue(),
            BasicGetOptions { no_ack: true },
        )
        .await
        .unwrap()
        .expect("a dead-lettered message");
    assert_eq!(
        dead.delivery
            .properties
            .message_id()
            .as_ref()
            .unwrap()
            .as_str(),
        job_id.to_string()
    );
    assert_eq!(
        broker::int_header(&dead.delivery.properties, broker::ATTEMPT_HEADER),
        Some(2),
        "every attempt was used"
    );
    connection.close(200, "test done").await.ok();
    delete_topology(&app, &app.state.settings).await;
}

// ------------------------------------------------------ process and probes --

#[tokio::test]
async fn worker_exits_non_zero_naming_rabbitmq_when_it_is_unreachable_at_start() {
    let app = spawn_app().await;
    let port = closed_port().await;
    let out = tokio::process::Command::new(env!("CARGO_BIN_EXE_worker"))
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap())
        .env("APP_ENV", "development")
        .env(
            "DATABASE_URL",
            app.state.settings.database.url.expose_secret(),
        )
        .env(
            "AMQP_URL",
            format!("amqp://guest:guest@127.0.0.1:{port}/%2f"),
        )
        .output()
        .await
        .expect("worker binary runs");
    let stderr = String::from_utf8_lossy(&out.stderr);

    assert_eq!(out.status.code(), Some(1), "stderr: {stderr}");
    assert!(
        stderr.contains("RabbitMQ"),
        "message names RabbitMQ: {stderr}"
    );
}

#[tokio::test]
async fn worker_refuses_to_start_on_a_database_older_than_it_expects() {
    let app = spawn_app().await;
    let unmigrated = common::empty_database("worker_schema").await;
    let settings = &app.state.settings;
    let worker = tokio::process::Command::new(env!("CARGO_BIN_EXE_worker"))
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap())
        .env("APP_ENV", "development")
        .env("DATABASE_URL", unmigrated.database.url.expose_secret())
        .env("AMQP_URL", settings.amqp.url.expose_secret())
        .env("AMQP_QUEUE_PREFIX", &settings.amqp.queue_prefix)
        .env("AMQP_QUEUE_EXPIRES_SECS", "300")
        .env("MAIL_OUTBOX_DIR", &settings.email.outbox_dir)
        .env("WORKER_SCHEMA_WAIT_SECS", "1")
        .kill_on_drop(true)
        .output();

    let out = tokio::time::timeout(TIMEOUT, worker)
        .await
        .expect("the worker exits instead of running on an unmigrated database")
        .unwrap();

    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "stderr: {stderr}");
    assert!(
        stderr.contains("schema") && stderr.contains("api migrate"),
        "the message says what is wrong and what to do: {stderr}"
    );
}

#[tokio::test]
async fn worker_binary_delivers_jobs_and_exits_zero_on_sigterm() {
    let app = spawn_app().await;
    let settings = &app.state.settings;
    let mut worker = tokio::process::Command::new(env!("CARGO_BIN_EXE_worker"))
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap())
        .env("APP_ENV", "development")
        .env("DATABASE_URL", settings.database.url.expose_secret())
        .env("AMQP_URL", settings.amqp.url.expose_secret())
        .env("AMQP_QUEUE_PREFIX", &settings.amqp.queue_prefix)
        .env("AMQP_QUEUE_EXPIRES_SECS", "300")
        .env("MAIL_OUTBOX_DIR", &settings.email.outbox_dir)
        .env("RELAY_POLL_MS", "50")
        .stdout(std::process::Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .expect("worker binary starts");

    trigger_user_created(&app, "abebe").await;
    let mail = wait_for_mail(&app, "Welcome").await;
    let pid = worker.id().unwrap().to_string();
    let status = std::process::Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .unwrap();
    assert!(status.success());
    let exit = tokio::time::timeout(TIMEOUT, worker.wait())
        .await
        .expect("worker stops after SIGTERM")
        .unwrap();

    assert_eq!(mail.header("To"), "abebe@example.com");
    assert_eq!(exit.code(), Some(0), "graceful shutdown exits 0");
    delete_topology(&app, settings).await;
}

#[tokio::test]
async fn readiness_does_not_check_rabbitmq() {
    let app = spawn_app().await;

    let ready = json_with_status(app.get("/health/ready", None).await, 200).await;

    assert_eq!(
        ready["checks"]
            .as_object()
            .map(|c| c.keys().cloned().collect::<Vec<_>>()),
        Some(vec!["postgres".to_owned(), "redis".to_owned()]),
        "the api never talks to RabbitMQ (the outbox decouples them): {ready}"
    );
}

#[tokio::test]
async fn api_stays_ready_while_rabbitmq_is_down() {
    let port = closed_port().await;
    let app = spawn_app_with(|s| {
        s.amqp.url = format!("amqp://guest:guest@127.0.0.1:{port}/%2f").into();
    })
    .await;

    let ready = json_with_status(app.get("/health/ready", None).await, 200).await;
    json_with_status(app.get("/health/live", None).await, 200).await;

    assert_eq!(ready["status"], "ok", "{ready}");
    // Jobs still go into the outbox: business writes do not need the broker.
    let job_id = trigger_user_created(&app, "abebe").await;
    assert!(outbox_row(&app, job_id).await.published_at.is_none());
}

/// Has RabbitMQ close the connection named `name`, as a broker restart or a
/// network cut would (`rabbitmqctl close_connection`; `scripts/services`
/// installs RabbitMQ with it).
fn close_from_the_broker(name: &str) {
    let list = std::process::Command::new("rabbitmqctl")
        .args([
            "-q",
            "list_connections",
            "--no-table-headers",
            "pid",
            "client_properties",
        ])
        .output()
        .expect("rabbitmqctl runs");
    let listing = String::from_utf8_lossy(&list.stdout);
    // The name is the client property `{"connection_name","worker ..."}`.
    let quoted = format!("{{\"connection_name\",\"{name}\"}}");
    let pid = listing
        .lines()
        .find(|line| line.contains(&quoted))
        .and_then(|line| line.split('\t').next())
        .map(str::to_owned)
        .unwrap_or_else(|| panic!("no connection named {name:?} in {listing}"));
    let closed = std::process::Command::new("rabbitmqctl")
        .args(["-q", "close_connection", &pid, "test: connection lost"])
        .status()
        .expect("rabbitmqctl runs");
    assert!(closed.success(), "rabbitmqctl close_connection {pid}");
}

/// The broker connection drops while a job waits for its email's `250`: the
/// session stops taking deliveries but lets that job finish, so it commits its
/// claim, and its redelivery after the reconnect is acknowledged as done. The
/// email goes out once. (Before, the session dropped the job with the
/// connection: its claim rolled back and the redelivery sent the email again.)
#[tokio::test]
async fn a_job_in_flight_when_the_broker_connection_drops_is_finished_and_not_sent_again() {
    let mail_dir = std::env::temp_dir().join(format!(
        "ecommerce-test-smtp-{}",
        uuid::Uuid::new_v4().simple()
    ));
    let sink = SmtpSink::start(&[free_port()], mail_dir.clone()).await;
    let url = format!("smtp://127.0.0.1:{}", sink.ports[0]);
    let app = spawn_app_with(|s| s.email.smtp_url = Some(url.into())).await;
    let (hook, mut events) = recording_hook(None);
    let _worker = start_worker(&app, Some(hook)).await;

    sink.hold(0);
    let job_id = trigger_user_created(&app, "abebe").await;
    eventually("the welcome email held by the SMTP server", || async {
        sink.unanswered(0)
            .iter()
            .any(|d| d.job_id == job_id)
            .then_some(())
    })
    .await;
    close_from_the_broker(&worker::connection_name(&app.state.settings));
    sink.release(0);

    let mut seen = Vec::new();
    let acknowledged = tokio::time::timeout(TIMEOUT, async {
        while let Some(event) = events.recv().await {
            if event.job_id == job_id {
                seen.push(event);
                if event.stage == (Stage::BeforeAck { sent: false }) {
                    return;
                }
            }
        }
    })
    .await;
    assert!(
        acknowledged.is_ok(),
        "the redelivery acknowledged as done; events: {seen:?}; sink: {:?}",
        sink.deliveries()
    );
    let copies = sink
        .deliveries()
        .iter()
        .filter(|d| d.job_id == job_id)
        .count();
    assert_eq!(copies, 1, "the welcome email went out once");
    let _ = std::fs::remove_dir_all(&mail_dir);
}
