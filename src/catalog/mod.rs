//! Catalog: products and categories, with filtering, sorting and keyset pagination.
//!
//! # Layout
//! - `api.rs`: the `/api/v1/products` and `/api/v1/categories` handlers.
//! - `dto.rs`: request and response bodies, with OpenAPI examples.
//! - `domain.rs`: validated domain types and their parsers.
//! - `service.rs`: one function per use case over the `codegen` queries.
//! - `reads.rs`: the public product reads through the Redis cache.
//! - `error.rs`: `CatalogError` and its mapping to HTTP.
//! - `seed.rs`: the sample catalog and the bulk (COPY) loader behind `api seed`.

pub mod api;

pub mod domain;
pub mod dto;
pub mod error;
pub mod reads;
pub mod seed;
pub mod service;
