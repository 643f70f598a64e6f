// This file was generated with `cornucopia`. Do not modify.

#[derive(Clone, Copy, Debug)]
pub struct PrunePublishedOutboxParams {
    pub cutoff: chrono::DateTime<chrono::FixedOffset>,
    pub batch: i64,
}
#[derive(Clone, Copy, Debug)]
pub struct PruneProcessedJobsParams {
    pub cutoff: chrono::DateTime<chrono::FixedOffset>,
    pub batch: i64,
}
#[derive(Clone, Copy, Debug)]
pub struct PruneRefreshTokensParams {
    pub cutoff: chrono::DateTime<chrono::FixedOffset>,
    pub batch: i64,
}
#[derive(Clone, Copy, Debug)]
pub struct PruneRevokedAccessTokensParams {
    pub cutoff: chrono::DateTime<chrono::FixedOffset>,
    pub batch: i64,
}
#[derive(Clone, Copy, Debug)]
pub struct ForgetOrderIdempotencyKeysParams {
    pub cutoff: chrono::DateTime<chrono::FixedOffset>,
    pub batch: i64,
}
#[derive(Clone, Copy, Debug)]
pub struct ForgetPaymentIdempotencyKeysParams {
    pub cutoff: chrono::DateTime<chrono::FixedOffset>,
    pub batch: i64,
}
#[derive(Clone, Copy, Debug)]
pub struct ForgetRefundIdempotencyKeysParams {
    pub cutoff: chrono::DateTime<chrono::FixedOffset>,
    pub batch: i64,
}
#[derive(Debug, Clone, PartialEq, Copy)]
pub struct OutboxBacklog {
    pub backlog: i64,
    pub oldest_age_seconds: f64,
}
use crate::client::async_::GenericClient;
use futures::{self, StreamExt, TryStreamExt};
pub struct OutboxBacklogQuery<'c, 'a, 's, C: GenericClient, T, const N: usize> {
    client: &'c C,
    params: [&'a (dyn postgres_types::ToSql + Sync); N],
    query: &'static str,
    cached: Option<&'s tokio_postgres::Statement>,
    extractor: fn(&tokio_postgres::Row) -> Result<OutboxBacklog, tokio_postgres::Error>,
    mapper: fn(OutboxBacklog) -> T,
}
impl<'c, 'a, 's, C, T: 'c, const N: usize> OutboxBacklogQuery<'c, 'a, 's, C, T, N>
where
    C: GenericClient,
{
    pub fn map<R>(self, mapper: fn(OutboxBacklog) -> R) -> OutboxBacklogQuery<'c, 'a, 's, C, R, N> {
        OutboxBacklogQuery {
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
pub struct PrunePublishedOutboxStmt(&'static str, Option<tokio_postgres::Statement>);
/// Deletes up to `batch` outbox rows published before `cutoff`, oldest first (`outbox_published_idx`).
pub fn prune_published_outbox() -> PrunePublishedOutboxStmt {
    PrunePublishedOutboxStmt(
        "DELETE FROM outbox WHERE id IN ( SELECT id FROM outbox WHERE published_at IS NOT NULL AND published_at < $1 ORDER BY published_at LIMIT $2 )",
        None,
    )
}
impl PrunePublishedOutboxStmt {
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
        cutoff: &'a chrono::DateTime<chrono::FixedOffset>,
        batch: &'a i64,
    ) -> Result<u64, tokio_postgres::Error> {
        client.execute(self.0, &[cutoff, batch]).await
    }
}
impl<'a, C: GenericClient + Send + Sync>
    crate::client::async_::Params<
        'a,
        'a,
        'a,
        PrunePublishedOutboxParams,
        std::pin::Pin<
            Box<dyn futures::Future<Output = Result<u64, tokio_postgres::Error>> + Send + 'a>,
        >,
        C,
    > for PrunePublishedOutboxStmt
{
    fn params(
        &'a self,
        client: &'a C,
        params: &'a PrunePublishedOutboxParams,
    ) -> std::pin::Pin<
        Box<dyn futures::Future<Output = Result<u64, tokio_postgres::Error>> + Send + 'a>,
    > {
        Box::pin(self.bind(client, &params.cutoff, &params.batch))
    }
}
pub struct PruneProcessedJobsStmt(&'static str, Option<tokio_postgres::Statement>);
/// Deletes up to `batch` job-idempotency records older than `cutoff` (`processed_jobs_processed_idx`).
pub fn prune_processed_jobs() -> PruneProcessedJobsStmt {
    PruneProcessedJobsStmt(
        "DELETE FROM processed_jobs WHERE job_id IN ( SELECT job_id FROM processed_jobs WHERE processed_at < $1 ORDER BY processed_at LIMIT $2 )",
        None,
    )
}
impl PruneProcessedJobsStmt {
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
        cutoff: &'a chrono::DateTime<chrono::FixedOffset>,
        batch: &'a i64,
    ) -> Result<u64, tokio_postgres::Error> {
        client.execute(self.0, &[cutoff, batch]).await
    }
}
impl<'a, C: GenericClient + Send + Sync>
    crate::client::async_::Params<
        'a,
        'a,
        'a,
        PruneProcessedJobsParams,
        std::pin::Pin<
            Box<dyn futures::Future<Output = Result<u64, tokio_postgres::Error>> + Send + 'a>,
        >,
        C,
    > for PruneProcessedJobsStmt
{
    fn params(
        &'a self,
        client: &'a C,
        params: &'a PruneProcessedJobsParams,
    ) -> std::pin::Pin<
        Box<dyn futures::Future<Output = Result<u64, tokio_postgres::Error>> + Send + 'a>,
    > {
        Box::pin(self.bind(client, &params.cutoff, &params.batch))
    }
}
pub struct PruneRefreshTokensStmt(&'static str, Option<tokio_postgres::Statement>);
/// Deletes up to `batch` refresh tokens that expired before `cutoff` (`refresh_tokens_expires_idx`).
///
/// Used tokens are kept until then because presenting a used token is how
/// theft is detected; an expired one is refused anyway.
pub fn prune_refresh_tokens() -> PruneRefreshTokensStmt {
    PruneRefreshTokensStmt(
        "DELETE FROM refresh_tokens WHERE id IN ( SELECT id FROM refresh_tokens WHERE expires_at < $1 ORDER BY expires_at LIMIT $2 )",
        None,
    )
}
impl PruneRefreshTokensStmt {
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
        cutoff: &'a chrono::DateTime<chrono::FixedOffset>,
        batch: &'a i64,
    ) -> Result<u64, tokio_postgres::Error> {
        client.execute(self.0, &[cutoff, batch]).await
    }
}
impl<'a, C: GenericClient + Send + Sync>
    crate::client::async_::Params<
        'a,
        'a,
        'a,
        PruneRefreshTokensParams,
        std::pin::Pin<
            Box<dyn futures::Future<Output = Result<u64, tokio_postgres::Error>> + Send + 'a>,
        >,
        C,
    > for PruneRefreshTokensStmt
{
    fn params(
        &'a self,
        client: &'a C,
        params: &'a PruneRefreshTokensParams,
    ) -> std::pin::Pin<
        Box<dyn futures::Future<Output = Result<u64, tokio_postgres::Error>> + Send + 'a>,
    > {
        Box::pin(self.bind(client, &params.cutoff, &params.batch))
    }
}
pub struct PruneRevokedAccessTokensStmt(&'static str, Option<tokio_postgres::Statement>);
/// Deletes up to `batch` revoked access-token ids whose token expired before
/// `cutoff` (`revoked_access_tokens_expires_idx`): such a token is refused anyway.
pub fn prune_revoked_access_tokens() -> PruneRevokedAccessTokensStmt {
    PruneRevokedAccessTokensStmt(
        "DELETE FROM revoked_access_tokens WHERE jti IN ( SELECT jti FROM revoked_access_tokens WHERE expires_at < $1 ORDER BY expires_at LIMIT $2 )",
        None,
    )
}
impl PruneRevokedAccessTokensStmt {
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
        cutoff: &'a chrono::DateTime<chrono::FixedOffset>,
        batch: &'a i64,
    ) -> Result<u64, tokio_postgres::Error> {
        client.execute(self.0, &[cutoff, batch]).await
    }
}
impl<'a, C: GenericClient + Send + Sync>
    crate::client::async_::Params<
        'a,
        'a,
        'a,
        PruneRevokedAccessTokensParams,
        std::pin::Pin<
            Box<dyn futures::Future<Output = Result<u64, tokio_postgres::Error>> + Send + 'a>,
        >,
        C,
    > for PruneRevokedAccessTokensStmt
{
    fn params(
        &'a self,
        client: &'a C,
        params: &'a PruneRevokedAccessTokensParams,
    ) -> std::pin::Pin<
        Box<dyn futures::Future<Output = Result<u64, tokio_postgres::Error>> + Send + 'a>,
    > {
        Box::pin(self.bind(client, &params.cutoff, &params.batch))
    }
}
pub struct ForgetOrderIdempotencyKeysStmt(&'static str, Option<tokio_postgres::Statement>);
/// Clears up to `batch` Idempotency-Keys of orders created before `cutoff` (`orders_idempotency_created_idx`).
pub fn forget_order_idempotency_keys() -> ForgetOrderIdempotencyKeysStmt {
    ForgetOrderIdempotencyKeysStmt(
        "UPDATE orders SET idempotency_key = NULL, request_fingerprint = NULL WHERE id IN ( SELECT id FROM orders WHERE idempotency_key IS NOT NULL AND created_at < $1 ORDER BY created_at LIMIT $2 )",
        None,
    )
}
impl ForgetOrderIdempotencyKeysStmt {
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
        cutoff: &'a chrono::DateTime<chrono::FixedOffset>,
        batch: &'a i64,
    ) -> Result<u64, tokio_postgres::Error> {
        client.execute(self.0, &[cutoff, batch]).await
    }
}
impl<'a, C: GenericClient + Send + Sync>
    crate::client::async_::Params<
        'a,
        'a,
        'a,
        ForgetOrderIdempotencyKeysParams,
        std::pin::Pin<
            Box<dyn futures::Future<Output = Result<u64, tokio_postgres::Error>> + Send + 'a>,
        >,
        C,
    > for ForgetOrderIdempotencyKeysStmt
{
    fn params(
        &'a self,
        client: &'a C,
        params: &'a ForgetOrderIdempotencyKeysParams,
    ) -> std::pin::Pin<
        Box<dyn futures::Future<Output = Result<u64, tokio_postgres::Error>> + Send + 'a>,
    > {
        Box::pin(self.bind(client, &params.cutoff, &params.batch))
    }
}
pub struct ForgetPaymentIdempotencyKeysStmt(&'static str, Option<tokio_postgres::Statement>);
/// Clears up to `batch` Idempotency-Keys of payments created before `cutoff` (`payments_idempotency_created_idx`).
pub fn forget_payment_idempotency_keys() -> ForgetPaymentIdempotencyKeysStmt {
    ForgetPaymentIdempotencyKeysStmt(
        "UPDATE payments SET idempotency_key = NULL, request_fingerprint = NULL WHERE id IN ( SELECT id FROM payments WHERE idempotency_key IS NOT NULL AND created_at < $1 ORDER BY created_at LIMIT $2 )",
        None,
    )
}
impl ForgetPaymentIdempotencyKeysStmt {
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
        cutoff: &'a chrono::DateTime<chrono::FixedOffset>,
        batch: &'a i64,
    ) -> Result<u64, tokio_postgres::Error> {
        client.execute(self.0, &[cutoff, batch]).await
    }
}
impl<'a, C: GenericClient + Send + Sync>
    crate::client::async_::Params<
        'a,
        'a,
        'a,
        ForgetPaymentIdempotencyKeysParams,
        std::pin::Pin<
            Box<dyn futures::Future<Output = Result<u64, tokio_postgres::Error>> + Send + 'a>,
        >,
        C,
    > for ForgetPaymentIdempotencyKeysStmt
{
    fn params(
        &'a self,
        client: &'a C,
        params: &'a ForgetPaymentIdempotencyKeysParams,
    ) -> std::pin::Pin<
        Box<dyn futures::Future<Output = Result<u64, tokio_postgres::Error>> + Send + 'a>,
    > {
        Box::pin(self.bind(client, &params.cutoff, &params.batch))
    }
}
pub struct ForgetRefundIdempotencyKeysStmt(&'static str, Option<tokio_postgres::Statement>);
/// Clears up to `batch` Idempotency-Keys of refunds created before `cutoff` (`refunds_idempotency_created_idx`).
pub fn forget_refund_idempotency_keys() -> ForgetRefundIdempotencyKeysStmt {
    ForgetRefundIdempotencyKeysStmt(
        "UPDATE refunds SET idempotency_key = NULL, request_fingerprint = NULL WHERE id IN ( SELECT id FROM refunds WHERE idempotency_key IS NOT NULL AND created_at < $1 ORDER BY created_at LIMIT $2 )",
        None,
    )
}
impl ForgetRefundIdempotencyKeysStmt {
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
        cutoff: &'a chrono::DateTime<chrono::FixedOffset>,
        batch: &'a i64,
    ) -> Result<u64, tokio_postgres::Error> {
        client.execute(self.0, &[cutoff, batch]).await
    }
}
impl<'a, C: GenericClient + Send + Sync>
    crate::client::async_::Params<
        'a,
        'a,
        'a,
        ForgetRefundIdempotencyKeysParams,
        std::pin::Pin<
            Box<dyn futures::Future<Output = Result<u64, tokio_postgres::Error>> + Send + 'a>,
        >,
        C,
    > for ForgetRefundIdempotencyKeysStmt
{
    fn params(
        &'a self,
        client: &'a C,
        params: &'a ForgetRefundIdempotencyKeysParams,
    ) -> std::pin::Pin<
        Box<dyn futures::Future<Output = Result<u64, tokio_postgres::Error>> + Send + 'a>,
    > {
        Box::pin(self.bind(client, &params.cutoff, &params.batch))
    }
}
pub struct OutboxBacklogStmt(&'static str, Option<tokio_postgres::Statement>);
/// Unpublished rows and the age in seconds of the oldest (metrics; the relay's partial index `outbox_due_idx` covers it).
pub fn outbox_backlog() -> OutboxBacklogStmt {
    OutboxBacklogStmt(
        "SELECT count(*) AS backlog, coalesce(extract(epoch FROM now() - min(created_at)), 0)::float8 AS oldest_age_seconds FROM outbox WHERE published_at IS NULL",
        None,
    )
}
impl OutboxBacklogStmt {
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
    ) -> OutboxBacklogQuery<'c, 'a, 's, C, OutboxBacklog, 0> {
        OutboxBacklogQuery {
            client,
            params: [],
            query: self.0,
            cached: self.1.as_ref(),
            extractor: |row: &tokio_postgres::Row| -> Result<OutboxBacklog, tokio_postgres::Error> {
                Ok(OutboxBacklog {
                    backlog: row.try_get(0)?,
                    oldest_age_seconds: row.try_get(1)?,
                })
            },
            mapper: |it| OutboxBacklog::from(it),
        }
    }
}
