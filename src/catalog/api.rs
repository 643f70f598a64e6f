//! HTTP handlers of the catalog: parse, guard, one service call, map the result.

use crate::pagination::CursorCodec;
use poem_openapi::{
    ApiResponse, OpenApi,
    param::{Path, Query},
    payload::Json,
};

use super::{
    domain::{
        CATEGORY_SORT, CategoryListParams, CategoryPatch, NewCategory, NewProduct, ProductAfter,
        ProductListParams, ProductListQuery, ProductPatch, ProductSort, parse_limit, parse_query,
    },
    dto::{
        CategoryDetailResponse, CategoryListResponse, CategoryResponse, CreateCategoryRequest,
        CreateProductRequest, ProductFacetsResponse, ProductListResponse, ProductResponse,
        UpdateCategoryRequest, UpdateProductRequest,
    },
    error::CatalogError,
    reads, service,
};
use crate::{
    db,
    error::{ApiError, ApiResult, status},
    http::{
        ApiTags,
        auth::{AdminAuth, OptionalAuth},
        json_bytes::JsonBytes,
        text::Text,
    },
    state::AppState,
};

/// Catalog operations under `/api/v1`.
pub struct CatalogApi {
    state: AppState,
    /// Signs and checks pagination cursors (keyed with the JWT secret).
    cursors: CursorCodec,
}

impl CatalogApi {
    /// Builds the API over the shared state.
    pub fn new(state: AppState) -> Self {
        let cursors = state.cursors.clone();
        Self { state, cursors }
    }

    /// Verifies a cursor for `sort`; any problem is a 400 on `cursor`.
    fn decode_cursor(
        &self,
        cursor: Option<&str>,
        sort: &str,
    ) -> Result<Option<crate::pagination::Cursor>, CatalogError> {
        cursor
            .map(|c| {
                self.cursors
                    .decode(c, sort)
                    .map_err(|e| CatalogError::InvalidCursor(e.to_string()))
            })
            .transpose()
    }
}

/// Response of `GET /products`.
#[derive(ApiResponse)]
pub enum ListProductsResponse {
    /// A page of products and the cursor of the next one.
    #[oai(status = 200)]
    Ok(JsonBytes<ProductListResponse>),
}

/// Response of `GET /products/facets`.
#[derive(ApiResponse)]
pub enum ListProductFacetsResponse {
    /// Counts per category, price range and stock state.
    #[oai(status = 200)]
    Ok(JsonBytes<ProductFacetsResponse>),
}

/// Response of `GET /products/{id}`.
#[derive(ApiResponse)]
pub enum FindProductResponse {
    /// The product with its categories.
    #[oai(status = 200)]
    Ok(JsonBytes<ProductResponse>),
}

/// Response of `POST /products`.
#[derive(ApiResponse)]
pub enum CreateProductResponse {
    /// The created product.
    #[oai(status = 201)]
    Created(Json<ProductResponse>),
}

/// Response of `PATCH /products/{id}`.
#[derive(ApiResponse)]
pub enum UpdateProductResponse {
    /// The updated product.
    #[oai(status = 200)]
    Ok(Json<ProductResponse>),
}

/// Response of `DELETE /products/{id}`.
#[derive(ApiResponse)]
pub enum DeleteProductResponse {
    /// The product is now inactive (soft-deleted).
    #[oai(status = 204)]
    NoContent,
}

/// Response of `GET /categories`.
#[derive(ApiResponse)]
pub enum ListCategoriesResponse {
    /// A page of categories and the cursor of the next one.
    #[oai(status = 200)]
    Ok(Json<CategoryListResponse>),
}

/// Response of `GET /categories/{id}`.
#[derive(ApiResponse)]
pub enum FindCategoryResponse {
    /// The category with its product count.
    #[oai(status = 200)]
    Ok(Json<CategoryDetailResponse>),
}

/// Response of `POST /categories`.
#[derive(ApiResponse)]
pub enum CreateCategoryResponse {
    /// The created category.
    #[oai(status = 201)]
    Created(Json<CategoryResponse>),
}

/// Response of `PATCH /categories/{id}`.
#[derive(ApiResponse)]
pub enum UpdateCategoryResponse {
    /// The updated category.
    #[oai(status = 200)]
    Ok(Json<CategoryResponse>),
}

/// Response of `DELETE /categories/{id}`.
#[derive(ApiResponse)]
pub enum DeleteCategoryResponse {
    /// The category is gone; its products remain.
    #[oai(status = 204)]
    NoContent,
}

#[OpenApi(prefix_path = "/api/v1", tag = "ApiTags::Catalog")]
impl CatalogApi {
    /// List products
    ///
    /// Public. Active products only, filtered and sorted, with keyset pagination:
    /// pass `next_cursor` back as `cursor` (with the same `sort`) for the next page.
    /// Every matching product appears exactly once across pages, even while
    /// products are added. 400 with `details.field` for invalid parameters.
    #[oai(path = "/products", method = "get", operation_id = "list_products")]
    #[allow(clippy::too_many_arguments)]
    async fn list_products(
        &self,
        /// Category id; repeat for products in any of several categories.
        #[oai(default, validator(max_items = 50))]
        category: Query<Vec<i64>>,
        /// Minimum price (inclusive), decimal string such as `10.00`.
        #[oai(validator(pattern = r"^\d{1,10}(\.\d{1,2})?$"))]
        min_price: Query<Option<String>>,
        /// Maximum price (inclusive), decimal string such as `49.99`.
        #[oai(validator(pattern = r"^\d{1,10}(\.\d{1,2})?$"))]
        max_price: Query<Option<String>>,
        /// Search words in the name and description: `"quoted phrase"`, `-excluded`,
        /// `or`; the last word also matches as a prefix while typing. A single token
        /// with a digit (a SKU such as `AB-123`) also matches as a name substring.
        #[oai(validator(max_length = 100))]
        q: Query<Option<String>>,
        /// `true`: only products in stock; `false`: only products out of stock.
        in_stock: Query<Option<bool>>,
        /// One of `relevance` (default with `q`; needs `q`), `price`, `-price`, `name`,
        /// `-name`, `newest` (default without `q`), `oldest`.
        sort: Query<Option<ProductSort>>,
        /// Page size, 1 to 100 (default 20).
        #[oai(validator(minimum(value = "1"), maximum(value = "100")))]
        limit: Query<Option<i64>>,
        /// `next_cursor` of the previous page.
        #[oai(validator(max_length = 2048))]
        cursor: Query<Option<String>>,
    ) -> ApiResult<ListProductsResponse, { status::BAD_REQUEST }> {
        let (filter, sort, limit) = ProductListQuery {
            category: category.0,
            min_price: min_price.0,
            max_price: max_price.0,
            q: q.0,
            in_stock: in_stock.0,
            sort: sort.0.map(|s| s.as_str().to_owned()),
            limit: limit.0,
        }
        .parse()?;
        let after = self
            .decode_cursor(cursor.0.as_deref(), sort.as_str())?
            .map(|c| ProductAfter::from_cursor(sort, &c))
            .transpose()?;
        let params = ProductListParams {
            filter,
            sort,
            limit,
            after,
        };
        let body = reads::list_products(
            &self.state.list_db,
            &self.state.replicas,
            &self.state.catalog_cache,
            &self.cursors,
            &self.state.settings.catalog.search_language,
            &params,
        )
        .await?;
        Ok(ListProductsResponse::Ok(body))
    }

    /// Count products per facet
    ///
    /// Public. Takes exactly the filters of `GET /products` and returns how many
    /// active products match in total, per category, per price range and per
    /// stock state. Each facet is counted with every *other* filter applied
    /// (a category's count ignores `category`, the price ranges ignore
    /// `min_price`/`max_price`, the stock counts ignore `in_stock`), so the
    /// counts next to unticked options say what ticking them would add.
    /// 400 with `details.field` for invalid parameters.
    #[oai(
        path = "/products/facets",
        method = "get",
        operation_id = "list_product_facets"
    )]
    async fn list_product_facets(
        &self,
        /// Category id; repeat for products in any of several categories.
        #[oai(default, validator(max_items = 50))]
        category: Query<Vec<i64>>,
        /// Minimum price (inclusive), decimal string such as `10.00`.
        #[oai(validator(pattern = r"^\d{1,10}(\.\d{1,2})?$"))]
        min_price: Query<Option<String>>,
        /// Maximum price (inclusive), decimal string such as `49.99`.
        #[oai(validator(pattern = r"^\d{1,10}(\.\d{1,2})?$"))]
        max_price: Query<Option<String>>,
        /// Search words, as for `GET /products`.
        #[oai(validator(max_length = 100))]
        q: Query<Option<String>>,
        /// `true`: only products in stock; `false`: only products out of stock.
        in_stock: Query<Option<bool>>,
    ) -> ApiResult<ListProductFacetsResponse, { status::BAD_REQUEST }> {
        let filter = ProductListQuery {
            category: category.0,
            min_price: min_price.0,
            max_price: max_price.0,
            q: q.0,
            in_stock: in_stock.0,
            ..ProductListQuery::default()
        }
        .parse_filter()?;
        let body = reads::list_product_facets(
            &self.state.list_db,
            &self.state.replicas,
            &self.state.catalog_cache,
            &self.state.settings.catalog.search_language,
            &filter,
        )
        .await?;
        Ok(ListProductFacetsResponse::Ok(body))
    }

    /// Get a product
    ///
    /// Public, with its categories. Deleted (inactive) products are 404 except for admins.
    #[oai(path = "/products/:id", method = "get", operation_id = "find_product")]
    async fn find_product(
        &self,
        auth: OptionalAuth,
        /// Product id.
        id: Path<i64>,
    ) -> ApiResult<
        FindProductResponse,
        { status::BAD_REQUEST | status::UNAUTHORIZED | status::NOT_FOUND },
    > {
        let include_inactive = auth.caller().is_some_and(|c| c.is_admin());
        let body =
            reads::find_product(&self.state.db, &self.state.replicas, id.0, include_inactive)
                .await?;
        Ok(FindProductResponse::Ok(body))
    }

    /// Create a product
    ///
    /// Admin only. Creates the product and its category links in one transaction.
    /// 409 `slug_taken` for a duplicate slug, 422 for unknown category ids.
    #[oai(path = "/products", method = "post", operation_id = "create_product")]
    async fn create_product(
        &self,
        _admin: AdminAuth,
        body: Json<CreateProductRequest>,
    ) -> ApiResult<
        CreateProductResponse,
        { status::BODY | status::ADMIN | status::CONFLICT | status::UNPROCESSABLE },
    > {
        let new = NewProduct::parse(body.0.into()).map_err(ApiError::from)?;
        let product = db::retry(|| async {
            let mut client = self.state.db.get().await?;
            service::create_product(&mut client, &self.state.catalog_cache, new.clone()).await
        })
        .await?;
        Ok(CreateProductResponse::Created(Json(product.into())))
    }

    /// Update a product
    ///
    /// Admin only. Changes the given fields; `category_ids`, when present, replaces
    /// the product's categories, all in one transaction.
    #[oai(
        path = "/products/:id",
        method = "patch",
        operation_id = "update_product"
    )]
    async fn update_product(
        &self,
        _admin: AdminAuth,
        /// Product id.
        id: Path<i64>,
        body: Json<UpdateProductRequest>,
    ) -> ApiResult<
        UpdateProductResponse,
        {
            status::BODY
                | status::ADMIN
                | status::NOT_FOUND
                | status::CONFLICT
                | status::UNPROCESSABLE
        },
    > {
        let patch = ProductPatch::parse(body.0.into()).map_err(ApiError::from)?;
        let product = db::retry(|| async {
            let mut client = self.state.db.get().await?;
            service::update_product(&mut client, &self.state.catalog_cache, id.0, patch.clone())
                .await
        })
        .await?;
        Ok(UpdateProductResponse::Ok(Json(product.into())))
    }

    /// Delete a product
    ///
    /// Admin only. A soft delete: the product becomes inactive and disappears from
    /// public reads, but stays in the database so order history keeps pointing at
    /// it. `PATCH` with `is_active: true` restores it.
    #[oai(
        path = "/products/:id",
        method = "delete",
        operation_id = "delete_product"
    )]
    async fn delete_product(
        &self,
        _admin: AdminAuth,
        /// Product id.
        id: Path<i64>,
    ) -> ApiResult<DeleteProductResponse, { status::BAD_REQUEST | status::ADMIN | status::NOT_FOUND }>
    {
        let client = self.state.db.get().await?;
        service::delete_product(&client, &self.state.catalog_cache, id.0).await?;
        Ok(DeleteProductResponse::NoContent)
    }

    /// List categories
    ///
    /// Public. Sorted by name, optionally filtered by a name substring, with keyset pagination.
    #[oai(path = "/categories", method = "get", operation_id = "list_categories")]
    async fn list_categories(
        &self,
        /// Case-insensitive substring of the category name.
        #[oai(validator(max_length = 100))]
        q: Query<Option<String>>,
        /// Page size, 1 to 100 (default 20).
        #[oai(validator(minimum(value = "1"), maximum(value = "100")))]
        limit: Query<Option<i64>>,
        /// `next_cursor` of the previous page.
        #[oai(validator(max_length = 2048))]
        cursor: Query<Option<String>>,
    ) -> ApiResult<ListCategoriesResponse, { status::BAD_REQUEST }> {
        let params = CategoryListParams {
            q: parse_query(q.0)?,
            limit: parse_limit(limit.0)?,
            after: self
                .decode_cursor(cursor.0.as_deref(), CATEGORY_SORT)?
                .map(|c| (c.key, c.id)),
        };
        let client = self.state.db.get().await?;
        let page = service::list_categories(&client, &params).await?;
        Ok(ListCategoriesResponse::Ok(Json(
            CategoryListResponse::from_page(page, &self.cursors),
        )))
    }

    /// Get a category
    ///
    /// Public, with the number of active products in it.
    #[oai(
        path = "/categories/:id",
        method = "get",
        operation_id = "find_category"
    )]
    async fn find_category(
        &self,
        /// Category id.
        id: Path<i64>,
    ) -> ApiResult<FindCategoryResponse, { status::BAD_REQUEST | status::NOT_FOUND }> {
        let client = self.state.db.get().await?;
        let category = service::find_category(&client, id.0).await?;
        Ok(FindCategoryResponse::Ok(Json(category.into())))
    }

    /// Create a category
    ///
    /// Admin only. 409 `name_taken` if the name exists in any letter case,
    /// 409 `slug_taken` for a duplicate slug.
    #[oai(
        path = "/categories",
        method = "post",
        operation_id = "create_category"
    )]
    async fn create_category(
        &self,
        _admin: AdminAuth,
        body: Json<CreateCategoryRequest>,
    ) -> ApiResult<CreateCategoryResponse, { status::BODY | status::ADMIN | status::CONFLICT }>
    {
        let body = body.0;
        let new = NewCategory::parse(
            &body.name,
            body.slug.map(Text::into_string),
            body.description.map(Text::into_string),
        )?;
        let client = self.state.db.get().await?;
        let category = service::create_category(&client, &self.state.catalog_cache, new).await?;
        Ok(CreateCategoryResponse::Created(Json(category.into())))
    }

    /// Update a category
    ///
    /// Admin only. Changes the given fields.
    #[oai(
        path = "/categories/:id",
        method = "patch",
        operation_id = "update_category"
    )]
    async fn update_category(
        &self,
        _admin: AdminAuth,
        /// Category id.
        id: Path<i64>,
        body: Json<UpdateCategoryRequest>,
    ) -> ApiResult<
        UpdateCategoryResponse,
        { status::BODY | status::ADMIN | status::NOT_FOUND | status::CONFLICT },
    > {
        let body = body.0;
        let patch = CategoryPatch::parse(
            body.name.map(Text::into_string),
            body.slug.map(Text::into_string),
            body.description.map(Text::into_string),
        )?;
        let client = self.state.db.get().await?;
        let category =
            service::update_category(&client, &self.state.catalog_cache, id.0, patch).await?;
        Ok(UpdateCategoryResponse::Ok(Json(category.into())))
    }

    /// Delete a category
    ///
    /// Admin only. Products in the category are kept; only their link to it is removed.
    #[oai(
        path = "/categories/:id",
        method = "delete",
        operation_id = "delete_category"
    )]
    async fn delete_category(
        &self,
        _admin: AdminAuth,
        /// Category id.
        id: Path<i64>,
    ) -> ApiResult<
        DeleteCategoryResponse,
        { status::BAD_REQUEST | status::ADMIN | status::NOT_FOUND },
    > {
        db::retry(|| async {
            let mut client = self.state.db.get().await?;
            service::delete_category(&mut client, &self.state.catalog_cache, id.0).await
        })
        .await?;
        Ok(DeleteCategoryResponse::NoContent)
    }
}
