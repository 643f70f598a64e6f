// This file was generated with `cornucopia`. Do not modify.

#[derive(Debug)]
pub struct InsertRefreshTokenParams<T1: crate::StringSql> {
    pub user_id: i64,
    pub family_id: uuid::Uuid,
    pub token_hash: T1,
    pub expires_at: chrono::DateTime<chrono::FixedOffset>,
}
#[derive(Debug)]
pub struct FindRefreshFamilyOfUserParams<T1: crate::StringSql> {
    pub token_hash: T1,
    pub user_id: i64,
}
#[derive(Debug, Clone, PartialEq, Copy)]
pub struct ConsumeRefreshToken {
    pub user_id: i64,
    pub family_id: uuid::Uuid,
}
#[derive(Debug, Clone, PartialEq, Copy)]
pub struct FindRefreshToken {
    pub user_id: i64,
    pub family_id: uuid::Uuid,
    pub used: bool,
    pub revoked: bool,
}
use crate::client::async_::GenericClient;
use futures::{self, StreamExt, TryStreamExt};
pub struct ConsumeRefreshTokenQuery<'c, 'a, 's, C: GenericClient, T, const N: usize> {
    client: &'c C,
    params: [&'a (dyn postgres_types::ToSql + Sync); N],
    query: &'static str,
    cached: Option<&'s tokio_postgres::Statement>,
    extractor: fn(&tokio_postgres::Row) -> Result<ConsumeRefreshToken, tokio_postgres::Error>,
    mapper: fn(ConsumeRefreshToken) -> T,
}
impl<'c, 'a, 's, C, T: 'c, const N: usize> ConsumeRefreshTokenQuery<'c, 'a, 's, C, T, N>
where
    C: GenericClient,
{
    pub fn map<R>(
        self,
        mapper: fn(ConsumeRefreshToken) -> R,
    ) -> ConsumeRefreshTokenQuery<'c, 'a, 's, C, R, N> {
        ConsumeRefreshTokenQuery {
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
pub struct FindRefreshTokenQuery<'c, 'a, 's, C: GenericClient, T, const N: usize> {
    client: &'c C,
    params: [&'a (dyn postgres_types::ToSql + Sync); N],
    query: &'static str,
    cached: Option<&'s tokio_postgres::Statement>,
    extractor: fn(&tokio_postgres::Row) -> Result<FindRefreshToken, tokio_postgres::Error>,
    mapper: fn(FindRefreshToken) -> T,
}
impl<'c, 'a, 's, C, T: 'c, const N: usize> FindRefreshTokenQuery<'c, 'a, 's, C, T, N>
where
    C: GenericClient,
{
    pub fn map<R>(
        self,
        mapper: fn(FindRefreshToken) -> R,
    ) -> FindRefreshTokenQuery<'c, 'a, 's, C, R, N> {
        FindRefreshTokenQuery {
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
pub struct UuidUuidQuery<'c, 'a, 's, C: GenericClient, T, const N: usize> {
    client: &'c C,
    params: [&'a (dyn postgres_types::ToSql + Sync); N],
    query: &'static str,
    cached: Option<&'s tokio_postgres::Statement>,
    extractor: fn(&tokio_postgres::Row) -> Result<uuid::Uuid, tokio_postgres::Error>,
    mapper: fn(uuid::Uuid) -> T,
}
impl<'c, 'a, 's, C, T: 'c, const N: usize> UuidUuidQuery<'c, 'a, 's, C, T, N>
where
    C: GenericClient,
{
    pub fn map<R>(self, mapper: fn(uuid::Uuid) -> R) -> UuidUuidQuery<'c, 'a, 's, C, R, N> {
        UuidUuidQuery {
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
pub struct InsertRefreshTokenStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn insert_refresh_token() -> InsertRefreshTokenStmt {
    InsertRefreshTokenStmt(
        "INSERT INTO refresh_tokens (user_id, family_id, token_hash, expires_at) VALUES ($1, $2, $3, $4)",
        None,
    )
}
impl InsertRefreshTokenStmt {
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
        family_id: &'a uuid::Uuid,
        token_hash: &'a T1,
        expires_at: &'a chrono::DateTime<chrono::FixedOffset>,
    ) -> Result<u64, tokio_postgres::Error> {
        client
            .execute(self.0, &[user_id, family_id, token_hash, expires_at])
            .await
    }
}
impl<'a, C: GenericClient + Send + Sync, T1: crate::StringSql>
    crate::client::async_::Params<
        'a,
        'a,
        'a,
        InsertRefreshTokenParams<T1>,
        std::pin::Pin<
            Box<dyn futures::Future<Output = Result<u64, tokio_postgres::Error>> + Send + 'a>,
        >,
        C,
    > for InsertRefreshTokenStmt
{
    fn params(
        &'a self,
        client: &'a C,
        params: &'a InsertRefreshTokenParams<T1>,
    ) -> std::pin::Pin<
        Box<dyn futures::Future<Output = Result<u64, tokio_postgres::Error>> + Send + 'a>,
    > {
        Box::pin(self.bind(
            client,
            &params.user_id,
            &params.family_id,
            &params.token_hash,
            &params.expires_at,
        ))
    }
}
pub struct ConsumeRefreshTokenStmt(&'static str, Option<tokio_postgres::Statement>);
/// Atomically marks a live token used; no row means unknown, used, revoked or expired.
pub fn consume_refresh_token() -> ConsumeRefreshTokenStmt {
    ConsumeRefreshTokenStmt(
        "UPDATE refresh_tokens SET used_at = now() WHERE token_hash = $1 AND used_at IS NULL AND revoked_at IS NULL AND expires_at > now() RETURNING user_id, family_id",
        None,
    )
}
impl ConsumeRefreshTokenStmt {
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
        token_hash: &'a T1,
    ) -> ConsumeRefreshTokenQuery<'c, 'a, 's, C, ConsumeRefreshToken, 1> {
        ConsumeRefreshTokenQuery {
            client,
            params: [token_hash],
            query: self.0,
            cached: self.1.as_ref(),
            extractor:
                |row: &tokio_postgres::Row| -> Result<ConsumeRefreshToken, tokio_postgres::Error> {
                    Ok(ConsumeRefreshToken {
                        user_id: row.try_get(0)?,
                        family_id: row.try_get(1)?,
                    })
                },
            mapper: |it| ConsumeRefreshToken::from(it),
        }
    }
}
pub struct FindRefreshTokenStmt(&'static str, Option<tokio_postgres::Statement>);
/// A token regardless of state, to tell a retry (used, session live) and reuse (theft) apart from garbage.
pub fn find_refresh_token() -> FindRefreshTokenStmt {
    FindRefreshTokenStmt(
        "SELECT user_id, family_id, used_at IS NOT NULL AS used, revoked_at IS NOT NULL AS revoked FROM refresh_tokens WHERE token_hash = $1",
        None,
    )
}
impl FindRefreshTokenStmt {
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
        token_hash: &'a T1,
    ) -> FindRefreshTokenQuery<'c, 'a, 's, C, FindRefreshToken, 1> {
        FindRefreshTokenQuery {
            client,
            params: [token_hash],
            query: self.0,
            cached: self.1.as_ref(),
            extractor:
                |row: &tokio_postgres::Row| -> Result<FindRefreshToken, tokio_postgres::Error> {
                    Ok(FindRefreshToken {
                        user_id: row.try_get(0)?,
                        family_id: row.try_get(1)?,
                        used: row.try_get(2)?,
                        revoked: row.try_get(3)?,
                    })
                },
            mapper: |it| FindRefreshToken::from(it),
        }
    }
}
pub struct RevokeRefreshFamilyStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn revoke_refresh_family() -> RevokeRefreshFamilyStmt {
    RevokeRefreshFamilyStmt(
        "UPDATE refresh_tokens SET revoked_at = now() WHERE family_id = $1 AND revoked_at IS NULL",
        None,
    )
}
impl RevokeRefreshFamilyStmt {
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
        family_id: &'a uuid::Uuid,
    ) -> Result<u64, tokio_postgres::Error> {
        client.execute(self.0, &[family_id]).await
    }
}
pub struct RevokeUserRefreshTokensStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn revoke_user_refresh_tokens() -> RevokeUserRefreshTokensStmt {
    RevokeUserRefreshTokensStmt(
        "UPDATE refresh_tokens SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL",
        None,
    )
}
impl RevokeUserRefreshTokensStmt {
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
        user_id: &'a i64,
    ) -> Result<u64, tokio_postgres::Error> {
        client.execute(self.0, &[user_id]).await
    }
}
pub struct FindRefreshFamilyOfUserStmt(&'static str, Option<tokio_postgres::Statement>);
/// The family of a token that belongs to this user (logout revokes only the caller's own session).
pub fn find_refresh_family_of_user() -> FindRefreshFamilyOfUserStmt {
    FindRefreshFamilyOfUserStmt(
        "SELECT family_id FROM refresh_tokens WHERE token_hash = $1 AND user_id = $2",
        None,
    )
}
impl FindRefreshFamilyOfUserStmt {
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
        token_hash: &'a T1,
        user_id: &'a i64,
    ) -> UuidUuidQuery<'c, 'a, 's, C, uuid::Uuid, 2> {
        UuidUuidQuery {
            client,
            params: [token_hash, user_id],
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
        FindRefreshFamilyOfUserParams<T1>,
        UuidUuidQuery<'c, 'a, 's, C, uuid::Uuid, 2>,
        C,
    > for FindRefreshFamilyOfUserStmt
{
    fn params(
        &'s self,
        client: &'c C,
        params: &'a FindRefreshFamilyOfUserParams<T1>,
    ) -> UuidUuidQuery<'c, 'a, 's, C, uuid::Uuid, 2> {
        self.bind(client, &params.token_hash, &params.user_id)
    }
}
