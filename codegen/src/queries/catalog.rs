// This file was generated with `cornucopia`. Do not modify.

pub mod categories;
pub mod products;
pub mod search;
