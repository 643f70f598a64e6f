// This file was generated with `cornucopia`. Do not modify.

#[derive(Clone, Copy, Debug)]
pub struct LowStockProductsParams {
    pub threshold: i32,
    pub limit: i64,
}
#[derive(Debug, Clone, PartialEq, Copy)]
pub struct ProductCounts {
    pub active: i64,
    pub low_stock: i64,
}
#[derive(Debug, Clone, PartialEq)]
pub struct LowStockProduct {
    pub id: i64,
    pub name: String,
    pub stock: i32,
}
pub struct LowStockProductBorrowed<'a> {
    pub id: i64,
    pub name: &'a str,
    pub stock: i32,
}
impl<'a> From<LowStockProductBorrowed<'a>> for LowStockProduct {
    fn from(LowStockProductBorrowed { id, name, stock }: LowStockProductBorrowed<'a>) -> Self {
        Self {
            id,
            name: name.into(),
            stock,
        }
    }
}
#[derive(Debug, Clone, PartialEq)]
pub struct OrderStatusCounts {
    pub status: String,
    pub orders: i64,
}
pub struct OrderStatusCountsBorrowed<'a> {
    pub status: &'a str,
    pub orders: i64,
}
impl<'a> From<OrderStatusCountsBorrowed<'a>> for OrderStatusCounts {
    fn from(OrderStatusCountsBorrowed { status, orders }: OrderStatusCountsBorrowed<'a>) -> Self {
        Self {
            status: status.into(),
            orders,
        }
    }
}
#[derive(Debug, Clone, PartialEq, Copy)]
pub struct PaymentsCompletedSince {
    pub payments: i64,
    pub amount: rust_decimal::Decimal,
}
use crate::client::async_::GenericClient;
use futures::{self, StreamExt, TryStreamExt};
pub struct ProductCountsQuery<'c, 'a, 's, C: GenericClient, T, const N: usize> {
    client: &'c C,
    params: [&'a (dyn postgres_types::ToSql + Sync); N],
    query: &'static str,
    cached: Option<&'s tokio_postgres::Statement>,
    extractor: fn(&tokio_postgres::Row) -> Result<ProductCounts, tokio_postgres::Error>,
    mapper: fn(ProductCounts) -> T,
}
impl<'c, 'a, 's, C, T: 'c, const N: usize> ProductCountsQuery<'c, 'a, 's, C, T, N>
where
    C: GenericClient,
{
    pub fn map<R>(self, mapper: fn(ProductCounts) -> R) -> ProductCountsQuery<'c, 'a, 's, C, R, N> {
        ProductCountsQuery {
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
pub struct LowStockProductQuery<'c, 'a, 's, C: GenericClient, T, const N: usize> {
    client: &'c C,
    params: [&'a (dyn postgres_types::ToSql + Sync); N],
    query: &'static str,
    cached: Option<&'s tokio_postgres::Statement>,
    extractor: fn(&tokio_postgres::Row) -> Result<LowStockProductBorrowed, tokio_postgres::Error>,
    mapper: fn(LowStockProductBorrowed) -> T,
}
impl<'c, 'a, 's, C, T: 'c, const N: usize> LowStockProductQuery<'c, 'a, 's, C, T, N>
where
    C: GenericClient,
{
    pub fn map<R>(
        self,
        mapper: fn(LowStockProductBorrowed) -> R,
    ) -> LowStockProductQuery<'c, 'a, 's, C, R, N> {
        LowStockProductQuery {
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
pub struct I32Query<'c, 'a, 's, C: GenericClient, T, const N: usize> {
    client: &'c C,
    params: [&'a (dyn postgres_types::ToSql + Sync); N],
    query: &'static str,
    cached: Option<&'s tokio_postgres::Statement>,
    extractor: fn(&tokio_postgres::Row) -> Result<i32, tokio_postgres::Error>,
    mapper: fn(i32) -> T,
}
impl<'c, 'a, 's, C, T: 'c, const N: usize> I32Query<'c, 'a, 's, C, T, N>
where
    C: GenericClient,
{
    pub fn map<R>(self, mapper: fn(i32) -> R) -> I32Query<'c, 'a, 's, C, R, N> {
        I32Query {
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
pub struct OrderStatusCountsQuery<'c, 'a, 's, C: GenericClient, T, const N: usize> {
    client: &'c C,
    params: [&'a (dyn postgres_types::ToSql + Sync); N],
    query: &'static str,
    cached: Option<&'s tokio_postgres::Statement>,
    extractor: fn(&tokio_postgres::Row) -> Result<OrderStatusCountsBorrowed, tokio_postgres::Error>,
    mapper: fn(OrderStatusCountsBorrowed) -> T,
}
impl<'c, 'a, 's, C, T: 'c, const N: usize> OrderStatusCountsQuery<'c, 'a, 's, C, T, N>
where
    C: GenericClient,
{
    pub fn map<R>(
        self,
        mapper: fn(OrderStatusCountsBorrowed) -> R,
    ) -> OrderStatusCountsQuery<'c, 'a, 's, C, R, N> {
        OrderStatusCountsQuery {
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
pub struct PaymentsCompletedSinceQuery<'c, 'a, 's, C: GenericClient, T, const N: usize> {
    client: &'c C,
    params: [&'a (dyn postgres_types::ToSql + Sync); N],
    query: &'static str,
    cached: Option<&'s tokio_postgres::Statement>,
    extractor: fn(&tokio_postgres::Row) -> Result<PaymentsCompletedSince, tokio_postgres::Error>,
    mapper: fn(PaymentsCompletedSince) -> T,
}
impl<'c, 'a, 's, C, T: 'c, const N: usize> PaymentsCompletedSinceQuery<'c, 'a, 's, C, T, N>
where
    C: GenericClient,
{
    pub fn map<R>(
        self,
        mapper: fn(PaymentsCompletedSince) -> R,
    ) -> PaymentsCompletedSinceQuery<'c, 'a, 's, C, R, N> {
        PaymentsCompletedSinceQuery {
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
pub struct ProductCountsStmt(&'static str, Option<tokio_postgres::Statement>);
/// Active products (index-only scan of products_active_created_idx), and those
/// at or below the low-stock threshold (low_stock_products, kept by V0020's trigger).
pub fn product_counts() -> ProductCountsStmt {
    ProductCountsStmt(
        "SELECT (SELECT count(*) FROM products WHERE is_active) AS active, (SELECT count(*) FROM low_stock_products WHERE stock <= $1) AS low_stock",
        None,
    )
}
impl ProductCountsStmt {
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
        threshold: &'a i32,
    ) -> ProductCountsQuery<'c, 'a, 's, C, ProductCounts, 1> {
        ProductCountsQuery {
            client,
            params: [threshold],
            query: self.0,
            cached: self.1.as_ref(),
            extractor: |row: &tokio_postgres::Row| -> Result<ProductCounts, tokio_postgres::Error> {
                Ok(ProductCounts {
                    active: row.try_get(0)?,
                    low_stock: row.try_get(1)?,
                })
            },
            mapper: |it| ProductCounts::from(it),
        }
    }
}
pub struct LowStockProductsStmt(&'static str, Option<tokio_postgres::Statement>);
/// The active products with the least stock at or below the threshold:
/// low_stock_products_stock_idx, then each product by its primary key.
pub fn low_stock_products() -> LowStockProductsStmt {
    LowStockProductsStmt(
        "SELECT p.id, p.name, l.stock FROM low_stock_products l JOIN products p ON p.id = l.product_id WHERE l.stock <= $1 ORDER BY l.stock, l.product_id LIMIT $2",
        None,
    )
}
impl LowStockProductsStmt {
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
        threshold: &'a i32,
        limit: &'a i64,
    ) -> LowStockProductQuery<'c, 'a, 's, C, LowStockProduct, 2> {
        LowStockProductQuery {
            client,
            params: [threshold, limit],
            query: self.0,
            cached: self.1.as_ref(),
            extractor: |
                row: &tokio_postgres::Row,
            | -> Result<LowStockProductBorrowed, tokio_postgres::Error> {
                Ok(LowStockProductBorrowed {
                    id: row.try_get(0)?,
                    name: row.try_get(1)?,
                    stock: row.try_get(2)?,
                })
            },
            mapper: |it| LowStockProduct::from(it),
        }
    }
}
impl<'c, 'a, 's, C: GenericClient>
    crate::client::async_::Params<
        'c,
        'a,
        's,
        LowStockProductsParams,
        LowStockProductQuery<'c, 'a, 's, C, LowStockProduct, 2>,
        C,
    > for LowStockProductsStmt
{
    fn params(
        &'s self,
        client: &'c C,
        params: &'a LowStockProductsParams,
    ) -> LowStockProductQuery<'c, 'a, 's, C, LowStockProduct, 2> {
        self.bind(client, &params.threshold, &params.limit)
    }
}
pub struct LockLowStockThresholdStmt(&'static str, Option<tokio_postgres::Statement>);
/// The threshold low_stock_products was filled with, locked until the end of
/// the transaction (start-up compares it with `LOW_STOCK_THRESHOLD`).
pub fn lock_low_stock_threshold() -> LockLowStockThresholdStmt {
    LockLowStockThresholdStmt("SELECT threshold FROM low_stock_settings FOR UPDATE", None)
}
impl LockLowStockThresholdStmt {
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
    ) -> I32Query<'c, 'a, 's, C, i32, 0> {
        I32Query {
            client,
            params: [],
            query: self.0,
            cached: self.1.as_ref(),
            extractor: |row| Ok(row.try_get(0)?),
            mapper: |it| it,
        }
    }
}
pub struct SetLowStockThresholdStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn set_low_stock_threshold() -> SetLowStockThresholdStmt {
    SetLowStockThresholdStmt("UPDATE low_stock_settings SET threshold = $1", None)
}
impl SetLowStockThresholdStmt {
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
        threshold: &'a i32,
    ) -> Result<u64, tokio_postgres::Error> {
        client.execute(self.0, &[threshold]).await
    }
}
pub struct ClearLowStockProductsStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn clear_low_stock_products() -> ClearLowStockProductsStmt {
    ClearLowStockProductsStmt("DELETE FROM low_stock_products", None)
}
impl ClearLowStockProductsStmt {
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
pub struct FillLowStockProductsStmt(&'static str, Option<tokio_postgres::Statement>);
/// After clear_low_stock_products, in its transaction: one pass over products.
pub fn fill_low_stock_products() -> FillLowStockProductsStmt {
    FillLowStockProductsStmt(
        "INSERT INTO low_stock_products (product_id, stock) SELECT id, stock FROM products WHERE is_active AND stock <= $1",
        None,
    )
}
impl FillLowStockProductsStmt {
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
        threshold: &'a i32,
    ) -> Result<u64, tokio_postgres::Error> {
        client.execute(self.0, &[threshold]).await
    }
}
pub struct OrderStatusCountsStmt(&'static str, Option<tokio_postgres::Statement>);
/// Orders per status (statuses without orders are absent): index-only scan of orders_status_created_idx.
pub fn order_status_counts() -> OrderStatusCountsStmt {
    OrderStatusCountsStmt(
        "SELECT status, count(*) AS orders FROM orders GROUP BY status ORDER BY status",
        None,
    )
}
impl OrderStatusCountsStmt {
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
    ) -> OrderStatusCountsQuery<'c, 'a, 's, C, OrderStatusCounts, 0> {
        OrderStatusCountsQuery {
            client,
            params: [],
            query: self.0,
            cached: self.1.as_ref(),
            extractor: |
                row: &tokio_postgres::Row,
            | -> Result<OrderStatusCountsBorrowed, tokio_postgres::Error> {
                Ok(OrderStatusCountsBorrowed {
                    status: row.try_get(0)?,
                    orders: row.try_get(1)?,
                })
            },
            mapper: |it| OrderStatusCounts::from(it),
        }
    }
}
pub struct PaymentsCompletedSinceStmt(&'static str, Option<tokio_postgres::Statement>);
/// Completed payments started since `since`, and their captured total:
/// payments_status_created_idx.
pub fn payments_completed_since() -> PaymentsCompletedSinceStmt {
    PaymentsCompletedSinceStmt(
        "SELECT count(*) AS payments, COALESCE(sum(COALESCE(captured_amount, amount)), 0)::numeric(14,2) AS amount FROM payments WHERE status = 'completed' AND created_at >= $1",
        None,
    )
}
impl PaymentsCompletedSinceStmt {
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
        since: &'a chrono::DateTime<chrono::FixedOffset>,
    ) -> PaymentsCompletedSinceQuery<'c, 'a, 's, C, PaymentsCompletedSince, 1> {
        PaymentsCompletedSinceQuery {
            client,
            params: [since],
            query: self.0,
            cached: self.1.as_ref(),
            extractor: |
                row: &tokio_postgres::Row,
            | -> Result<PaymentsCompletedSince, tokio_postgres::Error> {
                Ok(PaymentsCompletedSince {
                    payments: row.try_get(0)?,
                    amount: row.try_get(1)?,
                })
            },
            mapper: |it| PaymentsCompletedSince::from(it),
        }
    }
}
