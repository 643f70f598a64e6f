// This file was generated with `cornucopia`. Do not modify.

#[derive(Debug)]
pub struct InsertProductParams<T1: crate::StringSql, T2: crate::StringSql, T3: crate::StringSql> {
    pub name: T1,
    pub slug: T2,
    pub description: T3,
    pub price: rust_decimal::Decimal,
    pub stock: i32,
    pub is_active: bool,
}
#[derive(Debug)]
pub struct InsertProductIfAbsentParams<
    T1: crate::StringSql,
    T2: crate::StringSql,
    T3: crate::StringSql,
> {
    pub name: T1,
    pub slug: T2,
    pub description: T3,
    pub price: rust_decimal::Decimal,
    pub stock: i32,
}
#[derive(Debug)]
pub struct LinkProductBySlugsParams<
    T1: crate::StringSql,
    T2: crate::StringSql,
    T3: crate::ArraySql<Item = T2>,
> {
    pub product_slug: T1,
    pub category_slugs: T3,
}
#[derive(Debug)]
pub struct UpdateProductParams<T1: crate::StringSql, T2: crate::StringSql, T3: crate::StringSql> {
    pub name: Option<T1>,
    pub slug: Option<T2>,
    pub description: Option<T3>,
    pub price: Option<rust_decimal::Decimal>,
    pub stock: Option<i32>,
    pub stock_delta: Option<i32>,
    pub is_active: Option<bool>,
    pub id: i64,
}
#[derive(Debug)]
pub struct InsertProductCategoriesParams<T1: crate::ArraySql<Item = i64>> {
    pub product_id: i64,
    pub category_ids: T1,
}
#[derive(Debug)]
pub struct ListProductsByNewestParams<
    T1: crate::StringSql,
    T2: crate::StringSql,
    T3: crate::StringSql,
> {
    pub min_price: Option<rust_decimal::Decimal>,
    pub max_price: Option<rust_decimal::Decimal>,
    pub search_q: Option<T1>,
    pub name_pattern: Option<T2>,
    pub search_config: T3,
    pub in_stock: Option<bool>,
    pub after_id: Option<i64>,
    pub after_created: Option<chrono::DateTime<chrono::FixedOffset>>,
    pub limit: i64,
}
#[derive(Debug)]
pub struct ListProductsByOldestParams<
    T1: crate::StringSql,
    T2: crate::StringSql,
    T3: crate::StringSql,
> {
    pub min_price: Option<rust_decimal::Decimal>,
    pub max_price: Option<rust_decimal::Decimal>,
    pub search_q: Option<T1>,
    pub name_pattern: Option<T2>,
    pub search_config: T3,
    pub in_stock: Option<bool>,
    pub after_id: Option<i64>,
    pub after_created: Option<chrono::DateTime<chrono::FixedOffset>>,
    pub limit: i64,
}
#[derive(Debug)]
pub struct ListProductsByPriceAscParams<
    T1: crate::StringSql,
    T2: crate::StringSql,
    T3: crate::StringSql,
> {
    pub min_price: Option<rust_decimal::Decimal>,
    pub max_price: Option<rust_decimal::Decimal>,
    pub search_q: Option<T1>,
    pub name_pattern: Option<T2>,
    pub search_config: T3,
    pub in_stock: Option<bool>,
    pub after_id: Option<i64>,
    pub after_price: Option<rust_decimal::Decimal>,
    pub limit: i64,
}
#[derive(Debug)]
pub struct ListProductsByPriceDescParams<
    T1: crate::StringSql,
    T2: crate::StringSql,
    T3: crate::StringSql,
> {
    pub min_price: Option<rust_decimal::Decimal>,
    pub max_price: Option<rust_decimal::Decimal>,
    pub search_q: Option<T1>,
    pub name_pattern: Option<T2>,
    pub search_config: T3,
    pub in_stock: Option<bool>,
    pub after_id: Option<i64>,
    pub after_price: Option<rust_decimal::Decimal>,
    pub limit: i64,
}
#[derive(Debug)]
pub struct ListProductsByNameAscParams<
    T1: crate::StringSql,
    T2: crate::StringSql,
    T3: crate::StringSql,
    T4: crate::StringSql,
> {
    pub min_price: Option<rust_decimal::Decimal>,
    pub max_price: Option<rust_decimal::Decimal>,
    pub search_q: Option<T1>,
    pub name_pattern: Option<T2>,
    pub search_config: T3,
    pub in_stock: Option<bool>,
    pub after_id: Option<i64>,
    pub after_name: Option<T4>,
    pub limit: i64,
}
#[derive(Debug)]
pub struct ListProductsByNameDescParams<
    T1: crate::StringSql,
    T2: crate::StringSql,
    T3: crate::StringSql,
    T4: crate::StringSql,
> {
    pub min_price: Option<rust_decimal::Decimal>,
    pub max_price: Option<rust_decimal::Decimal>,
    pub search_q: Option<T1>,
    pub name_pattern: Option<T2>,
    pub search_config: T3,
    pub in_stock: Option<bool>,
    pub after_id: Option<i64>,
    pub after_name: Option<T4>,
    pub limit: i64,
}
#[derive(Debug)]
pub struct ListProductsInCategoriesByNewestParams<
    T1: crate::ArraySql<Item = i64>,
    T2: crate::StringSql,
    T3: crate::StringSql,
    T4: crate::StringSql,
> {
    pub category_ids: T1,
    pub min_price: Option<rust_decimal::Decimal>,
    pub max_price: Option<rust_decimal::Decimal>,
    pub search_q: Option<T2>,
    pub name_pattern: Option<T3>,
    pub search_config: T4,
    pub in_stock: Option<bool>,
    pub after_id: Option<i64>,
    pub after_created: Option<chrono::DateTime<chrono::FixedOffset>>,
    pub limit: i64,
}
#[derive(Debug)]
pub struct ListProductsInCategoriesByOldestParams<
    T1: crate::ArraySql<Item = i64>,
    T2: crate::StringSql,
    T3: crate::StringSql,
    T4: crate::StringSql,
> {
    pub category_ids: T1,
    pub min_price: Option<rust_decimal::Decimal>,
    pub max_price: Option<rust_decimal::Decimal>,
    pub search_q: Option<T2>,
    pub name_pattern: Option<T3>,
    pub search_config: T4,
    pub in_stock: Option<bool>,
    pub after_id: Option<i64>,
    pub after_created: Option<chrono::DateTime<chrono::FixedOffset>>,
    pub limit: i64,
}
#[derive(Debug)]
pub struct ListProductsInCategoriesByPriceAscParams<
    T1: crate::ArraySql<Item = i64>,
    T2: crate::StringSql,
    T3: crate::StringSql,
    T4: crate::StringSql,
> {
    pub category_ids: T1,
    pub min_price: Option<rust_decimal::Decimal>,
    pub max_price: Option<rust_decimal::Decimal>,
    pub search_q: Option<T2>,
    pub name_pattern: Option<T3>,
    pub search_config: T4,
    pub in_stock: Option<bool>,
    pub after_id: Option<i64>,
    pub after_price: Option<rust_decimal::Decimal>,
    pub limit: i64,
}
#[derive(Debug)]
pub struct ListProductsInCategoriesByPriceDescParams<
    T1: crate::ArraySql<Item = i64>,
    T2: crate::StringSql,
    T3: crate::StringSql,
    T4: crate::StringSql,
> {
    pub category_ids: T1,
    pub min_price: Option<rust_decimal::Decimal>,
    pub max_price: Option<rust_decimal::Decimal>,
    pub search_q: Option<T2>,
    pub name_pattern: Option<T3>,
    pub search_config: T4,
    pub in_stock: Option<bool>,
    pub after_id: Option<i64>,
    pub after_price: Option<rust_decimal::Decimal>,
    pub limit: i64,
}
#[derive(Debug)]
pub struct ListProductsInCategoriesByNameAscParams<
    T1: crate::ArraySql<Item = i64>,
    T2: crate::StringSql,
    T3: crate::StringSql,
    T4: crate::StringSql,
    T5: crate::StringSql,
> {
    pub category_ids: T1,
    pub min_price: Option<rust_decimal::Decimal>,
    pub max_price: Option<rust_decimal::Decimal>,
    pub search_q: Option<T2>,
    pub name_pattern: Option<T3>,
    pub search_config: T4,
    pub in_stock: Option<bool>,
    pub after_id: Option<i64>,
    pub after_name: Option<T5>,
    pub limit: i64,
}
#[derive(Debug)]
pub struct ListProductsInCategoriesByNameDescParams<
    T1: crate::ArraySql<Item = i64>,
    T2: crate::StringSql,
    T3: crate::StringSql,
    T4: crate::StringSql,
    T5: crate::StringSql,
> {
    pub category_ids: T1,
    pub min_price: Option<rust_decimal::Decimal>,
    pub max_price: Option<rust_decimal::Decimal>,
    pub search_q: Option<T2>,
    pub name_pattern: Option<T3>,
    pub search_config: T4,
    pub in_stock: Option<bool>,
    pub after_id: Option<i64>,
    pub after_name: Option<T5>,
    pub limit: i64,
}
#[derive(Debug)]
pub struct LinkBulkProductsParams<T1: crate::ArraySql<Item = i64>> {
    pub category_ids: T1,
    pub from_id: i64,
    pub to_id: i64,
}
#[derive(Debug, Clone, PartialEq)]
pub struct Product {
    pub id: i64,
    pub name: String,
    pub slug: String,
    pub description: String,
    pub price: rust_decimal::Decimal,
    pub stock: i32,
    pub is_active: bool,
    pub created_at: chrono::DateTime<chrono::FixedOffset>,
    pub updated_at: chrono::DateTime<chrono::FixedOffset>,
}
pub struct ProductBorrowed<'a> {
    pub id: i64,
    pub name: &'a str,
    pub slug: &'a str,
    pub description: &'a str,
    pub price: rust_decimal::Decimal,
    pub stock: i32,
    pub is_active: bool,
    pub created_at: chrono::DateTime<chrono::FixedOffset>,
    pub updated_at: chrono::DateTime<chrono::FixedOffset>,
}
impl<'a> From<ProductBorrowed<'a>> for Product {
    fn from(
        ProductBorrowed {
            id,
            name,
            slug,
            description,
            price,
            stock,
            is_active,
            created_at,
            updated_at,
        }: ProductBorrowed<'a>,
    ) -> Self {
        Self {
            id,
            name: name.into(),
            slug: slug.into(),
            description: description.into(),
            price,
            stock,
            is_active,
            created_at,
            updated_at,
        }
    }
}
#[derive(Debug, Clone, PartialEq)]
pub struct ListedProduct {
    pub id: i64,
    pub name: String,
    pub slug: String,
    pub description: String,
    pub price: rust_decimal::Decimal,
    pub stock: i32,
    pub is_active: bool,
    pub created_at: chrono::DateTime<chrono::FixedOffset>,
    pub updated_at: chrono::DateTime<chrono::FixedOffset>,
    pub category_ids: Vec<i64>,
    pub category_names: Vec<String>,
    pub category_slugs: Vec<String>,
}
pub struct ListedProductBorrowed<'a> {
    pub id: i64,
    pub name: &'a str,
    pub slug: &'a str,
    pub description: &'a str,
    pub price: rust_decimal::Decimal,
    pub stock: i32,
    pub is_active: bool,
    pub created_at: chrono::DateTime<chrono::FixedOffset>,
    pub updated_at: chrono::DateTime<chrono::FixedOffset>,
    pub category_ids: crate::ArrayIterator<'a, i64>,
    pub category_names: crate::ArrayIterator<'a, &'a str>,
    pub category_slugs: crate::ArrayIterator<'a, &'a str>,
}
impl<'a> From<ListedProductBorrowed<'a>> for ListedProduct {
    fn from(
        ListedProductBorrowed {
            id,
            name,
            slug,
            description,
            price,
            stock,
            is_active,
            created_at,
            updated_at,
            category_ids,
            category_names,
            category_slugs,
        }: ListedProductBorrowed<'a>,
    ) -> Self {
        Self {
            id,
            name: name.into(),
            slug: slug.into(),
            description: description.into(),
            price,
            stock,
            is_active,
            created_at,
            updated_at,
            category_ids: category_ids.map(|v| v).collect(),
            category_names: category_names.map(|v| v.into()).collect(),
            category_slugs: category_slugs.map(|v| v.into()).collect(),
        }
    }
}
#[derive(Debug, Clone, PartialEq, Copy)]
pub struct FindProductStocks {
    pub id: i64,
    pub stock: i32,
}
use crate::client::async_::GenericClient;
use futures::{self, StreamExt, TryStreamExt};
pub struct ProductQuery<'c, 'a, 's, C: GenericClient, T, const N: usize> {
    client: &'c C,
    params: [&'a (dyn postgres_types::ToSql + Sync); N],
    query: &'static str,
    cached: Option<&'s tokio_postgres::Statement>,
    extractor: fn(&tokio_postgres::Row) -> Result<ProductBorrowed, tokio_postgres::Error>,
    mapper: fn(ProductBorrowed) -> T,
}
impl<'c, 'a, 's, C, T: 'c, const N: usize> ProductQuery<'c, 'a, 's, C, T, N>
where
    C: GenericClient,
{
    pub fn map<R>(self, mapper: fn(ProductBorrowed) -> R) -> ProductQuery<'c, 'a, 's, C, R, N> {
        ProductQuery {
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
pub struct ListedProductQuery<'c, 'a, 's, C: GenericClient, T, const N: usize> {
    client: &'c C,
    params: [&'a (dyn postgres_types::ToSql + Sync); N],
    query: &'static str,
    cached: Option<&'s tokio_postgres::Statement>,
    extractor: fn(&tokio_postgres::Row) -> Result<ListedProductBorrowed, tokio_postgres::Error>,
    mapper: fn(ListedProductBorrowed) -> T,
}
impl<'c, 'a, 's, C, T: 'c, const N: usize> ListedProductQuery<'c, 'a, 's, C, T, N>
where
    C: GenericClient,
{
    pub fn map<R>(
        self,
        mapper: fn(ListedProductBorrowed) -> R,
    ) -> ListedProductQuery<'c, 'a, 's, C, R, N> {
        ListedProductQuery {
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
pub struct FindProductStocksQuery<'c, 'a, 's, C: GenericClient, T, const N: usize> {
    client: &'c C,
    params: [&'a (dyn postgres_types::ToSql + Sync); N],
    query: &'static str,
    cached: Option<&'s tokio_postgres::Statement>,
    extractor: fn(&tokio_postgres::Row) -> Result<FindProductStocks, tokio_postgres::Error>,
    mapper: fn(FindProductStocks) -> T,
}
impl<'c, 'a, 's, C, T: 'c, const N: usize> FindProductStocksQuery<'c, 'a, 's, C, T, N>
where
    C: GenericClient,
{
    pub fn map<R>(
        self,
        mapper: fn(FindProductStocks) -> R,
    ) -> FindProductStocksQuery<'c, 'a, 's, C, R, N> {
        FindProductStocksQuery {
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
pub struct InsertProductStmt(&'static str, Option<tokio_postgres::Statement>);
/// Creates a product; a duplicate slug violates `products_slug_key`.
pub fn insert_product() -> InsertProductStmt {
    InsertProductStmt(
        "INSERT INTO products (name, slug, description, price, stock, is_active) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id, name, slug, description, price, stock, is_active, created_at, updated_at",
        None,
    )
}
impl InsertProductStmt {
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
    >(
        &'s self,
        client: &'c C,
        name: &'a T1,
        slug: &'a T2,
        description: &'a T3,
        price: &'a rust_decimal::Decimal,
        stock: &'a i32,
        is_active: &'a bool,
    ) -> ProductQuery<'c, 'a, 's, C, Product, 6> {
        ProductQuery {
            client,
            params: [name, slug, description, price, stock, is_active],
            query: self.0,
            cached: self.1.as_ref(),
            extractor:
                |row: &tokio_postgres::Row| -> Result<ProductBorrowed, tokio_postgres::Error> {
                    Ok(ProductBorrowed {
                        id: row.try_get(0)?,
                        name: row.try_get(1)?,
                        slug: row.try_get(2)?,
                        description: row.try_get(3)?,
                        price: row.try_get(4)?,
                        stock: row.try_get(5)?,
                        is_active: row.try_get(6)?,
                        created_at: row.try_get(7)?,
                        updated_at: row.try_get(8)?,
                    })
                },
            mapper: |it| Product::from(it),
        }
    }
}
impl<'c, 'a, 's, C: GenericClient, T1: crate::StringSql, T2: crate::StringSql, T3: crate::StringSql>
    crate::client::async_::Params<
        'c,
        'a,
        's,
        InsertProductParams<T1, T2, T3>,
        ProductQuery<'c, 'a, 's, C, Product, 6>,
        C,
    > for InsertProductStmt
{
    fn params(
        &'s self,
        client: &'c C,
        params: &'a InsertProductParams<T1, T2, T3>,
    ) -> ProductQuery<'c, 'a, 's, C, Product, 6> {
        self.bind(
            client,
            &params.name,
            &params.slug,
            &params.description,
            &params.price,
            &params.stock,
            &params.is_active,
        )
    }
}
pub struct InsertProductIfAbsentStmt(&'static str, Option<tokio_postgres::Statement>);
/// Seeding: creates a product unless its slug exists (idempotent).
pub fn insert_product_if_absent() -> InsertProductIfAbsentStmt {
    InsertProductIfAbsentStmt(
        "INSERT INTO products (name, slug, description, price, stock) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (slug) DO NOTHING",
        None,
    )
}
impl InsertProductIfAbsentStmt {
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
    >(
        &'s self,
        client: &'c C,
        name: &'a T1,
        slug: &'a T2,
        description: &'a T3,
        price: &'a rust_decimal::Decimal,
        stock: &'a i32,
    ) -> Result<u64, tokio_postgres::Error> {
        client
            .execute(self.0, &[name, slug, description, price, stock])
            .await
    }
}
impl<
    'a,
    C: GenericClient + Send + Sync,
    T1: crate::StringSql,
    T2: crate::StringSql,
    T3: crate::StringSql,
>
    crate::client::async_::Params<
        'a,
        'a,
        'a,
        InsertProductIfAbsentParams<T1, T2, T3>,
        std::pin::Pin<
            Box<dyn futures::Future<Output = Result<u64, tokio_postgres::Error>> + Send + 'a>,
        >,
        C,
    > for InsertProductIfAbsentStmt
{
    fn params(
        &'a self,
        client: &'a C,
        params: &'a InsertProductIfAbsentParams<T1, T2, T3>,
    ) -> std::pin::Pin<
        Box<dyn futures::Future<Output = Result<u64, tokio_postgres::Error>> + Send + 'a>,
    > {
        Box::pin(self.bind(
            client,
            &params.name,
            &params.slug,
            &params.description,
            &params.price,
            &params.stock,
        ))
    }
}
pub struct LinkProductBySlugsStmt(&'static str, Option<tokio_postgres::Statement>);
/// Seeding: links a product to categories, both by slug (idempotent).
pub fn link_product_by_slugs() -> LinkProductBySlugsStmt {
    LinkProductBySlugsStmt(
        "INSERT INTO product_categories (product_id, category_id) SELECT p.id, c.id FROM products p, categories c WHERE p.slug = $1 AND c.slug = ANY($2::text[]) ON CONFLICT DO NOTHING",
        None,
    )
}
impl LinkProductBySlugsStmt {
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
        T3: crate::ArraySql<Item = T2>,
    >(
        &'s self,
        client: &'c C,
        product_slug: &'a T1,
        category_slugs: &'a T3,
    ) -> Result<u64, tokio_postgres::Error> {
        client
            .execute(self.0, &[product_slug, category_slugs])
            .await
    }
}
impl<
    'a,
    C: GenericClient + Send + Sync,
    T1: crate::StringSql,
    T2: crate::StringSql,
    T3: crate::ArraySql<Item = T2>,
>
    crate::client::async_::Params<
        'a,
        'a,
        'a,
        LinkProductBySlugsParams<T1, T2, T3>,
        std::pin::Pin<
            Box<dyn futures::Future<Output = Result<u64, tokio_postgres::Error>> + Send + 'a>,
        >,
        C,
    > for LinkProductBySlugsStmt
{
    fn params(
        &'a self,
        client: &'a C,
        params: &'a LinkProductBySlugsParams<T1, T2, T3>,
    ) -> std::pin::Pin<
        Box<dyn futures::Future<Output = Result<u64, tokio_postgres::Error>> + Send + 'a>,
    > {
        Box::pin(self.bind(client, &params.product_slug, &params.category_slugs))
    }
}
pub struct FindProductStmt(&'static str, Option<tokio_postgres::Statement>);
/// One product with its categories, active or not (the service hides inactive ones from non-admins).
pub fn find_product() -> FindProductStmt {
    FindProductStmt(
        "SELECT p.id, p.name, p.slug, p.description, p.price, p.stock, p.is_active, p.created_at, p.updated_at, cat.category_ids, cat.category_names, cat.category_slugs FROM products p CROSS JOIN LATERAL ( SELECT COALESCE(array_agg(c.id ORDER BY c.name, c.id), '{}') AS category_ids, COALESCE(array_agg(c.name ORDER BY c.name, c.id), '{}') AS category_names, COALESCE(array_agg(c.slug ORDER BY c.name, c.id), '{}') AS category_slugs FROM product_categories pc JOIN categories c ON c.id = pc.category_id WHERE pc.product_id = p.id ) cat WHERE p.id = $1",
        None,
    )
}
impl FindProductStmt {
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
    ) -> ListedProductQuery<'c, 'a, 's, C, ListedProduct, 1> {
        ListedProductQuery {
            client,
            params: [id],
            query: self.0,
            cached: self.1.as_ref(),
            extractor:
                |row: &tokio_postgres::Row| -> Result<ListedProductBorrowed, tokio_postgres::Error> {
                    Ok(ListedProductBorrowed {
                        id: row.try_get(0)?,
                        name: row.try_get(1)?,
                        slug: row.try_get(2)?,
                        description: row.try_get(3)?,
                        price: row.try_get(4)?,
                        stock: row.try_get(5)?,
                        is_active: row.try_get(6)?,
                        created_at: row.try_get(7)?,
                        updated_at: row.try_get(8)?,
                        category_ids: row.try_get(9)?,
                        category_names: row.try_get(10)?,
                        category_slugs: row.try_get(11)?,
                    })
                },
            mapper: |it| ListedProduct::from(it),
        }
    }
}
pub struct UpdateProductStmt(&'static str, Option<tokio_postgres::Statement>);
/// Changes the given fields; absent (NULL) parameters keep the current value.
/// `stock_delta` is added to the stock as it is at the row lock, so concurrent
/// order decrements are never overwritten (the CHECK refuses a negative result).
pub fn update_product() -> UpdateProductStmt {
    UpdateProductStmt(
        "UPDATE products SET name = COALESCE($1, name), slug = COALESCE($2, slug), description = COALESCE($3, description), price = COALESCE($4, price), stock = COALESCE($5, stock) + COALESCE($6, 0), is_active = COALESCE($7, is_active), updated_at = now() WHERE id = $8 RETURNING id, name, slug, description, price, stock, is_active, created_at, updated_at",
        None,
    )
}
impl UpdateProductStmt {
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
    >(
        &'s self,
        client: &'c C,
        name: &'a Option<T1>,
        slug: &'a Option<T2>,
        description: &'a Option<T3>,
        price: &'a Option<rust_decimal::Decimal>,
        stock: &'a Option<i32>,
        stock_delta: &'a Option<i32>,
        is_active: &'a Option<bool>,
        id: &'a i64,
    ) -> ProductQuery<'c, 'a, 's, C, Product, 8> {
        ProductQuery {
            client,
            params: [
                name,
                slug,
                description,
                price,
                stock,
                stock_delta,
                is_active,
                id,
            ],
            query: self.0,
            cached: self.1.as_ref(),
            extractor:
                |row: &tokio_postgres::Row| -> Result<ProductBorrowed, tokio_postgres::Error> {
                    Ok(ProductBorrowed {
                        id: row.try_get(0)?,
                        name: row.try_get(1)?,
                        slug: row.try_get(2)?,
                        description: row.try_get(3)?,
                        price: row.try_get(4)?,
                        stock: row.try_get(5)?,
                        is_active: row.try_get(6)?,
                        created_at: row.try_get(7)?,
                        updated_at: row.try_get(8)?,
                    })
                },
            mapper: |it| Product::from(it),
        }
    }
}
impl<'c, 'a, 's, C: GenericClient, T1: crate::StringSql, T2: crate::StringSql, T3: crate::StringSql>
    crate::client::async_::Params<
        'c,
        'a,
        's,
        UpdateProductParams<T1, T2, T3>,
        ProductQuery<'c, 'a, 's, C, Product, 8>,
        C,
    > for UpdateProductStmt
{
    fn params(
        &'s self,
        client: &'c C,
        params: &'a UpdateProductParams<T1, T2, T3>,
    ) -> ProductQuery<'c, 'a, 's, C, Product, 8> {
        self.bind(
            client,
            &params.name,
            &params.slug,
            &params.description,
            &params.price,
            &params.stock,
            &params.stock_delta,
            &params.is_active,
            &params.id,
        )
    }
}
pub struct DeactivateProductStmt(&'static str, Option<tokio_postgres::Statement>);
/// Soft delete: the row stays for order history, every public read hides it.
pub fn deactivate_product() -> DeactivateProductStmt {
    DeactivateProductStmt(
        "UPDATE products SET is_active = false, updated_at = now() WHERE id = $1",
        None,
    )
}
impl DeactivateProductStmt {
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
pub struct DeleteProductCategoriesStmt(&'static str, Option<tokio_postgres::Statement>);
/// Removes all category links of a product (before setting a new list).
pub fn delete_product_categories() -> DeleteProductCategoriesStmt {
    DeleteProductCategoriesStmt("DELETE FROM product_categories WHERE product_id = $1", None)
}
impl DeleteProductCategoriesStmt {
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
        product_id: &'a i64,
    ) -> Result<u64, tokio_postgres::Error> {
        client.execute(self.0, &[product_id]).await
    }
}
pub struct InsertProductCategoriesStmt(&'static str, Option<tokio_postgres::Statement>);
/// Links a product to each of the given categories.
pub fn insert_product_categories() -> InsertProductCategoriesStmt {
    InsertProductCategoriesStmt(
        "INSERT INTO product_categories (product_id, category_id) SELECT $1, unnest($2::bigint[]) ON CONFLICT DO NOTHING",
        None,
    )
}
impl InsertProductCategoriesStmt {
    pub async fn prepare<'a, C: GenericClient>(
        mut self,
        client: &'a C,
    ) -> Result<Self, tokio_postgres::Error> {
        self.1 = Some(client.prepare(self.0).await?);
        Ok(self)
    }
    pub async fn bind<'c, 'a, 's, C: GenericClient, T1: crate::ArraySql<Item = i64>>(
        &'s self,
        client: &'c C,
        product_id: &'a i64,
        category_ids: &'a T1,
    ) -> Result<u64, tokio_postgres::Error> {
        client.execute(self.0, &[product_id, category_ids]).await
    }
}
impl<'a, C: GenericClient + Send + Sync, T1: crate::ArraySql<Item = i64>>
    crate::client::async_::Params<
        'a,
        'a,
        'a,
        InsertProductCategoriesParams<T1>,
        std::pin::Pin<
            Box<dyn futures::Future<Output = Result<u64, tokio_postgres::Error>> + Send + 'a>,
        >,
        C,
    > for InsertProductCategoriesStmt
{
    fn params(
        &'a self,
        client: &'a C,
        params: &'a InsertProductCategoriesParams<T1>,
    ) -> std::pin::Pin<
        Box<dyn futures::Future<Output = Result<u64, tokio_postgres::Error>> + Send + 'a>,
    > {
        Box::pin(self.bind(client, &params.product_id, &params.category_ids))
    }
}
pub struct ListProductsByNewestStmt(&'static str, Option<tokio_postgres::Statement>);
/// A page of active products, newest first; the cursor is the last (created_at, id).
pub fn list_products_by_newest() -> ListProductsByNewestStmt {
    ListProductsByNewestStmt(
        "SELECT p.id, p.name, p.slug, p.description, p.price, p.stock, p.is_active, p.created_at, p.updated_at, cat.category_ids, cat.category_names, cat.category_slugs FROM ( SELECT p.id, p.name, p.slug, p.description, p.price, p.stock, p.is_active, p.created_at, p.updated_at FROM products p WHERE p.is_active AND ($1::numeric IS NULL OR p.price >= $1) AND ($2::numeric IS NULL OR p.price <= $2) AND ($3::text IS NULL OR p.name ILIKE $4 OR p.search_vector @@ product_search_query($5::text, $3)) AND ($6::boolean IS NULL OR (p.stock > 0) = $6) AND ($7::bigint IS NULL OR (p.created_at, p.id) < ($8::timestamptz, $7)) ORDER BY p.created_at DESC, p.id DESC LIMIT $9 ) p CROSS JOIN LATERAL ( SELECT COALESCE(array_agg(c.id ORDER BY c.name, c.id), '{}') AS category_ids, COALESCE(array_agg(c.name ORDER BY c.name, c.id), '{}') AS category_names, COALESCE(array_agg(c.slug ORDER BY c.name, c.id), '{}') AS category_slugs FROM product_categories pc JOIN categories c ON c.id = pc.category_id WHERE pc.product_id = p.id ) cat ORDER BY p.created_at DESC, p.id DESC",
        None,
    )
}
impl ListProductsByNewestStmt {
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
    >(
        &'s self,
        client: &'c C,
        min_price: &'a Option<rust_decimal::Decimal>,
        max_price: &'a Option<rust_decimal::Decimal>,
        search_q: &'a Option<T1>,
        name_pattern: &'a Option<T2>,
        search_config: &'a T3,
        in_stock: &'a Option<bool>,
        after_id: &'a Option<i64>,
        after_created: &'a Option<chrono::DateTime<chrono::FixedOffset>>,
        limit: &'a i64,
    ) -> ListedProductQuery<'c, 'a, 's, C, ListedProduct, 9> {
        ListedProductQuery {
            client,
            params: [
                min_price,
                max_price,
                search_q,
                name_pattern,
                search_config,
                in_stock,
                after_id,
                after_created,
                limit,
            ],
            query: self.0,
            cached: self.1.as_ref(),
            extractor:
                |row: &tokio_postgres::Row| -> Result<ListedProductBorrowed, tokio_postgres::Error> {
                    Ok(ListedProductBorrowed {
                        id: row.try_get(0)?,
                        name: row.try_get(1)?,
                        slug: row.try_get(2)?,
                        description: row.try_get(3)?,
                        price: row.try_get(4)?,
                        stock: row.try_get(5)?,
                        is_active: row.try_get(6)?,
                        created_at: row.try_get(7)?,
                        updated_at: row.try_get(8)?,
                        category_ids: row.try_get(9)?,
                        category_names: row.try_get(10)?,
                        category_slugs: row.try_get(11)?,
                    })
                },
            mapper: |it| ListedProduct::from(it),
        }
    }
}
impl<'c, 'a, 's, C: GenericClient, T1: crate::StringSql, T2: crate::StringSql, T3: crate::StringSql>
    crate::client::async_::Params<
        'c,
        'a,
        's,
        ListProductsByNewestParams<T1, T2, T3>,
        ListedProductQuery<'c, 'a, 's, C, ListedProduct, 9>,
        C,
    > for ListProductsByNewestStmt
{
    fn params(
        &'s self,
        client: &'c C,
        params: &'a ListProductsByNewestParams<T1, T2, T3>,
    ) -> ListedProductQuery<'c, 'a, 's, C, ListedProduct, 9> {
        self.bind(
            client,
            &params.min_price,
            &params.max_price,
            &params.search_q,
            &params.name_pattern,
            &params.search_config,
            &params.in_stock,
            &params.after_id,
            &params.after_created,
            &params.limit,
        )
    }
}
pub struct ListProductsByOldestStmt(&'static str, Option<tokio_postgres::Statement>);
/// A page of active products, oldest first; the cursor is the last (created_at, id).
pub fn list_products_by_oldest() -> ListProductsByOldestStmt {
    ListProductsByOldestStmt(
        "SELECT p.id, p.name, p.slug, p.description, p.price, p.stock, p.is_active, p.created_at, p.updated_at, cat.category_ids, cat.category_names, cat.category_slugs FROM ( SELECT p.id, p.name, p.slug, p.description, p.price, p.stock, p.is_active, p.created_at, p.updated_at FROM products p WHERE p.is_active AND ($1::numeric IS NULL OR p.price >= $1) AND ($2::numeric IS NULL OR p.price <= $2) AND ($3::text IS NULL OR p.name ILIKE $4 OR p.search_vector @@ product_search_query($5::text, $3)) AND ($6::boolean IS NULL OR (p.stock > 0) = $6) AND ($7::bigint IS NULL OR (p.created_at, p.id) > ($8::timestamptz, $7)) ORDER BY p.created_at, p.id LIMIT $9 ) p CROSS JOIN LATERAL ( SELECT COALESCE(array_agg(c.id ORDER BY c.name, c.id), '{}') AS category_ids, COALESCE(array_agg(c.name ORDER BY c.name, c.id), '{}') AS category_names, COALESCE(array_agg(c.slug ORDER BY c.name, c.id), '{}') AS category_slugs FROM product_categories pc JOIN categories c ON c.id = pc.category_id WHERE pc.product_id = p.id ) cat ORDER BY p.created_at, p.id",
        None,
    )
}
impl ListProductsByOldestStmt {
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
    >(
        &'s self,
        client: &'c C,
        min_price: &'a Option<rust_decimal::Decimal>,
        max_price: &'a Option<rust_decimal::Decimal>,
        search_q: &'a Option<T1>,
        name_pattern: &'a Option<T2>,
        search_config: &'a T3,
        in_stock: &'a Option<bool>,
        after_id: &'a Option<i64>,
        after_created: &'a Option<chrono::DateTime<chrono::FixedOffset>>,
        limit: &'a i64,
    ) -> ListedProductQuery<'c, 'a, 's, C, ListedProduct, 9> {
        ListedProductQuery {
            client,
            params: [
                min_price,
                max_price,
                search_q,
                name_pattern,
                search_config,
                in_stock,
                after_id,
                after_created,
                limit,
            ],
            query: self.0,
            cached: self.1.as_ref(),
            extractor:
                |row: &tokio_postgres::Row| -> Result<ListedProductBorrowed, tokio_postgres::Error> {
                    Ok(ListedProductBorrowed {
                        id: row.try_get(0)?,
                        name: row.try_get(1)?,
                        slug: row.try_get(2)?,
                        description: row.try_get(3)?,
                        price: row.try_get(4)?,
                        stock: row.try_get(5)?,
                        is_active: row.try_get(6)?,
                        created_at: row.try_get(7)?,
                        updated_at: row.try_get(8)?,
                        category_ids: row.try_get(9)?,
                        category_names: row.try_get(10)?,
                        category_slugs: row.try_get(11)?,
                    })
                },
            mapper: |it| ListedProduct::from(it),
        }
    }
}
impl<'c, 'a, 's, C: GenericClient, T1: crate::StringSql, T2: crate::StringSql, T3: crate::StringSql>
    crate::client::async_::Params<
        'c,
        'a,
        's,
        ListProductsByOldestParams<T1, T2, T3>,
        ListedProductQuery<'c, 'a, 's, C, ListedProduct, 9>,
        C,
    > for ListProductsByOldestStmt
{
    fn params(
        &'s self,
        client: &'c C,
        params: &'a ListProductsByOldestParams<T1, T2, T3>,
    ) -> ListedProductQuery<'c, 'a, 's, C, ListedProduct, 9> {
        self.bind(
            client,
            &params.min_price,
            &params.max_price,
            &params.search_q,
            &params.name_pattern,
            &params.search_config,
            &params.in_stock,
            &params.after_id,
            &params.after_created,
            &params.limit,
        )
    }
}
pub struct ListProductsByPriceAscStmt(&'static str, Option<tokio_postgres::Statement>);
/// A page of active products, cheapest first; the cursor is the last (price, id).
pub fn list_products_by_price_asc() -> ListProductsByPriceAscStmt {
    ListProductsByPriceAscStmt(
        "SELECT p.id, p.name, p.slug, p.description, p.price, p.stock, p.is_active, p.created_at, p.updated_at, cat.category_ids, cat.category_names, cat.category_slugs FROM ( SELECT p.id, p.name, p.slug, p.description, p.price, p.stock, p.is_active, p.created_at, p.updated_at FROM products p WHERE p.is_active AND ($1::numeric IS NULL OR p.price >= $1) AND ($2::numeric IS NULL OR p.price <= $2) AND ($3::text IS NULL OR p.name ILIKE $4 OR p.search_vector @@ product_search_query($5::text, $3)) AND ($6::boolean IS NULL OR (p.stock > 0) = $6) AND ($7::bigint IS NULL OR (p.price, p.id) > ($8::numeric, $7)) ORDER BY p.price, p.id LIMIT $9 ) p CROSS JOIN LATERAL ( SELECT COALESCE(array_agg(c.id ORDER BY c.name, c.id), '{}') AS category_ids, COALESCE(array_agg(c.name ORDER BY c.name, c.id), '{}') AS category_names, COALESCE(array_agg(c.slug ORDER BY c.name, c.id), '{}') AS category_slugs FROM product_categories pc JOIN categories c ON c.id = pc.category_id WHERE pc.product_id = p.id ) cat ORDER BY p.price, p.id",
        None,
    )
}
impl ListProductsByPriceAscStmt {
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
    >(
        &'s self,
        client: &'c C,
        min_price: &'a Option<rust_decimal::Decimal>,
        max_price: &'a Option<rust_decimal::Decimal>,
        search_q: &'a Option<T1>,
        name_pattern: &'a Option<T2>,
        search_config: &'a T3,
        in_stock: &'a Option<bool>,
        after_id: &'a Option<i64>,
        after_price: &'a Option<rust_decimal::Decimal>,
        limit: &'a i64,
    ) -> ListedProductQuery<'c, 'a, 's, C, ListedProduct, 9> {
        ListedProductQuery {
            client,
            params: [
                min_price,
                max_price,
                search_q,
                name_pattern,
                search_config,
                in_stock,
                after_id,
                after_price,
                limit,
            ],
            query: self.0,
            cached: self.1.as_ref(),
            extractor:
                |row: &tokio_postgres::Row| -> Result<ListedProductBorrowed, tokio_postgres::Error> {
                    Ok(ListedProductBorrowed {
                        id: row.try_get(0)?,
                        name: row.try_get(1)?,
                        slug: row.try_get(2)?,
                        description: row.try_get(3)?,
                        price: row.try_get(4)?,
                        stock: row.try_get(5)?,
                        is_active: row.try_get(6)?,
                        created_at: row.try_get(7)?,
                        updated_at: row.try_get(8)?,
                        category_ids: row.try_get(9)?,
                        category_names: row.try_get(10)?,
                        category_slugs: row.try_get(11)?,
                    })
                },
            mapper: |it| ListedProduct::from(it),
        }
    }
}
impl<'c, 'a, 's, C: GenericClient, T1: crate::StringSql, T2: crate::StringSql, T3: crate::StringSql>
    crate::client::async_::Params<
        'c,
        'a,
        's,
        ListProductsByPriceAscParams<T1, T2, T3>,
        ListedProductQuery<'c, 'a, 's, C, ListedProduct, 9>,
        C,
    > for ListProductsByPriceAscStmt
{
    fn params(
        &'s self,
        client: &'c C,
        params: &'a ListProductsByPriceAscParams<T1, T2, T3>,
    ) -> ListedProductQuery<'c, 'a, 's, C, ListedProduct, 9> {
        self.bind(
            client,
            &params.min_price,
            &params.max_price,
            &params.search_q,
            &params.name_pattern,
            &params.search_config,
            &params.in_stock,
            &params.after_id,
            &params.after_price,
            &params.limit,
        )
    }
}
pub struct ListProductsByPriceDescStmt(&'static str, Option<tokio_postgres::Statement>);
/// A page of active products, dearest first; the cursor is the last (price, id).
pub fn list_products_by_price_desc() -> ListProductsByPriceDescStmt {
    ListProductsByPriceDescStmt(
        "SELECT p.id, p.name, p.slug, p.description, p.price, p.stock, p.is_active, p.created_at, p.updated_at, cat.category_ids, cat.category_names, cat.category_slugs FROM ( SELECT p.id, p.name, p.slug, p.description, p.price, p.stock, p.is_active, p.created_at, p.updated_at FROM products p WHERE p.is_active AND ($1::numeric IS NULL OR p.price >= $1) AND ($2::numeric IS NULL OR p.price <= $2) AND ($3::text IS NULL OR p.name ILIKE $4 OR p.search_vector @@ product_search_query($5::text, $3)) AND ($6::boolean IS NULL OR (p.stock > 0) = $6) AND ($7::bigint IS NULL OR (p.price, p.id) < ($8::numeric, $7)) ORDER BY p.price DESC, p.id DESC LIMIT $9 ) p CROSS JOIN LATERAL ( SELECT COALESCE(array_agg(c.id ORDER BY c.name, c.id), '{}') AS category_ids, COALESCE(array_agg(c.name ORDER BY c.name, c.id), '{}') AS category_names, COALESCE(array_agg(c.slug ORDER BY c.name, c.id), '{}') AS category_slugs FROM product_categories pc JOIN categories c ON c.id = pc.category_id WHERE pc.product_id = p.id ) cat ORDER BY p.price DESC, p.id DESC",
        None,
    )
}
impl ListProductsByPriceDescStmt {
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
    >(
        &'s self,
        client: &'c C,
        min_price: &'a Option<rust_decimal::Decimal>,
        max_price: &'a Option<rust_decimal::Decimal>,
        search_q: &'a Option<T1>,
        name_pattern: &'a Option<T2>,
        search_config: &'a T3,
        in_stock: &'a Option<bool>,
        after_id: &'a Option<i64>,
        after_price: &'a Option<rust_decimal::Decimal>,
        limit: &'a i64,
    ) -> ListedProductQuery<'c, 'a, 's, C, ListedProduct, 9> {
        ListedProductQuery {
            client,
            params: [
                min_price,
                max_price,
                search_q,
                name_pattern,
                search_config,
                in_stock,
                after_id,
                after_price,
                limit,
            ],
            query: self.0,
            cached: self.1.as_ref(),
            extractor:
                |row: &tokio_postgres::Row| -> Result<ListedProductBorrowed, tokio_postgres::Error> {
                    Ok(ListedProductBorrowed {
                        id: row.try_get(0)?,
                        name: row.try_get(1)?,
                        slug: row.try_get(2)?,
                        description: row.try_get(3)?,
                        price: row.try_get(4)?,
                        stock: row.try_get(5)?,
                        is_active: row.try_get(6)?,
                        created_at: row.try_get(7)?,
                        updated_at: row.try_get(8)?,
                        category_ids: row.try_get(9)?,
                        category_names: row.try_get(10)?,
                        category_slugs: row.try_get(11)?,
                    })
                },
            mapper: |it| ListedProduct::from(it),
        }
    }
}
impl<'c, 'a, 's, C: GenericClient, T1: crate::StringSql, T2: crate::StringSql, T3: crate::StringSql>
    crate::client::async_::Params<
        'c,
        'a,
        's,
        ListProductsByPriceDescParams<T1, T2, T3>,
        ListedProductQuery<'c, 'a, 's, C, ListedProduct, 9>,
        C,
    > for ListProductsByPriceDescStmt
{
    fn params(
        &'s self,
        client: &'c C,
        params: &'a ListProductsByPriceDescParams<T1, T2, T3>,
    ) -> ListedProductQuery<'c, 'a, 's, C, ListedProduct, 9> {
        self.bind(
            client,
            &params.min_price,
            &params.max_price,
            &params.search_q,
            &params.name_pattern,
            &params.search_config,
            &params.in_stock,
            &params.after_id,
            &params.after_price,
            &params.limit,
        )
    }
}
pub struct ListProductsByNameAscStmt(&'static str, Option<tokio_postgres::Statement>);
/// A page of active products, by name A→Z; the cursor is the last (name, id).
pub fn list_products_by_name_asc() -> ListProductsByNameAscStmt {
    ListProductsByNameAscStmt(
        "SELECT p.id, p.name, p.slug, p.description, p.price, p.stock, p.is_active, p.created_at, p.updated_at, cat.category_ids, cat.category_names, cat.category_slugs FROM ( SELECT p.id, p.name, p.slug, p.description, p.price, p.stock, p.is_active, p.created_at, p.updated_at FROM products p WHERE p.is_active AND ($1::numeric IS NULL OR p.price >= $1) AND ($2::numeric IS NULL OR p.price <= $2) AND ($3::text IS NULL OR p.name ILIKE $4 OR p.search_vector @@ product_search_query($5::text, $3)) AND ($6::boolean IS NULL OR (p.stock > 0) = $6) AND ($7::bigint IS NULL OR (p.name, p.id) > ($8::text, $7)) ORDER BY p.name, p.id LIMIT $9 ) p CROSS JOIN LATERAL ( SELECT COALESCE(array_agg(c.id ORDER BY c.name, c.id), '{}') AS category_ids, COALESCE(array_agg(c.name ORDER BY c.name, c.id), '{}') AS category_names, COALESCE(array_agg(c.slug ORDER BY c.name, c.id), '{}') AS category_slugs FROM product_categories pc JOIN categories c ON c.id = pc.category_id WHERE pc.product_id = p.id ) cat ORDER BY p.name, p.id",
        None,
    )
}
impl ListProductsByNameAscStmt {
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
        T4: crate::StringSql,
    >(
        &'s self,
        client: &'c C,
        min_price: &'a Option<rust_decimal::Decimal>,
        max_price: &'a Option<rust_decimal::Decimal>,
        search_q: &'a Option<T1>,
        name_pattern: &'a Option<T2>,
        search_config: &'a T3,
        in_stock: &'a Option<bool>,
        after_id: &'a Option<i64>,
        after_name: &'a Option<T4>,
        limit: &'a i64,
    ) -> ListedProductQuery<'c, 'a, 's, C, ListedProduct, 9> {
        ListedProductQuery {
            client,
            params: [
                min_price,
                max_price,
                search_q,
                name_pattern,
                search_config,
                in_stock,
                after_id,
                after_name,
                limit,
            ],
            query: self.0,
            cached: self.1.as_ref(),
            extractor:
                |row: &tokio_postgres::Row| -> Result<ListedProductBorrowed, tokio_postgres::Error> {
                    Ok(ListedProductBorrowed {
                        id: row.try_get(0)?,
                        name: row.try_get(1)?,
                        slug: row.try_get(2)?,
                        description: row.try_get(3)?,
                        price: row.try_get(4)?,
                        stock: row.try_get(5)?,
                        is_active: row.try_get(6)?,
                        created_at: row.try_get(7)?,
                        updated_at: row.try_get(8)?,
                        category_ids: row.try_get(9)?,
                        category_names: row.try_get(10)?,
                        category_slugs: row.try_get(11)?,
                    })
                },
            mapper: |it| ListedProduct::from(it),
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
    T4: crate::StringSql,
>
    crate::client::async_::Params<
        'c,
        'a,
        's,
        ListProductsByNameAscParams<T1, T2, T3, T4>,
        ListedProductQuery<'c, 'a, 's, C, ListedProduct, 9>,
        C,
    > for ListProductsByNameAscStmt
{
    fn params(
        &'s self,
        client: &'c C,
        params: &'a ListProductsByNameAscParams<T1, T2, T3, T4>,
    ) -> ListedProductQuery<'c, 'a, 's, C, ListedProduct, 9> {
        self.bind(
            client,
            &params.min_price,
            &params.max_price,
            &params.search_q,
            &params.name_pattern,
            &params.search_config,
            &params.in_stock,
            &params.after_id,
            &params.after_name,
            &params.limit,
        )
    }
}
pub struct ListProductsByNameDescStmt(&'static str, Option<tokio_postgres::Statement>);
/// A page of active products, by name Z→A; the cursor is the last (name, id).
pub fn list_products_by_name_desc() -> ListProductsByNameDescStmt {
    ListProductsByNameDescStmt(
        "SELECT p.id, p.name, p.slug, p.description, p.price, p.stock, p.is_active, p.created_at, p.updated_at, cat.category_ids, cat.category_names, cat.category_slugs FROM ( SELECT p.id, p.name, p.slug, p.description, p.price, p.stock, p.is_active, p.created_at, p.updated_at FROM products p WHERE p.is_active AND ($1::numeric IS NULL OR p.price >= $1) AND ($2::numeric IS NULL OR p.price <= $2) AND ($3::text IS NULL OR p.name ILIKE $4 OR p.search_vector @@ product_search_query($5::text, $3)) AND ($6::boolean IS NULL OR (p.stock > 0) = $6) AND ($7::bigint IS NULL OR (p.name, p.id) < ($8::text, $7)) ORDER BY p.name DESC, p.id DESC LIMIT $9 ) p CROSS JOIN LATERAL ( SELECT COALESCE(array_agg(c.id ORDER BY c.name, c.id), '{}') AS category_ids, COALESCE(array_agg(c.name ORDER BY c.name, c.id), '{}') AS category_names, COALESCE(array_agg(c.slug ORDER BY c.name, c.id), '{}') AS category_slugs FROM product_categories pc JOIN categories c ON c.id = pc.category_id WHERE pc.product_id = p.id ) cat ORDER BY p.name DESC, p.id DESC",
        None,
    )
}
impl ListProductsByNameDescStmt {
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
        T4: crate::StringSql,
    >(
        &'s self,
        client: &'c C,
        min_price: &'a Option<rust_decimal::Decimal>,
        max_price: &'a Option<rust_decimal::Decimal>,
        search_q: &'a Option<T1>,
        name_pattern: &'a Option<T2>,
        search_config: &'a T3,
        in_stock: &'a Option<bool>,
        after_id: &'a Option<i64>,
        after_name: &'a Option<T4>,
        limit: &'a i64,
    ) -> ListedProductQuery<'c, 'a, 's, C, ListedProduct, 9> {
        ListedProductQuery {
            client,
            params: [
                min_price,
                max_price,
                search_q,
                name_pattern,
                search_config,
                in_stock,
                after_id,
                after_name,
                limit,
            ],
            query: self.0,
            cached: self.1.as_ref(),
            extractor:
                |row: &tokio_postgres::Row| -> Result<ListedProductBorrowed, tokio_postgres::Error> {
                    Ok(ListedProductBorrowed {
                        id: row.try_get(0)?,
                        name: row.try_get(1)?,
                        slug: row.try_get(2)?,
                        description: row.try_get(3)?,
                        price: row.try_get(4)?,
                        stock: row.try_get(5)?,
                        is_active: row.try_get(6)?,
                        created_at: row.try_get(7)?,
                        updated_at: row.try_get(8)?,
                        category_ids: row.try_get(9)?,
                        category_names: row.try_get(10)?,
                        category_slugs: row.try_get(11)?,
                    })
                },
            mapper: |it| ListedProduct::from(it),
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
    T4: crate::StringSql,
>
    crate::client::async_::Params<
        'c,
        'a,
        's,
        ListProductsByNameDescParams<T1, T2, T3, T4>,
        ListedProductQuery<'c, 'a, 's, C, ListedProduct, 9>,
        C,
    > for ListProductsByNameDescStmt
{
    fn params(
        &'s self,
        client: &'c C,
        params: &'a ListProductsByNameDescParams<T1, T2, T3, T4>,
    ) -> ListedProductQuery<'c, 'a, 's, C, ListedProduct, 9> {
        self.bind(
            client,
            &params.min_price,
            &params.max_price,
            &params.search_q,
            &params.name_pattern,
            &params.search_config,
            &params.in_stock,
            &params.after_id,
            &params.after_name,
            &params.limit,
        )
    }
}
pub struct ListProductsInCategoriesByNewestStmt(&'static str, Option<tokio_postgres::Statement>);
/// A page of active products in any of `category_ids`, newest first; the cursor is the last (created_at, id).
pub fn list_products_in_categories_by_newest() -> ListProductsInCategoriesByNewestStmt {
    ListProductsInCategoriesByNewestStmt(
        "SELECT p.id, p.name, p.slug, p.description, p.price, p.stock, p.is_active, p.created_at, p.updated_at, cat.category_ids, cat.category_names, cat.category_slugs FROM ( SELECT DISTINCT ON (link.created_at, link.product_id) link.product_id FROM unnest($1::bigint[]) AS wanted (category_id) CROSS JOIN LATERAL ( SELECT pc.product_id, pc.created_at FROM product_categories pc WHERE pc.category_id = wanted.category_id AND pc.is_active AND ($2::numeric IS NULL OR pc.price >= $2) AND ($3::numeric IS NULL OR pc.price <= $3) AND ($4::text IS NULL OR pc.name ILIKE $5 OR EXISTS (SELECT 1 FROM products ps WHERE ps.id = pc.product_id AND ps.search_vector @@ product_search_query($6::text, $4))) AND ($7::boolean IS NULL OR EXISTS (SELECT 1 FROM products ps WHERE ps.id = pc.product_id AND (ps.stock > 0) = $7)) AND ($8::bigint IS NULL OR (pc.created_at, pc.product_id) < ($9::timestamptz, $8)) ORDER BY pc.created_at DESC, pc.product_id DESC LIMIT $10 ) link ORDER BY link.created_at DESC, link.product_id DESC LIMIT $10 ) page JOIN products p ON p.id = page.product_id CROSS JOIN LATERAL ( SELECT COALESCE(array_agg(c.id ORDER BY c.name, c.id), '{}') AS category_ids, COALESCE(array_agg(c.name ORDER BY c.name, c.id), '{}') AS category_names, COALESCE(array_agg(c.slug ORDER BY c.name, c.id), '{}') AS category_slugs FROM product_categories pc JOIN categories c ON c.id = pc.category_id WHERE pc.product_id = p.id ) cat ORDER BY p.created_at DESC, p.id DESC",
        None,
    )
}
impl ListProductsInCategoriesByNewestStmt {
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
        T1: crate::ArraySql<Item = i64>,
        T2: crate::StringSql,
        T3: crate::StringSql,
        T4: crate::StringSql,
    >(
        &'s self,
        client: &'c C,
        category_ids: &'a T1,
        min_price: &'a Option<rust_decimal::Decimal>,
        max_price: &'a Option<rust_decimal::Decimal>,
        search_q: &'a Option<T2>,
        name_pattern: &'a Option<T3>,
        search_config: &'a T4,
        in_stock: &'a Option<bool>,
        after_id: &'a Option<i64>,
        after_created: &'a Option<chrono::DateTime<chrono::FixedOffset>>,
        limit: &'a i64,
    ) -> ListedProductQuery<'c, 'a, 's, C, ListedProduct, 10> {
        ListedProductQuery {
            client,
            params: [
                category_ids,
                min_price,
                max_price,
                search_q,
                name_pattern,
                search_config,
                in_stock,
                after_id,
                after_created,
                limit,
            ],
            query: self.0,
            cached: self.1.as_ref(),
            extractor:
                |row: &tokio_postgres::Row| -> Result<ListedProductBorrowed, tokio_postgres::Error> {
                    Ok(ListedProductBorrowed {
                        id: row.try_get(0)?,
                        name: row.try_get(1)?,
                        slug: row.try_get(2)?,
                        description: row.try_get(3)?,
                        price: row.try_get(4)?,
                        stock: row.try_get(5)?,
                        is_active: row.try_get(6)?,
                        created_at: row.try_get(7)?,
                        updated_at: row.try_get(8)?,
                        category_ids: row.try_get(9)?,
                        category_names: row.try_get(10)?,
                        category_slugs: row.try_get(11)?,
                    })
                },
            mapper: |it| ListedProduct::from(it),
        }
    }
}
impl<
    'c,
    'a,
    's,
    C: GenericClient,
    T1: crate::ArraySql<Item = i64>,
    T2: crate::StringSql,
    T3: crate::StringSql,
    T4: crate::StringSql,
>
    crate::client::async_::Params<
        'c,
        'a,
        's,
        ListProductsInCategoriesByNewestParams<T1, T2, T3, T4>,
        ListedProductQuery<'c, 'a, 's, C, ListedProduct, 10>,
        C,
    > for ListProductsInCategoriesByNewestStmt
{
    fn params(
        &'s self,
        client: &'c C,
        params: &'a ListProductsInCategoriesByNewestParams<T1, T2, T3, T4>,
    ) -> ListedProductQuery<'c, 'a, 's, C, ListedProduct, 10> {
        self.bind(
            client,
            &params.category_ids,
            &params.min_price,
            &params.max_price,
            &params.search_q,
            &params.name_pattern,
            &params.search_config,
            &params.in_stock,
            &params.after_id,
            &params.after_created,
            &params.limit,
        )
    }
}
pub struct ListProductsInCategoriesByOldestStmt(&'static str, Option<tokio_postgres::Statement>);
/// A page of active products in any of `category_ids`, oldest first; the cursor is the last (created_at, id).
pub fn list_products_in_categories_by_oldest() -> ListProductsInCategoriesByOldestStmt {
    ListProductsInCategoriesByOldestStmt(
        "SELECT p.id, p.name, p.slug, p.description, p.price, p.stock, p.is_active, p.created_at, p.updated_at, cat.category_ids, cat.category_names, cat.category_slugs FROM ( SELECT DISTINCT ON (link.created_at, link.product_id) link.product_id FROM unnest($1::bigint[]) AS wanted (category_id) CROSS JOIN LATERAL ( SELECT pc.product_id, pc.created_at FROM product_categories pc WHERE pc.category_id = wanted.category_id AND pc.is_active AND ($2::numeric IS NULL OR pc.price >= $2) AND ($3::numeric IS NULL OR pc.price <= $3) AND ($4::text IS NULL OR pc.name ILIKE $5 OR EXISTS (SELECT 1 FROM products ps WHERE ps.id = pc.product_id AND ps.search_vector @@ product_search_query($6::text, $4))) AND ($7::boolean IS NULL OR EXISTS (SELECT 1 FROM products ps WHERE ps.id = pc.product_id AND (ps.stock > 0) = $7)) AND ($8::bigint IS NULL OR (pc.created_at, pc.product_id) > ($9::timestamptz, $8)) ORDER BY pc.created_at, pc.product_id LIMIT $10 ) link ORDER BY link.created_at, link.product_id LIMIT $10 ) page JOIN products p ON p.id = page.product_id CROSS JOIN LATERAL ( SELECT COALESCE(array_agg(c.id ORDER BY c.name, c.id), '{}') AS category_ids, COALESCE(array_agg(c.name ORDER BY c.name, c.id), '{}') AS category_names, COALESCE(array_agg(c.slug ORDER BY c.name, c.id), '{}') AS category_slugs FROM product_categories pc JOIN categories c ON c.id = pc.category_id WHERE pc.product_id = p.id ) cat ORDER BY p.created_at, p.id",
        None,
    )
}
impl ListProductsInCategoriesByOldestStmt {
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
        T1: crate::ArraySql<Item = i64>,
        T2: crate::StringSql,
        T3: crate::StringSql,
        T4: crate::StringSql,
    >(
        &'s self,
        client: &'c C,
        category_ids: &'a T1,
        min_price: &'a Option<rust_decimal::Decimal>,
        max_price: &'a Option<rust_decimal::Decimal>,
        search_q: &'a Option<T2>,
        name_pattern: &'a Option<T3>,
        search_config: &'a T4,
        in_stock: &'a Option<bool>,
        after_id: &'a Option<i64>,
        after_created: &'a Option<chrono::DateTime<chrono::FixedOffset>>,
        limit: &'a i64,
    ) -> ListedProductQuery<'c, 'a, 's, C, ListedProduct, 10> {
        ListedProductQuery {
            client,
            params: [
                category_ids,
                min_price,
                max_price,
                search_q,
                name_pattern,
                search_config,
                in_stock,
                after_id,
                after_created,
                limit,
            ],
            query: self.0,
            cached: self.1.as_ref(),
            extractor:
                |row: &tokio_postgres::Row| -> Result<ListedProductBorrowed, tokio_postgres::Error> {
                    Ok(ListedProductBorrowed {
                        id: row.try_get(0)?,
                        name: row.try_get(1)?,
                        slug: row.try_get(2)?,
                        description: row.try_get(3)?,
                        price: row.try_get(4)?,
                        stock: row.try_get(5)?,
                        is_active: row.try_get(6)?,
                        created_at: row.try_get(7)?,
                        updated_at: row.try_get(8)?,
                        category_ids: row.try_get(9)?,
                        category_names: row.try_get(10)?,
                        category_slugs: row.try_get(11)?,
                    })
                },
            mapper: |it| ListedProduct::from(it),
        }
    }
}
impl<
    'c,
    'a,
    's,
    C: GenericClient,
    T1: crate::ArraySql<Item = i64>,
    T2: crate::StringSql,
    T3: crate::StringSql,
    T4: crate::StringSql,
>
    crate::client::async_::Params<
        'c,
        'a,
        's,
        ListProductsInCategoriesByOldestParams<T1, T2, T3, T4>,
        ListedProductQuery<'c, 'a, 's, C, ListedProduct, 10>,
        C,
    > for ListProductsInCategoriesByOldestStmt
{
    fn params(
        &'s self,
        client: &'c C,
        params: &'a ListProductsInCategoriesByOldestParams<T1, T2, T3, T4>,
    ) -> ListedProductQuery<'c, 'a, 's, C, ListedProduct, 10> {
        self.bind(
            client,
            &params.category_ids,
            &params.min_price,
            &params.max_price,
            &params.search_q,
            &params.name_pattern,
            &params.search_config,
            &params.in_stock,
            &params.after_id,
            &params.after_created,
            &params.limit,
        )
    }
}
pub struct ListProductsInCategoriesByPriceAscStmt(&'static str, Option<tokio_postgres::Statement>);
/// A page of active products in any of `category_ids`, cheapest first; the cursor is the last (price, id).
pub fn list_products_in_categories_by_price_asc() -> ListProductsInCategoriesByPriceAscStmt {
    ListProductsInCategoriesByPriceAscStmt(
        "SELECT p.id, p.name, p.slug, p.description, p.price, p.stock, p.is_active, p.created_at, p.updated_at, cat.category_ids, cat.category_names, cat.category_slugs FROM ( SELECT DISTINCT ON (link.price, link.product_id) link.product_id FROM unnest($1::bigint[]) AS wanted (category_id) CROSS JOIN LATERAL ( SELECT pc.product_id, pc.price FROM product_categories pc WHERE pc.category_id = wanted.category_id AND pc.is_active AND ($2::numeric IS NULL OR pc.price >= $2) AND ($3::numeric IS NULL OR pc.price <= $3) AND ($4::text IS NULL OR pc.name ILIKE $5 OR EXISTS (SELECT 1 FROM products ps WHERE ps.id = pc.product_id AND ps.search_vector @@ product_search_query($6::text, $4))) AND ($7::boolean IS NULL OR EXISTS (SELECT 1 FROM products ps WHERE ps.id = pc.product_id AND (ps.stock > 0) = $7)) AND ($8::bigint IS NULL OR (pc.price, pc.product_id) > ($9::numeric, $8)) ORDER BY pc.price, pc.product_id LIMIT $10 ) link ORDER BY link.price, link.product_id LIMIT $10 ) page JOIN products p ON p.id = page.product_id CROSS JOIN LATERAL ( SELECT COALESCE(array_agg(c.id ORDER BY c.name, c.id), '{}') AS category_ids, COALESCE(array_agg(c.name ORDER BY c.name, c.id), '{}') AS category_names, COALESCE(array_agg(c.slug ORDER BY c.name, c.id), '{}') AS category_slugs FROM product_categories pc JOIN categories c ON c.id = pc.category_id WHERE pc.product_id = p.id ) cat ORDER BY p.price, p.id",
        None,
    )
}
impl ListProductsInCategoriesByPriceAscStmt {
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
        T1: crate::ArraySql<Item = i64>,
        T2: crate::StringSql,
        T3: crate::StringSql,
        T4: crate::StringSql,
    >(
        &'s self,
        client: &'c C,
        category_ids: &'a T1,
        min_price: &'a Option<rust_decimal::Decimal>,
        max_price: &'a Option<rust_decimal::Decimal>,
        search_q: &'a Option<T2>,
        name_pattern: &'a Option<T3>,
        search_config: &'a T4,
        in_stock: &'a Option<bool>,
        after_id: &'a Option<i64>,
        after_price: &'a Option<rust_decimal::Decimal>,
        limit: &'a i64,
    ) -> ListedProductQuery<'c, 'a, 's, C, ListedProduct, 10> {
        ListedProductQuery {
            client,
            params: [
                category_ids,
                min_price,
                max_price,
                search_q,
                name_pattern,
                search_config,
                in_stock,
                after_id,
                after_price,
                limit,
            ],
            query: self.0,
            cached: self.1.as_ref(),
            extractor:
                |row: &tokio_postgres::Row| -> Result<ListedProductBorrowed, tokio_postgres::Error> {
                    Ok(ListedProductBorrowed {
                        id: row.try_get(0)?,
                        name: row.try_get(1)?,
                        slug: row.try_get(2)?,
                        description: row.try_get(3)?,
                        price: row.try_get(4)?,
                        stock: row.try_get(5)?,
                        is_active: row.try_get(6)?,
                        created_at: row.try_get(7)?,
                        updated_at: row.try_get(8)?,
                        category_ids: row.try_get(9)?,
                        category_names: row.try_get(10)?,
                        category_slugs: row.try_get(11)?,
                    })
                },
            mapper: |it| ListedProduct::from(it),
        }
    }
}
impl<
    'c,
    'a,
    's,
    C: GenericClient,
    T1: crate::ArraySql<Item = i64>,
    T2: crate::StringSql,
    T3: crate::StringSql,
    T4: crate::StringSql,
>
    crate::client::async_::Params<
        'c,
        'a,
        's,
        ListProductsInCategoriesByPriceAscParams<T1, T2, T3, T4>,
        ListedProductQuery<'c, 'a, 's, C, ListedProduct, 10>,
        C,
    > for ListProductsInCategoriesByPriceAscStmt
{
    fn params(
        &'s self,
        client: &'c C,
        params: &'a ListProductsInCategoriesByPriceAscParams<T1, T2, T3, T4>,
    ) -> ListedProductQuery<'c, 'a, 's, C, ListedProduct, 10> {
        self.bind(
            client,
            &params.category_ids,
            &params.min_price,
            &params.max_price,
            &params.search_q,
            &params.name_pattern,
            &params.search_config,
            &params.in_stock,
            &params.after_id,
            &params.after_price,
            &params.limit,
        )
    }
}
pub struct ListProductsInCategoriesByPriceDescStmt(&'static str, Option<tokio_postgres::Statement>);
/// A page of active products in any of `category_ids`, dearest first; the cursor is the last (price, id).
pub fn list_products_in_categories_by_price_desc() -> ListProductsInCategoriesByPriceDescStmt {
    ListProductsInCategoriesByPriceDescStmt(
        "SELECT p.id, p.name, p.slug, p.description, p.price, p.stock, p.is_active, p.created_at, p.updated_at, cat.category_ids, cat.category_names, cat.category_slugs FROM ( SELECT DISTINCT ON (link.price, link.product_id) link.product_id FROM unnest($1::bigint[]) AS wanted (category_id) CROSS JOIN LATERAL ( SELECT pc.product_id, pc.price FROM product_categories pc WHERE pc.category_id = wanted.category_id AND pc.is_active AND ($2::numeric IS NULL OR pc.price >= $2) AND ($3::numeric IS NULL OR pc.price <= $3) AND ($4::text IS NULL OR pc.name ILIKE $5 OR EXISTS (SELECT 1 FROM products ps WHERE ps.id = pc.product_id AND ps.search_vector @@ product_search_query($6::text, $4))) AND ($7::boolean IS NULL OR EXISTS (SELECT 1 FROM products ps WHERE ps.id = pc.product_id AND (ps.stock > 0) = $7)) AND ($8::bigint IS NULL OR (pc.price, pc.product_id) < ($9::numeric, $8)) ORDER BY pc.price DESC, pc.product_id DESC LIMIT $10 ) link ORDER BY link.price DESC, link.product_id DESC LIMIT $10 ) page JOIN products p ON p.id = page.product_id CROSS JOIN LATERAL ( SELECT COALESCE(array_agg(c.id ORDER BY c.name, c.id), '{}') AS category_ids, COALESCE(array_agg(c.name ORDER BY c.name, c.id), '{}') AS category_names, COALESCE(array_agg(c.slug ORDER BY c.name, c.id), '{}') AS category_slugs FROM product_categories pc JOIN categories c ON c.id = pc.category_id WHERE pc.product_id = p.id ) cat ORDER BY p.price DESC, p.id DESC",
        None,
    )
}
impl ListProductsInCategoriesByPriceDescStmt {
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
        T1: crate::ArraySql<Item = i64>,
        T2: crate::StringSql,
        T3: crate::StringSql,
        T4: crate::StringSql,
    >(
        &'s self,
        client: &'c C,
        category_ids: &'a T1,
        min_price: &'a Option<rust_decimal::Decimal>,
        max_price: &'a Option<rust_decimal::Decimal>,
        search_q: &'a Option<T2>,
        name_pattern: &'a Option<T3>,
        search_config: &'a T4,
        in_stock: &'a Option<bool>,
        after_id: &'a Option<i64>,
        after_price: &'a Option<rust_decimal::Decimal>,
        limit: &'a i64,
    ) -> ListedProductQuery<'c, 'a, 's, C, ListedProduct, 10> {
        ListedProductQuery {
            client,
            params: [
                category_ids,
                min_price,
                max_price,
                search_q,
                name_pattern,
                search_config,
                in_stock,
                after_id,
                after_price,
                limit,
            ],
            query: self.0,
            cached: self.1.as_ref(),
            extractor:
                |row: &tokio_postgres::Row| -> Result<ListedProductBorrowed, tokio_postgres::Error> {
                    Ok(ListedProductBorrowed {
                        id: row.try_get(0)?,
                        name: row.try_get(1)?,
                        slug: row.try_get(2)?,
                        description: row.try_get(3)?,
                        price: row.try_get(4)?,
                        stock: row.try_get(5)?,
                        is_active: row.try_get(6)?,
                        created_at: row.try_get(7)?,
                        updated_at: row.try_get(8)?,
                        category_ids: row.try_get(9)?,
                        category_names: row.try_get(10)?,
                        category_slugs: row.try_get(11)?,
                    })
                },
            mapper: |it| ListedProduct::from(it),
        }
    }
}
impl<
    'c,
    'a,
    's,
    C: GenericClient,
    T1: crate::ArraySql<Item = i64>,
    T2: crate::StringSql,
    T3: crate::StringSql,
    T4: crate::StringSql,
>
    crate::client::async_::Params<
        'c,
        'a,
        's,
        ListProductsInCategoriesByPriceDescParams<T1, T2, T3, T4>,
        ListedProductQuery<'c, 'a, 's, C, ListedProduct, 10>,
        C,
    > for ListProductsInCategoriesByPriceDescStmt
{
    fn params(
        &'s self,
        client: &'c C,
        params: &'a ListProductsInCategoriesByPriceDescParams<T1, T2, T3, T4>,
    ) -> ListedProductQuery<'c, 'a, 's, C, ListedProduct, 10> {
        self.bind(
            client,
            &params.category_ids,
            &params.min_price,
            &params.max_price,
            &params.search_q,
            &params.name_pattern,
            &params.search_config,
            &params.in_stock,
            &params.after_id,
            &params.after_price,
            &params.limit,
        )
    }
}
pub struct ListProductsInCategoriesByNameAscStmt(&'static str, Option<tokio_postgres::Statement>);
/// A page of active products in any of `category_ids`, by name A→Z; the cursor is the last (name, id).
pub fn list_products_in_categories_by_name_asc() -> ListProductsInCategoriesByNameAscStmt {
    ListProductsInCategoriesByNameAscStmt(
        "SELECT p.id, p.name, p.slug, p.description, p.price, p.stock, p.is_active, p.created_at, p.updated_at, cat.category_ids, cat.category_names, cat.category_slugs FROM ( SELECT DISTINCT ON (link.name, link.product_id) link.product_id FROM unnest($1::bigint[]) AS wanted (category_id) CROSS JOIN LATERAL ( SELECT pc.product_id, pc.name FROM product_categories pc WHERE pc.category_id = wanted.category_id AND pc.is_active AND ($2::numeric IS NULL OR pc.price >= $2) AND ($3::numeric IS NULL OR pc.price <= $3) AND ($4::text IS NULL OR pc.name ILIKE $5 OR EXISTS (SELECT 1 FROM products ps WHERE ps.id = pc.product_id AND ps.search_vector @@ product_search_query($6::text, $4))) AND ($7::boolean IS NULL OR EXISTS (SELECT 1 FROM products ps WHERE ps.id = pc.product_id AND (ps.stock > 0) = $7)) AND ($8::bigint IS NULL OR (pc.name, pc.product_id) > ($9::text, $8)) ORDER BY pc.name, pc.product_id LIMIT $10 ) link ORDER BY link.name, link.product_id LIMIT $10 ) page JOIN products p ON p.id = page.product_id CROSS JOIN LATERAL ( SELECT COALESCE(array_agg(c.id ORDER BY c.name, c.id), '{}') AS category_ids, COALESCE(array_agg(c.name ORDER BY c.name, c.id), '{}') AS category_names, COALESCE(array_agg(c.slug ORDER BY c.name, c.id), '{}') AS category_slugs FROM product_categories pc JOIN categories c ON c.id = pc.category_id WHERE pc.product_id = p.id ) cat ORDER BY p.name, p.id",
        None,
    )
}
impl ListProductsInCategoriesByNameAscStmt {
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
        T1: crate::ArraySql<Item = i64>,
        T2: crate::StringSql,
        T3: crate::StringSql,
        T4: crate::StringSql,
        T5: crate::StringSql,
    >(
        &'s self,
        client: &'c C,
        category_ids: &'a T1,
        min_price: &'a Option<rust_decimal::Decimal>,
        max_price: &'a Option<rust_decimal::Decimal>,
        search_q: &'a Option<T2>,
        name_pattern: &'a Option<T3>,
        search_config: &'a T4,
        in_stock: &'a Option<bool>,
        after_id: &'a Option<i64>,
        after_name: &'a Option<T5>,
        limit: &'a i64,
    ) -> ListedProductQuery<'c, 'a, 's, C, ListedProduct, 10> {
        ListedProductQuery {
            client,
            params: [
                category_ids,
                min_price,
                max_price,
                search_q,
                name_pattern,
                search_config,
                in_stock,
                after_id,
                after_name,
                limit,
            ],
            query: self.0,
            cached: self.1.as_ref(),
            extractor:
                |row: &tokio_postgres::Row| -> Result<ListedProductBorrowed, tokio_postgres::Error> {
                    Ok(ListedProductBorrowed {
                        id: row.try_get(0)?,
                        name: row.try_get(1)?,
                        slug: row.try_get(2)?,
                        description: row.try_get(3)?,
                        price: row.try_get(4)?,
                        stock: row.try_get(5)?,
                        is_active: row.try_get(6)?,
                        created_at: row.try_get(7)?,
                        updated_at: row.try_get(8)?,
                        category_ids: row.try_get(9)?,
                        category_names: row.try_get(10)?,
                        category_slugs: row.try_get(11)?,
                    })
                },
            mapper: |it| ListedProduct::from(it),
        }
    }
}
impl<
    'c,
    'a,
    's,
    C: GenericClient,
    T1: crate::ArraySql<Item = i64>,
    T2: crate::StringSql,
    T3: crate::StringSql,
    T4: crate::StringSql,
    T5: crate::StringSql,
>
    crate::client::async_::Params<
        'c,
        'a,
        's,
        ListProductsInCategoriesByNameAscParams<T1, T2, T3, T4, T5>,
        ListedProductQuery<'c, 'a, 's, C, ListedProduct, 10>,
        C,
    > for ListProductsInCategoriesByNameAscStmt
{
    fn params(
        &'s self,
        client: &'c C,
        params: &'a ListProductsInCategoriesByNameAscParams<T1, T2, T3, T4, T5>,
    ) -> ListedProductQuery<'c, 'a, 's, C, ListedProduct, 10> {
        self.bind(
            client,
            &params.category_ids,
            &params.min_price,
            &params.max_price,
            &params.search_q,
            &params.name_pattern,
            &params.search_config,
            &params.in_stock,
            &params.after_id,
            &params.after_name,
            &params.limit,
        )
    }
}
pub struct ListProductsInCategoriesByNameDescStmt(&'static str, Option<tokio_postgres::Statement>);
/// A page of active products in any of `category_ids`, by name Z→A; the cursor is the last (name, id).
pub fn list_products_in_categories_by_name_desc() -> ListProductsInCategoriesByNameDescStmt {
    ListProductsInCategoriesByNameDescStmt(
        "SELECT p.id, p.name, p.slug, p.description, p.price, p.stock, p.is_active, p.created_at, p.updated_at, cat.category_ids, cat.category_names, cat.category_slugs FROM ( SELECT DISTINCT ON (link.name, link.product_id) link.product_id FROM unnest($1::bigint[]) AS wanted (category_id) CROSS JOIN LATERAL ( SELECT pc.product_id, pc.name FROM product_categories pc WHERE pc.category_id = wanted.category_id AND pc.is_active AND ($2::numeric IS NULL OR pc.price >= $2) AND ($3::numeric IS NULL OR pc.price <= $3) AND ($4::text IS NULL OR pc.name ILIKE $5 OR EXISTS (SELECT 1 FROM products ps WHERE ps.id = pc.product_id AND ps.search_vector @@ product_search_query($6::text, $4))) AND ($7::boolean IS NULL OR EXISTS (SELECT 1 FROM products ps WHERE ps.id = pc.product_id AND (ps.stock > 0) = $7)) AND ($8::bigint IS NULL OR (pc.name, pc.product_id) < ($9::text, $8)) ORDER BY pc.name DESC, pc.product_id DESC LIMIT $10 ) link ORDER BY link.name DESC, link.product_id DESC LIMIT $10 ) page JOIN products p ON p.id = page.product_id CROSS JOIN LATERAL ( SELECT COALESCE(array_agg(c.id ORDER BY c.name, c.id), '{}') AS category_ids, COALESCE(array_agg(c.name ORDER BY c.name, c.id), '{}') AS category_names, COALESCE(array_agg(c.slug ORDER BY c.name, c.id), '{}') AS category_slugs FROM product_categories pc JOIN categories c ON c.id = pc.category_id WHERE pc.product_id = p.id ) cat ORDER BY p.name DESC, p.id DESC",
        None,
    )
}
impl ListProductsInCategoriesByNameDescStmt {
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
        T1: crate::ArraySql<Item = i64>,
        T2: crate::StringSql,
        T3: crate::StringSql,
        T4: crate::StringSql,
        T5: crate::StringSql,
    >(
        &'s self,
        client: &'c C,
        category_ids: &'a T1,
        min_price: &'a Option<rust_decimal::Decimal>,
        max_price: &'a Option<rust_decimal::Decimal>,
        search_q: &'a Option<T2>,
        name_pattern: &'a Option<T3>,
        search_config: &'a T4,
        in_stock: &'a Option<bool>,
        after_id: &'a Option<i64>,
        after_name: &'a Option<T5>,
        limit: &'a i64,
    ) -> ListedProductQuery<'c, 'a, 's, C, ListedProduct, 10> {
        ListedProductQuery {
            client,
            params: [
                category_ids,
                min_price,
                max_price,
                search_q,
                name_pattern,
                search_config,
                in_stock,
                after_id,
                after_name,
                limit,
            ],
            query: self.0,
            cached: self.1.as_ref(),
            extractor:
                |row: &tokio_postgres::Row| -> Result<ListedProductBorrowed, tokio_postgres::Error> {
                    Ok(ListedProductBorrowed {
                        id: row.try_get(0)?,
                        name: row.try_get(1)?,
                        slug: row.try_get(2)?,
                        description: row.try_get(3)?,
                        price: row.try_get(4)?,
                        stock: row.try_get(5)?,
                        is_active: row.try_get(6)?,
                        created_at: row.try_get(7)?,
                        updated_at: row.try_get(8)?,
                        category_ids: row.try_get(9)?,
                        category_names: row.try_get(10)?,
                        category_slugs: row.try_get(11)?,
                    })
                },
            mapper: |it| ListedProduct::from(it),
        }
    }
}
impl<
    'c,
    'a,
    's,
    C: GenericClient,
    T1: crate::ArraySql<Item = i64>,
    T2: crate::StringSql,
    T3: crate::StringSql,
    T4: crate::StringSql,
    T5: crate::StringSql,
>
    crate::client::async_::Params<
        'c,
        'a,
        's,
        ListProductsInCategoriesByNameDescParams<T1, T2, T3, T4, T5>,
        ListedProductQuery<'c, 'a, 's, C, ListedProduct, 10>,
        C,
    > for ListProductsInCategoriesByNameDescStmt
{
    fn params(
        &'s self,
        client: &'c C,
        params: &'a ListProductsInCategoriesByNameDescParams<T1, T2, T3, T4, T5>,
    ) -> ListedProductQuery<'c, 'a, 's, C, ListedProduct, 10> {
        self.bind(
            client,
            &params.category_ids,
            &params.min_price,
            &params.max_price,
            &params.search_q,
            &params.name_pattern,
            &params.search_config,
            &params.in_stock,
            &params.after_id,
            &params.after_name,
            &params.limit,
        )
    }
}
pub struct CountProductsWithSlugPrefixStmt(&'static str, Option<tokio_postgres::Statement>);
/// How many products have a slug starting with a prefix (bulk seeding resumes from there).
pub fn count_products_with_slug_prefix() -> CountProductsWithSlugPrefixStmt {
    CountProductsWithSlugPrefixStmt(
        "SELECT count(*) AS count FROM products WHERE starts_with(slug, $1)",
        None,
    )
}
impl CountProductsWithSlugPrefixStmt {
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
pub struct MaxProductIdStmt(&'static str, Option<tokio_postgres::Statement>);
/// The highest product id so far (bulk seeding links only the rows it copied).
pub fn max_product_id() -> MaxProductIdStmt {
    MaxProductIdStmt(
        "SELECT COALESCE(max(id), 0)::bigint AS max_id FROM products",
        None,
    )
}
impl MaxProductIdStmt {
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
pub struct LinkBulkProductsStmt(&'static str, Option<tokio_postgres::Statement>);
/// Bulk seeding: gives each product with id in (from_id, to_id] one to three of
/// the given categories, chosen deterministically from its id.
pub fn link_bulk_products() -> LinkBulkProductsStmt {
    LinkBulkProductsStmt(
        "INSERT INTO product_categories (product_id, category_id) SELECT p.id, ($1::bigint[])[1 + ((p.id * 7 + k * 61) % cardinality($1::bigint[]))] FROM products p CROSS JOIN generate_series(0, 2) AS k WHERE p.id > $2 AND p.id <= $3 AND k <= p.id % 3 ON CONFLICT DO NOTHING",
        None,
    )
}
impl LinkBulkProductsStmt {
    pub async fn prepare<'a, C: GenericClient>(
        mut self,
        client: &'a C,
    ) -> Result<Self, tokio_postgres::Error> {
        self.1 = Some(client.prepare(self.0).await?);
        Ok(self)
    }
    pub async fn bind<'c, 'a, 's, C: GenericClient, T1: crate::ArraySql<Item = i64>>(
        &'s self,
        client: &'c C,
        category_ids: &'a T1,
        from_id: &'a i64,
        to_id: &'a i64,
    ) -> Result<u64, tokio_postgres::Error> {
        client
            .execute(self.0, &[category_ids, from_id, to_id])
            .await
    }
}
impl<'a, C: GenericClient + Send + Sync, T1: crate::ArraySql<Item = i64>>
    crate::client::async_::Params<
        'a,
        'a,
        'a,
        LinkBulkProductsParams<T1>,
        std::pin::Pin<
            Box<dyn futures::Future<Output = Result<u64, tokio_postgres::Error>> + Send + 'a>,
        >,
        C,
    > for LinkBulkProductsStmt
{
    fn params(
        &'a self,
        client: &'a C,
        params: &'a LinkBulkProductsParams<T1>,
    ) -> std::pin::Pin<
        Box<dyn futures::Future<Output = Result<u64, tokio_postgres::Error>> + Send + 'a>,
    > {
        Box::pin(self.bind(client, &params.category_ids, &params.from_id, &params.to_id))
    }
}
pub struct VacuumCatalogStmt(&'static str, Option<tokio_postgres::Statement>);
/// After a bulk load: planner statistics, and what autovacuum would do later
/// (hint bits and the visibility map, so index-only scans of the category
/// links skip the heap). Cannot run inside a transaction.
pub fn vacuum_catalog() -> VacuumCatalogStmt {
    VacuumCatalogStmt(
        "VACUUM (ANALYZE) categories, products, product_categories",
        None,
    )
}
impl VacuumCatalogStmt {
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
pub struct FindProductStocksStmt(&'static str, Option<tokio_postgres::Statement>);
/// Current stock of the given products: cached catalog pages carry everything
/// but stock, which orders change all the time, and overlay it from here.
pub fn find_product_stocks() -> FindProductStocksStmt {
    FindProductStocksStmt(
        "SELECT id, stock FROM products WHERE id = ANY($1::bigint[])",
        None,
    )
}
impl FindProductStocksStmt {
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
        ids: &'a T1,
    ) -> FindProductStocksQuery<'c, 'a, 's, C, FindProductStocks, 1> {
        FindProductStocksQuery {
            client,
            params: [ids],
            query: self.0,
            cached: self.1.as_ref(),
            extractor:
                |row: &tokio_postgres::Row| -> Result<FindProductStocks, tokio_postgres::Error> {
                    Ok(FindProductStocks {
                        id: row.try_get(0)?,
                        stock: row.try_get(1)?,
                    })
                },
            mapper: |it| FindProductStocks::from(it),
        }
    }
}
