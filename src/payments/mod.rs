//! Payments through the Chapa gateway: checkout, verification, signed webhooks, refunds.
//!
//! The payment and refund state machines and the lock order are in
//! `docs/PAYMENTS.md`.
//!
//! # Layout
//! - `api.rs`: HTTP handlers (`/payments*`, including the webhook, callback and refunds).
//! - `dto.rs`: request and response bodies.
//! - `domain.rs`: payment and refund types, statuses, the refund request parser.
//! - `service.rs`: the rules: who pays what, recording Chapa's verified outcome, asking for refunds.
//! - `refunds.rs`: the worker's half of a refund (ask Chapa, record the answer).
//! - `client.rs`: reqwest client speaking Chapa's API.
//! - `signature.rs`: webhook HMAC verification.
//! - `error.rs`: `PaymentsError` and its HTTP mapping.

pub mod api;
pub mod client;
pub mod domain;
pub mod dto;
pub mod error;
pub mod refunds;
pub mod service;
pub mod signature;
