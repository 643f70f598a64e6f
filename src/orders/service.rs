//! Order rules: stock, totals and status changes, each inside one transaction.
//!
//! Stock is taken with a conditional `UPDATE ... WHERE stock >= quantity`
//! (`take_stock`): the row lock serialises concurrent buyers and the condition
//! makes overselling impossible. Product rows are always locked in product-id
//! order so two orders for the same products cannot deadlock. Every item
//! change recomputes `orders.total_amount` in the same transaction.
//!
//! Public product reads show stock and are cached. The cached reads overlay
//! the current stock amounts from PostgreSQL themselves, so moving stock
//! invalidates only what depends on *whether* a product is in stock (lists
//! filtered by `in_stock`, facets): every function that moves stock takes the
//! catalog [`Cache`] and calls `invalidate_stock` after its commit; placing an
//! order or adding an item does so only when it sold a product out.

use std::collections::HashMap;

use chrono::{DateTime, FixedOffset};
use codegen::{
    client::{GenericClient, Params as _},
    queries::orders::orders as q,
};
use rust_decimal::Decimal;
use serde_json::json;

use crate::{
    cache::Cache,
    db,
    db::Pool,
    http::auth::Caller,
    idempotency::{self, Earlier},
    jobs::{
        self,
        message::{OrderLine, SendLowStockAlert, SendOrderCreationEmail, SendOrderExpiryEmail},
    },
    money,
    orders::{
        domain::{Actor, NewOrder, OrderStatus, Transition, check_transition, parse_quantity},
        error::OrdersError,
        history::{self, EventActor, NewEvent},
    },
    pagination::{CursorCodec, split_page},
};

/// An order with its items.
#[derive(Debug, Clone)]
pub struct Order {
    /// `orders.id`.
    pub id: i64,
    /// Buyer.
    pub user_id: i64,
    /// Lifecycle status.
    pub status: OrderStatus,
    /// Where to ship.
    pub shipping_address: String,
    /// Sum of the items.
    pub total_amount: Decimal,
    /// Creation time.
    pub created_at: DateTime<FixedOffset>,
    /// Last change.
    pub updated_at: DateTime<FixedOffset>,
    /// Lines, in insertion order.
    pub items: Vec<OrderItem>,
}

/// One line of an order.
#[derive(Debug, Clone)]
pub struct OrderItem {
    /// `order_items.id`.
    pub id: i64,
    /// Product bought.
    pub product_id: i64,
    /// Product name (current).
    pub product_name: String,
    /// Units.
    pub quantity: i32,
    /// Price per unit at purchase time.
    pub unit_price: Decimal,
}

impl From<q::OrderItem> for OrderItem {
    fn from(row: q::OrderItem) -> Self {
        Self {
            id: row.id,
            product_id: row.product_id,
            product_name: row.product_name,
            quantity: row.quantity,
            unit_price: row.unit_price,
        }
    }
}

fn order_from(row: q::Order, items: Vec<OrderItem>) -> Result<Order, OrdersError> {
    Ok(Order {
        id: row.id,
        user_id: row.user_id,
        status: row.status.parse()?,
        shipping_address: row.shipping_address,
        total_amount: row.total_amount,
        created_at: row.created_at,
        updated_at: row.updated_at,
        items,
    })
}

/// What `create_order` did.
#[derive(Debug)]
pub enum Created {
    /// A new order.
    New(Order),
    /// The order an earlier request with the same Idempotency-Key created.
    Replayed(Order),
}

/// Takes the stock of every line, one statement after the other in the lines'
/// product-id order, so row locks are always taken in one order. (Not
/// pipelined: `db::traced` names a statement's span after the `prepare` just
/// before it, one statement at a time per connection.)
async fn take_lines(
    tx: &impl GenericClient,
    lines: &[(i64, i32)],
    threshold: i32,
) -> Result<Vec<Taken>, OrdersError> {
    let mut taken = Vec::with_capacity(lines.len());
    for &(product_id, quantity) in lines {
        taken.push(take_stock(tx, product_id, quantity, threshold).await?);
    }
    Ok(taken)
}

/// Product facts at the moment stock was taken.
struct Taken {
    name: String,
    price: Decimal,
    /// This take left no stock: cached `in_stock` lists and facets are out of date.
    sold_out: bool,
}

/// Takes `quantity` units or explains why not; enqueues a low-stock alert when
/// this take crosses the threshold (once per crossing).
async fn take_stock(
    tx: &impl GenericClient,
    product_id: i64,
    quantity: i32,
    threshold: i32,
) -> Result<Taken, OrdersError> {
    let Some(row) = q::take_stock()
        .bind(tx, &quantity, &product_id)
        .opt()
        .await?
    else {
        return Err(
            match q::find_product_stock().bind(tx, &product_id).opt().await? {
                Some(p) if p.is_active => OrdersError::InsufficientStock {
                    product_id,
                    name: p.name,
                    available: p.stock,
                },
                _ => OrdersError::ProductUnavailable(product_id),
            },
        );
    };
    let before = row.stock + quantity;
    if before > threshold && row.stock <= threshold {
        jobs::enqueue(
            tx,
            &SendLowStockAlert {
                product_id,
                product_name: row.name.clone(),
                stock: row.stock,
                threshold,
            },
        )
        .await?;
    }
    Ok(Taken {
        name: row.name,
        price: row.price,
        sold_out: row.stock == 0,
    })
}

/// Places an order: stock, items, total and confirmation email in one transaction.
///
/// Retried a few times on a deadlock or serialization failure (see [`db::retry`]).
pub async fn create_order(
    pool: &Pool,
    catalog_cache: &Cache,
    low_stock_threshold: i32,
    caller: &Caller,
    new: NewOrder,
    idempotency_key: Option<&str>,
) -> Result<Created, OrdersError> {
    db::retry(|| {
        create_order_once(
            pool,
            catalog_cache,
            low_stock_threshold,
            caller,
            &new,
            idempotency_key,
        )
    })
    .await
}

async fn create_order_once(
    pool: &Pool,
    catalog_cache: &Cache,
    low_stock_threshold: i32,
    caller: &Caller,
    new: &NewOrder,
    idempotency_key: Option<&str>,
) -> Result<Created, OrdersError> {
    let mut client = pool.get().await?;
    let fingerprint = idempotency_key.map(|_| idempotency::fingerprint(new));
    if let Some(key) = idempotency_key
        && let Some(existing) = find_by_key(&client, caller.user_id, key, &fingerprint).await?
    {
        return Ok(Created::Replayed(existing));
    }
    let tx = client.transaction().await?;
    // Stock first: the prices the order charges are read under the row locks.
    let taken = match take_lines(&tx, &new.lines, low_stock_threshold).await {
        Ok(taken) => taken,
        // A concurrent request with the same key may have taken the last units
        // and committed while this one waited for the row lock: replay its order.
        Err(e @ (OrdersError::InsufficientStock { .. } | OrdersError::ProductUnavailable(_)))
            if idempotency_key.is_some() =>
        {
            drop(tx);
            return replay_or(&client, caller.user_id, idempotency_key, &fingerprint, e).await;
        }
        Err(e) => return Err(e),
    };
    let (mut ids, mut quantities, mut prices) = (vec![], vec![], vec![]);
    for (&(product_id, quantity), taken) in new.lines.iter().zip(&taken) {
        ids.push(product_id);
        quantities.push(quantity);
        prices.push(taken.price);
    }
    let inserted = q::insert_order()
        .bind(
            &tx,
            &caller.user_id,
            &new.shipping_address.as_str(),
            &idempotency_key,
            &fingerprint.as_deref(),
            &quantities,
            &prices,
            &ids,
        )
        .all()
        .await;
    let placed = match inserted {
        Ok(placed) => placed,
        // A concurrent request with the same key committed first: return its order.
        Err(e) if db::violated_constraint(&e) == Some("orders_idempotency_key") => {
            drop(tx);
            let e = OrdersError::Unexpected(e.into());
            return replay_or(&client, caller.user_id, idempotency_key, &fingerprint, e).await;
        }
        Err(e) => return Err(e.into()),
    };
    let Some(head) = placed.first().cloned() else {
        return Err(OrdersError::Unexpected(anyhow::anyhow!(
            "an order was inserted without items"
        )));
    };
    let mut names: HashMap<i64, String> = new
        .lines
        .iter()
        .zip(taken.iter())
        .map(|(&(product_id, _), taken)| (product_id, taken.name.clone()))
        .collect();
    let items: Vec<OrderItem> = placed
        .into_iter()
        .map(|item| OrderItem {
            id: item.item_id,
            product_id: item.product_id,
            product_name: names.remove(&item.product_id).unwrap_or_default(),
            quantity: item.quantity,
            unit_price: item.unit_price,
        })
        .collect();
    let email = SendOrderCreationEmail {
        order_id: head.order_id,
        email: head.buyer_email,
        first_name: head.buyer_first_name,
        total_amount: money::format(head.total_amount),
        items: items
            .iter()
            .map(|item| OrderLine {
                product_name: item.product_name.clone(),
                quantity: item.quantity,
                unit_price: money::format(item.unit_price),
            })
            .collect(),
    };
    let order = Order {
        id: head.order_id,
        user_id: head.user_id,
        status: head.status.parse()?,
        shipping_address: head.shipping_address,
        total_amount: head.total_amount,
        created_at: head.created_at,
        updated_at: head.updated_at,
        items,
    };
    // The history entry and the email job are independent: both go to
    // PostgreSQL at once (pipelined on the connection), one round trip.
    tokio::try_join!(
        history::record(
            &tx,
            order.id,
            NewEvent::transition(
                "order_placed",
                OrderStatus::Pending,
                OrderStatus::Pending,
                EventActor::of(caller),
                json!({"total_amount": money::format(order.total_amount), "items": new.lines.len()}),
            ),
        ),
        jobs::enqueue(&tx, &email),
    )?;
    tx.commit().await?;
    // Cached catalog reads overlay the stock amounts themselves; only which
    // products are in stock at all is cached (see catalog::reads).
    if taken.iter().any(|t| t.sold_out) {
        catalog_cache.invalidate_stock().await;
    }
    tracing::info!(
        order.id = order.id,
        user.id = caller.user_id,
        "order placed"
    );
    Ok(Created::New(order))
}

/// After a failed attempt with an Idempotency-Key (rolled back): the order a
/// concurrent request with the same key committed, or the attempt's error.
async fn replay_or(
    client: &impl GenericClient,
    user_id: i64,
    idempotency_key: Option<&str>,
    fingerprint: &Option<String>,
    error: OrdersError,
) -> Result<Created, OrdersError> {
    let key = idempotency_key.unwrap_or_default();
    match find_by_key(client, user_id, key, fingerprint).await? {
        Some(existing) => Ok(Created::Replayed(existing)),
        None => Err(error),
    }
}

/// The order an earlier request with this key created, if the request was the same.
async fn find_by_key(
    client: &impl GenericClient,
    user_id: i64,
    key: &str,
    fingerprint: &Option<String>,
) -> Result<Option<Order>, OrdersError> {
    let stored = q::find_order_fingerprint()
        .bind(client, &user_id, &key)
        .opt()
        .await?
        .map(|e| e.request_fingerprint);
    match idempotency::compare(stored, fingerprint) {
        Earlier::None => return Ok(None),
        Earlier::Different => return Err(OrdersError::IdempotencyKeyReused),
        Earlier::Same => {}
    }
    match q::find_order_by_idempotency_key()
        .bind(client, &user_id, &key)
        .opt()
        .await?
    {
        Some(row) => Ok(Some(with_items(client, vec![row]).await?.remove(0))),
        None => Ok(None),
    }
}

/// Attaches items to a page of orders with one query.
async fn with_items(
    client: &impl GenericClient,
    rows: Vec<q::Order>,
) -> Result<Vec<Order>, OrdersError> {
    let ids: Vec<i64> = rows.iter().map(|o| o.id).collect();
    let mut items: HashMap<i64, Vec<OrderItem>> = HashMap::new();
    for item in q::list_items_of_orders().bind(client, &ids).all().await? {
        items.entry(item.order_id).or_default().push(item.into());
    }
    rows.into_iter()
        .map(|row| {
            let its = items.remove(&row.id).unwrap_or_default();
            order_from(row, its)
        })
        .collect()
}

/// Loads one order with items (no access check; callers check).
async fn load(client: &impl GenericClient, id: i64) -> Result<Order, OrdersError> {
    let row = q::find_order()
        .bind(client, &id)
        .opt()
        .await?
        .ok_or(OrdersError::OrderNotFound(id))?;
    Ok(with_items(client, vec![row]).await?.remove(0))
}

/// Locks an order the caller may touch; others' orders look absent (404).
async fn lock_visible(
    tx: &impl GenericClient,
    caller: &Caller,
    id: i64,
) -> Result<q::Order, OrdersError> {
    q::lock_order()
        .bind(tx, &id)
        .opt()
        .await?
        .filter(|o| caller.can_access(o.user_id))
        .ok_or(OrdersError::OrderNotFound(id))
}

/// Locks a visible order that must still be pending.
async fn lock_pending(
    tx: &impl GenericClient,
    caller: &Caller,
    id: i64,
) -> Result<q::Order, OrdersError> {
    let order = lock_visible(tx, caller, id).await?;
    let status = order.status.parse::<OrderStatus>()?;
    if status != OrderStatus::Pending {
        return Err(OrdersError::NotPending { id, status });
    }
    Ok(order)
}

/// One order, if the caller owns it or is an admin.
pub async fn find_order(
    client: &impl GenericClient,
    caller: &Caller,
    id: i64,
) -> Result<Order, OrdersError> {
    let order = load(client, id).await?;
    if !caller.can_access(order.user_id) {
        return Err(OrdersError::OrderNotFound(id));
    }
    Ok(order)
}

/// Filters of the order list.
#[derive(Debug, Default)]
pub struct OrderFilter {
    /// Only this status.
    pub status: Option<OrderStatus>,
    /// Only this buyer (admins; users always see only their own).
    pub user_id: Option<i64>,
    /// Only orders containing this product (newest first by id).
    pub product_id: Option<i64>,
}

/// Sort label of order cursors.
const ORDER_CURSOR: &str = "orders:newest";
/// Sort label of the cursors of orders containing a product.
const PRODUCT_ORDER_CURSOR: &str = "orders:product";

/// A page of orders, newest first, each with items: two queries per page.
///
/// With `filter.product_id`, the orders containing that product, by id.
pub async fn list_orders(
    client: &impl GenericClient,
    codec: &CursorCodec,
    caller: &Caller,
    filter: OrderFilter,
    cursor: Option<&str>,
    limit: i64,
) -> Result<(Vec<Order>, Option<String>), OrdersError> {
    let user_id = if caller.is_admin() {
        filter.user_id
    } else {
        Some(caller.user_id)
    };
    let status = filter.status.map(OrderStatus::as_str);
    let fetch = limit + 1;
    if let Some(product_id) = filter.product_id {
        // Keyset on the order id alone; the cursor has its own label.
        let after = codec
            .decode_time(cursor, PRODUCT_ORDER_CURSOR)
            .map_err(|e| OrdersError::BadCursor(e.to_string()))?;
        let after_id = after.map(|a| a.1);
        let mut rows = q::list_orders_of_product()
            .bind(client, &product_id, &user_id, &status, &after_id, &fetch)
            .all()
            .await?;
        let next = split_page(&mut rows, limit)
            .map(|o| codec.encode_time(PRODUCT_ORDER_CURSOR, (o.created_at, o.id)));
        return Ok((with_items(client, rows).await?, next));
    }
    let after = codec
        .decode_time(cursor, ORDER_CURSOR)
        .map_err(|e| OrdersError::BadCursor(e.to_string()))?;
    let after_created = after.map(|a| a.0);
    let after_id = after.map(|a| a.1);
    let mut rows = match (user_id, status) {
        (Some(user_id), status) => {
            q::list_user_orders()
                .bind(client, &user_id, &status, &after_id, &after_created, &fetch)
                .all()
                .await?
        }
        (None, Some(status)) => {
            q::list_orders_by_status()
                .bind(client, &status, &after_id, &after_created, &fetch)
                .all()
                .await?
        }
        (None, None) => {
            q::list_all_orders()
                .bind(client, &after_id, &after_created, &fetch)
                .all()
                .await?
        }
    };
    let next =
        split_page(&mut rows, limit).map(|o| codec.encode_time(ORDER_CURSOR, (o.created_at, o.id)));
    Ok((with_items(client, rows).await?, next))
}

/// Requested changes to an order.
#[derive(Debug, Default)]
pub struct OrderChanges {
    /// New address (pending orders only).
    pub shipping_address: Option<String>,
    /// New status (see the status machine).
    pub status: Option<OrderStatus>,
}

/// Returns every item's units to stock (cancellation or deletion of a pending order).
async fn restock(tx: &impl GenericClient, order_id: i64) -> Result<(), OrdersError> {
    let ids = [order_id];
    let items = q::list_items_of_orders()
        .bind(tx, &ids.as_slice())
        .all()
        .await?;
    let mut items: Vec<_> = items
        .into_iter()
        .map(|i| (i.product_id, i.quantity))
        .collect();
    items.sort_unstable();
    for (product_id, quantity) in items {
        q::return_stock().bind(tx, &quantity, &product_id).await?;
    }
    Ok(())
}

/// Changes address and/or status; cancelling returns the stock.
pub async fn update_order(
    pool: &Pool,
    catalog_cache: &Cache,
    caller: &Caller,
    id: i64,
    changes: OrderChanges,
) -> Result<Order, OrdersError> {
    let mut client = pool.get().await?;
    let tx = client.transaction().await?;
    let order = lock_visible(&tx, caller, id).await?;
    let current = order.status.parse::<OrderStatus>()?;
    let actor = if caller.is_admin() {
        Actor::Admin
    } else {
        Actor::Owner
    };
    if changes.shipping_address.is_some() && current != OrderStatus::Pending {
        return Err(OrdersError::NotPending {
            id,
            status: current,
        });
    }
    if let Some(to) = changes.status {
        match check_transition(current, to, actor) {
            Transition::Allowed => {}
            Transition::Illegal => {
                return Err(OrdersError::IllegalTransition { from: current, to });
            }
            Transition::NotYours => {
                return Err(OrdersError::Forbidden(
                    "only admins move orders through fulfilment",
                ));
            }
        }
    }
    let restocked = changes.status == Some(OrderStatus::Cancelled);
    if restocked {
        restock(&tx, id).await?;
        cancel_checkouts(&tx, id, EventActor::of(caller), "order cancelled").await?;
    }
    if let Some(to) = changes.status {
        history::record(
            &tx,
            id,
            NewEvent::transition(
                "status_changed",
                current,
                to,
                EventActor::of(caller),
                json!({}),
            ),
        )
        .await?;
    }
    if let Some(address) = &changes.shipping_address {
        history::record(
            &tx,
            id,
            NewEvent::new(
                "address_changed",
                EventActor::of(caller),
                json!({"shipping_address": address}),
            ),
        )
        .await?;
    }
    q::update_order()
        .params(
            &tx,
            &q::UpdateOrderParams {
                shipping_address: changes.shipping_address.as_deref(),
                status: changes.status.map(OrderStatus::as_str),
                id,
            },
        )
        .one()
        .await?;
    let order = load(&tx, id).await?;
    tx.commit().await?;
    if restocked {
        catalog_cache.invalidate_stock().await;
    }
    Ok(order)
}

/// Cancels the order's live checkout (if any) in the caller's transaction, which holds the order's lock.
///
/// The payment is kept as `cancelled`: a charge Chapa verifies for it later is
/// recorded and refunded (docs/PAYMENTS.md, I2 and I4).
async fn cancel_checkouts(
    tx: &impl GenericClient,
    order_id: i64,
    actor: EventActor,
    reason: &str,
) -> Result<(), OrdersError> {
    for payment in q::cancel_pending_payments()
        .bind(tx, &reason, &order_id)
        .all()
        .await?
    {
        history::record(
            tx,
            order_id,
            NewEvent::new(
                "payment_cancelled",
                actor,
                json!({"payment_id": payment, "reason": reason}),
            ),
        )
        .await?;
    }
    Ok(())
}

/// Refuses item changes while a checkout is live: the buyer pays for what they saw (I4).
async fn ensure_no_live_checkout(
    tx: &impl GenericClient,
    order_id: i64,
) -> Result<(), OrdersError> {
    if q::has_pending_payment().bind(tx, &order_id).one().await? {
        return Err(OrdersError::PaymentPending(order_id));
    }
    Ok(())
}

/// Marks a pending order paid by `payment_id`.
///
/// Only the payments service calls this, inside its transaction, holding the
/// order's lock and having checked that the verified charge equals the
/// order's current total.
pub async fn mark_paid(
    tx: &impl GenericClient,
    order_id: i64,
    payment_id: i64,
) -> Result<bool, OrdersError> {
    if q::mark_order_paid()
        .bind(tx, &payment_id, &order_id)
        .await?
        == 0
    {
        return Ok(false);
    }
    history::record(
        tx,
        order_id,
        NewEvent::transition(
            "status_changed",
            OrderStatus::Pending,
            OrderStatus::Paid,
            EventActor::Chapa,
            json!({"payment_id": payment_id}),
        ),
    )
    .await?;
    Ok(true)
}

/// Moves a paid-for order to `refunded` after a full refund of the payment that paid it.
///
/// Returns the stock of unshipped orders (paid, processing). The caller holds
/// the order's lock and invalidates the catalog cache after committing.
/// Returns whether stock was returned.
pub async fn mark_refunded(
    tx: &impl GenericClient,
    order_id: i64,
    refund_id: i64,
) -> Result<bool, OrdersError> {
    let order = q::lock_order().bind(tx, &order_id).one().await?;
    let from = order.status.parse::<OrderStatus>()?;
    if check_transition(from, OrderStatus::Refunded, Actor::Payment) != Transition::Allowed {
        return Ok(false);
    }
    let restocked = from.holds_unshipped_stock();
    if restocked {
        restock(tx, order_id).await?;
    }
    q::set_order_status()
        .bind(tx, &OrderStatus::Refunded.as_str(), &order_id)
        .await?;
    history::record(
        tx,
        order_id,
        NewEvent::transition(
            "status_changed",
            from,
            OrderStatus::Refunded,
            EventActor::System,
            json!({"refund_id": refund_id, "stock_returned": restocked}),
        ),
    )
    .await?;
    Ok(restocked)
}

/// Cancels pending orders placed more than `ttl` ago, returning their stock (I5).
///
/// Each order is cancelled in its own transaction under its row lock, so a
/// payment settling at the same moment either paid it first (the sweep then
/// skips it) or finds it cancelled (the charge is refunded). Returns the ids
/// of the orders it cancelled.
pub async fn expire_unpaid_orders(
    pool: &Pool,
    catalog_cache: &Cache,
    ttl: std::time::Duration,
    batch: i64,
) -> Result<Vec<i64>, OrdersError> {
    let cutoff = cutoff_of(ttl);
    let client = pool.get().await?;
    let candidates = q::list_expired_order_ids()
        .bind(&client, &cutoff, &batch)
        .all()
        .await?;
    drop(client);
    let mut expired = Vec::new();
    for id in candidates {
        if db::retry(|| expire_order(pool, id, cutoff)).await? {
            expired.push(id);
        }
    }
    if !expired.is_empty() {
        catalog_cache.invalidate_stock().await;
        tracing::info!(orders = expired.len(), "expired unpaid orders");
    }
    Ok(expired)
}

/// The oldest creation time an unpaid order may have and still be kept.
pub fn cutoff_of(ttl: std::time::Duration) -> DateTime<FixedOffset> {
    let ttl = chrono::Duration::from_std(ttl).unwrap_or(chrono::Duration::MAX);
    (chrono::Utc::now() - ttl).fixed_offset()
}

/// Pending orders placed before the cutoff: the sweep first settles their live checkouts.
pub async fn list_expired_orders(
    client: &impl GenericClient,
    ttl: std::time::Duration,
    batch: i64,
) -> Result<Vec<i64>, OrdersError> {
    Ok(q::list_expired_order_ids()
        .bind(client, &cutoff_of(ttl), &batch)
        .all()
        .await?)
}

/// Expires one order if it is still pending and old enough; `false` if something else won.
async fn expire_order(
    pool: &Pool,
    id: i64,
    cutoff: DateTime<FixedOffset>,
) -> Result<bool, OrdersError> {
    let mut client = pool.get().await?;
    let tx = client.transaction().await?;
    let Some(order) = q::lock_order().bind(&tx, &id).opt().await? else {
        return Ok(false);
    };
    let from = order.status.parse::<OrderStatus>()?;
    if from != OrderStatus::Pending || order.created_at >= cutoff {
        return Ok(false);
    }
    cancel_checkouts(&tx, id, EventActor::System, "order expired unpaid").await?;
    restock(&tx, id).await?;
    q::set_order_status()
        .bind(&tx, &OrderStatus::Cancelled.as_str(), &id)
        .await?;
    history::record(
        &tx,
        id,
        NewEvent::transition(
            "order_expired",
            from,
            OrderStatus::Cancelled,
            EventActor::System,
            json!({"placed_at": order.created_at}),
        ),
    )
    .await?;
    let buyer = q::find_buyer().bind(&tx, &order.user_id).one().await?;
    jobs::enqueue(
        &tx,
        &SendOrderExpiryEmail {
            order_id: id,
            email: buyer.email,
            first_name: buyer.first_name,
            total_amount: money::format(order.total_amount),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(true)
}

/// Deletes a pending or cancelled order (a pending one returns its stock first).
pub async fn delete_order(
    pool: &Pool,
    catalog_cache: &Cache,
    caller: &Caller,
    id: i64,
) -> Result<(), OrdersError> {
    let mut client = pool.get().await?;
    let tx = client.transaction().await?;
    let order = lock_visible(&tx, caller, id).await?;
    let restocked = match order.status.parse::<OrderStatus>()? {
        OrderStatus::Pending => {
            restock(&tx, id).await?;
            true
        }
        OrderStatus::Cancelled => false,
        status => return Err(OrdersError::NotPending { id, status }),
    };
    q::delete_order().bind(&tx, &id).await.map_err(|e| {
        if e.code() == Some(&tokio_postgres::error::SqlState::FOREIGN_KEY_VIOLATION) {
            OrdersError::HasPayments(id)
        } else {
            e.into()
        }
    })?;
    tx.commit().await?;
    if restocked {
        catalog_cache.invalidate_stock().await;
    }
    Ok(())
}

/// Items of an order the caller may see.
pub async fn list_items(
    client: &impl GenericClient,
    caller: &Caller,
    order_id: i64,
) -> Result<Vec<OrderItem>, OrdersError> {
    Ok(find_order(client, caller, order_id).await?.items)
}

/// Adds a product to a pending order, taking stock and updating the total.
pub async fn add_item(
    pool: &Pool,
    catalog_cache: &Cache,
    low_stock_threshold: i32,
    caller: &Caller,
    order_id: i64,
    product_id: i64,
    quantity: i32,
) -> Result<OrderItem, OrdersError> {
    let quantity = parse_quantity(quantity)?;
    let mut client = pool.get().await?;
    let tx = client.transaction().await?;
    lock_pending(&tx, caller, order_id).await?;
    ensure_no_live_checkout(&tx, order_id).await?;
    let taken = take_stock(&tx, product_id, quantity, low_stock_threshold).await?;
    let item = q::insert_item()
        .bind(&tx, &order_id, &product_id, &quantity, &taken.price)
        .one()
        .await
        .map_err(|e| match db::violated_constraint(&e) {
            Some("order_items_order_product_key") => OrdersError::DuplicateItem(product_id),
            _ => e.into(),
        })?;
    let total = q::recompute_order_total()
        .bind(&tx, &order_id)
        .one()
        .await?;
    history::record(
        &tx,
        order_id,
        NewEvent::new(
            "item_added",
            EventActor::of(caller),
            json!({"item_id": item.id, "product_id": product_id, "quantity": quantity,
                   "total_amount": money::format(total)}),
        ),
    )
    .await?;
    tx.commit().await?;
    if taken.sold_out {
        catalog_cache.invalidate_stock().await;
    }
    Ok(item.into())
}

/// Changes an item's quantity on a pending order, moving the difference in or out of stock.
pub async fn update_item(
    pool: &Pool,
    catalog_cache: &Cache,
    low_stock_threshold: i32,
    caller: &Caller,
    order_id: i64,
    item_id: i64,
    quantity: i32,
) -> Result<OrderItem, OrdersError> {
    let quantity = parse_quantity(quantity)?;
    let mut client = pool.get().await?;
    let tx = client.transaction().await?;
    lock_pending(&tx, caller, order_id).await?;
    ensure_no_live_checkout(&tx, order_id).await?;
    let item = q::find_item()
        .bind(&tx, &item_id, &order_id)
        .opt()
        .await?
        .ok_or(OrdersError::ItemNotFound(item_id))?;
    let delta = quantity - item.quantity;
    if delta > 0 {
        take_stock(&tx, item.product_id, delta, low_stock_threshold).await?;
    } else if delta < 0 {
        q::return_stock()
            .bind(&tx, &(-delta), &item.product_id)
            .await?;
    }
    q::update_item_quantity()
        .bind(&tx, &quantity, &item_id, &order_id)
        .await?;
    let total = q::recompute_order_total()
        .bind(&tx, &order_id)
        .one()
        .await?;
    history::record(
        &tx,
        order_id,
        NewEvent::new(
            "item_changed",
            EventActor::of(caller),
            json!({"item_id": item_id, "from_quantity": item.quantity, "quantity": quantity,
                   "total_amount": money::format(total)}),
        ),
    )
    .await?;
    let item = q::find_item().bind(&tx, &item_id, &order_id).one().await?;
    tx.commit().await?;
    if delta != 0 {
        catalog_cache.invalidate_stock().await;
    }
    Ok(item.into())
}

/// Removes an item from a pending order, returning its units to stock.
pub async fn remove_item(
    pool: &Pool,
    catalog_cache: &Cache,
    caller: &Caller,
    order_id: i64,
    item_id: i64,
) -> Result<(), OrdersError> {
    let mut client = pool.get().await?;
    let tx = client.transaction().await?;
    lock_pending(&tx, caller, order_id).await?;
    ensure_no_live_checkout(&tx, order_id).await?;
    let item = q::find_item()
        .bind(&tx, &item_id, &order_id)
        .opt()
        .await?
        .ok_or(OrdersError::ItemNotFound(item_id))?;
    q::return_stock()
        .bind(&tx, &item.quantity, &item.product_id)
        .await?;
    q::delete_item().bind(&tx, &item_id, &order_id).await?;
    let total = q::recompute_order_total()
        .bind(&tx, &order_id)
        .one()
        .await?;
    history::record(
        &tx,
        order_id,
        NewEvent::new(
            "item_removed",
            EventActor::of(caller),
            json!({"item_id": item_id, "product_id": item.product_id, "quantity": item.quantity,
                   "total_amount": money::format(total)}),
        ),
    )
    .await?;
    tx.commit().await?;
    catalog_cache.invalidate_stock().await;
    Ok(())
}
