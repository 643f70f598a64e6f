//! The OpenAPI document as a contract: the checked-in snapshot, and what client generators need.
//!
//! `docs/openapi.json` is the spec the SDKs are generated from; a change to the
//! API shows up as a diff of that file in review. `UPDATE_OPENAPI=1 cargo test
//! --test openapi` rewrites it.

mod common;

use common::{json_with_status, spawn_app};
use serde_json::Value;

const SNAPSHOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/openapi.json");

async fn served_spec() -> Value {
    let app = spawn_app().await;
    json_with_status(app.get("/openapi.json", None).await, 200).await
}

#[tokio::test]
async fn the_served_spec_matches_the_checked_in_snapshot() {
    let spec = served_spec().await;
    let pretty = serde_json::to_string_pretty(&spec).unwrap() + "\n";

    if std::env::var_os("UPDATE_OPENAPI").is_some() {
        std::fs::write(SNAPSHOT, &pretty).unwrap();
        return;
    }
    let snapshot = std::fs::read_to_string(SNAPSHOT).unwrap_or_default();
    assert!(
        snapshot == pretty,
        "docs/openapi.json is out of date with the code; run \
         `UPDATE_OPENAPI=1 cargo test --test openapi`, then `scripts/sdk`, and review the diff"
    );
}
