//! Catalog domain types and the parsers that build them from raw input.
//!
//! Everything here is validated: a `NewProduct` cannot hold a negative price,
//! a `ProductListParams` cannot hold `min_price > max_price`.

use std::str::FromStr;

use chrono::{DateTime, FixedOffset};
use rust_decimal::Decimal;

use super::error::CatalogError;
use crate::{
    money,
    pagination::{self, Cursor},
};

/// Longest product name (matches the table's CHECK).
const MAX_PRODUCT_NAME: usize = 200;
/// Longest category name (matches the table's CHECK).
const MAX_CATEGORY_NAME: usize = 100;
/// Longest slug (matches the tables' CHECKs for categories).
const MAX_SLUG: usize = 120;
/// Longest description.
const MAX_DESCRIPTION: usize = 10_000;
/// Longest search term.
const MAX_QUERY: usize = 100;
/// Most categories a product may be in.
const MAX_PRODUCT_CATEGORIES: usize = 50;
/// Most `category` filters per list request.
const MAX_CATEGORY_FILTERS: usize = 50;

/// A category as stored.
#[derive(Debug, Clone, PartialEq)]
pub struct Category {
    /// Primary key.
    pub id: i64,
    /// Display name, unique regardless of case.
    pub name: String,
    /// URL identifier, unique.
    pub slug: String,
    /// Free text.
    pub description: String,
    /// Creation time.
    pub created_at: DateTime<FixedOffset>,
    /// Last change.
    pub updated_at: DateTime<FixedOffset>,
}

/// A category with the number of active products in it (detail view).
#[derive(Debug, Clone, PartialEq)]
pub struct CategoryDetail {
    /// The category.
    pub category: Category,
    /// Active products linked to it.
    pub product_count: i64,
}

/// The short form of a category embedded in products.
#[derive(Debug, Clone, PartialEq)]
pub struct CategorySummary {
    /// Category id.
    pub id: i64,
    /// Category name.
    pub name: String,
    /// Category slug.
    pub slug: String,
}

/// A product with its categories.
#[derive(Debug, Clone, PartialEq)]
pub struct Product {
    /// Primary key.
    pub id: i64,
    /// Display name.
    pub name: String,
    /// URL identifier, unique.
    pub slug: String,
    /// Free text.
    pub description: String,
    /// Unit price, two decimals, never negative.
    pub price: Decimal,
    /// Units in stock, never negative.
    pub stock: i32,
    /// False once soft-deleted.
    pub is_active: bool,
    /// Creation time (the `newest`/`oldest` sort key).
    pub created_at: DateTime<FixedOffset>,
    /// Last change.
    pub updated_at: DateTime<FixedOffset>,
    /// Categories, by name.
    pub categories: Vec<CategorySummary>,
}

/// One page of a keyset-paginated list.
#[derive(Debug, Clone)]
pub struct Page<T> {
    /// The rows of this page.
    pub items: Vec<T>,
    /// Unsigned cursor of the last row when more rows follow.
    pub next: Option<Cursor>,
}

/// Product list orders; each has its own index and query.
#[derive(Debug, Clone, Copy, PartialEq, Eq, poem_openapi::Enum)]
pub enum ProductSort {
    /// `newest`: `created_at` descending (the default).
    #[oai(rename = "newest")]
    Newest,
    /// `oldest`: `created_at` ascending.
    #[oai(rename = "oldest")]
    Oldest,
    /// `price`: cheapest first.
    #[oai(rename = "price")]
    PriceAsc,
    /// `-price`: dearest first.
    #[oai(rename = "-price")]
    PriceDesc,
    /// `name`: A→Z.
    #[oai(rename = "name")]
    NameAsc,
    /// `-name`: Z→A.
    #[oai(rename = "-name")]
    NameDesc,
    /// `relevance`: best search match first (the default when `q` is given; needs `q`).
    #[oai(rename = "relevance")]
    Relevance,
}

impl ProductSort {
    /// Every sort, for tests and docs.
    pub const ALL: [ProductSort; 7] = [
        Self::Newest,
        Self::Oldest,
        Self::PriceAsc,
        Self::PriceDesc,
        Self::NameAsc,
        Self::NameDesc,
        Self::Relevance,
    ];

    /// Parses the `sort` query parameter.
    pub fn parse(value: &str) -> Result<Self, CatalogError> {
        Self::ALL
            .into_iter()
            .find(|s| s.as_str() == value)
            .ok_or_else(|| {
                CatalogError::invalid(
                    "sort",
                    format!(
                        "unknown sort `{value}`; expected one of relevance, price, -price, name, -name, newest, oldest"
                    ),
                )
            })
    }

    /// The wire name, also stored in cursors.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Newest => "newest",
            Self::Oldest => "oldest",
            Self::PriceAsc => "price",
            Self::PriceDesc => "-price",
            Self::NameAsc => "name",
            Self::NameDesc => "-name",
            Self::Relevance => "relevance",
        }
    }
}

/// Where the next page starts, typed for the sort's query.
#[derive(Debug, Clone, PartialEq)]
pub enum ProductAfter {
    /// After this (`created_at`, id).
    Created(DateTime<FixedOffset>, i64),
    /// After this (price, id).
    Price(Decimal, i64),
    /// After this (name, id).
    Name(String, i64),
    /// After this (search rank, id); the rank is the `real` PostgreSQL computed.
    Rank(f32, i64),
}

impl ProductAfter {
    /// Reads the typed position from a verified cursor of `sort`.
    pub fn from_cursor(sort: ProductSort, cursor: &Cursor) -> Result<Self, CatalogError> {
        let bad =
            || CatalogError::InvalidCursor(crate::pagination::CursorError::Malformed.to_string());
        Ok(match sort {
            ProductSort::Newest | ProductSort::Oldest => {
                let micros: i64 = cursor.key.parse().map_err(|_| bad())?;
                let at = DateTime::from_timestamp_micros(micros).ok_or_else(bad)?;
                Self::Created(at.fixed_offset(), cursor.id)
            }
            ProductSort::PriceAsc | ProductSort::PriceDesc => Self::Price(
                Decimal::from_str(&cursor.key).map_err(|_| bad())?,
                cursor.id,
            ),
            ProductSort::NameAsc | ProductSort::NameDesc => {
                Self::Name(cursor.key.clone(), cursor.id)
            }
            ProductSort::Relevance => {
                let rank: f32 = cursor.key.parse().map_err(|_| bad())?;
                if !rank.is_finite() {
                    return Err(bad());
                }
                Self::Rank(rank, cursor.id)
            }
        })
    }

    /// The cursor that continues after `product` in `sort` (for `relevance`, use [`Self::cursor_after_rank`]).
    pub fn cursor_after(sort: ProductSort, product: &Product) -> Cursor {
        let key = match sort {
            ProductSort::Newest | ProductSort::Oldest => {
                product.created_at.timestamp_micros().to_string()
            }
            ProductSort::PriceAsc | ProductSort::PriceDesc => product.price.to_string(),
            ProductSort::NameAsc | ProductSort::NameDesc => product.name.clone(),
            ProductSort::Relevance => return Self::cursor_after_rank(0.0, product.id),
        };
        Cursor {
            sort: sort.as_str().to_owned(),
            key,
            id: product.id,
        }
    }

    /// The `relevance` cursor after a product of search rank `rank`.
    ///
    /// Rust prints an `f32` as the shortest text that parses back to the same
    /// value, so the next page compares against exactly the `real` PostgreSQL returned.
    pub fn cursor_after_rank(rank: f32, id: i64) -> Cursor {
        Cursor {
            sort: ProductSort::Relevance.as_str().to_owned(),
            key: rank.to_string(),
            id,
        }
    }
}

/// Validated product list filters.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ProductFilter {
    /// Products in any of these categories; empty means no category filter.
    pub category_ids: Vec<i64>,
    /// Inclusive lower price bound.
    pub min_price: Option<Decimal>,
    /// Inclusive upper price bound.
    pub max_price: Option<Decimal>,
    /// Search text (`websearch_to_tsquery` syntax, last word as a prefix; see [`sku_pattern`]).
    pub q: Option<String>,
    /// `true`: stock > 0; `false`: stock = 0.
    pub in_stock: Option<bool>,
}

/// Lower bounds of the price facet's ranges; each range ends where the next begins, the last is open.
pub const PRICE_FACET_BOUNDS: [u32; 7] = [0, 10, 25, 50, 100, 250, 500];

/// Facet counts of a filtered product list (`GET /products/facets`).
#[derive(Debug, Clone, PartialEq)]
pub struct ProductFacets {
    /// Products matching every filter.
    pub total: i64,
    /// Per category, with every filter but `category`; most products first.
    pub categories: Vec<CategoryFacet>,
    /// Per price range, with every filter but the price range.
    pub price_ranges: Vec<PriceRangeFacet>,
    /// In stock, with every filter but `in_stock`.
    pub in_stock: i64,
    /// Out of stock, with every filter but `in_stock`.
    pub out_of_stock: i64,
}

/// One category's count.
#[derive(Debug, Clone, PartialEq)]
pub struct CategoryFacet {
    /// Category id.
    pub id: i64,
    /// Category name.
    pub name: String,
    /// Matching products in it.
    pub count: i64,
}

/// One price range's count: `min <= price < max`.
#[derive(Debug, Clone, PartialEq)]
pub struct PriceRangeFacet {
    /// Inclusive lower bound.
    pub min: Decimal,
    /// Exclusive upper bound; `None` for the last range.
    pub max: Option<Decimal>,
    /// Matching products in the range.
    pub count: i64,
}

/// A validated `GET /products` request.
#[derive(Debug, Clone, PartialEq)]
pub struct ProductListParams {
    /// Filters.
    pub filter: ProductFilter,
    /// Order.
    pub sort: ProductSort,
    /// Page size, 1..=100.
    pub limit: i64,
    /// Position after which the page starts (from a verified cursor).
    pub after: Option<ProductAfter>,
}

/// A validated `GET /categories` request.
#[derive(Debug, Clone, PartialEq)]
pub struct CategoryListParams {
    /// Case-insensitive name substring.
    pub q: Option<String>,
    /// Page size, 1..=100.
    pub limit: i64,
    /// Last (name, id) of the previous page.
    pub after: Option<(String, i64)>,
}

/// Cursor sort label of the category list.
pub const CATEGORY_SORT: &str = "category_name";

/// A validated new category.
#[derive(Debug, Clone, PartialEq)]
pub struct NewCategory {
    /// Trimmed name.
    pub name: String,
    /// Given or derived slug.
    pub slug: String,
    /// Description (empty when not given).
    pub description: String,
}

/// Validated category changes; `None` keeps the current value.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CategoryPatch {
    /// New name.
    pub name: Option<String>,
    /// New slug.
    pub slug: Option<String>,
    /// New description.
    pub description: Option<String>,
}

/// A validated new product.
#[derive(Debug, Clone, PartialEq)]
pub struct NewProduct {
    /// Trimmed name.
    pub name: String,
    /// Given or derived slug.
    pub slug: String,
    /// Description (empty when not given).
    pub description: String,
    /// Price.
    pub price: Decimal,
    /// Initial stock.
    pub stock: i32,
    /// Whether it is listed.
    pub is_active: bool,
    /// Categories, deduplicated.
    pub category_ids: Vec<i64>,
}

/// Validated product changes; `None` keeps the current value.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ProductPatch {
    /// New name.
    pub name: Option<String>,
    /// New slug.
    pub slug: Option<String>,
    /// New description.
    pub description: Option<String>,
    /// New price.
    pub price: Option<Decimal>,
    /// New stock, absolute (a recount).
    pub stock: Option<i32>,
    /// Units to add (positive) or remove (negative) relative to the stock at commit time.
    pub stock_delta: Option<i32>,
    /// Re-list or hide.
    pub is_active: Option<bool>,
    /// Replaces the category list when given.
    pub category_ids: Option<Vec<i64>>,
}

/// Parses a money amount given as a decimal string (see [`money::parse`]); 422 naming the field.
pub fn parse_money(field: &'static str, value: &str) -> Result<Decimal, CatalogError> {
    money::parse(field, value).map_err(|message| CatalogError::invalid(field, message))
}

/// Derives a slug: ASCII letters and digits lowercased, every other run of characters one `-`.
pub fn slugify(name: &str) -> String {
    let mut slug = String::with_capacity(name.len());
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    while slug.ends_with('-') {
        slug.pop();
    }
    slug.truncate(MAX_SLUG);
    while slug.ends_with('-') {
        slug.pop();
    }
    slug
}

/// Checks a client-given slug: lowercase ASCII words joined by single hyphens.
pub fn parse_slug(value: &str) -> Result<String, CatalogError> {
    let ok = !value.is_empty()
        && value.len() <= MAX_SLUG
        && value.split('-').all(|part| {
            !part.is_empty()
                && part
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        });
    if ok {
        Ok(value.to_owned())
    } else {
        Err(CatalogError::invalid(
            "slug",
            "slug must be lowercase letters and digits joined by single hyphens, e.g. \"red-shoes\"",
        ))
    }
}

/// Uses the given slug, or derives one from the name.
fn slug_or_derived(slug: Option<String>, name: &str) -> Result<String, CatalogError> {
    match slug {
        Some(slug) => parse_slug(&slug),
        None => {
            let derived = slugify(name);
            if derived.is_empty() {
                Err(CatalogError::invalid(
                    "slug",
                    "cannot derive a slug from this name; give one explicitly",
                ))
            } else {
                Ok(derived)
            }
        }
    }
}

fn parse_name(value: &str, max: usize) -> Result<String, CatalogError> {
    let name = value.trim();
    if name.is_empty() {
        return Err(CatalogError::invalid("name", "name must not be empty"));
    }
    if name.chars().count() > max {
        return Err(CatalogError::invalid(
            "name",
            format!("name must be at most {max} characters"),
        ));
    }
    Ok(name.to_owned())
}

fn parse_description(value: String) -> Result<String, CatalogError> {
    if value.chars().count() > MAX_DESCRIPTION {
        return Err(CatalogError::invalid(
            "description",
            format!("description must be at most {MAX_DESCRIPTION} characters"),
        ));
    }
    Ok(value)
}

fn parse_stock(value: i32) -> Result<i32, CatalogError> {
    if value < 0 {
        return Err(CatalogError::invalid("stock", "stock must not be negative"));
    }
    Ok(value)
}

fn parse_category_ids(ids: Vec<i64>) -> Result<Vec<i64>, CatalogError> {
    let mut ids = ids;
    ids.sort_unstable();
    ids.dedup();
    if ids.len() > MAX_PRODUCT_CATEGORIES {
        return Err(CatalogError::invalid(
            "category_ids",
            format!("a product can be in at most {MAX_PRODUCT_CATEGORIES} categories"),
        ));
    }
    Ok(ids)
}

/// Parses the `limit` query parameter (see [`pagination::parse_limit`]).
pub fn parse_limit(limit: Option<i64>) -> Result<i64, CatalogError> {
    pagination::parse_limit(limit).map_err(|message| CatalogError::invalid("limit", message))
}

/// Parses the `q` search parameter; blank means no search.
pub fn parse_query(q: Option<String>) -> Result<Option<String>, CatalogError> {
    let Some(q) = q else { return Ok(None) };
    let q = q.trim();
    if q.is_empty() {
        return Ok(None);
    }
    if q.chars().count() > MAX_QUERY {
        return Err(CatalogError::invalid(
            "q",
            format!("q must be at most {MAX_QUERY} characters"),
        ));
    }
    Ok(Some(q.to_owned()))
}

/// The name substring pattern of a search that looks like a SKU or model number, else `None`.
///
/// Full-text search splits `AB-123` or `x200` into odd lexemes, and shoppers
/// paste part numbers: a single token (no spaces) with a digit also matches
/// names that contain it literally, through the trigram index (V0004).
pub fn sku_pattern(q: &str) -> Option<String> {
    let sku_like = !q.is_empty()
        && !q.chars().any(char::is_whitespace)
        && q.chars().any(|c| c.is_ascii_digit());
    sku_like.then(|| contains_pattern(q))
}

/// An ILIKE pattern matching names that contain `q` literally (wildcards escaped).
pub fn contains_pattern(q: &str) -> String {
    let mut pattern = String::with_capacity(q.len() + 2);
    pattern.push('%');
    for c in q.chars() {
        if matches!(c, '\\' | '%' | '_') {
            pattern.push('\\');
        }
        pattern.push(c);
    }
    pattern.push('%');
    pattern
}

/// Raw `GET /products` parameters, before validation.
#[derive(Debug, Clone, Default)]
pub struct ProductListQuery {
    /// `category` (repeatable).
    pub category: Vec<i64>,
    /// `min_price`.
    pub min_price: Option<String>,
    /// `max_price`.
    pub max_price: Option<String>,
    /// `q`.
    pub q: Option<String>,
    /// `in_stock`.
    pub in_stock: Option<bool>,
    /// `sort`.
    pub sort: Option<String>,
    /// `limit`.
    pub limit: Option<i64>,
}

impl ProductListQuery {
    /// Validates everything but the cursor, which needs the codec.
    ///
    /// Without `sort`, a search is ordered by relevance and anything else by `newest`.
    pub fn parse(mut self) -> Result<(ProductFilter, ProductSort, i64), CatalogError> {
        let sort = self
            .sort
            .take()
            .as_deref()
            .map(ProductSort::parse)
            .transpose()?;
        let limit = parse_limit(self.limit)?;
        let filter = self.parse_filter()?;
        let sort = match (sort, &filter.q) {
            (Some(ProductSort::Relevance), None) => {
                return Err(CatalogError::invalid(
                    "sort",
                    "sort=relevance ranks search results; give q as well",
                ));
            }
            (Some(sort), _) => sort,
            (None, Some(_)) => ProductSort::Relevance,
            (None, None) => ProductSort::Newest,
        };
        Ok((filter, sort, limit))
    }

    /// Validates the filters alone, ignoring `sort` and `limit` (`GET /products/facets`).
    pub fn parse_filter(self) -> Result<ProductFilter, CatalogError> {
        let min_price = self
            .min_price
            .as_deref()
            .map(|v| parse_money("min_price", v))
            .transpose()?;
        let max_price = self
            .max_price
            .as_deref()
            .map(|v| parse_money("max_price", v))
            .transpose()?;
        if let (Some(min), Some(max)) = (min_price, max_price) {
            if min > max {
                return Err(CatalogError::invalid(
                    "min_price",
                    "min_price must not be greater than max_price",
                ));
            }
        }
        let mut category_ids = self.category;
        category_ids.sort_unstable();
        category_ids.dedup();
        if category_ids.len() > MAX_CATEGORY_FILTERS {
            return Err(CatalogError::invalid(
                "category",
                format!("at most {MAX_CATEGORY_FILTERS} categories per request"),
            ));
        }
        Ok(ProductFilter {
            category_ids,
            min_price,
            max_price,
            q: parse_query(self.q)?,
            in_stock: self.in_stock,
        })
    }
}

impl NewCategory {
    /// Validates a create request.
    pub fn parse(
        name: &str,
        slug: Option<String>,
        description: Option<String>,
    ) -> Result<Self, CatalogError> {
        let name = parse_name(name, MAX_CATEGORY_NAME)?;
        Ok(Self {
            slug: slug_or_derived(slug, &name)?,
            name,
            description: parse_description(description.unwrap_or_default())?,
        })
    }
}

impl CategoryPatch {
    /// Validates an update request; a new name does not change the slug (URLs stay stable).
    pub fn parse(
        name: Option<String>,
        slug: Option<String>,
        description: Option<String>,
    ) -> Result<Self, CatalogError> {
        Ok(Self {
            name: name
                .map(|n| parse_name(&n, MAX_CATEGORY_NAME))
                .transpose()?,
            slug: slug.map(|s| parse_slug(&s)).transpose()?,
            description: description.map(parse_description).transpose()?,
        })
    }
}

/// Raw product fields of a create request.
#[derive(Debug, Clone)]
pub struct ProductInput {
    /// Name.
    pub name: String,
    /// Optional slug.
    pub slug: Option<String>,
    /// Optional description.
    pub description: Option<String>,
    /// Price as a decimal string.
    pub price: String,
    /// Stock.
    pub stock: i32,
    /// Listed or not (default listed).
    pub is_active: Option<bool>,
    /// Categories.
    pub category_ids: Vec<i64>,
}

impl NewProduct {
    /// Validates a create request.
    pub fn parse(input: ProductInput) -> Result<Self, CatalogError> {
        let name = parse_name(&input.name, MAX_PRODUCT_NAME)?;
        Ok(Self {
            slug: slug_or_derived(input.slug, &name)?,
            name,
            description: parse_description(input.description.unwrap_or_default())?,
            price: parse_money("price", &input.price)?,
            stock: parse_stock(input.stock)?,
            is_active: input.is_active.unwrap_or(true),
            category_ids: parse_category_ids(input.category_ids)?,
        })
    }
}

/// Raw product fields of an update request (all optional).
#[derive(Debug, Clone, Default)]
pub struct ProductPatchInput {
    /// Name.
    pub name: Option<String>,
    /// Slug.
    pub slug: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// Price as a decimal string.
    pub price: Option<String>,
    /// Stock.
    pub stock: Option<i32>,
    /// Relative stock change.
    pub stock_delta: Option<i32>,
    /// Listed or not.
    pub is_active: Option<bool>,
    /// Replacement category list.
    pub category_ids: Option<Vec<i64>>,
}

impl ProductPatch {
    /// Validates an update request.
    pub fn parse(input: ProductPatchInput) -> Result<Self, CatalogError> {
        Ok(Self {
            name: input
                .name
                .map(|n| parse_name(&n, MAX_PRODUCT_NAME))
                .transpose()?,
            slug: input.slug.map(|s| parse_slug(&s)).transpose()?,
            description: input.description.map(parse_description).transpose()?,
            price: input.price.map(|p| parse_money("price", &p)).transpose()?,
            stock: input.stock.map(parse_stock).transpose()?,
            stock_delta: match (input.stock, input.stock_delta) {
                (Some(_), Some(_)) => {
                    return Err(CatalogError::invalid(
                        "stock_delta",
                        "give either stock (absolute) or stock_delta (relative), not both",
                    ));
                }
                (_, delta) => delta,
            },
            is_active: input.is_active,
            category_ids: input.category_ids.map(parse_category_ids).transpose()?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field_of(result: Result<impl std::fmt::Debug, CatalogError>) -> &'static str {
        match result {
            Err(CatalogError::Invalid { field, .. }) => field,
            other => panic!("expected a validation error, got {other:?}"),
        }
    }

    #[test]
    fn money_accepts_decimal_strings() {
        for (input, expected) in [
            ("19.99", "19.99"),
            ("0", "0"),
            ("5.5", "5.5"),
            ("9999999999.99", "9999999999.99"),
        ] {
            assert_eq!(
                parse_money("price", input).unwrap().to_string(),
                expected,
                "{input}"
            );
        }
    }

    #[test]
    fn money_rejects_negatives_floats_and_junk() {
        for input in [
            "-1",
            "-0.01",
            "1e3",
            "1.999",
            "abc",
            "",
            ".5",
            "5.",
            "1,00",
            "NaN",
            "12345678901",
        ] {
            assert_eq!(field_of(parse_money("price", input)), "price", "{input:?}");
        }
    }

    #[test]
    fn slugify_lowercases_and_hyphenates() {
        assert_eq!(slugify("Red Running Shoes!"), "red-running-shoes");
        assert_eq!(slugify("  --Hello__World--  "), "hello-world");
        assert_eq!(slugify("Café au lait"), "caf-au-lait");
        assert_eq!(slugify("!!!"), "");
    }

    #[test]
    fn slugs_must_be_well_formed() {
        assert!(parse_slug("red-shoes-2").is_ok());
        for bad in ["", "Red", "a--b", "-a", "a-", "a b", "ünï"] {
            assert!(parse_slug(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn limit_defaults_and_bounds() {
        assert_eq!(parse_limit(None).unwrap(), 20);
        assert_eq!(parse_limit(Some(1)).unwrap(), 1);
        assert_eq!(parse_limit(Some(100)).unwrap(), 100);
        for bad in [0, -1, 101, 1000] {
            assert_eq!(field_of(parse_limit(Some(bad))), "limit", "{bad}");
        }
    }

    #[test]
    fn sort_parses_every_documented_value() {
        for sort in ProductSort::ALL {
            assert_eq!(ProductSort::parse(sort.as_str()).unwrap(), sort);
        }
        assert_eq!(field_of(ProductSort::parse("cheapest")), "sort");
    }

    #[test]
    fn contains_pattern_escapes_wildcards() {
        assert_eq!(contains_pattern("50%_off\\"), "%50\\%\\_off\\\\%");
    }

    #[test]
    fn list_query_rejects_inverted_price_range() {
        let query = ProductListQuery {
            min_price: Some("10".into()),
            max_price: Some("5".into()),
            ..Default::default()
        };
        assert_eq!(field_of(query.parse()), "min_price");
    }

    #[test]
    fn cursor_keys_round_trip_for_every_sort() {
        let product = Product {
            id: 7,
            name: "Zebra Mug".into(),
            slug: "zebra-mug".into(),
            description: String::new(),
            price: Decimal::from_str("12.50").unwrap(),
            stock: 1,
            is_active: true,
            created_at: DateTime::parse_from_rfc3339("2025-03-04T05:06:07.123456+00:00").unwrap(),
            updated_at: DateTime::parse_from_rfc3339("2025-03-04T05:06:07+00:00").unwrap(),
            categories: vec![],
        };
        for sort in ProductSort::ALL {
            let cursor = ProductAfter::cursor_after(sort, &product);
            let after = ProductAfter::from_cursor(sort, &cursor).unwrap();
            let expected = match sort {
                ProductSort::Newest | ProductSort::Oldest => {
                    ProductAfter::Created(product.created_at, 7)
                }
                ProductSort::PriceAsc | ProductSort::PriceDesc => {
                    ProductAfter::Price(product.price, 7)
                }
                ProductSort::NameAsc | ProductSort::NameDesc => {
                    ProductAfter::Name(product.name.clone(), 7)
                }
                ProductSort::Relevance => ProductAfter::Rank(0.0, 7),
            };
            assert_eq!(after, expected, "{sort:?}");
        }
    }

    #[test]
    fn rank_cursors_carry_the_exact_f32() {
        // ts_rank values are reals like these; any bit pattern must come back unchanged.
        for rank in [
            0.0_f32,
            1e-20,
            0.060_792_71,
            0.075_990_885,
            0.1,
            0.999_999_94,
            1.0 / 3.0,
            f32::MIN_POSITIVE,
            f32::MAX,
        ] {
            let cursor = ProductAfter::cursor_after_rank(rank, 9);
            match ProductAfter::from_cursor(ProductSort::Relevance, &cursor).unwrap() {
                ProductAfter::Rank(back, 9) => {
                    assert_eq!(back.to_bits(), rank.to_bits(), "{rank:e}");
                }
                other => panic!("{other:?}"),
            }
        }
        for bad in ["NaN", "inf", "-inf", "abc", ""] {
            let cursor = Cursor {
                sort: "relevance".into(),
                key: bad.into(),
                id: 1,
            };
            assert!(
                ProductAfter::from_cursor(ProductSort::Relevance, &cursor).is_err(),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn searches_default_to_relevance_and_relevance_needs_a_search() {
        let parsed = |q: Option<&str>, sort: Option<&str>| {
            ProductListQuery {
                q: q.map(str::to_owned),
                sort: sort.map(str::to_owned),
                ..Default::default()
            }
            .parse()
        };
        assert_eq!(parsed(None, None).unwrap().1, ProductSort::Newest);
        assert_eq!(
            parsed(Some("lamp"), None).unwrap().1,
            ProductSort::Relevance
        );
        assert_eq!(
            parsed(Some("lamp"), Some("price")).unwrap().1,
            ProductSort::PriceAsc
        );
        assert_eq!(field_of(parsed(None, Some("relevance"))), "sort");
        assert_eq!(field_of(parsed(Some("   "), Some("relevance"))), "sort");
    }

    #[test]
    fn only_single_tokens_with_a_digit_also_match_as_substrings() {
        assert_eq!(sku_pattern("AB-123").as_deref(), Some("%AB-123%"));
        assert_eq!(sku_pattern("x200").as_deref(), Some("%x200%"));
        assert_eq!(sku_pattern("50%").as_deref(), Some("%50\\%%"));
        for words in ["lamp", "walnut lamp", "lamp 2", "\"oak\"", ""] {
            assert_eq!(sku_pattern(words), None, "{words:?}");
        }
    }
}
