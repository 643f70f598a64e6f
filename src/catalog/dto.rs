//! Wire shapes of the catalog API (request and response bodies) and their examples.
//!
//! Money is always a decimal string (`"19.99"`): responses format it from the
//! exact `NUMERIC` value, requests accept only strings so amounts never pass
//! through floating point.

use crate::http::text::Text;
use chrono::{DateTime, FixedOffset};
use poem_openapi::{Object, types::Example};

use super::domain::{
    Category, CategoryDetail, CategorySummary, Page, Product, ProductFacets, ProductInput,
    ProductPatchInput,
};
use crate::{
    money::{DecimalString, Money},
    pagination::CursorCodec,
};

fn example_time() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2025-01-15T10:30:00+00:00").expect("valid example timestamp")
}

/// A category.
#[derive(Debug, Clone, Object)]
#[oai(example)]
pub struct CategoryResponse {
    /// Category id.
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

impl Example for CategoryResponse {
    fn example() -> Self {
        Self {
            id: 3,
            name: "Running Shoes".into(),
            slug: "running-shoes".into(),
            description: "Road and trail running shoes.".into(),
            created_at: example_time(),
            updated_at: example_time(),
        }
    }
}

impl From<Category> for CategoryResponse {
    fn from(c: Category) -> Self {
        Self {
            id: c.id,
            name: c.name,
            slug: c.slug,
            description: c.description,
            created_at: c.created_at,
            updated_at: c.updated_at,
        }
    }
}

/// A category with the number of active products in it.
#[derive(Debug, Clone, Object)]
#[oai(example)]
pub struct CategoryDetailResponse {
    /// Category id.
    pub id: i64,
    /// Display name.
    pub name: String,
    /// URL identifier.
    pub slug: String,
    /// Free text.
    pub description: String,
    /// Active products in this category.
    pub product_count: i64,
    /// Creation time.
    pub created_at: DateTime<FixedOffset>,
    /// Last change.
    pub updated_at: DateTime<FixedOffset>,
}

impl Example for CategoryDetailResponse {
    fn example() -> Self {
        let c = CategoryResponse::example();
        Self {
            id: c.id,
            name: c.name,
            slug: c.slug,
            description: c.description,
            product_count: 128,
            created_at: c.created_at,
            updated_at: c.updated_at,
        }
    }
}

impl From<CategoryDetail> for CategoryDetailResponse {
    fn from(d: CategoryDetail) -> Self {
        let c = d.category;
        Self {
            id: c.id,
            name: c.name,
            slug: c.slug,
            description: c.description,
            product_count: d.product_count,
            created_at: c.created_at,
            updated_at: c.updated_at,
        }
    }
}

/// A page of categories.
#[derive(Debug, Clone, Object)]
#[oai(example)]
pub struct CategoryListResponse {
    /// Categories of this page, by name.
    pub items: Vec<CategoryResponse>,
    /// Pass as `cursor` to get the next page; `null` on the last page.
    #[oai(nullable)]
    pub next_cursor: Option<String>,
}

impl Example for CategoryListResponse {
    fn example() -> Self {
        Self {
            items: vec![CategoryResponse::example()],
            next_cursor: Some(
                "eyJzIjoiY2F0ZWdvcnlfbmFtZSIsImsiOiJSdW5uaW5nIFNob2VzIiwiaSI6M30.c2lnbmF0dXJl"
                    .into(),
            ),
        }
    }
}

impl CategoryListResponse {
    /// Builds the response, signing the next cursor.
    pub fn from_page(page: Page<Category>, codec: &CursorCodec) -> Self {
        Self {
            items: page.items.into_iter().map(Into::into).collect(),
            next_cursor: page.next.map(|c| codec.encode(&c)),
        }
    }
}

/// Body of `POST /categories`.
#[derive(Debug, Clone, Object)]
#[oai(example, deny_unknown_fields)]
pub struct CreateCategoryRequest {
    /// 1–100 characters; unique regardless of case.
    #[oai(validator(min_length = 1, max_length = 100))]
    pub name: Text,
    /// Lowercase words joined by hyphens; derived from the name when absent.
    #[oai(
        nullable,
        validator(pattern = r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length = 120)
    )]
    pub slug: Option<Text>,
    /// Free text.
    #[oai(nullable, validator(max_length = 10000))]
    pub description: Option<Text>,
}

impl Example for CreateCategoryRequest {
    fn example() -> Self {
        Self {
            name: "Running Shoes".into(),
            slug: None,
            description: Some("Road and trail running shoes.".into()),
        }
    }
}

/// Body of `PATCH /categories/{id}`; absent fields keep their value.
#[derive(Debug, Clone, Object)]
#[oai(example, deny_unknown_fields)]
pub struct UpdateCategoryRequest {
    /// New name (the slug does not follow; change it explicitly).
    #[oai(nullable, validator(min_length = 1, max_length = 100))]
    pub name: Option<Text>,
    /// New slug.
    #[oai(
        nullable,
        validator(pattern = r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length = 120)
    )]
    pub slug: Option<Text>,
    /// New description.
    #[oai(nullable, validator(max_length = 10000))]
    pub description: Option<Text>,
}

impl Example for UpdateCategoryRequest {
    fn example() -> Self {
        Self {
            name: None,
            slug: None,
            description: Some("Shoes for road, trail and track.".into()),
        }
    }
}

/// A category as embedded in a product.
#[derive(Debug, Clone, Object)]
pub struct CategorySummaryResponse {
    /// Category id.
    pub id: i64,
    /// Category name.
    pub name: String,
    /// Category slug.
    pub slug: String,
}

impl From<CategorySummary> for CategorySummaryResponse {
    fn from(c: CategorySummary) -> Self {
        Self {
            id: c.id,
            name: c.name,
            slug: c.slug,
        }
    }
}

/// A product with its categories.
#[derive(Debug, Clone, Object)]
#[oai(example)]
pub struct ProductResponse {
    /// Product id.
    pub id: i64,
    /// Display name.
    pub name: String,
    /// URL identifier, unique.
    pub slug: String,
    /// Free text.
    pub description: String,
    /// Unit price as a decimal string with two decimals, e.g. `"19.99"`.
    pub price: Money,
    /// Units in stock.
    pub stock: i32,
    /// `false` once deleted (only admins can still see it).
    pub is_active: bool,
    /// Categories, by name.
    pub categories: Vec<CategorySummaryResponse>,
    /// Creation time.
    pub created_at: DateTime<FixedOffset>,
    /// Last change.
    pub updated_at: DateTime<FixedOffset>,
}

impl Example for ProductResponse {
    fn example() -> Self {
        Self {
            id: 42,
            name: "Trail Runner 2".into(),
            slug: "trail-runner-2".into(),
            description: "Lightweight trail shoe with a rock plate.".into(),
            price: Money("89.99".parse().expect("valid example price")),
            stock: 12,
            is_active: true,
            categories: vec![CategorySummaryResponse {
                id: 3,
                name: "Running Shoes".into(),
                slug: "running-shoes".into(),
            }],
            created_at: example_time(),
            updated_at: example_time(),
        }
    }
}

impl From<Product> for ProductResponse {
    fn from(p: Product) -> Self {
        Self {
            id: p.id,
            name: p.name,
            slug: p.slug,
            description: p.description,
            price: p.price.into(),
            stock: p.stock,
            is_active: p.is_active,
            categories: p.categories.into_iter().map(Into::into).collect(),
            created_at: p.created_at,
            updated_at: p.updated_at,
        }
    }
}

/// A page of products.
#[derive(Debug, Clone, Object)]
#[oai(example)]
pub struct ProductListResponse {
    /// Products of this page, in the requested order.
    pub items: Vec<ProductResponse>,
    /// Pass as `cursor` (with the same `sort`) to get the next page; `null` on the last page.
    #[oai(nullable)]
    pub next_cursor: Option<String>,
}

impl Example for ProductListResponse {
    fn example() -> Self {
        Self {
            items: vec![ProductResponse::example()],
            next_cursor: Some("eyJzIjoicHJpY2UiLCJrIjoiODkuOTkiLCJpIjo0Mn0.c2lnbmF0dXJl".into()),
        }
    }
}

impl ProductListResponse {
    /// Builds the response, signing the next cursor.
    pub fn from_page(page: Page<Product>, codec: &CursorCodec) -> Self {
        Self {
            items: page.items.into_iter().map(Into::into).collect(),
            next_cursor: page.next.map(|c| codec.encode(&c)),
        }
    }
}

/// Body of `POST /products`.
#[derive(Debug, Clone, Object)]
#[oai(example, deny_unknown_fields)]
pub struct CreateProductRequest {
    /// 1–200 characters.
    #[oai(validator(min_length = 1, max_length = 200))]
    pub name: Text,
    /// Lowercase words joined by hyphens; derived from the name when absent.
    #[oai(
        nullable,
        validator(pattern = r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length = 120)
    )]
    pub slug: Option<Text>,
    /// Free text.
    #[oai(nullable, validator(max_length = 10000))]
    pub description: Option<Text>,
    /// Decimal string, at most two decimals, not negative, e.g. `"19.99"` (numbers are rejected).
    pub price: DecimalString,
    /// Units in stock (default 0, not negative).
    #[oai(default)]
    #[oai(validator(minimum(value = "0")))]
    pub stock: i32,
    /// Listed in the catalog (default `true`).
    #[oai(nullable)]
    pub is_active: Option<bool>,
    /// Ids of the categories the product is in; unknown ids give 422.
    #[oai(default)]
    #[oai(validator(max_items = 50))]
    pub category_ids: Vec<i64>,
}

impl Example for CreateProductRequest {
    fn example() -> Self {
        Self {
            name: "Trail Runner 2".into(),
            slug: None,
            description: Some("Lightweight trail shoe with a rock plate.".into()),
            price: DecimalString("89.99".into()),
            stock: 12,
            is_active: None,
            category_ids: vec![3],
        }
    }
}

impl From<CreateProductRequest> for ProductInput {
    fn from(r: CreateProductRequest) -> Self {
        Self {
            name: r.name.into_string(),
            slug: r.slug.map(Text::into_string),
            description: r.description.map(Text::into_string),
            price: r.price.0,
            stock: r.stock,
            is_active: r.is_active,
            category_ids: r.category_ids,
        }
    }
}

/// Body of `PATCH /products/{id}`; absent fields keep their value.
#[derive(Debug, Clone, Object)]
#[oai(example, deny_unknown_fields)]
pub struct UpdateProductRequest {
    /// New name (the slug does not follow; change it explicitly).
    #[oai(nullable, validator(min_length = 1, max_length = 200))]
    pub name: Option<Text>,
    /// New slug.
    #[oai(
        nullable,
        validator(pattern = r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length = 120)
    )]
    pub slug: Option<Text>,
    /// New description.
    #[oai(nullable, validator(max_length = 10000))]
    pub description: Option<Text>,
    /// New price as a decimal string (numbers are rejected).
    #[oai(nullable)]
    pub price: Option<DecimalString>,
    /// New stock, absolute (a recount). Overwrites units that orders take
    /// meanwhile; prefer `stock_delta` for deliveries and corrections.
    #[oai(nullable, validator(minimum(value = "0")))]
    pub stock: Option<i32>,
    /// Units to add (positive) or remove (negative), applied to the stock as it
    /// is when the change commits, so concurrent orders are never lost. A result
    /// below zero → 409. Not together with `stock`.
    #[oai(nullable)]
    pub stock_delta: Option<i32>,
    /// `true` re-lists a deleted product, `false` hides it.
    #[oai(nullable)]
    pub is_active: Option<bool>,
    /// Replaces the product's categories when present (`[]` removes all).
    #[oai(nullable, validator(max_items = 50))]
    pub category_ids: Option<Vec<i64>>,
}

impl Example for UpdateProductRequest {
    fn example() -> Self {
        Self {
            name: None,
            slug: None,
            description: None,
            price: Some(DecimalString("79.99".into())),
            stock: None,
            stock_delta: Some(30),
            is_active: None,
            category_ids: None,
        }
    }
}

impl From<UpdateProductRequest> for ProductPatchInput {
    fn from(r: UpdateProductRequest) -> Self {
        Self {
            name: r.name.map(Text::into_string),
            slug: r.slug.map(Text::into_string),
            description: r.description.map(Text::into_string),
            price: r.price.map(|p| p.0),
            stock: r.stock,
            stock_delta: r.stock_delta,
            is_active: r.is_active,
            category_ids: r.category_ids,
        }
    }
}

/// Facet counts of a filtered product list: the numbers next to a shop's filter checkboxes.
///
/// Each facet is counted with every *other* filter applied, so ticking a
/// category does not zero the counts of the other categories.
#[derive(Debug, Clone, Object)]
#[oai(example)]
pub struct ProductFacetsResponse {
    /// Active products matching every filter (the length of the list).
    pub total: i64,
    /// Categories with matching products (every filter but `category`), most
    /// products first; a requested category is listed even at 0.
    pub categories: Vec<CategoryFacetResponse>,
    /// Fixed price ranges, all of them, cheapest first (every filter but `min_price`/`max_price`).
    pub price_ranges: Vec<PriceRangeFacetResponse>,
    /// Products in and out of stock (every filter but `in_stock`).
    pub in_stock: InStockFacetResponse,
}

/// One category's facet count.
#[derive(Debug, Clone, Object)]
pub struct CategoryFacetResponse {
    /// Category id (a value for `category`).
    pub id: i64,
    /// Category name.
    pub name: String,
    /// Matching products in the category.
    pub count: i64,
}

/// One price range's facet count: `min <= price < max`.
#[derive(Debug, Clone, Object)]
pub struct PriceRangeFacetResponse {
    /// Inclusive lower bound (decimal string).
    pub min: Money,
    /// Exclusive upper bound; `null` for the last, open range.
    #[oai(nullable)]
    pub max: Option<Money>,
    /// Matching products in the range.
    pub count: i64,
}

/// Products in stock and out of stock.
#[derive(Debug, Clone, Object)]
pub struct InStockFacetResponse {
    /// Matching products with stock (`in_stock=true`).
    #[oai(rename = "true")]
    pub in_stock: i64,
    /// Matching products without stock (`in_stock=false`).
    #[oai(rename = "false")]
    pub out_of_stock: i64,
}

impl Example for ProductFacetsResponse {
    fn example() -> Self {
        let range = |min: i64, max: Option<i64>, count| PriceRangeFacetResponse {
            min: Money::from(rust_decimal::Decimal::from(min)),
            max: max.map(|m| Money::from(rust_decimal::Decimal::from(m))),
            count,
        };
        Self {
            total: 42,
            categories: vec![
                CategoryFacetResponse {
                    id: 3,
                    name: "Running Shoes".into(),
                    count: 42,
                },
                CategoryFacetResponse {
                    id: 5,
                    name: "Trail".into(),
                    count: 17,
                },
            ],
            price_ranges: vec![
                range(0, Some(10), 0),
                range(10, Some(25), 4),
                range(25, Some(50), 11),
                range(50, Some(100), 20),
                range(100, Some(250), 7),
                range(250, Some(500), 0),
                range(500, None, 0),
            ],
            in_stock: InStockFacetResponse {
                in_stock: 38,
                out_of_stock: 4,
            },
        }
    }
}

impl From<ProductFacets> for ProductFacetsResponse {
    fn from(f: ProductFacets) -> Self {
        Self {
            total: f.total,
            categories: f
                .categories
                .into_iter()
                .map(|c| CategoryFacetResponse {
                    id: c.id,
                    name: c.name,
                    count: c.count,
                })
                .collect(),
            price_ranges: f
                .price_ranges
                .into_iter()
                .map(|r| PriceRangeFacetResponse {
                    min: r.min.into(),
                    max: r.max.map(Into::into),
                    count: r.count,
                })
                .collect(),
            in_stock: InStockFacetResponse {
                in_stock: f.in_stock,
                out_of_stock: f.out_of_stock,
            },
        }
    }
}
