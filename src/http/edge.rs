//! The defended HTTP edge: what every request passes before a handler sees it.
//!
//! In order (outermost first, see [`crate::app::routes`]):
//! 1. **Load shedding**: at most `MAX_IN_FLIGHT` requests run at once; the
//!    next one answers 503 with `Retry-After` at once instead of queueing.
//! 2. **Timeout**: a request still running after `REQUEST_TIMEOUT_SECS`
//!    answers 503 (`timeout`); its future is dropped.
//! 3. **Request line**: a URI over [`MAX_URI_BYTES`] is 414; a path or query
//!    value with a control character (NUL, bell, ...) is 400 naming the parameter.
//! 4. **Body**: more than the route's limit ([`body_limit`]) is 413, decided
//!    from `Content-Length` before reading, or after reading at most one byte
//!    past the limit for chunked bodies. A JSON body is then checked once:
//!    duplicate keys and control characters in strings (except tab, CR, LF)
//!    are 400 naming the field, so nothing downstream (PostgreSQL rejects NUL
//!    with an internal error) ever sees them.
//!
//! Unknown JSON fields are refused by each request type
//! (`#[oai(deny_unknown_fields)]`); [`super::envelope`] names the field.

use std::{fmt, sync::Arc, time::Duration};

use poem::{
    Endpoint, IntoResponse, Request, Response,
    http::{HeaderValue, StatusCode, header},
};
use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use tokio::io::AsyncReadExt as _;
use tokio::sync::Semaphore;

use crate::{config::HttpSettings, error};

/// Longest request URI (path and query) accepted.
pub const MAX_URI_BYTES: usize = 8 * 1024;
/// Body limit of the anonymous auth endpoints and the webhook (if `MAX_BODY_BYTES` is larger).
pub const SMALL_BODY_BYTES: usize = 16 * 1024;
/// Seconds a shed client is asked to wait.
const RETRY_AFTER_SECS: u64 = 1;

/// Limits of the edge, built once from the settings.
#[derive(Clone)]
pub struct Edge {
    in_flight: Arc<Semaphore>,
    timeout: Duration,
    max_body: usize,
}

impl Edge {
    /// The edge of one server.
    pub fn new(settings: &HttpSettings) -> Self {
        Self {
            in_flight: Arc::new(Semaphore::new(settings.max_in_flight)),
            timeout: settings.request_timeout,
            max_body: settings.max_body_bytes,
        }
    }

    /// Body limit of a path: small for auth and the webhook, `MAX_BODY_BYTES` elsewhere.
    pub fn body_limit(&self, path: &str) -> usize {
        body_limit(path, self.max_body)
    }
}

/// Body limit of a path given the general limit.
pub fn body_limit(path: &str, max_body: usize) -> usize {
    if path.starts_with("/api/v1/auth/") || path == "/api/v1/payments/webhook" {
        max_body.min(SMALL_BODY_BYTES)
    } else {
        max_body
    }
}

/// An error response of the edge in the common envelope.
fn reject(status: StatusCode, code: &str, message: String, field: Option<&str>) -> Response {
    let details = field.map(error::ErrorDetails::field);
    poem::web::Json(error::body(code, message, details).0)
        .with_status(status)
        .into_response()
}

/// Runs `next` behind the edge's checks (see the module docs).
pub async fn guard<E: Endpoint>(edge: Edge, next: Arc<E>, req: Request) -> poem::Result<Response> {
    let exempt = req.uri().path().starts_with("/health/");
    let _permit = if exempt {
        None
    } else {
        match edge.in_flight.clone().try_acquire_owned() {
            Ok(permit) => Some(permit),
            Err(_) => {
                let mut resp = reject(
                    StatusCode::SERVICE_UNAVAILABLE,
                    "overloaded",
                    "the server is busy; retry shortly".into(),
                    None,
                );
                resp.headers_mut()
                    .insert(header::RETRY_AFTER, HeaderValue::from(RETRY_AFTER_SECS));
                return Ok(resp);
            }
        }
    };
    match tokio::time::timeout(edge.timeout, checked(&edge, next.as_ref(), req)).await {
        Ok(result) => result,
        Err(_) => {
            tracing::warn!(timeout = ?edge.timeout, "request timed out");
            Ok(reject(
                StatusCode::SERVICE_UNAVAILABLE,
                "timeout",
                "the request took too long; retry later".into(),
                None,
            ))
        }
    }
}

async fn checked<E: Endpoint>(edge: &Edge, next: &E, mut req: Request) -> poem::Result<Response> {
    if let Some(rejection) = check_request_line(&req) {
        return Ok(rejection);
    }
    let limit = edge.body_limit(req.uri().path());
    let declared = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|len| len > limit as u64) {
        return Ok(too_large(limit));
    }
    let mut body = Vec::new();
    req.take_body()
        .into_async_read()
        .take(limit as u64 + 1)
        .read_to_end(&mut body)
        .await
        .map_err(|e| poem::Error::from_string(e.to_string(), StatusCode::BAD_REQUEST))?;
    if body.len() > limit {
        return Ok(too_large(limit));
    }
    let is_json = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|ct| ct.starts_with("application/json"));
    if is_json
        && !body.is_empty()
        && let Err(JsonIssue::Field { field, message }) = check_json(&body)
    {
        return Ok(reject(
            StatusCode::BAD_REQUEST,
            "validation_failed",
            message,
            Some(&field),
        ));
    }
    req.set_body(body);
    next.call(req).await.map(IntoResponse::into_response)
}

fn too_large(limit: usize) -> Response {
    reject(
        StatusCode::PAYLOAD_TOO_LARGE,
        "payload_too_large",
        format!("the request body is larger than {limit} bytes"),
        None,
    )
}

/// 414 for an overlong URI, 400 for control characters in the path or a query parameter.
fn check_request_line(req: &Request) -> Option<Response> {
    let uri = req.uri();
    if uri.path_and_query().map_or(0, |pq| pq.as_str().len()) > MAX_URI_BYTES {
        return Some(reject(
            StatusCode::URI_TOO_LONG,
            "uri_too_long",
            format!("the request URI is longer than {MAX_URI_BYTES} bytes"),
            None,
        ));
    }
    let path = percent_encoding::percent_decode_str(uri.path()).decode_utf8_lossy();
    if path.chars().any(is_forbidden_char) {
        return Some(reject(
            StatusCode::BAD_REQUEST,
            "validation_failed",
            "the path contains a control character".into(),
            Some("path"),
        ));
    }
    let query = uri.query().unwrap_or_default();
    for (name, value) in form_urlencoded::parse(query.as_bytes()) {
        if name.chars().chain(value.chars()).any(is_forbidden_char) {
            let field = if name.chars().any(is_forbidden_char) {
                "query".to_owned()
            } else {
                name.into_owned()
            };
            return Some(reject(
                StatusCode::BAD_REQUEST,
                "validation_failed",
                format!("`{field}` contains a control character"),
                Some(&field),
            ));
        }
    }
    None
}

/// Control characters other than tab, line feed and carriage return.
pub fn is_forbidden_char(c: char) -> bool {
    c.is_control() && !matches!(c, '\t' | '\n' | '\r')
}

/// What is wrong with a JSON body.
#[derive(Debug, PartialEq, Eq)]
pub enum JsonIssue {
    /// A field holds a control character or appears twice.
    Field {
        /// Where: `name`, `items[0].name`.
        field: String,
        /// What.
        message: String,
    },
    /// Not JSON at all; the handler's parser reports it.
    Syntax,
}

/// Walks a JSON document once: duplicate keys and control characters are errors naming the field.
pub fn check_json(body: &[u8]) -> Result<(), JsonIssue> {
    let mut de = serde_json::Deserializer::from_slice(body);
    let result = Walker {
        path: String::new(),
    }
    .deserialize(&mut de)
    .and_then(|()| de.end());
    match result {
        Ok(()) => Ok(()),
        Err(e) => Err(issue_of(&e).unwrap_or(JsonIssue::Syntax)),
    }
}

/// `serde_json` keeps only the text of a custom error: the field travels encoded in it.
fn issue_of(error: &serde_json::Error) -> Option<JsonIssue> {
    let text = error.to_string();
    let text = text.strip_prefix(ISSUE_MARKER)?;
    let (field, rest) = text.split_once('\u{1f}')?;
    let message = rest.rsplit_once(" at line ").map_or(rest, |(m, _)| m);
    Some(JsonIssue::Field {
        field: field.to_owned(),
        message: message.to_owned(),
    })
}

/// Prefix of the custom serde error that carries a [`JsonIssue::Field`].
const ISSUE_MARKER: &str = "\u{1e}edge:";

fn field_error<E: de::Error>(field: &str, message: &str) -> E {
    let field = if field.is_empty() { "body" } else { field };
    E::custom(format!("{ISSUE_MARKER}{field}\u{1f}{message}"))
}

/// Visits every value, remembering where it is.
struct Walker {
    path: String,
}

impl<'de> DeserializeSeed<'de> for Walker {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Walker {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<(), E> {
        Ok(())
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<(), E> {
        Ok(())
    }

    fn visit_u64<E: de::Error>(self, _: u64) -> Result<(), E> {
        Ok(())
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<(), E> {
        Ok(())
    }

    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        Ok(())
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<(), E> {
        if value.chars().any(is_forbidden_char) {
            return Err(field_error(
                &self.path,
                "must not contain control characters",
            ));
        }
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let mut index = 0;
        while seq
            .next_element_seed(Walker {
                path: format!("{}[{index}]", self.path),
            })?
            .is_some()
        {
            index += 1;
        }
        Ok(())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let mut seen = std::collections::HashSet::new();
        while let Some(key) = map.next_key::<String>()? {
            let path = if self.path.is_empty() {
                key.clone()
            } else {
                format!("{}.{key}", self.path)
            };
            if key.chars().any(is_forbidden_char) {
                return Err(field_error(
                    &self.path,
                    "a key contains a control character",
                ));
            }
            if !seen.insert(key) {
                return Err(field_error(&path, "appears more than once"));
            }
            map.next_value_seed(Walker { path })?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(body: &str) -> Option<String> {
        match check_json(body.as_bytes()) {
            Err(JsonIssue::Field { field, .. }) => Some(field),
            _ => None,
        }
    }

    #[test]
    fn control_characters_and_duplicates_name_their_field() {
        assert_eq!(field(r#"{"login":"a\u0000b"}"#).as_deref(), Some("login"));
        assert_eq!(
            field(r#"{"items":[{"name":"ok"},{"name":"\u0007"}]}"#).as_deref(),
            Some("items[1].name")
        );
        assert_eq!(field(r#"{"a":1,"a":2}"#).as_deref(), Some("a"));
        assert_eq!(field(r#"{"o":{"k":1,"k":1}}"#).as_deref(), Some("o.k"));
        assert_eq!(field(r#""\u0000""#).as_deref(), Some("body"));
    }

    #[test]
    fn ordinary_json_passes_and_syntax_errors_are_left_to_the_handler() {
        assert_eq!(
            check_json(br#"{"a":"tab\tnew\nline","b":[1,2.5,null,true]}"#),
            Ok(())
        );
        assert_eq!(check_json(b"{not json"), Err(JsonIssue::Syntax));
    }

    #[test]
    fn auth_and_webhook_get_the_small_limit() {
        assert_eq!(body_limit("/api/v1/auth/login", 1 << 20), SMALL_BODY_BYTES);
        assert_eq!(
            body_limit("/api/v1/payments/webhook", 1 << 20),
            SMALL_BODY_BYTES
        );
        assert_eq!(body_limit("/api/v1/products", 1 << 20), 1 << 20);
        assert_eq!(body_limit("/api/v1/auth/login", 100), 100);
    }

    proptest::proptest! {
        #[test]
        fn any_input_is_accepted_or_rejected_without_panicking(bytes: Vec<u8>) {
            let _ = check_json(&bytes);
        }

        #[test]
        fn any_string_value_is_refused_exactly_when_it_holds_a_control_character(s: String) {
            let body = serde_json::json!({ "v": s }).to_string();
            let refused = field(&body).is_some();
            proptest::prop_assert_eq!(refused, s.chars().any(is_forbidden_char));
        }
    }
}
