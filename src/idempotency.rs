//! `Idempotency-Key` support: fingerprints of what a request asked for.
//!
//! A retry with the same key and the same request gets the first result; the
//! same key with a different request is refused, never silently answered with
//! a result for something else.

use serde::Serialize;
use sha2::{Digest, Sha256};

/// SHA-256 (hex) of the request's normalised JSON form.
pub fn fingerprint(request: &impl Serialize) -> String {
    let json = serde_json::to_vec(request).expect("request fingerprints serialise");
    Sha256::digest(json)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Longest key accepted (the column's CHECK).
pub const MAX_KEY_LEN: usize = 200;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_request_same_fingerprint() {
        assert_eq!(fingerprint(&("a", [1, 2])), fingerprint(&("a", [1, 2])));
        assert_ne!(fingerprint(&("a", [1, 2])), fingerprint(&("a", [2, 1])));
        assert_eq!(fingerprint(&1).len(), 64);
    }
}
