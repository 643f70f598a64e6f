//! Payment rules: who may pay what, and how Chapa's answer changes our state.
//!
//! Nothing trusts the client or the webhook body: amounts come from the order,
//! and every state change follows a fresh `verify` call to Chapa. Outcomes are
//! recorded under a row lock on the payment, so webhook and callback racing each
//! other (or a duplicate delivery) change state once.

use chrono::{DateTime, FixedOffset};
use codegen::{
    client::GenericClient,
    queries::{orders::orders as orders_q, payments::payments as q},
};
use rand::{Rng as _, distributions::Alphanumeric};
use rust_decimal::Decimal;

use crate::{
    db,
    http::auth::Caller,
    idempotency,
    jobs::{self, message::SendPaymentCompletionEmail},
    money,
    orders::{self, domain::OrderStatus},
    pagination::{CursorCodec, split_page},
    payments::{
        client::{Customization, InitializeRequest, Verification},
        error::PaymentsError,
    },
    state::AppState,
};

/// Currency of every payment (Chapa settles in birr).
pub const CURRENCY: &str = "ETB";

/// Lifecycle of a payment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, poem_openapi::Enum)]
#[oai(rename_all = "lowercase")]
pub enum PaymentStatus {
    /// Checkout started, outcome unknown.
    Pending,
    /// Chapa verified the charge; the order is paid.
    Completed,
    /// Declined, abandoned, mismatching, or the gateway failed.
    Failed,
}

impl PaymentStatus {
    fn from_db(value: &str) -> Self {
        match value {
            "completed" => Self::Completed,
            "failed" => Self::Failed,
            _ => Self::Pending,
        }
    }
}

/// A payment as the domain sees it.
#[derive(Debug, Clone)]
pub struct Payment {
    /// `payments.id`.
    pub id: i64,
    /// Order paid for.
    pub order_id: i64,
    /// Payer.
    pub user_id: i64,
    /// Always `chapa`.
    pub provider: String,
    /// Our reference at Chapa.
    pub tx_ref: String,
    /// Amount (from the order).
    pub amount: Decimal,
    /// Currency.
    pub currency: String,
    /// Outcome so far.
    pub status: PaymentStatus,
    /// Hosted checkout page.
    pub checkout_url: Option<String>,
    /// Chapa's reference of the charge.
    pub provider_reference: Option<String>,
    /// Why it failed.
    pub failure_reason: Option<String>,
    /// Creation time.
    pub created_at: DateTime<FixedOffset>,
    /// Last change.
    pub updated_at: DateTime<FixedOffset>,
}

impl From<q::Payment> for Payment {
    fn from(row: q::Payment) -> Self {
        Self {
            id: row.id,
            order_id: row.order_id,
            user_id: row.user_id,
            provider: row.provider,
            tx_ref: row.tx_ref,
            amount: row.amount,
            currency: row.currency,
            status: PaymentStatus::from_db(&row.status),
            checkout_url: row.checkout_url,
            provider_reference: row.provider_reference,
            failure_reason: row.failure_reason,
            created_at: row.created_at,
            updated_at: row.updated_at,
        }
    }
}

/// What `create_payment` did.
#[derive(Debug)]
pub enum Started {
    /// A new checkout.
    New(Payment),
    /// The payment an earlier request with the same Idempotency-Key started.
    Replayed(Payment),
}

/// A fresh, unguessable reference: `order-<id>-<16 random chars>`.
fn new_tx_ref(order_id: i64) -> String {
    let suffix: String = rand::thread_rng()
        .sample_iter(&Alphanumeric)
        .take(16)
        .map(char::from)
        .collect();
    format!("order-{order_id}-{suffix}")
}

/// Starts a Chapa checkout for a pending order of the caller (admins: any order).
///
/// The payment row is committed before Chapa is called; if Chapa fails or times
/// out, the row is marked failed and the caller gets 502.
pub async fn create_payment(
    state: &AppState,
    caller: &Caller,
    order_id: i64,
    idempotency_key: Option<&str>,
) -> Result<Started, PaymentsError> {
    let client = state.db.get().await?;
    let fingerprint = idempotency_key.map(|_| idempotency::fingerprint(&order_id));
    if let Some(key) = idempotency_key
        && let Some(earlier) = q::find_payment_fingerprint()
            .bind(&client, &caller.user_id, &key)
            .opt()
            .await?
    {
        if earlier.request_fingerprint != fingerprint {
            return Err(PaymentsError::IdempotencyKeyReused);
        }
        let existing = q::find_payment_by_idempotency_key()
            .bind(&client, &caller.user_id, &key)
            .one()
            .await?;
        return Ok(Started::Replayed(existing.into()));
    }
    let order = orders_q::find_order()
        .bind(&client, &order_id)
        .opt()
        .await?
        .filter(|o| caller.can_access(o.user_id))
        .ok_or(PaymentsError::OrderNotFound(order_id))?;
    if OrderStatus::from_db(&order.status) != OrderStatus::Pending {
        return Err(PaymentsError::OrderNotPending {
            id: order_id,
            status: order.status,
        });
    }
    if order.total_amount <= Decimal::ZERO {
        return Err(PaymentsError::NothingToPay(order_id));
    }
    let payer = q::find_payer().bind(&client, &order.user_id).one().await?;
    let tx_ref = new_tx_ref(order_id);
    let payment = q::insert_payment()
        .bind(
            &client,
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
    let payment = match payment {
        Ok(payment) => payment,
        // A concurrent request (or an admin paying for the owner) used the key first.
        Err(e) if db::violated_constraint(&e) == Some("payments_idempotency_key") => {
            let key = idempotency_key.unwrap_or_default();
            let earlier = q::find_payment_fingerprint()
                .bind(&client, &order.user_id, &key)
                .one()
                .await?;
            if earlier.request_fingerprint != fingerprint {
                return Err(PaymentsError::IdempotencyKeyReused);
            }
            let existing = q::find_payment_by_idempotency_key()
                .bind(&client, &order.user_id, &key)
                .one()
                .await?;
            return Ok(Started::Replayed(existing.into()));
        }
        Err(e) => return Err(e.into()),
    };

    let settings = &state.settings;
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
    match state.chapa.initialize(&request).await {
        Ok(checkout_url) => {
            q::set_checkout_url()
                .bind(&client, &checkout_url.as_str(), &payment.id)
                .await?;
            let payment = q::find_payment().bind(&client, &payment.id).one().await?;
            tracing::info!(
                payment.id = payment.id,
                order.id = order_id,
                "checkout started"
            );
            Ok(Started::New(payment.into()))
        }
        Err(e) => {
            q::fail_payment()
                .bind(&client, &e.to_string().as_str(), &None::<&str>, &payment.id)
                .await?;
            Err(e.into())
        }
    }
}

/// Asks Chapa about `tx_ref` and records the outcome once; safe to repeat.
///
/// Returns `None` for references we never issued.
pub async fn settle(state: &AppState, tx_ref: &str) -> Result<Option<Payment>, PaymentsError> {
    let client = state.db.get().await?;
    let Some(known) = q::find_payment_by_tx_ref()
        .bind(&client, &tx_ref)
        .opt()
        .await?
    else {
        return Ok(None);
    };
    if PaymentStatus::from_db(&known.status) != PaymentStatus::Pending {
        return Ok(Some(known.into()));
    }
    drop(client);
    let verification = state.chapa.verify(tx_ref).await?;
    let mut client = state.db.get().await?;
    let tx = client.transaction().await?;
    let payment: Payment = q::lock_payment_by_tx_ref()
        .bind(&tx, &tx_ref)
        .one()
        .await?
        .into();
    if payment.status != PaymentStatus::Pending {
        // A concurrent delivery recorded the outcome first.
        return Ok(Some(payment));
    }
    let outcome = match verification {
        Verification::Pending => return Ok(Some(payment)),
        Verification::Success {
            amount,
            currency,
            reference,
        } if amount == payment.amount && currency == payment.currency => {
            q::complete_payment()
                .bind(&tx, &reference.as_deref().unwrap_or_default(), &payment.id)
                .await?;
            if !orders::service::mark_paid(&tx, payment.order_id)
                .await
                .map_err(|e| PaymentsError::Unexpected(anyhow::anyhow!(e)))?
            {
                tracing::error!(
                    payment.id = payment.id,
                    order.id = payment.order_id,
                    "payment completed for an order that is no longer pending; needs a refund"
                );
            }
            "completed"
        }
        Verification::Success {
            amount,
            currency,
            reference,
        } => {
            tracing::warn!(
                payment.id = payment.id,
                expected = %payment.amount,
                %amount,
                %currency,
                "Chapa verified a different amount or currency; marking the payment failed"
            );
            let reason = format!(
                "verified {amount} {currency}, expected {} {}",
                payment.amount, payment.currency
            );
            q::fail_payment()
                .bind(&tx, &reason.as_str(), &reference.as_deref(), &payment.id)
                .await?;
            "failed"
        }
        Verification::Failed { reference } => {
            q::fail_payment()
                .bind(
                    &tx,
                    &"declined by the payment gateway",
                    &reference.as_deref(),
                    &payment.id,
                )
                .await?;
            "failed"
        }
    };
    let payer = q::find_payer().bind(&tx, &payment.user_id).one().await?;
    jobs::enqueue(
        &tx,
        &SendPaymentCompletionEmail {
            payment_id: payment.id,
            order_id: payment.order_id,
            email: payer.email,
            first_name: payer.first_name,
            amount: money::format(payment.amount),
            currency: payment.currency.clone(),
            status: outcome.into(),
        },
    )
    .await?;
    let updated = q::find_payment().bind(&tx, &payment.id).one().await?;
    tx.commit().await?;
    tracing::info!(payment.id = payment.id, outcome, "payment settled");
    Ok(Some(updated.into()))
}

/// One payment the caller may see (others' answer 404).
pub async fn find_payment(
    client: &impl GenericClient,
    caller: &Caller,
    id: i64,
) -> Result<Payment, PaymentsError> {
    q::find_payment()
        .bind(client, &id)
        .opt()
        .await?
        .filter(|p| caller.can_access(p.user_id))
        .map(Payment::from)
        .ok_or(PaymentsError::PaymentNotFound(id))
}

/// Sort label of payment cursors.
const PAYMENT_CURSOR: &str = "payments:newest";

/// A page of the caller's payments (admins: all), newest first.
pub async fn list_payments(
    client: &impl GenericClient,
    codec: &CursorCodec,
    caller: &Caller,
    cursor: Option<&str>,
    limit: i64,
) -> Result<(Vec<Payment>, Option<String>), PaymentsError> {
    let after = codec
        .decode_time(cursor, PAYMENT_CURSOR)
        .map_err(|e| PaymentsError::BadRequest(e.to_string()))?;
    let (after_id, after_created) = (after.map(|a| a.1), after.map(|a| a.0));
    let fetch = limit + 1;
    let mut rows = if caller.is_admin() {
        q::list_all_payments()
            .bind(client, &after_id, &after_created, &fetch)
            .all()
            .await?
    } else {
        q::list_user_payments()
            .bind(client, &caller.user_id, &after_id, &after_created, &fetch)
            .all()
            .await?
    };
    let next = split_page(&mut rows, limit)
        .map(|p| codec.encode_time(PAYMENT_CURSOR, (p.created_at, p.id)));
    Ok((rows.into_iter().map(Into::into).collect(), next))
}

/// Deletes a pending payment (owner or admin).
pub async fn delete_payment(
    client: &impl GenericClient,
    caller: &Caller,
    id: i64,
) -> Result<(), PaymentsError> {
    let payment = find_payment(client, caller, id).await?;
    if payment.status != PaymentStatus::Pending {
        return Err(PaymentsError::PaymentNotPending {
            id,
            status: format!("{:?}", payment.status).to_lowercase(),
        });
    }
    if q::delete_pending_payment().bind(client, &id).await? == 0 {
        // Settled between the read and the delete.
        return Err(PaymentsError::PaymentNotPending {
            id,
            status: "settled".into(),
        });
    }
    Ok(())
}
