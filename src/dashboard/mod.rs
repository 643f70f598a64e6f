//! The admin dashboard: the shop at a glance (catalog, stock, orders, today's payments).
//!
//! Read-only and admin-only; each figure is one indexed query
//! (`queries/dashboard/stats.sql`).
//!
//! # Layout
//! - `api.rs`: `GET /dashboard`.
//! - `dto.rs`: the response body.
//! - `service.rs`: the queries, run in one read-only snapshot.

pub mod api;
pub mod dto;
pub mod service;
