//! Payments through the Chapa gateway: checkout, verification, signed webhooks.
//!
//! # Layout
//! - `api.rs`: HTTP handlers (`/payments*`, including the webhook and callback).
//! - `dto.rs`: request and response bodies.
//! - `service.rs`: the rules: who pays what, recording Chapa's verified outcome.
//! - `client.rs`: reqwest client speaking Chapa's API.
//! - `signature.rs`: webhook HMAC verification.
//! - `error.rs`: `PaymentsError` and its HTTP mapping.

pub mod api;
pub mod client;
pub mod dto;
pub mod error;
pub mod service;
pub mod signature;
