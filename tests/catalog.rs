//! Catalog over HTTP: categories and products CRUD, filters, sorts, keyset
//! pagination, errors, access control, soft delete, and index-backed plans.

mod common;

use common::plans::plan_nodes;
use std::{collections::HashSet, str::FromStr};

use chrono::{DateTime, FixedOffset};
use common::{TestApp, assert_error, json_with_status, spawn_app};
use rust_decimal::Decimal;
use serde_json::{Value, json};

/// The text search configuration the list queries get (`SEARCH_LANGUAGE`'s default).
const CONFIG: &str = "english";

// ---------------------------------------------------------------- helpers

/// Percent-encodes a query value (enough for the values these tests use).
fn enc(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

async fn create_category(app: &TestApp, name: &str) -> Value {
    let resp = app
        .post(
            "/api/v1/categories",
            &json!({ "name": name }),
            Some(&app.admin_token().await),
        )
        .await;
    json_with_status(resp, 201).await
}

async fn create_product(app: &TestApp, body: Value) -> Value {
    let resp = app
        .post("/api/v1/products", &body, Some(&app.admin_token().await))
        .await;
    json_with_status(resp, 201).await
}

/// Follows `next_cursor` from the first page to the last; returns every id in order.
async fn walk(app: &TestApp, query: &str, limit: usize) -> Vec<i64> {
    let mut ids = Vec::new();
    let mut cursor: Option<String> = None;
    for _ in 0..1000 {
        let mut path = format!("/api/v1/products?limit={limit}");
        if !query.is_empty() {
            path.push('&');
            path.push_str(query);
        }
        if let Some(c) = &cursor {
            path.push_str(&format!("&cursor={}", enc(c)));
        }
        let page = json_with_status(app.get(&path, None).await, 200).await;
        let items = page["items"].as_array().expect("items array");
        assert!(items.len() <= limit, "{path}: page larger than limit");
        ids.extend(items.iter().map(|p| p["id"].as_i64().unwrap()));
        match page["next_cursor"].as_str() {
            Some(next) => {
                assert!(!items.is_empty(), "{path}: empty page with a next cursor");
                cursor = Some(next.to_owned());
            }
            None => {
                assert!(page["next_cursor"].is_null(), "next_cursor must be null");
                return ids;
            }
        }
    }
    panic!("{query}: more than 1000 pages");
}

/// A product as the tests know it, independent of the API's filtering.
#[derive(Debug, Clone)]
struct Known {
    id: i64,
    name: String,
    price: Decimal,
    stock: i64,
    categories: Vec<i64>,
    created_at: DateTime<FixedOffset>,
}

impl Known {
    fn from_json(p: &Value) -> Self {
        Self {
            id: p["id"].as_i64().unwrap(),
            name: p["name"].as_str().unwrap().to_owned(),
            price: Decimal::from_str(p["price"].as_str().unwrap()).unwrap(),
            stock: p["stock"].as_i64().unwrap(),
            categories: p["categories"]
                .as_array()
                .unwrap()
                .iter()
                .map(|c| c["id"].as_i64().unwrap())
                .collect(),
            created_at: DateTime::parse_from_rfc3339(p["created_at"].as_str().unwrap()).unwrap(),
        }
    }
}

/// Three categories and products with duplicate names and prices (to exercise tie-breaks).
struct Catalog {
    categories: [i64; 3],
    products: Vec<Known>,
}

async fn seed_catalog(app: &TestApp) -> Catalog {
    let mut categories = [0; 3];
    for (i, name) in ["Kitchen", "Garden", "Office"].iter().enumerate() {
        categories[i] = create_category(app, name).await["id"].as_i64().unwrap();
    }
    let specs: &[(&str, &str, i64, &[usize])] = &[
        ("Widget apple", "10.00", 5, &[0]),
        ("Widget apple", "10.00", 0, &[1]),
        ("Widget banana", "5.50", 3, &[0, 1]),
        ("Widget cherry", "99.99", 0, &[2]),
        ("Gadget apple", "20.00", 7, &[]),
        ("Gadget date", "0.00", 1, &[1]),
        ("Gizmo elder", "1234.56", 2, &[0, 2]),
        ("Gizmo fig", "10.00", 0, &[0]),
        ("Widget grape", "15.25", 9, &[1, 2]),
        ("Thing APPLE pie", "3", 4, &[2]),
        ("Thing kiwi", "45.00", 0, &[]),
        ("Widget lemon", "45.00", 12, &[0]),
        ("Widget mango", "7.77", 6, &[1]),
        ("Gadget nut 50% off", "8.00", 2, &[2]),
        ("Gadget olive", "60.00", 0, &[0, 1, 2]),
        ("Widget pear", "22.00", 3, &[]),
        ("Gizmo quince", "22.00", 8, &[1]),
        ("Widget raisin", "0.99", 0, &[0]),
        ("Widget apple", "10.00", 1, &[2]),
        ("Gadget sloe", "310.00", 4, &[1]),
    ];
    let mut products = Vec::new();
    for (n, (name, price, stock, cats)) in specs.iter().enumerate() {
        let ids: Vec<i64> = cats.iter().map(|&i| categories[i]).collect();
        let body = json!({
            "name": name,
            "slug": format!("product-{n}"),
            "price": price,
            "stock": stock,
            "category_ids": ids,
        });
        products.push(Known::from_json(&create_product(app, body).await));
    }
    Catalog {
        categories,
        products,
    }
}

#[derive(Debug, Clone, Copy)]
enum Sort {
    Newest,
    Oldest,
    PriceAsc,
    PriceDesc,
    NameAsc,
    NameDesc,
}

const SORTS: [(Sort, &str); 6] = [
    (Sort::Newest, "newest"),
    (Sort::Oldest, "oldest"),
    (Sort::PriceAsc, "price"),
    (Sort::PriceDesc, "-price"),
    (Sort::NameAsc, "name"),
    (Sort::NameDesc, "-name"),
];

/// The expected order, computed in Rust (names compare bytewise, like the C.UTF-8 test database).
fn sorted(mut products: Vec<Known>, sort: Sort) -> Vec<i64> {
    products.sort_by(|a, b| match sort {
        Sort::Newest => (b.created_at, b.id).cmp(&(a.created_at, a.id)),
        Sort::Oldest => (a.created_at, a.id).cmp(&(b.created_at, b.id)),
        Sort::PriceAsc => (a.price, a.id).cmp(&(b.price, b.id)),
        Sort::PriceDesc => (b.price, b.id).cmp(&(a.price, a.id)),
        Sort::NameAsc => (&a.name, a.id).cmp(&(&b.name, b.id)),
        Sort::NameDesc => (&b.name, b.id).cmp(&(&a.name, a.id)),
    });
    products.into_iter().map(|p| p.id).collect()
}

/// A filter as query string plus the same filter as a Rust predicate.
struct Case {
    query: String,
    keep: Box<dyn Fn(&Known) -> bool>,
}

fn filter_cases(c: &Catalog) -> Vec<Case> {
    let [a, b, cat_c] = c.categories;
    let d = |s: &str| Decimal::from_str(s).unwrap();
    vec![
        Case {
            query: String::new(),
            keep: Box::new(|_| true),
        },
        Case {
            query: format!("category={a}"),
            keep: Box::new(move |p| p.categories.contains(&a)),
        },
        Case {
            query: format!("category={a}&category={cat_c}"),
            keep: Box::new(move |p| p.categories.contains(&a) || p.categories.contains(&cat_c)),
        },
        Case {
            query: "min_price=10&max_price=45.00".into(),
            keep: Box::new(move |p| p.price >= d("10") && p.price <= d("45")),
        },
        Case {
            query: "min_price=100".into(),
            keep: Box::new(move |p| p.price >= d("100")),
        },
        Case {
            query: "max_price=0.99".into(),
            keep: Box::new(move |p| p.price <= d("0.99")),
        },
        Case {
            query: "q=apple".into(),
            keep: Box::new(|p| p.name.to_lowercase().contains("apple")),
        },
        Case {
            query: format!("q={}", enc("50%")),
            keep: Box::new(|p| p.name.contains("50%")),
        },
        Case {
            query: "in_stock=true".into(),
            keep: Box::new(|p| p.stock > 0),
        },
        Case {
            query: "in_stock=false".into(),
            keep: Box::new(|p| p.stock == 0),
        },
        Case {
            query: format!("category={b}&min_price=5&in_stock=true&q=WIDGET"),
            keep: Box::new(move |p| {
                p.categories.contains(&b)
                    && p.price >= d("5")
                    && p.stock > 0
                    && p.name.to_lowercase().contains("widget")
            }),
        },
        Case {
            query: format!("category={a}&category={b}&max_price=60&in_stock=false"),
            keep: Box::new(move |p| {
                (p.categories.contains(&a) || p.categories.contains(&b))
                    && p.price <= d("60")
                    && p.stock == 0
            }),
        },
    ]
}

// ------------------------------------------------------------ categories

#[tokio::test]
async fn create_category_derives_slug_and_find_category_counts_active_products() {
    let app = spawn_app().await;
    let created = create_category(&app, "Home & Garden!").await;
    assert_eq!(created["slug"], "home-garden");
    assert_eq!(created["description"], "");
    let id = created["id"].as_i64().unwrap();
    for n in 0..3 {
        create_product(
            &app,
            json!({"name": format!("Pot {n}"), "price": "4.00", "category_ids": [id]}),
        )
        .await;
    }
    let hidden = create_product(
        &app,
        json!({"name": "Hidden pot", "price": "4.00", "category_ids": [id]}),
    )
    .await;
    let resp = app
        .delete(
            &format!("/api/v1/products/{}", hidden["id"]),
            Some(&app.admin_token().await),
        )
        .await;
    assert_eq!(resp.status(), 204);

    let found = json_with_status(
        app.get(&format!("/api/v1/categories/{id}"), None).await,
        200,
    )
    .await;

    assert_eq!(found["name"], "Home & Garden!");
    assert_eq!(
        found["product_count"], 3,
        "soft-deleted products are not counted"
    );
}

#[tokio::test]
async fn create_category_returns_409_when_name_taken_in_any_case_or_slug_taken() {
    let app = spawn_app().await;
    create_category(&app, "Shoes").await;
    let token = app.admin_token().await;

    let same_name = app
        .post(
            "/api/v1/categories",
            &json!({"name": "sHOES", "slug": "other"}),
            Some(&token),
        )
        .await;
    assert_error(same_name, 409, "name_taken").await;

    let same_slug = app
        .post(
            "/api/v1/categories",
            &json!({"name": "Shoes 2", "slug": "shoes"}),
            Some(&token),
        )
        .await;
    assert_error(same_slug, 409, "slug_taken").await;
}

#[tokio::test]
async fn update_category_changes_fields_and_maps_conflicts() {
    let app = spawn_app().await;
    let token = app.admin_token().await;
    let a = create_category(&app, "Alpha").await;
    create_category(&app, "Beta").await;
    let path = format!("/api/v1/categories/{}", a["id"]);

    let updated = json_with_status(
        app.patch(
            &path,
            &json!({"description": "First letter", "slug": "alpha-2"}),
            Some(&token),
        )
        .await,
        200,
    )
    .await;
    assert_eq!(updated["description"], "First letter");
    assert_eq!(updated["slug"], "alpha-2");
    assert_eq!(updated["name"], "Alpha", "absent fields are kept");

    let taken = app
        .patch(&path, &json!({"name": "BETA"}), Some(&token))
        .await;
    assert_error(taken, 409, "name_taken").await;
    let taken = app
        .patch(&path, &json!({"slug": "beta"}), Some(&token))
        .await;
    assert_error(taken, 409, "slug_taken").await;
    let missing = app
        .patch(
            "/api/v1/categories/999999",
            &json!({"name": "X"}),
            Some(&token),
        )
        .await;
    assert_error(missing, 404, "not_found").await;
}

#[tokio::test]
async fn delete_category_keeps_its_products() {
    let app = spawn_app().await;
    let token = app.admin_token().await;
    let doomed = create_category(&app, "Doomed").await;
    let kept = create_category(&app, "Kept").await;
    let product = create_product(
        &app,
        json!({"name": "Lamp", "price": "30.00", "category_ids": [doomed["id"], kept["id"]]}),
    )
    .await;

    let resp = app
        .delete(
            &format!("/api/v1/categories/{}", doomed["id"]),
            Some(&token),
        )
        .await;
    assert_eq!(resp.status(), 204);

    assert_error(
        app.get(&format!("/api/v1/categories/{}", doomed["id"]), None)
            .await,
        404,
        "not_found",
    )
    .await;
    let found = json_with_status(
        app.get(&format!("/api/v1/products/{}", product["id"]), None)
            .await,
        200,
    )
    .await;
    let cats: Vec<&str> = found["categories"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert_eq!(cats, ["Kept"]);
    assert_error(
        app.delete(
            &format!("/api/v1/categories/{}", doomed["id"]),
            Some(&token),
        )
        .await,
        404,
        "not_found",
    )
    .await;
}

#[tokio::test]
async fn list_categories_sorts_by_name_filters_by_q_and_paginates() {
    let app = spawn_app().await;
    let names = [
        "Toys", "Books", "Audio", "Bikes", "Cameras", "Baby", "Tools",
    ];
    for name in names {
        create_category(&app, name).await;
    }
    let mut expected: Vec<&str> = names.to_vec();
    expected.sort();

    let mut seen = Vec::new();
    let mut path = "/api/v1/categories?limit=2".to_owned();
    loop {
        let page = json_with_status(app.get(&path, None).await, 200).await;
        let items = page["items"].as_array().unwrap();
        assert!(items.len() <= 2);
        seen.extend(items.iter().map(|c| c["name"].as_str().unwrap().to_owned()));
        match page["next_cursor"].as_str() {
            Some(c) => path = format!("/api/v1/categories?limit=2&cursor={}", enc(c)),
            None => break,
        }
    }
    assert_eq!(seen, expected);

    let filtered = json_with_status(app.get("/api/v1/categories?q=OO", None).await, 200).await;
    let filtered: Vec<&str> = filtered["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert_eq!(filtered, ["Books", "Tools"]);
}

// -------------------------------------------------------------- products

#[tokio::test]
async fn create_product_returns_201_with_categories_and_money_as_string() {
    let app = spawn_app().await;
    let cat = create_category(&app, "Mugs").await;

    let created = create_product(
        &app,
        json!({"name": "Blue Mug", "description": "350 ml", "price": "19.9", "stock": 4, "category_ids": [cat["id"], cat["id"]]}),
    )
    .await;

    assert_eq!(created["price"], "19.90", "money is a two-decimal string");
    assert_eq!(created["slug"], "blue-mug");
    assert_eq!(created["is_active"], true);
    let found = json_with_status(
        app.get(&format!("/api/v1/products/{}", created["id"]), None)
            .await,
        200,
    )
    .await;
    assert_eq!(found["name"], "Blue Mug");
    assert_eq!(found["description"], "350 ml");
    assert_eq!(found["stock"], 4);
    assert_eq!(
        found["categories"],
        json!([{"id": cat["id"], "name": "Mugs", "slug": "mugs"}])
    );
}

#[tokio::test]
async fn create_product_rejects_invalid_fields_with_400_naming_the_field() {
    let app = spawn_app().await;
    let token = app.admin_token().await;
    let cases = [
        (
            json!({"name": "A", "price": "-1.00"}),
            "price",
            "negative price",
        ),
        (
            json!({"name": "A", "price": "1.999"}),
            "price",
            "three decimals",
        ),
        (
            json!({"name": "A", "price": "abc"}),
            "price",
            "not a number",
        ),
        (json!({"name": "A", "price": "1e3"}), "price", "exponent"),
        (json!({"name": "  ", "price": "1.00"}), "name", "blank name"),
        (
            json!({"name": "A", "price": "1.00", "stock": -1}),
            "stock",
            "negative stock",
        ),
        (
            json!({"name": "A", "price": "1.00", "slug": "Not A Slug"}),
            "slug",
            "bad slug",
        ),
        (
            json!({"name": "!!!", "price": "1.00"}),
            "slug",
            "underivable slug",
        ),
    ];
    for (body, field, description) in cases {
        let resp = app.post("/api/v1/products", &body, Some(&token)).await;
        let err = assert_error(resp, 400, "validation_failed").await;
        assert_eq!(
            err["error"]["details"]["field"], field,
            "{description}: {err}"
        );
    }
}

#[tokio::test]
async fn create_product_rejects_money_given_as_a_json_number() {
    let app = spawn_app().await;
    let resp = app
        .post(
            "/api/v1/products",
            &json!({"name": "Float", "price": 19.99}),
            Some(&app.admin_token().await),
        )
        .await;
    assert_error(resp, 400, "bad_request").await;
}

#[tokio::test]
async fn create_product_returns_409_when_slug_taken() {
    let app = spawn_app().await;
    create_product(&app, json!({"name": "Desk", "price": "100.00"})).await;
    let resp = app
        .post(
            "/api/v1/products",
            &json!({"name": "Desk", "price": "120.00"}),
            Some(&app.admin_token().await),
        )
        .await;
    assert_error(resp, 409, "slug_taken").await;
}

#[tokio::test]
async fn create_product_returns_422_for_unknown_categories_and_creates_nothing() {
    let app = spawn_app().await;
    let cat = create_category(&app, "Real").await;
    let resp = app
        .post(
            "/api/v1/products",
            &json!({"name": "Ghost", "price": "1.00", "category_ids": [cat["id"], 987654]}),
            Some(&app.admin_token().await),
        )
        .await;
    let err = assert_error(resp, 422, "validation_failed").await;
    assert_eq!(err["error"]["details"]["field"], "category_ids");
    assert_eq!(err["error"]["details"]["unknown_ids"], json!([987654]));

    let list = json_with_status(app.get("/api/v1/products", None).await, 200).await;
    assert_eq!(list["items"], json!([]), "nothing was created");
}

#[tokio::test]
async fn update_product_changes_fields_and_replaces_categories_atomically() {
    let app = spawn_app().await;
    let token = app.admin_token().await;
    let a = create_category(&app, "A").await;
    let b = create_category(&app, "B").await;
    let product = create_product(
        &app,
        json!({"name": "Chair", "price": "50.00", "stock": 2, "category_ids": [a["id"]]}),
    )
    .await;
    let path = format!("/api/v1/products/{}", product["id"]);

    let updated = json_with_status(
        app.patch(
            &path,
            &json!({"price": "45.5", "category_ids": [b["id"]]}),
            Some(&token),
        )
        .await,
        200,
    )
    .await;
    assert_eq!(updated["price"], "45.50");
    assert_eq!(updated["stock"], 2, "absent fields are kept");
    assert_eq!(updated["categories"][0]["id"], b["id"]);
    assert_eq!(updated["categories"].as_array().unwrap().len(), 1);

    // An unknown category rolls back the whole update, price included.
    let resp = app
        .patch(
            &path,
            &json!({"price": "1.00", "category_ids": [a["id"], 424242]}),
            Some(&token),
        )
        .await;
    assert_error(resp, 422, "validation_failed").await;
    let found = json_with_status(app.get(&path, None).await, 200).await;
    assert_eq!(found["price"], "45.50");
    assert_eq!(found["categories"][0]["id"], b["id"]);

    // Without category_ids the categories stay; with [] they are cleared.
    let kept = json_with_status(
        app.patch(&path, &json!({"stock": 9}), Some(&token)).await,
        200,
    )
    .await;
    assert_eq!(kept["categories"].as_array().unwrap().len(), 1);
    let cleared = json_with_status(
        app.patch(&path, &json!({"category_ids": []}), Some(&token))
            .await,
        200,
    )
    .await;
    assert_eq!(cleared["categories"], json!([]));

    let bad = app
        .patch(&path, &json!({"price": "-3"}), Some(&token))
        .await;
    let err = assert_error(bad, 400, "validation_failed").await;
    assert_eq!(err["error"]["details"]["field"], "price");

    create_product(&app, json!({"name": "Other", "price": "1.00"})).await;
    let dup = app
        .patch(&path, &json!({"slug": "other"}), Some(&token))
        .await;
    assert_error(dup, 409, "slug_taken").await;
}

#[tokio::test]
async fn delete_product_is_a_soft_delete_hidden_from_the_public() {
    let app = spawn_app().await;
    let token = app.admin_token().await;
    let product = create_product(&app, json!({"name": "Old Lamp", "price": "12.00"})).await;
    let other = create_product(&app, json!({"name": "New Lamp", "price": "14.00"})).await;
    let path = format!("/api/v1/products/{}", product["id"]);

    let resp = app.delete(&path, Some(&token)).await;
    assert_eq!(resp.status(), 204);

    assert_error(app.get(&path, None).await, 404, "not_found").await;
    assert_error(
        app.get(&path, Some(&app.user_token().await)).await,
        404,
        "not_found",
    )
    .await;
    let as_admin = json_with_status(app.get(&path, Some(&token)).await, 200).await;
    assert_eq!(
        as_admin["is_active"], false,
        "the row is kept for order history"
    );
    let list = json_with_status(app.get("/api/v1/products", None).await, 200).await;
    let ids: Vec<&Value> = list["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| &p["id"])
        .collect();
    assert_eq!(ids, [&other["id"]]);

    // Restoring is a PATCH.
    let restored = json_with_status(
        app.patch(&path, &json!({"is_active": true}), Some(&token))
            .await,
        200,
    )
    .await;
    assert_eq!(restored["is_active"], true);
    json_with_status(app.get(&path, None).await, 200).await;
}

/// Category pages read copies of the sort keys kept in `product_categories`
/// (V0009); every product change that moves a product in a listing must move it
/// there too, through the API and through a direct SQL update alike.
#[tokio::test]
async fn category_listings_follow_price_name_activity_and_link_changes() {
    let app = spawn_app().await;
    let token = app.admin_token().await;
    let cat = create_category(&app, "Desks").await["id"].as_i64().unwrap();
    let other = create_category(&app, "Chairs").await["id"]
        .as_i64()
        .unwrap();
    let mut ids = Vec::new();
    for (name, price) in [("Beech", "30.00"), ("Alder", "20.00"), ("Cedar", "10.00")] {
        let p = create_product(
            &app,
            json!({"name": name, "price": price, "category_ids": [cat]}),
        )
        .await;
        ids.push(p["id"].as_i64().unwrap());
    }
    let (beech, alder, cedar) = (ids[0], ids[1], ids[2]);
    let by_price = format!("category={cat}&sort=price");
    let by_name = format!("category={cat}&sort=name");
    let newest = format!("category={cat}");
    assert_eq!(walk(&app, &by_price, 2).await, [cedar, alder, beech]);
    assert_eq!(walk(&app, &by_name, 2).await, [alder, beech, cedar]);
    assert_eq!(walk(&app, &newest, 2).await, [cedar, alder, beech]);

    let patch = |id: i64, body: Value| {
        let app = &app;
        let token = token.clone();
        async move {
            let path = format!("/api/v1/products/{id}");
            json_with_status(app.patch(&path, &body, Some(&token)).await, 200).await
        }
    };
    patch(beech, json!({"price": "5.00", "name": "Zebrawood"})).await;
    assert_eq!(walk(&app, &by_price, 2).await, [beech, cedar, alder]);
    assert_eq!(walk(&app, &by_name, 2).await, [alder, cedar, beech]);
    let filtered = format!("{by_price}&min_price=6&max_price=15");
    assert_eq!(walk(&app, &filtered, 2).await, [cedar]);
    let searched = format!("{by_price}&q=zebra");
    assert_eq!(walk(&app, &searched, 2).await, [beech]);

    // Soft delete and restore.
    let resp = app
        .delete(&format!("/api/v1/products/{alder}"), Some(&token))
        .await;
    assert_eq!(resp.status(), 204);
    assert_eq!(walk(&app, &by_price, 2).await, [beech, cedar]);
    patch(alder, json!({"is_active": true})).await;
    assert_eq!(walk(&app, &by_price, 2).await, [beech, cedar, alder]);

    // Moving a product to another category; then into both (listed once).
    patch(cedar, json!({"category_ids": [other]})).await;
    assert_eq!(walk(&app, &by_price, 2).await, [beech, alder]);
    patch(cedar, json!({"category_ids": [cat, other]})).await;
    let both = format!("category={cat}&category={other}&sort=-price");
    assert_eq!(walk(&app, &both, 1).await, [alder, cedar, beech]);

    // In-stock filter reads the live stock from products.
    patch(alder, json!({"stock": 0})).await;
    patch(cedar, json!({"stock": 4})).await;
    assert_eq!(
        walk(&app, &format!("{both}&in_stock=true"), 1).await,
        [cedar]
    );

    // A write that bypasses the API is followed too (the trigger, not the service).
    let client = app.db().await;
    codegen::queries::catalog::products::update_product()
        .bind(
            &client,
            &None::<String>,
            &None::<String>,
            &None::<String>,
            &Some(Decimal::from(99)),
            &None::<i32>,
            &None::<i32>,
            &None::<bool>,
            &beech,
        )
        .one()
        .await
        .unwrap();
    // Only service writes invalidate the read cache; this one bypasses them.
    app.state.catalog_cache.invalidate().await;
    assert_eq!(walk(&app, &by_price, 2).await, [cedar, alder, beech]);
}

#[tokio::test]
async fn missing_resources_return_404() {
    let app = spawn_app().await;
    let token = app.admin_token().await;
    assert_error(
        app.get("/api/v1/products/999999", None).await,
        404,
        "not_found",
    )
    .await;
    assert_error(
        app.get("/api/v1/categories/999999", None).await,
        404,
        "not_found",
    )
    .await;
    assert_error(
        app.patch(
            "/api/v1/products/999999",
            &json!({"stock": 1}),
            Some(&token),
        )
        .await,
        404,
        "not_found",
    )
    .await;
    assert_error(
        app.delete("/api/v1/products/999999", Some(&token)).await,
        404,
        "not_found",
    )
    .await;
    assert_error(
        app.delete("/api/v1/categories/999999", Some(&token)).await,
        404,
        "not_found",
    )
    .await;
}

#[tokio::test]
async fn writes_require_an_admin_token() {
    let app = spawn_app().await;
    let cat = create_category(&app, "Guarded").await;
    let product = create_product(&app, json!({"name": "Guarded", "price": "1.00"})).await;
    let user = app.user_token().await;
    let cat_path = format!("/api/v1/categories/{}", cat["id"]);
    let product_path = format!("/api/v1/products/{}", product["id"]);
    let new_cat = json!({"name": "New"});
    let new_product = json!({"name": "New", "price": "1.00"});

    for (token, status, code) in [
        (None, 401, "unauthorized"),
        (Some(user.as_str()), 403, "forbidden"),
    ] {
        let responses = [
            (
                "POST categories",
                app.post("/api/v1/categories", &new_cat, token).await,
            ),
            (
                "PATCH category",
                app.patch(&cat_path, &new_cat, token).await,
            ),
            ("DELETE category", app.delete(&cat_path, token).await),
            (
                "POST products",
                app.post("/api/v1/products", &new_product, token).await,
            ),
            (
                "PATCH product",
                app.patch(&product_path, &new_product, token).await,
            ),
            ("DELETE product", app.delete(&product_path, token).await),
        ];
        for (what, resp) in responses {
            assert_eq!(resp.status().as_u16(), status, "{what} with {token:?}");
            assert_error(resp, status, code).await;
        }
    }
    // Nothing changed.
    json_with_status(app.get(&cat_path, None).await, 200).await;
    json_with_status(app.get(&product_path, None).await, 200).await;
}

#[tokio::test]
async fn reads_are_public() {
    let app = spawn_app().await;
    let cat = create_category(&app, "Open").await;
    let product = create_product(&app, json!({"name": "Open", "price": "1.00"})).await;
    for path in [
        "/api/v1/products".to_owned(),
        format!("/api/v1/products/{}", product["id"]),
        "/api/v1/categories".to_owned(),
        format!("/api/v1/categories/{}", cat["id"]),
    ] {
        json_with_status(app.get(&path, None).await, 200).await;
    }
}

// ------------------------------------------------------ list and paging

#[tokio::test]
async fn list_products_defaults_to_newest_first_with_twenty_items() {
    let app = spawn_app().await;
    let mut ids = Vec::new();
    for n in 0..23 {
        let p = create_product(&app, json!({"name": format!("Item {n}"), "price": "1.00"})).await;
        ids.push(p["id"].as_i64().unwrap());
    }
    let page = json_with_status(app.get("/api/v1/products", None).await, 200).await;
    let got: Vec<i64> = page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_i64().unwrap())
        .collect();
    ids.reverse();
    assert_eq!(got, ids[..20]);
    assert!(page["next_cursor"].is_string());
}

#[tokio::test]
async fn every_sort_and_filter_combination_pages_through_each_match_exactly_once_in_order() {
    let app = spawn_app().await;
    let catalog = seed_catalog(&app).await;
    for case in filter_cases(&catalog) {
        let matching: Vec<Known> = catalog
            .products
            .iter()
            .filter(|p| (case.keep)(p))
            .cloned()
            .collect();
        assert!(
            !matching.is_empty() || case.query.contains("min_price=100"),
            "case {} should match something",
            case.query
        );
        for (sort, name) in SORTS {
            let expected = sorted(matching.clone(), sort);
            let query = if case.query.is_empty() {
                format!("sort={}", enc(name))
            } else {
                format!("{}&sort={}", case.query, enc(name))
            };
            for limit in [3, 100] {
                let got = walk(&app, &query, limit).await;
                assert_eq!(got, expected, "sort={name} {} limit={limit}", case.query);
            }
        }
    }
}

#[tokio::test]
async fn list_products_embeds_categories_and_money_strings() {
    let app = spawn_app().await;
    let catalog = seed_catalog(&app).await;
    let page = json_with_status(
        app.get("/api/v1/products?sort=price&limit=100", None).await,
        200,
    )
    .await;
    for item in page["items"].as_array().unwrap() {
        let known = catalog
            .products
            .iter()
            .find(|p| Some(p.id) == item["id"].as_i64())
            .unwrap();
        let mut cats: Vec<i64> = item["categories"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["id"].as_i64().unwrap())
            .collect();
        let mut expected = known.categories.clone();
        cats.sort();
        expected.sort();
        assert_eq!(cats, expected, "categories of {}", known.name);
        let price = item["price"].as_str().expect("price is a string");
        assert_eq!(price.split('.').nth(1).map(str::len), Some(2), "{price}");
    }
}

#[tokio::test]
async fn paging_while_products_are_inserted_returns_every_original_product_once() {
    let app = spawn_app().await;
    let catalog = seed_catalog(&app).await;
    let originals: HashSet<i64> = catalog.products.iter().map(|p| p.id).collect();
    let mut inserted = 0;
    for (_, sort) in SORTS {
        let mut seen = Vec::new();
        let mut cursor: Option<String> = None;
        loop {
            let mut path = format!("/api/v1/products?limit=4&sort={}", enc(sort));
            if let Some(c) = &cursor {
                path.push_str(&format!("&cursor={}", enc(c)));
            }
            let page = json_with_status(app.get(&path, None).await, 200).await;
            seen.extend(
                page["items"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|p| p["id"].as_i64().unwrap()),
            );
            // New products land before, after and inside the walked range.
            for price in ["0.01", "50.00", "9999.00"] {
                inserted += 1;
                create_product(
                    &app,
                    json!({"name": format!("Widget new {inserted}"), "price": price, "stock": 1}),
                )
                .await;
            }
            match page["next_cursor"].as_str() {
                Some(c) => cursor = Some(c.to_owned()),
                None => break,
            }
        }
        let unique: HashSet<i64> = seen.iter().copied().collect();
        assert_eq!(
            unique.len(),
            seen.len(),
            "sort={sort}: a product appeared twice"
        );
        assert!(
            originals.is_subset(&unique),
            "sort={sort}: an original product was skipped"
        );
    }
}

#[tokio::test]
async fn invalid_list_parameters_return_400_naming_the_parameter() {
    let app = spawn_app().await;
    let cases = [
        ("/api/v1/products?min_price=-1", "min_price"),
        ("/api/v1/products?max_price=-0.50", "max_price"),
        ("/api/v1/products?min_price=abc", "min_price"),
        ("/api/v1/products?min_price=1e3", "min_price"),
        ("/api/v1/products?min_price=10&max_price=5", "min_price"),
        ("/api/v1/products?sort=cheapest", "sort"),
        ("/api/v1/products?limit=0", "limit"),
        ("/api/v1/products?limit=1000", "limit"),
        ("/api/v1/products?limit=-5", "limit"),
        ("/api/v1/products?cursor=garbage", "cursor"),
        ("/api/v1/categories?limit=0", "limit"),
        ("/api/v1/categories?limit=101", "limit"),
        ("/api/v1/categories?cursor=a.b", "cursor"),
    ];
    for (path, field) in cases {
        let err = assert_error(app.get(path, None).await, 400, "validation_failed").await;
        assert_eq!(err["error"]["details"]["field"], field, "{path}: {err}");
    }
}

#[tokio::test]
async fn unparsable_parameters_return_a_400_envelope() {
    let app = spawn_app().await;
    for path in [
        "/api/v1/products?limit=abc",
        "/api/v1/products?category=shoes",
        "/api/v1/products?in_stock=maybe",
        "/api/v1/products/abc",
        "/api/v1/categories/1.5",
    ] {
        let resp = app.get(path, None).await;
        assert_eq!(resp.status(), 400, "{path}");
        let body: Value = resp.json().await.unwrap();
        assert!(body["error"]["code"].is_string(), "{path}: {body}");
    }
    let resp = app
        .patch(
            "/api/v1/products/abc",
            &json!({}),
            Some(&app.admin_token().await),
        )
        .await;
    assert_eq!(resp.status(), 400);
}

#[tokio::test]
async fn tampered_or_foreign_cursors_return_400() {
    let app = spawn_app().await;
    for n in 0..3 {
        create_product(
            &app,
            json!({"name": format!("P{n}"), "price": format!("{n}.00")}),
        )
        .await;
    }
    let page = json_with_status(
        app.get("/api/v1/products?sort=price&limit=1", None).await,
        200,
    )
    .await;
    let cursor = page["next_cursor"].as_str().unwrap().to_owned();
    let (payload, tag) = cursor.split_once('.').unwrap();

    // Flip one character of the payload.
    let mut chars: Vec<char> = payload.chars().collect();
    chars[3] = if chars[3] == 'A' { 'B' } else { 'A' };
    let edited: String = chars.into_iter().collect();
    let cases = [
        (format!("{edited}.{tag}"), "edited payload"),
        (format!("{payload}.{}", "A".repeat(tag.len())), "forged tag"),
        (payload.to_owned(), "missing tag"),
        ("%%%".to_owned(), "not base64"),
    ];
    for (bad, description) in cases {
        let path = format!("/api/v1/products?sort=price&limit=1&cursor={}", enc(&bad));
        let err = assert_error(app.get(&path, None).await, 400, "validation_failed").await;
        assert_eq!(err["error"]["details"]["field"], "cursor", "{description}");
    }
    // A valid cursor used with another sort.
    let path = format!("/api/v1/products?sort=name&limit=1&cursor={}", enc(&cursor));
    let err = assert_error(app.get(&path, None).await, 400, "validation_failed").await;
    assert_eq!(err["error"]["details"]["field"], "cursor");
    // A product cursor is not a category cursor.
    let path = format!("/api/v1/categories?cursor={}", enc(&cursor));
    assert_error(app.get(&path, None).await, 400, "validation_failed").await;
}

// ------------------------------------------------------------- seeding

#[tokio::test]
async fn seed_sample_is_idempotent() {
    let app = spawn_app().await;
    let client = app.db().await;
    ecommerce::catalog::seed::seed_sample(&client)
        .await
        .unwrap();
    let first = walk(&app, "", 100).await;
    ecommerce::catalog::seed::seed_sample(&client)
        .await
        .unwrap();
    let second = walk(&app, "", 100).await;

    assert_eq!(first.len(), 40);
    assert_eq!(first, second, "a second run adds nothing");
    let cats = json_with_status(app.get("/api/v1/categories?limit=100", None).await, 200).await;
    assert_eq!(cats["items"].as_array().unwrap().len(), 8);
}

#[tokio::test]
async fn bulk_load_is_deterministic_resumable_and_links_one_to_three_categories() {
    use codegen::queries::catalog::products as q;

    let app = spawn_app().await;
    let mut client = app.db().await;
    let raw: &mut tokio_postgres::Client = &mut client;
    let mut reports = Vec::new();

    let first = ecommerce::catalog::seed::bulk_load_products(raw, 2_000, |p| reports.push(p))
        .await
        .unwrap();
    let again = ecommerce::catalog::seed::bulk_load_products(raw, 2_000, |_| {})
        .await
        .unwrap();
    let more = ecommerce::catalog::seed::bulk_load_products(raw, 2_500, |_| {})
        .await
        .unwrap();

    assert_eq!((first, again, more), (2_000, 0, 500));
    assert_eq!(
        reports.last(),
        Some(&ecommerce::catalog::seed::BulkProgress::Linked(
            2_000, 2_000
        )),
        "progress ends at 100%"
    );
    let count = q::count_products_with_slug_prefix()
        .bind(&client, &"bulk-product-")
        .one()
        .await
        .unwrap();
    assert_eq!(count, 2_500);
    let page = json_with_status(
        app.get("/api/v1/products?sort=oldest&limit=100", None)
            .await,
        200,
    )
    .await;
    for item in page["items"].as_array().unwrap() {
        let n = item["categories"].as_array().unwrap().len();
        assert!((1..=3).contains(&n), "{item}");
        assert_eq!(
            item["price"]
                .as_str()
                .unwrap()
                .split('.')
                .nth(1)
                .unwrap()
                .len(),
            2
        );
    }
    // Deterministic: product 0 is always the same.
    assert_eq!(page["items"][0]["slug"], "bulk-product-0");
    assert_eq!(page["items"][0]["created_at"], "2020-01-01T00:00:00+00:00");
}

// --------------------------------------------------------- query plans

/// Seeds 100k products, then EXPLAINs the twelve generated list queries with many
/// parameter combinations and asserts products is only ever read through an index.
///
/// EXPLAIN needs the statement text, which the generated statements keep private.
/// Running each query once through codegen prepares it on the connection, so the
/// exact generated SQL is read back from `pg_prepared_statements` (a cornucopia
/// query) and prefixed with `EXPLAIN (FORMAT JSON)`: nothing is duplicated, and
/// the plans are of the same SQL, with the same parameters and the same
/// `plan_cache_mode` setting as production.
#[tokio::test]
async fn every_list_query_plan_reads_products_through_an_index() {
    use codegen::queries::catalog::products as q;
    use tokio_postgres::types::ToSql;

    let app = spawn_app().await;
    // A tiny category next to the bulk ones: the planner must not walk a whole
    // sort index looking for its few products.
    let tiny = create_category(&app, "Tiny").await["id"].as_i64().unwrap();
    for n in 0..3 {
        create_product(
            &app,
            json!({"name": format!("Tiny {n}"), "price": "5.00", "category_ids": [tiny]}),
        )
        .await;
    }
    let mut client = app.list_db().await;
    {
        let raw: &mut tokio_postgres::Client = &mut client;
        ecommerce::catalog::seed::bulk_load_products(raw, 100_000, |_| {})
            .await
            .unwrap();
    }
    let bulk_cats = codegen::queries::catalog::categories::list_category_ids_by_slug_prefix()
        .bind(&client, &"bulk-category-")
        .all()
        .await
        .unwrap();
    assert_eq!(bulk_cats.len(), 200);

    // Prepare the twelve statements on this connection by running them once.
    let ids = vec![bulk_cats[0]];
    let none_dec: Option<Decimal> = None;
    let none_text: Option<String> = None;
    let none_bool: Option<bool> = None;
    let none_id: Option<i64> = None;
    let none_at: Option<DateTime<FixedOffset>> = None;
    let limit = 21i64;
    macro_rules! run_once {
        ($all:expr, $in_categories:expr, $key:expr) => {{
            $in_categories
                .bind(
                    &client, &ids, &none_dec, &none_dec, &none_text, &none_text, &CONFIG,
                    &none_bool, &none_id, $key, &limit,
                )
                .all()
                .await
                .unwrap();
            $all.bind(
                &client, &none_dec, &none_dec, &none_text, &none_text, &CONFIG, &none_bool,
                &none_id, $key, &limit,
            )
            .all()
            .await
            .unwrap()
        }};
    }
    let newest = run_once!(
        q::list_products_by_newest(),
        q::list_products_in_categories_by_newest(),
        &none_at
    );
    run_once!(
        q::list_products_by_oldest(),
        q::list_products_in_categories_by_oldest(),
        &none_at
    );
    run_once!(
        q::list_products_by_price_asc(),
        q::list_products_in_categories_by_price_asc(),
        &none_dec
    );
    run_once!(
        q::list_products_by_price_desc(),
        q::list_products_in_categories_by_price_desc(),
        &none_dec
    );
    run_once!(
        q::list_products_by_name_asc(),
        q::list_products_in_categories_by_name_asc(),
        &none_text
    );
    run_once!(
        q::list_products_by_name_desc(),
        q::list_products_in_categories_by_name_desc(),
        &none_text
    );
    assert_eq!(newest.len(), 21);

    let statements: Vec<String> = common::plans::prepared_statements(&client)
        .await
        .into_iter()
        .filter(|s| s.contains("AS category_slugs") && s.contains("LIMIT"))
        .collect();
    assert_eq!(
        statements.len(),
        12,
        "the twelve list queries are prepared: {statements:#?}"
    );

    let deep = &newest[20];
    let category_filters = [
        vec![bulk_cats[7]],
        vec![bulk_cats[1], bulk_cats[150]],
        vec![tiny],
        vec![tiny, bulk_cats[3]],
    ];
    let price_filters = [
        (None, None),
        (Some(Decimal::from(10)), Some(Decimal::from(60))),
    ];
    // (q, the name pattern the service adds for SKU-like tokens).
    let searches = [
        (None, None),
        (Some("walnut lamp".to_owned()), None),
        (Some("x200".to_owned()), Some("%x200%".to_owned())),
    ];
    let stock_filters = [None, Some(true), Some(false)];

    for sql in &statements {
        let explain = client
            .prepare(&format!("EXPLAIN (FORMAT JSON) {sql}"))
            .await
            .unwrap();
        let with_categories = sql.contains("unnest($1::bigint[])");
        let key_kind = if sql.contains("(p.created_at, p.id)")
            || sql.contains("(pc.created_at, pc.product_id)")
        {
            "created"
        } else if sql.contains("(p.price, p.id)") || sql.contains("(pc.price, pc.product_id)") {
            "price"
        } else {
            "name"
        };
        let category_cases: Vec<Option<&Vec<i64>>> = if with_categories {
            category_filters.iter().map(Some).collect()
        } else {
            vec![None]
        };
        let mut checked = 0;
        for categories in &category_cases {
            for (min, max) in &price_filters {
                for (search, pattern) in &searches {
                    for in_stock in &stock_filters {
                        for with_cursor in [false, true] {
                            let after_id: Option<i64> = with_cursor.then_some(deep.id);
                            let at = with_cursor.then_some(deep.created_at);
                            let price = with_cursor.then_some(deep.price);
                            let name = with_cursor.then(|| deep.name.clone());
                            let key: &(dyn ToSql + Sync) = match key_kind {
                                "created" => &at,
                                "price" => &price,
                                _ => &name,
                            };
                            let mut params: Vec<&(dyn ToSql + Sync)> = Vec::new();
                            if let Some(ids) = categories {
                                params.push(*ids);
                            }
                            params.extend([
                                min as &(dyn ToSql + Sync),
                                max,
                                search,
                                pattern,
                                &CONFIG,
                                in_stock,
                                &after_id,
                                key,
                                &limit,
                            ]);
                            let rows = client.query(&explain, &params).await.unwrap();
                            let plan: Value = rows[0].get(0);
                            let mut nodes = Vec::new();
                            plan_nodes(&plan[0]["Plan"], &mut nodes);
                            let context = format!(
                                "{sql}\nparams: categories={categories:?} min={min:?} max={max:?} q={search:?} pattern={pattern:?} in_stock={in_stock:?} cursor={with_cursor}\nplan: {plan:#}"
                            );
                            let tables: Vec<&&Value> = nodes
                                .iter()
                                .filter(|n| n["Relation Name"].is_string())
                                .collect();
                            assert!(
                                tables.iter().any(|n| n["Relation Name"] == "products"),
                                "products not read?\n{context}"
                            );
                            let unfiltered = min.is_none()
                                && max.is_none()
                                && search.is_none()
                                && in_stock.is_none();
                            if with_categories && unfiltered {
                                // The page comes from a category sort index, in order
                                // (with other filters the planner may read the
                                // category's links and sort the few matches instead).
                                let sort_index =
                                    format!("product_categories_active_{key_kind}_idx");
                                assert!(
                                    tables
                                        .iter()
                                        .any(|n| n["Index Name"] == sort_index.as_str()),
                                    "{sort_index} not used\n{context}"
                                );
                            }
                            for node in tables {
                                let kind = node["Node Type"].as_str().unwrap();
                                let table = node["Relation Name"].as_str().unwrap();
                                assert!(
                                    matches!(
                                        kind,
                                        "Index Scan" | "Index Only Scan" | "Bitmap Heap Scan"
                                    ),
                                    "{table} read by {kind}, not an index\n{context}"
                                );
                            }
                            checked += 1;
                        }
                    }
                }
            }
        }
        assert_eq!(checked, category_cases.len() * 2 * 3 * 3 * 2);
    }
}

/// A category page reads about one page of rows, at any depth, whatever the
/// category's size: it comes from the category's own sort index
/// (`product_categories_active_price_idx`, V0009), not from a walk of the whole
/// price index probing each product's categories.
#[tokio::test]
async fn category_pages_read_one_page_of_rows_at_any_depth() {
    use codegen::queries::catalog::products as q;

    let app = spawn_app().await;
    let tiny = create_category(&app, "Tiny").await["id"].as_i64().unwrap();
    for n in 0..3 {
        create_product(
            &app,
            json!({"name": format!("Tiny {n}"), "price": "5.00", "category_ids": [tiny]}),
        )
        .await;
    }
    let mut client = app.list_db().await;
    {
        let raw: &mut tokio_postgres::Client = &mut client;
        ecommerce::catalog::seed::bulk_load_products(raw, 100_000, |_| {})
            .await
            .unwrap();
    }
    let bulk = codegen::queries::catalog::categories::list_category_ids_by_slug_prefix()
        .bind(&client, &"bulk-category-")
        .all()
        .await
        .unwrap();
    let none_dec: Option<Decimal> = None;
    let none_text: Option<String> = None;
    let none_bool: Option<bool> = None;
    let none_id: Option<i64> = None;
    let limit = 21i64;
    q::list_products_in_categories_by_price_asc()
        .bind(
            &client,
            &vec![tiny],
            &none_dec,
            &none_dec,
            &none_text,
            &none_text,
            &CONFIG,
            &none_bool,
            &none_id,
            &none_dec,
            &limit,
        )
        .all()
        .await
        .unwrap();
    let sql = common::plans::prepared_statements(&client)
        .await
        .into_iter()
        .find(|s| s.contains("ORDER BY p.price, p.id") && s.contains("unnest($1::bigint[])"))
        .unwrap();
    let explain = client
        .prepare(&format!("EXPLAIN (ANALYZE, FORMAT JSON) {sql}"))
        .await
        .unwrap();
    // (categories, cursor): a 3-product category; a bulk one (~1,000 products)
    // from the start and from the middle of its price range; two bulk ones.
    let middle = (Some(Decimal::from(500)), Some(0i64));
    let cases = [
        (vec![tiny], (None, None)),
        (vec![bulk[5]], (None, None)),
        (vec![bulk[5]], middle),
        (vec![bulk[5], bulk[9]], middle),
    ];
    for (categories, (after_price, after_id)) in &cases {
        let rows = client
            .query(
                &explain,
                &[
                    categories,
                    &none_dec,
                    &none_dec,
                    &none_text,
                    &none_text,
                    &CONFIG,
                    &none_bool,
                    after_id,
                    after_price,
                    &limit,
                ],
            )
            .await
            .unwrap();
        let plan: Value = rows[0].get(0);
        let mut nodes = Vec::new();
        plan_nodes(&plan[0]["Plan"], &mut nodes);
        let rows_read = |table: &str| -> f64 {
            nodes
                .iter()
                .filter(|n| n["Relation Name"] == table)
                .map(|n| {
                    n["Actual Rows"].as_f64().unwrap_or(0.0)
                        * n["Actual Loops"].as_f64().unwrap_or(1.0)
                        + n["Rows Removed by Filter"].as_f64().unwrap_or(0.0)
                })
                .sum()
        };
        // Per requested category: one page of links and its products, then the
        // page's products again with their 1-3 category links each.
        let bound = (categories.len() as f64 + 1.0) * limit as f64;
        let (links, products) = (rows_read("product_categories"), rows_read("products"));
        assert!(
            products <= bound,
            "read {products} product rows (bound {bound}) for {categories:?} after {after_price:?}\n{plan:#}"
        );
        assert!(
            links <= bound + 3.0 * limit as f64,
            "read {links} link rows for {categories:?} after {after_price:?}\n{plan:#}"
        );
    }
}

/// The list pool plans every list page for its parameters; the main pool keeps
/// PostgreSQL's cached generic plans (a product lookup planned once, not per call).
#[tokio::test]
async fn list_queries_get_custom_plans_and_other_statements_cached_plans() {
    use codegen::queries::{catalog::products as q, session};

    let app = spawn_app().await;
    let product = app.create_product("Plan", "3.00", 1).await;
    let lists = app.list_db().await;
    let main = app.db().await;
    for (client, mode) in [(&lists, "force_custom_plan"), (&main, "auto")] {
        let settings = session::session_planner_settings()
            .bind(client)
            .one()
            .await
            .unwrap();
        assert_eq!(settings.plan_cache_mode, mode);
        assert_eq!(settings.random_page_cost, "1.1");
        assert_eq!(settings.max_parallel_workers_per_gather, "0");
    }

    // PostgreSQL considers a generic plan from the sixth execution on.
    let none_dec: Option<Decimal> = None;
    let none_text: Option<String> = None;
    let none_bool: Option<bool> = None;
    for n in 0..8i64 {
        let after = (n % 2 == 0).then_some(n);
        q::list_products_by_price_asc()
            .bind(
                &lists,
                &none_dec,
                &none_dec,
                &none_text,
                &none_text,
                &CONFIG,
                &none_bool,
                &after,
                &after.map(Decimal::from),
                &21i64,
            )
            .all()
            .await
            .unwrap();
        q::find_product().bind(&main, &product).one().await.unwrap();
    }
    let plans = |rows: Vec<session::PreparedStatementPlans>, needle: &str| {
        rows.into_iter()
            .find(|r| r.statement.contains(needle))
            .unwrap_or_else(|| panic!("no prepared statement with {needle}"))
    };
    let list = plans(
        session::prepared_statement_plans()
            .bind(&lists)
            .all()
            .await
            .unwrap(),
        "ORDER BY p.price, p.id LIMIT",
    );
    assert_eq!(list.generic_plans, 0, "{}", list.statement);
    assert!(list.custom_plans >= 8, "{}", list.custom_plans);
    let find = plans(
        session::prepared_statement_plans()
            .bind(&main)
            .all()
            .await
            .unwrap(),
        "WHERE p.id = $1",
    );
    assert!(
        find.generic_plans > 0,
        "find_product replanned every call: {} custom plans",
        find.custom_plans
    );
}

/// Found by Schemathesis: `stock + stock_delta` past `i32::MAX` was a 500.
#[tokio::test]
async fn a_stock_delta_past_the_integer_range_is_422_and_changes_nothing() {
    let app = spawn_app().await;
    let id = app.create_product("Lamp", "10.00", 5).await;

    let resp = app
        .patch(
            &format!("/api/v1/products/{id}"),
            &json!({"stock_delta": i32::MAX}),
            Some(&app.admin_token().await),
        )
        .await;

    let err = assert_error(resp, 422, "validation_failed").await;
    assert_eq!(err["error"]["details"]["field"], "stock_delta");
    assert_eq!(app.stock_of(id).await, 5);
}
