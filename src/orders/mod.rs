//! Orders: items, stock and totals changed together in one transaction.
//!
//! # Layout
//! - `api.rs`: HTTP handlers (`/orders*`).
//! - `dto.rs`: request and response bodies.
//! - `domain.rs`: the status machine and limits.
//! - `service.rs`: the rules: stock, totals, status changes, access.
//! - `error.rs`: `OrdersError` and its HTTP mapping.
//! - `history.rs`: the order history (`order_events`), written with every change.
//! - `seed.rs`: bulk orders for benchmarks (COPY plus set-based items).

pub mod api;
pub mod domain;
pub mod dto;
pub mod error;
pub mod history;
pub mod seed;
pub mod service;
