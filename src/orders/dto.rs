//! Wire shapes of the orders API.

use crate::http::text::Text;
use chrono::{DateTime, FixedOffset};
use poem_openapi::Object;
use rust_decimal::Decimal;

use crate::{
    money::Money,
    orders::{
        domain::OrderStatus,
        service::{Order, OrderItem},
    },
};

/// One requested line.
#[derive(Debug, Object)]
#[oai(deny_unknown_fields)]
pub struct OrderLineRequest {
    /// Product to buy.
    pub product_id: i64,
    /// Units, 1–10000.
    #[oai(validator(minimum(value = "1"), maximum(value = "10000")))]
    pub quantity: i32,
}

/// A new order.
#[derive(Debug, Object)]
#[oai(example, deny_unknown_fields)]
pub struct CreateOrderRequest {
    /// Delivery address, 1–500 characters.
    #[oai(validator(min_length = 1, max_length = 500))]
    pub shipping_address: Text,
    /// At least one line; each product at most once.
    #[oai(validator(min_items = 1, max_items = 100))]
    pub items: Vec<OrderLineRequest>,
}

impl poem_openapi::types::Example for CreateOrderRequest {
    fn example() -> Self {
        Self {
            shipping_address: "Bole Road 12, Addis Ababa".into(),
            items: vec![OrderLineRequest {
                product_id: 1,
                quantity: 2,
            }],
        }
    }
}

/// Changes to an order.
#[derive(Debug, Object)]
#[oai(deny_unknown_fields)]
pub struct UpdateOrderRequest {
    /// New address (pending orders only).
    #[oai(nullable, validator(min_length = 1, max_length = 500))]
    pub shipping_address: Option<Text>,
    /// Owner: `cancelled`. Admin: the next fulfilment step. `paid` is set only by payments.
    #[oai(nullable)]
    pub status: Option<OrderStatus>,
}

/// A line to add to a pending order.
#[derive(Debug, Object)]
#[oai(deny_unknown_fields)]
pub struct AddItemRequest {
    /// Product to add (not already in the order).
    pub product_id: i64,
    /// Units, 1–10000.
    #[oai(validator(minimum(value = "1"), maximum(value = "10000")))]
    pub quantity: i32,
}

/// New quantity of a line.
#[derive(Debug, Object)]
#[oai(deny_unknown_fields)]
pub struct UpdateItemRequest {
    /// Units, 1–10000.
    #[oai(validator(minimum(value = "1"), maximum(value = "10000")))]
    pub quantity: i32,
}

/// One line of an order.
#[derive(Debug, Object)]
pub struct OrderItemResponse {
    /// Item id.
    pub id: i64,
    /// Product bought.
    pub product_id: i64,
    /// Product name.
    pub product_name: String,
    /// Units.
    pub quantity: i32,
    /// Price per unit paid, decimal string.
    pub unit_price: Money,
    /// `quantity * unit_price`, decimal string.
    pub line_total: Money,
}

impl From<OrderItem> for OrderItemResponse {
    fn from(i: OrderItem) -> Self {
        Self {
            line_total: (i.unit_price * Decimal::from(i.quantity)).into(),
            id: i.id,
            product_id: i.product_id,
            product_name: i.product_name,
            quantity: i.quantity,
            unit_price: i.unit_price.into(),
        }
    }
}

/// An order with its items.
#[derive(Debug, Object)]
pub struct OrderResponse {
    /// Order id.
    pub id: i64,
    /// Buyer.
    pub user_id: i64,
    /// Lifecycle status.
    pub status: OrderStatus,
    /// Delivery address.
    pub shipping_address: String,
    /// Sum of the lines, decimal string.
    pub total_amount: Money,
    /// Creation time.
    pub created_at: DateTime<FixedOffset>,
    /// Last change.
    pub updated_at: DateTime<FixedOffset>,
    /// Lines.
    pub items: Vec<OrderItemResponse>,
}

impl From<Order> for OrderResponse {
    fn from(o: Order) -> Self {
        Self {
            id: o.id,
            user_id: o.user_id,
            status: o.status,
            shipping_address: o.shipping_address,
            total_amount: o.total_amount.into(),
            created_at: o.created_at,
            updated_at: o.updated_at,
            items: o.items.into_iter().map(Into::into).collect(),
        }
    }
}

/// A page of orders.
#[derive(Debug, Object)]
pub struct OrderListResponse {
    /// Orders, newest first.
    pub items: Vec<OrderResponse>,
    /// Pass as `cursor` for the next page; `null` on the last page.
    #[oai(nullable)]
    pub next_cursor: Option<String>,
}

/// One entry of an order's history.
#[derive(Debug, Object)]
pub struct OrderEventResponse {
    /// Event id, increasing in time.
    pub id: i64,
    /// What happened: `order_placed`, `status_changed`, `address_changed`,
    /// `item_added`, `item_changed`, `item_removed`, `order_expired`,
    /// `payment_started`, `payment_completed`, `payment_failed`,
    /// `payment_cancelled`, `refund_requested`, `refund_succeeded`, `refund_failed`.
    pub kind: String,
    /// Status before (status changes only).
    #[oai(nullable)]
    pub from_status: Option<String>,
    /// Status after (status changes only).
    #[oai(nullable)]
    pub to_status: Option<String>,
    /// Who: `user`, `system` or `chapa`.
    pub actor: String,
    /// The user, when `actor` is `user`.
    #[oai(nullable)]
    pub actor_user_id: Option<i64>,
    /// Short detail (ids, amounts, reasons).
    pub detail: serde_json::Value,
    /// When.
    pub created_at: chrono::DateTime<chrono::FixedOffset>,
}

impl From<crate::orders::history::OrderEvent> for OrderEventResponse {
    fn from(e: crate::orders::history::OrderEvent) -> Self {
        Self {
            id: e.id,
            kind: e.kind,
            from_status: e.from_status,
            to_status: e.to_status,
            actor: e.actor,
            actor_user_id: e.actor_user_id,
            detail: e.detail,
            created_at: e.created_at,
        }
    }
}

/// A page of an order's history.
#[derive(Debug, Object)]
pub struct OrderEventListResponse {
    /// Events, oldest first.
    pub items: Vec<OrderEventResponse>,
    /// Pass as `cursor` for the next page; `null` on the last page.
    #[oai(nullable)]
    pub next_cursor: Option<String>,
}
