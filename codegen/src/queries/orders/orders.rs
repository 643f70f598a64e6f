// This file was generated with `cornucopia`. Do not modify.

#[derive(Debug)]
pub struct InsertOrderParams<
    T1: crate::StringSql,
    T2: crate::StringSql,
    T3: crate::StringSql,
    T4: crate::ArraySql<Item = i32>,
    T5: crate::ArraySql<Item = rust_decimal::Decimal>,
    T6: crate::ArraySql<Item = i64>,
> {
    pub user_id: i64,
    pub shipping_address: T1,
    pub idempotency_key: Option<T2>,
    pub request_fingerprint: Option<T3>,
    pub quantities: T4,
    pub unit_prices: T5,
    pub product_ids: T6,
}
#[derive(Debug)]
pub struct FindOrderByIdempotencyKeyParams<T1: crate::StringSql> {
    pub user_id: i64,
    pub idempotency_key: T1,
}
#[derive(Debug)]
pub struct FindOrderFingerprintParams<T1: crate::StringSql> {
    pub user_id: i64,
    pub idempotency_key: T1,
}
#[derive(Debug)]
pub struct ListUserOrdersParams<T1: crate::StringSql> {
    pub user_id: i64,
    pub status: Option<T1>,
    pub after_id: Option<i64>,
    pub after_created: Option<chrono::DateTime<chrono::FixedOffset>>,
    pub limit: i64,
}
#[derive(Clone, Copy, Debug)]
pub struct ListAllOrdersParams {
    pub after_id: Option<i64>,
    pub after_created: Option<chrono::DateTime<chrono::FixedOffset>>,
    pub limit: i64,
}
#[derive(Debug)]
pub struct ListOrdersByStatusParams<T1: crate::StringSql> {
    pub status: T1,
    pub after_id: Option<i64>,
    pub after_created: Option<chrono::DateTime<chrono::FixedOffset>>,
    pub limit: i64,
}
#[derive(Clone, Copy, Debug)]
pub struct FindItemParams {
    pub id: i64,
    pub order_id: i64,
}
#[derive(Clone, Copy, Debug)]
pub struct TakeStockParams {
    pub quantity: i32,
    pub product_id: i64,
}
#[derive(Clone, Copy, Debug)]
pub struct ReturnStockParams {
    pub quantity: i32,
    pub product_id: i64,
}
#[derive(Clone, Copy, Debug)]
pub struct InsertItemParams {
    pub order_id: i64,
    pub product_id: i64,
    pub quantity: i32,
    pub unit_price: rust_decimal::Decimal,
}
#[derive(Clone, Copy, Debug)]
pub struct UpdateItemQuantityParams {
    pub quantity: i32,
    pub id: i64,
    pub order_id: i64,
}
#[derive(Clone, Copy, Debug)]
pub struct DeleteItemParams {
    pub id: i64,
    pub order_id: i64,
}
#[derive(Debug)]
pub struct UpdateOrderParams<T1: crate::StringSql, T2: crate::StringSql> {
    pub shipping_address: Option<T1>,
    pub status: Option<T2>,
    pub id: i64,
}
#[derive(Clone, Copy, Debug)]
pub struct MarkOrderPaidParams {
    pub payment_id: i64,
    pub id: i64,
}
#[derive(Debug)]
pub struct SetOrderStatusParams<T1: crate::StringSql> {
    pub status: T1,
    pub id: i64,
}
#[derive(Debug)]
pub struct CancelPendingPaymentsParams<T1: crate::StringSql> {
    pub reason: T1,
    pub order_id: i64,
}
#[derive(Clone, Copy, Debug)]
pub struct ListExpiredOrderIdsParams {
    pub cutoff: chrono::DateTime<chrono::FixedOffset>,
    pub limit: i64,
}
#[derive(Debug)]
pub struct InsertOrderEventParams<
    T1: crate::StringSql,
    T2: crate::StringSql,
    T3: crate::StringSql,
    T4: crate::StringSql,
    T5: crate::JsonSql,
> {
    pub order_id: i64,
    pub kind: T1,
    pub from_status: Option<T2>,
    pub to_status: Option<T3>,
    pub actor: T4,
    pub actor_user_id: Option<i64>,
    pub detail: T5,
}
#[derive(Clone, Copy, Debug)]
pub struct ListOrderEventsParams {
    pub order_id: i64,
    pub after_id: Option<i64>,
    pub limit: i64,
}
#[derive(Clone, Copy, Debug)]
pub struct FillBulkOrdersParams {
    pub max_product_id: i64,
    pub from_id: i64,
    pub to_id: i64,
}
#[derive(Debug)]
pub struct ListOrdersOfProductParams<T1: crate::StringSql> {
    pub product_id: i64,
    pub user_id: Option<i64>,
    pub status: Option<T1>,
    pub after_id: Option<i64>,
    pub limit: i64,
}
#[derive(Debug, Clone, PartialEq)]
pub struct PlacedOrderItem {
    pub order_id: i64,
    pub user_id: i64,
    pub status: String,
    pub shipping_address: String,
    pub total_amount: rust_decimal::Decimal,
    pub created_at: chrono::DateTime<chrono::FixedOffset>,
    pub updated_at: chrono::DateTime<chrono::FixedOffset>,
    pub buyer_email: String,
    pub buyer_first_name: String,
    pub item_id: i64,
    pub product_id: i64,
    pub quantity: i32,
    pub unit_price: rust_decimal::Decimal,
}
pub struct PlacedOrderItemBorrowed<'a> {
    pub order_id: i64,
    pub user_id: i64,
    pub status: &'a str,
    pub shipping_address: &'a str,
    pub total_amount: rust_decimal::Decimal,
    pub created_at: chrono::DateTime<chrono::FixedOffset>,
    pub updated_at: chrono::DateTime<chrono::FixedOffset>,
    pub buyer_email: &'a str,
    pub buyer_first_name: &'a str,
    pub item_id: i64,
    pub product_id: i64,
    pub quantity: i32,
    pub unit_price: rust_decimal::Decimal,
}
impl<'a> From<PlacedOrderItemBorrowed<'a>> for PlacedOrderItem {
    fn from(
        PlacedOrderItemBorrowed {
            order_id,
            user_id,
            status,
            shipping_address,
            total_amount,
            created_at,
            updated_at,
            buyer_email,
            buyer_first_name,
            item_id,
            product_id,
            quantity,
            unit_price,
        }: PlacedOrderItemBorrowed<'a>,
    ) -> Self {
        Self {
            order_id,
            user_id,
            status: status.into(),
            shipping_address: shipping_address.into(),
            total_amount,
            created_at,
            updated_at,
            buyer_email: buyer_email.into(),
            buyer_first_name: buyer_first_name.into(),
            item_id,
            product_id,
            quantity,
            unit_price,
        }
    }
}
#[derive(Debug, Clone, PartialEq)]
pub struct Order {
    pub id: i64,
    pub user_id: i64,
    pub status: String,
    pub shipping_address: String,
    pub total_amount: rust_decimal::Decimal,
    pub created_at: chrono::DateTime<chrono::FixedOffset>,
    pub updated_at: chrono::DateTime<chrono::FixedOffset>,
}
pub struct OrderBorrowed<'a> {
    pub id: i64,
    pub user_id: i64,
    pub status: &'a str,
    pub shipping_address: &'a str,
    pub total_amount: rust_decimal::Decimal,
    pub created_at: chrono::DateTime<chrono::FixedOffset>,
    pub updated_at: chrono::DateTime<chrono::FixedOffset>,
}
impl<'a> From<OrderBorrowed<'a>> for Order {
    fn from(
        OrderBorrowed {
            id,
            user_id,
            status,
            shipping_address,
            total_amount,
            created_at,
            updated_at,
        }: OrderBorrowed<'a>,
    ) -> Self {
        Self {
            id,
            user_id,
            status: status.into(),
            shipping_address: shipping_address.into(),
            total_amount,
            created_at,
            updated_at,
        }
    }
}
#[derive(Debug, Clone, PartialEq)]
pub struct Fingerprint {
    pub request_fingerprint: Option<String>,
}
pub struct FingerprintBorrowed<'a> {
    pub request_fingerprint: Option<&'a str>,
}
impl<'a> From<FingerprintBorrowed<'a>> for Fingerprint {
    fn from(
        FingerprintBorrowed {
            request_fingerprint,
        }: FingerprintBorrowed<'a>,
    ) -> Self {
        Self {
            request_fingerprint: request_fingerprint.map(|v| v.into()),
        }
    }
}
#[derive(Debug, Clone, PartialEq)]
pub struct OrderItem {
    pub id: i64,
    pub order_id: i64,
    pub product_id: i64,
    pub product_name: String,
    pub quantity: i32,
    pub unit_price: rust_decimal::Decimal,
}
pub struct OrderItemBorrowed<'a> {
    pub id: i64,
    pub order_id: i64,
    pub product_id: i64,
    pub product_name: &'a str,
    pub quantity: i32,
    pub unit_price: rust_decimal::Decimal,
}
impl<'a> From<OrderItemBorrowed<'a>> for OrderItem {
    fn from(
        OrderItemBorrowed {
            id,
            order_id,
            product_id,
            product_name,
            quantity,
            unit_price,
        }: OrderItemBorrowed<'a>,
    ) -> Self {
        Self {
            id,
            order_id,
            product_id,
            product_name: product_name.into(),
            quantity,
            unit_price,
        }
    }
}
#[derive(Debug, Clone, PartialEq)]
pub struct TakeStock {
    pub name: String,
    pub price: rust_decimal::Decimal,
    pub stock: i32,
}
pub struct TakeStockBorrowed<'a> {
    pub name: &'a str,
    pub price: rust_decimal::Decimal,
    pub stock: i32,
}
impl<'a> From<TakeStockBorrowed<'a>> for TakeStock {
    fn from(TakeStockBorrowed { name, price, stock }: TakeStockBorrowed<'a>) -> Self {
        Self {
            name: name.into(),
            price,
            stock,
        }
    }
}
#[derive(Debug, Clone, PartialEq)]
pub struct FindProductStock {
    pub name: String,
    pub is_active: bool,
    pub stock: i32,
}
pub struct FindProductStockBorrowed<'a> {
    pub name: &'a str,
    pub is_active: bool,
    pub stock: i32,
}
impl<'a> From<FindProductStockBorrowed<'a>> for FindProductStock {
    fn from(
        FindProductStockBorrowed {
            name,
            is_active,
            stock,
        }: FindProductStockBorrowed<'a>,
    ) -> Self {
        Self {
            name: name.into(),
            is_active,
            stock,
        }
    }
}
#[derive(Debug, Clone, PartialEq)]
pub struct OrderPaymentState {
    pub status: String,
    pub total_amount: rust_decimal::Decimal,
    pub paid_by_payment_id: Option<i64>,
}
pub struct OrderPaymentStateBorrowed<'a> {
    pub status: &'a str,
    pub total_amount: rust_decimal::Decimal,
    pub paid_by_payment_id: Option<i64>,
}
impl<'a> From<OrderPaymentStateBorrowed<'a>> for OrderPaymentState {
    fn from(
        OrderPaymentStateBorrowed {
            status,
            total_amount,
            paid_by_payment_id,
        }: OrderPaymentStateBorrowed<'a>,
    ) -> Self {
        Self {
            status: status.into(),
            total_amount,
            paid_by_payment_id,
        }
    }
}
#[derive(Debug, Clone, PartialEq)]
pub struct OrderEvent {
    pub id: i64,
    pub order_id: i64,
    pub kind: String,
    pub from_status: Option<String>,
    pub to_status: Option<String>,
    pub actor: String,
    pub actor_user_id: Option<i64>,
    pub detail: serde_json::Value,
    pub created_at: chrono::DateTime<chrono::FixedOffset>,
}
pub struct OrderEventBorrowed<'a> {
    pub id: i64,
    pub order_id: i64,
    pub kind: &'a str,
    pub from_status: Option<&'a str>,
    pub to_status: Option<&'a str>,
    pub actor: &'a str,
    pub actor_user_id: Option<i64>,
    pub detail: postgres_types::Json<&'a serde_json::value::RawValue>,
    pub created_at: chrono::DateTime<chrono::FixedOffset>,
}
impl<'a> From<OrderEventBorrowed<'a>> for OrderEvent {
    fn from(
        OrderEventBorrowed {
            id,
            order_id,
            kind,
            from_status,
            to_status,
            actor,
            actor_user_id,
            detail,
            created_at,
        }: OrderEventBorrowed<'a>,
    ) -> Self {
        Self {
            id,
            order_id,
            kind: kind.into(),
            from_status: from_status.map(|v| v.into()),
            to_status: to_status.map(|v| v.into()),
            actor: actor.into(),
            actor_user_id,
            detail: serde_json::from_str(detail.0.get()).unwrap(),
            created_at,
        }
    }
}
#[derive(Debug, Clone, PartialEq)]
pub struct FindBuyer {
    pub email: String,
    pub first_name: String,
}
pub struct FindBuyerBorrowed<'a> {
    pub email: &'a str,
    pub first_name: &'a str,
}
impl<'a> From<FindBuyerBorrowed<'a>> for FindBuyer {
    fn from(FindBuyerBorrowed { email, first_name }: FindBuyerBorrowed<'a>) -> Self {
        Self {
            email: email.into(),
            first_name: first_name.into(),
        }
    }
}
use crate::client::async_::GenericClient;
use futures::{self, StreamExt, TryStreamExt};
pub struct PlacedOrderItemQuery<'c, 'a, 's, C: GenericClient, T, const N: usize> {
    client: &'c C,
    params: [&'a (dyn postgres_types::ToSql + Sync); N],
    query: &'static str,
    cached: Option<&'s tokio_postgres::Statement>,
    extractor: fn(&tokio_postgres::Row) -> Result<PlacedOrderItemBorrowed, tokio_postgres::Error>,
    mapper: fn(PlacedOrderItemBorrowed) -> T,
}
impl<'c, 'a, 's, C, T: 'c, const N: usize> PlacedOrderItemQuery<'c, 'a, 's, C, T, N>
where
    C: GenericClient,
{
    pub fn map<R>(
        self,
        mapper: fn(PlacedOrderItemBorrowed) -> R,
    ) -> PlacedOrderItemQuery<'c, 'a, 's, C, R, N> {
        PlacedOrderItemQuery {
            client: self.client,
            params: self.params,
            query: self.query,
            cached: self.cached,
            extractor: self.extractor,
            mapper,
        }
    }
    pub async fn one(self) -> Result<T, tokio_postgres::Error> {
        let row =
            crate::client::async_::one(self.client, self.query, &self.params, self.cached).await?;
        Ok((self.mapper)((self.extractor)(&row)?))
    }
    pub async fn all(self) -> Result<Vec<T>, tokio_postgres::Error> {
        self.iter().await?.try_collect().await
    }
    pub async fn opt(self) -> Result<Option<T>, tokio_postgres::Error> {
        let opt_row =
            crate::client::async_::opt(self.client, self.query, &self.params, self.cached).await?;
        Ok(opt_row
            .map(|row| {
                let extracted = (self.extractor)(&row)?;
                Ok((self.mapper)(extracted))
            })
            .transpose()?)
    }
    pub async fn iter(
        self,
    ) -> Result<
        impl futures::Stream<Item = Result<T, tokio_postgres::Error>> + 'c,
        tokio_postgres::Error,
    > {
        let stream = crate::client::async_::raw(
            self.client,
            self.query,
            crate::slice_iter(&self.params),
            self.cached,
        )
        .await?;
        let mapped = stream
            .map(move |res| {
                res.and_then(|row| {
                    let extracted = (self.extractor)(&row)?;
                    Ok((self.mapper)(extracted))
                })
            })
            .into_stream();
        Ok(mapped)
    }
}
pub struct OrderQuery<'c, 'a, 's, C: GenericClient, T, const N: usize> {
    client: &'c C,
    params: [&'a (dyn postgres_types::ToSql + Sync); N],
    query: &'static str,
    cached: Option<&'s tokio_postgres::Statement>,
    extractor: fn(&tokio_postgres::Row) -> Result<OrderBorrowed, tokio_postgres::Error>,
    mapper: fn(OrderBorrowed) -> T,
}
impl<'c, 'a, 's, C, T: 'c, const N: usize> OrderQuery<'c, 'a, 's, C, T, N>
where
    C: GenericClient,
{
    pub fn map<R>(self, mapper: fn(OrderBorrowed) -> R) -> OrderQuery<'c, 'a, 's, C, R, N> {
        OrderQuery {
            client: self.client,
            params: self.params,
            query: self.query,
            cached: self.cached,
            extractor: self.extractor,
            mapper,
        }
    }
    pub async fn one(self) -> Result<T, tokio_postgres::Error> {
        let row =
            crate::client::async_::one(self.client, self.query, &self.params, self.cached).await?;
        Ok((self.mapper)((self.extractor)(&row)?))
    }
    pub async fn all(self) -> Result<Vec<T>, tokio_postgres::Error> {
        self.iter().await?.try_collect().await
    }
    pub async fn opt(self) -> Result<Option<T>, tokio_postgres::Error> {
        let opt_row =
            crate::client::async_::opt(self.client, self.query, &self.params, self.cached).await?;
        Ok(opt_row
            .map(|row| {
                let extracted = (self.extractor)(&row)?;
                Ok((self.mapper)(extracted))
            })
            .transpose()?)
    }
    pub async fn iter(
        self,
    ) -> Result<
        impl futures::Stream<Item = Result<T, tokio_postgres::Error>> + 'c,
        tokio_postgres::Error,
    > {
        let stream = crate::client::async_::raw(
            self.client,
            self.query,
            crate::slice_iter(&self.params),
            self.cached,
        )
        .await?;
        let mapped = stream
            .map(move |res| {
                res.and_then(|row| {
                    let extracted = (self.extractor)(&row)?;
                    Ok((self.mapper)(extracted))
                })
            })
            .into_stream();
        Ok(mapped)
    }
}
pub struct FingerprintQuery<'c, 'a, 's, C: GenericClient, T, const N: usize> {
    client: &'c C,
    params: [&'a (dyn postgres_types::ToSql + Sync); N],
    query: &'static str,
    cached: Option<&'s tokio_postgres::Statement>,
    extractor: fn(&tokio_postgres::Row) -> Result<FingerprintBorrowed, tokio_postgres::Error>,
    mapper: fn(FingerprintBorrowed) -> T,
}
impl<'c, 'a, 's, C, T: 'c, const N: usize> FingerprintQuery<'c, 'a, 's, C, T, N>
where
    C: GenericClient,
{
    pub fn map<R>(
        self,
        mapper: fn(FingerprintBorrowed) -> R,
    ) -> FingerprintQuery<'c, 'a, 's, C, R, N> {
        FingerprintQuery {
            client: self.client,
            params: self.params,
            query: self.query,
            cached: self.cached,
            extractor: self.extractor,
            mapper,
        }
    }
    pub async fn one(self) -> Result<T, tokio_postgres::Error> {
        let row =
            crate::client::async_::one(self.client, self.query, &self.params, self.cached).await?;
        Ok((self.mapper)((self.extractor)(&row)?))
    }
    pub async fn all(self) -> Result<Vec<T>, tokio_postgres::Error> {
        self.iter().await?.try_collect().await
    }
    pub async fn opt(self) -> Result<Option<T>, tokio_postgres::Error> {
        let opt_row =
            crate::client::async_::opt(self.client, self.query, &self.params, self.cached).await?;
        Ok(opt_row
            .map(|row| {
                let extracted = (self.extractor)(&row)?;
                Ok((self.mapper)(extracted))
            })
            .transpose()?)
    }
    pub async fn iter(
        self,
    ) -> Result<
        impl futures::Stream<Item = Result<T, tokio_postgres::Error>> + 'c,
        tokio_postgres::Error,
    > {
        let stream = crate::client::async_::raw(
            self.client,
            self.query,
            crate::slice_iter(&self.params),
            self.cached,
        )
        .await?;
        let mapped = stream
            .map(move |res| {
                res.and_then(|row| {
                    let extracted = (self.extractor)(&row)?;
                    Ok((self.mapper)(extracted))
                })
            })
            .into_stream();
        Ok(mapped)
    }
}
pub struct OrderItemQuery<'c, 'a, 's, C: GenericClient, T, const N: usize> {
    client: &'c C,
    params: [&'a (dyn postgres_types::ToSql + Sync); N],
    query: &'static str,
    cached: Option<&'s tokio_postgres::Statement>,
    extractor: fn(&tokio_postgres::Row) -> Result<OrderItemBorrowed, tokio_postgres::Error>,
    mapper: fn(OrderItemBorrowed) -> T,
}
impl<'c, 'a, 's, C, T: 'c, const N: usize> OrderItemQuery<'c, 'a, 's, C, T, N>
where
    C: GenericClient,
{
    pub fn map<R>(self, mapper: fn(OrderItemBorrowed) -> R) -> OrderItemQuery<'c, 'a, 's, C, R, N> {
        OrderItemQuery {
            client: self.client,
            params: self.params,
            query: self.query,
            cached: self.cached,
            extractor: self.extractor,
            mapper,
        }
    }
    pub async fn one(self) -> Result<T, tokio_postgres::Error> {
        let row =
            crate::client::async_::one(self.client, self.query, &self.params, self.cached).await?;
        Ok((self.mapper)((self.extractor)(&row)?))
    }
    pub async fn all(self) -> Result<Vec<T>, tokio_postgres::Error> {
        self.iter().await?.try_collect().await
    }
    pub async fn opt(self) -> Result<Option<T>, tokio_postgres::Error> {
        let opt_row =
            crate::client::async_::opt(self.client, self.query, &self.params, self.cached).await?;
        Ok(opt_row
            .map(|row| {
                let extracted = (self.extractor)(&row)?;
                Ok((self.mapper)(extracted))
            })
            .transpose()?)
    }
    pub async fn iter(
        self,
    ) -> Result<
        impl futures::Stream<Item = Result<T, tokio_postgres::Error>> + 'c,
        tokio_postgres::Error,
    > {
        let stream = crate::client::async_::raw(
            self.client,
            self.query,
            crate::slice_iter(&self.params),
            self.cached,
        )
        .await?;
        let mapped = stream
            .map(move |res| {
                res.and_then(|row| {
                    let extracted = (self.extractor)(&row)?;
                    Ok((self.mapper)(extracted))
                })
            })
            .into_stream();
        Ok(mapped)
    }
}
pub struct TakeStockQuery<'c, 'a, 's, C: GenericClient, T, const N: usize> {
    client: &'c C,
    params: [&'a (dyn postgres_types::ToSql + Sync); N],
    query: &'static str,
    cached: Option<&'s tokio_postgres::Statement>,
    extractor: fn(&tokio_postgres::Row) -> Result<TakeStockBorrowed, tokio_postgres::Error>,
    mapper: fn(TakeStockBorrowed) -> T,
}
impl<'c, 'a, 's, C, T: 'c, const N: usize> TakeStockQuery<'c, 'a, 's, C, T, N>
where
    C: GenericClient,
{
    pub fn map<R>(self, mapper: fn(TakeStockBorrowed) -> R) -> TakeStockQuery<'c, 'a, 's, C, R, N> {
        TakeStockQuery {
            client: self.client,
            params: self.params,
            query: self.query,
            cached: self.cached,
            extractor: self.extractor,
            mapper,
        }
    }
    pub async fn one(self) -> Result<T, tokio_postgres::Error> {
        let row =
            crate::client::async_::one(self.client, self.query, &self.params, self.cached).await?;
        Ok((self.mapper)((self.extractor)(&row)?))
    }
    pub async fn all(self) -> Result<Vec<T>, tokio_postgres::Error> {
        self.iter().await?.try_collect().await
    }
    pub async fn opt(self) -> Result<Option<T>, tokio_postgres::Error> {
        let opt_row =
            crate::client::async_::opt(self.client, self.query, &self.params, self.cached).await?;
        Ok(opt_row
            .map(|row| {
                let extracted = (self.extractor)(&row)?;
                Ok((self.mapper)(extracted))
            })
            .transpose()?)
    }
    pub async fn iter(
        self,
    ) -> Result<
        impl futures::Stream<Item = Result<T, tokio_postgres::Error>> + 'c,
        tokio_postgres::Error,
    > {
        let stream = crate::client::async_::raw(
            self.client,
            self.query,
            crate::slice_iter(&self.params),
            self.cached,
        )
        .await?;
        let mapped = stream
            .map(move |res| {
                res.and_then(|row| {
                    let extracted = (self.extractor)(&row)?;
                    Ok((self.mapper)(extracted))
                })
            })
            .into_stream();
        Ok(mapped)
    }
}
pub struct FindProductStockQuery<'c, 'a, 's, C: GenericClient, T, const N: usize> {
    client: &'c C,
    params: [&'a (dyn postgres_types::ToSql + Sync); N],
    query: &'static str,
    cached: Option<&'s tokio_postgres::Statement>,
    extractor: fn(&tokio_postgres::Row) -> Result<FindProductStockBorrowed, tokio_postgres::Error>,
    mapper: fn(FindProductStockBorrowed) -> T,
}
impl<'c, 'a, 's, C, T: 'c, const N: usize> FindProductStockQuery<'c, 'a, 's, C, T, N>
where
    C: GenericClient,
{
    pub fn map<R>(
        self,
        mapper: fn(FindProductStockBorrowed) -> R,
    ) -> FindProductStockQuery<'c, 'a, 's, C, R, N> {
        FindProductStockQuery {
            client: self.client,
            params: self.params,
            query: self.query,
            cached: self.cached,
            extractor: self.extractor,
            mapper,
        }
    }
    pub async fn one(self) -> Result<T, tokio_postgres::Error> {
        let row =
            crate::client::async_::one(self.client, self.query, &self.params, self.cached).await?;
        Ok((self.mapper)((self.extractor)(&row)?))
    }
    pub async fn all(self) -> Result<Vec<T>, tokio_postgres::Error> {
        self.iter().await?.try_collect().await
    }
    pub async fn opt(self) -> Result<Option<T>, tokio_postgres::Error> {
        let opt_row =
            crate::client::async_::opt(self.client, self.query, &self.params, self.cached).await?;
        Ok(opt_row
            .map(|row| {
                let extracted = (self.extractor)(&row)?;
                Ok((self.mapper)(extracted))
            })
            .transpose()?)
    }
    pub async fn iter(
        self,
    ) -> Result<
        impl futures::Stream<Item = Result<T, tokio_postgres::Error>> + 'c,
        tokio_postgres::Error,
    > {
        let stream = crate::client::async_::raw(
            self.client,
            self.query,
            crate::slice_iter(&self.params),
            self.cached,
        )
        .await?;
        let mapped = stream
            .map(move |res| {
                res.and_then(|row| {
                    let extracted = (self.extractor)(&row)?;
                    Ok((self.mapper)(extracted))
                })
            })
            .into_stream();
        Ok(mapped)
    }
}
pub struct RustdecimalDecimalQuery<'c, 'a, 's, C: GenericClient, T, const N: usize> {
    client: &'c C,
    params: [&'a (dyn postgres_types::ToSql + Sync); N],
    query: &'static str,
    cached: Option<&'s tokio_postgres::Statement>,
    extractor: fn(&tokio_postgres::Row) -> Result<rust_decimal::Decimal, tokio_postgres::Error>,
    mapper: fn(rust_decimal::Decimal) -> T,
}
impl<'c, 'a, 's, C, T: 'c, const N: usize> RustdecimalDecimalQuery<'c, 'a, 's, C, T, N>
where
    C: GenericClient,
{
    pub fn map<R>(
        self,
        mapper: fn(rust_decimal::Decimal) -> R,
    ) -> RustdecimalDecimalQuery<'c, 'a, 's, C, R, N> {
        RustdecimalDecimalQuery {
            client: self.client,
            params: self.params,
            query: self.query,
            cached: self.cached,
            extractor: self.extractor,
            mapper,
        }
    }
    pub async fn one(self) -> Result<T, tokio_postgres::Error> {
        let row =
            crate::client::async_::one(self.client, self.query, &self.params, self.cached).await?;
        Ok((self.mapper)((self.extractor)(&row)?))
    }
    pub async fn all(self) -> Result<Vec<T>, tokio_postgres::Error> {
        self.iter().await?.try_collect().await
    }
    pub async fn opt(self) -> Result<Option<T>, tokio_postgres::Error> {
        let opt_row =
            crate::client::async_::opt(self.client, self.query, &self.params, self.cached).await?;
        Ok(opt_row
            .map(|row| {
                let extracted = (self.extractor)(&row)?;
                Ok((self.mapper)(extracted))
            })
            .transpose()?)
    }
    pub async fn iter(
        self,
    ) -> Result<
        impl futures::Stream<Item = Result<T, tokio_postgres::Error>> + 'c,
        tokio_postgres::Error,
    > {
        let stream = crate::client::async_::raw(
            self.client,
            self.query,
            crate::slice_iter(&self.params),
            self.cached,
        )
        .await?;
        let mapped = stream
            .map(move |res| {
                res.and_then(|row| {
                    let extracted = (self.extractor)(&row)?;
                    Ok((self.mapper)(extracted))
                })
            })
            .into_stream();
        Ok(mapped)
    }
}
pub struct OrderPaymentStateQuery<'c, 'a, 's, C: GenericClient, T, const N: usize> {
    client: &'c C,
    params: [&'a (dyn postgres_types::ToSql + Sync); N],
    query: &'static str,
    cached: Option<&'s tokio_postgres::Statement>,
    extractor: fn(&tokio_postgres::Row) -> Result<OrderPaymentStateBorrowed, tokio_postgres::Error>,
    mapper: fn(OrderPaymentStateBorrowed) -> T,
}
impl<'c, 'a, 's, C, T: 'c, const N: usize> OrderPaymentStateQuery<'c, 'a, 's, C, T, N>
where
    C: GenericClient,
{
    pub fn map<R>(
        self,
        mapper: fn(OrderPaymentStateBorrowed) -> R,
    ) -> OrderPaymentStateQuery<'c, 'a, 's, C, R, N> {
        OrderPaymentStateQuery {
            client: self.client,
            params: self.params,
            query: self.query,
            cached: self.cached,
            extractor: self.extractor,
            mapper,
        }
    }
    pub async fn one(self) -> Result<T, tokio_postgres::Error> {
        let row =
            crate::client::async_::one(self.client, self.query, &self.params, self.cached).await?;
        Ok((self.mapper)((self.extractor)(&row)?))
    }
    pub async fn all(self) -> Result<Vec<T>, tokio_postgres::Error> {
        self.iter().await?.try_collect().await
    }
    pub async fn opt(self) -> Result<Option<T>, tokio_postgres::Error> {
        let opt_row =
            crate::client::async_::opt(self.client, self.query, &self.params, self.cached).await?;
        Ok(opt_row
            .map(|row| {
                let extracted = (self.extractor)(&row)?;
                Ok((self.mapper)(extracted))
            })
            .transpose()?)
    }
    pub async fn iter(
        self,
    ) -> Result<
        impl futures::Stream<Item = Result<T, tokio_postgres::Error>> + 'c,
        tokio_postgres::Error,
    > {
        let stream = crate::client::async_::raw(
            self.client,
            self.query,
            crate::slice_iter(&self.params),
            self.cached,
        )
        .await?;
        let mapped = stream
            .map(move |res| {
                res.and_then(|row| {
                    let extracted = (self.extractor)(&row)?;
                    Ok((self.mapper)(extracted))
                })
            })
            .into_stream();
        Ok(mapped)
    }
}
pub struct BoolQuery<'c, 'a, 's, C: GenericClient, T, const N: usize> {
    client: &'c C,
    params: [&'a (dyn postgres_types::ToSql + Sync); N],
    query: &'static str,
    cached: Option<&'s tokio_postgres::Statement>,
    extractor: fn(&tokio_postgres::Row) -> Result<bool, tokio_postgres::Error>,
    mapper: fn(bool) -> T,
}
impl<'c, 'a, 's, C, T: 'c, const N: usize> BoolQuery<'c, 'a, 's, C, T, N>
where
    C: GenericClient,
{
    pub fn map<R>(self, mapper: fn(bool) -> R) -> BoolQuery<'c, 'a, 's, C, R, N> {
        BoolQuery {
            client: self.client,
            params: self.params,
            query: self.query,
            cached: self.cached,
            extractor: self.extractor,
            mapper,
        }
    }
    pub async fn one(self) -> Result<T, tokio_postgres::Error> {
        let row =
            crate::client::async_::one(self.client, self.query, &self.params, self.cached).await?;
        Ok((self.mapper)((self.extractor)(&row)?))
    }
    pub async fn all(self) -> Result<Vec<T>, tokio_postgres::Error> {
        self.iter().await?.try_collect().await
    }
    pub async fn opt(self) -> Result<Option<T>, tokio_postgres::Error> {
        let opt_row =
            crate::client::async_::opt(self.client, self.query, &self.params, self.cached).await?;
        Ok(opt_row
            .map(|row| {
                let extracted = (self.extractor)(&row)?;
                Ok((self.mapper)(extracted))
            })
            .transpose()?)
    }
    pub async fn iter(
        self,
    ) -> Result<
        impl futures::Stream<Item = Result<T, tokio_postgres::Error>> + 'c,
        tokio_postgres::Error,
    > {
        let stream = crate::client::async_::raw(
            self.client,
            self.query,
            crate::slice_iter(&self.params),
            self.cached,
        )
        .await?;
        let mapped = stream
            .map(move |res| {
                res.and_then(|row| {
                    let extracted = (self.extractor)(&row)?;
                    Ok((self.mapper)(extracted))
                })
            })
            .into_stream();
        Ok(mapped)
    }
}
pub struct I64Query<'c, 'a, 's, C: GenericClient, T, const N: usize> {
    client: &'c C,
    params: [&'a (dyn postgres_types::ToSql + Sync); N],
    query: &'static str,
    cached: Option<&'s tokio_postgres::Statement>,
    extractor: fn(&tokio_postgres::Row) -> Result<i64, tokio_postgres::Error>,
    mapper: fn(i64) -> T,
}
impl<'c, 'a, 's, C, T: 'c, const N: usize> I64Query<'c, 'a, 's, C, T, N>
where
    C: GenericClient,
{
    pub fn map<R>(self, mapper: fn(i64) -> R) -> I64Query<'c, 'a, 's, C, R, N> {
        I64Query {
            client: self.client,
            params: self.params,
            query: self.query,
            cached: self.cached,
            extractor: self.extractor,
            mapper,
        }
    }
    pub async fn one(self) -> Result<T, tokio_postgres::Error> {
        let row =
            crate::client::async_::one(self.client, self.query, &self.params, self.cached).await?;
        Ok((self.mapper)((self.extractor)(&row)?))
    }
    pub async fn all(self) -> Result<Vec<T>, tokio_postgres::Error> {
        self.iter().await?.try_collect().await
    }
    pub async fn opt(self) -> Result<Option<T>, tokio_postgres::Error> {
        let opt_row =
            crate::client::async_::opt(self.client, self.query, &self.params, self.cached).await?;
        Ok(opt_row
            .map(|row| {
                let extracted = (self.extractor)(&row)?;
                Ok((self.mapper)(extracted))
            })
            .transpose()?)
    }
    pub async fn iter(
        self,
    ) -> Result<
        impl futures::Stream<Item = Result<T, tokio_postgres::Error>> + 'c,
        tokio_postgres::Error,
    > {
        let stream = crate::client::async_::raw(
            self.client,
            self.query,
            crate::slice_iter(&self.params),
            self.cached,
        )
        .await?;
        let mapped = stream
            .map(move |res| {
                res.and_then(|row| {
                    let extracted = (self.extractor)(&row)?;
                    Ok((self.mapper)(extracted))
                })
            })
            .into_stream();
        Ok(mapped)
    }
}
pub struct OrderEventQuery<'c, 'a, 's, C: GenericClient, T, const N: usize> {
    client: &'c C,
    params: [&'a (dyn postgres_types::ToSql + Sync); N],
    query: &'static str,
    cached: Option<&'s tokio_postgres::Statement>,
    extractor: fn(&tokio_postgres::Row) -> Result<OrderEventBorrowed, tokio_postgres::Error>,
    mapper: fn(OrderEventBorrowed) -> T,
}
impl<'c, 'a, 's, C, T: 'c, const N: usize> OrderEventQuery<'c, 'a, 's, C, T, N>
where
    C: GenericClient,
{
    pub fn map<R>(
        self,
        mapper: fn(OrderEventBorrowed) -> R,
    ) -> OrderEventQuery<'c, 'a, 's, C, R, N> {
        OrderEventQuery {
            client: self.client,
            params: self.params,
            query: self.query,
            cached: self.cached,
            extractor: self.extractor,
            mapper,
        }
    }
    pub async fn one(self) -> Result<T, tokio_postgres::Error> {
        let row =
            crate::client::async_::one(self.client, self.query, &self.params, self.cached).await?;
        Ok((self.mapper)((self.extractor)(&row)?))
    }
    pub async fn all(self) -> Result<Vec<T>, tokio_postgres::Error> {
        self.iter().await?.try_collect().await
    }
    pub async fn opt(self) -> Result<Option<T>, tokio_postgres::Error> {
        let opt_row =
            crate::client::async_::opt(self.client, self.query, &self.params, self.cached).await?;
        Ok(opt_row
            .map(|row| {
                let extracted = (self.extractor)(&row)?;
                Ok((self.mapper)(extracted))
            })
            .transpose()?)
    }
    pub async fn iter(
        self,
    ) -> Result<
        impl futures::Stream<Item = Result<T, tokio_postgres::Error>> + 'c,
        tokio_postgres::Error,
    > {
        let stream = crate::client::async_::raw(
            self.client,
            self.query,
            crate::slice_iter(&self.params),
            self.cached,
        )
        .await?;
        let mapped = stream
            .map(move |res| {
                res.and_then(|row| {
                    let extracted = (self.extractor)(&row)?;
                    Ok((self.mapper)(extracted))
                })
            })
            .into_stream();
        Ok(mapped)
    }
}
pub struct FindBuyerQuery<'c, 'a, 's, C: GenericClient, T, const N: usize> {
    client: &'c C,
    params: [&'a (dyn postgres_types::ToSql + Sync); N],
    query: &'static str,
    cached: Option<&'s tokio_postgres::Statement>,
    extractor: fn(&tokio_postgres::Row) -> Result<FindBuyerBorrowed, tokio_postgres::Error>,
    mapper: fn(FindBuyerBorrowed) -> T,
}
impl<'c, 'a, 's, C, T: 'c, const N: usize> FindBuyerQuery<'c, 'a, 's, C, T, N>
where
    C: GenericClient,
{
    pub fn map<R>(self, mapper: fn(FindBuyerBorrowed) -> R) -> FindBuyerQuery<'c, 'a, 's, C, R, N> {
        FindBuyerQuery {
            client: self.client,
            params: self.params,
            query: self.query,
            cached: self.cached,
            extractor: self.extractor,
            mapper,
        }
    }
    pub async fn one(self) -> Result<T, tokio_postgres::Error> {
        let row =
            crate::client::async_::one(self.client, self.query, &self.params, self.cached).await?;
        Ok((self.mapper)((self.extractor)(&row)?))
    }
    pub async fn all(self) -> Result<Vec<T>, tokio_postgres::Error> {
        self.iter().await?.try_collect().await
    }
    pub async fn opt(self) -> Result<Option<T>, tokio_postgres::Error> {
        let opt_row =
            crate::client::async_::opt(self.client, self.query, &self.params, self.cached).await?;
        Ok(opt_row
            .map(|row| {
                let extracted = (self.extractor)(&row)?;
                Ok((self.mapper)(extracted))
            })
            .transpose()?)
    }
    pub async fn iter(
        self,
    ) -> Result<
        impl futures::Stream<Item = Result<T, tokio_postgres::Error>> + 'c,
        tokio_postgres::Error,
    > {
        let stream = crate::client::async_::raw(
            self.client,
            self.query,
            crate::slice_iter(&self.params),
            self.cached,
        )
        .await?;
        let mapped = stream
            .map(move |res| {
                res.and_then(|row| {
                    let extracted = (self.extractor)(&row)?;
                    Ok((self.mapper)(extracted))
                })
            })
            .into_stream();
        Ok(mapped)
    }
}
pub struct InsertOrderStmt(&'static str, Option<tokio_postgres::Statement>);
/// A new order with all its items, in one statement and one write of the
/// order row: the total is summed here from the lines it inserts (the
/// invariant recompute_order_total keeps, total_amount = sum(quantity *
/// unit_price)). Each row is one item, oldest first, with the order and its
/// buyer's address and name for the confirmation email. The caller took the
/// stock and read the prices under the products' row locks.
pub fn insert_order() -> InsertOrderStmt {
    InsertOrderStmt(
        "WITH placed AS ( INSERT INTO orders (user_id, shipping_address, total_amount, idempotency_key, request_fingerprint) SELECT $1, $2, sum(line.quantity * line.unit_price), $3, $4 FROM unnest($5::integer[], $6::numeric[]) AS line (quantity, unit_price) RETURNING id, user_id, status, shipping_address, total_amount, created_at, updated_at ), items AS ( INSERT INTO order_items (order_id, product_id, quantity, unit_price) SELECT o.id, item.product_id, item.quantity, item.unit_price FROM placed o CROSS JOIN unnest($7::bigint[], $5::integer[], $6::numeric[]) AS item (product_id, quantity, unit_price) RETURNING id, product_id, quantity, unit_price ) SELECT o.id AS order_id, o.user_id, o.status, o.shipping_address, o.total_amount, o.created_at, o.updated_at, u.email AS buyer_email, u.first_name AS buyer_first_name, i.id AS item_id, i.product_id, i.quantity, i.unit_price FROM placed o JOIN users u ON u.id = o.user_id CROSS JOIN items i ORDER BY i.id",
        None,
    )
}
impl InsertOrderStmt {
    pub async fn prepare<'a, C: GenericClient>(
        mut self,
        client: &'a C,
    ) -> Result<Self, tokio_postgres::Error> {
        self.1 = Some(client.prepare(self.0).await?);
        Ok(self)
    }
    pub fn bind<
        'c,
        'a,
        's,
        C: GenericClient,
        T1: crate::StringSql,
        T2: crate::StringSql,
        T3: crate::StringSql,
        T4: crate::ArraySql<Item = i32>,
        T5: crate::ArraySql<Item = rust_decimal::Decimal>,
        T6: crate::ArraySql<Item = i64>,
    >(
        &'s self,
        client: &'c C,
        user_id: &'a i64,
        shipping_address: &'a T1,
        idempotency_key: &'a Option<T2>,
        request_fingerprint: &'a Option<T3>,
        quantities: &'a T4,
        unit_prices: &'a T5,
        product_ids: &'a T6,
    ) -> PlacedOrderItemQuery<'c, 'a, 's, C, PlacedOrderItem, 7> {
        PlacedOrderItemQuery {
            client,
            params: [
                user_id,
                shipping_address,
                idempotency_key,
                request_fingerprint,
                quantities,
                unit_prices,
                product_ids,
            ],
            query: self.0,
            cached: self.1.as_ref(),
            extractor: |
                row: &tokio_postgres::Row,
            | -> Result<PlacedOrderItemBorrowed, tokio_postgres::Error> {
                Ok(PlacedOrderItemBorrowed {
                    order_id: row.try_get(0)?,
                    user_id: row.try_get(1)?,
                    status: row.try_get(2)?,
                    shipping_address: row.try_get(3)?,
                    total_amount: row.try_get(4)?,
                    created_at: row.try_get(5)?,
                    updated_at: row.try_get(6)?,
                    buyer_email: row.try_get(7)?,
                    buyer_first_name: row.try_get(8)?,
                    item_id: row.try_get(9)?,
                    product_id: row.try_get(10)?,
                    quantity: row.try_get(11)?,
                    unit_price: row.try_get(12)?,
                })
            },
            mapper: |it| PlacedOrderItem::from(it),
        }
    }
}
impl<
    'c,
    'a,
    's,
    C: GenericClient,
    T1: crate::StringSql,
    T2: crate::StringSql,
    T3: crate::StringSql,
    T4: crate::ArraySql<Item = i32>,
    T5: crate::ArraySql<Item = rust_decimal::Decimal>,
    T6: crate::ArraySql<Item = i64>,
>
    crate::client::async_::Params<
        'c,
        'a,
        's,
        InsertOrderParams<T1, T2, T3, T4, T5, T6>,
        PlacedOrderItemQuery<'c, 'a, 's, C, PlacedOrderItem, 7>,
        C,
    > for InsertOrderStmt
{
    fn params(
        &'s self,
        client: &'c C,
        params: &'a InsertOrderParams<T1, T2, T3, T4, T5, T6>,
    ) -> PlacedOrderItemQuery<'c, 'a, 's, C, PlacedOrderItem, 7> {
        self.bind(
            client,
            &params.user_id,
            &params.shipping_address,
            &params.idempotency_key,
            &params.request_fingerprint,
            &params.quantities,
            &params.unit_prices,
            &params.product_ids,
        )
    }
}
pub struct FindOrderByIdempotencyKeyStmt(&'static str, Option<tokio_postgres::Statement>);
/// The order an earlier request with the same Idempotency-Key created.
pub fn find_order_by_idempotency_key() -> FindOrderByIdempotencyKeyStmt {
    FindOrderByIdempotencyKeyStmt(
        "SELECT id, user_id, status, shipping_address, total_amount, created_at, updated_at FROM orders WHERE user_id = $1 AND idempotency_key = $2",
        None,
    )
}
impl FindOrderByIdempotencyKeyStmt {
    pub async fn prepare<'a, C: GenericClient>(
        mut self,
        client: &'a C,
    ) -> Result<Self, tokio_postgres::Error> {
        self.1 = Some(client.prepare(self.0).await?);
        Ok(self)
    }
    pub fn bind<'c, 'a, 's, C: GenericClient, T1: crate::StringSql>(
        &'s self,
        client: &'c C,
        user_id: &'a i64,
        idempotency_key: &'a T1,
    ) -> OrderQuery<'c, 'a, 's, C, Order, 2> {
        OrderQuery {
            client,
            params: [user_id, idempotency_key],
            query: self.0,
            cached: self.1.as_ref(),
            extractor: |row: &tokio_postgres::Row| -> Result<OrderBorrowed, tokio_postgres::Error> {
                Ok(OrderBorrowed {
                    id: row.try_get(0)?,
                    user_id: row.try_get(1)?,
                    status: row.try_get(2)?,
                    shipping_address: row.try_get(3)?,
                    total_amount: row.try_get(4)?,
                    created_at: row.try_get(5)?,
                    updated_at: row.try_get(6)?,
                })
            },
            mapper: |it| Order::from(it),
        }
    }
}
impl<'c, 'a, 's, C: GenericClient, T1: crate::StringSql>
    crate::client::async_::Params<
        'c,
        'a,
        's,
        FindOrderByIdempotencyKeyParams<T1>,
        OrderQuery<'c, 'a, 's, C, Order, 2>,
        C,
    > for FindOrderByIdempotencyKeyStmt
{
    fn params(
        &'s self,
        client: &'c C,
        params: &'a FindOrderByIdempotencyKeyParams<T1>,
    ) -> OrderQuery<'c, 'a, 's, C, Order, 2> {
        self.bind(client, &params.user_id, &params.idempotency_key)
    }
}
pub struct FindOrderFingerprintStmt(&'static str, Option<tokio_postgres::Statement>);
/// What the request that created this idempotent order asked for.
pub fn find_order_fingerprint() -> FindOrderFingerprintStmt {
    FindOrderFingerprintStmt(
        "SELECT request_fingerprint FROM orders WHERE user_id = $1 AND idempotency_key = $2",
        None,
    )
}
impl FindOrderFingerprintStmt {
    pub async fn prepare<'a, C: GenericClient>(
        mut self,
        client: &'a C,
    ) -> Result<Self, tokio_postgres::Error> {
        self.1 = Some(client.prepare(self.0).await?);
        Ok(self)
    }
    pub fn bind<'c, 'a, 's, C: GenericClient, T1: crate::StringSql>(
        &'s self,
        client: &'c C,
        user_id: &'a i64,
        idempotency_key: &'a T1,
    ) -> FingerprintQuery<'c, 'a, 's, C, Fingerprint, 2> {
        FingerprintQuery {
            client,
            params: [user_id, idempotency_key],
            query: self.0,
            cached: self.1.as_ref(),
            extractor:
                |row: &tokio_postgres::Row| -> Result<FingerprintBorrowed, tokio_postgres::Error> {
                    Ok(FingerprintBorrowed {
                        request_fingerprint: row.try_get(0)?,
                    })
                },
            mapper: |it| Fingerprint::from(it),
        }
    }
}
impl<'c, 'a, 's, C: GenericClient, T1: crate::StringSql>
    crate::client::async_::Params<
        'c,
        'a,
        's,
        FindOrderFingerprintParams<T1>,
        FingerprintQuery<'c, 'a, 's, C, Fingerprint, 2>,
        C,
    > for FindOrderFingerprintStmt
{
    fn params(
        &'s self,
        client: &'c C,
        params: &'a FindOrderFingerprintParams<T1>,
    ) -> FingerprintQuery<'c, 'a, 's, C, Fingerprint, 2> {
        self.bind(client, &params.user_id, &params.idempotency_key)
    }
}
pub struct FindOrderStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn find_order() -> FindOrderStmt {
    FindOrderStmt(
        "SELECT id, user_id, status, shipping_address, total_amount, created_at, updated_at FROM orders WHERE id = $1",
        None,
    )
}
impl FindOrderStmt {
    pub async fn prepare<'a, C: GenericClient>(
        mut self,
        client: &'a C,
    ) -> Result<Self, tokio_postgres::Error> {
        self.1 = Some(client.prepare(self.0).await?);
        Ok(self)
    }
    pub fn bind<'c, 'a, 's, C: GenericClient>(
        &'s self,
        client: &'c C,
        id: &'a i64,
    ) -> OrderQuery<'c, 'a, 's, C, Order, 1> {
        OrderQuery {
            client,
            params: [id],
            query: self.0,
            cached: self.1.as_ref(),
            extractor: |row: &tokio_postgres::Row| -> Result<OrderBorrowed, tokio_postgres::Error> {
                Ok(OrderBorrowed {
                    id: row.try_get(0)?,
                    user_id: row.try_get(1)?,
                    status: row.try_get(2)?,
                    shipping_address: row.try_get(3)?,
                    total_amount: row.try_get(4)?,
                    created_at: row.try_get(5)?,
                    updated_at: row.try_get(6)?,
                })
            },
            mapper: |it| Order::from(it),
        }
    }
}
pub struct LockOrderStmt(&'static str, Option<tokio_postgres::Statement>);
/// The order, row-locked for a change of status or items.
pub fn lock_order() -> LockOrderStmt {
    LockOrderStmt(
        "SELECT id, user_id, status, shipping_address, total_amount, created_at, updated_at FROM orders WHERE id = $1 FOR UPDATE",
        None,
    )
}
impl LockOrderStmt {
    pub async fn prepare<'a, C: GenericClient>(
        mut self,
        client: &'a C,
    ) -> Result<Self, tokio_postgres::Error> {
        self.1 = Some(client.prepare(self.0).await?);
        Ok(self)
    }
    pub fn bind<'c, 'a, 's, C: GenericClient>(
        &'s self,
        client: &'c C,
        id: &'a i64,
    ) -> OrderQuery<'c, 'a, 's, C, Order, 1> {
        OrderQuery {
            client,
            params: [id],
            query: self.0,
            cached: self.1.as_ref(),
            extractor: |row: &tokio_postgres::Row| -> Result<OrderBorrowed, tokio_postgres::Error> {
                Ok(OrderBorrowed {
                    id: row.try_get(0)?,
                    user_id: row.try_get(1)?,
                    status: row.try_get(2)?,
                    shipping_address: row.try_get(3)?,
                    total_amount: row.try_get(4)?,
                    created_at: row.try_get(5)?,
                    updated_at: row.try_get(6)?,
                })
            },
            mapper: |it| Order::from(it),
        }
    }
}
pub struct ListUserOrdersStmt(&'static str, Option<tokio_postgres::Statement>);
/// One user's orders, newest first, keyset on (created_at, id): orders_user_created_idx.
pub fn list_user_orders() -> ListUserOrdersStmt {
    ListUserOrdersStmt(
        "SELECT id, user_id, status, shipping_address, total_amount, created_at, updated_at FROM orders WHERE user_id = $1 AND ($2::text IS NULL OR status = $2) AND ($3::bigint IS NULL OR (created_at, id) < ($4, $3)) ORDER BY created_at DESC, id DESC LIMIT $5",
        None,
    )
}
impl ListUserOrdersStmt {
    pub async fn prepare<'a, C: GenericClient>(
        mut self,
        client: &'a C,
    ) -> Result<Self, tokio_postgres::Error> {
        self.1 = Some(client.prepare(self.0).await?);
        Ok(self)
    }
    pub fn bind<'c, 'a, 's, C: GenericClient, T1: crate::StringSql>(
        &'s self,
        client: &'c C,
        user_id: &'a i64,
        status: &'a Option<T1>,
        after_id: &'a Option<i64>,
        after_created: &'a Option<chrono::DateTime<chrono::FixedOffset>>,
        limit: &'a i64,
    ) -> OrderQuery<'c, 'a, 's, C, Order, 5> {
        OrderQuery {
            client,
            params: [user_id, status, after_id, after_created, limit],
            query: self.0,
            cached: self.1.as_ref(),
            extractor: |row: &tokio_postgres::Row| -> Result<OrderBorrowed, tokio_postgres::Error> {
                Ok(OrderBorrowed {
                    id: row.try_get(0)?,
                    user_id: row.try_get(1)?,
                    status: row.try_get(2)?,
                    shipping_address: row.try_get(3)?,
                    total_amount: row.try_get(4)?,
                    created_at: row.try_get(5)?,
                    updated_at: row.try_get(6)?,
                })
            },
            mapper: |it| Order::from(it),
        }
    }
}
impl<'c, 'a, 's, C: GenericClient, T1: crate::StringSql>
    crate::client::async_::Params<
        'c,
        'a,
        's,
        ListUserOrdersParams<T1>,
        OrderQuery<'c, 'a, 's, C, Order, 5>,
        C,
    > for ListUserOrdersStmt
{
    fn params(
        &'s self,
        client: &'c C,
        params: &'a ListUserOrdersParams<T1>,
    ) -> OrderQuery<'c, 'a, 's, C, Order, 5> {
        self.bind(
            client,
            &params.user_id,
            &params.status,
            &params.after_id,
            &params.after_created,
            &params.limit,
        )
    }
}
pub struct ListAllOrdersStmt(&'static str, Option<tokio_postgres::Statement>);
/// Every order, newest first (admin): orders_created_idx.
pub fn list_all_orders() -> ListAllOrdersStmt {
    ListAllOrdersStmt(
        "SELECT id, user_id, status, shipping_address, total_amount, created_at, updated_at FROM orders WHERE ($1::bigint IS NULL OR (created_at, id) < ($2, $1)) ORDER BY created_at DESC, id DESC LIMIT $3",
        None,
    )
}
impl ListAllOrdersStmt {
    pub async fn prepare<'a, C: GenericClient>(
        mut self,
        client: &'a C,
    ) -> Result<Self, tokio_postgres::Error> {
        self.1 = Some(client.prepare(self.0).await?);
        Ok(self)
    }
    pub fn bind<'c, 'a, 's, C: GenericClient>(
        &'s self,
        client: &'c C,
        after_id: &'a Option<i64>,
        after_created: &'a Option<chrono::DateTime<chrono::FixedOffset>>,
        limit: &'a i64,
    ) -> OrderQuery<'c, 'a, 's, C, Order, 3> {
        OrderQuery {
            client,
            params: [after_id, after_created, limit],
            query: self.0,
            cached: self.1.as_ref(),
            extractor: |row: &tokio_postgres::Row| -> Result<OrderBorrowed, tokio_postgres::Error> {
                Ok(OrderBorrowed {
                    id: row.try_get(0)?,
                    user_id: row.try_get(1)?,
                    status: row.try_get(2)?,
                    shipping_address: row.try_get(3)?,
                    total_amount: row.try_get(4)?,
                    created_at: row.try_get(5)?,
                    updated_at: row.try_get(6)?,
                })
            },
            mapper: |it| Order::from(it),
        }
    }
}
impl<'c, 'a, 's, C: GenericClient>
    crate::client::async_::Params<
        'c,
        'a,
        's,
        ListAllOrdersParams,
        OrderQuery<'c, 'a, 's, C, Order, 3>,
        C,
    > for ListAllOrdersStmt
{
    fn params(
        &'s self,
        client: &'c C,
        params: &'a ListAllOrdersParams,
    ) -> OrderQuery<'c, 'a, 's, C, Order, 3> {
        self.bind(
            client,
            &params.after_id,
            &params.after_created,
            &params.limit,
        )
    }
}
pub struct ListOrdersByStatusStmt(&'static str, Option<tokio_postgres::Statement>);
/// Orders in one status, newest first (admin): orders_status_created_idx.
pub fn list_orders_by_status() -> ListOrdersByStatusStmt {
    ListOrdersByStatusStmt(
        "SELECT id, user_id, status, shipping_address, total_amount, created_at, updated_at FROM orders WHERE status = $1 AND ($2::bigint IS NULL OR (created_at, id) < ($3, $2)) ORDER BY created_at DESC, id DESC LIMIT $4",
        None,
    )
}
impl ListOrdersByStatusStmt {
    pub async fn prepare<'a, C: GenericClient>(
        mut self,
        client: &'a C,
    ) -> Result<Self, tokio_postgres::Error> {
        self.1 = Some(client.prepare(self.0).await?);
        Ok(self)
    }
    pub fn bind<'c, 'a, 's, C: GenericClient, T1: crate::StringSql>(
        &'s self,
        client: &'c C,
        status: &'a T1,
        after_id: &'a Option<i64>,
        after_created: &'a Option<chrono::DateTime<chrono::FixedOffset>>,
        limit: &'a i64,
    ) -> OrderQuery<'c, 'a, 's, C, Order, 4> {
        OrderQuery {
            client,
            params: [status, after_id, after_created, limit],
            query: self.0,
            cached: self.1.as_ref(),
            extractor: |row: &tokio_postgres::Row| -> Result<OrderBorrowed, tokio_postgres::Error> {
                Ok(OrderBorrowed {
                    id: row.try_get(0)?,
                    user_id: row.try_get(1)?,
                    status: row.try_get(2)?,
                    shipping_address: row.try_get(3)?,
                    total_amount: row.try_get(4)?,
                    created_at: row.try_get(5)?,
                    updated_at: row.try_get(6)?,
                })
            },
            mapper: |it| Order::from(it),
        }
    }
}
impl<'c, 'a, 's, C: GenericClient, T1: crate::StringSql>
    crate::client::async_::Params<
        'c,
        'a,
        's,
        ListOrdersByStatusParams<T1>,
        OrderQuery<'c, 'a, 's, C, Order, 4>,
        C,
    > for ListOrdersByStatusStmt
{
    fn params(
        &'s self,
        client: &'c C,
        params: &'a ListOrdersByStatusParams<T1>,
    ) -> OrderQuery<'c, 'a, 's, C, Order, 4> {
        self.bind(
            client,
            &params.status,
            &params.after_id,
            &params.after_created,
            &params.limit,
        )
    }
}
pub struct ListItemsOfOrdersStmt(&'static str, Option<tokio_postgres::Statement>);
/// Items of a page of orders in one query (no N+1), with product names.
pub fn list_items_of_orders() -> ListItemsOfOrdersStmt {
    ListItemsOfOrdersStmt(
        "SELECT oi.id, oi.order_id, oi.product_id, p.name AS product_name, oi.quantity, oi.unit_price FROM order_items oi JOIN products p ON p.id = oi.product_id WHERE oi.order_id = ANY($1) ORDER BY oi.order_id, oi.id",
        None,
    )
}
impl ListItemsOfOrdersStmt {
    pub async fn prepare<'a, C: GenericClient>(
        mut self,
        client: &'a C,
    ) -> Result<Self, tokio_postgres::Error> {
        self.1 = Some(client.prepare(self.0).await?);
        Ok(self)
    }
    pub fn bind<'c, 'a, 's, C: GenericClient, T1: crate::ArraySql<Item = i64>>(
        &'s self,
        client: &'c C,
        order_ids: &'a T1,
    ) -> OrderItemQuery<'c, 'a, 's, C, OrderItem, 1> {
        OrderItemQuery {
            client,
            params: [order_ids],
            query: self.0,
            cached: self.1.as_ref(),
            extractor:
                |row: &tokio_postgres::Row| -> Result<OrderItemBorrowed, tokio_postgres::Error> {
                    Ok(OrderItemBorrowed {
                        id: row.try_get(0)?,
                        order_id: row.try_get(1)?,
                        product_id: row.try_get(2)?,
                        product_name: row.try_get(3)?,
                        quantity: row.try_get(4)?,
                        unit_price: row.try_get(5)?,
                    })
                },
            mapper: |it| OrderItem::from(it),
        }
    }
}
pub struct FindItemStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn find_item() -> FindItemStmt {
    FindItemStmt(
        "SELECT oi.id, oi.order_id, oi.product_id, p.name AS product_name, oi.quantity, oi.unit_price FROM order_items oi JOIN products p ON p.id = oi.product_id WHERE oi.id = $1 AND oi.order_id = $2",
        None,
    )
}
impl FindItemStmt {
    pub async fn prepare<'a, C: GenericClient>(
        mut self,
        client: &'a C,
    ) -> Result<Self, tokio_postgres::Error> {
        self.1 = Some(client.prepare(self.0).await?);
        Ok(self)
    }
    pub fn bind<'c, 'a, 's, C: GenericClient>(
        &'s self,
        client: &'c C,
        id: &'a i64,
        order_id: &'a i64,
    ) -> OrderItemQuery<'c, 'a, 's, C, OrderItem, 2> {
        OrderItemQuery {
            client,
            params: [id, order_id],
            query: self.0,
            cached: self.1.as_ref(),
            extractor:
                |row: &tokio_postgres::Row| -> Result<OrderItemBorrowed, tokio_postgres::Error> {
                    Ok(OrderItemBorrowed {
                        id: row.try_get(0)?,
                        order_id: row.try_get(1)?,
                        product_id: row.try_get(2)?,
                        product_name: row.try_get(3)?,
                        quantity: row.try_get(4)?,
                        unit_price: row.try_get(5)?,
                    })
                },
            mapper: |it| OrderItem::from(it),
        }
    }
}
impl<'c, 'a, 's, C: GenericClient>
    crate::client::async_::Params<
        'c,
        'a,
        's,
        FindItemParams,
        OrderItemQuery<'c, 'a, 's, C, OrderItem, 2>,
        C,
    > for FindItemStmt
{
    fn params(
        &'s self,
        client: &'c C,
        params: &'a FindItemParams,
    ) -> OrderItemQuery<'c, 'a, 's, C, OrderItem, 2> {
        self.bind(client, &params.id, &params.order_id)
    }
}
pub struct TakeStockStmt(&'static str, Option<tokio_postgres::Statement>);
/// Decrements stock only if enough is left (the row lock serialises buyers);
/// no row means unknown, inactive or insufficient.
pub fn take_stock() -> TakeStockStmt {
    TakeStockStmt(
        "UPDATE products SET stock = stock - $1, updated_at = now() WHERE id = $2 AND is_active AND stock >= $1 RETURNING name, price, stock",
        None,
    )
}
impl TakeStockStmt {
    pub async fn prepare<'a, C: GenericClient>(
        mut self,
        client: &'a C,
    ) -> Result<Self, tokio_postgres::Error> {
        self.1 = Some(client.prepare(self.0).await?);
        Ok(self)
    }
    pub fn bind<'c, 'a, 's, C: GenericClient>(
        &'s self,
        client: &'c C,
        quantity: &'a i32,
        product_id: &'a i64,
    ) -> TakeStockQuery<'c, 'a, 's, C, TakeStock, 2> {
        TakeStockQuery {
            client,
            params: [quantity, product_id],
            query: self.0,
            cached: self.1.as_ref(),
            extractor:
                |row: &tokio_postgres::Row| -> Result<TakeStockBorrowed, tokio_postgres::Error> {
                    Ok(TakeStockBorrowed {
                        name: row.try_get(0)?,
                        price: row.try_get(1)?,
                        stock: row.try_get(2)?,
                    })
                },
            mapper: |it| TakeStock::from(it),
        }
    }
}
impl<'c, 'a, 's, C: GenericClient>
    crate::client::async_::Params<
        'c,
        'a,
        's,
        TakeStockParams,
        TakeStockQuery<'c, 'a, 's, C, TakeStock, 2>,
        C,
    > for TakeStockStmt
{
    fn params(
        &'s self,
        client: &'c C,
        params: &'a TakeStockParams,
    ) -> TakeStockQuery<'c, 'a, 's, C, TakeStock, 2> {
        self.bind(client, &params.quantity, &params.product_id)
    }
}
pub struct ReturnStockStmt(&'static str, Option<tokio_postgres::Statement>);
/// Puts units back (cancellation, item removal or reduction).
pub fn return_stock() -> ReturnStockStmt {
    ReturnStockStmt(
        "UPDATE products SET stock = stock + $1, updated_at = now() WHERE id = $2",
        None,
    )
}
impl ReturnStockStmt {
    pub async fn prepare<'a, C: GenericClient>(
        mut self,
        client: &'a C,
    ) -> Result<Self, tokio_postgres::Error> {
        self.1 = Some(client.prepare(self.0).await?);
        Ok(self)
    }
    pub async fn bind<'c, 'a, 's, C: GenericClient>(
        &'s self,
        client: &'c C,
        quantity: &'a i32,
        product_id: &'a i64,
    ) -> Result<u64, tokio_postgres::Error> {
        client.execute(self.0, &[quantity, product_id]).await
    }
}
impl<'a, C: GenericClient + Send + Sync>
    crate::client::async_::Params<
        'a,
        'a,
        'a,
        ReturnStockParams,
        std::pin::Pin<
            Box<dyn futures::Future<Output = Result<u64, tokio_postgres::Error>> + Send + 'a>,
        >,
        C,
    > for ReturnStockStmt
{
    fn params(
        &'a self,
        client: &'a C,
        params: &'a ReturnStockParams,
    ) -> std::pin::Pin<
        Box<dyn futures::Future<Output = Result<u64, tokio_postgres::Error>> + Send + 'a>,
    > {
        Box::pin(self.bind(client, &params.quantity, &params.product_id))
    }
}
pub struct FindProductStockStmt(&'static str, Option<tokio_postgres::Statement>);
/// Why take_stock refused: missing, inactive, or how many are left.
pub fn find_product_stock() -> FindProductStockStmt {
    FindProductStockStmt(
        "SELECT name, is_active, stock FROM products WHERE id = $1",
        None,
    )
}
impl FindProductStockStmt {
    pub async fn prepare<'a, C: GenericClient>(
        mut self,
        client: &'a C,
    ) -> Result<Self, tokio_postgres::Error> {
        self.1 = Some(client.prepare(self.0).await?);
        Ok(self)
    }
    pub fn bind<'c, 'a, 's, C: GenericClient>(
        &'s self,
        client: &'c C,
        product_id: &'a i64,
    ) -> FindProductStockQuery<'c, 'a, 's, C, FindProductStock, 1> {
        FindProductStockQuery {
            client,
            params: [product_id],
            query: self.0,
            cached: self.1.as_ref(),
            extractor: |
                row: &tokio_postgres::Row,
            | -> Result<FindProductStockBorrowed, tokio_postgres::Error> {
                Ok(FindProductStockBorrowed {
                    name: row.try_get(0)?,
                    is_active: row.try_get(1)?,
                    stock: row.try_get(2)?,
                })
            },
            mapper: |it| FindProductStock::from(it),
        }
    }
}
pub struct InsertItemStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn insert_item() -> InsertItemStmt {
    InsertItemStmt(
        "WITH inserted AS ( INSERT INTO order_items (order_id, product_id, quantity, unit_price) VALUES ($1, $2, $3, $4) RETURNING id, order_id, product_id, quantity, unit_price ) SELECT i.id, i.order_id, i.product_id, p.name AS product_name, i.quantity, i.unit_price FROM inserted i JOIN products p ON p.id = i.product_id",
        None,
    )
}
impl InsertItemStmt {
    pub async fn prepare<'a, C: GenericClient>(
        mut self,
        client: &'a C,
    ) -> Result<Self, tokio_postgres::Error> {
        self.1 = Some(client.prepare(self.0).await?);
        Ok(self)
    }
    pub fn bind<'c, 'a, 's, C: GenericClient>(
        &'s self,
        client: &'c C,
        order_id: &'a i64,
        product_id: &'a i64,
        quantity: &'a i32,
        unit_price: &'a rust_decimal::Decimal,
    ) -> OrderItemQuery<'c, 'a, 's, C, OrderItem, 4> {
        OrderItemQuery {
            client,
            params: [order_id, product_id, quantity, unit_price],
            query: self.0,
            cached: self.1.as_ref(),
            extractor:
                |row: &tokio_postgres::Row| -> Result<OrderItemBorrowed, tokio_postgres::Error> {
                    Ok(OrderItemBorrowed {
                        id: row.try_get(0)?,
                        order_id: row.try_get(1)?,
                        product_id: row.try_get(2)?,
                        product_name: row.try_get(3)?,
                        quantity: row.try_get(4)?,
                        unit_price: row.try_get(5)?,
                    })
                },
            mapper: |it| OrderItem::from(it),
        }
    }
}
impl<'c, 'a, 's, C: GenericClient>
    crate::client::async_::Params<
        'c,
        'a,
        's,
        InsertItemParams,
        OrderItemQuery<'c, 'a, 's, C, OrderItem, 4>,
        C,
    > for InsertItemStmt
{
    fn params(
        &'s self,
        client: &'c C,
        params: &'a InsertItemParams,
    ) -> OrderItemQuery<'c, 'a, 's, C, OrderItem, 4> {
        self.bind(
            client,
            &params.order_id,
            &params.product_id,
            &params.quantity,
            &params.unit_price,
        )
    }
}
pub struct UpdateItemQuantityStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn update_item_quantity() -> UpdateItemQuantityStmt {
    UpdateItemQuantityStmt(
        "UPDATE order_items SET quantity = $1 WHERE id = $2 AND order_id = $3",
        None,
    )
}
impl UpdateItemQuantityStmt {
    pub async fn prepare<'a, C: GenericClient>(
        mut self,
        client: &'a C,
    ) -> Result<Self, tokio_postgres::Error> {
        self.1 = Some(client.prepare(self.0).await?);
        Ok(self)
    }
    pub async fn bind<'c, 'a, 's, C: GenericClient>(
        &'s self,
        client: &'c C,
        quantity: &'a i32,
        id: &'a i64,
        order_id: &'a i64,
    ) -> Result<u64, tokio_postgres::Error> {
        client.execute(self.0, &[quantity, id, order_id]).await
    }
}
impl<'a, C: GenericClient + Send + Sync>
    crate::client::async_::Params<
        'a,
        'a,
        'a,
        UpdateItemQuantityParams,
        std::pin::Pin<
            Box<dyn futures::Future<Output = Result<u64, tokio_postgres::Error>> + Send + 'a>,
        >,
        C,
    > for UpdateItemQuantityStmt
{
    fn params(
        &'a self,
        client: &'a C,
        params: &'a UpdateItemQuantityParams,
    ) -> std::pin::Pin<
        Box<dyn futures::Future<Output = Result<u64, tokio_postgres::Error>> + Send + 'a>,
    > {
        Box::pin(self.bind(client, &params.quantity, &params.id, &params.order_id))
    }
}
pub struct DeleteItemStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn delete_item() -> DeleteItemStmt {
    DeleteItemStmt(
        "DELETE FROM order_items WHERE id = $1 AND order_id = $2",
        None,
    )
}
impl DeleteItemStmt {
    pub async fn prepare<'a, C: GenericClient>(
        mut self,
        client: &'a C,
    ) -> Result<Self, tokio_postgres::Error> {
        self.1 = Some(client.prepare(self.0).await?);
        Ok(self)
    }
    pub async fn bind<'c, 'a, 's, C: GenericClient>(
        &'s self,
        client: &'c C,
        id: &'a i64,
        order_id: &'a i64,
    ) -> Result<u64, tokio_postgres::Error> {
        client.execute(self.0, &[id, order_id]).await
    }
}
impl<'a, C: GenericClient + Send + Sync>
    crate::client::async_::Params<
        'a,
        'a,
        'a,
        DeleteItemParams,
        std::pin::Pin<
            Box<dyn futures::Future<Output = Result<u64, tokio_postgres::Error>> + Send + 'a>,
        >,
        C,
    > for DeleteItemStmt
{
    fn params(
        &'a self,
        client: &'a C,
        params: &'a DeleteItemParams,
    ) -> std::pin::Pin<
        Box<dyn futures::Future<Output = Result<u64, tokio_postgres::Error>> + Send + 'a>,
    > {
        Box::pin(self.bind(client, &params.id, &params.order_id))
    }
}
pub struct RecomputeOrderTotalStmt(&'static str, Option<tokio_postgres::Statement>);
/// Keeps the invariant total_amount = sum(quantity * unit_price), in the caller's transaction.
pub fn recompute_order_total() -> RecomputeOrderTotalStmt {
    RecomputeOrderTotalStmt(
        "UPDATE orders SET total_amount = (SELECT COALESCE(sum(quantity * unit_price), 0) FROM order_items WHERE order_id = $1), updated_at = now() WHERE id = $1 RETURNING total_amount",
        None,
    )
}
impl RecomputeOrderTotalStmt {
    pub async fn prepare<'a, C: GenericClient>(
        mut self,
        client: &'a C,
    ) -> Result<Self, tokio_postgres::Error> {
        self.1 = Some(client.prepare(self.0).await?);
        Ok(self)
    }
    pub fn bind<'c, 'a, 's, C: GenericClient>(
        &'s self,
        client: &'c C,
        id: &'a i64,
    ) -> RustdecimalDecimalQuery<'c, 'a, 's, C, rust_decimal::Decimal, 1> {
        RustdecimalDecimalQuery {
            client,
            params: [id],
            query: self.0,
            cached: self.1.as_ref(),
            extractor: |row| Ok(row.try_get(0)?),
            mapper: |it| it,
        }
    }
}
pub struct UpdateOrderStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn update_order() -> UpdateOrderStmt {
    UpdateOrderStmt(
        "UPDATE orders SET shipping_address = COALESCE($1, shipping_address), status = COALESCE($2, status), updated_at = now() WHERE id = $3 RETURNING id, user_id, status, shipping_address, total_amount, created_at, updated_at",
        None,
    )
}
impl UpdateOrderStmt {
    pub async fn prepare<'a, C: GenericClient>(
        mut self,
        client: &'a C,
    ) -> Result<Self, tokio_postgres::Error> {
        self.1 = Some(client.prepare(self.0).await?);
        Ok(self)
    }
    pub fn bind<'c, 'a, 's, C: GenericClient, T1: crate::StringSql, T2: crate::StringSql>(
        &'s self,
        client: &'c C,
        shipping_address: &'a Option<T1>,
        status: &'a Option<T2>,
        id: &'a i64,
    ) -> OrderQuery<'c, 'a, 's, C, Order, 3> {
        OrderQuery {
            client,
            params: [shipping_address, status, id],
            query: self.0,
            cached: self.1.as_ref(),
            extractor: |row: &tokio_postgres::Row| -> Result<OrderBorrowed, tokio_postgres::Error> {
                Ok(OrderBorrowed {
                    id: row.try_get(0)?,
                    user_id: row.try_get(1)?,
                    status: row.try_get(2)?,
                    shipping_address: row.try_get(3)?,
                    total_amount: row.try_get(4)?,
                    created_at: row.try_get(5)?,
                    updated_at: row.try_get(6)?,
                })
            },
            mapper: |it| Order::from(it),
        }
    }
}
impl<'c, 'a, 's, C: GenericClient, T1: crate::StringSql, T2: crate::StringSql>
    crate::client::async_::Params<
        'c,
        'a,
        's,
        UpdateOrderParams<T1, T2>,
        OrderQuery<'c, 'a, 's, C, Order, 3>,
        C,
    > for UpdateOrderStmt
{
    fn params(
        &'s self,
        client: &'c C,
        params: &'a UpdateOrderParams<T1, T2>,
    ) -> OrderQuery<'c, 'a, 's, C, Order, 3> {
        self.bind(client, &params.shipping_address, &params.status, &params.id)
    }
}
pub struct DeleteOrderStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn delete_order() -> DeleteOrderStmt {
    DeleteOrderStmt("DELETE FROM orders WHERE id = $1", None)
}
impl DeleteOrderStmt {
    pub async fn prepare<'a, C: GenericClient>(
        mut self,
        client: &'a C,
    ) -> Result<Self, tokio_postgres::Error> {
        self.1 = Some(client.prepare(self.0).await?);
        Ok(self)
    }
    pub async fn bind<'c, 'a, 's, C: GenericClient>(
        &'s self,
        client: &'c C,
        id: &'a i64,
    ) -> Result<u64, tokio_postgres::Error> {
        client.execute(self.0, &[id]).await
    }
}
pub struct MarkOrderPaidStmt(&'static str, Option<tokio_postgres::Statement>);
/// Pending -> paid by one payment; the caller holds the order's row lock and checked the total.
pub fn mark_order_paid() -> MarkOrderPaidStmt {
    MarkOrderPaidStmt(
        "UPDATE orders SET status = 'paid', paid_by_payment_id = $1, updated_at = now() WHERE id = $2 AND status = 'pending'",
        None,
    )
}
impl MarkOrderPaidStmt {
    pub async fn prepare<'a, C: GenericClient>(
        mut self,
        client: &'a C,
    ) -> Result<Self, tokio_postgres::Error> {
        self.1 = Some(client.prepare(self.0).await?);
        Ok(self)
    }
    pub async fn bind<'c, 'a, 's, C: GenericClient>(
        &'s self,
        client: &'c C,
        payment_id: &'a i64,
        id: &'a i64,
    ) -> Result<u64, tokio_postgres::Error> {
        client.execute(self.0, &[payment_id, id]).await
    }
}
impl<'a, C: GenericClient + Send + Sync>
    crate::client::async_::Params<
        'a,
        'a,
        'a,
        MarkOrderPaidParams,
        std::pin::Pin<
            Box<dyn futures::Future<Output = Result<u64, tokio_postgres::Error>> + Send + 'a>,
        >,
        C,
    > for MarkOrderPaidStmt
{
    fn params(
        &'a self,
        client: &'a C,
        params: &'a MarkOrderPaidParams,
    ) -> std::pin::Pin<
        Box<dyn futures::Future<Output = Result<u64, tokio_postgres::Error>> + Send + 'a>,
    > {
        Box::pin(self.bind(client, &params.payment_id, &params.id))
    }
}
pub struct SetOrderStatusStmt(&'static str, Option<tokio_postgres::Statement>);
/// Sets the status (the caller checked the transition under the order's row lock).
pub fn set_order_status() -> SetOrderStatusStmt {
    SetOrderStatusStmt(
        "UPDATE orders SET status = $1, updated_at = now() WHERE id = $2",
        None,
    )
}
impl SetOrderStatusStmt {
    pub async fn prepare<'a, C: GenericClient>(
        mut self,
        client: &'a C,
    ) -> Result<Self, tokio_postgres::Error> {
        self.1 = Some(client.prepare(self.0).await?);
        Ok(self)
    }
    pub async fn bind<'c, 'a, 's, C: GenericClient, T1: crate::StringSql>(
        &'s self,
        client: &'c C,
        status: &'a T1,
        id: &'a i64,
    ) -> Result<u64, tokio_postgres::Error> {
        client.execute(self.0, &[status, id]).await
    }
}
impl<'a, C: GenericClient + Send + Sync, T1: crate::StringSql>
    crate::client::async_::Params<
        'a,
        'a,
        'a,
        SetOrderStatusParams<T1>,
        std::pin::Pin<
            Box<dyn futures::Future<Output = Result<u64, tokio_postgres::Error>> + Send + 'a>,
        >,
        C,
    > for SetOrderStatusStmt
{
    fn params(
        &'a self,
        client: &'a C,
        params: &'a SetOrderStatusParams<T1>,
    ) -> std::pin::Pin<
        Box<dyn futures::Future<Output = Result<u64, tokio_postgres::Error>> + Send + 'a>,
    > {
        Box::pin(self.bind(client, &params.status, &params.id))
    }
}
pub struct FindOrderPaymentStateStmt(&'static str, Option<tokio_postgres::Statement>);
/// Which payment paid the order, for settlement and refunds (the caller holds the row lock).
pub fn find_order_payment_state() -> FindOrderPaymentStateStmt {
    FindOrderPaymentStateStmt(
        "SELECT status, total_amount, paid_by_payment_id FROM orders WHERE id = $1",
        None,
    )
}
impl FindOrderPaymentStateStmt {
    pub async fn prepare<'a, C: GenericClient>(
        mut self,
        client: &'a C,
    ) -> Result<Self, tokio_postgres::Error> {
        self.1 = Some(client.prepare(self.0).await?);
        Ok(self)
    }
    pub fn bind<'c, 'a, 's, C: GenericClient>(
        &'s self,
        client: &'c C,
        id: &'a i64,
    ) -> OrderPaymentStateQuery<'c, 'a, 's, C, OrderPaymentState, 1> {
        OrderPaymentStateQuery {
            client,
            params: [id],
            query: self.0,
            cached: self.1.as_ref(),
            extractor: |
                row: &tokio_postgres::Row,
            | -> Result<OrderPaymentStateBorrowed, tokio_postgres::Error> {
                Ok(OrderPaymentStateBorrowed {
                    status: row.try_get(0)?,
                    total_amount: row.try_get(1)?,
                    paid_by_payment_id: row.try_get(2)?,
                })
            },
            mapper: |it| OrderPaymentState::from(it),
        }
    }
}
pub struct HasPendingPaymentStmt(&'static str, Option<tokio_postgres::Statement>);
/// Whether a checkout is live for the order: its items are then frozen (I4).
pub fn has_pending_payment() -> HasPendingPaymentStmt {
    HasPendingPaymentStmt(
        "SELECT EXISTS (SELECT 1 FROM payments WHERE order_id = $1 AND status = 'pending') AS pending",
        None,
    )
}
impl HasPendingPaymentStmt {
    pub async fn prepare<'a, C: GenericClient>(
        mut self,
        client: &'a C,
    ) -> Result<Self, tokio_postgres::Error> {
        self.1 = Some(client.prepare(self.0).await?);
        Ok(self)
    }
    pub fn bind<'c, 'a, 's, C: GenericClient>(
        &'s self,
        client: &'c C,
        order_id: &'a i64,
    ) -> BoolQuery<'c, 'a, 's, C, bool, 1> {
        BoolQuery {
            client,
            params: [order_id],
            query: self.0,
            cached: self.1.as_ref(),
            extractor: |row| Ok(row.try_get(0)?),
            mapper: |it| it,
        }
    }
}
pub struct CancelPendingPaymentsStmt(&'static str, Option<tokio_postgres::Statement>);
/// Cancelling or expiring an order cancels its live checkout; a late charge is refunded.
pub fn cancel_pending_payments() -> CancelPendingPaymentsStmt {
    CancelPendingPaymentsStmt(
        "UPDATE payments SET status = 'cancelled', failure_reason = $1, updated_at = now() WHERE order_id = $2 AND status = 'pending' RETURNING id",
        None,
    )
}
impl CancelPendingPaymentsStmt {
    pub async fn prepare<'a, C: GenericClient>(
        mut self,
        client: &'a C,
    ) -> Result<Self, tokio_postgres::Error> {
        self.1 = Some(client.prepare(self.0).await?);
        Ok(self)
    }
    pub fn bind<'c, 'a, 's, C: GenericClient, T1: crate::StringSql>(
        &'s self,
        client: &'c C,
        reason: &'a T1,
        order_id: &'a i64,
    ) -> I64Query<'c, 'a, 's, C, i64, 2> {
        I64Query {
            client,
            params: [reason, order_id],
            query: self.0,
            cached: self.1.as_ref(),
            extractor: |row| Ok(row.try_get(0)?),
            mapper: |it| it,
        }
    }
}
impl<'c, 'a, 's, C: GenericClient, T1: crate::StringSql>
    crate::client::async_::Params<
        'c,
        'a,
        's,
        CancelPendingPaymentsParams<T1>,
        I64Query<'c, 'a, 's, C, i64, 2>,
        C,
    > for CancelPendingPaymentsStmt
{
    fn params(
        &'s self,
        client: &'c C,
        params: &'a CancelPendingPaymentsParams<T1>,
    ) -> I64Query<'c, 'a, 's, C, i64, 2> {
        self.bind(client, &params.reason, &params.order_id)
    }
}
pub struct ListExpiredOrderIdsStmt(&'static str, Option<tokio_postgres::Statement>);
/// Pending orders placed before the cutoff, oldest first: orders_pending_created_idx.
pub fn list_expired_order_ids() -> ListExpiredOrderIdsStmt {
    ListExpiredOrderIdsStmt(
        "SELECT id FROM orders WHERE status = 'pending' AND created_at < $1 ORDER BY created_at, id LIMIT $2",
        None,
    )
}
impl ListExpiredOrderIdsStmt {
    pub async fn prepare<'a, C: GenericClient>(
        mut self,
        client: &'a C,
    ) -> Result<Self, tokio_postgres::Error> {
        self.1 = Some(client.prepare(self.0).await?);
        Ok(self)
    }
    pub fn bind<'c, 'a, 's, C: GenericClient>(
        &'s self,
        client: &'c C,
        cutoff: &'a chrono::DateTime<chrono::FixedOffset>,
        limit: &'a i64,
    ) -> I64Query<'c, 'a, 's, C, i64, 2> {
        I64Query {
            client,
            params: [cutoff, limit],
            query: self.0,
            cached: self.1.as_ref(),
            extractor: |row| Ok(row.try_get(0)?),
            mapper: |it| it,
        }
    }
}
impl<'c, 'a, 's, C: GenericClient>
    crate::client::async_::Params<
        'c,
        'a,
        's,
        ListExpiredOrderIdsParams,
        I64Query<'c, 'a, 's, C, i64, 2>,
        C,
    > for ListExpiredOrderIdsStmt
{
    fn params(
        &'s self,
        client: &'c C,
        params: &'a ListExpiredOrderIdsParams,
    ) -> I64Query<'c, 'a, 's, C, i64, 2> {
        self.bind(client, &params.cutoff, &params.limit)
    }
}
pub struct InsertOrderEventStmt(&'static str, Option<tokio_postgres::Statement>);
/// Appends to the order's history, in the transaction of the change it records.
pub fn insert_order_event() -> InsertOrderEventStmt {
    InsertOrderEventStmt(
        "INSERT INTO order_events (order_id, kind, from_status, to_status, actor, actor_user_id, detail) VALUES ($1, $2, $3, $4, $5, $6, $7)",
        None,
    )
}
impl InsertOrderEventStmt {
    pub async fn prepare<'a, C: GenericClient>(
        mut self,
        client: &'a C,
    ) -> Result<Self, tokio_postgres::Error> {
        self.1 = Some(client.prepare(self.0).await?);
        Ok(self)
    }
    pub async fn bind<
        'c,
        'a,
        's,
        C: GenericClient,
        T1: crate::StringSql,
        T2: crate::StringSql,
        T3: crate::StringSql,
        T4: crate::StringSql,
        T5: crate::JsonSql,
    >(
        &'s self,
        client: &'c C,
        order_id: &'a i64,
        kind: &'a T1,
        from_status: &'a Option<T2>,
        to_status: &'a Option<T3>,
        actor: &'a T4,
        actor_user_id: &'a Option<i64>,
        detail: &'a T5,
    ) -> Result<u64, tokio_postgres::Error> {
        client
            .execute(
                self.0,
                &[
                    order_id,
                    kind,
                    from_status,
                    to_status,
                    actor,
                    actor_user_id,
                    detail,
                ],
            )
            .await
    }
}
impl<
    'a,
    C: GenericClient + Send + Sync,
    T1: crate::StringSql,
    T2: crate::StringSql,
    T3: crate::StringSql,
    T4: crate::StringSql,
    T5: crate::JsonSql,
>
    crate::client::async_::Params<
        'a,
        'a,
        'a,
        InsertOrderEventParams<T1, T2, T3, T4, T5>,
        std::pin::Pin<
            Box<dyn futures::Future<Output = Result<u64, tokio_postgres::Error>> + Send + 'a>,
        >,
        C,
    > for InsertOrderEventStmt
{
    fn params(
        &'a self,
        client: &'a C,
        params: &'a InsertOrderEventParams<T1, T2, T3, T4, T5>,
    ) -> std::pin::Pin<
        Box<dyn futures::Future<Output = Result<u64, tokio_postgres::Error>> + Send + 'a>,
    > {
        Box::pin(self.bind(
            client,
            &params.order_id,
            &params.kind,
            &params.from_status,
            &params.to_status,
            &params.actor,
            &params.actor_user_id,
            &params.detail,
        ))
    }
}
pub struct ListOrderEventsStmt(&'static str, Option<tokio_postgres::Statement>);
/// An order's history, oldest first, keyset on id: order_events_order_idx.
pub fn list_order_events() -> ListOrderEventsStmt {
    ListOrderEventsStmt(
        "SELECT id, order_id, kind, from_status, to_status, actor, actor_user_id, detail, created_at FROM order_events WHERE order_id = $1 AND ($2::bigint IS NULL OR id > $2) ORDER BY id LIMIT $3",
        None,
    )
}
impl ListOrderEventsStmt {
    pub async fn prepare<'a, C: GenericClient>(
        mut self,
        client: &'a C,
    ) -> Result<Self, tokio_postgres::Error> {
        self.1 = Some(client.prepare(self.0).await?);
        Ok(self)
    }
    pub fn bind<'c, 'a, 's, C: GenericClient>(
        &'s self,
        client: &'c C,
        order_id: &'a i64,
        after_id: &'a Option<i64>,
        limit: &'a i64,
    ) -> OrderEventQuery<'c, 'a, 's, C, OrderEvent, 3> {
        OrderEventQuery {
            client,
            params: [order_id, after_id, limit],
            query: self.0,
            cached: self.1.as_ref(),
            extractor:
                |row: &tokio_postgres::Row| -> Result<OrderEventBorrowed, tokio_postgres::Error> {
                    Ok(OrderEventBorrowed {
                        id: row.try_get(0)?,
                        order_id: row.try_get(1)?,
                        kind: row.try_get(2)?,
                        from_status: row.try_get(3)?,
                        to_status: row.try_get(4)?,
                        actor: row.try_get(5)?,
                        actor_user_id: row.try_get(6)?,
                        detail: row.try_get(7)?,
                        created_at: row.try_get(8)?,
                    })
                },
            mapper: |it| OrderEvent::from(it),
        }
    }
}
impl<'c, 'a, 's, C: GenericClient>
    crate::client::async_::Params<
        'c,
        'a,
        's,
        ListOrderEventsParams,
        OrderEventQuery<'c, 'a, 's, C, OrderEvent, 3>,
        C,
    > for ListOrderEventsStmt
{
    fn params(
        &'s self,
        client: &'c C,
        params: &'a ListOrderEventsParams,
    ) -> OrderEventQuery<'c, 'a, 's, C, OrderEvent, 3> {
        self.bind(client, &params.order_id, &params.after_id, &params.limit)
    }
}
pub struct FindBuyerStmt(&'static str, Option<tokio_postgres::Statement>);
/// Recipient of the order confirmation.
pub fn find_buyer() -> FindBuyerStmt {
    FindBuyerStmt("SELECT email, first_name FROM users WHERE id = $1", None)
}
impl FindBuyerStmt {
    pub async fn prepare<'a, C: GenericClient>(
        mut self,
        client: &'a C,
    ) -> Result<Self, tokio_postgres::Error> {
        self.1 = Some(client.prepare(self.0).await?);
        Ok(self)
    }
    pub fn bind<'c, 'a, 's, C: GenericClient>(
        &'s self,
        client: &'c C,
        id: &'a i64,
    ) -> FindBuyerQuery<'c, 'a, 's, C, FindBuyer, 1> {
        FindBuyerQuery {
            client,
            params: [id],
            query: self.0,
            cached: self.1.as_ref(),
            extractor:
                |row: &tokio_postgres::Row| -> Result<FindBuyerBorrowed, tokio_postgres::Error> {
                    Ok(FindBuyerBorrowed {
                        email: row.try_get(0)?,
                        first_name: row.try_get(1)?,
                    })
                },
            mapper: |it| FindBuyer::from(it),
        }
    }
}
pub struct CountOrdersWithIdempotencyPrefixStmt(&'static str, Option<tokio_postgres::Statement>);
/// How many orders have an idempotency key starting with a prefix (bulk seeding resumes from there).
pub fn count_orders_with_idempotency_prefix() -> CountOrdersWithIdempotencyPrefixStmt {
    CountOrdersWithIdempotencyPrefixStmt(
        "SELECT count(*) AS count FROM orders WHERE starts_with(idempotency_key, $1)",
        None,
    )
}
impl CountOrdersWithIdempotencyPrefixStmt {
    pub async fn prepare<'a, C: GenericClient>(
        mut self,
        client: &'a C,
    ) -> Result<Self, tokio_postgres::Error> {
        self.1 = Some(client.prepare(self.0).await?);
        Ok(self)
    }
    pub fn bind<'c, 'a, 's, C: GenericClient, T1: crate::StringSql>(
        &'s self,
        client: &'c C,
        prefix: &'a T1,
    ) -> I64Query<'c, 'a, 's, C, i64, 1> {
        I64Query {
            client,
            params: [prefix],
            query: self.0,
            cached: self.1.as_ref(),
            extractor: |row| Ok(row.try_get(0)?),
            mapper: |it| it,
        }
    }
}
pub struct MaxOrderIdStmt(&'static str, Option<tokio_postgres::Statement>);
/// The highest order id so far (bulk seeding fills in only the orders it copied).
pub fn max_order_id() -> MaxOrderIdStmt {
    MaxOrderIdStmt(
        "SELECT COALESCE(max(id), 0)::bigint AS max_id FROM orders",
        None,
    )
}
impl MaxOrderIdStmt {
    pub async fn prepare<'a, C: GenericClient>(
        mut self,
        client: &'a C,
    ) -> Result<Self, tokio_postgres::Error> {
        self.1 = Some(client.prepare(self.0).await?);
        Ok(self)
    }
    pub fn bind<'c, 'a, 's, C: GenericClient>(
        &'s self,
        client: &'c C,
    ) -> I64Query<'c, 'a, 's, C, i64, 0> {
        I64Query {
            client,
            params: [],
            query: self.0,
            cached: self.1.as_ref(),
            extractor: |row| Ok(row.try_get(0)?),
            mapper: |it| it,
        }
    }
}
pub struct FillBulkOrdersStmt(&'static str, Option<tokio_postgres::Statement>);
/// Bulk seeding: gives each order with id in (from_id, to_id] one to three
/// items, and sets its total to their sum, in one statement.
///
/// Products are picked deterministically from the order id among ids
/// 1..=max_product_id (inactive or missing ids are skipped, a repeated pick is
/// dropped by the unique key); each item costs the product's current price, as
/// `take_stock` would charge. Stock is left alone: the generated stock counts
/// are read as what is left after these orders.
pub fn fill_bulk_orders() -> FillBulkOrdersStmt {
    FillBulkOrdersStmt(
        "WITH items AS ( INSERT INTO order_items (order_id, product_id, quantity, unit_price) SELECT o.id, p.id, 1 + ((o.id + k) % 3)::integer, p.price FROM orders o CROSS JOIN generate_series(0, 2) AS k JOIN products p ON p.id = 1 + ((o.id * 7919 + k * 104729) % $1) AND p.is_active WHERE o.id > $2 AND o.id <= $3 AND k <= o.id % 3 ON CONFLICT DO NOTHING RETURNING order_id, quantity * unit_price AS amount ) UPDATE orders o SET total_amount = t.total FROM (SELECT order_id, sum(amount) AS total FROM items GROUP BY order_id) t WHERE o.id = t.order_id",
        None,
    )
}
impl FillBulkOrdersStmt {
    pub async fn prepare<'a, C: GenericClient>(
        mut self,
        client: &'a C,
    ) -> Result<Self, tokio_postgres::Error> {
        self.1 = Some(client.prepare(self.0).await?);
        Ok(self)
    }
    pub async fn bind<'c, 'a, 's, C: GenericClient>(
        &'s self,
        client: &'c C,
        max_product_id: &'a i64,
        from_id: &'a i64,
        to_id: &'a i64,
    ) -> Result<u64, tokio_postgres::Error> {
        client
            .execute(self.0, &[max_product_id, from_id, to_id])
            .await
    }
}
impl<'a, C: GenericClient + Send + Sync>
    crate::client::async_::Params<
        'a,
        'a,
        'a,
        FillBulkOrdersParams,
        std::pin::Pin<
            Box<dyn futures::Future<Output = Result<u64, tokio_postgres::Error>> + Send + 'a>,
        >,
        C,
    > for FillBulkOrdersStmt
{
    fn params(
        &'a self,
        client: &'a C,
        params: &'a FillBulkOrdersParams,
    ) -> std::pin::Pin<
        Box<dyn futures::Future<Output = Result<u64, tokio_postgres::Error>> + Send + 'a>,
    > {
        Box::pin(self.bind(
            client,
            &params.max_product_id,
            &params.from_id,
            &params.to_id,
        ))
    }
}
pub struct AnalyzeOrdersStmt(&'static str, Option<tokio_postgres::Statement>);
/// Refreshes planner statistics after a bulk load.
pub fn analyze_orders() -> AnalyzeOrdersStmt {
    AnalyzeOrdersStmt("ANALYZE users, orders, order_items", None)
}
impl AnalyzeOrdersStmt {
    pub async fn prepare<'a, C: GenericClient>(
        mut self,
        client: &'a C,
    ) -> Result<Self, tokio_postgres::Error> {
        self.1 = Some(client.prepare(self.0).await?);
        Ok(self)
    }
    pub async fn bind<'c, 'a, 's, C: GenericClient>(
        &'s self,
        client: &'c C,
    ) -> Result<u64, tokio_postgres::Error> {
        client.execute(self.0, &[]).await
    }
}
pub struct ListOrdersOfProductStmt(&'static str, Option<tokio_postgres::Statement>);
/// Orders containing one product, newest (highest id) first, keyset on the
/// order id; `user_id` and `status` narrow them: order_items_product_order_idx.
pub fn list_orders_of_product() -> ListOrdersOfProductStmt {
    ListOrdersOfProductStmt(
        "SELECT o.id, o.user_id, o.status, o.shipping_address, o.total_amount, o.created_at, o.updated_at FROM order_items i JOIN orders o ON o.id = i.order_id WHERE i.product_id = $1 AND ($2::bigint IS NULL OR o.user_id = $2) AND ($3::text IS NULL OR o.status = $3) AND ($4::bigint IS NULL OR i.order_id < $4) ORDER BY i.order_id DESC LIMIT $5",
        None,
    )
}
impl ListOrdersOfProductStmt {
    pub async fn prepare<'a, C: GenericClient>(
        mut self,
        client: &'a C,
    ) -> Result<Self, tokio_postgres::Error> {
        self.1 = Some(client.prepare(self.0).await?);
        Ok(self)
    }
    pub fn bind<'c, 'a, 's, C: GenericClient, T1: crate::StringSql>(
        &'s self,
        client: &'c C,
        product_id: &'a i64,
        user_id: &'a Option<i64>,
        status: &'a Option<T1>,
        after_id: &'a Option<i64>,
        limit: &'a i64,
    ) -> OrderQuery<'c, 'a, 's, C, Order, 5> {
        OrderQuery {
            client,
            params: [product_id, user_id, status, after_id, limit],
            query: self.0,
            cached: self.1.as_ref(),
            extractor: |row: &tokio_postgres::Row| -> Result<OrderBorrowed, tokio_postgres::Error> {
                Ok(OrderBorrowed {
                    id: row.try_get(0)?,
                    user_id: row.try_get(1)?,
                    status: row.try_get(2)?,
                    shipping_address: row.try_get(3)?,
                    total_amount: row.try_get(4)?,
                    created_at: row.try_get(5)?,
                    updated_at: row.try_get(6)?,
                })
            },
            mapper: |it| Order::from(it),
        }
    }
}
impl<'c, 'a, 's, C: GenericClient, T1: crate::StringSql>
    crate::client::async_::Params<
        'c,
        'a,
        's,
        ListOrdersOfProductParams<T1>,
        OrderQuery<'c, 'a, 's, C, Order, 5>,
        C,
    > for ListOrdersOfProductStmt
{
    fn params(
        &'s self,
        client: &'c C,
        params: &'a ListOrdersOfProductParams<T1>,
    ) -> OrderQuery<'c, 'a, 's, C, Order, 5> {
        self.bind(
            client,
            &params.product_id,
            &params.user_id,
            &params.status,
            &params.after_id,
            &params.limit,
        )
    }
}
