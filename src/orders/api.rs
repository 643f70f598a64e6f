//! Orders HTTP handlers: parse, authorize, call one service function, respond.

use poem_openapi::{
    ApiResponse, OpenApi,
    param::{Header, Path, Query},
    payload::Json,
};

use crate::{
    error::{ApiResult, status},
    http::{ApiTags, auth::UserAuth},
    idempotency,
    orders::{
        domain::{self, NewOrder, OrderStatus},
        dto::*,
        history,
        service::{self, Created, OrderChanges, OrderFilter},
    },
    pagination,
    state::AppState,
};

/// Orders and their items.
pub struct OrdersApi {
    state: AppState,
}

impl OrdersApi {
    /// Wraps the shared state.
    pub fn new(state: AppState) -> Self {
        Self { state }
    }

    fn threshold(&self) -> i32 {
        self.state.settings.catalog.low_stock_threshold
    }
}

/// Order placement outcome.
#[derive(ApiResponse)]
pub enum CreateOrderResponse {
    /// The new order.
    #[oai(status = 201)]
    Created(Json<OrderResponse>),
    /// Replay: an earlier request with the same Idempotency-Key created this order.
    #[oai(status = 200)]
    Replayed(Json<OrderResponse>),
}

/// One order.
#[derive(ApiResponse)]
pub enum FindOrderResponse {
    /// The order with its items.
    #[oai(status = 200)]
    Ok(Json<OrderResponse>),
}

/// A page of orders.
#[derive(ApiResponse)]
pub enum ListOrdersResponse {
    /// Newest first, each with items.
    #[oai(status = 200)]
    Ok(Json<OrderListResponse>),
}

/// An order's history.
#[derive(ApiResponse)]
pub enum ListOrderEventsResponse {
    /// Oldest first.
    #[oai(status = 200)]
    Ok(Json<OrderEventListResponse>),
}

/// Items of an order.
#[derive(ApiResponse)]
pub enum ListItemsResponse {
    /// The lines.
    #[oai(status = 200)]
    Ok(Json<Vec<OrderItemResponse>>),
}

/// An added item.
#[derive(ApiResponse)]
pub enum AddItemResponse {
    /// Added.
    #[oai(status = 201)]
    Created(Json<OrderItemResponse>),
}

/// A changed item.
#[derive(ApiResponse)]
pub enum UpdateItemResponse {
    /// Updated.
    #[oai(status = 200)]
    Ok(Json<OrderItemResponse>),
}

/// Outcome with no body.
#[derive(ApiResponse)]
pub enum DeletedResponse {
    /// Done.
    #[oai(status = 204)]
    NoContent,
}

#[OpenApi(prefix_path = "/api/v1")]
impl OrdersApi {
    /// Place an order
    ///
    /// Takes stock and prices at this moment, in one transaction. Not enough stock
    /// → 409 naming the product; unknown or inactive product, or no items → 422.
    /// Send an `Idempotency-Key` to make retries safe: a repeat returns the same order (200).
    /// With `REQUIRE_VERIFIED_EMAIL`, an unverified address → 403 `email_not_verified`.
    #[oai(
        path = "/orders",
        method = "post",
        tag = "ApiTags::Orders",
        operation_id = "create_order"
    )]
    async fn create_order(
        &self,
        auth: UserAuth,
        /// Client-chosen key (1–200 characters) identifying this purchase attempt.
        #[oai(name = "Idempotency-Key", validator(min_length = 1, max_length = 200))]
        idempotency_key: Header<Option<String>>,
        body: Json<CreateOrderRequest>,
    ) -> ApiResult<
        CreateOrderResponse,
        {
            status::BODY
                | status::UNAUTHORIZED
                | status::FORBIDDEN
                | status::CONFLICT
                | status::UNPROCESSABLE
        },
    > {
        crate::accounts::lifecycle::ensure_email_verified(&self.state, &auth.0).await?;
        let key = idempotency::parse_key(idempotency_key.0)?;
        let lines = body
            .0
            .items
            .iter()
            .map(|l| (l.product_id, l.quantity))
            .collect();
        let new = NewOrder::parse(&body.0.shipping_address, lines)?;
        let created = service::create_order(
            &self.state.db,
            &self.state.catalog_cache,
            self.threshold(),
            &auth.0,
            new,
            key.as_deref(),
        )
        .await?;
        Ok(match created {
            Created::New(order) => CreateOrderResponse::Created(Json(order.into())),
            Created::Replayed(order) => CreateOrderResponse::Replayed(Json(order.into())),
        })
    }

    /// List orders
    ///
    /// Your orders, newest first, each with its items. Admins see every order and
    /// may filter by `user_id`; `product_id` lists the orders containing a product
    /// (highest id first). Keyset-paginated.
    #[oai(
        path = "/orders",
        method = "get",
        tag = "ApiTags::Orders",
        operation_id = "list_orders"
    )]
    async fn list_orders(
        &self,
        auth: UserAuth,
        /// Only orders in this status.
        status: Query<Option<OrderStatus>>,
        /// Only this buyer's orders (admins; ignored for others).
        user_id: Query<Option<i64>>,
        /// Only orders containing this product.
        product_id: Query<Option<i64>>,
        /// Page size, 1–100 (default 20).
        #[oai(
            default = "pagination::default_limit",
            validator(minimum(value = "1"), maximum(value = "100"))
        )]
        limit: Query<i64>,
        /// `next_cursor` of the previous page.
        #[oai(validator(max_length = 2048))]
        cursor: Query<Option<String>>,
    ) -> ApiResult<ListOrdersResponse, { status::BAD_REQUEST | status::UNAUTHORIZED }> {
        let limit = pagination::check_limit(limit.0)?;
        let filter = OrderFilter {
            status: status.0,
            user_id: user_id.0,
            product_id: product_id.0,
        };
        let client = self.state.db.get().await?;
        let (orders, next) = service::list_orders(
            &client,
            &self.state.cursors,
            &auth.0,
            filter,
            cursor.0.as_deref(),
            limit,
        )
        .await?;
        Ok(ListOrdersResponse::Ok(Json(OrderListResponse {
            items: orders.into_iter().map(Into::into).collect(),
            next_cursor: next,
        })))
    }

    /// Get an order
    ///
    /// Another user's order answers 404, so order ids do not leak.
    #[oai(
        path = "/orders/:id",
        method = "get",
        tag = "ApiTags::Orders",
        operation_id = "find_order"
    )]
    async fn find_order(
        &self,
        auth: UserAuth,
        id: Path<i64>,
    ) -> ApiResult<
        FindOrderResponse,
        { status::BAD_REQUEST | status::UNAUTHORIZED | status::NOT_FOUND },
    > {
        let client = self.state.db.get().await?;
        let order = service::find_order(&client, &auth.0, id.0).await?;
        Ok(FindOrderResponse::Ok(Json(order.into())))
    }

    /// Update an order
    ///
    /// Owner: change the address or cancel while pending (stock is returned,
    /// and a live checkout is cancelled; a charge for it is refunded).
    /// Admin: fulfilment steps paid → processing → shipped → delivered.
    /// Illegal transitions → 409.
    #[oai(
        path = "/orders/:id",
        method = "patch",
        tag = "ApiTags::Orders",
        operation_id = "update_order"
    )]
    async fn update_order(
        &self,
        auth: UserAuth,
        id: Path<i64>,
        body: Json<UpdateOrderRequest>,
    ) -> ApiResult<
        FindOrderResponse,
        {
            status::BODY
                | status::UNAUTHORIZED
                | status::FORBIDDEN
                | status::NOT_FOUND
                | status::CONFLICT
                | status::UNPROCESSABLE
        },
    > {
        let changes = OrderChanges {
            shipping_address: body
                .0
                .shipping_address
                .as_deref()
                .map(domain::parse_address)
                .transpose()?,
            status: body.0.status,
        };
        let order = service::update_order(
            &self.state.db,
            &self.state.catalog_cache,
            &auth.0,
            id.0,
            changes,
        )
        .await?;
        Ok(FindOrderResponse::Ok(Json(order.into())))
    }

    /// List an order's history
    ///
    /// Every status change, item change, payment event and refund, oldest
    /// first, with who did it (a user, the system, or Chapa). Owner or admin;
    /// others get 404. Keyset-paginated.
    #[oai(
        path = "/orders/:id/events",
        method = "get",
        tag = "ApiTags::Orders",
        operation_id = "list_order_events"
    )]
    async fn list_order_events(
        &self,
        auth: UserAuth,
        id: Path<i64>,
        /// Page size, 1–100 (default 20).
        #[oai(
            default = "pagination::default_limit",
            validator(minimum(value = "1"), maximum(value = "100"))
        )]
        limit: Query<i64>,
        /// `next_cursor` of the previous page.
        #[oai(validator(max_length = 2048))]
        cursor: Query<Option<String>>,
    ) -> ApiResult<
        ListOrderEventsResponse,
        { status::BAD_REQUEST | status::UNAUTHORIZED | status::NOT_FOUND },
    > {
        let limit = pagination::check_limit(limit.0)?;
        let client = self.state.db.get().await?;
        let (events, next) = history::list_events(
            &client,
            &self.state.cursors,
            &auth.0,
            id.0,
            cursor.0.as_deref(),
            limit,
        )
        .await?;
        Ok(ListOrderEventsResponse::Ok(Json(OrderEventListResponse {
            items: events.into_iter().map(Into::into).collect(),
            next_cursor: next,
        })))
    }

    /// Delete an order
    ///
    /// Only pending (stock is returned) or cancelled orders.
    #[oai(
        path = "/orders/:id",
        method = "delete",
        tag = "ApiTags::Orders",
        operation_id = "delete_order"
    )]
    async fn delete_order(
        &self,
        auth: UserAuth,
        id: Path<i64>,
    ) -> ApiResult<
        DeletedResponse,
        { status::BAD_REQUEST | status::UNAUTHORIZED | status::NOT_FOUND | status::CONFLICT },
    > {
        service::delete_order(&self.state.db, &self.state.catalog_cache, &auth.0, id.0).await?;
        Ok(DeletedResponse::NoContent)
    }

    /// List an order's items
    #[oai(
        path = "/orders/:id/items",
        method = "get",
        tag = "ApiTags::Orders",
        operation_id = "list_order_items"
    )]
    async fn list_items(
        &self,
        auth: UserAuth,
        id: Path<i64>,
    ) -> ApiResult<
        ListItemsResponse,
        { status::BAD_REQUEST | status::UNAUTHORIZED | status::NOT_FOUND },
    > {
        let client = self.state.db.get().await?;
        let items = service::list_items(&client, &auth.0, id.0).await?;
        Ok(ListItemsResponse::Ok(Json(
            items.into_iter().map(Into::into).collect(),
        )))
    }

    /// Add an item
    ///
    /// Pending orders only; takes stock and updates the total.
    #[oai(
        path = "/orders/:id/items",
        method = "post",
        tag = "ApiTags::Orders",
        operation_id = "create_order_item"
    )]
    async fn add_item(
        &self,
        auth: UserAuth,
        id: Path<i64>,
        body: Json<AddItemRequest>,
    ) -> ApiResult<
        AddItemResponse,
        {
            status::BODY
                | status::UNAUTHORIZED
                | status::NOT_FOUND
                | status::CONFLICT
                | status::UNPROCESSABLE
        },
    > {
        let item = service::add_item(
            &self.state.db,
            &self.state.catalog_cache,
            self.threshold(),
            &auth.0,
            id.0,
            body.0.product_id,
            body.0.quantity,
        )
        .await?;
        Ok(AddItemResponse::Created(Json(item.into())))
    }

    /// Change an item's quantity
    ///
    /// Pending orders only; stock and total follow.
    #[oai(
        path = "/orders/:id/items/:item_id",
        method = "patch",
        tag = "ApiTags::Orders",
        operation_id = "update_order_item"
    )]
    async fn update_item(
        &self,
        auth: UserAuth,
        id: Path<i64>,
        item_id: Path<i64>,
        body: Json<UpdateItemRequest>,
    ) -> ApiResult<
        UpdateItemResponse,
        {
            status::BODY
                | status::UNAUTHORIZED
                | status::NOT_FOUND
                | status::CONFLICT
                | status::UNPROCESSABLE
        },
    > {
        let item = service::update_item(
            &self.state.db,
            &self.state.catalog_cache,
            self.threshold(),
            &auth.0,
            id.0,
            item_id.0,
            body.0.quantity,
        )
        .await?;
        Ok(UpdateItemResponse::Ok(Json(item.into())))
    }

    /// Remove an item
    ///
    /// Pending orders only; its units return to stock.
    #[oai(
        path = "/orders/:id/items/:item_id",
        method = "delete",
        tag = "ApiTags::Orders",
        operation_id = "delete_order_item"
    )]
    async fn remove_item(
        &self,
        auth: UserAuth,
        id: Path<i64>,
        item_id: Path<i64>,
    ) -> ApiResult<
        DeletedResponse,
        { status::BAD_REQUEST | status::UNAUTHORIZED | status::NOT_FOUND | status::CONFLICT },
    > {
        service::remove_item(
            &self.state.db,
            &self.state.catalog_cache,
            &auth.0,
            id.0,
            item_id.0,
        )
        .await?;
        Ok(DeletedResponse::NoContent)
    }
}
