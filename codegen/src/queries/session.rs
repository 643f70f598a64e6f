// This file was generated with `cornucopia`. Do not modify.

#[derive(Debug, Clone, PartialEq)]
pub struct ConfigureSession {
    pub random_page_cost: String,
    pub max_parallel_workers_per_gather: String,
}
pub struct ConfigureSessionBorrowed<'a> {
    pub random_page_cost: &'a str,
    pub max_parallel_workers_per_gather: &'a str,
}
impl<'a> From<ConfigureSessionBorrowed<'a>> for ConfigureSession {
    fn from(
        ConfigureSessionBorrowed {
            random_page_cost,
            max_parallel_workers_per_gather,
        }: ConfigureSessionBorrowed<'a>,
    ) -> Self {
        Self {
            random_page_cost: random_page_cost.into(),
            max_parallel_workers_per_gather: max_parallel_workers_per_gather.into(),
        }
    }
}
#[derive(Debug, Clone, PartialEq)]
pub struct SessionPlannerSettings {
    pub plan_cache_mode: String,
    pub random_page_cost: String,
    pub max_parallel_workers_per_gather: String,
}
pub struct SessionPlannerSettingsBorrowed<'a> {
    pub plan_cache_mode: &'a str,
    pub random_page_cost: &'a str,
    pub max_parallel_workers_per_gather: &'a str,
}
impl<'a> From<SessionPlannerSettingsBorrowed<'a>> for SessionPlannerSettings {
    fn from(
        SessionPlannerSettingsBorrowed {
            plan_cache_mode,
            random_page_cost,
            max_parallel_workers_per_gather,
        }: SessionPlannerSettingsBorrowed<'a>,
    ) -> Self {
        Self {
            plan_cache_mode: plan_cache_mode.into(),
            random_page_cost: random_page_cost.into(),
            max_parallel_workers_per_gather: max_parallel_workers_per_gather.into(),
        }
    }
}
#[derive(Debug, Clone, PartialEq)]
pub struct PreparedStatementPlans {
    pub statement: String,
    pub generic_plans: i64,
    pub custom_plans: i64,
}
pub struct PreparedStatementPlansBorrowed<'a> {
    pub statement: &'a str,
    pub generic_plans: i64,
    pub custom_plans: i64,
}
impl<'a> From<PreparedStatementPlansBorrowed<'a>> for PreparedStatementPlans {
    fn from(
        PreparedStatementPlansBorrowed {
            statement,
            generic_plans,
            custom_plans,
        }: PreparedStatementPlansBorrowed<'a>,
    ) -> Self {
        Self {
            statement: statement.into(),
            generic_plans,
            custom_plans,
        }
    }
}
use crate::client::async_::GenericClient;
use futures::{self, StreamExt, TryStreamExt};
pub struct ConfigureSessionQuery<'c, 'a, 's, C: GenericClient, T, const N: usize> {
    client: &'c C,
    params: [&'a (dyn postgres_types::ToSql + Sync); N],
    query: &'static str,
    cached: Option<&'s tokio_postgres::Statement>,
    extractor: fn(&tokio_postgres::Row) -> Result<ConfigureSessionBorrowed, tokio_postgres::Error>,
    mapper: fn(ConfigureSessionBorrowed) -> T,
}
impl<'c, 'a, 's, C, T: 'c, const N: usize> ConfigureSessionQuery<'c, 'a, 's, C, T, N>
where
    C: GenericClient,
{
    pub fn map<R>(
        self,
        mapper: fn(ConfigureSessionBorrowed) -> R,
    ) -> ConfigureSessionQuery<'c, 'a, 's, C, R, N> {
        ConfigureSessionQuery {
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
pub struct SessionPlannerSettingsQuery<'c, 'a, 's, C: GenericClient, T, const N: usize> {
    client: &'c C,
    params: [&'a (dyn postgres_types::ToSql + Sync); N],
    query: &'static str,
    cached: Option<&'s tokio_postgres::Statement>,
    extractor:
        fn(&tokio_postgres::Row) -> Result<SessionPlannerSettingsBorrowed, tokio_postgres::Error>,
    mapper: fn(SessionPlannerSettingsBorrowed) -> T,
}
impl<'c, 'a, 's, C, T: 'c, const N: usize> SessionPlannerSettingsQuery<'c, 'a, 's, C, T, N>
where
    C: GenericClient,
{
    pub fn map<R>(
        self,
        mapper: fn(SessionPlannerSettingsBorrowed) -> R,
    ) -> SessionPlannerSettingsQuery<'c, 'a, 's, C, R, N> {
        SessionPlannerSettingsQuery {
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
pub struct PreparedStatementPlansQuery<'c, 'a, 's, C: GenericClient, T, const N: usize> {
    client: &'c C,
    params: [&'a (dyn postgres_types::ToSql + Sync); N],
    query: &'static str,
    cached: Option<&'s tokio_postgres::Statement>,
    extractor:
        fn(&tokio_postgres::Row) -> Result<PreparedStatementPlansBorrowed, tokio_postgres::Error>,
    mapper: fn(PreparedStatementPlansBorrowed) -> T,
}
impl<'c, 'a, 's, C, T: 'c, const N: usize> PreparedStatementPlansQuery<'c, 'a, 's, C, T, N>
where
    C: GenericClient,
{
    pub fn map<R>(
        self,
        mapper: fn(PreparedStatementPlansBorrowed) -> R,
    ) -> PreparedStatementPlansQuery<'c, 'a, 's, C, R, N> {
        PreparedStatementPlansQuery {
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
pub struct BoolQuery<'c, 'a, 's, C: GenericClient, T, const N: usize> {
    client: &'c C,
    params: [&'a (dyn postgres_types::ToSql + Sync); N],
    query: &'static str,
    cached: Option<&'s tokio_postgres::Statement>,
    extractor: fn(&tokio_postgres::Row) -> Result<bool, tokio_postgres::Error>,
    mapper: fn(bool) -> T,
}
impl<'c, 'a, 's, C, T: 'c, const N: usize> BoolQuery<'c, 'a, 's, C, T, N>
where
    C: GenericClient,
{
    pub fn map<R>(self, mapper: fn(bool) -> R) -> BoolQuery<'c, 'a, 's, C, R, N> {
        BoolQuery {
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
pub struct ConfigureSessionStmt(&'static str, Option<tokio_postgres::Statement>);
/// Planner settings for every pooled connection (run once when a pool opens it).
///
/// `random_page_cost = 1.1`: the default (4) models spinning disks and makes
/// the planner prefer sequential scans over a few thousand index lookups; on
/// SSDs with the hot catalog in memory the lookups are far cheaper.
///
/// `max_parallel_workers_per_gather = 0`: every api statement reads a page or
/// a few rows; under concurrent load, starting parallel workers for one (the
/// planner did for deep category pages) costs more than it saves and takes
/// cores from other requests. `scripts/bench` measured the difference
/// (docs/performance.md).
pub fn configure_session() -> ConfigureSessionStmt {
    ConfigureSessionStmt(
        "SELECT set_config('random_page_cost', '1.1', false) AS random_page_cost, set_config('max_parallel_workers_per_gather', '0', false) AS max_parallel_workers_per_gather",
        None,
    )
}
impl ConfigureSessionStmt {
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
    ) -> ConfigureSessionQuery<'c, 'a, 's, C, ConfigureSession, 0> {
        ConfigureSessionQuery {
            client,
            params: [],
            query: self.0,
            cached: self.1.as_ref(),
            extractor: |
                row: &tokio_postgres::Row,
            | -> Result<ConfigureSessionBorrowed, tokio_postgres::Error> {
                Ok(ConfigureSessionBorrowed {
                    random_page_cost: row.try_get(0)?,
                    max_parallel_workers_per_gather: row.try_get(1)?,
                })
            },
            mapper: |it| ConfigureSession::from(it),
        }
    }
}
pub struct UseCustomPlansStmt(&'static str, Option<tokio_postgres::Statement>);
/// Plans every statement for its parameter values; only for the catalog list pool.
///
/// cornucopia prepares every statement, and PostgreSQL may then reuse one
/// generic plan for all parameter values. The catalog list queries have
/// optional filters (`:x IS NULL OR ...`): a generic plan cannot drop the
/// unused ones, so it could not seek the cursor in an index or use the trigram
/// index for `q`. With custom plans PostgreSQL folds `NULL IS NULL` away and
/// every page is an index seek. Everything else keeps cached generic plans:
/// planning a product lookup costs ~3x its execution (docs/performance.md),
/// which is why the list queries get their own pool instead of a setting for all.
pub fn use_custom_plans() -> UseCustomPlansStmt {
    UseCustomPlansStmt(
        "SELECT set_config('plan_cache_mode', 'force_custom_plan', false) AS plan_cache_mode",
        None,
    )
}
impl UseCustomPlansStmt {
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
pub struct SessionPlannerSettingsStmt(&'static str, Option<tokio_postgres::Statement>);
/// The planner settings in effect on this connection (tests check the pool applies `configure_session`).
pub fn session_planner_settings() -> SessionPlannerSettingsStmt {
    SessionPlannerSettingsStmt(
        "SELECT current_setting('plan_cache_mode') AS plan_cache_mode, current_setting('random_page_cost') AS random_page_cost, current_setting('max_parallel_workers_per_gather') AS max_parallel_workers_per_gather",
        None,
    )
}
impl SessionPlannerSettingsStmt {
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
    ) -> SessionPlannerSettingsQuery<'c, 'a, 's, C, SessionPlannerSettings, 0> {
        SessionPlannerSettingsQuery {
            client,
            params: [],
            query: self.0,
            cached: self.1.as_ref(),
            extractor: |
                row: &tokio_postgres::Row,
            | -> Result<SessionPlannerSettingsBorrowed, tokio_postgres::Error> {
                Ok(SessionPlannerSettingsBorrowed {
                    plan_cache_mode: row.try_get(0)?,
                    random_page_cost: row.try_get(1)?,
                    max_parallel_workers_per_gather: row.try_get(2)?,
                })
            },
            mapper: |it| SessionPlannerSettings::from(it),
        }
    }
}
pub struct PreparedStatementPlansStmt(&'static str, Option<tokio_postgres::Statement>);
/// Text of the statements this session prepared through the protocol, and how often each was
/// planned generically or for its values (tests read the generated SQL back to EXPLAIN it).
pub fn prepared_statement_plans() -> PreparedStatementPlansStmt {
    PreparedStatementPlansStmt(
        "SELECT statement, generic_plans, custom_plans FROM pg_prepared_statements WHERE NOT from_sql ORDER BY prepare_time",
        None,
    )
}
impl PreparedStatementPlansStmt {
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
    ) -> PreparedStatementPlansQuery<'c, 'a, 's, C, PreparedStatementPlans, 0> {
        PreparedStatementPlansQuery {
            client,
            params: [],
            query: self.0,
            cached: self.1.as_ref(),
            extractor: |
                row: &tokio_postgres::Row,
            | -> Result<PreparedStatementPlansBorrowed, tokio_postgres::Error> {
                Ok(PreparedStatementPlansBorrowed {
                    statement: row.try_get(0)?,
                    generic_plans: row.try_get(1)?,
                    custom_plans: row.try_get(2)?,
                })
            },
            mapper: |it| PreparedStatementPlans::from(it),
        }
    }
}
pub struct DisableSeqscanStmt(&'static str, Option<tokio_postgres::Statement>);
/// Makes sequential scans a last resort on this connection, so a test's EXPLAIN
/// on a small table shows whether an index can serve the query at all.
pub fn disable_seqscan() -> DisableSeqscanStmt {
    DisableSeqscanStmt(
        "SELECT set_config('enable_seqscan', 'off', false) AS enable_seqscan",
        None,
    )
}
impl DisableSeqscanStmt {
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
pub struct SessionUsesTlsStmt(&'static str, Option<tokio_postgres::Statement>);
/// Whether this connection is encrypted (tests check that `sslmode=require` takes effect).
pub fn session_uses_tls() -> SessionUsesTlsStmt {
    SessionUsesTlsStmt(
        "SELECT coalesce((SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()), false) AS ssl",
        None,
    )
}
impl SessionUsesTlsStmt {
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
    ) -> BoolQuery<'c, 'a, 's, C, bool, 0> {
        BoolQuery {
            client,
            params: [],
            query: self.0,
            cached: self.1.as_ref(),
            extractor: |row| Ok(row.try_get(0)?),
            mapper: |it| it,
        }
    }
}
pub struct ServerOffersTlsStmt(&'static str, Option<tokio_postgres::Statement>);
/// Whether the server accepts TLS connections at all (`SHOW ssl`).
pub fn server_offers_tls() -> ServerOffersTlsStmt {
    ServerOffersTlsStmt("SELECT current_setting('ssl') = 'on' AS offers_tls", None)
}
impl ServerOffersTlsStmt {
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
    ) -> BoolQuery<'c, 'a, 's, C, bool, 0> {
        BoolQuery {
            client,
            params: [],
            query: self.0,
            cached: self.1.as_ref(),
            extractor: |row| Ok(row.try_get(0)?),
            mapper: |it| it,
        }
    }
}
