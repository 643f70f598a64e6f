// This file was generated with `cornucopia`. Do not modify.

#[derive(Debug)]
pub struct DeleteUnusedAccountTokensParams<T1: crate::StringSql> {
    pub user_id: i64,
    pub purpose: T1,
}
#[derive(Debug)]
pub struct InsertAccountTokenParams<
    T1: crate::StringSql,
    T2: crate::StringSql,
    T3: crate::StringSql,
    T4: crate::StringSql,
> {
    pub selector: T1,
    pub verifier_hash: T2,
    pub purpose: T3,
    pub email: T4,
    pub expires_at: chrono::DateTime<chrono::FixedOffset>,
    pub user_id: i64,
}
#[derive(Debug)]
pub struct LockAccountTokenParams<T1: crate::StringSql, T2: crate::StringSql> {
    pub selector: T1,
    pub purpose: T2,
}
#[derive(Debug, Clone, PartialEq)]
pub struct LockAccountToken {
    pub id: i64,
    pub user_id: i64,
    pub email: String,
    pub verifier_hash: String,
    pub used: bool,
    pub expired: bool,
}
pub struct LockAccountTokenBorrowed<'a> {
    pub id: i64,
    pub user_id: i64,
    pub email: &'a str,
    pub verifier_hash: &'a str,
    pub used: bool,
    pub expired: bool,
}
impl<'a> From<LockAccountTokenBorrowed<'a>> for LockAccountToken {
    fn from(
        LockAccountTokenBorrowed {
            id,
            user_id,
            email,
            verifier_hash,
            used,
            expired,
        }: LockAccountTokenBorrowed<'a>,
    ) -> Self {
        Self {
            id,
            user_id,
            email: email.into(),
            verifier_hash: verifier_hash.into(),
            used,
            expired,
        }
    }
}
use crate::client::async_::GenericClient;
use futures::{self, StreamExt, TryStreamExt};
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
pub struct LockAccountTokenQuery<'c, 'a, 's, C: GenericClient, T, const N: usize> {
    client: &'c C,
    params: [&'a (dyn postgres_types::ToSql + Sync); N],
    query: &'static str,
    cached: Option<&'s tokio_postgres::Statement>,
    extractor: fn(&tokio_postgres::Row) -> Result<LockAccountTokenBorrowed, tokio_postgres::Error>,
    mapper: fn(LockAccountTokenBorrowed) -> T,
}
impl<'c, 'a, 's, C, T: 'c, const N: usize> LockAccountTokenQuery<'c, 'a, 's, C, T, N>
where
    C: GenericClient,
{
    pub fn map<R>(
        self,
        mapper: fn(LockAccountTokenBorrowed) -> R,
    ) -> LockAccountTokenQuery<'c, 'a, 's, C, R, N> {
        LockAccountTokenQuery {
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
pub struct DeleteUnusedAccountTokensStmt(&'static str, Option<tokio_postgres::Statement>);
/// Invalidates the user's unused tokens of one purpose (a newer token replaces them, or the flow completed).
pub fn delete_unused_account_tokens() -> DeleteUnusedAccountTokensStmt {
    DeleteUnusedAccountTokensStmt(
        "DELETE FROM account_tokens WHERE user_id = $1 AND purpose = $2 AND used_at IS NULL",
        None,
    )
}
impl DeleteUnusedAccountTokensStmt {
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
        user_id: &'a i64,
        purpose: &'a T1,
    ) -> Result<u64, tokio_postgres::Error> {
        client.execute(self.0, &[user_id, purpose]).await
    }
}
impl<'a, C: GenericClient + Send + Sync, T1: crate::StringSql>
    crate::client::async_::Params<
        'a,
        'a,
        'a,
        DeleteUnusedAccountTokensParams<T1>,
        std::pin::Pin<
            Box<dyn futures::Future<Output = Result<u64, tokio_postgres::Error>> + Send + 'a>,
        >,
        C,
    > for DeleteUnusedAccountTokensStmt
{
    fn params(
        &'a self,
        client: &'a C,
        params: &'a DeleteUnusedAccountTokensParams<T1>,
    ) -> std::pin::Pin<
        Box<dyn futures::Future<Output = Result<u64, tokio_postgres::Error>> + Send + 'a>,
    > {
        Box::pin(self.bind(client, &params.user_id, &params.purpose))
    }
}
pub struct InsertAccountTokenStmt(&'static str, Option<tokio_postgres::Statement>);
/// Issues a token if the user exists and is active; no row back means no token (deleted or deactivated user).
pub fn insert_account_token() -> InsertAccountTokenStmt {
    InsertAccountTokenStmt(
        "INSERT INTO account_tokens (selector, verifier_hash, user_id, purpose, email, expires_at) SELECT $1, $2, id, $3, $4, $5 FROM users WHERE id = $6 AND is_active RETURNING id",
        None,
    )
}
impl InsertAccountTokenStmt {
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
        selector: &'a T1,
        verifier_hash: &'a T2,
        purpose: &'a T3,
        email: &'a T4,
        expires_at: &'a chrono::DateTime<chrono::FixedOffset>,
        user_id: &'a i64,
    ) -> I64Query<'c, 'a, 's, C, i64, 6> {
        I64Query {
            client,
            params: [selector, verifier_hash, purpose, email, expires_at, user_id],
            query: self.0,
            cached: self.1.as_ref(),
            extractor: |row| Ok(row.try_get(0)?),
            mapper: |it| it,
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
        InsertAccountTokenParams<T1, T2, T3, T4>,
        I64Query<'c, 'a, 's, C, i64, 6>,
        C,
    > for InsertAccountTokenStmt
{
    fn params(
        &'s self,
        client: &'c C,
        params: &'a InsertAccountTokenParams<T1, T2, T3, T4>,
    ) -> I64Query<'c, 'a, 's, C, i64, 6> {
        self.bind(
            client,
            &params.selector,
            &params.verifier_hash,
            &params.purpose,
            &params.email,
            &params.expires_at,
            &params.user_id,
        )
    }
}
pub struct LockAccountTokenStmt(&'static str, Option<tokio_postgres::Statement>);
/// The token with this selector and purpose, locked until the redeeming transaction ends.
///
/// The verifier hash is compared by the caller (in constant time); `used` and
/// `expired` are read under the lock, so two concurrent redemptions of one
/// token run one after the other and the second sees it used.
pub fn lock_account_token() -> LockAccountTokenStmt {
    LockAccountTokenStmt(
        "SELECT id, user_id, email, verifier_hash, used_at IS NOT NULL AS used, expires_at <= now() AS expired FROM account_tokens WHERE selector = $1 AND purpose = $2 FOR UPDATE",
        None,
    )
}
impl LockAccountTokenStmt {
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
        selector: &'a T1,
        purpose: &'a T2,
    ) -> LockAccountTokenQuery<'c, 'a, 's, C, LockAccountToken, 2> {
        LockAccountTokenQuery {
            client,
            params: [selector, purpose],
            query: self.0,
            cached: self.1.as_ref(),
            extractor: |
                row: &tokio_postgres::Row,
            | -> Result<LockAccountTokenBorrowed, tokio_postgres::Error> {
                Ok(LockAccountTokenBorrowed {
                    id: row.try_get(0)?,
                    user_id: row.try_get(1)?,
                    email: row.try_get(2)?,
                    verifier_hash: row.try_get(3)?,
                    used: row.try_get(4)?,
                    expired: row.try_get(5)?,
                })
            },
            mapper: |it| LockAccountToken::from(it),
        }
    }
}
impl<'c, 'a, 's, C: GenericClient, T1: crate::StringSql, T2: crate::StringSql>
    crate::client::async_::Params<
        'c,
        'a,
        's,
        LockAccountTokenParams<T1, T2>,
        LockAccountTokenQuery<'c, 'a, 's, C, LockAccountToken, 2>,
        C,
    > for LockAccountTokenStmt
{
    fn params(
        &'s self,
        client: &'c C,
        params: &'a LockAccountTokenParams<T1, T2>,
    ) -> LockAccountTokenQuery<'c, 'a, 's, C, LockAccountToken, 2> {
        self.bind(client, &params.selector, &params.purpose)
    }
}
pub struct MarkAccountTokenUsedStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn mark_account_token_used() -> MarkAccountTokenUsedStmt {
    MarkAccountTokenUsedStmt(
        "UPDATE account_tokens SET used_at = now() WHERE id = $1",
        None,
    )
}
impl MarkAccountTokenUsedStmt {
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
pub struct DeleteSpentAccountTokensStmt(&'static str, Option<tokio_postgres::Statement>);
/// Housekeeping: removes used and expired tokens (they are refused anyway).
pub fn delete_spent_account_tokens() -> DeleteSpentAccountTokensStmt {
    DeleteSpentAccountTokensStmt(
        "DELETE FROM account_tokens WHERE used_at IS NOT NULL OR expires_at <= now()",
        None,
    )
}
impl DeleteSpentAccountTokensStmt {
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
pub struct CountAccountTokensOfUserStmt(&'static str, Option<tokio_postgres::Statement>);
/// How many token rows a user has, whatever their state (tests and diagnostics).
pub fn count_account_tokens_of_user() -> CountAccountTokensOfUserStmt {
    CountAccountTokensOfUserStmt(
        "SELECT count(*) AS count FROM account_tokens WHERE user_id = $1",
        None,
    )
}
impl CountAccountTokensOfUserStmt {
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
        user_id: &'a i64,
    ) -> I64Query<'c, 'a, 's, C, i64, 1> {
        I64Query {
            client,
            params: [user_id],
            query: self.0,
            cached: self.1.as_ref(),
            extractor: |row| Ok(row.try_get(0)?),
            mapper: |it| it,
        }
    }
}
