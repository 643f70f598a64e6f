//! RabbitMQ topology and confirmed publishing.
//!
//! Names all start with `AMQP_QUEUE_PREFIX` (`P` below):
//!
//! | name | kind | role |
//! |---|---|---|
//! | `P.jobs` | topic exchange | the relay publishes here, routing key = job type |
//! | `P.jobs.work` | queue, bound `#` | the worker consumes it (manual ack) |
//! | `P.jobs.retry.N` | queue, no consumer | holds a failed job for `JOB_RETRY_BASE_MS * 2^(N-1)` (queue TTL), then dead-letters it back to `P.jobs` |
//! | `P.jobs.dead` | queue, no consumer | jobs that failed `JOB_MAX_ATTEMPTS` times or can never succeed |
//!
//! One retry queue per attempt keeps every message in a queue with the same
//! TTL, so an expired message is never stuck behind a longer-lived one.
//! Everything is durable and every message persistent; publishes wait for the
//! broker's confirm.
//!
//! Queues are quorum queues (`RABBITMQ_QUEUE_TYPE=quorum`, the default):
//! replicated across the nodes of a cluster, and since RabbitMQ 3.10 they
//! support the retry queues' message TTL and dead-lettering. `classic` keeps
//! single-node queues (older brokers, or queues declared before). RabbitMQ
//! refuses to redeclare a queue with another type; [`Topology::declare`]
//! then fails with the way out (docs/OPERATIONS.md, "Scale-out").

use std::time::Duration;

use anyhow::Context;
use lapin::{
    BasicProperties, Channel, Connection, ConnectionProperties, ExchangeKind,
    options::{
        BasicPublishOptions, ExchangeDeclareOptions, ExchangeDeleteOptions, QueueBindOptions,
        QueueDeclareOptions, QueueDeleteOptions,
    },
    publisher_confirm::Confirmation,
    types::{AMQPValue, FieldTable, LongString, ShortString},
};

use crate::config::{QueueType, Settings};

/// How long connecting to RabbitMQ may take before it counts as unreachable.
pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);

/// Header counting deliveries of a job (1 on the first delivery).
pub const ATTEMPT_HEADER: &str = "x-attempt";

/// Header carrying the last failure, set on retried and dead-lettered jobs.
pub const ERROR_HEADER: &str = "x-last-error";

/// AMQP delivery mode 2: the broker writes the message to disk.
const PERSISTENT: u8 = 2;

/// Opens a connection named `name`, failing after `timeout` with a message that says what to check.
///
/// The name is the `connection_name` client property, shown by
/// `rabbitmqctl list_connections client_properties` and the management UI.
pub async fn connect(url: &str, timeout: Duration, name: &str) -> anyhow::Result<Connection> {
    let properties = ConnectionProperties::default().with_connection_name(name.into());
    tokio::time::timeout(timeout, Connection::connect(url, properties))
        .await
        .map_err(|_| anyhow::anyhow!("timed out after {timeout:?}"))
        .and_then(|r| r.map_err(anyhow::Error::from))
        .context("connecting to RabbitMQ (AMQP_URL); is it running? see scripts/services")
}

/// Exchange and queue names plus their retry policy, derived from `Settings`.
#[derive(Debug, Clone)]
pub struct Topology {
    prefix: String,
    max_attempts: u32,
    retry_base: Duration,
    expires: Option<Duration>,
    queue_type: QueueType,
}

impl Topology {
    /// Names and retry policy from `AMQP_QUEUE_PREFIX`, `JOB_MAX_ATTEMPTS`, `JOB_RETRY_BASE_MS`.
    pub fn from_settings(settings: &Settings) -> Self {
        Self {
            prefix: settings.amqp.queue_prefix.clone(),
            max_attempts: settings.jobs.max_attempts,
            retry_base: settings.jobs.retry_base,
            expires: settings.amqp.queue_expires,
            queue_type: settings.amqp.queue_type,
        }
    }

    /// Exchange the relay publishes jobs to.
    pub fn exchange(&self) -> String {
        format!("{}.jobs", self.prefix)
    }

    /// Queue the worker consumes.
    pub fn work_queue(&self) -> String {
        format!("{}.jobs.work", self.prefix)
    }

    /// Delay queue a job waits in after its `attempt`-th failure.
    pub fn retry_queue(&self, attempt: u32) -> String {
        format!("{}.jobs.retry.{attempt}", self.prefix)
    }

    /// Queue of jobs that will not be tried again.
    pub fn dead_letter_queue(&self) -> String {
        format!("{}.jobs.dead", self.prefix)
    }

    /// Deliveries a job gets before it is dead-lettered.
    pub fn max_attempts(&self) -> u32 {
        self.max_attempts
    }

    /// Wait after the `attempt`-th failure: `base * 2^(attempt - 1)`, capped at one hour.
    pub fn retry_delay(&self, attempt: u32) -> Duration {
        let factor = 2u32.saturating_pow(attempt.saturating_sub(1));
        self.retry_base
            .saturating_mul(factor)
            .min(Duration::from_secs(3600))
    }

    /// Arguments shared by every queue: `x-queue-type`, and `x-expires` when configured.
    fn queue_args(&self) -> FieldTable {
        let mut args = FieldTable::default();
        args.insert("x-queue-type".into(), string(self.queue_type.as_str()));
        if let Some(expires) = self.expires {
            args.insert("x-expires".into(), millis(expires));
        }
        args
    }

    /// Declares (idempotently) the exchange, the work, retry and dead-letter queues.
    ///
    /// Queues that exist with another `x-queue-type` fail it with a message
    /// naming `RABBITMQ_QUEUE_TYPE` and the upgrade path.
    pub async fn declare(&self, channel: &Channel) -> anyhow::Result<()> {
        self.declare_all(channel).await.map_err(|e| {
            let text = e.to_string();
            let error = anyhow::Error::from(e);
            if text.contains("x-queue-type") {
                error.context(format!(
                    "the job queues `{prefix}.jobs.*` exist with another queue type than \
                     RABBITMQ_QUEUE_TYPE={wanted}; set RABBITMQ_QUEUE_TYPE to their type, or move \
                     to new queues under another AMQP_QUEUE_PREFIX (docs/OPERATIONS.md, \
                     \"Scale-out\")",
                    prefix = self.prefix,
                    wanted = self.queue_type.as_str(),
                ))
            } else {
                error
            }
        })
    }

    async fn declare_all(&self, channel: &Channel) -> lapin::Result<()> {
        let durable = QueueDeclareOptions {
            durable: true,
            ..Default::default()
        };
        channel
            .exchange_declare(
                &self.exchange(),
                ExchangeKind::Topic,
                ExchangeDeclareOptions {
                    durable: true,
                    // Only ephemeral topologies: the exchange goes once its queues expired.
                    auto_delete: self.expires.is_some(),
                    ..Default::default()
                },
                FieldTable::default(),
            )
            .await?;

        channel
            .queue_declare(&self.dead_letter_queue(), durable, self.queue_args())
            .await?;

        // A message rejected without requeue (never done on purpose) still lands in the DLQ.
        let mut work_args = self.queue_args();
        work_args.insert("x-dead-letter-exchange".into(), string(""));
        work_args.insert(
            "x-dead-letter-routing-key".into(),
            string(&self.dead_letter_queue()),
        );
        channel
            .queue_declare(&self.work_queue(), durable, work_args)
            .await?;
        channel
            .queue_bind(
                &self.work_queue(),
                &self.exchange(),
                "#",
                QueueBindOptions::default(),
                FieldTable::default(),
            )
            .await?;

        for attempt in 1..self.max_attempts {
            let mut args = self.queue_args();
            args.insert("x-message-ttl".into(), millis(self.retry_delay(attempt)));
            args.insert("x-dead-letter-exchange".into(), string(&self.exchange()));
            channel
                .queue_declare(&self.retry_queue(attempt), durable, args)
                .await?;
        }
        Ok(())
    }

    /// Deletes every queue and the exchange (test clean-up; never called by the service).
    pub async fn delete(&self, channel: &Channel) -> lapin::Result<()> {
        let mut queues = vec![self.work_queue(), self.dead_letter_queue()];
        queues.extend((1..self.max_attempts).map(|a| self.retry_queue(a)));
        for queue in queues {
            channel
                .queue_delete(&queue, QueueDeleteOptions::default())
                .await?;
        }
        channel
            .exchange_delete(&self.exchange(), ExchangeDeleteOptions::default())
            .await
    }
}

/// Header carrying the id of the HTTP request that enqueued the job (absent for sweeps).
pub const REQUEST_ID_HEADER: &str = "x-request-id";

/// Reads a string header (`x-request-id`), `None` if absent or not a string.
pub fn string_header(properties: &BasicProperties, name: &str) -> Option<String> {
    match properties.headers().as_ref()?.inner().get(name)? {
        AMQPValue::LongString(s) => Some(String::from_utf8_lossy(s.as_bytes()).into_owned()),
        AMQPValue::ShortString(s) => Some(s.as_str().to_owned()),
        _ => None,
    }
}

/// A message's headers, for [`crate::telemetry::propagation::continue_remote`] (`traceparent`).
pub struct MessageHeaders<'a>(pub &'a BasicProperties);

impl opentelemetry::propagation::Extractor for MessageHeaders<'_> {
    fn get(&self, key: &str) -> Option<&str> {
        match self.0.headers().as_ref()?.inner().get(key)? {
            AMQPValue::LongString(s) => std::str::from_utf8(s.as_bytes()).ok(),
            AMQPValue::ShortString(s) => Some(s.as_str()),
            _ => None,
        }
    }

    fn keys(&self) -> Vec<&str> {
        self.0
            .headers()
            .as_ref()
            .map(|h| h.inner().keys().map(|k| k.as_str()).collect())
            .unwrap_or_default()
    }
}

impl Topology {
    /// Messages waiting in the dead-letter queue (a passive declare: creates nothing).
    pub async fn dead_letter_depth(&self, channel: &Channel) -> lapin::Result<u32> {
        let queue = channel
            .queue_declare(
                &self.dead_letter_queue(),
                QueueDeclareOptions {
                    passive: true,
                    ..Default::default()
                },
                FieldTable::default(),
            )
            .await?;
        Ok(queue.message_count())
    }
}

/// An integer AMQP argument in milliseconds.
fn millis(duration: Duration) -> AMQPValue {
    AMQPValue::LongLongInt(i64::try_from(duration.as_millis()).unwrap_or(i64::MAX))
}

/// A string AMQP argument or header.
pub(crate) fn string(value: &str) -> AMQPValue {
    AMQPValue::LongString(LongString::from(value.to_owned()))
}

/// Properties of a job message: persistent JSON, `message_id` = outbox id, `type` = job type.
pub fn job_properties(job_id: i64, job_type: &str, headers: FieldTable) -> BasicProperties {
    BasicProperties::default()
        .with_delivery_mode(PERSISTENT)
        .with_content_type(ShortString::from("application/json"))
        .with_message_id(ShortString::from(job_id.to_string()))
        .with_type(ShortString::from(job_type.to_owned()))
        .with_headers(headers)
}

/// Why the broker did not take a message.
#[derive(Debug, thiserror::Error)]
pub enum PublishError {
    /// The channel or connection failed; the caller should reconnect.
    #[error("RabbitMQ connection failed: {0}")]
    Connection(#[from] lapin::Error),
    /// The broker refused the message (negative confirm).
    #[error("the broker did not confirm the message")]
    Nacked,
    /// No queue is bound for the routing key (mandatory publish came back).
    #[error("no queue is bound for routing key `{0}`")]
    Unroutable(String),
    /// The channel was not put in confirm mode, so success cannot be known.
    #[error("publisher confirms are not enabled on this channel")]
    NotConfirmed,
}

/// Publishes one persistent message and waits until the broker confirms it.
///
/// The channel must be in confirm mode (`confirm_select`). `mandatory` makes an
/// unroutable message an error instead of a silent drop.
pub async fn publish_confirmed(
    channel: &Channel,
    exchange: &str,
    routing_key: &str,
    payload: &[u8],
    properties: BasicProperties,
) -> Result<(), PublishError> {
    let confirmation = channel
        .basic_publish(
            exchange,
            routing_key,
            BasicPublishOptions {
                mandatory: true,
                ..Default::default()
            },
            payload,
            properties,
        )
        .await?
        .await?;
    match confirmation {
        Confirmation::Ack(None) => Ok(()),
        Confirmation::Ack(Some(_)) => Err(PublishError::Unroutable(routing_key.to_owned())),
        Confirmation::Nack(_) => Err(PublishError::Nacked),
        Confirmation::NotRequested => Err(PublishError::NotConfirmed),
    }
}

/// Reads an integer header, accepting any integer width the broker or a client used.
pub fn int_header(properties: &BasicProperties, name: &str) -> Option<i64> {
    let value = properties.headers().as_ref()?.inner().get(name)?;
    match value {
        AMQPValue::ShortShortInt(v) => Some(i64::from(*v)),
        AMQPValue::ShortShortUInt(v) => Some(i64::from(*v)),
        AMQPValue::ShortInt(v) => Some(i64::from(*v)),
        AMQPValue::ShortUInt(v) => Some(i64::from(*v)),
        AMQPValue::LongInt(v) => Some(i64::from(*v)),
        AMQPValue::LongUInt(v) => Some(i64::from(*v)),
        AMQPValue::LongLongInt(v) => Some(*v),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn topology(base_ms: u64) -> Topology {
        Topology {
            prefix: "p".into(),
            max_attempts: 5,
            retry_base: Duration::from_millis(base_ms),
            expires: None,
            queue_type: QueueType::Quorum,
        }
    }

    #[test]
    fn retry_delay_doubles_per_attempt_and_is_capped() {
        let t = topology(1000);
        let delays: Vec<u64> = (1..5).map(|a| t.retry_delay(a).as_secs()).collect();
        assert_eq!(delays, [1, 2, 4, 8]);
        assert_eq!(t.retry_delay(40), Duration::from_secs(3600));
    }

    #[test]
    fn names_share_the_prefix() {
        let t = topology(1);
        assert_eq!(t.exchange(), "p.jobs");
        assert_eq!(t.work_queue(), "p.jobs.work");
        assert_eq!(t.retry_queue(2), "p.jobs.retry.2");
        assert_eq!(t.dead_letter_queue(), "p.jobs.dead");
    }
}
