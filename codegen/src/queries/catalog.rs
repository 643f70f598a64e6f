// This file was generated with `cornucopia`. Do not modify.

pub mod categories;
pub mod facet_counts;
pub mod products;
pub mod search;
