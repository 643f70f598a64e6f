// This file was generated with `cornucopia`. Do not modify.

#[derive(Clone, Copy, Debug)]
pub struct ProductFacetGroupsParams {
    pub category_id: i64,
    pub in_stock: Option<bool>,
}
#[derive(Debug, Clone, PartialEq)]
pub struct FacetGroup {
    pub category_id: i64,
    pub price_bucket: i16,
    pub in_stock: bool,
    pub count: i64,
    pub name: Option<String>,
}
pub struct FacetGroupBorrowed<'a> {
    pub category_id: i64,
    pub price_bucket: i16,
    pub in_stock: bool,
    pub count: i64,
    pub name: Option<&'a str>,
}
impl<'a> From<FacetGroupBorrowed<'a>> for FacetGroup {
    fn from(
        FacetGroupBorrowed {
            category_id,
            price_bucket,
            in_stock,
            count,
            name,
        }: FacetGroupBorrowed<'a>,
    ) -> Self {
        Self {
            category_id,
            price_bucket,
            in_stock,
            count,
            name: name.map(|v| v.into()),
        }
    }
}
use crate::client::async_::GenericClient;
use futures::{self, StreamExt, TryStreamExt};
pub struct FacetGroupQuery<'c, 'a, 's, C: GenericClient, T, const N: usize> {
    client: &'c C,
    params: [&'a (dyn postgres_types::ToSql + Sync); N],
    query: &'static str,
    cached: Option<&'s tokio_postgres::Statement>,
    extractor: fn(&tokio_postgres::Row) -> Result<FacetGroupBorrowed, tokio_postgres::Error>,
    mapper: fn(FacetGroupBorrowed) -> T,
}
impl<'c, 'a, 's, C, T: 'c, const N: usize> FacetGroupQuery<'c, 'a, 's, C, T, N>
where
    C: GenericClient,
{
    pub fn map<R>(
        self,
        mapper: fn(FacetGroupBorrowed) -> R,
    ) -> FacetGroupQuery<'c, 'a, 's, C, R, N> {
        FacetGroupQuery {
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
pub struct ProductFacetGroupsStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn product_facet_groups() -> ProductFacetGroupsStmt {
    ProductFacetGroupsStmt(
        "SELECT d.category_id, d.price_bucket, d.in_stock, sum(d.delta)::bigint AS count, NULL::text AS name FROM product_facet_deltas d WHERE d.category_id = $1 GROUP BY d.category_id, d.price_bucket, d.in_stock HAVING sum(d.delta) <> 0 UNION ALL SELECT c.id, 0::smallint, false, COALESCE(n.count, 0)::bigint, c.name FROM categories c LEFT JOIN ( SELECT d.category_id, sum(d.delta) AS count FROM product_facet_deltas d WHERE $2::boolean IS NULL OR d.in_stock = $2 GROUP BY d.category_id ) n ON n.category_id = c.id WHERE n.count > 0 OR c.id = $1",
        None,
    )
}
impl ProductFacetGroupsStmt {
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
        category_id: &'a i64,
        in_stock: &'a Option<bool>,
    ) -> FacetGroupQuery<'c, 'a, 's, C, FacetGroup, 2> {
        FacetGroupQuery {
            client,
            params: [category_id, in_stock],
            query: self.0,
            cached: self.1.as_ref(),
            extractor:
                |row: &tokio_postgres::Row| -> Result<FacetGroupBorrowed, tokio_postgres::Error> {
                    Ok(FacetGroupBorrowed {
                        category_id: row.try_get(0)?,
                        price_bucket: row.try_get(1)?,
                        in_stock: row.try_get(2)?,
                        count: row.try_get(3)?,
                        name: row.try_get(4)?,
                    })
                },
            mapper: |it| FacetGroup::from(it),
        }
    }
}
impl<'c, 'a, 's, C: GenericClient>
    crate::client::async_::Params<
        'c,
        'a,
        's,
        ProductFacetGroupsParams,
        FacetGroupQuery<'c, 'a, 's, C, FacetGroup, 2>,
        C,
    > for ProductFacetGroupsStmt
{
    fn params(
        &'s self,
        client: &'c C,
        params: &'a ProductFacetGroupsParams,
    ) -> FacetGroupQuery<'c, 'a, 's, C, FacetGroup, 2> {
        self.bind(client, &params.category_id, &params.in_stock)
    }
}
pub struct CompactFacetDeltasStmt(&'static str, Option<tokio_postgres::Statement>);
/// Replaces the delta rows with one row per group (their sum), dropping the
/// groups that sum to zero, in one statement: rows inserted meanwhile by
/// other transactions are not in this statement's snapshot, so it neither
/// deletes nor sums them, and readers see the old rows or the sums, never a mix.
pub fn compact_facet_deltas() -> CompactFacetDeltasStmt {
    CompactFacetDeltasStmt(
        "WITH moved AS ( DELETE FROM product_facet_deltas RETURNING category_id, price_bucket, in_stock, delta ) INSERT INTO product_facet_deltas (category_id, price_bucket, in_stock, delta) SELECT category_id, price_bucket, in_stock, sum(delta)::integer FROM moved GROUP BY category_id, price_bucket, in_stock HAVING sum(delta) <> 0",
        None,
    )
}
impl CompactFacetDeltasStmt {
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
pub struct CountFacetDeltasStmt(&'static str, Option<tokio_postgres::Statement>);
/// Rows in the delta table (housekeeping reports how many a compaction removed).
pub fn count_facet_deltas() -> CountFacetDeltasStmt {
    CountFacetDeltasStmt("SELECT count(*) FROM product_facet_deltas", None)
}
impl CountFacetDeltasStmt {
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
pub struct VacuumFacetDeltasStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn vacuum_facet_deltas() -> VacuumFacetDeltasStmt {
    VacuumFacetDeltasStmt("VACUUM (ANALYZE) product_facet_deltas", None)
}
impl VacuumFacetDeltasStmt {
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
pub struct RewriteFacetDeltasStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn rewrite_facet_deltas() -> RewriteFacetDeltasStmt {
    RewriteFacetDeltasStmt("VACUUM (FULL, ANALYZE) product_facet_deltas", None)
}
impl RewriteFacetDeltasStmt {
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
pub struct FacetDeltasPagesStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn facet_deltas_pages() -> FacetDeltasPagesStmt {
    FacetDeltasPagesStmt(
        "SELECT (pg_relation_size('product_facet_deltas') / current_setting('block_size')::bigint)::bigint AS pages",
        None,
    )
}
impl FacetDeltasPagesStmt {
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
