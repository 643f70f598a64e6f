//! Catalog operations over PostgreSQL, one function per use case.
//!
//! Reads take any `GenericClient` and are one statement each; writes with
//! several steps take a pooled client and open their own transaction.
//!
//! Every write also takes the catalog [`Cache`] and invalidates it once its
//! change is committed, so the next public read sees it. That is why writes
//! take a pooled client, never a caller's transaction: the invalidation must
//! follow the commit. The cached reads themselves are in `reads.rs`.

use anyhow::Context;
use codegen::{
    client::{GenericClient, Params as _},
    queries::catalog::{
        categories as q_categories, facet_counts as q_counts, products as q_products,
        search as q_search,
    },
};
use rust_decimal::Decimal;

use crate::{cache::Cache, db::Client, pagination::Cursor};

use super::{
    domain::{
        CATEGORY_SORT, Category, CategoryDetail, CategoryFacet, CategoryListParams, CategoryPatch,
        CategorySummary, NewCategory, NewProduct, PRICE_FACET_BOUNDS, Page, PriceRangeFacet,
        Product, ProductAfter, ProductFacets, ProductFilter, ProductListParams, ProductPatch,
        ProductSort, contains_pattern, sku_pattern,
    },
    error::CatalogError,
};
use crate::db::violated_constraint;

impl From<q_categories::Category> for Category {
    fn from(row: q_categories::Category) -> Self {
        Self {
            id: row.id,
            name: row.name,
            slug: row.slug,
            description: row.description,
            created_at: row.created_at,
            updated_at: row.updated_at,
        }
    }
}

impl From<q_categories::CategoryWithCount> for CategoryDetail {
    fn from(row: q_categories::CategoryWithCount) -> Self {
        Self {
            category: Category {
                id: row.id,
                name: row.name,
                slug: row.slug,
                description: row.description,
                created_at: row.created_at,
                updated_at: row.updated_at,
            },
            product_count: row.product_count,
        }
    }
}

/// A product row with its categories (three parallel arrays, in name order).
fn product_from_row(row: q_products::ListedProduct) -> Product {
    let categories = row
        .category_ids
        .into_iter()
        .zip(row.category_names)
        .zip(row.category_slugs)
        .map(|((id, name), slug)| CategorySummary { id, name, slug })
        .collect();
    Product {
        id: row.id,
        name: row.name,
        slug: row.slug,
        description: row.description,
        price: row.price,
        stock: row.stock,
        is_active: row.is_active,
        created_at: row.created_at,
        updated_at: row.updated_at,
        categories,
    }
}

/// Turns unique violations of category constraints into domain errors.
fn category_write_error(
    error: tokio_postgres::Error,
    name: Option<&str>,
    slug: Option<&str>,
) -> CatalogError {
    match violated_constraint(&error) {
        Some("categories_name_lower_key") => {
            CatalogError::CategoryNameTaken(name.unwrap_or_default().to_owned())
        }
        Some("categories_slug_key") => CatalogError::SlugTaken(slug.unwrap_or_default().to_owned()),
        _ => error.into(),
    }
}

/// Turns constraint violations of product writes into domain errors.
fn product_write_error(
    error: tokio_postgres::Error,
    slug: Option<&str>,
    category_ids: &[i64],
) -> CatalogError {
    match violated_constraint(&error) {
        Some("products_slug_key") => CatalogError::SlugTaken(slug.unwrap_or_default().to_owned()),
        // Only a negative stock_delta larger than the stock can break it here.
        Some("products_stock_check") => CatalogError::StockWouldGoNegative,
        // Only stock + stock_delta can leave the `integer` range.
        _ if error.code() == Some(&tokio_postgres::error::SqlState::NUMERIC_VALUE_OUT_OF_RANGE) => {
            CatalogError::StockOutOfRange
        }
        // A category was deleted between our existence check and the insert.
        Some("product_categories_category_id_fkey") => {
            CatalogError::UnknownCategories(category_ids.to_vec())
        }
        _ => error.into(),
    }
}

/// Splits `limit + 1` fetched rows into a page and the cursor after its last row.
fn into_page<T>(mut rows: Vec<T>, limit: i64, cursor_of: impl Fn(&T) -> Cursor) -> Page<T> {
    let limit = usize::try_from(limit).unwrap_or(usize::MAX);
    let has_more = rows.len() > limit;
    rows.truncate(limit);
    let next = if has_more {
        rows.last().map(cursor_of)
    } else {
        None
    };
    Page { items: rows, next }
}

/// A page of categories ordered by name.
pub async fn list_categories(
    client: &impl GenericClient,
    params: &CategoryListParams,
) -> Result<Page<Category>, CatalogError> {
    let pattern = params.q.as_deref().map(contains_pattern);
    let (after_name, after_id) = match &params.after {
        Some((name, id)) => (Some(name.as_str()), Some(*id)),
        None => (None, None),
    };
    let rows = q_categories::list_categories()
        .bind(
            client,
            &pattern,
            &after_id,
            &after_name,
            &(params.limit + 1),
        )
        .all()
        .await?;
    let rows = rows.into_iter().map(Category::from).collect();
    Ok(into_page(rows, params.limit, |c: &Category| Cursor {
        sort: CATEGORY_SORT.to_owned(),
        key: c.name.clone(),
        id: c.id,
    }))
}

/// One category with its active product count.
pub async fn find_category(
    client: &impl GenericClient,
    id: i64,
) -> Result<CategoryDetail, CatalogError> {
    q_categories::find_category()
        .bind(client, &id)
        .opt()
        .await?
        .map(CategoryDetail::from)
        .ok_or(CatalogError::CategoryNotFound(id))
}

/// Creates a category; 409s on a taken name (any case) or slug.
pub async fn create_category(
    client: &Client,
    cache: &Cache,
    new: NewCategory,
) -> Result<Category, CatalogError> {
    let category = q_categories::insert_category()
        .bind(client, &new.name, &new.slug, &new.description)
        .one()
        .await
        .map(Category::from)
        .map_err(|e| category_write_error(e, Some(&new.name), Some(&new.slug)))?;
    // No product shows the new category yet; invalidating anyway keeps the
    // rule simple (every committed catalog write invalidates) for a rare write.
    cache.invalidate().await;
    Ok(category)
}

/// Changes the given fields of a category (products embed its name and slug).
pub async fn update_category(
    client: &Client,
    cache: &Cache,
    id: i64,
    patch: CategoryPatch,
) -> Result<Category, CatalogError> {
    let category = q_categories::update_category()
        .bind(client, &patch.name, &patch.slug, &patch.description, &id)
        .opt()
        .await
        .map_err(|e| category_write_error(e, patch.name.as_deref(), patch.slug.as_deref()))?
        .map(Category::from)
        .ok_or(CatalogError::CategoryNotFound(id))?;
    cache.invalidate().await;
    Ok(category)
}

/// Deletes a category; its products stay, only the links go.
pub async fn delete_category(
    client: &mut Client,
    cache: &Cache,
    id: i64,
) -> Result<(), CatalogError> {
    let tx = client.transaction().await?;
    // Its products first, by id (see the query): no deadlock with their edits.
    q_categories::lock_category_products()
        .bind(&tx, &id)
        .all()
        .await?;
    let deleted = q_categories::delete_category().bind(&tx, &id).await?;
    if deleted == 0 {
        return Err(CatalogError::CategoryNotFound(id));
    }
    tx.commit().await?;
    cache.invalidate().await;
    Ok(())
}

/// A page of active products with their categories: one statement, one round trip.
///
/// The statement reads the page and its categories in one snapshot, so no
/// transaction is needed. Run it on the list pool (`AppState::list_db`), whose
/// connections plan each execution for its parameters (`use_custom_plans` in
/// `queries/session.sql`). `search_config` is `SEARCH_LANGUAGE`, the text
/// search configuration of the stored vectors (start-up makes them agree).
pub async fn list_products(
    client: &impl GenericClient,
    search_config: &str,
    params: &ProductListParams,
) -> Result<Page<Product>, CatalogError> {
    if params.sort == ProductSort::Relevance {
        return search_products(client, search_config, params).await;
    }
    let rows = run_list_query(client, search_config, params).await?;
    let products: Vec<Product> = rows.into_iter().map(product_from_row).collect();
    let sort = params.sort;
    Ok(into_page(products, params.limit, |p: &Product| {
        ProductAfter::cursor_after(sort, p)
    }))
}

/// A page of search results, best match first (`sort=relevance`).
async fn search_products(
    client: &impl GenericClient,
    search_config: &str,
    params: &ProductListParams,
) -> Result<Page<Product>, CatalogError> {
    let f = &params.filter;
    let Some(q) = f.q.as_deref() else {
        return Err(CatalogError::Unexpected(anyhow::anyhow!(
            "sort=relevance without a search"
        )));
    };
    let (after_rank, after_id) = match &params.after {
        None => (None, None),
        Some(ProductAfter::Rank(rank, id)) => (Some(*rank), Some(*id)),
        Some(_) => {
            return Err(CatalogError::Unexpected(anyhow::anyhow!(
                "cursor position does not match sort relevance"
            )));
        }
    };
    let category_ids = (!f.category_ids.is_empty()).then(|| f.category_ids.clone());
    let rows = q_search::search_products_by_relevance()
        .params(
            client,
            &q_search::SearchProductsByRelevanceParams {
                search_config,
                search_q: q,
                name_pattern: sku_pattern(q),
                min_price: f.min_price,
                max_price: f.max_price,
                in_stock: f.in_stock,
                category_ids,
                after_id,
                after_rank,
                limit: params.limit + 1,
            },
        )
        .all()
        .await?;
    let ranked: Vec<(f32, Product)> = rows
        .into_iter()
        .map(|row| (row.rank, ranked_product(row)))
        .collect();
    let page = into_page(ranked, params.limit, |(rank, p)| {
        ProductAfter::cursor_after_rank(*rank, p.id)
    });
    Ok(Page {
        items: page.items.into_iter().map(|(_, p)| p).collect(),
        next: page.next,
    })
}

/// A search result row as a product (its rank goes into the cursor only).
fn ranked_product(row: q_search::RankedProduct) -> Product {
    product_from_row(q_products::ListedProduct {
        id: row.id,
        name: row.name,
        slug: row.slug,
        description: row.description,
        price: row.price,
        stock: row.stock,
        is_active: row.is_active,
        created_at: row.created_at,
        updated_at: row.updated_at,
        category_ids: row.category_ids,
        category_names: row.category_names,
        category_slugs: row.category_slugs,
    })
}

/// Facet counts of the active products matching `filter` (`GET /products/facets`).
///
/// Each facet is counted with all the *other* filters applied, so ticking a
/// category leaves the counts of the other categories as they were. Filters
/// the trigger-kept counts answer exactly ([`counted_facets_category`]) read
/// them ([`count_product_facets`]); the others scan the matching products
/// ([`scan_product_facets`]).
pub async fn list_product_facets(
    client: &impl GenericClient,
    search_config: &str,
    filter: &ProductFilter,
) -> Result<ProductFacets, CatalogError> {
    match counted_facets_category(filter) {
        Some(category) => count_product_facets(client, category, filter.in_stock).await,
        None => scan_product_facets(client, search_config, filter).await,
    }
}

/// `Some(category)` when the facet counts of V0018 answer `filter` exactly.
///
/// That is no `q`, no price range and at most one category (a product in two
/// selected categories would be counted twice), a real one (ids start at 1;
/// category 0 stands for every product in the counts).
#[must_use]
pub fn counted_facets_category(filter: &ProductFilter) -> Option<Option<i64>> {
    if filter.q.is_some() || filter.min_price.is_some() || filter.max_price.is_some() {
        return None;
    }
    match filter.category_ids.as_slice() {
        [] => Some(None),
        [id] if *id > 0 => Some(Some(*id)),
        _ => None,
    }
}

/// The price bounds as decimals, and facets with every count at zero.
fn empty_facets() -> (Vec<Decimal>, ProductFacets) {
    let bounds: Vec<Decimal> = PRICE_FACET_BOUNDS
        .iter()
        .copied()
        .map(Decimal::from)
        .collect();
    let facets = ProductFacets {
        total: 0,
        categories: Vec::new(),
        // Every range, also the empty ones, so the list does not change shape.
        price_ranges: bounds
            .iter()
            .enumerate()
            .map(|(i, &min)| PriceRangeFacet {
                min,
                max: bounds.get(i + 1).copied(),
                count: 0,
            })
            .collect(),
        in_stock: 0,
        out_of_stock: 0,
    };
    (bounds, facets)
}

/// Most products first, then by name: the order of the facet's categories.
fn sort_category_facets(facets: &mut ProductFacets) {
    facets
        .categories
        .sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.name.cmp(&b.name)));
}

/// Facet counts from the counts V0018's triggers keep (no `q`, no price range, `category` or none).
///
/// Reads the summed deltas (never `products`) and applies the disjunctive
/// rule to them: `total`, the price ranges and the stock counts from the
/// selected category's groups (category 0, every product, when none is
/// selected), the categories from every category's, `in_stock` applied.
pub async fn count_product_facets(
    client: &impl GenericClient,
    category: Option<i64>,
    in_stock: Option<bool>,
) -> Result<ProductFacets, CatalogError> {
    let rows = q_counts::product_facet_groups()
        .bind(client, &category.unwrap_or(0), &in_stock)
        .all()
        .await?;
    let (_, mut facets) = empty_facets();
    let wanted = |stocked: bool| in_stock.is_none_or(|want| want == stocked);
    for row in rows {
        // Bucket 0: a category to list (prices are never negative, so no price bucket is 0).
        if row.price_bucket == 0 {
            facets.categories.push(CategoryFacet {
                id: row.category_id,
                name: row.name.unwrap_or_default(),
                count: row.count,
            });
            continue;
        }
        if row.in_stock {
            facets.in_stock += row.count;
        } else {
            facets.out_of_stock += row.count;
        }
        if wanted(row.in_stock) {
            facets.total += row.count;
            let range = usize::try_from(row.price_bucket - 1)
                .ok()
                .and_then(|i| facets.price_ranges.get_mut(i))
                .ok_or_else(|| {
                    CatalogError::Unexpected(anyhow::anyhow!("price bucket {}", row.price_bucket))
                })?;
            range.count += row.count;
        }
    }
    sort_category_facets(&mut facets);
    Ok(facets)
}

/// Sums the facet count deltas into one row per group (worker housekeeping); returns the rows removed.
///
/// Then vacuums the table when rows were removed, so the facets read (a scan of
/// this small table) does not keep reading the dead ones. `client` must not be
/// in a transaction (VACUUM cannot run in one).
///
/// # Errors
/// A database error.
pub async fn compact_facet_counts(client: &impl GenericClient) -> Result<u64, CatalogError> {
    let before = q_counts::count_facet_deltas().bind(client).one().await?;
    let after = q_counts::compact_facet_deltas().bind(client).await?;
    let removed = u64::try_from(before).unwrap_or(0).saturating_sub(after);
    if removed > 0 {
        q_counts::vacuum_facet_deltas().bind(client).await?;
    }
    Ok(removed)
}

/// Facet counts by scanning the active products matching `filter` (any filter).
///
/// One statement reads each matching product once and counts every facet with
/// all the *other* filters applied. Run it on the list pool (custom plans).
pub async fn scan_product_facets(
    client: &impl GenericClient,
    search_config: &str,
    filter: &ProductFilter,
) -> Result<ProductFacets, CatalogError> {
    let (bounds, mut facets) = empty_facets();
    let search_q = filter.q.as_deref();
    let rows = q_search::product_facets()
        .params(
            client,
            &q_search::ProductFacetsParams {
                category_ids: (!filter.category_ids.is_empty())
                    .then(|| filter.category_ids.clone()),
                min_price: filter.min_price,
                max_price: filter.max_price,
                in_stock: filter.in_stock,
                search_q,
                name_pattern: search_q.and_then(sku_pattern),
                search_config,
                price_bounds: bounds,
            },
        )
        .all()
        .await?;
    for row in rows {
        match row.facet.as_str() {
            "total" => facets.total = row.count,
            "in_stock" if row.key == 1 => facets.in_stock = row.count,
            "in_stock" => facets.out_of_stock = row.count,
            // width_bucket: bucket i (1-based) is [bounds[i-1], bounds[i]); prices are never negative.
            "price" => {
                let range = usize::try_from(row.key - 1)
                    .ok()
                    .and_then(|i| facets.price_ranges.get_mut(i))
                    .ok_or_else(|| {
                        CatalogError::Unexpected(anyhow::anyhow!("price bucket {}", row.key))
                    })?;
                range.count = row.count;
            }
            "category" => facets.categories.push(CategoryFacet {
                id: row.key,
                name: row.name.unwrap_or_default(),
                count: row.count,
            }),
            other => {
                return Err(CatalogError::Unexpected(anyhow::anyhow!(
                    "unknown facet {other}"
                )));
            }
        }
    }
    sort_category_facets(&mut facets);
    Ok(facets)
}

/// Makes the stored search vectors use `config` (`SEARCH_LANGUAGE`); run at start-up.
///
/// Locks the configuration row, so api instances starting together take
/// turns; when the stored configuration differs, stores `config` and
/// recomputes every vector in the same transaction. Returns whether it did.
pub async fn ensure_search_config(client: &mut Client, config: &str) -> anyhow::Result<bool> {
    let tx = client.transaction().await?;
    let stored = q_search::lock_search_config()
        .bind(&tx)
        .one()
        .await
        .context("reading the stored search configuration")?;
    if stored == config {
        tx.commit().await?;
        return Ok(false);
    }
    q_search::set_search_config()
        .bind(&tx, &config)
        .await
        .with_context(|| {
            format!(
                "SEARCH_LANGUAGE={config} is not a text search configuration of this PostgreSQL"
            )
        })?;
    q_search::rebuild_search_vectors()
        .bind(&tx, &config)
        .await
        .context("recomputing the product search vectors")?;
    tx.commit()
        .await
        .context("committing the new search configuration")?;
    Ok(true)
}

/// Runs the list query of the requested sort, fetching `limit + 1` rows.
async fn run_list_query(
    client: &impl GenericClient,
    search_config: &str,
    params: &ProductListParams,
) -> Result<Vec<q_products::ListedProduct>, CatalogError> {
    let f = &params.filter;
    let category_ids = (!f.category_ids.is_empty()).then(|| f.category_ids.clone());
    let search_q = f.q.as_deref();
    let pattern = search_q.and_then(sku_pattern);
    let limit = params.limit + 1;
    let mismatch = || {
        CatalogError::Unexpected(anyhow::anyhow!(
            "cursor position does not match sort {:?}",
            params.sort
        ))
    };
    let (after_created, after_price, after_name, after_id) = match &params.after {
        None => (None, None, None, None),
        Some(ProductAfter::Created(at, id)) => (Some(*at), None, None, Some(*id)),
        Some(ProductAfter::Price(price, id)) => (None, Some(*price), None, Some(*id)),
        Some(ProductAfter::Name(name, id)) => (None, None, Some(name.clone()), Some(*id)),
        Some(ProductAfter::Rank(..)) => return Err(mismatch()),
    };
    if after_id.is_some() {
        let matches = match params.sort {
            ProductSort::Newest | ProductSort::Oldest => after_created.is_some(),
            ProductSort::PriceAsc | ProductSort::PriceDesc => after_price.is_some(),
            ProductSort::NameAsc | ProductSort::NameDesc => after_name.is_some(),
            ProductSort::Relevance => false,
        };
        if !matches {
            return Err(mismatch());
        }
    }
    let (min, max, stock) = (&f.min_price, &f.max_price, &f.in_stock);
    // One arm per (category filter?, sort): each is its own index-backed query.
    macro_rules! page {
        ($all:ident, $in_categories:ident, $after_key:expr) => {
            match &category_ids {
                None => {
                    q_products::$all()
                        .bind(
                            client,
                            min,
                            max,
                            &search_q,
                            &pattern,
                            &search_config,
                            stock,
                            &after_id,
                            $after_key,
                            &limit,
                        )
                        .all()
                        .await?
                }
                Some(ids) => {
                    q_products::$in_categories()
                        .bind(
                            client,
                            ids,
                            min,
                            max,
                            &search_q,
                            &pattern,
                            &search_config,
                            stock,
                            &after_id,
                            $after_key,
                            &limit,
                        )
                        .all()
                        .await?
                }
            }
        };
    }
    let rows = match params.sort {
        ProductSort::Newest => page!(
            list_products_by_newest,
            list_products_in_categories_by_newest,
            &after_created
        ),
        ProductSort::Oldest => page!(
            list_products_by_oldest,
            list_products_in_categories_by_oldest,
            &after_created
        ),
        ProductSort::PriceAsc => page!(
            list_products_by_price_asc,
            list_products_in_categories_by_price_asc,
            &after_price
        ),
        ProductSort::PriceDesc => page!(
            list_products_by_price_desc,
            list_products_in_categories_by_price_desc,
            &after_price
        ),
        ProductSort::NameAsc => page!(
            list_products_by_name_asc,
            list_products_in_categories_by_name_asc,
            &after_name
        ),
        ProductSort::NameDesc => page!(
            list_products_by_name_desc,
            list_products_in_categories_by_name_desc,
            &after_name
        ),
        ProductSort::Relevance => return Err(mismatch()),
    };
    Ok(rows)
}

/// One product with its categories; inactive ones only when `include_inactive`.
pub async fn find_product(
    client: &impl GenericClient,
    id: i64,
    include_inactive: bool,
) -> Result<Product, CatalogError> {
    q_products::find_product()
        .bind(client, &id)
        .opt()
        .await?
        .filter(|p| include_inactive || p.is_active)
        .map(product_from_row)
        .ok_or(CatalogError::ProductNotFound(id))
}

/// The current stock of each of `ids` that exists (cached pages overlay it).
pub async fn product_stocks(
    client: &impl GenericClient,
    ids: &[i64],
) -> Result<std::collections::HashMap<i64, i32>, CatalogError> {
    if ids.is_empty() {
        return Ok(std::collections::HashMap::new());
    }
    Ok(q_products::find_product_stocks()
        .bind(client, &ids)
        .all()
        .await?
        .into_iter()
        .map(|row| (row.id, row.stock))
        .collect())
}

/// Fails with the ids among `ids` that name no category.
async fn ensure_categories_exist(
    client: &impl GenericClient,
    ids: &[i64],
) -> Result<(), CatalogError> {
    if ids.is_empty() {
        return Ok(());
    }
    let found = q_categories::find_existing_category_ids()
        .bind(client, &ids)
        .all()
        .await?;
    let unknown: Vec<i64> = ids
        .iter()
        .copied()
        .filter(|id| !found.contains(id))
        .collect();
    if unknown.is_empty() {
        Ok(())
    } else {
        Err(CatalogError::UnknownCategories(unknown))
    }
}

/// Replaces a product's category links (inside the caller's transaction).
async fn set_categories(
    client: &impl GenericClient,
    product_id: i64,
    ids: &[i64],
) -> Result<(), CatalogError> {
    q_products::delete_product_categories()
        .bind(client, &product_id)
        .await?;
    if !ids.is_empty() {
        q_products::insert_product_categories()
            .bind(client, &product_id, &ids)
            .await
            .map_err(|e| product_write_error(e, None, ids))?;
    }
    Ok(())
}

/// Creates a product and its category links in one transaction.
pub async fn create_product(
    client: &mut Client,
    cache: &Cache,
    new: NewProduct,
) -> Result<Product, CatalogError> {
    let tx = client.transaction().await?;
    ensure_categories_exist(&tx, &new.category_ids).await?;
    let row = q_products::insert_product()
        .bind(
            &tx,
            &new.name,
            &new.slug,
            &new.description,
            &new.price,
            &new.stock,
            &new.is_active,
        )
        .one()
        .await
        .map_err(|e| product_write_error(e, Some(&new.slug), &new.category_ids))?;
    set_categories(&tx, row.id, &new.category_ids).await?;
    let product = find_product(&tx, row.id, true).await?;
    tx.commit().await.context("committing a new product")?;
    cache.invalidate().await;
    Ok(product)
}

/// Changes a product's fields and, if given, replaces its categories, in one transaction.
pub async fn update_product(
    client: &mut Client,
    cache: &Cache,
    id: i64,
    patch: ProductPatch,
) -> Result<Product, CatalogError> {
    let tx = client.transaction().await?;
    if let Some(ids) = &patch.category_ids {
        ensure_categories_exist(&tx, ids).await?;
    }
    q_products::update_product()
        .bind(
            &tx,
            &patch.name,
            &patch.slug,
            &patch.description,
            &patch.price,
            &patch.stock,
            &patch.stock_delta,
            &patch.is_active,
            &id,
        )
        .opt()
        .await
        .map_err(|e| product_write_error(e, patch.slug.as_deref(), &[]))?
        .ok_or(CatalogError::ProductNotFound(id))?;
    if let Some(ids) = &patch.category_ids {
        set_categories(&tx, id, ids).await?;
    }
    let product = find_product(&tx, id, true).await?;
    tx.commit().await.context("committing a product update")?;
    cache.invalidate().await;
    Ok(product)
}

/// Soft-deletes a product: it stays for order history but disappears from public reads.
pub async fn delete_product(client: &Client, cache: &Cache, id: i64) -> Result<(), CatalogError> {
    let updated = q_products::deactivate_product().bind(client, &id).await?;
    if updated == 0 {
        return Err(CatalogError::ProductNotFound(id));
    }
    cache.invalidate().await;
    Ok(())
}
