//! Opaque keyset cursors for every paginated list, signed so clients cannot forge or edit them.
//!
//! A cursor is `base64url(json {s: sort, k: key, i: id}) "." base64url(tag)`,
//! where the tag is HMAC-SHA256 over a context label and the payload, keyed
//! with the JWT secret. The label keeps a cursor tag from ever being valid as
//! any other signature made with the same key.

use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};
use hmac::{Hmac, Mac};
use serde::{Deserialize, Serialize};
use sha2::Sha256;

type HmacSha256 = Hmac<Sha256>;

/// Domain-separation label mixed into every tag.
const CONTEXT: &[u8] = b"ecommerce.cursor.v1:";
/// Longest cursor accepted; real ones are far shorter (names are at most 200 chars).
const MAX_LEN: usize = 2048;

/// Where the previous page ended: the sort it was made for, that sort's key, and the id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cursor {
    /// Sort the cursor belongs to (`newest`, `-price`, `category_name`, ...).
    #[serde(rename = "s")]
    pub sort: String,
    /// The last row's sort key, as text (timestamp micros, decimal, or name).
    #[serde(rename = "k")]
    pub key: String,
    /// The last row's id, the tie-breaker.
    #[serde(rename = "i")]
    pub id: i64,
}

/// Why a cursor was rejected; always a client error (400), never a 500.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CursorError {
    /// Not produced by this API (bad base64, bad JSON, wrong length).
    #[error("cursor is malformed")]
    Malformed,
    /// The payload does not match its signature.
    #[error("cursor has been tampered with")]
    Tampered,
    /// Valid, but made for another sort order.
    #[error("cursor belongs to sort `{0}`, not to this request's sort")]
    WrongSort(String),
}

/// Signs and verifies cursors with one secret key.
#[derive(Clone)]
pub struct CursorCodec {
    key: Vec<u8>,
}

impl CursorCodec {
    /// A codec keyed with `secret` (the JWT secret).
    pub fn new(secret: &[u8]) -> Self {
        Self {
            key: secret.to_vec(),
        }
    }

    fn mac(&self, payload: &str) -> HmacSha256 {
        let mut mac = HmacSha256::new_from_slice(&self.key).expect("HMAC accepts any key length");
        mac.update(CONTEXT);
        mac.update(payload.as_bytes());
        mac
    }

    /// Serialises and signs a cursor.
    pub fn encode(&self, cursor: &Cursor) -> String {
        let json = serde_json::to_vec(cursor).expect("cursor serialises");
        let payload = URL_SAFE_NO_PAD.encode(json);
        let tag = URL_SAFE_NO_PAD.encode(self.mac(&payload).finalize().into_bytes());
        format!("{payload}.{tag}")
    }

    /// Verifies the signature (in constant time), then checks the cursor is for `expected_sort`.
    pub fn decode(&self, token: &str, expected_sort: &str) -> Result<Cursor, CursorError> {
        if token.len() > MAX_LEN {
            return Err(CursorError::Malformed);
        }
        let (payload, tag) = token.split_once('.').ok_or(CursorError::Malformed)?;
        let tag = URL_SAFE_NO_PAD
            .decode(tag)
            .map_err(|_| CursorError::Malformed)?;
        self.mac(payload)
            .verify_slice(&tag)
            .map_err(|_| CursorError::Tampered)?;
        let json = URL_SAFE_NO_PAD
            .decode(payload)
            .map_err(|_| CursorError::Malformed)?;
        let cursor: Cursor = serde_json::from_slice(&json).map_err(|_| CursorError::Malformed)?;
        if cursor.sort != expected_sort {
            return Err(CursorError::WrongSort(cursor.sort));
        }
        Ok(cursor)
    }
}

/// Page size when the client does not ask for one.
pub const DEFAULT_LIMIT: i64 = 20;
/// Largest page a client may ask for; keeps every page cheap.
pub const MAX_LIMIT: i64 = 100;

/// `DEFAULT_LIMIT`, as a poem-openapi parameter default.
pub fn default_limit() -> i64 {
    DEFAULT_LIMIT
}

/// The one page-size rule of every list: default [`DEFAULT_LIMIT`], 1 to [`MAX_LIMIT`].
pub fn parse_limit(limit: Option<i64>) -> Result<i64, String> {
    match limit {
        None => Ok(DEFAULT_LIMIT),
        Some(l) if (1..=MAX_LIMIT).contains(&l) => Ok(l),
        Some(l) => Err(format!("limit must be between 1 and {MAX_LIMIT}, got {l}")),
    }
}

/// Checks a requested page size; 400 naming `limit` when out of range.
pub fn check_limit(limit: i64) -> Result<i64, crate::error::ApiError> {
    parse_limit(Some(limit)).map_err(|m| crate::error::ApiError::invalid_field("limit", m))
}

/// Keyset position of a newest-first list: the last row's creation time and id.
pub type TimePosition = (chrono::DateTime<chrono::FixedOffset>, i64);

impl CursorCodec {
    /// Cursor after a row of a newest-first list (`sort` names the list).
    pub fn encode_time(&self, sort: &str, position: TimePosition) -> String {
        self.encode(&Cursor {
            sort: sort.to_owned(),
            key: position.0.timestamp_micros().to_string(),
            id: position.1,
        })
    }

    /// Decodes an optional newest-first cursor of the list `sort`.
    pub fn decode_time(
        &self,
        token: Option<&str>,
        sort: &str,
    ) -> Result<Option<TimePosition>, CursorError> {
        let Some(token) = token else {
            return Ok(None);
        };
        let cursor = self.decode(token, sort)?;
        let at = cursor
            .key
            .parse::<i64>()
            .ok()
            .and_then(chrono::DateTime::from_timestamp_micros)
            .ok_or(CursorError::Malformed)?;
        Ok(Some((at.fixed_offset(), cursor.id)))
    }
}

/// Trims a `limit + 1` fetch to `limit` rows; returns the last kept row if there is a next page.
pub fn split_page<T>(rows: &mut Vec<T>, limit: i64) -> Option<&T> {
    if rows.len() as i64 > limit {
        rows.truncate(limit.max(0) as usize);
        rows.last()
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codec() -> CursorCodec {
        CursorCodec::new(b"test-secret-test-secret-test-secret!")
    }

    fn sample() -> Cursor {
        Cursor {
            sort: "price".into(),
            key: "19.99".into(),
            id: 42,
        }
    }

    #[test]
    fn round_trips() {
        let token = codec().encode(&sample());
        assert_eq!(codec().decode(&token, "price"), Ok(sample()));
    }

    #[test]
    fn token_is_url_safe() {
        let token = codec().encode(&Cursor {
            key: "Ünïcode & spaces?/+".into(),
            ..sample()
        });
        assert!(
            token
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_' || c == '.'),
            "{token}"
        );
    }

    #[test]
    fn rejects_an_edited_payload() {
        let token = codec().encode(&sample());
        let (_, tag) = token.split_once('.').unwrap();
        let forged =
            URL_SAFE_NO_PAD.encode(serde_json::to_vec(&Cursor { id: 1, ..sample() }).unwrap());
        assert_eq!(
            codec().decode(&format!("{forged}.{tag}"), "price"),
            Err(CursorError::Tampered)
        );
    }

    #[test]
    fn rejects_a_cursor_signed_with_another_key() {
        let token = CursorCodec::new(b"another-secret-another-secret-xx").encode(&sample());
        assert_eq!(codec().decode(&token, "price"), Err(CursorError::Tampered));
    }

    #[test]
    fn rejects_garbage() {
        for garbage in ["", "abc", "a.b", "!!!.???", "..", &"x".repeat(5000)] {
            assert!(
                codec().decode(garbage, "price").is_err(),
                "{garbage:?} should be rejected"
            );
        }
    }

    #[test]
    fn time_cursors_round_trip_to_the_microsecond() {
        let at = chrono::DateTime::parse_from_rfc3339("2026-01-02T03:04:05.123456+00:00").unwrap();
        let token = codec().encode_time("orders", (at, 9));
        assert_eq!(
            codec().decode_time(Some(&token), "orders"),
            Ok(Some((at, 9)))
        );
        assert_eq!(codec().decode_time(None, "orders"), Ok(None));
        assert!(codec().decode_time(Some(&token), "payments").is_err());
    }

    #[test]
    fn split_page_keeps_limit_and_reports_more() {
        let mut rows = vec![1, 2, 3];
        assert_eq!(split_page(&mut rows, 2), Some(&2));
        assert_eq!(rows, vec![1, 2]);
        let mut rows = vec![1, 2];
        assert_eq!(split_page(&mut rows, 2), None);
    }

    #[test]
    fn rejects_a_cursor_for_another_sort() {
        let token = codec().encode(&sample());
        assert_eq!(
            codec().decode(&token, "newest"),
            Err(CursorError::WrongSort("price".into()))
        );
    }

    proptest::proptest! {
        #[test]
        fn any_token_decodes_or_is_refused_without_panicking(token: String) {
            let codec = CursorCodec::new(b"proptest-key-of-at-least-32-bytes!!");
            let _ = codec.decode(&token, "newest");
            let _ = codec.decode_time(Some(&token), "orders:newest");
        }

        #[test]
        fn an_edited_cursor_is_never_accepted(id: i64, key: String, flip in 0usize..64) {
            let codec = CursorCodec::new(b"proptest-key-of-at-least-32-bytes!!");
            let token = codec.encode(&Cursor { sort: "newest".into(), key, id });
            let mut bytes = token.clone().into_bytes();
            let at = flip % bytes.len();
            bytes[at] = if bytes[at] == b'A' { b'B' } else { b'A' };
            let edited = String::from_utf8(bytes).unwrap();
            if edited != token {
                proptest::prop_assert!(codec.decode(&edited, "newest").is_err());
            }
        }
    }
}
