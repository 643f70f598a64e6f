//! The worker's half of a refund: ask Chapa, record its answer, tell people.
//!
//! Runs inside the worker's job transaction (the `processed_jobs` claim), so a
//! duplicate delivery waits for this one and then finds the job done. Chapa is
//! called without holding row locks; the answer is then recorded under the
//! order's, the payment's and the refund's locks (the lock order). A refund
//! that is no longer pending (recorded by an earlier attempt) is left alone.
//!
//! A transient failure (no answer, 5xx) is retried by the job machinery; on
//! the last attempt, or at once when Chapa refuses, the refund is marked
//! failed, an automatic refund leaves its payment `refund_failed`, and the
//! admins get an alert email. Every retry sends the same `reference`, so Chapa
//! can recognise a repeated request.

use codegen::{
    client::GenericClient,
    queries::{orders::orders as orders_q, payments::payments as q},
};
use serde_json::json;

use crate::{
    jobs::{
        self,
        message::{SendRefundEmail, SendRefundFailedAlert},
    },
    money,
    orders::{
        self,
        history::{self, EventActor, NewEvent},
    },
    payments::{
        client::{ChapaClient, ChapaError, RefundRequest},
        domain::{Payment, PaymentStatus, Refund, RefundStatus},
    },
};

/// What happened to the refund in this attempt.
#[derive(Debug, PartialEq, Eq)]
pub enum RefundOutcome {
    /// Chapa refunded; `restocked` says whether order stock came back (invalidate the catalog cache).
    Succeeded {
        /// Stock of an unshipped order returned.
        restocked: bool,
    },
    /// Marked failed for good; admins alerted.
    Failed,
    /// Nothing to do: an earlier attempt recorded the outcome.
    AlreadyDone,
}

/// Why this attempt did not settle the refund.
#[derive(Debug, thiserror::Error)]
pub enum RefundJobError {
    /// Chapa did not answer usefully; try again later.
    #[error("refund not settled yet: {0}")]
    Transient(#[source] ChapaError),
    /// The refund row does not exist.
    #[error("refund {0} does not exist")]
    Missing(i64),
    /// Our database failed.
    #[error(transparent)]
    Database(#[from] tokio_postgres::Error),
    /// The order could not be moved to `refunded`.
    #[error(transparent)]
    Order(#[from] orders::error::OrdersError),
    /// A stored status this binary does not know.
    #[error(transparent)]
    UnknownValue(#[from] crate::db::UnknownValue),
}

/// Generic reason stored and shown for a refund Chapa refused (the detail is logged).
const REFUSED: &str = "the payment gateway refused the refund";
/// Generic reason stored when Chapa never answered usefully.
const NO_ANSWER: &str = "the payment gateway did not answer after several attempts";

/// Asks Chapa to refund `refund_id` and records the answer in `tx` (the job's transaction).
pub async fn process_refund(
    tx: &impl GenericClient,
    chapa: &ChapaClient,
    refund_id: i64,
    last_attempt: bool,
) -> Result<RefundOutcome, RefundJobError> {
    let refund: Refund = q::find_refund()
        .bind(tx, &refund_id)
        .opt()
        .await?
        .ok_or(RefundJobError::Missing(refund_id))?
        .try_into()?;
    if refund.status != RefundStatus::Pending {
        return Ok(RefundOutcome::AlreadyDone);
    }
    let payment: Payment = q::find_payment()
        .bind(tx, &refund.payment_id)
        .one()
        .await?
        .try_into()?;
    let request = RefundRequest {
        reason: refund.reason.clone(),
        amount: money::format(refund.amount),
        reference: refund.reference.clone(),
    };
    let answer = chapa.refund(&payment.tx_ref, &request).await;
    if let Err(e) = &answer
        && e.is_transient()
        && !last_attempt
    {
        tracing::warn!(refund.id = refund_id, error = %e, "Chapa refund not settled; will retry");
        return Err(RefundJobError::Transient(answer.unwrap_err()));
    }

    // Record under the lock order: order, payment, refund.
    orders_q::lock_order()
        .bind(tx, &payment.order_id)
        .one()
        .await?;
    let payment: Payment = q::lock_payment()
        .bind(tx, &payment.id)
        .one()
        .await?
        .try_into()?;
    let refund: Refund = q::lock_refund()
        .bind(tx, &refund_id)
        .one()
        .await?
        .try_into()?;
    if refund.status != RefundStatus::Pending {
        return Ok(RefundOutcome::AlreadyDone);
    }
    match answer {
        Ok(provider_reference) => {
            record_success(tx, &payment, &refund, provider_reference.as_deref()).await
        }
        Err(e) => {
            tracing::error!(refund.id = refund_id, payment.id = payment.id, error = %e, "refund failed for good; alerting admins");
            let reason = if e.is_transient() { NO_ANSWER } else { REFUSED };
            record_failure(tx, &payment, &refund, reason).await?;
            Ok(RefundOutcome::Failed)
        }
    }
}

async fn record_success(
    tx: &impl GenericClient,
    payment: &Payment,
    refund: &Refund,
    provider_reference: Option<&str>,
) -> Result<RefundOutcome, RefundJobError> {
    q::finish_refund()
        .bind(
            tx,
            &RefundStatus::Succeeded.as_str(),
            &provider_reference,
            &None::<&str>,
            &refund.id,
        )
        .await?;
    let sums = q::sum_refunds().bind(tx, &payment.id).one().await?;
    let fully = payment
        .captured_amount
        .is_some_and(|captured| sums.succeeded >= captured);
    let mut restocked = false;
    if fully {
        q::set_payment_status()
            .bind(tx, &PaymentStatus::Refunded.as_str(), &payment.id)
            .await?;
        let state = orders_q::find_order_payment_state()
            .bind(tx, &payment.order_id)
            .one()
            .await?;
        if state.paid_by_payment_id == Some(payment.id) {
            restocked = orders::service::mark_refunded(tx, payment.order_id, refund.id).await?;
        }
    }
    history::record(
        tx,
        payment.order_id,
        NewEvent::new(
            "refund_succeeded",
            EventActor::Chapa,
            json!({"refund_id": refund.id, "payment_id": payment.id,
                   "amount": money::format(refund.amount), "payment_refunded_in_full": fully}),
        ),
    )
    .await?;
    let payer = q::find_payer().bind(tx, &payment.user_id).one().await?;
    jobs::enqueue(
        tx,
        &SendRefundEmail {
            refund_id: refund.id,
            order_id: payment.order_id,
            email: payer.email,
            first_name: payer.first_name,
            amount: money::format(refund.amount),
            currency: payment.currency.clone(),
        },
    )
    .await?;
    tracing::info!(
        refund.id = refund.id,
        payment.id = payment.id,
        fully,
        "refund succeeded"
    );
    Ok(RefundOutcome::Succeeded { restocked })
}

async fn record_failure(
    tx: &impl GenericClient,
    payment: &Payment,
    refund: &Refund,
    reason: &str,
) -> Result<(), tokio_postgres::Error> {
    q::finish_refund()
        .bind(
            tx,
            &RefundStatus::Failed.as_str(),
            &None::<&str>,
            &Some(reason),
            &refund.id,
        )
        .await?;
    if refund.automatic {
        q::set_payment_status()
            .bind(tx, &PaymentStatus::RefundFailed.as_str(), &payment.id)
            .await?;
    }
    history::record(
        tx,
        payment.order_id,
        NewEvent::new(
            "refund_failed",
            EventActor::System,
            json!({"refund_id": refund.id, "payment_id": payment.id,
                   "amount": money::format(refund.amount), "reason": reason}),
        ),
    )
    .await?;
    jobs::enqueue(
        tx,
        &SendRefundFailedAlert {
            refund_id: refund.id,
            payment_id: payment.id,
            order_id: payment.order_id,
            tx_ref: payment.tx_ref.clone(),
            amount: money::format(refund.amount),
            currency: payment.currency.clone(),
            reason: reason.to_owned(),
        },
    )
    .await?;
    Ok(())
}
