// This file was generated with `cornucopia`. Do not modify.

pub mod housekeeping;
pub mod outbox;
pub mod processed;
pub mod recipients;
