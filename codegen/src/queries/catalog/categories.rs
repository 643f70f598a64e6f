// This file was generated with `cornucopia`. Do not modify.

#[derive(Debug)]
pub struct InsertCategoryParams<T1: crate::StringSql, T2: crate::StringSql, T3: crate::StringSql> {
    pub name: T1,
    pub slug: T2,
    pub description: T3,
}
#[derive(Debug)]
pub struct InsertCategoryIfAbsentParams<
    T1: crate::StringSql,
    T2: crate::StringSql,
    T3: crate::StringSql,
> {
    pub name: T1,
    pub slug: T2,
    pub description: T3,
}
#[derive(Debug)]
pub struct UpdateCategoryParams<T1: crate::StringSql, T2: crate::StringSql, T3: crate::StringSql> {
    pub name: Option<T1>,
    pub slug: Option<T2>,
    pub description: Option<T3>,
    pub id: i64,
}
#[derive(Debug)]
pub struct ListCategoriesParams<T1: crate::StringSql, T2: crate::StringSql> {
    pub name_pattern: Option<T1>,
    pub after_id: Option<i64>,
    pub after_name: Option<T2>,
    pub limit: i64,
}
#[derive(Debug, Clone, PartialEq)]
pub struct Category {
    pub id: i64,
    pub name: String,
    pub slug: String,
    pub description: String,
    pub created_at: chrono::DateTime<chrono::FixedOffset>,
    pub updated_at: chrono::DateTime<chrono::FixedOffset>,
}
pub struct CategoryBorrowed<'a> {
    pub id: i64,
    pub name: &'a str,
    pub slug: &'a str,
    pub description: &'a str,
    pub created_at: chrono::DateTime<chrono::FixedOffset>,
    pub updated_at: chrono::DateTime<chrono::FixedOffset>,
}
impl<'a> From<CategoryBorrowed<'a>> for Category {
    fn from(
        CategoryBorrowed {
            id,
            name,
            slug,
            description,
            created_at,
            updated_at,
        }: CategoryBorrowed<'a>,
    ) -> Self {
        Self {
            id,
            name: name.into(),
            slug: slug.into(),
            description: description.into(),
            created_at,
            updated_at,
        }
    }
}
#[derive(Debug, Clone, PartialEq)]
pub struct CategoryWithCount {
    pub id: i64,
    pub name: String,
    pub slug: String,
    pub description: String,
    pub created_at: chrono::DateTime<chrono::FixedOffset>,
    pub updated_at: chrono::DateTime<chrono::FixedOffset>,
    pub product_count: i64,
}
pub struct CategoryWithCountBorrowed<'a> {
    pub id: i64,
    pub name: &'a str,
    pub slug: &'a str,
    pub description: &'a str,
    pub created_at: chrono::DateTime<chrono::FixedOffset>,
    pub updated_at: chrono::DateTime<chrono::FixedOffset>,
    pub product_count: i64,
}
impl<'a> From<CategoryWithCountBorrowed<'a>> for CategoryWithCount {
    fn from(
        CategoryWithCountBorrowed {
            id,
            name,
            slug,
            description,
            created_at,
            updated_at,
            product_count,
        }: CategoryWithCountBorrowed<'a>,
    ) -> Self {
        Self {
            id,
            name: name.into(),
            slug: slug.into(),
            description: description.into(),
            created_at,
            updated_at,
            product_count,
        }
    }
}
use crate::client::async_::GenericClient;
use futures::{self, StreamExt, TryStreamExt};
pub struct CategoryQuery<'c, 'a, 's, C: GenericClient, T, const N: usize> {
    client: &'c C,
    params: [&'a (dyn postgres_types::ToSql + Sync); N],
    query: &'static str,
    cached: Option<&'s tokio_postgres::Statement>,
    extractor: fn(&tokio_postgres::Row) -> Result<CategoryBorrowed, tokio_postgres::Error>,
    mapper: fn(CategoryBorrowed) -> T,
}
impl<'c, 'a, 's, C, T: 'c, const N: usize> CategoryQuery<'c, 'a, 's, C, T, N>
where
    C: GenericClient,
{
    pub fn map<R>(self, mapper: fn(CategoryBorrowed) -> R) -> CategoryQuery<'c, 'a, 's, C, R, N> {
        CategoryQuery {
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
pub struct CategoryWithCountQuery<'c, 'a, 's, C: GenericClient, T, const N: usize> {
    client: &'c C,
    params: [&'a (dyn postgres_types::ToSql + Sync); N],
    query: &'static str,
    cached: Option<&'s tokio_postgres::Statement>,
    extractor: fn(&tokio_postgres::Row) -> Result<CategoryWithCountBorrowed, tokio_postgres::Error>,
    mapper: fn(CategoryWithCountBorrowed) -> T,
}
impl<'c, 'a, 's, C, T: 'c, const N: usize> CategoryWithCountQuery<'c, 'a, 's, C, T, N>
where
    C: GenericClient,
{
    pub fn map<R>(
        self,
        mapper: fn(CategoryWithCountBorrowed) -> R,
    ) -> CategoryWithCountQuery<'c, 'a, 's, C, R, N> {
        CategoryWithCountQuery {
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
pub struct InsertCategoryStmt(&'static str, Option<tokio_postgres::Statement>);
/// Creates a category; unique violations name `categories_slug_key` or `categories_name_lower_key`.
pub fn insert_category() -> InsertCategoryStmt {
    InsertCategoryStmt(
        "INSERT INTO categories (name, slug, description) VALUES ($1, $2, $3) RETURNING id, name, slug, description, created_at, updated_at",
        None,
    )
}
impl InsertCategoryStmt {
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
    ) -> CategoryQuery<'c, 'a, 's, C, Category, 3> {
        CategoryQuery {
            client,
            params: [name, slug, description],
            query: self.0,
            cached: self.1.as_ref(),
            extractor:
                |row: &tokio_postgres::Row| -> Result<CategoryBorrowed, tokio_postgres::Error> {
                    Ok(CategoryBorrowed {
                        id: row.try_get(0)?,
                        name: row.try_get(1)?,
                        slug: row.try_get(2)?,
                        description: row.try_get(3)?,
                        created_at: row.try_get(4)?,
                        updated_at: row.try_get(5)?,
                    })
                },
            mapper: |it| Category::from(it),
        }
    }
}
impl<'c, 'a, 's, C: GenericClient, T1: crate::StringSql, T2: crate::StringSql, T3: crate::StringSql>
    crate::client::async_::Params<
        'c,
        'a,
        's,
        InsertCategoryParams<T1, T2, T3>,
        CategoryQuery<'c, 'a, 's, C, Category, 3>,
        C,
    > for InsertCategoryStmt
{
    fn params(
        &'s self,
        client: &'c C,
        params: &'a InsertCategoryParams<T1, T2, T3>,
    ) -> CategoryQuery<'c, 'a, 's, C, Category, 3> {
        self.bind(client, &params.name, &params.slug, &params.description)
    }
}
pub struct InsertCategoryIfAbsentStmt(&'static str, Option<tokio_postgres::Statement>);
/// Seeding: creates a category unless its slug or name exists (idempotent).
pub fn insert_category_if_absent() -> InsertCategoryIfAbsentStmt {
    InsertCategoryIfAbsentStmt(
        "INSERT INTO categories (name, slug, description) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
        None,
    )
}
impl InsertCategoryIfAbsentStmt {
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
    ) -> Result<u64, tokio_postgres::Error> {
        client.execute(self.0, &[name, slug, description]).await
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
        InsertCategoryIfAbsentParams<T1, T2, T3>,
        std::pin::Pin<
            Box<dyn futures::Future<Output = Result<u64, tokio_postgres::Error>> + Send + 'a>,
        >,
        C,
    > for InsertCategoryIfAbsentStmt
{
    fn params(
        &'a self,
        client: &'a C,
        params: &'a InsertCategoryIfAbsentParams<T1, T2, T3>,
    ) -> std::pin::Pin<
        Box<dyn futures::Future<Output = Result<u64, tokio_postgres::Error>> + Send + 'a>,
    > {
        Box::pin(self.bind(client, &params.name, &params.slug, &params.description))
    }
}
pub struct FindCategoryStmt(&'static str, Option<tokio_postgres::Statement>);
/// One category with the number of active products in it.
pub fn find_category() -> FindCategoryStmt {
    FindCategoryStmt(
        "SELECT c.id, c.name, c.slug, c.description, c.created_at, c.updated_at, (SELECT count(*) FROM product_categories pc JOIN products p ON p.id = pc.product_id WHERE pc.category_id = c.id AND p.is_active) AS product_count FROM categories c WHERE c.id = $1",
        None,
    )
}
impl FindCategoryStmt {
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
    ) -> CategoryWithCountQuery<'c, 'a, 's, C, CategoryWithCount, 1> {
        CategoryWithCountQuery {
            client,
            params: [id],
            query: self.0,
            cached: self.1.as_ref(),
            extractor: |
                row: &tokio_postgres::Row,
            | -> Result<CategoryWithCountBorrowed, tokio_postgres::Error> {
                Ok(CategoryWithCountBorrowed {
                    id: row.try_get(0)?,
                    name: row.try_get(1)?,
                    slug: row.try_get(2)?,
                    description: row.try_get(3)?,
                    created_at: row.try_get(4)?,
                    updated_at: row.try_get(5)?,
                    product_count: row.try_get(6)?,
                })
            },
            mapper: |it| CategoryWithCount::from(it),
        }
    }
}
pub struct UpdateCategoryStmt(&'static str, Option<tokio_postgres::Statement>);
/// Changes the given fields; absent (NULL) parameters keep the current value.
pub fn update_category() -> UpdateCategoryStmt {
    UpdateCategoryStmt(
        "UPDATE categories SET name = COALESCE($1, name), slug = COALESCE($2, slug), description = COALESCE($3, description), updated_at = now() WHERE id = $4 RETURNING id, name, slug, description, created_at, updated_at",
        None,
    )
}
impl UpdateCategoryStmt {
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
        id: &'a i64,
    ) -> CategoryQuery<'c, 'a, 's, C, Category, 4> {
        CategoryQuery {
            client,
            params: [name, slug, description, id],
            query: self.0,
            cached: self.1.as_ref(),
            extractor:
                |row: &tokio_postgres::Row| -> Result<CategoryBorrowed, tokio_postgres::Error> {
                    Ok(CategoryBorrowed {
                        id: row.try_get(0)?,
                        name: row.try_get(1)?,
                        slug: row.try_get(2)?,
                        description: row.try_get(3)?,
                        created_at: row.try_get(4)?,
                        updated_at: row.try_get(5)?,
                    })
                },
            mapper: |it| Category::from(it),
        }
    }
}
impl<'c, 'a, 's, C: GenericClient, T1: crate::StringSql, T2: crate::StringSql, T3: crate::StringSql>
    crate::client::async_::Params<
        'c,
        'a,
        's,
        UpdateCategoryParams<T1, T2, T3>,
        CategoryQuery<'c, 'a, 's, C, Category, 4>,
        C,
    > for UpdateCategoryStmt
{
    fn params(
        &'s self,
        client: &'c C,
        params: &'a UpdateCategoryParams<T1, T2, T3>,
    ) -> CategoryQuery<'c, 'a, 's, C, Category, 4> {
        self.bind(
            client,
            &params.name,
            &params.slug,
            &params.description,
            &params.id,
        )
    }
}
pub struct LockCategoryProductsStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn lock_category_products() -> LockCategoryProductsStmt {
    LockCategoryProductsStmt(
        "SELECT p.id FROM products p WHERE p.id IN (SELECT pc.product_id FROM product_categories pc WHERE pc.category_id = $1) ORDER BY p.id FOR SHARE OF p",
        None,
    )
}
impl LockCategoryProductsStmt {
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
    ) -> I64Query<'c, 'a, 's, C, i64, 1> {
        I64Query {
            client,
            params: [id],
            query: self.0,
            cached: self.1.as_ref(),
            extractor: |row| Ok(row.try_get(0)?),
            mapper: |it| it,
        }
    }
}
pub struct DeleteCategoryStmt(&'static str, Option<tokio_postgres::Statement>);
/// Deletes a category; its product links go with it (ON DELETE CASCADE), products stay.
pub fn delete_category() -> DeleteCategoryStmt {
    DeleteCategoryStmt("DELETE FROM categories WHERE id = $1", None)
}
impl DeleteCategoryStmt {
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
pub struct ListCategoriesStmt(&'static str, Option<tokio_postgres::Statement>);
/// A page of categories by name; `name_pattern` is an ILIKE pattern, the cursor is the last (name, id).
/// The table is small (hundreds of rows), so the nullable-parameter predicates are fine here.
pub fn list_categories() -> ListCategoriesStmt {
    ListCategoriesStmt(
        "SELECT id, name, slug, description, created_at, updated_at FROM categories WHERE ($1::text IS NULL OR name ILIKE $1) AND ($2::bigint IS NULL OR (name, id) > ($3::text, $2)) ORDER BY name, id LIMIT $4",
        None,
    )
}
impl ListCategoriesStmt {
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
        name_pattern: &'a Option<T1>,
        after_id: &'a Option<i64>,
        after_name: &'a Option<T2>,
        limit: &'a i64,
    ) -> CategoryQuery<'c, 'a, 's, C, Category, 4> {
        CategoryQuery {
            client,
            params: [name_pattern, after_id, after_name, limit],
            query: self.0,
            cached: self.1.as_ref(),
            extractor:
                |row: &tokio_postgres::Row| -> Result<CategoryBorrowed, tokio_postgres::Error> {
                    Ok(CategoryBorrowed {
                        id: row.try_get(0)?,
                        name: row.try_get(1)?,
                        slug: row.try_get(2)?,
                        description: row.try_get(3)?,
                        created_at: row.try_get(4)?,
                        updated_at: row.try_get(5)?,
                    })
                },
            mapper: |it| Category::from(it),
        }
    }
}
impl<'c, 'a, 's, C: GenericClient, T1: crate::StringSql, T2: crate::StringSql>
    crate::client::async_::Params<
        'c,
        'a,
        's,
        ListCategoriesParams<T1, T2>,
        CategoryQuery<'c, 'a, 's, C, Category, 4>,
        C,
    > for ListCategoriesStmt
{
    fn params(
        &'s self,
        client: &'c C,
        params: &'a ListCategoriesParams<T1, T2>,
    ) -> CategoryQuery<'c, 'a, 's, C, Category, 4> {
        self.bind(
            client,
            &params.name_pattern,
            &params.after_id,
            &params.after_name,
            &params.limit,
        )
    }
}
pub struct FindExistingCategoryIdsStmt(&'static str, Option<tokio_postgres::Statement>);
/// Which of the given category ids exist (product writes report the others as unknown).
pub fn find_existing_category_ids() -> FindExistingCategoryIdsStmt {
    FindExistingCategoryIdsStmt(
        "SELECT id FROM categories WHERE id = ANY($1::bigint[])",
        None,
    )
}
impl FindExistingCategoryIdsStmt {
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
    ) -> I64Query<'c, 'a, 's, C, i64, 1> {
        I64Query {
            client,
            params: [ids],
            query: self.0,
            cached: self.1.as_ref(),
            extractor: |row| Ok(row.try_get(0)?),
            mapper: |it| it,
        }
    }
}
pub struct ListCategoryIdsBySlugPrefixStmt(&'static str, Option<tokio_postgres::Statement>);
/// Ids of the categories whose slug starts with a prefix, in slug order (bulk seeding).
pub fn list_category_ids_by_slug_prefix() -> ListCategoryIdsBySlugPrefixStmt {
    ListCategoryIdsBySlugPrefixStmt(
        "SELECT id FROM categories WHERE starts_with(slug, $1) ORDER BY slug",
        None,
    )
}
impl ListCategoryIdsBySlugPrefixStmt {
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
