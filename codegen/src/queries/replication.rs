// This file was generated with `cornucopia`. Do not modify.

#[derive(Debug, Clone, PartialEq, Copy)]
pub struct ReplicaReplayPosition {
    pub in_recovery: bool,
    pub lsn: Option<i64>,
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
pub struct ReplicaReplayPositionQuery<'c, 'a, 's, C: GenericClient, T, const N: usize> {
    client: &'c C,
    params: [&'a (dyn postgres_types::ToSql + Sync); N],
    query: &'static str,
    cached: Option<&'s tokio_postgres::Statement>,
    extractor: fn(&tokio_postgres::Row) -> Result<ReplicaReplayPosition, tokio_postgres::Error>,
    mapper: fn(ReplicaReplayPosition) -> T,
}
impl<'c, 'a, 's, C, T: 'c, const N: usize> ReplicaReplayPositionQuery<'c, 'a, 's, C, T, N>
where
    C: GenericClient,
{
    pub fn map<R>(
        self,
        mapper: fn(ReplicaReplayPosition) -> R,
    ) -> ReplicaReplayPositionQuery<'c, 'a, 's, C, R, N> {
        ReplicaReplayPositionQuery {
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
pub struct PrimaryWalPositionStmt(&'static str, Option<tokio_postgres::Statement>);
/// How far the primary has inserted WAL, in bytes from the start of the WAL:
/// every transaction it has shown as committed has its commit record below.
///
/// The replica monitor samples it to know how far each replica must have
/// replayed. The insert position, not the write position
/// (`pg_current_wal_lsn`): under `synchronous_commit = off` a commit is
/// visible before the WAL writer has written it, so a replica that replayed
/// the write position can still miss it. At the start of a page the insert
/// position points past the page header (40 bytes on a segment's first page,
/// 24 on the others), where no record ends; it is moved back to the page
/// boundary, which is where a replica that replayed everything stands.
/// Fails on a standby (recovery in progress).
pub fn primary_wal_position() -> PrimaryWalPositionStmt {
    PrimaryWalPositionStmt(
        "SELECT CASE WHEN position.pos % sizes.segment = 40 THEN position.pos - 40 WHEN position.pos % sizes.block = 24 THEN position.pos - 24 ELSE position.pos END AS lsn FROM (SELECT (pg_current_wal_insert_lsn() - '0/0'::pg_lsn)::int8 AS pos) AS position, (SELECT current_setting('wal_block_size')::int8 AS block, setting::int8 AS segment FROM pg_settings WHERE name = 'wal_segment_size') AS sizes",
        None,
    )
}
impl PrimaryWalPositionStmt {
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
pub struct ReplicaReplayPositionStmt(&'static str, Option<tokio_postgres::Statement>);
/// Whether this server is a standby, and how far it has replayed the primary's WAL (bytes).
///
/// `lsn` is NULL on a server that is not in recovery (a primary, or a
/// promoted standby): such a server no longer follows the primary.
pub fn replica_replay_position() -> ReplicaReplayPositionStmt {
    ReplicaReplayPositionStmt(
        "SELECT pg_is_in_recovery() AS in_recovery, (pg_last_wal_replay_lsn() - '0/0'::pg_lsn)::int8 AS lsn",
        None,
    )
}
impl ReplicaReplayPositionStmt {
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
    ) -> ReplicaReplayPositionQuery<'c, 'a, 's, C, ReplicaReplayPosition, 0> {
        ReplicaReplayPositionQuery {
            client,
            params: [],
            query: self.0,
            cached: self.1.as_ref(),
            extractor:
                |row: &tokio_postgres::Row| -> Result<ReplicaReplayPosition, tokio_postgres::Error> {
                    Ok(ReplicaReplayPosition {
                        in_recovery: row.try_get(0)?,
                        lsn: row.try_get(1)?,
                    })
                },
            mapper: |it| ReplicaReplayPosition::from(it),
        }
    }
}
