//! Job messages: what each background job needs, captured at enqueue time.
//!
//! Payloads carry the data the email shows as of the business transaction
//! (an order confirmation lists the prices paid, not today's prices).

use serde::{Deserialize, Serialize};

use super::Job;

/// Welcome email to a newly registered user.
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
