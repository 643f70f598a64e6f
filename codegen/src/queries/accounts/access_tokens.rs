// This file was generated with `cornucopia`. Do not modify.

#[derive(Debug)]
pub struct InsertRevokedAccessTokenParams<T1: crate::StringSql> {
    pub jti: T1,
    pub user_id: i64,
    pub expires_at: chrono::DateTime<chrono::FixedOffset>,
}
#[derive(Debug, Clone, PartialEq)]
pub struct FindRevocationState {
    pub token_generation: i64,
    pub revoked_jtis: Vec<String>,
}
pub struct FindRevocationStateBorrowed<'a> {
    pub token_generation: i64,
    pub revoked_jtis: crate::ArrayIterator<'a, &'a str>,
}
impl<'a> From<FindRevocationStateBorrowed<'a>> for FindRevocationState {
    fn from(
        FindRevocationStateBorrowed {
            token_generation,
            revoked_jtis,
        }: FindRevocationStateBorrowed<'a>,
    ) -> Self {
        Self {
            token_generation,
            revoked_jtis: revoked_jtis.map(|v| v.into()).collect(),
        }
    }
}
use crate::client::async_::GenericClient;
use futures::{self, StreamExt, TryStreamExt};
pub struct FindRevocationStateQuery<'c, 'a, 's, C: GenericClient, T, const N: usize> {
    client: &'c C,
    params: [&'a (dyn postgres_types::ToSql + Sync); N],
    query: &'static str,
    cached: Option<&'s tokio_postgres::Statement>,
    extractor:
        fn(&tokio_postgres::Row) -> Result<FindRevocationStateBorrowed, tokio_postgres::Error>,
    mapper: fn(FindRevocationStateBorrowed) -> T,
}
impl<'c, 'a, 's, C, T: 'c, const N: usize> FindRevocationStateQuery<'c, 'a, 's, C, T, N>
where
    C: GenericClient,
{
    pub fn map<R>(
        self,
        mapper: fn(FindRevocationStateBorrowed) -> R,
    ) -> FindRevocationStateQuery<'c, 'a, 's, C, R, N> {
        FindRevocationStateQuery {
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
pub struct InsertRevokedAccessTokenStmt(&'static str, Option<tokio_postgres::Statement>);
/// Records an access token revoked on logout until `expires_at` (its `exp` plus
/// the JWT leeway); revoking it again is a no-op.
pub fn insert_revoked_access_token() -> InsertRevokedAccessTokenStmt {
    InsertRevokedAccessTokenStmt(
        "INSERT INTO revoked_access_tokens (jti, user_id, expires_at) VALUES ($1, $2, $3) ON CONFLICT (jti) DO NOTHING",
        None,
    )
}
impl InsertRevokedAccessTokenStmt {
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
        jti: &'a T1,
        user_id: &'a i64,
        expires_at: &'a chrono::DateTime<chrono::FixedOffset>,
    ) -> Result<u64, tokio_postgres::Error> {
        client.execute(self.0, &[jti, user_id, expires_at]).await
    }
}
impl<'a, C: GenericClient + Send + Sync, T1: crate::StringSql>
    crate::client::async_::Params<
        'a,
        'a,
        'a,
        InsertRevokedAccessTokenParams<T1>,
        std::pin::Pin<
            Box<dyn futures::Future<Output = Result<u64, tokio_postgres::Error>> + Send + 'a>,
        >,
        C,
    > for InsertRevokedAccessTokenStmt
{
    fn params(
        &'a self,
        client: &'a C,
        params: &'a InsertRevokedAccessTokenParams<T1>,
    ) -> std::pin::Pin<
        Box<dyn futures::Future<Output = Result<u64, tokio_postgres::Error>> + Send + 'a>,
    > {
        Box::pin(self.bind(client, &params.jti, &params.user_id, &params.expires_at))
    }
}
pub struct FindRevocationStateStmt(&'static str, Option<tokio_postgres::Statement>);
/// The user's token generation and the ids of their revoked access tokens that
/// could still be accepted (refills the Redis cache;
/// `revoked_access_tokens_user_idx`); no row for deleted users.
pub fn find_revocation_state() -> FindRevocationStateStmt {
    FindRevocationStateStmt(
        "SELECT u.token_generation, ARRAY(SELECT r.jti FROM revoked_access_tokens r WHERE r.user_id = u.id AND r.expires_at > now() ORDER BY r.expires_at) AS revoked_jtis FROM users u WHERE u.id = $1",
        None,
    )
}
impl FindRevocationStateStmt {
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
    ) -> FindRevocationStateQuery<'c, 'a, 's, C, FindRevocationState, 1> {
        FindRevocationStateQuery {
            client,
            params: [id],
            query: self.0,
            cached: self.1.as_ref(),
            extractor: |
                row: &tokio_postgres::Row,
            | -> Result<FindRevocationStateBorrowed, tokio_postgres::Error> {
                Ok(FindRevocationStateBorrowed {
                    token_generation: row.try_get(0)?,
                    revoked_jtis: row.try_get(1)?,
                })
            },
            mapper: |it| FindRevocationState::from(it),
        }
    }
}
