//! Wire shapes of the payments API.

use crate::http::text::Text;
use chrono::{DateTime, FixedOffset};
use poem_openapi::Object;

use crate::{
    money::{DecimalString, Money},
    payments::domain::{Payment, PaymentStatus, Refund, RefundStatus},
};

/// Start paying an order.
#[derive(Debug, Object)]
#[oai(deny_unknown_fields)]
pub struct CreatePaymentRequest {
    /// A pending order of yours; the amount is the order's total.
    pub order_id: i64,
}

/// A payment.
#[derive(Debug, Object)]
pub struct PaymentResponse {
    /// Payment id.
    pub id: i64,
    /// Order paid for.
    pub order_id: i64,
    /// Payer.
    pub user_id: i64,
    /// Gateway (`chapa`).
    pub provider: String,
    /// Our reference at the gateway.
    pub tx_ref: String,
    /// Amount, decimal string.
    pub amount: Money,
    /// ISO currency.
    pub currency: String,
    /// Where the payment stands (docs/PAYMENTS.md has the state machine).
    pub status: PaymentStatus,
    /// Send the buyer here to pay.
    #[oai(nullable)]
    pub checkout_url: Option<String>,
    /// The gateway's reference of the charge.
    #[oai(nullable)]
    pub provider_reference: Option<String>,
    /// Why the payment failed or was cancelled.
    #[oai(nullable)]
    pub failure_reason: Option<String>,
    /// What Chapa verified it charged; `null` until a charge is verified.
    #[oai(nullable)]
    pub captured_amount: Option<Money>,
    /// Sum of the succeeded refunds.
    pub refunded_amount: Money,
    /// Refunds, oldest first.
    pub refunds: Vec<RefundResponse>,
    /// Creation time.
    pub created_at: DateTime<FixedOffset>,
    /// Last change.
    pub updated_at: DateTime<FixedOffset>,
}

impl From<Payment> for PaymentResponse {
    fn from(p: Payment) -> Self {
        let refunded: rust_decimal::Decimal = p
            .refunds
            .iter()
            .filter(|r| r.status == RefundStatus::Succeeded)
            .map(|r| r.amount)
            .sum();
        Self {
            id: p.id,
            order_id: p.order_id,
            user_id: p.user_id,
            provider: p.provider,
            tx_ref: p.tx_ref,
            amount: p.amount.into(),
            currency: p.currency,
            status: p.status,
            checkout_url: p.checkout_url,
            provider_reference: p.provider_reference,
            failure_reason: p.failure_reason,
            captured_amount: p.captured_amount.map(Into::into),
            refunded_amount: refunded.into(),
            refunds: p.refunds.into_iter().map(Into::into).collect(),
            created_at: p.created_at,
            updated_at: p.updated_at,
        }
    }
}

/// A page of payments.
#[derive(Debug, Object)]
pub struct PaymentListResponse {
    /// Payments, newest first.
    pub items: Vec<PaymentResponse>,
    /// Pass as `cursor` for the next page; `null` on the last page.
    #[oai(nullable)]
    pub next_cursor: Option<String>,
}

/// Acknowledgement of a webhook delivery.
#[derive(Debug, Object)]
pub struct WebhookAck {
    /// `processed` or `ignored` (unknown reference).
    pub result: String,
    /// The payment's status after processing, when known.
    #[oai(nullable)]
    pub payment_status: Option<PaymentStatus>,
}

/// A refund of (part of) a payment.
#[derive(Debug, Object)]
pub struct RefundResponse {
    /// Refund id.
    pub id: i64,
    /// Payment refunded.
    pub payment_id: i64,
    /// Amount, decimal string.
    pub amount: Money,
    /// Why.
    pub reason: String,
    /// `pending` until Chapa's final answer, then `succeeded` or `failed`.
    pub status: RefundStatus,
    /// Whether the system refunded a charge the order could not take.
    pub automatic: bool,
    /// Admin who asked for it; `null` for automatic refunds.
    #[oai(nullable)]
    pub requested_by: Option<i64>,
    /// Chapa's id of the refund.
    #[oai(nullable)]
    pub provider_reference: Option<String>,
    /// Why it failed.
    #[oai(nullable)]
    pub failure_reason: Option<String>,
    /// Creation time.
    pub created_at: DateTime<FixedOffset>,
    /// Last change.
    pub updated_at: DateTime<FixedOffset>,
}

impl From<Refund> for RefundResponse {
    fn from(r: Refund) -> Self {
        Self {
            id: r.id,
            payment_id: r.payment_id,
            amount: r.amount.into(),
            reason: r.reason,
            status: r.status,
            automatic: r.automatic,
            requested_by: r.requested_by,
            provider_reference: r.provider_reference,
            failure_reason: r.failure_reason,
            created_at: r.created_at,
            updated_at: r.updated_at,
        }
    }
}

/// Refund (part of) a completed payment.
#[derive(Debug, Object)]
#[oai(example, deny_unknown_fields)]
pub struct CreateRefundRequest {
    /// Amount to refund; omit to refund everything that is left.
    #[oai(nullable)]
    pub amount: Option<DecimalString>,
    /// Why (1–500 characters; shown to Chapa); default "requested by the shop".
    #[oai(nullable, validator(min_length = 1, max_length = 500))]
    pub reason: Option<Text>,
}

impl poem_openapi::types::Example for CreateRefundRequest {
    fn example() -> Self {
        Self {
            amount: Some(DecimalString("10.00".into())),
            reason: Some("item arrived damaged".into()),
        }
    }
}
