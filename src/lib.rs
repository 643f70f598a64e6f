//! E-commerce catalog backend: products, categories, accounts, orders, payments.
//!
//! # How a request flows
//! `app::routes` builds the poem endpoint tree. A request gets a request id and
//! a tracing span (`http::request_context`), then reaches one `#[OpenApi]`
//! handler of a domain (`<domain>/api.rs`). The handler parses input into domain
//! types, checks the caller's role with a guard from `http::auth`, and calls one
//! service function (`<domain>/service.rs`). Services run the SQL that cornucopia
//! compiled from `queries/` (the `codegen` crate), inside a transaction when a
//! change has several steps, and return domain errors that `error::ApiError`
//! turns into the single JSON error shape.
//!
//! # Layout
//! - `config`: typed settings from the environment.
//! - `error`: the HTTP error envelope.
//! - `db`: pools (with TLS from `sslmode`, a span per SQL statement), migrations under a lock,
//!   error classification.
//! - `app`: the route table of every domain's API, and the server.
//! - `http`: plumbing: auth guards, the defended edge, OpenAPI finishing, health probes,
//!   the embedded admin console (`/admin`).
//! - `accounts`: users, tokens, roles; email verification, password reset, email change.
//! - `catalog`: products and categories.
//! - `orders`: orders, items, stock and totals.
//! - `payments`: Chapa checkout, verification and webhooks.
//! - `dashboard`: the admin dashboard's figures.
//! - `pagination`: signed keyset cursors.
//! - `jobs`: transactional outbox, relay, worker and the job emails.
//! - `email`: lettre transport (SMTP, or .eml files in development).
//! - `idempotency`: request fingerprints behind `Idempotency-Key`.
//! - `cache`: cached bytes in Redis with generation-based invalidation
//!   (the public catalog reads).
//! - `startup`, `state`, `telemetry`: process wiring.

pub mod accounts;
pub mod app;
pub mod cache;
pub mod catalog;
pub mod config;
pub mod dashboard;
pub mod db;
pub mod email;
pub mod error;
pub mod http;
pub mod idempotency;
pub mod jobs;
pub mod money;
pub mod orders;
pub mod pagination;
pub mod payments;
pub mod startup;
pub mod state;
pub mod telemetry;
