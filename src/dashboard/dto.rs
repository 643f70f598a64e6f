//! The dashboard's response body.

use chrono::{DateTime, FixedOffset};
use poem_openapi::Object;

use crate::{dashboard::service::Dashboard, money::Money, orders::domain::OrderStatus};

/// The shop at a glance.
#[derive(Debug, Object)]
pub struct DashboardResponse {
    /// Active (listed) products.
    pub active_products: i64,
    /// `LOW_STOCK_THRESHOLD`: a product at or below it is low on stock.
    pub low_stock_threshold: i32,
    /// Active products at or below the threshold.
    pub low_stock_products: i64,
    /// Up to ten of them, lowest stock first.
    pub lowest_stock: Vec<LowStockProductResponse>,
    /// Orders per status, every status listed (zeros included), in lifecycle order.
    pub orders_by_status: Vec<StatusCountResponse>,
    /// Payments started today (UTC) that completed.
    pub payments_completed_today: i64,
    /// What they captured, decimal string.
    pub amount_completed_today: Money,
    /// Currency of the amount.
    pub currency: String,
    /// Start of "today": midnight UTC.
    pub since: DateTime<FixedOffset>,
}

/// A product low on stock.
#[derive(Debug, Object)]
pub struct LowStockProductResponse {
    /// Product id.
    pub id: i64,
    /// Name.
    pub name: String,
    /// Units left.
    pub stock: i32,
}

/// How many orders are in one status.
#[derive(Debug, Object)]
pub struct StatusCountResponse {
    /// The status.
    pub status: OrderStatus,
    /// Orders in it.
    pub orders: i64,
}

impl From<Dashboard> for DashboardResponse {
    fn from(d: Dashboard) -> Self {
        Self {
            active_products: d.active_products,
            low_stock_threshold: d.low_stock_threshold,
            low_stock_products: d.low_stock_products,
            lowest_stock: d
                .lowest_stock
                .into_iter()
                .map(|(id, name, stock)| LowStockProductResponse { id, name, stock })
                .collect(),
            orders_by_status: d
                .orders_by_status
                .into_iter()
                .map(|(status, orders)| StatusCountResponse { status, orders })
                .collect(),
            payments_completed_today: d.payments_completed,
            amount_completed_today: d.amount_completed.into(),
            currency: crate::payments::service::CURRENCY.to_owned(),
            since: d.since,
        }
    }
}
