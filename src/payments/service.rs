//! Payment rules: who may pay what, how Chapa's answer changes our state, refunds.
//!
//! Nothing trusts the client or the webhook body: amounts come from the order,
//! and every state change follows a fresh `verify` call to Chapa. The
//! invariants (docs/PAYMENTS.md):
//!
//! - **Paid means paid in full**: an order becomes `paid` only when the charge
//!   Chapa verified equals the order's current total, checked under the order's
//!   row lock in the transaction that marks it paid.
//! - **No verified charge is dropped**: a charge the order cannot take
//!   (cancelled, expired, paid by another payment, different amount) is still
//!   recorded as completed, and a full refund is requested in the same
//!   transaction (the worker asks Chapa, with retries).
//! - **One live checkout per order**, and the items are frozen while it lives.
//! - **One lock order**: order, then payment, then refund, then products.

use codegen::{
    client::GenericClient,
    queries::{orders::orders as orders_q, payments::payments as q},
};
use rand::{Rng as _, distributions::Alphanumeric};
use rust_decimal::Decimal;
use serde_json::json;

use crate::{
    config::Settings,
    db,
    db::Pool,
    http::auth::Caller,
    idempotency::{self, Earlier},
    jobs::{
        self,
        message::{ProcessRefund, SendPaymentCompletionEmail},
    },
    money,
    orders::{
        self,
        domain::OrderStatus,
        history::{self, EventActor, NewEvent},
    },
    pagination::{CursorCodec, split_page},
    payments::{
        client::{ChapaClient, Customization, InitializeRequest, Verification},
        domain::{Payment, PaymentStatus, Refund, RefundRequest},
        error::PaymentsError,
    },
};

/// Currency of every payment (Chapa settles in birr).
pub const CURRENCY: &str = "ETB";

/// Reason stored when Chapa could not start a checkout (the detail goes to the log only).
const GATEWAY_FAILURE_REASON: &str = "the payment gateway could not start the checkout";

/// What `create_payment` did.
#[derive(Debug)]
pub enum Started {
    /// A new checkout.
    New(Payment),
    /// The payment an earlier request with the same Idempotency-Key started.
    Replayed(Payment),
    /// The order's live checkout, started earlier (one per order).
    Existing(Payment),
}

/// 16 random alphanumeric characters.
fn random_suffix() -> String {
    rand::thread_rng()
        .sample_iter(&Alphanumeric)
        .take(16)
        .map(char::from)
        .collect()
}

/// A fresh, unguessable reference: `order-<id>-<16 random chars>`.
fn new_tx_ref(order_id: i64) -> String {
    format!("order-{order_id}-{}", random_suffix())
}

/// The payment an earlier request with this key started, if it asked for the same.
async fn replay(
    client: &impl GenericClient,
    user_id: i64,
    key: &str,
    fingerprint: &Option<String>,
) -> Result<Option<Payment>, PaymentsError> {
    let stored = q::find_payment_fingerprint()
        .bind(client, &user_id, &key)
        .opt()
        .await?
        .map(|e| e.request_fingerprint);
    match idempotency::compare(stored, fingerprint) {
        Earlier::None => return Ok(None),
        Earlier::Different => return Err(PaymentsError::IdempotencyKeyReused),
        Earlier::Same => {}
    }
    let payment = q::find_payment_by_idempotency_key()
        .bind(client, &user_id, &key)
        .one()
        .await?;
    Ok(Some(payment.try_into()?))
}

/// Locks an order the caller may pay (order first: the lock order).
async fn lock_payable_order(
    tx: &impl GenericClient,
    caller: &Caller,
    order_id: i64,
) -> Result<orders_q::Order, PaymentsError> {
    orders_q::lock_order()
        .bind(tx, &order_id)
        .opt()
        .await?
        .filter(|o| caller.can_access(o.user_id))
        .ok_or(PaymentsError::OrderNotFound(order_id))
}

/// Starts a Chapa checkout for a pending order of the caller (admins: any order).
///
/// Under the order's row lock: if the order already has a live checkout, that
/// payment is returned instead of opening a second one (I3); otherwise the
/// payment row is committed, then Chapa is called. If Chapa fails or times
/// out, the payment is marked failed (a new checkout may follow) and the
/// caller gets 502 with a generic message.
pub async fn create_payment(
    pool: &Pool,
    chapa: &ChapaClient,
    settings: &Settings,
    caller: &Caller,
    order_id: i64,
    idempotency_key: Option<&str>,
) -> Result<Started, PaymentsError> {
    let mut client = pool.get().await?;
    let fingerprint = idempotency_key.map(|_| idempotency::fingerprint(&order_id));
    if let Some(key) = idempotency_key
        && let Some(earlier) = replay(&client, caller.user_id, key, &fingerprint).await?
    {
        return Ok(Started::Replayed(earlier));
    }
    let tx = client.transaction().await?;
    let order = lock_payable_order(&tx, caller, order_id).await?;
    if order.status.parse::<OrderStatus>()? != OrderStatus::Pending {
        return Err(PaymentsError::OrderNotPending {
            id: order_id,
            status: order.status,
        });
    }
    if let Some(live) = q::find_pending_payment_of_order()
        .bind(&tx, &order_id)
        .opt()
        .await?
    {
        return Ok(Started::Existing(live.try_into()?));
    }
    if order.total_amount <= Decimal::ZERO {
        return Err(PaymentsError::NothingToPay(order_id));
    }
    let payer = q::find_payer().bind(&tx, &order.user_id).one().await?;
    let tx_ref = new_tx_ref(order_id);
    let inserted = q::insert_payment()
        .bind(
            &tx,
            &order_id,
            &order.user_id,
            &tx_ref.as_str(),
            &order.total_amount,
            &CURRENCY,
            &idempotency_key,
            &fingerprint.as_deref(),
        )
        .one()
        .await;
    let payment = match inserted {
        Ok(payment) => payment,
        // A concurrent request (or an admin paying for the owner) used the key first.
        Err(e) if db::violated_constraint(&e) == Some("payments_idempotency_key") => {
            drop(tx);
            let key = idempotency_key.unwrap_or_default();
            return replay(&client, order.user_id, key, &fingerprint)
                .await?
                .map(Started::Replayed)
                .ok_or_else(|| PaymentsError::Unexpected(e.into()));
        }
        Err(e) => return Err(e.into()),
    };
    history::record(
        &tx,
        order_id,
        NewEvent::new(
            "payment_started",
            EventActor::of(caller),
            json!({"payment_id": payment.id, "amount": money::format(payment.amount)}),
        ),
    )
    .await?;
    tx.commit().await?;

    let request = InitializeRequest {
        amount: money::format(order.total_amount),
        currency: CURRENCY.into(),
        email: payer.email,
        first_name: payer.first_name,
        last_name: payer.last_name,
        phone_number: payer.phone_number,
        tx_ref: tx_ref.clone(),
        callback_url: format!("{}/api/v1/payments/callback", settings.http.public_base_url),
        return_url: settings.payments.return_url.clone(),
        customization: Customization {
            title: "Order payment".into(),
            description: format!("Payment for order {order_id}"),
        },
    };
    drop(client);
    // Run to completion even if the request is dropped (client gone, request
    // timeout): the payment must end with a checkout URL or as failed, never
    // stay pending without one.
    let (pool, chapa, payment_id) = (pool.clone(), chapa.clone(), payment.id);
    tokio::spawn(async move { start_checkout(&pool, &chapa, order_id, payment_id, request).await })
        .await
        .map_err(|e| PaymentsError::Unexpected(e.into()))?
}

/// Asks Chapa for the checkout page of a committed payment and records the answer.
async fn start_checkout(
    pool: &Pool,
    chapa: &ChapaClient,
    order_id: i64,
    payment_id: i64,
    request: InitializeRequest,
) -> Result<Started, PaymentsError> {
    match chapa.initialize(&request).await {
        Ok(checkout_url) => {
            let client = pool.get().await?;
            q::set_checkout_url()
                .bind(&client, &checkout_url.as_str(), &payment_id)
                .await?;
            let payment = q::find_payment().bind(&client, &payment_id).one().await?;
            tracing::info!(
                payment.id = payment_id,
                order.id = order_id,
                "checkout started"
            );
            Ok(Started::New(payment.try_into()?))
        }
        Err(e) => {
            tracing::warn!(payment.id = payment_id, error = %e, "Chapa could not start the checkout");
            db::retry(|| record_failed_checkout(pool, order_id, payment_id)).await?;
            Err(e.into())
        }
    }
}

/// Marks a checkout Chapa could not start as failed (order, then payment).
async fn record_failed_checkout(
    pool: &Pool,
    order_id: i64,
    payment_id: i64,
) -> Result<(), PaymentsError> {
    let mut client = pool.get().await?;
    let tx = client.transaction().await?;
    orders_q::lock_order().bind(&tx, &order_id).one().await?;
    let failed = q::fail_payment()
        .bind(&tx, &GATEWAY_FAILURE_REASON, &None::<&str>, &payment_id)
        .await?;
    if failed > 0 {
        history::record(
            &tx,
            order_id,
            NewEvent::new(
                "payment_failed",
                EventActor::System,
                json!({"payment_id": payment_id, "reason": GATEWAY_FAILURE_REASON}),
            ),
        )
        .await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Asks Chapa about `tx_ref` and records the outcome once; safe to repeat and to race.
///
/// Returns `None` for references we never issued. Payments whose charge is
/// already recorded are not verified again.
pub async fn settle(
    pool: &Pool,
    chapa: &ChapaClient,
    tx_ref: &str,
) -> Result<Option<Payment>, PaymentsError> {
    let client = pool.get().await?;
    let Some(known) = q::find_payment_by_tx_ref()
        .bind(&client, &tx_ref)
        .opt()
        .await?
    else {
        return Ok(None);
    };
    drop(client);
    if known.status.parse::<PaymentStatus>()?.is_charged() {
        return Ok(Some(with_refunds(pool, known.try_into()?).await?));
    }
    let verification = chapa.verify(tx_ref).await?;
    let payment =
        db::retry(|| record_verification(pool, known.order_id, tx_ref, &verification)).await?;
    Ok(Some(with_refunds(pool, payment).await?))
}

/// Why the order cannot take a verified charge, if it cannot.
fn refusal(
    payment: &Payment,
    order: &orders_q::OrderPaymentState,
    amount: Decimal,
    currency: &str,
) -> Result<Option<String>, crate::db::UnknownValue> {
    let status = order.status.parse::<OrderStatus>()?;
    if let Some(other) = order.paid_by_payment_id.filter(|&id| id != payment.id) {
        return Ok(Some(format!(
            "the order was already paid by payment {other}"
        )));
    }
    if status != OrderStatus::Pending {
        return Ok(Some(format!("the order is {status}")));
    }
    if payment.status != PaymentStatus::Pending {
        return Ok(Some(format!("the payment was {}", payment.status.as_str())));
    }
    if currency != payment.currency || amount != order.total_amount {
        return Ok(Some(format!(
            "charged {} {currency}, the order total is {} {}",
            money::format(amount),
            money::format(order.total_amount),
            payment.currency
        )));
    }
    Ok(None)
}

/// Records what Chapa verified, under the order's and then the payment's row lock.
async fn record_verification(
    pool: &Pool,
    order_id: i64,
    tx_ref: &str,
    verification: &Verification,
) -> Result<Payment, PaymentsError> {
    let mut client = pool.get().await?;
    let tx = client.transaction().await?;
    let order = orders_q::lock_order().bind(&tx, &order_id).one().await?;
    let payment: Payment = q::lock_payment_by_tx_ref()
        .bind(&tx, &tx_ref)
        .one()
        .await?
        .try_into()?;
    if payment.status.is_charged() {
        // A concurrent delivery recorded the charge first.
        return Ok(payment);
    }
    let mut outcome = None;
    match verification {
        Verification::Pending => return Ok(payment),
        Verification::Failed { reference } => {
            if payment.status != PaymentStatus::Pending {
                return Ok(payment);
            }
            q::fail_payment()
                .bind(
                    &tx,
                    &"declined by the payment gateway",
                    &reference.as_deref(),
                    &payment.id,
                )
                .await?;
            history::record(
                &tx,
                order_id,
                NewEvent::new(
                    "payment_failed",
                    EventActor::Chapa,
                    json!({"payment_id": payment.id}),
                ),
            )
            .await?;
            outcome = Some("failed");
        }
        Verification::Success {
            amount,
            currency,
            reference,
        } => {
            let amount = money::amount(*amount);
            q::complete_payment()
                .bind(&tx, &amount, &reference.as_deref(), &payment.id)
                .await?;
            let state = orders_q::find_order_payment_state()
                .bind(&tx, &order_id)
                .one()
                .await?;
            match refusal(&payment, &state, amount, currency)? {
                None => {
                    orders::service::mark_paid(&tx, order_id, payment.id)
                        .await
                        .map_err(|e| PaymentsError::Unexpected(anyhow::anyhow!(e)))?;
                    history::record(
                        &tx,
                        order_id,
                        NewEvent::new(
                            "payment_completed",
                            EventActor::Chapa,
                            json!({"payment_id": payment.id, "amount": money::format(amount)}),
                        ),
                    )
                    .await?;
                    outcome = Some("completed");
                }
                Some(reason) => {
                    tracing::warn!(
                        payment.id = payment.id,
                        order.id = order_id,
                        %reason,
                        "verified charge the order cannot take; refunding it in full"
                    );
                    history::record(
                        &tx,
                        order_id,
                        NewEvent::new(
                            "payment_completed",
                            EventActor::Chapa,
                            json!({"payment_id": payment.id, "amount": money::format(amount),
                                   "applied": false, "reason": reason}),
                        ),
                    )
                    .await?;
                    let reason = format!("automatic refund: {reason}");
                    insert_refund(&tx, &payment, amount, &reason, None, None, None).await?;
                }
            }
        }
    }
    if let Some(outcome) = outcome {
        let payer = q::find_payer().bind(&tx, &payment.user_id).one().await?;
        jobs::enqueue(
            &tx,
            &SendPaymentCompletionEmail {
                payment_id: payment.id,
                order_id,
                email: payer.email,
                first_name: payer.first_name,
                amount: money::format(payment.amount),
                currency: payment.currency.clone(),
                status: outcome.into(),
            },
        )
        .await?;
    }
    let updated = q::find_payment().bind(&tx, &payment.id).one().await?;
    tx.commit().await?;
    tracing::info!(payment.id = payment.id, status = %updated.status, order.status = %order.status, "payment settled");
    Ok(updated.try_into()?)
}

/// Inserts a pending refund, its history event and the job that asks Chapa, in the caller's transaction.
async fn insert_refund(
    tx: &impl GenericClient,
    payment: &Payment,
    amount: Decimal,
    reason: &str,
    requested_by: Option<i64>,
    idempotency_key: Option<&str>,
    fingerprint: Option<&str>,
) -> Result<q::Refund, tokio_postgres::Error> {
    let reference = format!("refund-{}-{}", payment.id, random_suffix());
    let refund = q::insert_refund()
        .bind(
            tx,
            &payment.id,
            &amount,
            &reason,
            &requested_by.is_none(),
            &requested_by,
            &reference.as_str(),
            &idempotency_key,
            &fingerprint,
        )
        .one()
        .await?;
    history::record(
        tx,
        payment.order_id,
        NewEvent::new(
            "refund_requested",
            requested_by.map_or(EventActor::System, EventActor::User),
            json!({"refund_id": refund.id, "payment_id": payment.id,
                   "amount": money::format(amount), "reason": reason}),
        ),
    )
    .await?;
    jobs::enqueue(
        tx,
        &ProcessRefund {
            refund_id: refund.id,
        },
    )
    .await?;
    Ok(refund)
}

/// What `refund_payment` did.
#[derive(Debug)]
pub enum RefundStarted {
    /// A new refund, on its way to Chapa.
    New(Refund),
    /// The refund an earlier request with the same Idempotency-Key asked for.
    Replayed(Refund),
}

/// The refund an earlier request of this admin with this key asked for, if it asked for the same.
async fn replay_refund(
    client: &impl GenericClient,
    admin_id: i64,
    key: &str,
    fingerprint: &Option<String>,
) -> Result<Option<Refund>, PaymentsError> {
    let stored = q::find_refund_fingerprint()
        .bind(client, &admin_id, &key)
        .opt()
        .await?
        .map(|e| e.request_fingerprint);
    match idempotency::compare(stored, fingerprint) {
        Earlier::None => return Ok(None),
        Earlier::Different => return Err(PaymentsError::IdempotencyKeyReused),
        Earlier::Same => {}
    }
    Ok(Some(
        q::find_refund_by_idempotency_key()
            .bind(client, &admin_id, &key)
            .one()
            .await?
            .try_into()?,
    ))
}

/// Refunds (part of) a completed payment (admins only; the handler checks the role).
///
/// The amount defaults to what is left to refund and may not exceed it;
/// pending refunds count as spent. The refund is recorded as pending and the
/// worker asks Chapa (with retries); its outcome shows in the payment's JSON.
pub async fn refund_payment(
    pool: &Pool,
    admin: &Caller,
    payment_id: i64,
    request: RefundRequest,
    idempotency_key: Option<&str>,
) -> Result<RefundStarted, PaymentsError> {
    let fingerprint = idempotency_key.map(|_| idempotency::fingerprint(&(payment_id, &request)));
    db::retry(|| {
        refund_payment_once(
            pool,
            admin,
            payment_id,
            &request,
            idempotency_key,
            &fingerprint,
        )
    })
    .await
}

async fn refund_payment_once(
    pool: &Pool,
    admin: &Caller,
    payment_id: i64,
    request: &RefundRequest,
    idempotency_key: Option<&str>,
    fingerprint: &Option<String>,
) -> Result<RefundStarted, PaymentsError> {
    let mut client = pool.get().await?;
    if let Some(key) = idempotency_key
        && let Some(earlier) = replay_refund(&client, admin.user_id, key, fingerprint).await?
    {
        return Ok(RefundStarted::Replayed(earlier));
    }
    let order_id = q::find_payment()
        .bind(&client, &payment_id)
        .opt()
        .await?
        .ok_or(PaymentsError::PaymentNotFound(payment_id))?
        .order_id;
    let tx = client.transaction().await?;
    orders_q::lock_order().bind(&tx, &order_id).one().await?;
    let payment: Payment = q::lock_payment()
        .bind(&tx, &payment_id)
        .one()
        .await?
        .try_into()?;
    let captured = match payment.captured_amount {
        Some(captured) if payment.status.is_refundable() => captured,
        _ => {
            return Err(PaymentsError::NotRefundable {
                id: payment_id,
                status: payment.status.as_str(),
            });
        }
    };
    let sums = q::sum_refunds().bind(&tx, &payment_id).one().await?;
    let left = money::amount(captured - sums.committed);
    if left <= Decimal::ZERO {
        return Err(PaymentsError::NothingLeftToRefund(payment_id));
    }
    let amount = request.amount.unwrap_or(left);
    if amount > left {
        return Err(PaymentsError::Invalid {
            field: "amount",
            message: format!(
                "at most {} {} is left to refund",
                money::format(left),
                payment.currency
            ),
        });
    }
    let inserted = insert_refund(
        &tx,
        &payment,
        amount,
        &request.reason,
        Some(admin.user_id),
        idempotency_key,
        fingerprint.as_deref(),
    )
    .await;
    let refund: Refund = match inserted {
        Ok(refund) => refund.try_into()?,
        // A concurrent request with the same key committed first.
        Err(e) if db::violated_constraint(&e) == Some("refunds_idempotency_key") => {
            drop(tx);
            let key = idempotency_key.unwrap_or_default();
            return replay_refund(&client, admin.user_id, key, fingerprint)
                .await?
                .map(RefundStarted::Replayed)
                .ok_or_else(|| PaymentsError::Unexpected(e.into()));
        }
        Err(e) => return Err(e.into()),
    };
    tx.commit().await?;
    tracing::info!(refund.id = refund.id, payment.id = payment_id, amount = %refund.amount, "refund requested");
    Ok(RefundStarted::New(refund))
}

/// The payment as it is now, with its refunds, read from one snapshot.
async fn with_refunds(pool: &Pool, payment: Payment) -> Result<Payment, PaymentsError> {
    let mut client = pool.get().await?;
    let snapshot = db::read_snapshot(&mut client).await?;
    let row = q::find_payment().bind(&snapshot, &payment.id).one().await?;
    let payment = Payment::try_from(row)?;
    Ok(attach_refunds(&snapshot, vec![payment]).await?.remove(0))
}

/// Attaches refunds to a page of payments with one query.
async fn attach_refunds(
    client: &impl GenericClient,
    mut payments: Vec<Payment>,
) -> Result<Vec<Payment>, PaymentsError> {
    let ids: Vec<i64> = payments.iter().map(|p| p.id).collect();
    let refunds = q::list_refunds_of_payments()
        .bind(client, &ids)
        .all()
        .await?;
    for refund in refunds {
        if let Some(p) = payments.iter_mut().find(|p| p.id == refund.payment_id) {
            p.refunds.push(refund.try_into()?);
        }
    }
    Ok(payments)
}

/// One payment the caller may see (others' answer 404), with its refunds.
pub async fn find_payment(
    client: &impl GenericClient,
    caller: &Caller,
    id: i64,
) -> Result<Payment, PaymentsError> {
    let payment = q::find_payment()
        .bind(client, &id)
        .opt()
        .await?
        .filter(|p| caller.can_access(p.user_id))
        .map(Payment::try_from)
        .ok_or(PaymentsError::PaymentNotFound(id))??;
    Ok(attach_refunds(client, vec![payment]).await?.remove(0))
}

/// Sort label of payment cursors.
const PAYMENT_CURSOR: &str = "payments:newest";

/// A page of the caller's payments (admins: all), newest first, with refunds (two queries).
///
/// `filter.order_id` answers every payment of that order in one page.
pub async fn list_payments(
    client: &impl GenericClient,
    codec: &CursorCodec,
    caller: &Caller,
    filter: PaymentFilter,
    cursor: Option<&str>,
    limit: i64,
) -> Result<(Vec<Payment>, Option<String>), PaymentsError> {
    if let Some(order_id) = filter.order_id {
        // An order has a few payments: one page, newest first, no cursor.
        let rows = q::list_order_payments()
            .bind(client, &order_id)
            .all()
            .await?;
        let rows = rows
            .into_iter()
            .filter(|p| caller.is_admin() || p.user_id == caller.user_id)
            .filter(|p| filter.status.is_none_or(|s| p.status == s.as_str()))
            .map(Payment::try_from)
            .collect::<Result<_, _>>()?;
        return Ok((attach_refunds(client, rows).await?, None));
    }
    let after = codec
        .decode_time(cursor, PAYMENT_CURSOR)
        .map_err(|e| PaymentsError::BadCursor(e.to_string()))?;
    let (after_id, after_created) = (after.map(|a| a.1), after.map(|a| a.0));
    let fetch = limit + 1;
    let mut rows = match (caller.is_admin(), filter.status) {
        (true, None) => {
            q::list_all_payments()
                .bind(client, &after_id, &after_created, &fetch)
                .all()
                .await?
        }
        (true, Some(status)) => {
            q::list_payments_by_status()
                .bind(client, &status.as_str(), &after_id, &after_created, &fetch)
                .all()
                .await?
        }
        (false, None) => {
            q::list_user_payments()
                .bind(client, &caller.user_id, &after_id, &after_created, &fetch)
                .all()
                .await?
        }
        (false, Some(status)) => {
            q::list_user_payments_by_status()
                .bind(
                    client,
                    &caller.user_id,
                    &status.as_str(),
                    &after_id,
                    &after_created,
                    &fetch,
                )
                .all()
                .await?
        }
    };
    let next = split_page(&mut rows, limit)
        .map(|p| codec.encode_time(PAYMENT_CURSOR, (p.created_at, p.id)));
    let rows = rows
        .into_iter()
        .map(Payment::try_from)
        .collect::<Result<_, _>>()?;
    let payments = attach_refunds(client, rows).await?;
    Ok((payments, next))
}

/// Optional filters of the payment list.
#[derive(Debug, Clone, Copy, Default)]
pub struct PaymentFilter {
    /// Only payments in this status.
    pub status: Option<PaymentStatus>,
    /// Only the payments of this order (all of them, in one page).
    pub order_id: Option<i64>,
}

/// Cancels a pending payment (owner or admin): kept as `cancelled`, so a late
/// charge for it is still recognised and refunded (I4).
pub async fn delete_payment(pool: &Pool, caller: &Caller, id: i64) -> Result<(), PaymentsError> {
    db::retry(|| delete_payment_once(pool, caller, id)).await
}

async fn delete_payment_once(pool: &Pool, caller: &Caller, id: i64) -> Result<(), PaymentsError> {
    let mut client = pool.get().await?;
    let visible = q::find_payment()
        .bind(&client, &id)
        .opt()
        .await?
        .filter(|p| caller.can_access(p.user_id))
        .ok_or(PaymentsError::PaymentNotFound(id))?;
    let tx = client.transaction().await?;
    orders_q::lock_order()
        .bind(&tx, &visible.order_id)
        .one()
        .await?;
    let payment: Payment = q::lock_payment().bind(&tx, &id).one().await?.try_into()?;
    if payment.status != PaymentStatus::Pending {
        return Err(PaymentsError::PaymentNotPending {
            id,
            status: payment.status.as_str(),
        });
    }
    q::cancel_payment()
        .bind(&tx, &"cancelled by the buyer or an admin", &id)
        .await?;
    history::record(
        &tx,
        payment.order_id,
        NewEvent::new(
            "payment_cancelled",
            EventActor::of(caller),
            json!({"payment_id": id}),
        ),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
