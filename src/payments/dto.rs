//! Wire shapes of the payments API.

use chrono::{DateTime, FixedOffset};
use poem_openapi::Object;

use crate::{
    money::Money,
    payments::service::{Payment, PaymentStatus},
};

/// Start paying an order.
#[derive(Debug, Object)]
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
    /// `pending`, `completed` or `failed`.
    pub status: PaymentStatus,
    /// Send the buyer here to pay.
    pub checkout_url: Option<String>,
    /// The gateway's reference of the charge.
    pub provider_reference: Option<String>,
    /// Why the payment failed.
    pub failure_reason: Option<String>,
    /// Creation time.
    pub created_at: DateTime<FixedOffset>,
    /// Last change.
    pub updated_at: DateTime<FixedOffset>,
}

impl From<Payment> for PaymentResponse {
    fn from(p: Payment) -> Self {
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
    pub next_cursor: Option<String>,
}

/// Acknowledgement of a webhook delivery.
#[derive(Debug, Object)]
pub struct WebhookAck {
    /// `processed` or `ignored` (unknown reference).
    pub result: String,
    /// The payment's status after processing, when known.
    pub payment_status: Option<PaymentStatus>,
}
