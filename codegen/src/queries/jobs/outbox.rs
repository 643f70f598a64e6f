// This file was generated with `cornucopia`. Do not modify.

#[derive(Debug)]
pub struct EnqueueJobParams<
    T1: crate::StringSql,
    T2: crate::JsonSql,
    T3: crate::StringSql,
    T4: crate::StringSql,
    T5: crate::StringSql,
> {
    pub job_type: T1,
    pub payload: T2,
    pub request_id: Option<T3>,
    pub traceparent: Option<T4>,
    pub tracestate: Option<T5>,
}
#[derive(Debug, Clone, PartialEq)]
pub struct OutboxJob {
    pub id: i64,
    pub job_type: String,
    pub payload: serde_json::Value,
    pub created_at: chrono::DateTime<chrono::FixedOffset>,
    pub attempts: i32,
    pub published_at: Option<chrono::DateTime<chrono::FixedOffset>>,
    pub next_attempt_at: chrono::DateTime<chrono::FixedOffset>,
    pub request_id: Option<String>,
    pub traceparent: Option<String>,
    pub tracestate: Option<String>,
}
pub struct OutboxJobBorrowed<'a> {
    pub id: i64,
    pub job_type: &'a str,
    pub payload: postgres_types::Json<&'a serde_json::value::RawValue>,
    pub created_at: chrono::DateTime<chrono::FixedOffset>,
    pub attempts: i32,
    pub published_at: Option<chrono::DateTime<chrono::FixedOffset>>,
    pub next_attempt_at: chrono::DateTime<chrono::FixedOffset>,
    pub request_id: Option<&'a str>,
    pub traceparent: Option<&'a str>,
    pub tracestate: Option<&'a str>,
}
impl<'a> From<OutboxJobBorrowed<'a>> for OutboxJob {
    fn from(
        OutboxJobBorrowed {
            id,
            job_type,
            payload,
            created_at,
            attempts,
            published_at,
            next_attempt_at,
            request_id,
            traceparent,
            tracestate,
        }: OutboxJobBorrowed<'a>,
    ) -> Self {
        Self {
            id,
            job_type: job_type.into(),
            payload: serde_json::from_str(payload.0.get()).unwrap(),
            created_at,
            attempts,
            published_at,
            next_attempt_at,
            request_id: request_id.map(|v| v.into()),
            traceparent: traceparent.map(|v| v.into()),
            tracestate: tracestate.map(|v| v.into()),
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
pub struct OutboxJobQuery<'c, 'a, 's, C: GenericClient, T, const N: usize> {
    client: &'c C,
    params: [&'a (dyn postgres_types::ToSql + Sync); N],
    query: &'static str,
    cached: Option<&'s tokio_postgres::Statement>,
    extractor: fn(&tokio_postgres::Row) -> Result<OutboxJobBorrowed, tokio_postgres::Error>,
    mapper: fn(OutboxJobBorrowed) -> T,
}
impl<'c, 'a, 's, C, T: 'c, const N: usize> OutboxJobQuery<'c, 'a, 's, C, T, N>
where
    C: GenericClient,
{
    pub fn map<R>(self, mapper: fn(OutboxJobBorrowed) -> R) -> OutboxJobQuery<'c, 'a, 's, C, R, N> {
        OutboxJobQuery {
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
pub struct EnqueueJobStmt(&'static str, Option<tokio_postgres::Statement>);
/// Records a job in the caller's transaction; the relay publishes it after commit.
///
/// `request_id` is the id of the HTTP request that caused it (none for sweeps);
/// `traceparent` and `tracestate` are the W3C trace context of the span that
/// enqueued it (none when traces are not exported).
pub fn enqueue_job() -> EnqueueJobStmt {
    EnqueueJobStmt(
        "INSERT INTO outbox (job_type, payload, request_id, traceparent, tracestate) VALUES ($1, $2, $3, $4, $5) RETURNING id",
        None,
    )
}
impl EnqueueJobStmt {
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
        T2: crate::JsonSql,
        T3: crate::StringSql,
        T4: crate::StringSql,
        T5: crate::StringSql,
    >(
        &'s self,
        client: &'c C,
        job_type: &'a T1,
        payload: &'a T2,
        request_id: &'a Option<T3>,
        traceparent: &'a Option<T4>,
        tracestate: &'a Option<T5>,
    ) -> I64Query<'c, 'a, 's, C, i64, 5> {
        I64Query {
            client,
            params: [job_type, payload, request_id, traceparent, tracestate],
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
    T2: crate::JsonSql,
    T3: crate::StringSql,
    T4: crate::StringSql,
    T5: crate::StringSql,
>
    crate::client::async_::Params<
        'c,
        'a,
        's,
        EnqueueJobParams<T1, T2, T3, T4, T5>,
        I64Query<'c, 'a, 's, C, i64, 5>,
        C,
    > for EnqueueJobStmt
{
    fn params(
        &'s self,
        client: &'c C,
        params: &'a EnqueueJobParams<T1, T2, T3, T4, T5>,
    ) -> I64Query<'c, 'a, 's, C, i64, 5> {
        self.bind(
            client,
            &params.job_type,
            &params.payload,
            &params.request_id,
            &params.traceparent,
            &params.tracestate,
        )
    }
}
pub struct ListJobsByTypeStmt(&'static str, Option<tokio_postgres::Statement>);
/// Jobs of one type, oldest first (tests and diagnostics).
pub fn list_jobs_by_type() -> ListJobsByTypeStmt {
    ListJobsByTypeStmt(
        "SELECT id, job_type, payload, created_at, attempts, published_at, next_attempt_at, request_id, traceparent, tracestate FROM outbox WHERE job_type = $1 ORDER BY id",
        None,
    )
}
impl ListJobsByTypeStmt {
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
        job_type: &'a T1,
    ) -> OutboxJobQuery<'c, 'a, 's, C, OutboxJob, 1> {
        OutboxJobQuery {
            client,
            params: [job_type],
            query: self.0,
            cached: self.1.as_ref(),
            extractor:
                |row: &tokio_postgres::Row| -> Result<OutboxJobBorrowed, tokio_postgres::Error> {
                    Ok(OutboxJobBorrowed {
                        id: row.try_get(0)?,
                        job_type: row.try_get(1)?,
                        payload: row.try_get(2)?,
                        created_at: row.try_get(3)?,
                        attempts: row.try_get(4)?,
                        published_at: row.try_get(5)?,
                        next_attempt_at: row.try_get(6)?,
                        request_id: row.try_get(7)?,
                        traceparent: row.try_get(8)?,
                        tracestate: row.try_get(9)?,
                    })
                },
            mapper: |it| OutboxJob::from(it),
        }
    }
}
pub struct FindJobStmt(&'static str, Option<tokio_postgres::Statement>);
/// One outbox row by id (tests and diagnostics).
pub fn find_job() -> FindJobStmt {
    FindJobStmt(
        "SELECT id, job_type, payload, created_at, attempts, published_at, next_attempt_at, request_id, traceparent, tracestate FROM outbox WHERE id = $1",
        None,
    )
}
impl FindJobStmt {
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
    ) -> OutboxJobQuery<'c, 'a, 's, C, OutboxJob, 1> {
        OutboxJobQuery {
            client,
            params: [id],
            query: self.0,
            cached: self.1.as_ref(),
            extractor:
                |row: &tokio_postgres::Row| -> Result<OutboxJobBorrowed, tokio_postgres::Error> {
                    Ok(OutboxJobBorrowed {
                        id: row.try_get(0)?,
                        job_type: row.try_get(1)?,
                        payload: row.try_get(2)?,
                        created_at: row.try_get(3)?,
                        attempts: row.try_get(4)?,
                        published_at: row.try_get(5)?,
                        next_attempt_at: row.try_get(6)?,
                        request_id: row.try_get(7)?,
                        traceparent: row.try_get(8)?,
                        tracestate: row.try_get(9)?,
                    })
                },
            mapper: |it| OutboxJob::from(it),
        }
    }
}
pub struct LockUnpublishedJobsStmt(&'static str, Option<tokio_postgres::Statement>);
/// Locks the unpublished jobs that are due, earliest first, for the relay; SKIP LOCKED lets several relays share the backlog.
///
/// A row whose publish failed is due only after its backoff, so it cannot
/// hold back the rows behind it (`outbox_due_idx` serves the scan).
pub fn lock_unpublished_jobs() -> LockUnpublishedJobsStmt {
    LockUnpublishedJobsStmt(
        "SELECT id, job_type, payload, created_at, attempts, published_at, next_attempt_at, request_id, traceparent, tracestate FROM outbox WHERE published_at IS NULL AND next_attempt_at <= now() ORDER BY next_attempt_at, id LIMIT $1 FOR UPDATE SKIP LOCKED",
        None,
    )
}
impl LockUnpublishedJobsStmt {
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
        limit: &'a i64,
    ) -> OutboxJobQuery<'c, 'a, 's, C, OutboxJob, 1> {
        OutboxJobQuery {
            client,
            params: [limit],
            query: self.0,
            cached: self.1.as_ref(),
            extractor:
                |row: &tokio_postgres::Row| -> Result<OutboxJobBorrowed, tokio_postgres::Error> {
                    Ok(OutboxJobBorrowed {
                        id: row.try_get(0)?,
                        job_type: row.try_get(1)?,
                        payload: row.try_get(2)?,
                        created_at: row.try_get(3)?,
                        attempts: row.try_get(4)?,
                        published_at: row.try_get(5)?,
                        next_attempt_at: row.try_get(6)?,
                        request_id: row.try_get(7)?,
                        traceparent: row.try_get(8)?,
                        tracestate: row.try_get(9)?,
                    })
                },
            mapper: |it| OutboxJob::from(it),
        }
    }
}
pub struct MarkJobsPublishedStmt(&'static str, Option<tokio_postgres::Statement>);
/// Marks jobs the broker confirmed; only then are they out of the relay's backlog.
pub fn mark_jobs_published() -> MarkJobsPublishedStmt {
    MarkJobsPublishedStmt(
        "UPDATE outbox SET published_at = now(), attempts = attempts + 1 WHERE id = ANY($1)",
        None,
    )
}
impl MarkJobsPublishedStmt {
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
        ids: &'a T1,
    ) -> Result<u64, tokio_postgres::Error> {
        client.execute(self.0, &[ids]).await
    }
}
pub struct RecordPublishFailuresStmt(&'static str, Option<tokio_postgres::Statement>);
/// Counts a publish attempt the broker did not confirm; the row stays in the backlog, due again after a backoff.
///
/// The backoff doubles from one second (after the first failure) to a cap of
/// five minutes; `attempts` on the right is the count before this failure.
pub fn record_publish_failures() -> RecordPublishFailuresStmt {
    RecordPublishFailuresStmt(
        "UPDATE outbox SET attempts = attempts + 1, next_attempt_at = now() + least(interval '1 second' * power(2, least(attempts, 9)), interval '5 minutes') WHERE id = ANY($1)",
        None,
    )
}
impl RecordPublishFailuresStmt {
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
        ids: &'a T1,
    ) -> Result<u64, tokio_postgres::Error> {
        client.execute(self.0, &[ids]).await
    }
}
