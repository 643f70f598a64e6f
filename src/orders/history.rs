//! The order's history (`order_events`): every status change, item change,
//! payment event and refund, appended in the transaction of the change.

use chrono::{DateTime, FixedOffset};
use codegen::{client::GenericClient, queries::orders::orders as q};
use serde_json::Value;

use crate::{
    http::auth::Caller,
    orders::{domain::OrderStatus, error::OrdersError},
    pagination::{Cursor, CursorCodec, split_page},
};

/// Who caused an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EventActor {
    /// A signed-in user (the buyer or an admin).
    User(i64),
    /// The system itself (expiry sweep, automatic refunds, the refund worker).
    System,
    /// Chapa, through a verified webhook or callback.
    Chapa,
}

impl EventActor {
    /// The actor of an HTTP caller.
    pub fn of(caller: &Caller) -> Self {
        Self::User(caller.user_id)
    }

    fn parts(self) -> (&'static str, Option<i64>) {
        match self {
            Self::User(id) => ("user", Some(id)),
            Self::System => ("system", None),
            Self::Chapa => ("chapa", None),
        }
    }
}

/// One thing that happened to an order.
#[derive(Debug, Clone)]
pub struct NewEvent<'a> {
    /// What happened, `snake_case` (`order_placed`, `status_changed`, `payment_completed`, ...).
    pub kind: &'a str,
    /// Status before, for status changes.
    pub from: Option<OrderStatus>,
    /// Status after, for status changes.
    pub to: Option<OrderStatus>,
    /// Who.
    pub actor: EventActor,
    /// A short JSON detail (ids, amounts, reasons).
    pub detail: Value,
}

impl<'a> NewEvent<'a> {
    /// An event without a status change.
    pub fn new(kind: &'a str, actor: EventActor, detail: Value) -> Self {
        Self {
            kind,
            from: None,
            to: None,
            actor,
            detail,
        }
    }

    /// A status change.
    pub fn transition(
        kind: &'a str,
        from: OrderStatus,
        to: OrderStatus,
        actor: EventActor,
        detail: Value,
    ) -> Self {
        Self {
            kind,
            from: Some(from),
            to: Some(to),
            actor,
            detail,
        }
    }
}

/// Appends an event in the caller's transaction.
pub async fn record(
    tx: &impl GenericClient,
    order_id: i64,
    event: NewEvent<'_>,
) -> Result<(), tokio_postgres::Error> {
    let (actor, actor_user_id) = event.actor.parts();
    q::insert_order_event()
        .bind(
            tx,
            &order_id,
            &event.kind,
            &event.from.map(OrderStatus::as_str),
            &event.to.map(OrderStatus::as_str),
            &actor,
            &actor_user_id,
            &event.detail,
        )
        .await?;
    Ok(())
}

/// A recorded event.
#[derive(Debug, Clone)]
pub struct OrderEvent {
    /// `order_events.id`, increasing.
    pub id: i64,
    /// What happened.
    pub kind: String,
    /// Status before.
    pub from_status: Option<String>,
    /// Status after.
    pub to_status: Option<String>,
    /// `user`, `system` or `chapa`.
    pub actor: String,
    /// The user, when `actor` is `user`.
    pub actor_user_id: Option<i64>,
    /// Detail.
    pub detail: Value,
    /// When.
    pub created_at: DateTime<FixedOffset>,
}

/// Sort label of history cursors.
const EVENT_CURSOR: &str = "order_events";

/// A page of an order's history, oldest first (owner or admin; others get 404).
pub async fn list_events(
    client: &impl GenericClient,
    codec: &CursorCodec,
    caller: &Caller,
    order_id: i64,
    cursor: Option<&str>,
    limit: i64,
) -> Result<(Vec<OrderEvent>, Option<String>), OrdersError> {
    let after_id = match cursor {
        Some(token) => Some(
            codec
                .decode(token, EVENT_CURSOR)
                .map_err(|e| OrdersError::BadCursor(e.to_string()))?
                .id,
        ),
        None => None,
    };
    q::find_order()
        .bind(client, &order_id)
        .opt()
        .await?
        .filter(|o| caller.can_access(o.user_id))
        .ok_or(OrdersError::OrderNotFound(order_id))?;
    let fetch = limit + 1;
    let mut rows = q::list_order_events()
        .bind(client, &order_id, &after_id, &fetch)
        .all()
        .await?;
    let next = split_page(&mut rows, limit).map(|e| {
        codec.encode(&Cursor {
            sort: EVENT_CURSOR.into(),
            key: String::new(),
            id: e.id,
        })
    });
    let events = rows
        .into_iter()
        .map(|r| OrderEvent {
            id: r.id,
            kind: r.kind,
            from_status: r.from_status,
            to_status: r.to_status,
            actor: r.actor,
            actor_user_id: r.actor_user_id,
            detail: r.detail,
            created_at: r.created_at,
        })
        .collect();
    Ok((events, next))
}
