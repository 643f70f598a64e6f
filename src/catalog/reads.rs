//! Public catalog reads through the Redis cache, answered as ready-to-send JSON.
//!
//! A miss runs the service query and stores the serialised response (one
//! Redis round trip, the store is not awaited). Entries are keyed by the
//! validated request, so equivalent requests share one: `?category=2&category=1`
//! and `?category=1&category=2`, or `min_price=10` and `min_price=10.00`.
//!
//! What changes often is kept apart from what does not. Catalog writes
//! (products, categories) invalidate every entry after they commit
//! (`Cache::invalidate`, see `service.rs`). Orders change only stock: a hit on
//! a list page overlays the current stock of its products from PostgreSQL (one
//! primary-key query for the page's ids), so stock is never stale and orders
//! do not invalidate those entries. Only what depends on *whether* products
//! are in stock — lists filtered by `in_stock`, and facets ([`Scope::Stock`])
//! — is invalidated by orders, and only by those that sell a product out or
//! bring one back (`Cache::invalidate_stock` in `orders::service`).
//!
//! One product (`GET /products/{id}`) is not cached at all: see
//! [`find_product`]. So the cache only ever holds what anyone may see.
//!
//! With read replicas (`DATABASE_REPLICA_URLS`), what the cache stores is
//! still read from the primary: a replica a few milliseconds behind could
//! otherwise store data older than the invalidation that preceded it, and the
//! cache would serve it for its whole TTL. Public reads that are not stored
//! (product pages, free text, price ranges, several categories, or the cache off or
//! unavailable) go to a replica, at most `REPLICA_MAX_LAG_MS` behind.

use bytes::Bytes;
use rust_decimal::Decimal;
use serde_json::json;

use serde_json::Value;

use super::{
    domain::{ProductAfter, ProductFilter, ProductListParams},
    dto::{ProductFacetsResponse, ProductListResponse, ProductResponse},
    error::CatalogError,
    service,
};
use crate::{
    cache::{Cache, Scope},
    db::{Client, Plans, Pool, replicas::Replicas},
    http::json_bytes::JsonBytes,
    pagination::CursorCodec,
};

/// A page of active products (`GET /products`), from the cache when possible.
///
/// Cache fills read `primary` (the list pool); lists the cache does not store
/// go to a read replica when one is usable (see [`crate::db::replicas`]).
pub async fn list_products(
    primary: &Pool,
    replicas: &Replicas,
    cache: &Cache,
    cursors: &CursorCodec,
    search_config: &str,
    params: &ProductListParams,
) -> Result<JsonBytes<ProductListResponse>, CatalogError> {
    let query = |client: Client| async move {
        let page = service::list_products(&client, search_config, params).await?;
        let body = ProductListResponse::from_page(page, cursors);
        Ok::<Bytes, CatalogError>(JsonBytes::encode(&body).into_bytes())
    };
    let fill = || async { query(primary.get().await?).await };
    let direct = || replicas.read(primary, Plans::Custom, &query);
    if !is_cacheable(params) {
        return Ok(JsonBytes::from_encoded(direct().await?));
    }
    // Which products are on an `in_stock` page changes when one sells out.
    let scope = if params.filter.in_stock.is_some() {
        Scope::Stock
    } else {
        Scope::Content
    };
    let fetched = cache
        .get_or_compute_apart(&list_key(params), scope, fill, direct)
        .await?;
    let bytes = if fetched.hit {
        overlay_stock(primary, fetched.bytes).await?
    } else {
        fetched.bytes
    };
    Ok(JsonBytes::from_encoded(bytes))
}

/// Replaces the `stock` of each product of a cached list page (`bytes`) with its current value.
async fn overlay_stock(db: &Pool, bytes: Bytes) -> Result<Bytes, CatalogError> {
    let mut body: Value = serde_json::from_slice(&bytes)
        .map_err(|e| CatalogError::Unexpected(anyhow::anyhow!("cached body: {e}")))?;
    let items: Vec<&mut Value> = match body.get_mut("items") {
        Some(Value::Array(items)) => items.iter_mut().collect(),
        _ => return Ok(bytes),
    };
    let ids: Vec<i64> = items.iter().filter_map(|p| p["id"].as_i64()).collect();
    if ids.is_empty() {
        return Ok(bytes);
    }
    let client = db.get().await?;
    let stocks = service::product_stocks(&client, &ids).await?;
    for item in items {
        if let Some(stock) = item["id"].as_i64().and_then(|id| stocks.get(&id)) {
            item["stock"] = Value::from(*stock);
        }
    }
    Ok(serde_json::to_vec(&body)
        .map_err(|e| CatalogError::Unexpected(e.into()))?
        .into())
}

/// Whether a list request may be stored in the cache.
///
/// Only the pages shops link to are cached: the whole catalog or one
/// category, any sort, any page. Free text and price ranges give a client an
/// unbounded supply of distinct keys, so they would let one client fill Redis
/// (which also holds revocations and must not evict); those requests are
/// served from PostgreSQL's indexes instead. What remains is bounded by
/// categories × sorts × page sizes × pages (cursors are signed, so only pages
/// that exist can be asked for).
fn is_cacheable(params: &ProductListParams) -> bool {
    is_bounded(&params.filter)
}

/// Whether a filter is one of the bounded set of cacheable ones (see [`is_cacheable`]).
fn is_bounded(f: &ProductFilter) -> bool {
    f.q.is_none() && f.min_price.is_none() && f.max_price.is_none() && f.category_ids.len() <= 1
}

/// Facet counts (`GET /products/facets`), from the cache when the filter is a bounded one.
///
/// Cached under the same rule as the lists ([`is_cacheable`]): the whole
/// catalog or one category, with or without `in_stock`.
pub async fn list_product_facets(
    primary: &Pool,
    replicas: &Replicas,
    cache: &Cache,
    search_config: &str,
    filter: &ProductFilter,
) -> Result<JsonBytes<ProductFacetsResponse>, CatalogError> {
    let query = |client: Client| async move {
        let facets = service::list_product_facets(&client, search_config, filter).await?;
        let body = ProductFacetsResponse::from(facets);
        Ok::<Bytes, CatalogError>(JsonBytes::encode(&body).into_bytes())
    };
    let fill = || async { query(primary.get().await?).await };
    let direct = || replicas.read(primary, Plans::Custom, &query);
    let bytes = if is_bounded(filter) {
        // The in_stock counts change when a product sells out.
        cache
            .get_or_compute_apart(&facets_key(filter), Scope::Stock, fill, direct)
            .await?
            .bytes
    } else {
        direct().await?
    };
    Ok(JsonBytes::from_encoded(bytes))
}

/// Cache key of a facets request (bounded filters only: no text, no price range).
fn facets_key(f: &ProductFilter) -> String {
    let mut categories = f.category_ids.clone();
    categories.sort_unstable();
    categories.dedup();
    format!("facets:{}", json!([categories, f.in_stock]))
}

/// One product (`GET /products/{id}`), always from PostgreSQL, never from the cache.
///
/// A product page is one primary-key lookup (with its few categories), and its
/// stock must be current, so a cached body would still need a primary-key query
/// for the stock: a hit would cost a Redis round trip *plus* about what it
/// saves, and a miss (random ids mostly miss) a Redis round trip for nothing.
/// So the cache is never worse than no cache here by construction.
///
/// Admins read `primary` (they must see their own writes, inactive products
/// included); public reads go to a read replica when one is usable.
pub async fn find_product(
    primary: &Pool,
    replicas: &Replicas,
    id: i64,
    include_inactive: bool,
) -> Result<JsonBytes<ProductResponse>, CatalogError> {
    let query = |client: Client| async move {
        let product = service::find_product(&client, id, include_inactive).await?;
        Ok::<Bytes, CatalogError>(JsonBytes::encode(&ProductResponse::from(product)).into_bytes())
    };
    let bytes = if include_inactive {
        query(primary.get().await?).await?
    } else {
        replicas.read(primary, Plans::Cached, &query).await?
    };
    Ok(JsonBytes::from_encoded(bytes))
}

/// Cache key of a product list request: its validated parameters in a canonical form.
///
/// JSON keeps free text (`q`, name cursors) unambiguous; category ids are
/// sorted and deduplicated and decimals normalised (`10.50` → `10.5`), since
/// neither changes the result.
fn list_key(params: &ProductListParams) -> String {
    let f = &params.filter;
    let mut categories = f.category_ids.clone();
    categories.sort_unstable();
    categories.dedup();
    let after = params.after.as_ref().map(|after| match after {
        ProductAfter::Created(at, id) => json!(["created", at.timestamp_micros(), id]),
        ProductAfter::Price(price, id) => json!(["price", decimal(price), id]),
        ProductAfter::Name(name, id) => json!(["name", name, id]),
        ProductAfter::Rank(rank, id) => json!(["rank", rank.to_bits(), id]),
    });
    let canonical = json!([
        categories,
        f.min_price.as_ref().map(decimal),
        f.max_price.as_ref().map(decimal),
        f.q,
        f.in_stock,
        params.sort.as_str(),
        params.limit,
        after,
    ]);
    format!("products:{canonical}")
}

/// A decimal's shortest exact text: `10.00` and `10` give the same key.
fn decimal(value: &Decimal) -> String {
    value.normalize().to_string()
}

#[cfg(test)]
mod tests {
    use std::str::FromStr;

    use chrono::DateTime;

    use super::*;
    use crate::catalog::domain::{ProductFilter, ProductSort};

    fn params() -> ProductListParams {
        ProductListParams {
            filter: ProductFilter::default(),
            sort: ProductSort::Newest,
            limit: 20,
            after: None,
        }
    }

    fn price(text: &str) -> Decimal {
        Decimal::from_str(text).unwrap()
    }

    #[test]
    fn equivalent_requests_share_a_key() {
        let cases: Vec<(&str, ProductListParams, ProductListParams)> = vec![
            (
                "category order and repeats",
                ProductListParams {
                    filter: ProductFilter {
                        category_ids: vec![3, 1, 3],
                        ..Default::default()
                    },
                    ..params()
                },
                ProductListParams {
                    filter: ProductFilter {
                        category_ids: vec![1, 3],
                        ..Default::default()
                    },
                    ..params()
                },
            ),
            (
                "trailing zeros of prices",
                ProductListParams {
                    filter: ProductFilter {
                        min_price: Some(price("10.00")),
                        max_price: Some(price("20.50")),
                        ..Default::default()
                    },
                    ..params()
                },
                ProductListParams {
                    filter: ProductFilter {
                        min_price: Some(price("10")),
                        max_price: Some(price("20.5")),
                        ..Default::default()
                    },
                    ..params()
                },
            ),
            (
                "trailing zeros of a price cursor",
                ProductListParams {
                    sort: ProductSort::PriceAsc,
                    after: Some(ProductAfter::Price(price("9.90"), 7)),
                    ..params()
                },
                ProductListParams {
                    sort: ProductSort::PriceAsc,
                    after: Some(ProductAfter::Price(price("9.9"), 7)),
                    ..params()
                },
            ),
            (
                "time zone of a date cursor",
                ProductListParams {
                    after: Some(ProductAfter::Created(
                        DateTime::parse_from_rfc3339("2025-01-15T10:30:00+00:00").unwrap(),
                        7,
                    )),
                    ..params()
                },
                ProductListParams {
                    after: Some(ProductAfter::Created(
                        DateTime::parse_from_rfc3339("2025-01-15T13:30:00+03:00").unwrap(),
                        7,
                    )),
                    ..params()
                },
            ),
        ];
        for (description, a, b) in cases {
            assert_eq!(list_key(&a), list_key(&b), "{description}");
        }
    }

    #[test]
    fn requests_with_different_results_get_different_keys() {
        let base = params();
        let variants: Vec<(&str, ProductListParams)> = vec![
            (
                "category",
                ProductListParams {
                    filter: ProductFilter {
                        category_ids: vec![1],
                        ..Default::default()
                    },
                    ..params()
                },
            ),
            (
                "min_price",
                ProductListParams {
                    filter: ProductFilter {
                        min_price: Some(price("1")),
                        ..Default::default()
                    },
                    ..params()
                },
            ),
            (
                "max_price",
                ProductListParams {
                    filter: ProductFilter {
                        max_price: Some(price("1")),
                        ..Default::default()
                    },
                    ..params()
                },
            ),
            (
                "q",
                ProductListParams {
                    filter: ProductFilter {
                        q: Some("lamp".into()),
                        ..Default::default()
                    },
                    ..params()
                },
            ),
            (
                "in_stock=true",
                ProductListParams {
                    filter: ProductFilter {
                        in_stock: Some(true),
                        ..Default::default()
                    },
                    ..params()
                },
            ),
            (
                "in_stock=false",
                ProductListParams {
                    filter: ProductFilter {
                        in_stock: Some(false),
                        ..Default::default()
                    },
                    ..params()
                },
            ),
            (
                "sort",
                ProductListParams {
                    sort: ProductSort::Oldest,
                    ..params()
                },
            ),
            (
                "limit",
                ProductListParams {
                    limit: 21,
                    ..params()
                },
            ),
            (
                "cursor",
                ProductListParams {
                    after: Some(ProductAfter::Created(
                        DateTime::parse_from_rfc3339("2025-01-15T10:30:00+00:00").unwrap(),
                        7,
                    )),
                    ..params()
                },
            ),
        ];
        let mut keys = vec![list_key(&base)];
        for (description, variant) in &variants {
            let key = list_key(variant);
            assert!(!keys.contains(&key), "{description}: key {key} collides");
            keys.push(key);
        }
    }

    #[test]
    fn free_text_cannot_forge_another_requests_key() {
        // A search term that spells out the rest of a key must not match that key.
        let sneaky = ProductListParams {
            filter: ProductFilter {
                q: Some(r#"a",true,"newest"#.into()),
                ..Default::default()
            },
            ..params()
        };
        let honest = ProductListParams {
            filter: ProductFilter {
                q: Some("a".into()),
                in_stock: Some(true),
                ..Default::default()
            },
            ..params()
        };
        assert_ne!(list_key(&sneaky), list_key(&honest));

        let name_cursor = |name: &str, id| ProductListParams {
            sort: ProductSort::NameAsc,
            after: Some(ProductAfter::Name(name.into(), id)),
            ..params()
        };
        assert_ne!(
            list_key(&name_cursor("a\",1", 2)),
            list_key(&name_cursor("a", 1))
        );
    }

    #[test]
    fn only_bounded_requests_are_cached() {
        let mut p = params();
        assert!(is_cacheable(&p), "the catalog's first page");
        p.filter.category_ids = vec![3];
        assert!(is_cacheable(&p), "one category");
        p.filter.category_ids = vec![3, 4];
        assert!(!is_cacheable(&p), "category combinations");
        let mut p = params();
        p.filter.q = Some("lamp".into());
        assert!(!is_cacheable(&p), "free text");
        let mut p = params();
        p.filter.min_price = Some(price("10.01"));
        assert!(!is_cacheable(&p), "price ranges");
    }
}
