//! Facet counts kept by triggers (V0018): after every kind of catalog and
//! order change they give the same answer as scanning the products, also
//! under concurrent orders; compaction keeps the answer; reading them never
//! touches `products`.

mod common;

use common::{TestApp, json_with_status, spawn_app};
use ecommerce::catalog::{
    domain::{PRICE_FACET_BOUNDS, ProductFilter},
    service,
};
use rust_decimal::Decimal;
use serde_json::{Value, json};

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

async fn create_product(app: &TestApp, slug: &str, price: &str, stock: i32, cats: &[i64]) -> i64 {
    let resp = app
        .post(
            "/api/v1/products",
            &json!({"name": slug, "slug": slug, "price": price, "stock": stock, "category_ids": cats}),
            Some(&app.admin_token().await),
        )
        .await;
    json_with_status(resp, 201).await["id"].as_i64().unwrap()
}

async fn patch_product(app: &TestApp, id: i64, body: Value) {
    let resp = app
        .patch(
            &format!("/api/v1/products/{id}"),
            &body,
            Some(&app.admin_token().await),
        )
        .await;
    json_with_status(resp, 200).await;
}

async fn place(app: &TestApp, token: &str, product: i64, quantity: i32) -> reqwest::Response {
    app.post(
        "/api/v1/orders",
        &json!({"shipping_address": "Bole Road 12",
                "items": [{"product_id": product, "quantity": quantity}]}),
        Some(token),
    )
    .await
}

/// Every filter the counts answer: no category, each of `categories` (also
/// deleted or unknown ones), each with `in_stock` any, true and false. For
/// each, the counts, the scan and the endpoint give the same facets.
async fn assert_counts_match_scan(app: &TestApp, categories: &[i64], step: &str) {
    let client = app.list_db().await;
    let mut selections = vec![None];
    selections.extend(categories.iter().copied().map(Some));
    selections.push(Some(999_999));
    for category in selections {
        for in_stock in [None, Some(true), Some(false)] {
            let filter = ProductFilter {
                category_ids: category.into_iter().collect(),
                in_stock,
                ..ProductFilter::default()
            };
            assert_eq!(
                service::counted_facets_category(&filter),
                Some(category),
                "{filter:?} is answered from the counts"
            );
            let counted = service::count_product_facets(&client, category, in_stock)
                .await
                .unwrap();
            let scanned = service::scan_product_facets(&client, "english", &filter)
                .await
                .unwrap();
            assert_eq!(
                counted, scanned,
                "{step}: category {category:?}, in_stock {in_stock:?}"
            );
        }
    }
}

async fn delta_rows(app: &TestApp) -> i64 {
    codegen::queries::catalog::facet_counts::count_facet_deltas()
        .bind(&app.db().await)
        .one()
        .await
        .unwrap()
}

#[tokio::test]
async fn price_buckets_of_the_counts_are_the_facet_bounds() {
    let app = spawn_app().await;
    let client = app.db().await;
    for (i, bound) in PRICE_FACET_BOUNDS.iter().enumerate() {
        let bound = Decimal::from(*bound);
        let bucket: i16 = client
            .query_one("SELECT product_price_bucket($1)", &[&bound])
            .await
            .unwrap()
            .get(0);
        assert_eq!(
            usize::try_from(bucket).unwrap(),
            i + 1,
            "{bound} opens range {i}"
        );
        if i > 0 {
            let below = bound - Decimal::new(1, 2);
            let bucket: i16 = client
                .query_one("SELECT product_price_bucket($1)", &[&below])
                .await
                .unwrap()
                .get(0);
            assert_eq!(
                usize::try_from(bucket).unwrap(),
                i,
                "{below} is in range {}",
                i - 1
            );
        }
    }
}

#[tokio::test]
async fn counted_facets_equal_the_scan_after_every_kind_of_change() {
    let app = spawn_app().await;
    let buyer = app.create_user("facet-buyer").await;
    let kitchen = create_category(&app, "Kitchen").await;
    let garden = create_category(&app, "Garden").await;
    let office = create_category(&app, "Office").await;
    let empty = create_category(&app, "Empty").await;
    let cats = [kitchen, garden, office, empty];
    let free = create_product(&app, "free", "0.00", 2, &[kitchen]).await;
    let cheap = create_product(&app, "cheap", "9.99", 1, &[kitchen, garden]).await;
    let ten = create_product(&app, "ten", "10.00", 0, &[garden]).await;
    let mid = create_product(&app, "mid", "49.99", 3, &[office, kitchen]).await;
    let high = create_product(&app, "high", "499.99", 1, &[office]).await;
    let top = create_product(&app, "top", "500.00", 5, &[]).await;
    let huge = create_product(&app, "huge", "12000.00", 1, &[garden]).await;
    assert_counts_match_scan(&app, &cats, "seeded").await;

    // Prices across buckets and within one.
    patch_product(&app, cheap, json!({"price": "25.00"})).await;
    patch_product(&app, mid, json!({"price": "40.00"})).await;
    patch_product(&app, top, json!({"price": "99.99"})).await;
    assert_counts_match_scan(&app, &cats, "prices changed").await;

    // A real order sells `high` out, a smaller one leaves `mid` in stock.
    let order = json_with_status(place(&app, &buyer.token, high, 1).await, 201).await;
    json_with_status(place(&app, &buyer.token, mid, 1).await, 201).await;
    assert_eq!(app.stock_of(high).await, 0);
    assert_counts_match_scan(&app, &cats, "sold out by an order").await;
    // Cancelling returns the stock.
    let path = format!("/api/v1/orders/{}", order["id"]);
    json_with_status(
        app.patch(&path, &json!({"status": "cancelled"}), Some(&buyer.token))
            .await,
        200,
    )
    .await;
    assert_eq!(app.stock_of(high).await, 1);
    assert_counts_match_scan(&app, &cats, "order cancelled").await;

    // Admin stock edits: to zero, back, by delta.
    patch_product(&app, free, json!({"stock": 0})).await;
    patch_product(&app, ten, json!({"stock_delta": 4})).await;
    patch_product(&app, huge, json!({"stock_delta": -1})).await;
    assert_counts_match_scan(&app, &cats, "stock edited").await;

    // Deactivate, soft delete, reactivate with another price.
    patch_product(&app, mid, json!({"is_active": false})).await;
    let resp = app
        .delete(
            &format!("/api/v1/products/{top}"),
            Some(&app.admin_token().await),
        )
        .await;
    assert_eq!(resp.status(), 204);
    assert_counts_match_scan(&app, &cats, "deactivated").await;
    patch_product(&app, mid, json!({"is_active": true, "price": "260.00"})).await;
    assert_counts_match_scan(&app, &cats, "reactivated").await;
    // Changes to an inactive product count nothing until it comes back.
    patch_product(
        &app,
        top,
        json!({"price": "5.00", "stock": 0, "category_ids": [office]}),
    )
    .await;
    assert_counts_match_scan(&app, &cats, "inactive edited").await;
    patch_product(&app, top, json!({"is_active": true})).await;
    assert_counts_match_scan(&app, &cats, "inactive back").await;

    // Category links added and removed.
    patch_product(&app, ten, json!({"category_ids": [kitchen, office, empty]})).await;
    patch_product(&app, cheap, json!({"category_ids": []})).await;
    assert_counts_match_scan(&app, &cats, "links changed").await;
    let late = create_product(&app, "late", "75.00", 2, &[empty]).await;
    assert_counts_match_scan(&app, &cats, "product added").await;

    // A category deleted (its links go with it).
    let resp = app
        .delete(
            &format!("/api/v1/categories/{garden}"),
            Some(&app.admin_token().await),
        )
        .await;
    assert_eq!(resp.status(), 204);
    assert_counts_match_scan(&app, &cats, "category deleted").await;

    // A product deleted for good (never ordered), links cascading.
    app.db()
        .await
        .execute("DELETE FROM products WHERE id = $1", &[&late])
        .await
        .unwrap();
    assert_counts_match_scan(&app, &cats, "product hard-deleted").await;

    // The endpoint answers the same as the scan.
    let client = app.list_db().await;
    let filter = ProductFilter {
        category_ids: vec![kitchen],
        in_stock: Some(true),
        ..ProductFilter::default()
    };
    let scanned = service::scan_product_facets(&client, "english", &filter)
        .await
        .unwrap();
    let got = json_with_status(
        app.get(
            &format!("/api/v1/products/facets?category={kitchen}&in_stock=true"),
            None,
        )
        .await,
        200,
    )
    .await;
    assert_eq!(got["total"], scanned.total);
    assert_eq!(got["in_stock"]["true"], scanned.in_stock);
    assert_eq!(got["in_stock"]["false"], scanned.out_of_stock);
    assert_eq!(
        got["categories"].as_array().unwrap().len(),
        scanned.categories.len()
    );
    for (got, want) in got["categories"]
        .as_array()
        .unwrap()
        .iter()
        .zip(&scanned.categories)
    {
        assert_eq!(got["id"], want.id);
        assert_eq!(got["count"], want.count);
    }
}

#[tokio::test]
async fn concurrent_orders_and_admin_edits_keep_the_counts_exact() {
    let app = spawn_app().await;
    let a = create_category(&app, "Alpha").await;
    let b = create_category(&app, "Beta").await;
    let mut products = Vec::new();
    for i in 0..8 {
        let cats: Vec<i64> = match i % 3 {
            0 => vec![a],
            1 => vec![b],
            _ => vec![a, b],
        };
        let price = ["5.00", "9.99", "10.00", "30.00"][i % 4];
        products.push(create_product(&app, &format!("c-{i}"), price, 3, &cats).await);
    }
    let mut buyers = Vec::new();
    for i in 0..4 {
        buyers.push(app.create_user(&format!("rush-{i}")).await);
    }
    let mut tasks = Vec::new();
    for (n, buyer) in buyers.iter().enumerate() {
        let (app, token, products) = (&app, buyer.token.clone(), products.clone());
        tasks.push(async move {
            for round in 0..8 {
                let product = products[(n + round) % products.len()];
                let status = place(app, &token, product, 1).await.status().as_u16();
                assert!(matches!(status, 201 | 409 | 422), "order: {status}");
            }
        });
    }
    let admin = async {
        for (i, &product) in products.iter().enumerate() {
            let body = match i % 3 {
                0 => json!({"price": "120.00"}),
                1 => json!({"stock_delta": 1}),
                _ => json!({"category_ids": [b]}),
            };
            patch_product(&app, product, body).await;
        }
    };
    futures::future::join(futures::future::join_all(tasks), admin).await;
    let mut sold_out = 0;
    for &p in &products {
        if app.stock_of(p).await == 0 {
            sold_out += 1;
        }
    }
    assert!(sold_out > 0, "the orders sold some products out");
    assert_counts_match_scan(&app, &[a, b], "after the rush").await;
}

#[tokio::test]
async fn compaction_keeps_the_counts_and_shrinks_the_table() {
    let app = spawn_app().await;
    let a = create_category(&app, "Alpha").await;
    let p = create_product(&app, "flip", "10.00", 1, &[a]).await;
    create_product(&app, "still", "300.00", 2, &[a]).await;
    for price in ["20.00", "60.00", "200.00", "600.00", "10.00"] {
        patch_product(&app, p, json!({"price": price})).await;
    }
    for stock in [0, 3, 0, 1] {
        patch_product(&app, p, json!({"stock": stock})).await;
    }
    let before = delta_rows(&app).await;
    assert_counts_match_scan(&app, &[a], "before compaction").await;
    let removed = service::compact_facet_counts(&app.db().await)
        .await
        .unwrap();
    let after = delta_rows(&app).await;
    // Two products in one category, each in one group: 2 groups x (category 0 and `a`).
    assert_eq!(after, 4, "one row per non-empty group");
    assert_eq!(u64::try_from(before - after).unwrap(), removed);
    assert!(before > after);
    assert_counts_match_scan(&app, &[a], "after compaction").await;
    // Compacting a compacted table changes nothing.
    assert_eq!(
        service::compact_facet_counts(&app.db().await)
            .await
            .unwrap(),
        0
    );
    assert_counts_match_scan(&app, &[a], "compacted twice").await;
}

fn relations(node: &Value, out: &mut Vec<String>) {
    if let Some(name) = node["Relation Name"].as_str() {
        out.push(name.to_owned());
    }
    if let Some(children) = node["Plans"].as_array() {
        for child in children {
            relations(child, out);
        }
    }
}

/// The counted facets read the delta table and categories, never `products`.
#[tokio::test]
async fn counted_facets_never_read_products() {
    let app = spawn_app().await;
    let a = create_category(&app, "Alpha").await;
    create_product(&app, "one", "10.00", 1, &[a]).await;
    let client = app.list_db().await;
    service::count_product_facets(&client, Some(a), None)
        .await
        .unwrap();
    let statements: Vec<String> = common::plans::prepared_statements(&client)
        .await
        .into_iter()
        .filter(|s| s.contains("product_facet_deltas"))
        .collect();
    assert_eq!(statements.len(), 1, "{statements:#?}");
    for category in [0i64, a] {
        for in_stock in [None, Some(true)] {
            let rows = client
                .query(
                    &format!("EXPLAIN (FORMAT JSON) {}", statements[0]),
                    &[&category, &in_stock],
                )
                .await
                .unwrap();
            let plan: Value = rows[0].get(0);
            let mut names = Vec::new();
            relations(&plan[0]["Plan"], &mut names);
            assert!(names.contains(&"product_facet_deltas".to_owned()), "{plan}");
            assert!(!names.contains(&"products".to_owned()), "{plan}");
        }
    }
}

/// The facets read scans the whole delta table, so a bulk load must not leave
/// the million delta rows its triggers wrote (and the compaction deleted) on
/// disk: without a rewrite the table kept 127 MB of dead rows at 1M products
/// and the facets fell from thousands of requests per second to 80.
#[tokio::test]
async fn a_bulk_load_leaves_the_delta_table_no_larger_than_its_live_rows() {
    use codegen::queries::catalog::facet_counts as q;

    let app = spawn_app().await;
    let mut client = app.db().await;
    let raw: &mut tokio_postgres::Client = &mut client;
    ecommerce::catalog::seed::bulk_load_products(raw, 5_000, |_| {})
        .await
        .unwrap();

    let rows = delta_rows(&app).await;
    let pages = q::facet_deltas_pages().bind(&client).one().await.unwrap();
    // About 200 delta rows fit in a page; the load wrote ~15,000 (~75 pages).
    assert!(
        pages <= rows / 150 + 2,
        "{pages} pages for {rows} live rows"
    );
    assert_counts_match_scan(&app, &[], "after the bulk load").await;
}

/// A category deleted while an admin edits its products: the delete's cascade
/// locks a link and then (the facet trigger) its product, the edit locks the
/// product and then replaces its links, so the two deadlocked and PostgreSQL
/// aborted one: a 500. The delete now locks the products first, by id, and
/// catalog writes retry a deadlock anyway; the counts stay exact.
#[tokio::test]
async fn deleting_categories_while_their_products_are_edited_never_fails_with_500() {
    let app = spawn_app().await;
    let admin = app.admin_token().await;
    for round in 0..8 {
        let a = create_category(&app, &format!("Alpha {round}")).await;
        let b = create_category(&app, &format!("Beta {round}")).await;
        let mut products = Vec::new();
        for i in 0..4 {
            let slug = format!("race-{round}-{i}");
            products.push(create_product(&app, &slug, "10.00", i, &[a, b]).await);
        }
        let edits = products.iter().enumerate().map(|(i, &p)| {
            let (app, admin) = (&app, &admin);
            async move {
                let body = if i % 2 == 0 {
                    json!({"category_ids": [b, a], "stock": 5 - i as i32})
                } else {
                    json!({"category_ids": [a], "price": "30.00"})
                };
                let resp = app
                    .patch(&format!("/api/v1/products/{p}"), &body, Some(admin))
                    .await;
                resp.status().as_u16()
            }
        });
        let deletes = [a, b].map(|c| {
            let (app, admin) = (&app, &admin);
            async move {
                let resp = app
                    .delete(&format!("/api/v1/categories/{c}"), Some(admin))
                    .await;
                resp.status().as_u16()
            }
        });
        let (edited, deleted) = futures::future::join(
            futures::future::join_all(edits),
            futures::future::join_all(deletes),
        )
        .await;
        for status in edited {
            // 422: the edit named a category deleted before it committed.
            assert!(matches!(status, 200 | 422), "edit: {status}");
        }
        for status in deleted {
            assert_eq!(status, 204, "delete");
        }
        assert_counts_match_scan(&app, &[a, b], &format!("round {round}")).await;
    }
}
