// This file was generated with `cornucopia`. Do not modify.

pub mod refresh_tokens;
pub mod users;
