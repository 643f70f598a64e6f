//! The pool every request and job takes connections from: one span per SQL statement.
//!
//! [`Pool`], [`Client`] and [`Transaction`] wrap deadpool's types, deref to
//! them, and implement cornucopia's `GenericClient` by delegating, so every
//! generated query run through them gets a span (target [`SQL_TARGET`],
//! `DEBUG`) that is a child of the request or job span. Services, which take
//! `&impl GenericClient`, need no change.
//!
//! # What a span knows
//! tokio-postgres does not say which SQL a `Statement` holds, and cornucopia
//! hands statements to `GenericClient` as a generic `ToStatement` that
//! cannot be read. The text is visible where it is prepared: queries that
//! return rows call `prepare` (served by the connection's statement cache)
//! just before they run, so those spans are named after the statement
//! (`SELECT products`) and carry `db.statement` (its first
//! [`MAX_STATEMENT`] bytes, never parameter values). Statements that return
//! no rows are `execute`d without `prepare`; their span is named
//! `postgresql execute` and points at the generated code that ran it
//! (`code.filepath`, `code.lineno`: one line per statement in `codegen/`).
//!
//! Statements run outside any span (the outbox relay's polls, pruning
//! sweeps) get none, so they do not each start a trace.
//!
//! # Cost
//! With no trace layer installed the default filter disables the target:
//! each statement then costs one callsite check and nothing is allocated.

use std::{
    ops::{Deref, DerefMut},
    panic::Location,
    sync::Mutex,
};

use codegen::client::GenericClient;
use deadpool_postgres::PoolError;
use tokio_postgres::{
    Error, Row, RowStream, Statement, ToStatement,
    types::{BorrowToSql, ToSql},
};
use tracing::{Instrument, Span};

/// Target of the SQL statement spans; `RUST_LOG=ecommerce::sql=debug` also logs them.
pub const SQL_TARGET: &str = "ecommerce::sql";

/// Longest prefix of a statement's text recorded as `db.statement`.
pub const MAX_STATEMENT: usize = 2048;

/// A connection pool whose connections trace their statements; derefs to deadpool's pool.
#[derive(Clone, Debug)]
pub struct Pool(deadpool_postgres::Pool);

impl Pool {
    /// Wraps a deadpool pool.
    pub fn new(pool: deadpool_postgres::Pool) -> Self {
        Self(pool)
    }

    /// Takes a connection, waiting up to the pool's wait timeout.
    pub async fn get(&self) -> Result<Client, PoolError> {
        self.0.get().await.map(Client::new)
    }
}

impl Deref for Pool {
    type Target = deadpool_postgres::Pool;

    fn deref(&self) -> &Self::Target {
        &self.0
    }
}

/// A pooled connection that traces its statements; derefs to deadpool's client.
pub struct Client {
    inner: deadpool_postgres::Object,
    prepared: Prepared,
}

impl Client {
    fn new(inner: deadpool_postgres::Object) -> Self {
        Self {
            inner,
            prepared: Prepared::default(),
        }
    }

    /// Starts a transaction whose statements are traced too.
    pub async fn transaction(&mut self) -> Result<Transaction<'_>, Error> {
        Ok(Transaction::new(self.inner.transaction().await?))
    }

    /// Starts a transaction built by `build` (isolation level, read only) from deadpool's builder.
    pub async fn build_transaction(
        &mut self,
        build: impl FnOnce(
            deadpool_postgres::TransactionBuilder<'_>,
        ) -> deadpool_postgres::TransactionBuilder<'_>,
    ) -> Result<Transaction<'_>, Error> {
        Ok(Transaction::new(
            build(self.inner.build_transaction()).start().await?,
        ))
    }

    /// The pooled connection itself, untraced.
    pub fn into_inner(self) -> deadpool_postgres::Object {
        self.inner
    }
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("Client").field(&self.inner).finish()
    }
}

impl Deref for Client {
    type Target = deadpool_postgres::Object;

    fn deref(&self) -> &Self::Target {
        &self.inner
    }
}

impl DerefMut for Client {
    fn deref_mut(&mut self) -> &mut Self::Target {
        &mut self.inner
    }
}

/// A transaction that traces its statements; derefs to deadpool's transaction.
pub struct Transaction<'a> {
    inner: deadpool_postgres::Transaction<'a>,
    prepared: Prepared,
}

impl<'a> Transaction<'a> {
    fn new(inner: deadpool_postgres::Transaction<'a>) -> Self {
        Self {
            inner,
            prepared: Prepared::default(),
        }
    }

    /// Commits the transaction.
    pub async fn commit(self) -> Result<(), Error> {
        let span = statement_span(Some("COMMIT"));
        self.inner.commit().instrument(span).await
    }

    /// Rolls the transaction back (dropping it does too, without waiting).
    pub async fn rollback(self) -> Result<(), Error> {
        let span = statement_span(Some("ROLLBACK"));
        self.inner.rollback().instrument(span).await
    }
}

impl<'a> Deref for Transaction<'a> {
    type Target = deadpool_postgres::Transaction<'a>;

    fn deref(&self) -> &Self::Target {
        &self.inner
    }
}

impl DerefMut for Transaction<'_> {
    fn deref_mut(&mut self) -> &mut Self::Target {
        &mut self.inner
    }
}

/// The span of the statement `prepare` last saw, handed to the execution that follows it.
///
/// Generated code prepares and then runs on the same task, one statement at
/// a time; a span left here by a `prepare` whose statement never ran is
/// replaced by the next `prepare`.
#[derive(Default)]
struct Prepared(Mutex<Option<Span>>);

impl Prepared {
    /// Records the span of a statement being prepared (only when SQL spans are enabled).
    fn set(&self, span: &Span) {
        if !span.is_disabled() {
            *self.0.lock().unwrap_or_else(|e| e.into_inner()) = Some(span.clone());
        }
    }

    /// The span for the statement now running: the prepared one's, or a new one without text.
    fn take(&self) -> Span {
        self.0
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .take()
            .unwrap_or_else(|| statement_span(None))
    }
}

/// A client-kind span for one statement; `sql` names it (`SELECT products`) and is recorded as `db.statement`.
///
/// Only inside another span (a request's, a job's): statements of background
/// loops (the outbox relay's polls, the replica monitor) would otherwise each
/// start a trace of their own.
fn statement_span(sql: Option<&str>) -> Span {
    if !tracing::enabled!(target: SQL_TARGET, tracing::Level::DEBUG) || Span::current().is_none() {
        return Span::none();
    }
    let span = tracing::debug_span!(
        target: SQL_TARGET,
        "sql",
        otel.name = tracing::field::Empty,
        otel.kind = "client",
        db.system = "postgresql",
        db.statement = tracing::field::Empty,
        code.filepath = tracing::field::Empty,
        code.lineno = tracing::field::Empty,
    );
    if !span.is_disabled()
        && let Some(sql) = sql
    {
        span.record("otel.name", span_name(sql));
        span.record("db.statement", prefix(sql, MAX_STATEMENT));
    }
    span
}

/// A span for an `execute` called at `caller` (the generated statement's `bind`).
fn execute_span(caller: &'static Location<'static>) -> Span {
    let span = statement_span(None);
    if !span.is_disabled() {
        span.record("otel.name", "postgresql execute");
        span.record("code.filepath", caller.file());
        span.record("code.lineno", caller.line());
    }
    span
}

/// `<operation> <table>` of a statement: `SELECT products`, `INSERT outbox`, `UPDATE orders`.
///
/// A statement with a `WITH` clause is named after the first statement in it
/// that writes (`WITH inserted AS (INSERT INTO orders ...) SELECT ...` is
/// `INSERT orders`), or else after its first `SELECT`.
pub fn span_name(sql: &str) -> String {
    let words: Vec<&str> = sql
        .split(|c: char| c.is_whitespace() || c == '(' || c == ')' || c == ',' || c == ';')
        .filter(|w| !w.is_empty() && !w.starts_with("--"))
        .take(64)
        .collect();
    let Some(first) = words.first() else {
        return "postgresql".to_owned();
    };
    let mut words = &words[..];
    if first.eq_ignore_ascii_case("WITH") {
        let first_of = |keywords: &[&str]| {
            words
                .iter()
                .position(|w| keywords.iter().any(|k| w.eq_ignore_ascii_case(k)))
        };
        let start = first_of(&["INSERT", "UPDATE", "DELETE"]).or_else(|| first_of(&["SELECT"]));
        match start {
            Some(start) => words = &words[start..],
            None => return "WITH".to_owned(),
        }
    }
    let operation = words[0].to_ascii_uppercase();
    let after = match operation.as_str() {
        "SELECT" | "DELETE" => "FROM",
        "INSERT" => "INTO",
        "UPDATE" => "UPDATE",
        _ => return operation,
    };
    let table = words
        .iter()
        .position(|w| w.eq_ignore_ascii_case(after))
        .and_then(|i| words.get(i + 1))
        .filter(|t| {
            t.chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.')
        });
    match table {
        Some(table) => format!("{operation} {table}"),
        None => operation,
    }
}

/// The first `max` bytes of `s`, cut at a character boundary.
fn prefix(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

/// `GenericClient` for a wrapper with an `inner` client and a `prepared` slot.
macro_rules! traced_generic_client {
    ($ty:ty) => {
        impl GenericClient for $ty {
            /// Always prepare first: `prepare` is where the statement's text is visible.
            fn stmt_cache() -> bool {
                true
            }

            async fn prepare(&self, query: &str) -> Result<Statement, Error> {
                let span = statement_span(Some(query));
                self.prepared.set(&span);
                GenericClient::prepare(&self.inner, query)
                    .instrument(span)
                    .await
            }

            #[track_caller]
            fn execute<T>(
                &self,
                query: &T,
                params: &[&(dyn ToSql + Sync)],
            ) -> impl Future<Output = Result<u64, Error>> + Send
            where
                T: ?Sized + ToStatement + Sync + Send,
            {
                let span = execute_span(Location::caller());
                GenericClient::execute(&self.inner, query, params).instrument(span)
            }

            async fn query_one<T>(
                &self,
                statement: &T,
                params: &[&(dyn ToSql + Sync)],
            ) -> Result<Row, Error>
            where
                T: ?Sized + ToStatement + Sync + Send,
            {
                let span = self.prepared.take();
                GenericClient::query_one(&self.inner, statement, params)
                    .instrument(span)
                    .await
            }

            async fn query_opt<T>(
                &self,
                statement: &T,
                params: &[&(dyn ToSql + Sync)],
            ) -> Result<Option<Row>, Error>
            where
                T: ?Sized + ToStatement + Sync + Send,
            {
                let span = self.prepared.take();
                GenericClient::query_opt(&self.inner, statement, params)
                    .instrument(span)
                    .await
            }

            async fn query<T>(
                &self,
                query: &T,
                params: &[&(dyn ToSql + Sync)],
            ) -> Result<Vec<Row>, Error>
            where
                T: ?Sized + ToStatement + Sync + Send,
            {
                let span = self.prepared.take();
                GenericClient::query(&self.inner, query, params)
                    .instrument(span)
                    .await
            }

            async fn query_raw<T, I>(&self, statement: &T, params: I) -> Result<RowStream, Error>
            where
                T: ?Sized + ToStatement + Sync + Send,
                I: IntoIterator + Sync + Send,
                I::IntoIter: ExactSizeIterator,
                I::Item: BorrowToSql,
            {
                let span = self.prepared.take();
                GenericClient::query_raw(&self.inner, statement, params)
                    .instrument(span)
                    .await
            }
        }
    };
}

traced_generic_client!(Client);
traced_generic_client!(Transaction<'_>);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_are_named_by_operation_and_table() {
        for (sql, name) in [
            (
                "SELECT id, name FROM products WHERE id = $1",
                "SELECT products",
            ),
            ("  select count(*)\nfrom outbox", "SELECT outbox"),
            ("INSERT INTO outbox (job_type) VALUES ($1)", "INSERT outbox"),
            ("UPDATE orders SET status = $1", "UPDATE orders"),
            (
                "DELETE FROM refresh_tokens WHERE id = $1",
                "DELETE refresh_tokens",
            ),
            (
                "WITH inserted AS (INSERT INTO orders (user_id) VALUES ($1) RETURNING id) \
                 SELECT o.id FROM inserted o JOIN users u ON u.id = o.user_id",
                "INSERT orders",
            ),
            (
                "WITH moved AS (DELETE FROM product_facet_deltas RETURNING delta) \
                 INSERT INTO product_facet_deltas SELECT * FROM moved",
                "DELETE product_facet_deltas",
            ),
            (
                "WITH matched AS MATERIALIZED (SELECT p.id FROM products p) SELECT count(*) FROM matched",
                "SELECT products",
            ),
            ("WITH RECURSIVE", "WITH"),
            ("SELECT pg_advisory_lock($1)", "SELECT"),
            ("SET LOCAL enable_seqscan = off", "SET"),
            ("", "postgresql"),
        ] {
            assert_eq!(span_name(sql), name, "{sql:?}");
        }
    }

    #[test]
    fn statements_are_cut_at_a_character_boundary() {
        assert_eq!(prefix("abc", 10), "abc");
        assert_eq!(prefix("aé", 2), "a");
    }
}
