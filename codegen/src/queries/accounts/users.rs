// This file was generated with `cornucopia`. Do not modify.

#[derive(Debug)]
pub struct InsertUserParams<
    T1: crate::StringSql,
    T2: crate::StringSql,
    T3: crate::StringSql,
    T4: crate::StringSql,
    T5: crate::StringSql,
    T6: crate::StringSql,
    T7: crate::StringSql,
> {
    pub email: T1,
    pub username: T2,
    pub first_name: T3,
    pub last_name: T4,
    pub phone_number: Option<T5>,
    pub password_hash: T6,
    pub role: T7,
}
#[derive(Debug)]
pub struct InsertAdminIfAbsentParams<
    T1: crate::StringSql,
    T2: crate::StringSql,
    T3: crate::StringSql,
> {
    pub email: T1,
    pub username: T2,
    pub password_hash: T3,
}
#[derive(Debug)]
pub struct ListUsersParams<T1: crate::StringSql, T2: crate::StringSql, T3: crate::StringSql> {
    pub role: Option<T1>,
    pub email: Option<T2>,
    pub username: Option<T3>,
    pub after_id: Option<i64>,
    pub limit: i64,
}
#[derive(Debug)]
pub struct UpdateUserParams<
    T1: crate::StringSql,
    T2: crate::StringSql,
    T3: crate::StringSql,
    T4: crate::StringSql,
> {
    pub first_name: Option<T1>,
    pub last_name: Option<T2>,
    pub set_phone: bool,
    pub phone_number: Option<T3>,
    pub role: Option<T4>,
    pub is_active: Option<bool>,
    pub id: i64,
}
#[derive(Debug)]
pub struct UpdatePasswordHashParams<T1: crate::StringSql> {
    pub password_hash: T1,
    pub id: i64,
}
#[derive(Debug)]
pub struct MarkEmailVerifiedParams<T1: crate::StringSql> {
    pub id: i64,
    pub email: T1,
}
#[derive(Debug)]
pub struct UpdateEmailParams<T1: crate::StringSql> {
    pub email: T1,
    pub id: i64,
}
#[derive(Debug)]
pub struct SearchUsersParams<T1: crate::StringSql, T2: crate::StringSql> {
    pub pattern: T1,
    pub role: Option<T2>,
    pub after_id: Option<i64>,
    pub limit: i64,
}
#[derive(Debug, Clone, PartialEq)]
pub struct User {
    pub id: i64,
    pub email: String,
    pub username: String,
    pub first_name: String,
    pub last_name: String,
    pub phone_number: Option<String>,
    pub role: String,
    pub is_active: bool,
    pub email_verified: bool,
    pub created_at: chrono::DateTime<chrono::FixedOffset>,
    pub updated_at: chrono::DateTime<chrono::FixedOffset>,
}
pub struct UserBorrowed<'a> {
    pub id: i64,
    pub email: &'a str,
    pub username: &'a str,
    pub first_name: &'a str,
    pub last_name: &'a str,
    pub phone_number: Option<&'a str>,
    pub role: &'a str,
    pub is_active: bool,
    pub email_verified: bool,
    pub created_at: chrono::DateTime<chrono::FixedOffset>,
    pub updated_at: chrono::DateTime<chrono::FixedOffset>,
}
impl<'a> From<UserBorrowed<'a>> for User {
    fn from(
        UserBorrowed {
            id,
            email,
            username,
            first_name,
            last_name,
            phone_number,
            role,
            is_active,
            email_verified,
            created_at,
            updated_at,
        }: UserBorrowed<'a>,
    ) -> Self {
        Self {
            id,
            email: email.into(),
            username: username.into(),
            first_name: first_name.into(),
            last_name: last_name.into(),
            phone_number: phone_number.map(|v| v.into()),
            role: role.into(),
            is_active,
            email_verified,
            created_at,
            updated_at,
        }
    }
}
#[derive(Debug, Clone, PartialEq)]
pub struct FindCredentialsByLogin {
    pub id: i64,
    pub password_hash: String,
    pub role: String,
    pub is_active: bool,
    pub token_generation: i64,
}
pub struct FindCredentialsByLoginBorrowed<'a> {
    pub id: i64,
    pub password_hash: &'a str,
    pub role: &'a str,
    pub is_active: bool,
    pub token_generation: i64,
}
impl<'a> From<FindCredentialsByLoginBorrowed<'a>> for FindCredentialsByLogin {
    fn from(
        FindCredentialsByLoginBorrowed {
            id,
            password_hash,
            role,
            is_active,
            token_generation,
        }: FindCredentialsByLoginBorrowed<'a>,
    ) -> Self {
        Self {
            id,
            password_hash: password_hash.into(),
            role: role.into(),
            is_active,
            token_generation,
        }
    }
}
#[derive(Debug, Clone, PartialEq)]
pub struct FindSessionUser {
    pub role: String,
    pub is_active: bool,
    pub token_generation: i64,
}
pub struct FindSessionUserBorrowed<'a> {
    pub role: &'a str,
    pub is_active: bool,
    pub token_generation: i64,
}
impl<'a> From<FindSessionUserBorrowed<'a>> for FindSessionUser {
    fn from(
        FindSessionUserBorrowed {
            role,
            is_active,
            token_generation,
        }: FindSessionUserBorrowed<'a>,
    ) -> Self {
        Self {
            role: role.into(),
            is_active,
            token_generation,
        }
    }
}
#[derive(Debug, Clone, PartialEq)]
pub struct FindActiveUserByEmail {
    pub id: i64,
    pub email: String,
    pub first_name: String,
}
pub struct FindActiveUserByEmailBorrowed<'a> {
    pub id: i64,
    pub email: &'a str,
    pub first_name: &'a str,
}
impl<'a> From<FindActiveUserByEmailBorrowed<'a>> for FindActiveUserByEmail {
    fn from(
        FindActiveUserByEmailBorrowed {
            id,
            email,
            first_name,
        }: FindActiveUserByEmailBorrowed<'a>,
    ) -> Self {
        Self {
            id,
            email: email.into(),
            first_name: first_name.into(),
        }
    }
}
use crate::client::async_::GenericClient;
use futures::{self, StreamExt, TryStreamExt};
pub struct UserQuery<'c, 'a, 's, C: GenericClient, T, const N: usize> {
    client: &'c C,
    params: [&'a (dyn postgres_types::ToSql + Sync); N],
    query: &'static str,
    cached: Option<&'s tokio_postgres::Statement>,
    extractor: fn(&tokio_postgres::Row) -> Result<UserBorrowed, tokio_postgres::Error>,
    mapper: fn(UserBorrowed) -> T,
}
impl<'c, 'a, 's, C, T: 'c, const N: usize> UserQuery<'c, 'a, 's, C, T, N>
where
    C: GenericClient,
{
    pub fn map<R>(self, mapper: fn(UserBorrowed) -> R) -> UserQuery<'c, 'a, 's, C, R, N> {
        UserQuery {
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
pub struct FindCredentialsByLoginQuery<'c, 'a, 's, C: GenericClient, T, const N: usize> {
    client: &'c C,
    params: [&'a (dyn postgres_types::ToSql + Sync); N],
    query: &'static str,
    cached: Option<&'s tokio_postgres::Statement>,
    extractor:
        fn(&tokio_postgres::Row) -> Result<FindCredentialsByLoginBorrowed, tokio_postgres::Error>,
    mapper: fn(FindCredentialsByLoginBorrowed) -> T,
}
impl<'c, 'a, 's, C, T: 'c, const N: usize> FindCredentialsByLoginQuery<'c, 'a, 's, C, T, N>
where
    C: GenericClient,
{
    pub fn map<R>(
        self,
        mapper: fn(FindCredentialsByLoginBorrowed) -> R,
    ) -> FindCredentialsByLoginQuery<'c, 'a, 's, C, R, N> {
        FindCredentialsByLoginQuery {
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
pub struct FindSessionUserQuery<'c, 'a, 's, C: GenericClient, T, const N: usize> {
    client: &'c C,
    params: [&'a (dyn postgres_types::ToSql + Sync); N],
    query: &'static str,
    cached: Option<&'s tokio_postgres::Statement>,
    extractor: fn(&tokio_postgres::Row) -> Result<FindSessionUserBorrowed, tokio_postgres::Error>,
    mapper: fn(FindSessionUserBorrowed) -> T,
}
impl<'c, 'a, 's, C, T: 'c, const N: usize> FindSessionUserQuery<'c, 'a, 's, C, T, N>
where
    C: GenericClient,
{
    pub fn map<R>(
        self,
        mapper: fn(FindSessionUserBorrowed) -> R,
    ) -> FindSessionUserQuery<'c, 'a, 's, C, R, N> {
        FindSessionUserQuery {
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
pub struct FindActiveUserByEmailQuery<'c, 'a, 's, C: GenericClient, T, const N: usize> {
    client: &'c C,
    params: [&'a (dyn postgres_types::ToSql + Sync); N],
    query: &'static str,
    cached: Option<&'s tokio_postgres::Statement>,
    extractor:
        fn(&tokio_postgres::Row) -> Result<FindActiveUserByEmailBorrowed, tokio_postgres::Error>,
    mapper: fn(FindActiveUserByEmailBorrowed) -> T,
}
impl<'c, 'a, 's, C, T: 'c, const N: usize> FindActiveUserByEmailQuery<'c, 'a, 's, C, T, N>
where
    C: GenericClient,
{
    pub fn map<R>(
        self,
        mapper: fn(FindActiveUserByEmailBorrowed) -> R,
    ) -> FindActiveUserByEmailQuery<'c, 'a, 's, C, R, N> {
        FindActiveUserByEmailQuery {
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
pub struct InsertUserStmt(&'static str, Option<tokio_postgres::Statement>);
/// Creates a user; unique violations name the index (email, username, phone).
pub fn insert_user() -> InsertUserStmt {
    InsertUserStmt(
        "INSERT INTO users (email, username, first_name, last_name, phone_number, password_hash, role) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id, email, username, first_name, last_name, phone_number, role, is_active, email_verified_at IS NOT NULL AS email_verified, created_at, updated_at",
        None,
    )
}
impl InsertUserStmt {
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
        T5: crate::StringSql,
        T6: crate::StringSql,
        T7: crate::StringSql,
    >(
        &'s self,
        client: &'c C,
        email: &'a T1,
        username: &'a T2,
        first_name: &'a T3,
        last_name: &'a T4,
        phone_number: &'a Option<T5>,
        password_hash: &'a T6,
        role: &'a T7,
    ) -> UserQuery<'c, 'a, 's, C, User, 7> {
        UserQuery {
            client,
            params: [
                email,
                username,
                first_name,
                last_name,
                phone_number,
                password_hash,
                role,
            ],
            query: self.0,
            cached: self.1.as_ref(),
            extractor: |row: &tokio_postgres::Row| -> Result<UserBorrowed, tokio_postgres::Error> {
                Ok(UserBorrowed {
                    id: row.try_get(0)?,
                    email: row.try_get(1)?,
                    username: row.try_get(2)?,
                    first_name: row.try_get(3)?,
                    last_name: row.try_get(4)?,
                    phone_number: row.try_get(5)?,
                    role: row.try_get(6)?,
                    is_active: row.try_get(7)?,
                    email_verified: row.try_get(8)?,
                    created_at: row.try_get(9)?,
                    updated_at: row.try_get(10)?,
                })
            },
            mapper: |it| User::from(it),
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
    T5: crate::StringSql,
    T6: crate::StringSql,
    T7: crate::StringSql,
>
    crate::client::async_::Params<
        'c,
        'a,
        's,
        InsertUserParams<T1, T2, T3, T4, T5, T6, T7>,
        UserQuery<'c, 'a, 's, C, User, 7>,
        C,
    > for InsertUserStmt
{
    fn params(
        &'s self,
        client: &'c C,
        params: &'a InsertUserParams<T1, T2, T3, T4, T5, T6, T7>,
    ) -> UserQuery<'c, 'a, 's, C, User, 7> {
        self.bind(
            client,
            &params.email,
            &params.username,
            &params.first_name,
            &params.last_name,
            &params.phone_number,
            &params.password_hash,
            &params.role,
        )
    }
}
pub struct InsertAdminIfAbsentStmt(&'static str, Option<tokio_postgres::Statement>);
/// Bootstrap: creates the admin unless the email (or username) is taken; idempotent.
/// The operator configured the address, so it counts as verified.
pub fn insert_admin_if_absent() -> InsertAdminIfAbsentStmt {
    InsertAdminIfAbsentStmt(
        "INSERT INTO users (email, username, password_hash, role, email_verified_at) VALUES ($1, $2, $3, 'admin', now()) ON CONFLICT DO NOTHING RETURNING id",
        None,
    )
}
impl InsertAdminIfAbsentStmt {
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
        email: &'a T1,
        username: &'a T2,
        password_hash: &'a T3,
    ) -> I64Query<'c, 'a, 's, C, i64, 3> {
        I64Query {
            client,
            params: [email, username, password_hash],
            query: self.0,
            cached: self.1.as_ref(),
            extractor: |row| Ok(row.try_get(0)?),
            mapper: |it| it,
        }
    }
}
impl<'c, 'a, 's, C: GenericClient, T1: crate::StringSql, T2: crate::StringSql, T3: crate::StringSql>
    crate::client::async_::Params<
        'c,
        'a,
        's,
        InsertAdminIfAbsentParams<T1, T2, T3>,
        I64Query<'c, 'a, 's, C, i64, 3>,
        C,
    > for InsertAdminIfAbsentStmt
{
    fn params(
        &'s self,
        client: &'c C,
        params: &'a InsertAdminIfAbsentParams<T1, T2, T3>,
    ) -> I64Query<'c, 'a, 's, C, i64, 3> {
        self.bind(
            client,
            &params.email,
            &params.username,
            &params.password_hash,
        )
    }
}
pub struct FindUserStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn find_user() -> FindUserStmt {
    FindUserStmt(
        "SELECT id, email, username, first_name, last_name, phone_number, role, is_active, email_verified_at IS NOT NULL AS email_verified, created_at, updated_at FROM users WHERE id = $1",
        None,
    )
}
impl FindUserStmt {
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
    ) -> UserQuery<'c, 'a, 's, C, User, 1> {
        UserQuery {
            client,
            params: [id],
            query: self.0,
            cached: self.1.as_ref(),
            extractor: |row: &tokio_postgres::Row| -> Result<UserBorrowed, tokio_postgres::Error> {
                Ok(UserBorrowed {
                    id: row.try_get(0)?,
                    email: row.try_get(1)?,
                    username: row.try_get(2)?,
                    first_name: row.try_get(3)?,
                    last_name: row.try_get(4)?,
                    phone_number: row.try_get(5)?,
                    role: row.try_get(6)?,
                    is_active: row.try_get(7)?,
                    email_verified: row.try_get(8)?,
                    created_at: row.try_get(9)?,
                    updated_at: row.try_get(10)?,
                })
            },
            mapper: |it| User::from(it),
        }
    }
}
pub struct FindCredentialsByLoginStmt(&'static str, Option<tokio_postgres::Statement>);
/// Login by email or username (both stored/compared lower-case; served by the two unique indexes).
/// Role and token generation come from one row version, so a token never pairs a stale role with a new generation.
pub fn find_credentials_by_login() -> FindCredentialsByLoginStmt {
    FindCredentialsByLoginStmt(
        "SELECT id, password_hash, role, is_active, token_generation FROM users WHERE email = lower($1) OR lower(username) = lower($1) LIMIT 1",
        None,
    )
}
impl FindCredentialsByLoginStmt {
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
        login: &'a T1,
    ) -> FindCredentialsByLoginQuery<'c, 'a, 's, C, FindCredentialsByLogin, 1> {
        FindCredentialsByLoginQuery {
            client,
            params: [login],
            query: self.0,
            cached: self.1.as_ref(),
            extractor: |
                row: &tokio_postgres::Row,
            | -> Result<FindCredentialsByLoginBorrowed, tokio_postgres::Error> {
                Ok(FindCredentialsByLoginBorrowed {
                    id: row.try_get(0)?,
                    password_hash: row.try_get(1)?,
                    role: row.try_get(2)?,
                    is_active: row.try_get(3)?,
                    token_generation: row.try_get(4)?,
                })
            },
            mapper: |it| FindCredentialsByLogin::from(it),
        }
    }
}
pub struct FindSessionUserStmt(&'static str, Option<tokio_postgres::Statement>);
/// What a refreshed token carries: role, activation and token generation, read together.
pub fn find_session_user() -> FindSessionUserStmt {
    FindSessionUserStmt(
        "SELECT role, is_active, token_generation FROM users WHERE id = $1",
        None,
    )
}
impl FindSessionUserStmt {
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
    ) -> FindSessionUserQuery<'c, 'a, 's, C, FindSessionUser, 1> {
        FindSessionUserQuery {
            client,
            params: [id],
            query: self.0,
            cached: self.1.as_ref(),
            extractor: |
                row: &tokio_postgres::Row,
            | -> Result<FindSessionUserBorrowed, tokio_postgres::Error> {
                Ok(FindSessionUserBorrowed {
                    role: row.try_get(0)?,
                    is_active: row.try_get(1)?,
                    token_generation: row.try_get(2)?,
                })
            },
            mapper: |it| FindSessionUser::from(it),
        }
    }
}
pub struct BumpTokenGenerationStmt(&'static str, Option<tokio_postgres::Statement>);
/// Revokes every access token issued to the user so far; returns the new generation.
pub fn bump_token_generation() -> BumpTokenGenerationStmt {
    BumpTokenGenerationStmt(
        "UPDATE users SET token_generation = token_generation + 1 WHERE id = $1 RETURNING token_generation",
        None,
    )
}
impl BumpTokenGenerationStmt {
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
pub struct LockActiveAdminsStmt(&'static str, Option<tokio_postgres::Statement>);
/// Locks the active admins' rows (in id order, so concurrent callers cannot deadlock)
/// before a change that could remove one: two admins demoting each other serialise here,
/// and the second sees that only one admin is left. `NO KEY UPDATE` does not block the
/// foreign-key checks of orders placed meanwhile.
pub fn lock_active_admins() -> LockActiveAdminsStmt {
    LockActiveAdminsStmt(
        "SELECT id FROM users WHERE role = 'admin' AND is_active ORDER BY id FOR NO KEY UPDATE",
        None,
    )
}
impl LockActiveAdminsStmt {
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
pub struct FindPasswordHashStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn find_password_hash() -> FindPasswordHashStmt {
    FindPasswordHashStmt("SELECT password_hash FROM users WHERE id = $1", None)
}
impl FindPasswordHashStmt {
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
    ) -> StringQuery<'c, 'a, 's, C, String, 1> {
        StringQuery {
            client,
            params: [id],
            query: self.0,
            cached: self.1.as_ref(),
            extractor: |row| Ok(row.try_get(0)?),
            mapper: |it| it.into(),
        }
    }
}
pub struct ListUsersStmt(&'static str, Option<tokio_postgres::Statement>);
/// Admin user list: optional exact filters, keyset by id (no OFFSET).
pub fn list_users() -> ListUsersStmt {
    ListUsersStmt(
        "SELECT id, email, username, first_name, last_name, phone_number, role, is_active, email_verified_at IS NOT NULL AS email_verified, created_at, updated_at FROM users WHERE ($1::text IS NULL OR role = $1) AND ($2::text IS NULL OR email = lower($2)) AND ($3::text IS NULL OR lower(username) = lower($3)) AND ($4::bigint IS NULL OR id > $4) ORDER BY id LIMIT $5",
        None,
    )
}
impl ListUsersStmt {
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
        role: &'a Option<T1>,
        email: &'a Option<T2>,
        username: &'a Option<T3>,
        after_id: &'a Option<i64>,
        limit: &'a i64,
    ) -> UserQuery<'c, 'a, 's, C, User, 5> {
        UserQuery {
            client,
            params: [role, email, username, after_id, limit],
            query: self.0,
            cached: self.1.as_ref(),
            extractor: |row: &tokio_postgres::Row| -> Result<UserBorrowed, tokio_postgres::Error> {
                Ok(UserBorrowed {
                    id: row.try_get(0)?,
                    email: row.try_get(1)?,
                    username: row.try_get(2)?,
                    first_name: row.try_get(3)?,
                    last_name: row.try_get(4)?,
                    phone_number: row.try_get(5)?,
                    role: row.try_get(6)?,
                    is_active: row.try_get(7)?,
                    email_verified: row.try_get(8)?,
                    created_at: row.try_get(9)?,
                    updated_at: row.try_get(10)?,
                })
            },
            mapper: |it| User::from(it),
        }
    }
}
impl<'c, 'a, 's, C: GenericClient, T1: crate::StringSql, T2: crate::StringSql, T3: crate::StringSql>
    crate::client::async_::Params<
        'c,
        'a,
        's,
        ListUsersParams<T1, T2, T3>,
        UserQuery<'c, 'a, 's, C, User, 5>,
        C,
    > for ListUsersStmt
{
    fn params(
        &'s self,
        client: &'c C,
        params: &'a ListUsersParams<T1, T2, T3>,
    ) -> UserQuery<'c, 'a, 's, C, User, 5> {
        self.bind(
            client,
            &params.role,
            &params.email,
            &params.username,
            &params.after_id,
            &params.limit,
        )
    }
}
pub struct UpdateUserStmt(&'static str, Option<tokio_postgres::Statement>);
/// Partial update: NULL keeps a column, except phone_number, which `set_phone` controls (so it can be cleared).
pub fn update_user() -> UpdateUserStmt {
    UpdateUserStmt(
        "UPDATE users SET first_name   = COALESCE($1, first_name), last_name    = COALESCE($2, last_name), phone_number = CASE WHEN $3 THEN $4 ELSE phone_number END, role         = COALESCE($5, role), is_active    = COALESCE($6, is_active), updated_at   = now() WHERE id = $7 RETURNING id, email, username, first_name, last_name, phone_number, role, is_active, email_verified_at IS NOT NULL AS email_verified, created_at, updated_at",
        None,
    )
}
impl UpdateUserStmt {
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
        first_name: &'a Option<T1>,
        last_name: &'a Option<T2>,
        set_phone: &'a bool,
        phone_number: &'a Option<T3>,
        role: &'a Option<T4>,
        is_active: &'a Option<bool>,
        id: &'a i64,
    ) -> UserQuery<'c, 'a, 's, C, User, 7> {
        UserQuery {
            client,
            params: [
                first_name,
                last_name,
                set_phone,
                phone_number,
                role,
                is_active,
                id,
            ],
            query: self.0,
            cached: self.1.as_ref(),
            extractor: |row: &tokio_postgres::Row| -> Result<UserBorrowed, tokio_postgres::Error> {
                Ok(UserBorrowed {
                    id: row.try_get(0)?,
                    email: row.try_get(1)?,
                    username: row.try_get(2)?,
                    first_name: row.try_get(3)?,
                    last_name: row.try_get(4)?,
                    phone_number: row.try_get(5)?,
                    role: row.try_get(6)?,
                    is_active: row.try_get(7)?,
                    email_verified: row.try_get(8)?,
                    created_at: row.try_get(9)?,
                    updated_at: row.try_get(10)?,
                })
            },
            mapper: |it| User::from(it),
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
        UpdateUserParams<T1, T2, T3, T4>,
        UserQuery<'c, 'a, 's, C, User, 7>,
        C,
    > for UpdateUserStmt
{
    fn params(
        &'s self,
        client: &'c C,
        params: &'a UpdateUserParams<T1, T2, T3, T4>,
    ) -> UserQuery<'c, 'a, 's, C, User, 7> {
        self.bind(
            client,
            &params.first_name,
            &params.last_name,
            &params.set_phone,
            &params.phone_number,
            &params.role,
            &params.is_active,
            &params.id,
        )
    }
}
pub struct UpdatePasswordHashStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn update_password_hash() -> UpdatePasswordHashStmt {
    UpdatePasswordHashStmt(
        "UPDATE users SET password_hash = $1, updated_at = now() WHERE id = $2",
        None,
    )
}
impl UpdatePasswordHashStmt {
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
        password_hash: &'a T1,
        id: &'a i64,
    ) -> Result<u64, tokio_postgres::Error> {
        client.execute(self.0, &[password_hash, id]).await
    }
}
impl<'a, C: GenericClient + Send + Sync, T1: crate::StringSql>
    crate::client::async_::Params<
        'a,
        'a,
        'a,
        UpdatePasswordHashParams<T1>,
        std::pin::Pin<
            Box<dyn futures::Future<Output = Result<u64, tokio_postgres::Error>> + Send + 'a>,
        >,
        C,
    > for UpdatePasswordHashStmt
{
    fn params(
        &'a self,
        client: &'a C,
        params: &'a UpdatePasswordHashParams<T1>,
    ) -> std::pin::Pin<
        Box<dyn futures::Future<Output = Result<u64, tokio_postgres::Error>> + Send + 'a>,
    > {
        Box::pin(self.bind(client, &params.password_hash, &params.id))
    }
}
pub struct DeleteUserStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn delete_user() -> DeleteUserStmt {
    DeleteUserStmt("DELETE FROM users WHERE id = $1", None)
}
impl DeleteUserStmt {
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
pub struct CountUsersWithEmailPrefixStmt(&'static str, Option<tokio_postgres::Statement>);
/// How many users have an email starting with a prefix (bulk seeding resumes from there).
pub fn count_users_with_email_prefix() -> CountUsersWithEmailPrefixStmt {
    CountUsersWithEmailPrefixStmt(
        "SELECT count(*) AS count FROM users WHERE starts_with(email, $1)",
        None,
    )
}
impl CountUsersWithEmailPrefixStmt {
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
pub struct ListUserIdsWithEmailPrefixStmt(&'static str, Option<tokio_postgres::Statement>);
/// Ids of the users whose email starts with a prefix, in creation (id) order (bulk seeding).
pub fn list_user_ids_with_email_prefix() -> ListUserIdsWithEmailPrefixStmt {
    ListUserIdsWithEmailPrefixStmt(
        "SELECT id FROM users WHERE starts_with(email, $1) ORDER BY id",
        None,
    )
}
impl ListUserIdsWithEmailPrefixStmt {
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
pub struct FindActiveUserByEmailStmt(&'static str, Option<tokio_postgres::Statement>);
/// The active user with this (lower-case) address, for a password reset; none for unknown or deactivated ones.
pub fn find_active_user_by_email() -> FindActiveUserByEmailStmt {
    FindActiveUserByEmailStmt(
        "SELECT id, email, first_name FROM users WHERE email = $1 AND is_active",
        None,
    )
}
impl FindActiveUserByEmailStmt {
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
        email: &'a T1,
    ) -> FindActiveUserByEmailQuery<'c, 'a, 's, C, FindActiveUserByEmail, 1> {
        FindActiveUserByEmailQuery {
            client,
            params: [email],
            query: self.0,
            cached: self.1.as_ref(),
            extractor: |
                row: &tokio_postgres::Row,
            | -> Result<FindActiveUserByEmailBorrowed, tokio_postgres::Error> {
                Ok(FindActiveUserByEmailBorrowed {
                    id: row.try_get(0)?,
                    email: row.try_get(1)?,
                    first_name: row.try_get(2)?,
                })
            },
            mapper: |it| FindActiveUserByEmail::from(it),
        }
    }
}
pub struct MarkEmailVerifiedStmt(&'static str, Option<tokio_postgres::Statement>);
/// Marks the address verified if it is still the user's; no row back when it changed meanwhile.
pub fn mark_email_verified() -> MarkEmailVerifiedStmt {
    MarkEmailVerifiedStmt(
        "UPDATE users SET email_verified_at = COALESCE(email_verified_at, now()), updated_at = now() WHERE id = $1 AND email = $2 RETURNING id",
        None,
    )
}
impl MarkEmailVerifiedStmt {
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
        id: &'a i64,
        email: &'a T1,
    ) -> I64Query<'c, 'a, 's, C, i64, 2> {
        I64Query {
            client,
            params: [id, email],
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
        MarkEmailVerifiedParams<T1>,
        I64Query<'c, 'a, 's, C, i64, 2>,
        C,
    > for MarkEmailVerifiedStmt
{
    fn params(
        &'s self,
        client: &'c C,
        params: &'a MarkEmailVerifiedParams<T1>,
    ) -> I64Query<'c, 'a, 's, C, i64, 2> {
        self.bind(client, &params.id, &params.email)
    }
}
pub struct UpdateEmailStmt(&'static str, Option<tokio_postgres::Statement>);
/// Makes a confirmed new address the user's (verified); a unique violation names `users_email_key`.
pub fn update_email() -> UpdateEmailStmt {
    UpdateEmailStmt(
        "UPDATE users SET email = $1, email_verified_at = now(), updated_at = now() WHERE id = $2",
        None,
    )
}
impl UpdateEmailStmt {
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
        email: &'a T1,
        id: &'a i64,
    ) -> Result<u64, tokio_postgres::Error> {
        client.execute(self.0, &[email, id]).await
    }
}
impl<'a, C: GenericClient + Send + Sync, T1: crate::StringSql>
    crate::client::async_::Params<
        'a,
        'a,
        'a,
        UpdateEmailParams<T1>,
        std::pin::Pin<
            Box<dyn futures::Future<Output = Result<u64, tokio_postgres::Error>> + Send + 'a>,
        >,
        C,
    > for UpdateEmailStmt
{
    fn params(
        &'a self,
        client: &'a C,
        params: &'a UpdateEmailParams<T1>,
    ) -> std::pin::Pin<
        Box<dyn futures::Future<Output = Result<u64, tokio_postgres::Error>> + Send + 'a>,
    > {
        Box::pin(self.bind(client, &params.email, &params.id))
    }
}
pub struct SearchUsersStmt(&'static str, Option<tokio_postgres::Statement>);
/// Admin search: users whose email or username contains `pattern` (a LIKE
/// pattern, lower-cased, wildcards escaped), keyset by id:
/// users_email_trgm_idx and users_username_trgm_idx.
pub fn search_users() -> SearchUsersStmt {
    SearchUsersStmt(
        "SELECT id, email, username, first_name, last_name, phone_number, role, is_active, email_verified_at IS NOT NULL AS email_verified, created_at, updated_at FROM users WHERE (email LIKE $1 OR lower(username) LIKE $1) AND ($2::text IS NULL OR role = $2) AND ($3::bigint IS NULL OR id > $3) ORDER BY id LIMIT $4",
        None,
    )
}
impl SearchUsersStmt {
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
        pattern: &'a T1,
        role: &'a Option<T2>,
        after_id: &'a Option<i64>,
        limit: &'a i64,
    ) -> UserQuery<'c, 'a, 's, C, User, 4> {
        UserQuery {
            client,
            params: [pattern, role, after_id, limit],
            query: self.0,
            cached: self.1.as_ref(),
            extractor: |row: &tokio_postgres::Row| -> Result<UserBorrowed, tokio_postgres::Error> {
                Ok(UserBorrowed {
                    id: row.try_get(0)?,
                    email: row.try_get(1)?,
                    username: row.try_get(2)?,
                    first_name: row.try_get(3)?,
                    last_name: row.try_get(4)?,
                    phone_number: row.try_get(5)?,
                    role: row.try_get(6)?,
                    is_active: row.try_get(7)?,
                    email_verified: row.try_get(8)?,
                    created_at: row.try_get(9)?,
                    updated_at: row.try_get(10)?,
                })
            },
            mapper: |it| User::from(it),
        }
    }
}
impl<'c, 'a, 's, C: GenericClient, T1: crate::StringSql, T2: crate::StringSql>
    crate::client::async_::Params<
        'c,
        'a,
        's,
        SearchUsersParams<T1, T2>,
        UserQuery<'c, 'a, 's, C, User, 4>,
        C,
    > for SearchUsersStmt
{
    fn params(
        &'s self,
        client: &'c C,
        params: &'a SearchUsersParams<T1, T2>,
    ) -> UserQuery<'c, 'a, 's, C, User, 4> {
        self.bind(
            client,
            &params.pattern,
            &params.role,
            &params.after_id,
            &params.limit,
        )
    }
}
