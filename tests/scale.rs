//! Several workers against one database and broker: racing outbox relays,
//! consumers sharing the queues, and the queue type (quorum or classic).

mod common;

use std::{
    collections::{HashMap, HashSet},
    sync::{Arc, Mutex},
};

use common::{
    TEST_PASSWORD, TestApp, assert_error,
    mail::{mails_with_subject, wait_for_mails},
    spawn_app, spawn_app_with,
};
use ecommerce::{
    config::{QueueType, Settings},
    jobs::{
        self, Job,
        broker::{self, Topology},
        worker::{self, JobEvent, Stage, StageHook, WorkerOptions},
    },
};
use futures::StreamExt;
use lapin::{
    options::{BasicAckOptions, BasicConsumeOptions, ConfirmSelectOptions},
    types::{AMQPValue, FieldTable},
};
use secrecy::ExposeSecret;
use serde::Serialize;
use serde_json::json;

/// A job type routed to a queue of the test's own, with no consumer.
#[derive(Serialize)]
struct RelayProbeJob {
    n: u32,
}

impl Job for RelayProbeJob {
    const NAME: &'static str = "relay_probe";
}

async fn amqp(settings: &Settings) -> (lapin::Connection, lapin::Channel) {
    let connection = broker::connect(
        settings.amqp.url.expose_secret(),
        broker::CONNECT_TIMEOUT,
        "test",
    )
    .await
    .unwrap();
    let channel = connection.create_channel().await.unwrap();
    (connection, channel)
}

/// Declares the exchange and a probe queue bound to `relay_probe` jobs; returns the queue's name.
async fn probe_queue(app: &TestApp, channel: &lapin::Channel) -> String {
    let topology = Topology::from_settings(&app.state.settings);
    let queue = format!("{}.relay_probe", app.state.settings.amqp.queue_prefix);
    channel
        .exchange_declare(
            &topology.exchange(),
            lapin::ExchangeKind::Topic,
            lapin::options::ExchangeDeclareOptions {
                durable: true,
                auto_delete: true,
                ..Default::default()
            },
            FieldTable::default(),
        )
        .await
        .unwrap();
    let mut args = FieldTable::default();
    args.insert("x-expires".into(), AMQPValue::LongLongInt(300_000));
    channel
        .queue_declare(&queue, Default::default(), args)
        .await
        .unwrap();
    channel
        .queue_bind(
            &queue,
            &topology.exchange(),
            RelayProbeJob::NAME,
            Default::default(),
            FieldTable::default(),
        )
        .await
        .unwrap();
    queue
}

/// Publishes batches until a pass finds nothing due; returns the rows this relay published.
async fn relay_until_empty(app: &TestApp, start: &tokio::sync::Barrier) -> usize {
    let topology = Topology::from_settings(&app.state.settings);
    let (connection, channel) = amqp(&app.state.settings).await;
    channel
        .confirm_select(ConfirmSelectOptions::default())
        .await
        .unwrap();
    // Both relays connected: they race from the first batch on.
    start.wait().await;
    let mut published = 0;
    loop {
        let pass = jobs::relay::publish_batch(&app.state.db, &channel, &topology, 7)
            .await
            .unwrap();
        assert_eq!(pass.failed, 0);
        if pass.published == 0 {
            break;
        }
        published += pass.published;
    }
    connection.close(200, "relay done").await.ok();
    published
}

#[tokio::test]
async fn two_relays_racing_over_one_backlog_publish_every_row_exactly_once() {
    let app = spawn_app().await;
    let (connection, channel) = amqp(&app.state.settings).await;
    let queue = probe_queue(&app, &channel).await;
    let mut client = app.db().await;
    let tx = client.transaction().await.unwrap();
    for n in 0..300 {
        jobs::enqueue(&tx, &RelayProbeJob { n }).await.unwrap();
    }
    tx.commit().await.unwrap();

    let start = tokio::sync::Barrier::new(2);
    let (first, second) = tokio::join!(
        relay_until_empty(&app, &start),
        relay_until_empty(&app, &start)
    );

    assert_eq!(first + second, 300, "relays published {first} + {second}");
    assert!(
        first > 0 && second > 0,
        "both relays took part: {first} + {second}"
    );
    // Every message the broker holds, by outbox id (the AMQP message_id).
    let mut consumer = channel
        .basic_consume(
            &queue,
            "count",
            BasicConsumeOptions::default(),
            FieldTable::default(),
        )
        .await
        .unwrap();
    let mut ids = HashMap::<String, usize>::new();
    while ids.values().sum::<usize>() < 300 {
        let delivery = tokio::time::timeout(std::time::Duration::from_secs(10), consumer.next())
            .await
            .expect("300 messages")
            .unwrap()
            .unwrap();
        let id = delivery
            .properties
            .message_id()
            .as_ref()
            .unwrap()
            .to_string();
        *ids.entry(id).or_default() += 1;
        delivery.ack(BasicAckOptions::default()).await.unwrap();
    }
    assert_eq!(ids.len(), 300, "300 distinct jobs");
    assert!(ids.values().all(|&n| n == 1), "no job published twice");
    let extra = tokio::time::timeout(std::time::Duration::from_millis(300), consumer.next()).await;
    assert!(extra.is_err(), "nothing beyond the 300: {extra:?}");
    channel.queue_delete(&queue, Default::default()).await.ok();
    connection.close(200, "test done").await.ok();
}

/// A hook that records which worker reached `BeforeAck` having sent a job's email.
fn sent_by(worker: usize, log: Arc<Mutex<Vec<(usize, i64)>>>) -> StageHook {
    Arc::new(move |event: JobEvent| {
        if event.stage == (Stage::BeforeAck { sent: true }) {
            log.lock().unwrap().push((worker, event.job_id));
        }
        Box::pin(async {})
    })
}

#[tokio::test]
async fn two_workers_share_the_queue_and_send_every_email_once() {
    let app = spawn_app().await;
    let log = Arc::new(Mutex::new(Vec::new()));
    let mut workers = Vec::new();
    for n in 0..2 {
        workers.push(
            worker::start(
                app.state.settings.clone(),
                app.state.db.clone(),
                WorkerOptions {
                    hook: Some(sent_by(n, log.clone())),
                },
            )
            .await
            .expect("worker starts"),
        );
    }

    for n in 0..24 {
        app.register(&format!("buyer{n}")).await;
    }

    let welcomes = wait_for_mails(&app, "Welcome", 24).await;
    for worker in workers {
        worker.shutdown().await;
    }
    assert_eq!(
        mails_with_subject(&app, "Welcome").len(),
        24,
        "no email twice"
    );
    let job_ids: HashSet<i64> = welcomes.iter().map(|m| m.job_id()).collect();
    assert_eq!(job_ids.len(), 24);
    let sent = log.lock().unwrap().clone();
    assert_eq!(sent.len(), 24, "each job sent once: {sent:?}");
    for worker in 0..2 {
        assert!(
            sent.iter().any(|(w, _)| *w == worker),
            "worker {worker} took part: {sent:?}"
        );
    }
}

#[tokio::test]
async fn queues_are_quorum_queues_and_a_classic_redeclaration_names_the_setting() {
    let app = spawn_app().await;
    assert_eq!(app.state.settings.amqp.queue_type, QueueType::Quorum);
    let quorum = Topology::from_settings(&app.state.settings);
    let (connection, channel) = amqp(&app.state.settings).await;
    quorum
        .declare(&channel)
        .await
        .expect("quorum queues declared");

    let mut classic_settings = (*app.state.settings).clone();
    classic_settings.amqp.queue_type = QueueType::Classic;
    let classic = Topology::from_settings(&classic_settings);
    let other = connection.create_channel().await.unwrap();
    let error = classic
        .declare(&other)
        .await
        .expect_err("RabbitMQ refuses another queue type");

    let message = format!("{error:#}");
    assert!(message.contains("RABBITMQ_QUEUE_TYPE=classic"), "{message}");
    assert!(
        message.contains("x-queue-type"),
        "the broker's reason: {message}"
    );
    let cleanup = connection.create_channel().await.unwrap();
    quorum.delete(&cleanup).await.unwrap();
    connection.close(200, "test done").await.ok();
}

#[tokio::test]
async fn classic_queues_still_work_when_asked_for() {
    let app = spawn_app().await;
    let mut settings = (*app.state.settings).clone();
    settings.amqp.queue_type = QueueType::Classic;
    let topology = Topology::from_settings(&settings);
    let (connection, channel) = amqp(&settings).await;

    topology
        .declare(&channel)
        .await
        .expect("classic queues declared");

    let quorum = Topology::from_settings(&app.state.settings);
    let other = connection.create_channel().await.unwrap();
    let error = quorum.declare(&other).await.expect_err("already classic");
    assert!(format!("{error:#}").contains("RABBITMQ_QUEUE_TYPE=quorum"));
    let cleanup = connection.create_channel().await.unwrap();
    topology.delete(&cleanup).await.unwrap();
    connection.close(200, "test done").await.ok();
}

#[tokio::test]
async fn a_logout_on_one_api_revokes_the_token_on_the_other() {
    let first = spawn_app().await;
    let second = first.sibling().await;
    let user = first.create_user("abebe").await;
    let me = second.get("/api/v1/users/me", Some(&user.token)).await;
    assert_eq!(me.status(), 200, "the other api accepts the token");

    let logout = first
        .post("/api/v1/auth/logout", &json!({}), Some(&user.token))
        .await;
    assert_eq!(logout.status(), 204);

    let me = second.get("/api/v1/users/me", Some(&user.token)).await;
    assert_eq!(me.status(), 401, "revoked on every api (Redis)");
}

#[tokio::test]
async fn login_attempts_through_two_apis_count_against_one_limit() {
    let first = spawn_app_with(|s| s.jwt.login_rate_limit = 4).await;
    let second = first.sibling().await;
    first.register("abebe").await;

    for api in [&first, &second, &first, &second] {
        assert_eq!(api.login("abebe", "wrong password!").await.status(), 401);
    }

    for api in [&first, &second] {
        assert_error(api.login("abebe", TEST_PASSWORD).await, 429, "rate_limited").await;
    }
}
