// This file was generated with `cornucopia`. Do not modify.

#[derive(Debug)]
pub struct SearchProductsByRelevanceParams<
    T1: crate::StringSql,
    T2: crate::StringSql,
    T3: crate::StringSql,
    T4: crate::ArraySql<Item = i64>,
> {
    pub search_config: T1,
    pub search_q: T2,
    pub name_pattern: Option<T3>,
    pub min_price: Option<rust_decimal::Decimal>,
    pub max_price: Option<rust_decimal::Decimal>,
    pub in_stock: Option<bool>,
    pub category_ids: Option<T4>,
    pub after_id: Option<i64>,
    pub after_rank: Option<f32>,
    pub limit: i64,
}
#[derive(Debug)]
pub struct ProductFacetsParams<
    T1: crate::ArraySql<Item = i64>,
    T2: crate::StringSql,
    T3: crate::StringSql,
    T4: crate::StringSql,
    T5: crate::ArraySql<Item = rust_decimal::Decimal>,
> {
    pub category_ids: Option<T1>,
    pub min_price: Option<rust_decimal::Decimal>,
    pub max_price: Option<rust_decimal::Decimal>,
    pub in_stock: Option<bool>,
    pub search_q: Option<T2>,
    pub name_pattern: Option<T3>,
    pub search_config: T4,
    pub price_bounds: T5,
}
#[derive(Debug, Clone, PartialEq)]
pub struct RankedProduct {
    pub id: i64,
    pub name: String,
    pub slug: String,
    pub description: String,
    pub price: rust_decimal::Decimal,
    pub stock: i32,
    pub is_active: bool,
    pub created_at: chrono::DateTime<chrono::FixedOffset>,
    pub updated_at: chrono::DateTime<chrono::FixedOffset>,
    pub rank: f32,
    pub category_ids: Vec<i64>,
    pub category_names: Vec<String>,
    pub category_slugs: Vec<String>,
}
pub struct RankedProductBorrowed<'a> {
    pub id: i64,
    pub name: &'a str,
    pub slug: &'a str,
    pub description: &'a str,
    pub price: rust_decimal::Decimal,
    pub stock: i32,
    pub is_active: bool,
    pub created_at: chrono::DateTime<chrono::FixedOffset>,
    pub updated_at: chrono::DateTime<chrono::FixedOffset>,
    pub rank: f32,
    pub category_ids: crate::ArrayIterator<'a, i64>,
    pub category_names: crate::ArrayIterator<'a, &'a str>,
    pub category_slugs: crate::ArrayIterator<'a, &'a str>,
}
impl<'a> From<RankedProductBorrowed<'a>> for RankedProduct {
    fn from(
        RankedProductBorrowed {
            id,
            name,
            slug,
            description,
            price,
            stock,
            is_active,
            created_at,
            updated_at,
            rank,
            category_ids,
            category_names,
            category_slugs,
        }: RankedProductBorrowed<'a>,
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
            rank,
            category_ids: category_ids.map(|v| v).collect(),
            category_names: category_names.map(|v| v.into()).collect(),
            category_slugs: category_slugs.map(|v| v.into()).collect(),
        }
    }
}
#[derive(Debug, Clone, PartialEq)]
pub struct FacetCount {
    pub facet: String,
    pub key: i64,
    pub name: Option<String>,
    pub count: i64,
}
pub struct FacetCountBorrowed<'a> {
    pub facet: &'a str,
    pub key: i64,
    pub name: Option<&'a str>,
    pub count: i64,
}
impl<'a> From<FacetCountBorrowed<'a>> for FacetCount {
    fn from(
        FacetCountBorrowed {
            facet,
            key,
            name,
            count,
        }: FacetCountBorrowed<'a>,
    ) -> Self {
        Self {
            facet: facet.into(),
            key,
            name: name.map(|v| v.into()),
            count,
        }
    }
}
use crate::client::async_::GenericClient;
use futures::{self, StreamExt, TryStreamExt};
pub struct StringQuery<'c, 'a, 's, C: GenericClient, T, const N: usize> {
    client: &'c C,
    params: [&'a (dyn postgres_types::ToSql + Sync); N],
    query: &'static str,
    cached: Option<&'s tokio_postgres::Statement>,
    extractor: fn(&tokio_postgres::Row) -> Result<&str, tokio_postgres::Error>,
    mapper: fn(&str) -> T,
}
impl<'c, 'a, 's, C, T: 'c, const N: usize> StringQuery<'c, 'a, 's, C, T, N>
where
    C: GenericClient,
{
    pub fn map<R>(self, mapper: fn(&str) -> R) -> StringQuery<'c, 'a, 's, C, R, N> {
        StringQuery {
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
pub struct RankedProductQuery<'c, 'a, 's, C: GenericClient, T, const N: usize> {
    client: &'c C,
    params: [&'a (dyn postgres_types::ToSql + Sync); N],
    query: &'static str,
    cached: Option<&'s tokio_postgres::Statement>,
    extractor: fn(&tokio_postgres::Row) -> Result<RankedProductBorrowed, tokio_postgres::Error>,
    mapper: fn(RankedProductBorrowed) -> T,
}
impl<'c, 'a, 's, C, T: 'c, const N: usize> RankedProductQuery<'c, 'a, 's, C, T, N>
where
    C: GenericClient,
{
    pub fn map<R>(
        self,
        mapper: fn(RankedProductBorrowed) -> R,
    ) -> RankedProductQuery<'c, 'a, 's, C, R, N> {
        RankedProductQuery {
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
pub struct FacetCountQuery<'c, 'a, 's, C: GenericClient, T, const N: usize> {
    client: &'c C,
    params: [&'a (dyn postgres_types::ToSql + Sync); N],
    query: &'static str,
    cached: Option<&'s tokio_postgres::Statement>,
    extractor: fn(&tokio_postgres::Row) -> Result<FacetCountBorrowed, tokio_postgres::Error>,
    mapper: fn(FacetCountBorrowed) -> T,
}
impl<'c, 'a, 's, C, T: 'c, const N: usize> FacetCountQuery<'c, 'a, 's, C, T, N>
where
    C: GenericClient,
{
    pub fn map<R>(
        self,
        mapper: fn(FacetCountBorrowed) -> R,
    ) -> FacetCountQuery<'c, 'a, 's, C, R, N> {
        FacetCountQuery {
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
pub struct LockSearchConfigStmt(&'static str, Option<tokio_postgres::Statement>);
/// The text search configuration of the stored vectors, locked until the end of
/// the transaction (start-up compares it with `SEARCH_LANGUAGE`).
pub fn lock_search_config() -> LockSearchConfigStmt {
    LockSearchConfigStmt(
        "SELECT config::text AS config FROM catalog_search_config FOR UPDATE",
        None,
    )
}
impl LockSearchConfigStmt {
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
    ) -> StringQuery<'c, 'a, 's, C, String, 0> {
        StringQuery {
            client,
            params: [],
            query: self.0,
            cached: self.1.as_ref(),
            extractor: |row| Ok(row.try_get(0)?),
            mapper: |it| it.into(),
        }
    }
}
pub struct SetSearchConfigStmt(&'static str, Option<tokio_postgres::Statement>);
/// Stores another text search configuration; an unknown name fails the cast.
pub fn set_search_config() -> SetSearchConfigStmt {
    SetSearchConfigStmt(
        "UPDATE catalog_search_config SET config = $1::text::regconfig",
        None,
    )
}
impl SetSearchConfigStmt {
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
        config: &'a T1,
    ) -> Result<u64, tokio_postgres::Error> {
        client.execute(self.0, &[config]).await
    }
}
pub struct RebuildSearchVectorsStmt(&'static str, Option<tokio_postgres::Statement>);
/// Recomputes every product's search vector with `config` (after `set_search_config`,
/// in its transaction). A full rewrite of products: at 1M products it takes minutes.
pub fn rebuild_search_vectors() -> RebuildSearchVectorsStmt {
    RebuildSearchVectorsStmt(
        "UPDATE products SET search_vector = product_search_vector($1::text::regconfig, name, description)",
        None,
    )
}
impl RebuildSearchVectorsStmt {
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
        config: &'a T1,
    ) -> Result<u64, tokio_postgres::Error> {
        client.execute(self.0, &[config]).await
    }
}
pub struct SearchProductsByRelevanceStmt(&'static str, Option<tokio_postgres::Statement>);
/// A page of active products matching `search_q`, best match first (`ts_rank`,
/// name weighted above description), ties broken by id descending, so the
/// cursor (rank, id) continues exactly after the last row of a page. The rank
/// is a `real` computed the same way on every page, and the cursor carries it
/// as the same `real` (`after_rank`), so the comparison is exact.
///
/// Every match is ranked (a GIN index finds matches, it has no rank order):
/// the cost grows with the number of matches, not with the page depth.
pub fn search_products_by_relevance() -> SearchProductsByRelevanceStmt {
    SearchProductsByRelevanceStmt(
        "SELECT p.id, p.name, p.slug, p.description, p.price, p.stock, p.is_active, p.created_at, p.updated_at, page.rank, cat.category_ids, cat.category_names, cat.category_slugs FROM ( SELECT m.id, m.rank FROM ( SELECT p.id, ts_rank(p.search_vector, product_search_query($1::text, $2::text)) AS rank FROM products p WHERE p.is_active AND (p.name ILIKE $3 OR p.search_vector @@ product_search_query($1::text, $2::text)) AND ($4::numeric IS NULL OR p.price >= $4) AND ($5::numeric IS NULL OR p.price <= $5) AND ($6::boolean IS NULL OR (p.stock > 0) = $6) AND ($7::bigint[] IS NULL OR EXISTS (SELECT 1 FROM product_categories pc WHERE pc.product_id = p.id AND pc.category_id = ANY($7))) ) m WHERE ($8::bigint IS NULL OR (m.rank, m.id) < ($9::real, $8)) ORDER BY m.rank DESC, m.id DESC LIMIT $10 ) page JOIN products p ON p.id = page.id CROSS JOIN LATERAL ( SELECT COALESCE(array_agg(c.id ORDER BY c.name, c.id), '{}') AS category_ids, COALESCE(array_agg(c.name ORDER BY c.name, c.id), '{}') AS category_names, COALESCE(array_agg(c.slug ORDER BY c.name, c.id), '{}') AS category_slugs FROM product_categories pc JOIN categories c ON c.id = pc.category_id WHERE pc.product_id = p.id ) cat ORDER BY page.rank DESC, page.id DESC",
        None,
    )
}
impl SearchProductsByRelevanceStmt {
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
        T4: crate::ArraySql<Item = i64>,
    >(
        &'s self,
        client: &'c C,
        search_config: &'a T1,
        search_q: &'a T2,
        name_pattern: &'a Option<T3>,
        min_price: &'a Option<rust_decimal::Decimal>,
        max_price: &'a Option<rust_decimal::Decimal>,
        in_stock: &'a Option<bool>,
        category_ids: &'a Option<T4>,
        after_id: &'a Option<i64>,
        after_rank: &'a Option<f32>,
        limit: &'a i64,
    ) -> RankedProductQuery<'c, 'a, 's, C, RankedProduct, 10> {
        RankedProductQuery {
            client,
            params: [
                search_config,
                search_q,
                name_pattern,
                min_price,
                max_price,
                in_stock,
                category_ids,
                after_id,
                after_rank,
                limit,
            ],
            query: self.0,
            cached: self.1.as_ref(),
            extractor:
                |row: &tokio_postgres::Row| -> Result<RankedProductBorrowed, tokio_postgres::Error> {
                    Ok(RankedProductBorrowed {
                        id: row.try_get(0)?,
                        name: row.try_get(1)?,
                        slug: row.try_get(2)?,
                        description: row.try_get(3)?,
                        price: row.try_get(4)?,
                        stock: row.try_get(5)?,
                        is_active: row.try_get(6)?,
                        created_at: row.try_get(7)?,
                        updated_at: row.try_get(8)?,
                        rank: row.try_get(9)?,
                        category_ids: row.try_get(10)?,
                        category_names: row.try_get(11)?,
                        category_slugs: row.try_get(12)?,
                    })
                },
            mapper: |it| RankedProduct::from(it),
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
    T4: crate::ArraySql<Item = i64>,
>
    crate::client::async_::Params<
        'c,
        'a,
        's,
        SearchProductsByRelevanceParams<T1, T2, T3, T4>,
        RankedProductQuery<'c, 'a, 's, C, RankedProduct, 10>,
        C,
    > for SearchProductsByRelevanceStmt
{
    fn params(
        &'s self,
        client: &'c C,
        params: &'a SearchProductsByRelevanceParams<T1, T2, T3, T4>,
    ) -> RankedProductQuery<'c, 'a, 's, C, RankedProduct, 10> {
        self.bind(
            client,
            &params.search_config,
            &params.search_q,
            &params.name_pattern,
            &params.min_price,
            &params.max_price,
            &params.in_stock,
            &params.category_ids,
            &params.after_id,
            &params.after_rank,
            &params.limit,
        )
    }
}
pub struct ProductFacetsStmt(&'static str, Option<tokio_postgres::Statement>);
/// Facet counts of the active products matching the list filters, one row per count:
/// `total` (every filter), `in_stock` (key 1/0; every filter but `in_stock`),
/// `price` (key = `width_bucket(price, price_bounds)`; every filter but the price
/// range) and `category` (key = category id, with its name; every filter but
/// `category`; categories with matches, plus the requested ones even at 0).
///
/// Each product is read once (`matched`), with one flag per filter, and every
/// facet counts the rows whose *other* flags hold (the disjunctive rule).
pub fn product_facets() -> ProductFacetsStmt {
    ProductFacetsStmt(
        "WITH matched AS MATERIALIZED ( SELECT p.id, p.price, p.stock > 0 AS stocked, ($1::bigint[] IS NULL OR p.id IN (SELECT pc.product_id FROM product_categories pc WHERE pc.category_id = ANY($1))) AS in_categories, (($2::numeric IS NULL OR p.price >= $2) AND ($3::numeric IS NULL OR p.price <= $3)) AS in_price, ($4::boolean IS NULL OR (p.stock > 0) = $4) AS in_stock_state FROM products p WHERE p.is_active AND ($5::text IS NULL OR p.name ILIKE $6 OR p.search_vector @@ product_search_query($7::text, $5)) ) SELECT 'total'::text AS facet, 0::bigint AS key, NULL::text AS name, count(*) AS count FROM matched WHERE in_categories AND in_price AND in_stock_state UNION ALL SELECT 'in_stock', stocked::int::bigint, NULL, count(*) FROM matched WHERE in_categories AND in_price GROUP BY stocked UNION ALL SELECT 'price', width_bucket(price, $8::numeric[])::bigint, NULL, count(*) FROM matched WHERE in_categories AND in_stock_state GROUP BY 2 UNION ALL SELECT 'category', c.id, c.name, COALESCE(n.count, 0) FROM categories c LEFT JOIN ( SELECT pc.category_id, count(*) AS count FROM matched m JOIN product_categories pc ON pc.product_id = m.id WHERE m.in_price AND m.in_stock_state GROUP BY pc.category_id ) n ON n.category_id = c.id WHERE n.count > 0 OR c.id = ANY($1)",
        None,
    )
}
impl ProductFacetsStmt {
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
        T5: crate::ArraySql<Item = rust_decimal::Decimal>,
    >(
        &'s self,
        client: &'c C,
        category_ids: &'a Option<T1>,
        min_price: &'a Option<rust_decimal::Decimal>,
        max_price: &'a Option<rust_decimal::Decimal>,
        in_stock: &'a Option<bool>,
        search_q: &'a Option<T2>,
        name_pattern: &'a Option<T3>,
        search_config: &'a T4,
        price_bounds: &'a T5,
    ) -> FacetCountQuery<'c, 'a, 's, C, FacetCount, 8> {
        FacetCountQuery {
            client,
            params: [
                category_ids,
                min_price,
                max_price,
                in_stock,
                search_q,
                name_pattern,
                search_config,
                price_bounds,
            ],
            query: self.0,
            cached: self.1.as_ref(),
            extractor:
                |row: &tokio_postgres::Row| -> Result<FacetCountBorrowed, tokio_postgres::Error> {
                    Ok(FacetCountBorrowed {
                        facet: row.try_get(0)?,
                        key: row.try_get(1)?,
                        name: row.try_get(2)?,
                        count: row.try_get(3)?,
                    })
                },
            mapper: |it| FacetCount::from(it),
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
    T5: crate::ArraySql<Item = rust_decimal::Decimal>,
>
    crate::client::async_::Params<
        'c,
        'a,
        's,
        ProductFacetsParams<T1, T2, T3, T4, T5>,
        FacetCountQuery<'c, 'a, 's, C, FacetCount, 8>,
        C,
    > for ProductFacetsStmt
{
    fn params(
        &'s self,
        client: &'c C,
        params: &'a ProductFacetsParams<T1, T2, T3, T4, T5>,
    ) -> FacetCountQuery<'c, 'a, 's, C, FacetCount, 8> {
        self.bind(
            client,
            &params.category_ids,
            &params.min_price,
            &params.max_price,
            &params.in_stock,
            &params.search_q,
            &params.name_pattern,
            &params.search_config,
            &params.price_bounds,
        )
    }
}
