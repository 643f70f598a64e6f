//! The worker: consumes jobs with manual ack, retries with backoff, dead-letters, relays the outbox.
//!
//! [`start`] connects (failing fast when RabbitMQ is unreachable), then a
//! supervisor task runs *sessions*: one connection with the topology declared,
//! a consumer on the work queue and the outbox relay. When the connection drops
//! the session ends and the supervisor reconnects with exponential backoff
//! (200 ms doubling to 30 s); unacknowledged deliveries go back to the queue.
//!
//! # Processing one delivery
//! 1. Open a transaction and insert the job id (the AMQP `message_id`, i.e. the
//!    outbox id) into `processed_jobs`. If it is already there the job was done
//!    before: ack without sending.
//! 2. Send the email, commit, then ack. A crash before the commit rolls the
//!    claim back, so the redelivered message is sent; a crash after the commit
//!    finds the claim, so it is not sent again. The one window left is an SMTP
//!    server that accepted the mail while the commit failed.
//! 3. On failure the message is republished (with confirms) to
//!    `retry.<attempt>` carrying `x-attempt = attempt + 1`, and the original is
//!    acked; after `JOB_MAX_ATTEMPTS` deliveries, or at once for a permanent
//!    error, it goes to the dead-letter queue and is logged as an error. When
//!    the worker's own database is unreachable the job waits in a retry queue
//!    without using up an attempt, so an outage cannot dead-letter jobs.

use std::{
    future::Future,
    net::SocketAddr,
    pin::Pin,
    sync::{Arc, Mutex},
    time::Duration,
};

use anyhow::Context;
use futures::StreamExt;
use lapin::{
    Channel, Connection,
    message::Delivery,
    options::{
        BasicAckOptions, BasicConsumeOptions, BasicNackOptions, BasicQosOptions,
        ConfirmSelectOptions,
    },
    types::{AMQPValue, FieldTable},
};
use secrecy::ExposeSecret;
use tokio::{sync::watch, task::JoinHandle};
use tracing::Instrument;

use super::{
    broker::{self, ATTEMPT_HEADER, ERROR_HEADER, Topology},
    handlers::{self, JobContext, JobError},
    housekeeping, relay,
};
use crate::{
    config::Settings,
    db::Pool,
    email::Mailer,
    http::{self, metrics::Scrape},
    payments::client::ChapaClient,
    startup,
    telemetry::metrics::{self, Metrics},
};

/// First pause before reconnecting; doubles up to [`MAX_RECONNECT_DELAY`].
const FIRST_RECONNECT_DELAY: Duration = Duration::from_millis(200);

/// Longest pause between reconnection attempts.
const MAX_RECONNECT_DELAY: Duration = Duration::from_secs(30);

/// Points in a job's processing that a [`StageHook`] observes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// The job id was claimed in `processed_jobs` (uncommitted); the email is about to be sent.
    Claimed,
    /// The job is done (`sent: false` for an already-processed redelivery); the ack is next.
    BeforeAck {
        /// Whether this delivery sent the email.
        sent: bool,
    },
}

/// One observation passed to a [`StageHook`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct JobEvent {
    /// Where processing is.
    pub stage: Stage,
    /// The outbox id of the job.
    pub job_id: i64,
    /// Whether the broker flagged the delivery as a redelivery.
    pub redelivered: bool,
}

/// Awaited at each [`Stage`]; tests use it to observe jobs or to freeze a worker mid-job.
pub type StageHook =
    Arc<dyn Fn(JobEvent) -> Pin<Box<dyn Future<Output = ()> + Send>> + Send + Sync>;

/// Knobs beyond `Settings`; the binary uses the default.
#[derive(Clone, Default)]
pub struct WorkerOptions {
    /// Observation seam; `None` in production.
    pub hook: Option<StageHook>,
}

/// A running worker; stop it with [`WorkerHandle::shutdown`] (graceful) or [`WorkerHandle::kill`].
///
/// Dropping the handle also stops the worker, like `shutdown` but without waiting.
pub struct WorkerHandle {
    /// Asks the supervisor to stop after in-flight jobs finish.
    shutdown: watch::Sender<bool>,
    /// The supervisor task; finishes after a graceful shutdown.
    task: JoinHandle<()>,
    /// The housekeeping loop (order expiry); finishes after a graceful shutdown.
    sweeper: JoinHandle<()>,
    /// The current connection, so `kill` can close it without acking anything.
    connection: Arc<Mutex<Option<Arc<Connection>>>>,
    /// This worker's metrics registry (also served at `METRICS_BIND`).
    metrics: Metrics,
    /// Where `/metrics` is served, when `METRICS_BIND` is set; stops with the worker.
    metrics_addr: Option<SocketAddr>,
    /// Produces one scrape (gauges read now, then every series).
    scrape: Scrape,
}

impl WorkerHandle {
    /// This worker's metrics registry.
    pub fn metrics(&self) -> &Metrics {
        &self.metrics
    }

    /// The address of the `METRICS_BIND` listener, if one was asked for.
    pub fn metrics_addr(&self) -> Option<SocketAddr> {
        self.metrics_addr
    }

    /// One scrape as `/metrics` serves it: pool, outbox and dead-letter gauges read now.
    pub async fn scrape(&self) -> String {
        (self.scrape)().await
    }

    /// Stops taking deliveries, lets in-flight jobs finish and ack, then closes the connection.
    pub async fn shutdown(self) {
        let _ = self.shutdown.send(true);
        let _ = self.task.await;
        let _ = self.sweeper.await;
        close(&self.connection, 200, "worker shutdown").await;
    }

    /// Simulates a crash: drops in-flight jobs without ack and closes the connection.
    ///
    /// The broker requeues every unacknowledged delivery; their database
    /// transactions roll back when dropped.
    pub async fn kill(self) {
        self.task.abort();
        self.sweeper.abort();
        let _ = self.task.await;
        let _ = self.sweeper.await;
        close(&self.connection, 320, "worker killed").await;
    }
}

/// How the broker lists this worker's connection: its queue prefix and pid.
pub fn connection_name(settings: &Settings) -> String {
    format!(
        "worker {} pid {}",
        settings.amqp.queue_prefix,
        std::process::id()
    )
}

/// Closes the connection in `slot`, if any.
async fn close(slot: &Mutex<Option<Arc<Connection>>>, code: u16, reason: &str) {
    let connection = slot.lock().expect("connection slot").take();
    if let Some(connection) = connection {
        let _ = connection.close(code, reason).await;
    }
}

/// Everything a session needs, shared by the supervisor and the job futures.
struct Worker {
    settings: Arc<Settings>,
    db: Pool,
    topology: Topology,
    jobs: JobContext,
    hook: Option<StageHook>,
    metrics: Metrics,
}

/// Connects to RabbitMQ and starts consuming and relaying in the background.
///
/// Fails when the mail settings are invalid, RabbitMQ cannot be reached now,
/// or the existing queues were declared with other arguments; later
/// connection losses are retried with backoff.
pub async fn start(
    settings: Arc<Settings>,
    db: Pool,
    options: WorkerOptions,
) -> anyhow::Result<WorkerHandle> {
    let mailer = Mailer::from_settings(&settings.email)?;
    let metrics = Metrics::new();
    let chapa = ChapaClient::new(&settings.payments, metrics.clone())?;
    let redis = startup::redis_connection(&settings.redis).await?;
    let catalog_cache = startup::catalog_cache(&settings, redis, metrics.clone());
    let connection = broker::connect(
        settings.amqp.url.expose_secret(),
        broker::CONNECT_TIMEOUT,
        &connection_name(&settings),
    )
    .await?;
    let topology = Topology::from_settings(&settings);
    // Declared here too, so a mismatched topology fails start-up, and queues exist on return.
    let channel = connection.create_channel().await?;
    topology
        .declare(&channel)
        .await
        .context("declaring the job exchange and queues")?;
    let _ = channel.close(200, "topology declared").await;
    let worker = Arc::new(Worker {
        topology,
        jobs: JobContext {
            settings: settings.clone(),
            mailer,
            chapa,
            catalog_cache,
        },
        settings,
        db,
        hook: options.hook,
        metrics: metrics.clone(),
    });
    let (shutdown, shutdown_rx) = watch::channel(false);
    let slot = Arc::new(Mutex::new(None));
    let scrape = scrape(worker.clone(), slot.clone());
    let metrics_addr = match worker.settings.metrics.bind {
        Some(bind) => {
            let mut stop = shutdown_rx.clone();
            Some(
                http::metrics::serve(
                    bind,
                    worker.settings.metrics.token.clone(),
                    scrape.clone(),
                    async move {
                        let _ = stop.wait_for(|stop| *stop).await;
                    },
                )
                .await?,
            )
        }
        None => None,
    };
    // Housekeeping needs only PostgreSQL (and Chapa): it runs whatever RabbitMQ does.
    let sweeper = tokio::spawn(housekeeping::run(
        worker.db.clone(),
        worker.jobs.clone(),
        metrics.clone(),
        shutdown_rx.clone(),
    ));
    let task = tokio::spawn(supervise(
        worker,
        Arc::new(connection),
        slot.clone(),
        shutdown_rx,
    ));
    tracing::info!("worker connected to RabbitMQ; consuming jobs and relaying the outbox");
    Ok(WorkerHandle {
        shutdown,
        task,
        sweeper,
        connection: slot,
        metrics,
        metrics_addr,
        scrape,
    })
}

/// The worker's scrape: its pool, the outbox backlog and the dead-letter depth, read now.
///
/// A gauge that cannot be read (database or broker down) keeps its last
/// value; the failure is logged, the scrape still answers.
fn scrape(worker: Arc<Worker>, slot: Arc<Mutex<Option<Arc<Connection>>>>) -> Scrape {
    Arc::new(move || {
        let worker = worker.clone();
        let slot = slot.clone();
        Box::pin(async move {
            let metrics = &worker.metrics;
            metrics.pool_status("worker", &worker.db);
            match outbox_backlog(&worker.db).await {
                Ok(backlog) => {
                    metrics
                        .gauge(metrics::OUTBOX_BACKLOG, &[])
                        .set(backlog.backlog as f64);
                    metrics
                        .gauge(metrics::OUTBOX_OLDEST_AGE, &[])
                        .set(backlog.oldest_age_seconds);
                }
                Err(e) => tracing::warn!(
                    error = format!("{e:#}"),
                    "metrics: outbox backlog unreadable"
                ),
            }
            let connection = slot.lock().expect("connection slot").clone();
            if let Some(connection) = connection {
                match dead_letter_depth(&worker.topology, &connection).await {
                    Ok(depth) => metrics
                        .gauge(metrics::DEAD_LETTER_DEPTH, &[])
                        .set(f64::from(depth)),
                    Err(e) => tracing::warn!(
                        error = format!("{e:#}"),
                        "metrics: dead-letter depth unreadable"
                    ),
                }
            }
            metrics.render()
        })
    })
}

async fn outbox_backlog(
    db: &Pool,
) -> anyhow::Result<codegen::queries::jobs::housekeeping::OutboxBacklog> {
    let client = db.get().await?;
    Ok(codegen::queries::jobs::housekeeping::outbox_backlog()
        .bind(&client)
        .one()
        .await?)
}

async fn dead_letter_depth(topology: &Topology, connection: &Connection) -> anyhow::Result<u32> {
    let channel = connection.create_channel().await?;
    let depth = topology.dead_letter_depth(&channel).await;
    let _ = channel.close(200, "dead-letter depth read").await;
    Ok(depth?)
}

/// Runs sessions until shutdown, reconnecting with backoff whenever one fails.
async fn supervise(
    worker: Arc<Worker>,
    mut connection: Arc<Connection>,
    slot: Arc<Mutex<Option<Arc<Connection>>>>,
    mut shutdown: watch::Receiver<bool>,
) {
    loop {
        *slot.lock().expect("connection slot") = Some(connection.clone());
        match session(&worker, &connection, shutdown.clone()).await {
            Ok(()) => return,
            Err(e) => tracing::warn!(
                error = format!("{e:#}"),
                "RabbitMQ session ended; reconnecting"
            ),
        }
        close(&slot, 320, "reconnecting").await;
        let mut delay = FIRST_RECONNECT_DELAY;
        connection = loop {
            tokio::select! {
                () = tokio::time::sleep(delay) => {}
                _ = shutdown.changed() => return,
            }
            match broker::connect(
                worker.settings.amqp.url.expose_secret(),
                broker::CONNECT_TIMEOUT,
                &connection_name(&worker.settings),
            )
            .await
            {
                Ok(c) => {
                    tracing::info!("reconnected to RabbitMQ");
                    break Arc::new(c);
                }
                Err(e) => {
                    tracing::warn!(error = format!("{e:#}"), retry_in = ?delay, "RabbitMQ still unreachable");
                    delay = (delay * 2).min(MAX_RECONNECT_DELAY);
                }
            }
        };
    }
}

/// One connection's life: declare, consume and relay until shutdown (`Ok`) or a broker error.
async fn session(
    worker: &Arc<Worker>,
    connection: &Connection,
    shutdown: watch::Receiver<bool>,
) -> anyhow::Result<()> {
    let consume_channel = connection.create_channel().await?;
    worker
        .topology
        .declare(&consume_channel)
        .await
        .context("declaring the job topology")?;
    consume_channel
        .basic_qos(worker.settings.jobs.prefetch, BasicQosOptions::default())
        .await?;
    let publish_channel = confirm_channel(connection).await?;
    let relay_channel = confirm_channel(connection).await?;

    // Ends this session's consuming and relaying: on shutdown, or as soon as
    // either fails. Neither is dropped half-way (see `consume`).
    let (end, ended) = watch::channel(false);
    let on_shutdown = {
        let (end, mut shutdown, mut ended) = (end.clone(), shutdown, ended.clone());
        async move {
            tokio::select! {
                _ = shutdown.wait_for(|stop| *stop) => {
                    let _ = end.send(true);
                }
                _ = ended.wait_for(|stop| *stop) => {}
            }
        }
    };
    let consume = {
        let end = end.clone();
        let ended = ended.clone();
        async move {
            let result = consume(
                worker.clone(),
                consume_channel,
                publish_channel,
                &end,
                ended,
            )
            .await;
            let _ = end.send(true);
            result
        }
    };
    let relay = async {
        let result = relay::run(
            worker.db.clone(),
            relay_channel,
            worker.topology.clone(),
            worker.settings.jobs.relay_poll,
            worker.settings.jobs.relay_batch,
            ended.clone(),
        )
        .await;
        let _ = end.send(true);
        result
    };
    let (consumed, relayed, ()) = tokio::join!(consume, relay, on_shutdown);
    consumed.and(relayed)
}

/// A channel in publisher-confirm mode.
async fn confirm_channel(connection: &Connection) -> lapin::Result<Channel> {
    let channel = connection.create_channel().await?;
    channel
        .confirm_select(ConfirmSelectOptions::default())
        .await?;
    Ok(channel)
}

/// Processes deliveries, up to `WORKER_PREFETCH` at once, until `ended` is set
/// (shutdown, or the relay failed) or the consumer stops.
///
/// Ending the session stops taking deliveries but lets the jobs in flight
/// finish: a job whose email went out still commits its claim, so its
/// redelivery on the next session is acknowledged as done instead of sending
/// the email again. Its ack may fail with the channel; that is reported once
/// the others are done. A failing delivery ends the session (`end`) the same way.
async fn consume(
    worker: Arc<Worker>,
    channel: Channel,
    publisher: Channel,
    end: &watch::Sender<bool>,
    mut ended: watch::Receiver<bool>,
) -> anyhow::Result<()> {
    let consumer = channel
        .basic_consume(
            &worker.topology.work_queue(),
            "",
            BasicConsumeOptions::default(),
            FieldTable::default(),
        )
        .await?;
    let stop = ended.clone();
    let stopped = async move {
        let _ = ended.wait_for(|stop| *stop).await;
    };
    let failure: Mutex<Option<anyhow::Error>> = Mutex::new(None);
    let fail = |error: anyhow::Error| {
        failure
            .lock()
            .expect("consume failure")
            .get_or_insert(error);
        let _ = end.send(true);
    };
    consumer
        .take_until(stopped)
        .scan((), |(), delivery| {
            futures::future::ready(delivery.map_err(|e| fail(e.into())).ok())
        })
        .for_each_concurrent(usize::from(worker.settings.jobs.prefetch), |delivery| {
            let worker = worker.clone();
            let publisher = publisher.clone();
            let fail = &fail;
            async move {
                if let Err(e) = handle_delivery(&worker, &publisher, delivery).await {
                    fail(e);
                }
            }
        })
        .await;
    if let Some(error) = failure.into_inner().expect("consume failure") {
        return Err(error);
    }
    if *stop.borrow() {
        Ok(())
    } else {
        anyhow::bail!("the broker cancelled the consumer")
    }
}

/// Decision for one delivery, acked or settled by republishing.
async fn handle_delivery(
    worker: &Worker,
    publisher: &Channel,
    delivery: Delivery,
) -> anyhow::Result<()> {
    let job_type = delivery
        .properties
        .kind()
        .as_ref()
        .map(|k| k.as_str().to_owned())
        .unwrap_or_default();
    let attempt = broker::int_header(&delivery.properties, ATTEMPT_HEADER)
        .and_then(|a| u32::try_from(a).ok())
        .unwrap_or(1);
    let job_id = delivery
        .properties
        .message_id()
        .as_ref()
        .and_then(|id| id.as_str().parse::<i64>().ok());
    let last_attempt = attempt >= worker.topology.max_attempts();
    let request_id = broker::string_header(&delivery.properties, broker::REQUEST_ID_HEADER);
    // Every log line of this job carries the id of the request that caused it.
    let span = tracing::info_span!(
        "job",
        request.id = request_id.as_deref().unwrap_or(""),
        job.id = job_id,
        job.r#type = %job_type,
        job.attempt = attempt,
        otel.name = format!("job {job_type}"),
        otel.kind = "consumer",
    );
    // The relay copied the enqueuing span's `traceparent`: the job joins the request's trace.
    crate::telemetry::propagation::continue_remote(
        &span,
        &broker::MessageHeaders(&delivery.properties),
    );
    async move {
    let label = handlers::job_type_label(&job_type);
    let started = std::time::Instant::now();
    let outcome = match job_id {
        Some(job_id) => process(worker, job_id, &job_type, &delivery, last_attempt).await,
        None => Err(JobError::Permanent(anyhow::anyhow!(
            "message has no numeric message_id (job id)"
        ))),
    };
    worker.metrics.job_duration(label, started.elapsed());
    match outcome {
        Ok(sent) => {
            if let (Some(hook), Some(job_id)) = (&worker.hook, job_id) {
                hook(JobEvent {
                    stage: Stage::BeforeAck { sent },
                    job_id,
                    redelivered: delivery.redelivered,
                })
                .await;
            }
            delivery.acker.ack(BasicAckOptions::default()).await?;
            if sent {
                worker.metrics.job(label, "processed");
                tracing::info!(job.id = job_id, job.r#type = %job_type, request.id = request_id.as_deref(), "job done");
            } else {
                worker.metrics.job(label, "duplicate");
                tracing::info!(job.id = job_id, job.r#type = %job_type, request.id = request_id.as_deref(), "job already done; redelivery acknowledged");
            }
        }
        Err(error) => {
            worker.metrics.job(label, "failed");
            settle_failure(worker, publisher, &delivery, &job_type, attempt, error).await?
        }
    }
    Ok(())
    }
    .instrument(span)
    .await
}

/// Claims, runs and records the job; `Ok(false)` when it had been done before.
async fn process(
    worker: &Worker,
    job_id: i64,
    job_type: &str,
    delivery: &Delivery,
    last_attempt: bool,
) -> Result<bool, JobError> {
    let mut client = worker.db.get().await?;
    let tx = client.transaction().await?;
    let claimed = codegen::queries::jobs::processed::claim_job()
        .bind(&tx, &job_id, &job_type)
        .opt()
        .await?;
    if claimed.is_none() {
        return Ok(false);
    }
    if let Some(hook) = &worker.hook {
        hook(JobEvent {
            stage: Stage::Claimed,
            job_id,
            redelivered: delivery.redelivered,
        })
        .await;
    }
    let effects = handlers::dispatch(
        &worker.jobs,
        &tx,
        job_type,
        job_id,
        &delivery.data,
        last_attempt,
    )
    .await?;
    tx.commit().await?;
    if effects.stock_changed {
        worker.jobs.catalog_cache.invalidate_stock().await;
    }
    Ok(true)
}

/// Sends a failed job to its next retry queue, or to the dead-letter queue, then acks it.
///
/// If the republish is not confirmed the delivery is nacked with requeue, so
/// the job is never lost.
async fn settle_failure(
    worker: &Worker,
    publisher: &Channel,
    delivery: &Delivery,
    job_type: &str,
    attempt: u32,
    error: JobError,
) -> anyhow::Result<()> {
    let topology = &worker.topology;
    let max = topology.max_attempts();
    // (destination queue, x-attempt of the next delivery); `None` = dead-letter.
    let next = match &error {
        JobError::Transient(_) if attempt < max => {
            Some((topology.retry_queue(attempt), attempt + 1))
        }
        // An outage of our own database is not the job's fault: wait, same attempt.
        JobError::Unavailable(_) if max > 1 => {
            Some((topology.retry_queue(attempt.clamp(1, max - 1)), attempt))
        }
        JobError::Unavailable(_) => {
            tokio::time::sleep(topology.retry_delay(1)).await;
            delivery
                .acker
                .nack(BasicNackOptions {
                    requeue: true,
                    ..Default::default()
                })
                .await?;
            tracing::warn!(job.r#type = %job_type, error = %error, "database unavailable; job requeued");
            worker
                .metrics
                .job(handlers::job_type_label(job_type), "retried");
            return Ok(());
        }
        _ => None,
    };
    let retry = next.is_some();
    let job_id = delivery
        .properties
        .message_id()
        .as_ref()
        .map(|id| id.as_str().to_owned())
        .unwrap_or_default();
    let (queue, next_attempt) = next.unwrap_or_else(|| (topology.dead_letter_queue(), attempt));
    let mut headers = delivery.properties.headers().clone().unwrap_or_default();
    headers.insert(
        ATTEMPT_HEADER.into(),
        AMQPValue::LongLongInt(i64::from(next_attempt)),
    );
    headers.insert(ERROR_HEADER.into(), broker::string(&error.to_string()));
    let properties = delivery.properties.clone().with_headers(headers);

    match broker::publish_confirmed(publisher, "", &queue, &delivery.data, properties).await {
        Ok(()) => {
            delivery.acker.ack(BasicAckOptions::default()).await?;
            let outcome = if retry { "retried" } else { "dead_lettered" };
            worker
                .metrics
                .job(handlers::job_type_label(job_type), outcome);
            if retry {
                tracing::warn!(
                    job.id = %job_id,
                    job.r#type = %job_type,
                    job.attempt = attempt,
                    retry.queue = %queue,
                    error = %error,
                    "job failed; will retry"
                );
            } else {
                tracing::error!(
                    job.id = %job_id,
                    job.r#type = %job_type,
                    job.attempt = attempt,
                    error = %error,
                    "job failed for good; moved to the dead-letter queue {queue}"
                );
            }
            Ok(())
        }
        Err(publish_error) => {
            tracing::warn!(error = %publish_error, "could not park the failed job; requeueing it");
            delivery
                .acker
                .nack(BasicNackOptions {
                    requeue: true,
                    ..Default::default()
                })
                .await?;
            Err(publish_error.into())
        }
    }
}
