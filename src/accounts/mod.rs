//! Accounts: users, passwords, tokens, sessions, roles and the account lifecycle.
//!
//! # Layout
//! - `api.rs`: HTTP handlers (`/auth/*`, `/users*`).
//! - `dto.rs`: request and response bodies.
//! - `domain.rs`: validated inputs (email, username, password, phone).
//! - `service.rs`: the rules: registration, sessions, access to other users.
//! - `lifecycle.rs`: email verification, password reset, email change (emailed single-use tokens).
//! - `error.rs`: `AccountsError` and its HTTP mapping.
//! - `password.rs`: argon2id hashing off the async runtime.
//! - `token.rs`: JWT access tokens, opaque refresh tokens, account-token hashing.
//! - `revocation.rs`: revocation of access tokens (PostgreSQL generations, Redis cache).
//! - `refresh_grace.rs`: the pair a spent refresh token still yields for a few seconds.
//! - `rate_limit.rs`: login and password-reset attempt limits.
//! - `seed.rs`: bulk users for benchmarks (COPY).

pub mod api;
pub mod domain;
pub mod dto;
pub mod error;
pub mod lifecycle;
pub mod password;
pub mod rate_limit;
pub mod refresh_grace;
pub mod revocation;
pub mod seed;
pub mod service;
pub mod token;

use serde::{Deserialize, Serialize};

/// What a user may do; admins manage the catalog, users and all orders.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, poem_openapi::Enum)]
#[serde(rename_all = "lowercase")]
#[oai(rename_all = "lowercase")]
pub enum Role {
    /// Full access.
    Admin,
    /// A customer: own profile, own orders and payments.
    User,
}

impl Role {
    /// The value stored in `users.role`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Admin => "admin",
            Self::User => "user",
        }
    }
}

/// Parses `users.role`; an unknown value is an error, not a guess at a privilege.
impl std::str::FromStr for Role {
    type Err = crate::db::UnknownValue;

    fn from_str(value: &str) -> Result<Self, Self::Err> {
        match value {
            "admin" => Ok(Self::Admin),
            "user" => Ok(Self::User),
            other => Err(crate::db::UnknownValue::new("users.role", other)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_round_trip_and_an_unknown_one_is_an_error_not_user() {
        for role in [Role::Admin, Role::User] {
            assert_eq!(role.as_str().parse::<Role>().unwrap(), role);
        }
        let error = "superuser".parse::<Role>().expect_err("unknown role");
        assert!(error.to_string().contains("users.role"), "{error}");
    }
}
