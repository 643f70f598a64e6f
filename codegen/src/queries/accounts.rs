// This file was generated with `cornucopia`. Do not modify.

pub mod access_tokens;
pub mod account_tokens;
pub mod refresh_tokens;
pub mod users;
