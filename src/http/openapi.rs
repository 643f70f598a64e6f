//! The OpenAPI document as served: poem-openapi's output, finished in this one place.
//!
//! Everything the schema can say is said at the source: attributes on the
//! handlers and wire types (`operation_id`, `nullable`, `validator(...)`), the
//! per-operation error statuses of [`crate::error::Errors`], and custom types
//! such as [`crate::money::Money`]. poem-openapi 5.1 cannot write four things a
//! client generator needs, and [`finish`] adds exactly those:
//!
//! 1. **Media-type keys.** poem-openapi's `Json` uses its content type
//!    `application/json; charset=utf-8` as the key of every request and
//!    response body; generators (openapi-fetch, openapi-python-client) look for
//!    `application/json`. The key loses the parameter; responses still carry it.
//! 2. **Plain `$ref`s.** A documented or nullable field whose type is a named
//!    schema (an enum, [`crate::error::ErrorDetail`]) comes out as
//!    `allOf: [{$ref}, {description}]`, which openapi-python-client refuses for
//!    enums. A non-nullable one becomes a plain `$ref` (the referenced schema
//!    carries its own description); a nullable one becomes the OpenAPI 3.0
//!    idiom `{allOf: [{$ref}], nullable: true}`.
//! 3. **Optional authentication.** poem-openapi lists the bearer scheme before
//!    the anonymous alternative (`[{bearer: []}, {}]`); the anonymous one goes
//!    first, so tools show the operation as open, with a token optional.
//! 4. **Error examples.** poem-openapi has no per-response example; every
//!    error response gets one whose `code` and message match its status and
//!    the operation's resource.

use serde_json::{Map, Value, json};

/// The media-type key poem-openapi writes for JSON bodies.
const JSON_WITH_CHARSET: &str = "application/json; charset=utf-8";
/// The media-type key clients look for.
const JSON: &str = "application/json";

/// Applies the four finishing steps (see the module docs) to poem-openapi's JSON document.
pub fn finish(raw: &str) -> String {
    let mut doc: Value = serde_json::from_str(raw).expect("poem-openapi writes a JSON document");
    walk(&mut doc, &mut |value| {
        bare_media_type(value);
        plain_ref(value);
    });
    if let Some(paths) = doc.get_mut("paths").and_then(Value::as_object_mut) {
        for (path, operations) in paths.iter_mut() {
            let Some(operations) = operations.as_object_mut() else {
                continue;
            };
            for (method, operation) in operations.iter_mut() {
                anonymous_first(operation);
                error_examples(path, method, operation);
            }
        }
    }
    serde_json::to_string(&doc).expect("a JSON value serialises")
}

/// Calls `f` on every object of the document, parents before children.
fn walk(value: &mut Value, f: &mut impl FnMut(&mut Map<String, Value>)) {
    match value {
        Value::Object(map) => {
            f(map);
            for child in map.values_mut() {
                walk(child, f);
            }
        }
        Value::Array(items) => {
            for child in items {
                walk(child, f);
            }
        }
        _ => {}
    }
}

/// Step 1: `content: {"application/json; charset=utf-8": ...}` → `content: {"application/json": ...}`.
fn bare_media_type(map: &mut Map<String, Value>) {
    if let Some(media) = map.remove(JSON_WITH_CHARSET) {
        map.insert(JSON.to_owned(), media);
    }
}

/// Step 2: `{allOf: [{$ref}, {...}], ...}` → `{$ref}`, or `{allOf: [{$ref}], nullable: true}`.
fn plain_ref(map: &mut Map<String, Value>) {
    let reference = match map
        .get("allOf")
        .and_then(Value::as_array)
        .map(Vec::as_slice)
    {
        Some([first, ..]) => match first.get("$ref").and_then(Value::as_str) {
            Some(reference) => reference.to_owned(),
            None => return,
        },
        _ => return,
    };
    let nullable = map.get("nullable") == Some(&Value::Bool(true));
    let description = map.get("description").cloned();
    map.clear();
    if nullable {
        map.insert("allOf".into(), json!([{ "$ref": reference }]));
        map.insert("nullable".into(), Value::Bool(true));
        if let Some(description) = description {
            map.insert("description".into(), description);
        }
    } else {
        map.insert("$ref".into(), Value::String(reference));
    }
}

/// Step 3: `security: [{bearer: []}, {}]` → `[{}, {bearer: []}]`.
fn anonymous_first(operation: &mut Value) {
    if let Some(security) = operation.get_mut("security").and_then(Value::as_array_mut)
        && let Some(at) = security
            .iter()
            .position(|s| s.as_object().is_some_and(Map::is_empty))
    {
        let anonymous = security.remove(at);
        security.insert(0, anonymous);
    }
}

/// Step 4: an `example` on every error response's JSON body.
fn error_examples(path: &str, method: &str, operation: &mut Value) {
    let field = first_field(operation);
    let operation_id = operation["operationId"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    let Some(responses) = operation
        .get_mut("responses")
        .and_then(Value::as_object_mut)
    else {
        return;
    };
    for (status, response) in responses.iter_mut() {
        let Ok(status) = status.parse::<u16>() else {
            continue;
        };
        if status < 400 {
            continue;
        }
        if let Some(media) = response
            .get_mut("content")
            .and_then(|c| c.get_mut(JSON))
            .and_then(Value::as_object_mut)
        {
            let example = error_example(status, path, method, &operation_id, &field);
            media.insert("example".into(), example);
        }
    }
}

/// The parameter an example 400 names: the first path or query parameter, else `body`.
fn first_field(operation: &Value) -> String {
    operation["parameters"]
        .as_array()
        .and_then(|params| {
            params
                .iter()
                .find(|p| p["in"] == "path" || p["in"] == "query")
                .or_else(|| params.first())
        })
        .and_then(|p| p["name"].as_str())
        .unwrap_or("body")
        .to_owned()
}

/// The singular resource an operation works on, from its path (`/api/v1/orders/{id}/items` → `item`).
fn resource(path: &str) -> &'static str {
    let segments: Vec<&str> = path
        .split('/')
        .filter(|s| !s.is_empty() && !s.starts_with('{'))
        .collect();
    match segments.as_slice() {
        [.., "items"] => "item",
        [.., "events"] | [.., "orders"] => "order",
        [.., "refund"] | [.., "payments"] => "payment",
        [.., "products"] => "product",
        [.., "categories"] => "category",
        [.., "users"] | [.., "me"] | [.., "register"] => "user",
        _ => "resource",
    }
}

fn envelope(code: &str, message: &str, details: Option<Value>) -> Value {
    let mut error = json!({ "code": code, "message": message });
    if let Some(details) = details {
        error["details"] = details;
    }
    json!({ "error": error })
}

/// An error body matching `status` on the operation at `path`.
fn error_example(status: u16, path: &str, method: &str, operation_id: &str, field: &str) -> Value {
    let resource = resource(path);
    match status {
        400 => envelope(
            "validation_failed",
            &format!("`{field}` is not valid"),
            Some(json!({ "field": field })),
        ),
        401 => match operation_id {
            "login" => envelope("unauthorized", "invalid login or password", None),
            "refresh_tokens" => envelope(
                "unauthorized",
                "invalid, expired or revoked refresh token",
                None,
            ),
            "handle_chapa_webhook" => {
                envelope("unauthorized", "missing or invalid webhook signature", None)
            }
            _ => envelope("unauthorized", "access token has expired", None),
        },
        403 => match resource {
            "user" if method != "delete" => envelope(
                "forbidden",
                "only admins may change roles or other users",
                None,
            ),
            _ => envelope("forbidden", "this action requires the admin role", None),
        },
        404 => match (operation_id, resource) {
            ("create_payment", _) => envelope("not_found", "order 42 not found", None),
            (_, "item") => envelope("not_found", "item 7 not found in this order", None),
            _ => envelope("not_found", &format!("{resource} 42 not found"), None),
        },
        409 => match (operation_id, resource) {
            ("create_order" | "create_order_item" | "update_order_item", _) => envelope(
                "insufficient_stock",
                "not enough stock for product 42 (Trail Runner 2): 3 left",
                Some(json!({ "product_id": 42, "available": 3 })),
            ),
            ("delete_order_item", _) | (_, "order") => envelope(
                "order_not_pending",
                "order 42 is paid; only pending orders can be changed",
                None,
            ),
            ("create_payment", _) => envelope(
                "order_not_pending",
                "order 42 is cancelled; only pending orders can be paid",
                None,
            ),
            ("refund_payment", _) => envelope(
                "nothing_left_to_refund",
                "payment 42 has nothing left to refund",
                None,
            ),
            (_, "payment") => envelope(
                "payment_not_pending",
                "payment 42 is completed; only pending payments can be cancelled",
                None,
            ),
            ("delete_user", _) => envelope(
                "user_has_history",
                "user 42 has orders or payments; deactivate the account instead",
                None,
            ),
            (_, "user") => envelope("email_taken", "email is already registered", None),
            (_, "category") => envelope(
                "name_taken",
                "a category named `Running Shoes` already exists",
                None,
            ),
            _ => envelope("slug_taken", "slug `trail-runner-2` is already taken", None),
        },
        413 => envelope(
            "payload_too_large",
            "the request body is larger than the server accepts",
            None,
        ),
        414 => envelope(
            "uri_too_long",
            "the request URI is longer than the server accepts",
            None,
        ),
        415 => envelope(
            "unsupported_media_type",
            "the request body must be `application/json`",
            None,
        ),
        422 => match resource {
            "product" => envelope(
                "validation_failed",
                "unknown category ids: [99]",
                Some(json!({ "field": "category_ids", "unknown_ids": [99] })),
            ),
            "order" | "item" => envelope(
                "product_unavailable",
                "product 42 does not exist or is not for sale",
                Some(json!({ "field": "product_id", "product_id": 42 })),
            ),
            _ => envelope(
                "validation_failed",
                "Idempotency-Key was already used for a different payment request",
                Some(json!({ "field": "Idempotency-Key" })),
            ),
        },
        429 => envelope(
            "rate_limited",
            "too many requests; retry in 30 s",
            Some(json!({ "retry_after": 30 })),
        ),
        500 => envelope("internal", "an internal error occurred", None),
        502 => envelope(
            "bad_gateway",
            "the payment gateway is unavailable; try again later",
            None,
        ),
        503 => envelope(
            "unavailable",
            "the database is unavailable; retry later",
            None,
        ),
        _ => envelope("error", "error", None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_documented_enum_field_becomes_a_plain_ref_and_a_nullable_one_keeps_nullability() {
        let raw = json!({
            "a": {"allOf": [{"$ref": "#/x/Role"}, {"description": "d"}], "description": "d"},
            "b": {"allOf": [{"$ref": "#/x/Role"}, {"nullable": true}], "nullable": true, "description": "n"},
        });

        let done: Value = serde_json::from_str(&finish(&raw.to_string())).unwrap();

        assert_eq!(done["a"], json!({"$ref": "#/x/Role"}));
        assert_eq!(
            done["b"],
            json!({"allOf": [{"$ref": "#/x/Role"}], "nullable": true, "description": "n"})
        );
    }

    #[test]
    fn media_types_lose_the_charset_and_optional_auth_lists_anonymous_first() {
        let raw = json!({"paths": {"/p": {"get": {
            "operationId": "find_product",
            "security": [{"bearer": []}, {}],
            "responses": {"404": {"content": {JSON_WITH_CHARSET: {"schema": {}}}}},
        }}}});

        let done: Value = serde_json::from_str(&finish(&raw.to_string())).unwrap();
        let op = &done["paths"]["/p"]["get"];

        assert_eq!(op["security"], json!([{}, {"bearer": []}]));
        assert!(op["responses"]["404"]["content"][JSON_WITH_CHARSET].is_null());
        assert_eq!(
            op["responses"]["404"]["content"][JSON]["example"]["error"]["code"],
            "not_found"
        );
    }

    #[test]
    fn resources_are_read_from_paths() {
        assert_eq!(resource("/api/v1/products/{id}"), "product");
        assert_eq!(resource("/api/v1/orders/{id}/items/{item_id}"), "item");
        assert_eq!(resource("/api/v1/orders/{id}/events"), "order");
        assert_eq!(resource("/api/v1/payments/{id}/refund"), "payment");
        assert_eq!(resource("/api/v1/users/me"), "user");
    }
}
