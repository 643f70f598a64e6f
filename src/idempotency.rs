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

/// What an earlier request with the same key means for this one.
#[derive(Debug, PartialEq, Eq)]
pub enum Earlier {
    /// No earlier request used the key: go ahead.
    None,
    /// The same request: answer with its result.
    Same,
    /// Another request used the key: refuse (422).
    Different,
}

/// Compares this request's fingerprint with the one stored for the key, if any.
pub fn compare(stored: Option<Option<String>>, fingerprint: &Option<String>) -> Earlier {
    match stored {
        None => Earlier::None,
        Some(stored) if stored == *fingerprint => Earlier::Same,
        Some(_) => Earlier::Different,
    }
}

/// Longest key accepted (the column's CHECK).
pub const MAX_KEY_LEN: usize = 200;

/// Reads an `Idempotency-Key` header: empty means none; too long or not printable ASCII is a 400 naming the header.
pub fn parse_key(raw: Option<String>) -> Result<Option<String>, crate::error::ApiError> {
    match raw.filter(|k| !k.is_empty()) {
        Some(key) if key.len() > MAX_KEY_LEN => Err(crate::error::ApiError::invalid_field(
            "Idempotency-Key",
            format!("must be at most {MAX_KEY_LEN} characters"),
        )),
        Some(key) if !key.bytes().all(|b| b.is_ascii_graphic()) => {
            Err(crate::error::ApiError::invalid_field(
                "Idempotency-Key",
                "must be printable ASCII without spaces",
            ))
        }
        key => Ok(key),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_optional_and_bounded() {
        assert_eq!(parse_key(None).unwrap(), None);
        assert_eq!(parse_key(Some(String::new())).unwrap(), None);
        assert_eq!(parse_key(Some("k".into())).unwrap(), Some("k".into()));
        assert!(parse_key(Some("x".repeat(MAX_KEY_LEN + 1))).is_err());
    }

    proptest::proptest! {
        #[test]
        fn any_key_is_accepted_exactly_when_short_and_printable(key: String) {
            let ok = parse_key(Some(key.clone())).is_ok();
            let expected = key.len() <= MAX_KEY_LEN && key.bytes().all(|b| b.is_ascii_graphic());
            proptest::prop_assert_eq!(ok, expected);
        }
    }

    #[test]
    fn same_request_same_fingerprint() {
        assert_eq!(fingerprint(&("a", [1, 2])), fingerprint(&("a", [1, 2])));
        assert_ne!(fingerprint(&("a", [1, 2])), fingerprint(&("a", [2, 1])));
        assert_eq!(fingerprint(&1).len(), 64);
    }
}
