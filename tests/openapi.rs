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

/// Every schema object of the document, with a path for messages.
fn schemas<'a>(value: &'a Value, at: String, out: &mut Vec<(String, &'a Value)>) {
    match value {
        Value::Object(map) => {
            out.push((at.clone(), value));
            for (key, child) in map {
                schemas(child, format!("{at}/{key}"), out);
            }
        }
        Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                schemas(child, format!("{at}[{i}]"), out);
            }
        }
        _ => {}
    }
}

fn operation<'a>(spec: &'a Value, method: &str, path: &str) -> &'a Value {
    let op = &spec["paths"][path][method];
    assert!(op.is_object(), "{method} {path} is not in the spec");
    op
}

fn property<'a>(spec: &'a Value, schema: &str, name: &str) -> &'a Value {
    let property = &spec["components"]["schemas"][schema]["properties"][name];
    assert!(property.is_object(), "{schema}.{name} is not in the spec");
    property
}

fn parameter<'a>(op: &'a Value, name: &str) -> &'a Value {
    op["parameters"]
        .as_array()
        .and_then(|params| params.iter().find(|p| p["name"] == name))
        .unwrap_or_else(|| panic!("no parameter {name}"))
}

#[tokio::test]
async fn enums_are_plain_refs_and_allof_only_marks_a_ref_nullable() {
    let spec = served_spec().await;
    let mut all = Vec::new();
    schemas(&spec, String::new(), &mut all);

    for (at, schema) in all {
        if let Some(members) = schema.get("allOf") {
            let members = members.as_array().unwrap();
            assert!(
                members.len() == 1 && members[0]["$ref"].is_string() && schema["nullable"] == true,
                "{at}: allOf is only the OpenAPI 3.0 way of making a $ref nullable, got {schema}"
            );
        }
    }
    assert_eq!(
        property(&spec, "UserResponse", "role")["$ref"],
        "#/components/schemas/Role"
    );
    assert_eq!(
        property(&spec, "OrderResponse", "status")["$ref"],
        "#/components/schemas/OrderStatus"
    );
}

#[tokio::test]
async fn fields_that_can_be_null_are_nullable() {
    let spec = served_spec().await;
    let nullable = [
        ("ProductListResponse", "next_cursor"),
        ("CategoryListResponse", "next_cursor"),
        ("UserListResponse", "next_cursor"),
        ("OrderListResponse", "next_cursor"),
        ("OrderEventListResponse", "next_cursor"),
        ("PaymentListResponse", "next_cursor"),
        ("UserResponse", "phone_number"),
        ("UpdateMeRequest", "phone_number"),
        ("UpdateUserRequest", "phone_number"),
        ("PaymentResponse", "checkout_url"),
        ("PaymentResponse", "provider_reference"),
        ("PaymentResponse", "failure_reason"),
        ("PaymentResponse", "captured_amount"),
        ("RefundResponse", "requested_by"),
        ("RefundResponse", "failure_reason"),
        ("WebhookAck", "payment_status"),
        ("OrderEventResponse", "from_status"),
        ("OrderEventResponse", "to_status"),
        ("OrderEventResponse", "actor_user_id"),
    ];

    for (schema, field) in nullable {
        assert_eq!(
            property(&spec, schema, field)["nullable"],
            true,
            "{schema}.{field} can be null"
        );
    }
    assert!(
        property(&spec, "ProductResponse", "name")
            .get("nullable")
            .is_none(),
        "required fields are not nullable"
    );
}

#[tokio::test]
async fn operation_ids_are_what_a_client_would_call() {
    let spec = served_spec().await;

    for (method, path, id) in [
        ("post", "/api/v1/auth/register", "register"),
        ("post", "/api/v1/auth/login", "login"),
        ("post", "/api/v1/auth/refresh", "refresh_tokens"),
        ("post", "/api/v1/auth/logout", "logout"),
        ("post", "/api/v1/payments/{id}/refund", "refund_payment"),
        ("get", "/api/v1/products", "list_products"),
    ] {
        assert_eq!(
            operation(&spec, method, path)["operationId"],
            id,
            "{method} {path}"
        );
    }
    assert_eq!(spec["servers"][0]["url"], "/", "a servers entry");
}

#[tokio::test]
async fn each_operation_lists_only_its_own_error_statuses_with_matching_examples() {
    let spec = served_spec().await;
    let statuses = |method: &str, path: &str| -> Vec<String> {
        let mut keys: Vec<String> = operation(&spec, method, path)["responses"]
            .as_object()
            .unwrap()
            .keys()
            .cloned()
            .collect();
        keys.sort();
        keys
    };

    assert_eq!(
        statuses("get", "/api/v1/categories"),
        ["200", "400", "414", "500", "503"],
        "a public list cannot be 401, 409 or 502"
    );
    assert_eq!(
        statuses("post", "/api/v1/categories"),
        [
            "201", "400", "401", "403", "409", "413", "414", "415", "500", "503"
        ]
    );
    assert!(statuses("post", "/api/v1/payments").contains(&"502".to_owned()));

    for (path, ops) in spec["paths"].as_object().unwrap() {
        for (method, op) in ops.as_object().unwrap() {
            for (status, response) in op["responses"].as_object().unwrap() {
                let media = &response["content"]["application/json"];
                assert!(
                    response["content"].is_null() || media.is_object(),
                    "{method} {path} {status}: JSON bodies are keyed `application/json`"
                );
                let status: u16 = status.parse().unwrap();
                if status < 400 || media.is_null() || path.starts_with("/health") {
                    continue;
                }
                let code = media["example"]["error"]["code"]
                    .as_str()
                    .unwrap_or_else(|| panic!("{method} {path} {status} has no error example"));
                let expected: &[&str] = match status {
                    400 => &["validation_failed"],
                    401 => &["unauthorized"],
                    403 => &["forbidden"],
                    404 => &["not_found"],
                    413 => &["payload_too_large"],
                    414 => &["uri_too_long"],
                    415 => &["unsupported_media_type"],
                    422 => &["validation_failed", "product_unavailable"],
                    429 => &["rate_limited"],
                    500 => &["internal"],
                    502 => &["bad_gateway"],
                    503 => &["unavailable"],
                    _ => &[],
                };
                assert!(
                    expected.is_empty() || expected.contains(&code),
                    "{method} {path} {status}: example code {code}"
                );
            }
        }
    }
    let example = &operation(&spec, "get", "/api/v1/orders/{id}")["responses"]["404"]["content"]["application/json"]
        ["example"];
    assert_eq!(example["error"]["message"], "order 42 not found");
}

#[tokio::test]
async fn validation_limits_are_in_the_schema() {
    let spec = served_spec().await;
    let products = operation(&spec, "get", "/api/v1/products");

    let limit = &parameter(products, "limit")["schema"];
    assert_eq!(
        (limit["minimum"].as_f64(), limit["maximum"].as_f64()),
        (Some(1.0), Some(100.0))
    );
    assert_eq!(parameter(products, "category")["required"], false);
    assert_eq!(
        spec["components"]["schemas"]["ProductSort"]["enum"],
        serde_json::json!([
            "newest",
            "oldest",
            "price",
            "-price",
            "name",
            "-name",
            "relevance"
        ])
    );
    let orders_limit = &parameter(operation(&spec, "get", "/api/v1/orders"), "limit")["schema"];
    assert_eq!(orders_limit["maximum"].as_f64(), Some(100.0));

    let password = property(&spec, "RegisterRequest", "password");
    assert_eq!(
        (
            password["minLength"].as_u64(),
            password["maxLength"].as_u64()
        ),
        (Some(8), Some(128))
    );
    assert_eq!(
        property(&spec, "CreateCategoryRequest", "name")["minLength"],
        1
    );
    assert_eq!(
        property(&spec, "CreateProductRequest", "name")["minLength"],
        1
    );
    assert_eq!(
        property(&spec, "CreateOrderRequest", "items")["minItems"],
        1
    );
    assert_eq!(
        property(&spec, "OrderLineRequest", "quantity")["maximum"].as_f64(),
        Some(10000.0)
    );
    for (schema, field) in [
        ("ProductResponse", "price"),
        ("OrderResponse", "total_amount"),
    ] {
        assert!(
            property(&spec, schema, field)["pattern"].is_string(),
            "{schema}.{field} states the money pattern"
        );
    }
    assert!(
        spec["components"]["schemas"]["ErrorDetails"]["properties"]["field"].is_object(),
        "error details are typed"
    );
}

#[tokio::test]
async fn optional_auth_lists_anonymous_access_first() {
    let spec = served_spec().await;

    let security = &operation(&spec, "get", "/api/v1/products/{id}")["security"];

    assert_eq!(security, &serde_json::json!([{}, {"bearer": []}]));
    assert!(
        operation(&spec, "get", "/api/v1/products")["security"].is_null(),
        "public operations need no token"
    );
}
