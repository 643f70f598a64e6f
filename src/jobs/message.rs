//! Job messages: what each background job needs, captured at enqueue time.
//!
//! Payloads carry the data the email shows as of the business transaction
//! (an order confirmation lists the prices paid, not today's prices).

use serde::{Deserialize, Serialize};

use super::Job;

/// Welcome email to a newly registered user, with a link that verifies the address.
///
/// The worker issues the verification token when it sends the email, so the
/// plain token never rests in the outbox; only its hash is stored.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct SendUserCreationEmail {
    /// `users.id`.
    pub user_id: i64,
    /// Recipient.
    pub email: String,
    /// Login name, shown in the email.
    pub username: String,
    /// Greeting name.
    pub first_name: String,
}

impl Job for SendUserCreationEmail {
    const NAME: &'static str = "send_user_creation_email";
}

/// A fresh email-verification link (`POST /auth/verify-email/resend`).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct SendVerificationEmail {
    /// `users.id`.
    pub user_id: i64,
    /// The address to verify; no email if it is no longer the user's.
    pub email: String,
    /// Greeting name.
    pub first_name: String,
}

impl Job for SendVerificationEmail {
    const NAME: &'static str = "send_verification_email";
}

/// A password-reset link, if an active account has this address.
///
/// Enqueued for every well-formed request, known address or not, so the API
/// does the same work either way; the worker looks the account up and sends
/// nothing for unknown or deactivated ones.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct SendPasswordResetEmail {
    /// The address as requested (lower-cased).
    pub email: String,
}

impl Job for SendPasswordResetEmail {
    const NAME: &'static str = "send_password_reset_email";
}

/// Tells the user their password was changed and every session signed out.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct SendPasswordChangedEmail {
    /// `users.id`.
    pub user_id: i64,
    /// Recipient.
    pub email: String,
    /// Greeting name.
    pub first_name: String,
}

impl Job for SendPasswordChangedEmail {
    const NAME: &'static str = "send_password_changed_email";
}

/// A link to the new address that confirms an email change.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct SendEmailChangeEmail {
    /// `users.id`.
    pub user_id: i64,
    /// The requested new address (recipient).
    pub new_email: String,
    /// Greeting name.
    pub first_name: String,
}

impl Job for SendEmailChangeEmail {
    const NAME: &'static str = "send_email_change_email";
}

/// Tells the old address that the account's email was changed.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct SendEmailChangedEmail {
    /// `users.id`.
    pub user_id: i64,
    /// The previous address (recipient).
    pub old_email: String,
    /// The address the account uses now.
    pub new_email: String,
    /// Greeting name.
    pub first_name: String,
}

impl Job for SendEmailChangedEmail {
    const NAME: &'static str = "send_email_changed_email";
}

/// One line of an order confirmation.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct OrderLine {
    /// Product name at purchase time.
    pub product_name: String,
    /// Units bought.
    pub quantity: i32,
    /// Price per unit paid, decimal string.
    pub unit_price: String,
}

/// Order confirmation to the buyer, with items and total.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct SendOrderCreationEmail {
    /// `orders.id`.
    pub order_id: i64,
    /// Recipient.
    pub email: String,
    /// Greeting name.
    pub first_name: String,
    /// Order total, decimal string.
    pub total_amount: String,
    /// What was bought.
    pub items: Vec<OrderLine>,
}

impl Job for SendOrderCreationEmail {
    const NAME: &'static str = "send_order_creation_email";
}

/// Payment outcome email to the buyer, for completed and failed payments.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct SendPaymentCompletionEmail {
    /// `payments.id`.
    pub payment_id: i64,
    /// `orders.id`.
    pub order_id: i64,
    /// Recipient.
    pub email: String,
    /// Greeting name.
    pub first_name: String,
    /// Amount, decimal string.
    pub amount: String,
    /// ISO currency, e.g. `ETB`.
    pub currency: String,
    /// `completed` or `failed`.
    pub status: String,
}

impl Job for SendPaymentCompletionEmail {
    const NAME: &'static str = "send_payment_completion_email";
}

/// Low-stock alert to admins (or `ADMIN_ALERT_EMAIL`).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct SendLowStockAlert {
    /// `products.id`.
    pub product_id: i64,
    /// Product name.
    pub product_name: String,
    /// Units left after the order.
    pub stock: i32,
    /// Threshold that was crossed.
    pub threshold: i32,
}

impl Job for SendLowStockAlert {
    const NAME: &'static str = "send_low_stock_alert";
}

/// Tells the buyer their unpaid order expired and its items went back on sale.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct SendOrderExpiryEmail {
    /// `orders.id`.
    pub order_id: i64,
    /// Recipient.
    pub email: String,
    /// Greeting name.
    pub first_name: String,
    /// Order total, decimal string.
    pub total_amount: String,
}

impl Job for SendOrderExpiryEmail {
    const NAME: &'static str = "send_order_expiry_email";
}

/// Asks Chapa to refund one `refunds` row; retried, then marked failed and alerted.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct ProcessRefund {
    /// `refunds.id`.
    pub refund_id: i64,
}

impl Job for ProcessRefund {
    const NAME: &'static str = "process_refund";
}

/// Tells the buyer money is on its way back.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct SendRefundEmail {
    /// `refunds.id`.
    pub refund_id: i64,
    /// `orders.id`.
    pub order_id: i64,
    /// Recipient.
    pub email: String,
    /// Greeting name.
    pub first_name: String,
    /// Amount refunded, decimal string.
    pub amount: String,
    /// ISO currency.
    pub currency: String,
}

impl Job for SendRefundEmail {
    const NAME: &'static str = "send_refund_email";
}

/// Tells admins (or `ADMIN_ALERT_EMAIL`) a refund failed for good and needs a person.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct SendRefundFailedAlert {
    /// `refunds.id`.
    pub refund_id: i64,
    /// `payments.id`.
    pub payment_id: i64,
    /// `orders.id`.
    pub order_id: i64,
    /// Our reference at Chapa.
    pub tx_ref: String,
    /// Amount that could not be refunded, decimal string.
    pub amount: String,
    /// ISO currency.
    pub currency: String,
    /// Why (Chapa's answer, kept for the admins).
    pub reason: String,
}

impl Job for SendRefundFailedAlert {
    const NAME: &'static str = "send_refund_failed_alert";
}
