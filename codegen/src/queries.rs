// This file was generated with `cornucopia`. Do not modify.

pub mod admin;
pub mod catalog;
pub mod health;
pub mod jobs;
