//! Product search and facets over HTTP: ranking, query syntax, prefixes, SKU
//! substrings, relevance pagination, the search language, facet counts with
//! the disjunctive rule, hostile input, and index-backed plans.

mod common;

use common::plans::plan_nodes;
use std::str::FromStr;

use common::{TestApp, assert_error, json_with_status, spawn_app, spawn_app_with};
use rust_decimal::Decimal;
use serde_json::{Value, json};

// ---------------------------------------------------------------- helpers

/// Percent-encodes a query value.
fn enc(value: &str) -> String {
    let mut out = String::new();
    for b in value.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

async fn create_category(app: &TestApp, name: &str) -> i64 {
    let resp = app
        .post(
            "/api/v1/categories",
            &json!({ "name": name }),
            Some(&app.admin_token().await),
        )
        .await;
    json_with_status(resp, 201).await["id"].as_i64().unwrap()
}

async fn create_product(app: &TestApp, body: Value) -> i64 {
    let resp = app
        .post("/api/v1/products", &body, Some(&app.admin_token().await))
        .await;
    json_with_status(resp, 201).await["id"].as_i64().unwrap()
}

async fn named(app: &TestApp, name: &str, description: &str) -> i64 {
    create_product(
        app,
        json!({"name": name, "description": description, "price": "10.00", "stock": 1}),
    )
    .await
}

/// Ids of the first page of `GET /products?<query>`.
async fn ids(app: &TestApp, query: &str) -> Vec<i64> {
    let page = json_with_status(
        app.get(&format!("/api/v1/products?{query}"), None).await,
        200,
    )
    .await;
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_i64().unwrap())
        .collect()
}

/// Ids of `GET /products?q=<q>` (relevance order), first page of up to 100.
async fn search(app: &TestApp, q: &str) -> Vec<i64> {
    ids(app, &format!("q={}&limit=100", enc(q))).await
}

/// Follows `next_cursor` to the end; every id in order.
async fn walk(app: &TestApp, query: &str, limit: usize) -> Vec<i64> {
    let mut out = Vec::new();
    let mut cursor: Option<String> = None;
    for _ in 0..200 {
        let mut path = format!("/api/v1/products?limit={limit}&{query}");
        if let Some(c) = &cursor {
            path.push_str(&format!("&cursor={}", enc(c)));
        }
        let page = json_with_status(app.get(&path, None).await, 200).await;
        let items = page["items"].as_array().unwrap();
        out.extend(items.iter().map(|p| p["id"].as_i64().unwrap()));
        match page["next_cursor"].as_str() {
            Some(next) => cursor = Some(next.to_owned()),
            None => return out,
        }
    }
    panic!("{query}: too many pages");
}

// ---------------------------------------------------------------- search

#[tokio::test]
async fn search_ranks_name_matches_above_description_matches_and_stems_words() {
    let app = spawn_app().await;
    let in_description = named(&app, "Reading Desk", "Comes with a small lamp.").await;
    let lamp = named(&app, "Walnut Lamp", "").await;
    let lamps = named(&app, "Lamps Set", "").await;
    named(&app, "Oak Table", "Solid oak.").await;

    let found = search(&app, "lamp").await;

    assert_eq!(
        found.len(),
        3,
        "lamp, lamps (stemmed) and the description: {found:?}"
    );
    let mut by_name = found[..2].to_vec();
    by_name.sort_unstable();
    assert_eq!(by_name, vec![lamp, lamps], "name matches first: {found:?}");
    assert_eq!(
        found[2], in_description,
        "description match last: {found:?}"
    );
    assert_eq!(
        search(&app, "LAMPS").await.len(),
        3,
        "case and plural do not matter"
    );
}

#[tokio::test]
async fn search_understands_phrases_exclusions_or_and_a_typed_prefix() {
    let app = spawn_app().await;
    let walnut_lamp = named(&app, "Walnut Lamp", "").await;
    let lamp_walnut = named(&app, "Lamp with walnut base", "").await;
    let oak_lamp = named(&app, "Oak Lamp", "").await;
    let chair = named(&app, "Steel Chair", "").await;
    let sorted = |mut v: Vec<i64>| {
        v.sort_unstable();
        v
    };

    let cases: Vec<(&str, Vec<i64>)> = vec![
        ("\"walnut lamp\"", vec![walnut_lamp]),
        ("lamp -walnut", vec![oak_lamp]),
        ("lamp -\"walnut lamp\"", vec![lamp_walnut, oak_lamp]),
        ("chair or oak", vec![oak_lamp, chair]),
        ("wal", vec![walnut_lamp, lamp_walnut]),
        ("lamp wal", vec![walnut_lamp, lamp_walnut]),
        ("\"walnut la", vec![walnut_lamp]),
        ("ste", vec![chair]),
        // A closed quote finishes the word: no prefix.
        ("\"wal\"", vec![]),
        ("lamp -oa", vec![walnut_lamp, lamp_walnut, oak_lamp]),
    ];
    for (q, expected) in cases {
        assert_eq!(sorted(search(&app, q).await), sorted(expected), "q={q:?}");
    }
}

#[tokio::test]
async fn sku_like_tokens_also_match_inside_names() {
    let app = spawn_app().await;
    let router = named(&app, "Router AB-1234X", "").await;
    let cable = named(&app, "Cable x200", "").await;
    named(&app, "Router", "").await;

    assert_eq!(
        search(&app, "B-123").await,
        vec![router],
        "substring of a SKU"
    );
    assert_eq!(search(&app, "ab-1234x").await, vec![router], "any case");
    assert_eq!(search(&app, "x20").await, vec![cable]);
    assert_eq!(
        ids(&app, "q=B-123&sort=price").await,
        vec![router],
        "other sorts too"
    );
}

#[tokio::test]
async fn relevance_pages_return_every_match_exactly_once_in_rank_order() {
    let app = spawn_app().await;
    let kitchen = create_category(&app, "Kitchen").await;
    // Many exact ties (identical text) and several distinct ranks.
    let texts = [
        ("Lamp", ""),
        ("Lamp Lamp", ""),
        ("Desk", "lamp"),
        ("Lamp", "lamp lamp"),
        ("Big Lamp", "a lamp"),
    ];
    let mut all = Vec::new();
    for n in 0..23 {
        let (name, description) = texts[n % texts.len()];
        let categories: Vec<i64> = if n % 2 == 0 { vec![kitchen] } else { vec![] };
        all.push(
            create_product(
                &app,
                json!({
                    "name": name,
                    "slug": format!("p-{n}"),
                    "description": description,
                    "price": format!("{}.00", 1 + n % 4),
                    "stock": n % 3,
                    "category_ids": categories,
                }),
            )
            .await,
        );
    }
    named(&app, "Chair", "").await;

    for filter in [
        "q=lamp".to_owned(),
        "q=lamp&sort=relevance".to_owned(),
        format!("q=lamp&category={kitchen}"),
        "q=lamp&min_price=2&in_stock=true".to_owned(),
    ] {
        let whole = walk(&app, &filter, 100).await;
        for limit in [1, 2, 3, 7] {
            let paged = walk(&app, &filter, limit).await;
            assert_eq!(paged, whole, "{filter} limit={limit}");
        }
        let mut unique = whole.clone();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(unique.len(), whole.len(), "{filter}: no duplicates");
        assert!(!whole.is_empty(), "{filter}");
    }
    assert_eq!(walk(&app, "q=lamp", 4).await.len(), all.len());
}

#[tokio::test]
async fn hostile_search_text_is_never_a_server_error() {
    let app = spawn_app().await;
    named(&app, "Walnut Lamp", "it's a lamp").await;
    let long = "a".repeat(100);
    let inputs = [
        "'",
        "''",
        "\"",
        "\"\"\"",
        "\\",
        "\\'",
        "&",
        "|",
        "!",
        "!!",
        "(",
        "((",
        ")",
        ":*",
        "a:*",
        "<->",
        "<2>",
        "lamp & | !",
        "-",
        "--lamp",
        "- -",
        "or",
        "or or",
        "lamp or",
        "and",
        "the",
        "it's",
        "O'Reilly's",
        "*",
        "%",
        "_",
        "%%",
        "\u{00e9}t\u{00e9}",
        "\u{1F600}",
        "\u{202E}lamp",
        "lamp\u{00A0}walnut",
        "\"walnut",
        "walnut\"",
        "'lamp'",
        "lamp:A",
        "lamp:*A",
        "1e3",
        "-1",
        "NULL",
        "'; DROP TABLE products; --",
        &long,
    ];
    for q in inputs {
        for extra in ["", "&sort=price", "&category=1&min_price=1"] {
            let path = format!("/api/v1/products?q={}{extra}", enc(q));
            let resp = app.get(&path, None).await;
            assert_eq!(resp.status(), 200, "{path}");
            let path = format!("/api/v1/products/facets?q={}{extra}", enc(q));
            let resp = app.get(&path, None).await;
            assert_eq!(resp.status(), 200, "{path}");
        }
    }
    // Too long, or control characters: a 400 naming q.
    for (q, what) in [
        (format!("{long}a"), "101 characters"),
        ("lamp\u{0}".into(), "NUL"),
    ] {
        for path in ["/api/v1/products", "/api/v1/products/facets"] {
            let resp = app.get(&format!("{path}?q={}", enc(&q)), None).await;
            assert_eq!(resp.status(), 400, "{path} {what}");
            let err: Value = resp.json().await.unwrap();
            assert_eq!(
                err["error"]["details"]["field"], "q",
                "{path} {what}: {err}"
            );
        }
    }
}

#[tokio::test]
async fn relevance_needs_a_search_and_its_cursor_fits_no_other_sort() {
    let app = spawn_app().await;
    for n in 0..3 {
        create_product(
            &app,
            json!({"name": "Lamp", "slug": format!("lamp-{n}"), "price": "1.00"}),
        )
        .await;
    }
    let err = assert_error(
        app.get("/api/v1/products?sort=relevance", None).await,
        400,
        "validation_failed",
    )
    .await;
    assert_eq!(err["error"]["details"]["field"], "sort", "{err}");

    let page = json_with_status(app.get("/api/v1/products?q=lamp&limit=1", None).await, 200).await;
    let cursor = page["next_cursor"].as_str().unwrap();
    for other in ["price", "newest", "name"] {
        let path = format!(
            "/api/v1/products?q=lamp&limit=1&sort={other}&cursor={}",
            enc(cursor)
        );
        let err = assert_error(app.get(&path, None).await, 400, "validation_failed").await;
        assert_eq!(err["error"]["details"]["field"], "cursor", "{other}: {err}");
    }
}

#[tokio::test]
async fn the_simple_search_language_matches_words_as_written() {
    let app = spawn_app_with(|s| s.catalog.search_language = "simple".into()).await;
    let lamp = named(&app, "The Lamp", "").await;

    assert_eq!(search(&app, "the").await, vec![lamp], "no stop words");
    assert_eq!(search(&app, "lamp").await, vec![lamp]);
    assert!(search(&app, "lamps").await.is_empty(), "no stemming");
}

#[tokio::test]
async fn changing_the_search_language_rebuilds_the_stored_vectors() {
    let app = spawn_app().await;
    let lamp = named(&app, "The Lamps", "").await;
    let vector = async |app: &TestApp| -> String {
        app.db()
            .await
            .query_one(
                "SELECT search_vector::text FROM products WHERE id = $1",
                &[&lamp],
            )
            .await
            .unwrap()
            .get(0)
    };
    assert_eq!(
        vector(&app).await,
        "'lamp':2A",
        "english: stemmed, no stop word"
    );

    let mut client = app.db().await;
    let changed = ecommerce::catalog::service::ensure_search_config(&mut client, "simple")
        .await
        .unwrap();
    assert!(changed);
    assert_eq!(vector(&app).await, "'lamps':2A 'the':1A");
    let again = ecommerce::catalog::service::ensure_search_config(&mut client, "simple")
        .await
        .unwrap();
    assert!(!again, "nothing to do the second time");
    let unknown = ecommerce::catalog::service::ensure_search_config(&mut client, "klingon").await;
    assert!(unknown.is_err());
    assert_eq!(
        vector(&app).await,
        "'lamps':2A 'the':1A",
        "a failed change changes nothing"
    );
}

// ---------------------------------------------------------------- facets

/// A product as the facet model sees it.
#[derive(Debug, Clone)]
struct Known {
    name: &'static str,
    price: Decimal,
    stock: i64,
    categories: Vec<i64>,
}

const BOUNDS: [i64; 7] = [0, 10, 25, 50, 100, 250, 500];

struct Filter {
    q: Option<&'static str>,
    categories: Vec<i64>,
    min: Option<Decimal>,
    max: Option<Decimal>,
    in_stock: Option<bool>,
}

impl Filter {
    fn query(&self) -> String {
        let mut parts = Vec::new();
        if let Some(q) = self.q {
            parts.push(format!("q={}", enc(q)));
        }
        for c in &self.categories {
            parts.push(format!("category={c}"));
        }
        if let Some(m) = self.min {
            parts.push(format!("min_price={m}"));
        }
        if let Some(m) = self.max {
            parts.push(format!("max_price={m}"));
        }
        if let Some(s) = self.in_stock {
            parts.push(format!("in_stock={s}"));
        }
        parts.join("&")
    }
    fn text(&self, p: &Known) -> bool {
        // The model's search: whole lowercase words of the name (the test names have no stems).
        self.q
            .is_none_or(|q| p.name.to_lowercase().split(' ').any(|w| w == q))
    }
    fn category(&self, p: &Known) -> bool {
        self.categories.is_empty() || p.categories.iter().any(|c| self.categories.contains(c))
    }
    fn price(&self, p: &Known) -> bool {
        self.min.is_none_or(|m| p.price >= m) && self.max.is_none_or(|m| p.price <= m)
    }
    fn stock(&self, p: &Known) -> bool {
        self.in_stock.is_none_or(|s| (p.stock > 0) == s)
    }
}

/// The facets the API must return, computed from the model with the disjunctive rule.
fn expected_facets(products: &[Known], categories: &[(i64, &str)], f: &Filter) -> Value {
    let count = |keep: &dyn Fn(&Known) -> bool| products.iter().filter(|p| keep(p)).count();
    let total = count(&|p| f.text(p) && f.category(p) && f.price(p) && f.stock(p));
    let mut cats: Vec<(i64, &str, usize)> = categories
        .iter()
        .map(|&(id, name)| {
            let n = count(&|p| f.text(p) && f.price(p) && f.stock(p) && p.categories.contains(&id));
            (id, name, n)
        })
        .filter(|&(id, _, n)| n > 0 || f.categories.contains(&id))
        .collect();
    cats.sort_by(|a, b| b.2.cmp(&a.2).then(a.1.cmp(b.1)));
    let ranges: Vec<Value> = BOUNDS
        .iter()
        .enumerate()
        .map(|(i, &min)| {
            let max = BOUNDS.get(i + 1).copied();
            let n = count(&|p| {
                f.text(p)
                    && f.category(p)
                    && f.stock(p)
                    && p.price >= Decimal::from(min)
                    && max.is_none_or(|m| p.price < Decimal::from(m))
            });
            json!({
                "min": format!("{min}.00"),
                "max": max.map(|m| format!("{m}.00")),
                "count": n,
            })
        })
        .collect();
    let stocked =
        |s: bool| count(&|p| f.text(p) && f.category(p) && f.price(p) && (p.stock > 0) == s);
    json!({
        "total": total,
        "categories": cats.iter().map(|(id, name, n)| json!({"id": id, "name": name, "count": n})).collect::<Vec<_>>(),
        "price_ranges": ranges,
        "in_stock": {"true": stocked(true), "false": stocked(false)},
    })
}

async fn facets(app: &TestApp, query: &str) -> Value {
    json_with_status(
        app.get(&format!("/api/v1/products/facets?{query}"), None)
            .await,
        200,
    )
    .await
}

struct FacetCatalog {
    kitchen: i64,
    garden: i64,
    office: i64,
    categories: Vec<(i64, &'static str)>,
    products: Vec<Known>,
}

async fn seed_facets(app: &TestApp) -> FacetCatalog {
    let kitchen = create_category(app, "Kitchen").await;
    let garden = create_category(app, "Garden").await;
    let office = create_category(app, "Office").await;
    let _empty = create_category(app, "Empty").await;
    let specs: Vec<(&'static str, &str, i64, Vec<i64>)> = vec![
        ("Oak lamp", "5.00", 3, vec![kitchen]),
        ("Walnut lamp", "12.00", 0, vec![kitchen, garden]),
        ("Steel lamp", "30.00", 1, vec![garden]),
        ("Oak desk", "120.00", 2, vec![office]),
        ("Oak chair", "600.00", 0, vec![]),
        ("Glass vase", "9.99", 5, vec![kitchen]),
        ("Steel shelf", "10.00", 4, vec![kitchen, office]),
        ("Glass lamp", "499.99", 0, vec![office]),
    ];
    let mut products = Vec::new();
    for (n, (name, price, stock, cats)) in specs.into_iter().enumerate() {
        create_product(
            app,
            json!({"name": name, "slug": format!("f-{n}"), "price": price, "stock": stock, "category_ids": cats}),
        )
        .await;
        products.push(Known {
            name,
            price: Decimal::from_str(price).unwrap(),
            stock,
            categories: cats,
        });
    }
    // Deleted products are never counted.
    let hidden = create_product(
        app,
        json!({"name": "Oak lamp", "slug": "hidden", "price": "5.00", "stock": 1, "category_ids": [kitchen]}),
    )
    .await;
    let resp = app
        .delete(
            &format!("/api/v1/products/{hidden}"),
            Some(&app.admin_token().await),
        )
        .await;
    assert_eq!(resp.status(), 204);
    FacetCatalog {
        kitchen,
        garden,
        office,
        categories: vec![(kitchen, "Kitchen"), (garden, "Garden"), (office, "Office")],
        products,
    }
}

#[tokio::test]
async fn facets_of_the_whole_catalog_count_every_active_product() {
    let app = spawn_app().await;
    let c = seed_facets(&app).await;

    let got = facets(&app, "").await;

    assert_eq!(
        got,
        json!({
            "total": 8,
            "categories": [
                {"id": c.kitchen, "name": "Kitchen", "count": 4},
                {"id": c.office, "name": "Office", "count": 3},
                {"id": c.garden, "name": "Garden", "count": 2},
            ],
            "price_ranges": [
                {"min": "0.00", "max": "10.00", "count": 2},
                {"min": "10.00", "max": "25.00", "count": 2},
                {"min": "25.00", "max": "50.00", "count": 1},
                {"min": "50.00", "max": "100.00", "count": 0},
                {"min": "100.00", "max": "250.00", "count": 1},
                {"min": "250.00", "max": "500.00", "count": 1},
                {"min": "500.00", "max": null, "count": 1},
            ],
            "in_stock": {"true": 5, "false": 3},
        })
    );
    assert_eq!(
        got,
        expected_facets(
            &c.products,
            &c.categories,
            &Filter {
                q: None,
                categories: vec![],
                min: None,
                max: None,
                in_stock: None
            }
        ),
        "the model agrees"
    );
}

#[tokio::test]
async fn each_facet_is_counted_with_every_other_filter_applied() {
    let app = spawn_app().await;
    let c = seed_facets(&app).await;

    // Ticking Kitchen leaves the other categories' counts alone, narrows the rest.
    let kitchen = facets(&app, &format!("category={}", c.kitchen)).await;
    assert_eq!(kitchen["total"], 4);
    assert_eq!(
        kitchen["categories"][1]["count"], 3,
        "Office still counts 3: {kitchen}"
    );
    assert_eq!(kitchen["in_stock"], json!({"true": 3, "false": 1}));

    let d = |s: &str| Some(Decimal::from_str(s).unwrap());
    let mut checked = 0;
    for q in [None, Some("lamp"), Some("oak"), Some("nothing")] {
        for categories in [vec![], vec![c.kitchen], vec![c.garden, c.office]] {
            for (min, max) in [
                (None, None),
                (d("10"), d("100")),
                (d("10.00"), None),
                (None, d("9.99")),
            ] {
                for in_stock in [None, Some(true), Some(false)] {
                    let f = Filter {
                        q,
                        categories: categories.clone(),
                        min,
                        max,
                        in_stock,
                    };
                    let query = f.query();
                    assert_eq!(
                        facets(&app, &query).await,
                        expected_facets(&c.products, &c.categories, &f),
                        "?{query}"
                    );
                    checked += 1;
                }
            }
        }
    }
    assert_eq!(checked, 4 * 3 * 4 * 3);
}

#[tokio::test]
async fn facet_totals_match_the_list_for_the_same_filters() {
    let app = spawn_app().await;
    let c = seed_facets(&app).await;
    for query in [
        String::new(),
        format!("category={}&in_stock=true", c.kitchen),
        "q=lamp&min_price=10".into(),
        "q=oak&in_stock=false".into(),
    ] {
        let total = facets(&app, &query).await["total"].as_u64().unwrap() as usize;
        assert_eq!(walk(&app, &query, 2).await.len(), total, "?{query}");
    }
}

#[tokio::test]
async fn facets_reject_invalid_filters_like_the_list() {
    let app = spawn_app().await;
    let many = (0..51)
        .map(|n| format!("category={n}"))
        .collect::<Vec<_>>()
        .join("&");
    let cases = [
        ("min_price=-1".to_owned(), "min_price"),
        ("min_price=abc".to_owned(), "min_price"),
        ("max_price=1e3".to_owned(), "max_price"),
        ("min_price=10&max_price=5".to_owned(), "min_price"),
        (format!("q={}", "a".repeat(101)), "q"),
        (many, "category"),
    ];
    for (query, field) in cases {
        let resp = app
            .get(&format!("/api/v1/products/facets?{query}"), None)
            .await;
        let err = assert_error(resp, 400, "validation_failed").await;
        assert_eq!(err["error"]["details"]["field"], field, "{query}: {err}");
    }
    for query in ["category=shoes", "in_stock=maybe"] {
        let resp = app
            .get(&format!("/api/v1/products/facets?{query}"), None)
            .await;
        assert_eq!(resp.status(), 400, "{query}");
    }
    // Unknown categories and sorts/limits are not facet parameters' business.
    let got = facets(&app, "category=999999&sort=whatever&limit=0").await;
    assert_eq!(got["total"], 0);
}

#[tokio::test]
async fn bounded_facets_are_cached_until_a_catalog_write() {
    let app = spawn_app().await;
    let c = seed_facets(&app).await;
    let path = format!("category={}", c.kitchen);
    assert_eq!(facets(&app, &path).await["total"], 4);
    app.db()
        .await
        .batch_execute("UPDATE products SET is_active = false WHERE slug = 'f-0'")
        .await
        .unwrap();
    assert_eq!(facets(&app, &path).await["total"], 4, "a cache hit");
    assert_eq!(
        facets(&app, &format!("{path}&q=lamp")).await["total"],
        1,
        "searches are not cached: Walnut lamp only"
    );
    let resp = app
        .patch(
            &format!("/api/v1/categories/{}", c.garden),
            &json!({"description": "x"}),
            Some(&app.admin_token().await),
        )
        .await;
    assert_eq!(resp.status(), 200);
    assert_eq!(
        facets(&app, &path).await["total"],
        3,
        "invalidated by a write"
    );
}

// ------------------------------------------------------------ query plans

/// Search pages and facets with `q` find their products through the GIN index.
///
/// As in `tests/catalog.rs`, the statements are run once through codegen,
/// their text read back from `pg_prepared_statements`, and explained with
/// many parameter combinations on the list pool (custom plans).
#[tokio::test]
async fn search_and_facet_plans_read_products_through_the_search_index() {
    use codegen::{client::Params as _, queries::catalog::search as q};
    use tokio_postgres::types::ToSql;

    let app = spawn_app().await;
    let mut client = app.list_db().await;
    {
        let raw: &mut tokio_postgres::Client = &mut client;
        ecommerce::catalog::seed::bulk_load_products(raw, 100_000, |_| {})
            .await
            .unwrap();
    }
    let cats = codegen::queries::catalog::categories::list_category_ids_by_slug_prefix()
        .bind(&client, &"bulk-category-")
        .all()
        .await
        .unwrap();
    let bounds: Vec<Decimal> = BOUNDS.iter().map(|&b| Decimal::from(b)).collect();
    let first = q::search_products_by_relevance()
        .params(
            &client,
            &q::SearchProductsByRelevanceParams {
                search_config: "english",
                search_q: "walnut lamp",
                name_pattern: None::<String>,
                min_price: None,
                max_price: None,
                in_stock: None,
                category_ids: None::<Vec<i64>>,
                after_id: None,
                after_rank: None,
                limit: 21,
            },
        )
        .all()
        .await
        .unwrap();
    assert_eq!(first.len(), 21);
    q::product_facets()
        .params(
            &client,
            &q::ProductFacetsParams {
                category_ids: None::<Vec<i64>>,
                min_price: None,
                max_price: None,
                in_stock: None,
                search_q: Some("lamp"),
                name_pattern: None::<String>,
                search_config: "english",
                price_bounds: bounds.clone(),
            },
        )
        .all()
        .await
        .unwrap();
    let statements: Vec<String> = codegen::queries::session::prepared_statement_plans()
        .bind(&client)
        .all()
        .await
        .unwrap()
        .into_iter()
        .map(|p| p.statement)
        .filter(|s| s.contains("ts_rank(") || s.contains("width_bucket("))
        .collect();
    assert_eq!(statements.len(), 2, "{statements:#?}");

    let deep = &first[20];
    let config = "english".to_owned();
    let searches = [
        ("lamp".to_owned(), None),
        ("walnut lamp".to_owned(), None),
        ("\"oak kettle\"".to_owned(), None),
        ("wal".to_owned(), None),
        ("x200".to_owned(), Some("%x200%".to_owned())),
    ];
    let category_filters: [Option<Vec<i64>>; 3] =
        [None, Some(vec![cats[3]]), Some(vec![cats[1], cats[9]])];
    let prices = [
        (None, None),
        (Some(Decimal::from(10)), Some(Decimal::from(60))),
    ];
    let mut checked = 0;
    for sql in &statements {
        let explain = client
            .prepare(&format!("EXPLAIN (FORMAT JSON) {sql}"))
            .await
            .unwrap();
        let relevance = sql.contains("ts_rank(");
        for (search, pattern) in &searches {
            for categories in &category_filters {
                for (min, max) in &prices {
                    for in_stock in [None, Some(true)] {
                        for with_cursor in [false, true] {
                            if with_cursor && !relevance {
                                continue;
                            }
                            let after_id = with_cursor.then_some(deep.id);
                            let after_rank = with_cursor.then_some(deep.rank);
                            let search_opt = Some(search.clone());
                            let params: Vec<&(dyn ToSql + Sync)> = if relevance {
                                vec![
                                    &config,
                                    search,
                                    pattern,
                                    min,
                                    max,
                                    &in_stock,
                                    categories,
                                    &after_id,
                                    &after_rank,
                                    &21i64,
                                ]
                            } else {
                                vec![
                                    categories,
                                    min,
                                    max,
                                    &in_stock,
                                    &search_opt,
                                    pattern,
                                    &config,
                                    &bounds,
                                ]
                            };
                            let rows = client.query(&explain, &params).await.unwrap();
                            let plan: Value = rows[0].get(0);
                            let mut nodes = Vec::new();
                            plan_nodes(&plan[0]["Plan"], &mut nodes);
                            let context = format!(
                                "{sql}\nq={search:?} categories={categories:?} min={min:?} in_stock={in_stock:?} cursor={with_cursor}\nplan: {plan:#}"
                            );
                            assert!(
                                nodes
                                    .iter()
                                    .any(|n| n["Index Name"] == "products_active_search_idx"),
                                "search index not used\n{context}"
                            );
                            for node in nodes.iter().filter(|n| n["Relation Name"].is_string()) {
                                let kind = node["Node Type"].as_str().unwrap();
                                let table = node["Relation Name"].as_str().unwrap();
                                // `categories` is small (hundreds of rows) and may be read whole.
                                if table == "categories" {
                                    continue;
                                }
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
    }
    assert_eq!(checked, 5 * 3 * 2 * 2 * 2 + 5 * 3 * 2 * 2);
}
