// This file was generated with `cornucopia`. Do not modify.

pub mod accounts;
pub mod admin;
pub mod catalog;
pub mod dashboard;
pub mod health;
pub mod jobs;
pub mod orders;
pub mod payments;
pub mod replication;
pub mod session;
