//! PostgreSQL: pool, embedded refinery migrations, constraint mapping.
//!
//! # Layout
//! - `mod.rs`: pools, database creation, migrations, error classification.
//! - `replicas.rs`: read replicas, their lag monitor and read routing.
//! - `traced.rs`: the pool, connection and transaction types that give each SQL statement a span.
//! - `tls.rs`: `sslmode` in `DATABASE_URL` and the rustls connector.

pub mod replicas;
pub mod tls;
pub mod traced;

pub use traced::{Client, Pool, SQL_TARGET, Transaction};

use anyhow::Context;
use codegen::queries::session::{configure_session, use_custom_plans};
use deadpool_postgres::{Hook, HookError, Manager, ManagerConfig, RecyclingMethod};
use secrecy::ExposeSecret;
use tokio_postgres::{NoTls, error::SqlState};

use crate::config::DatabaseSettings;

/// Migrations from `migrations/`, compiled into the binary so a deploy needs no files.
mod embedded {
    refinery::embed_migrations!("migrations");
}

/// How the connections of a pool plan prepared statements.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Plans {
    /// PostgreSQL's default: a cached generic plan once it is as good as custom ones.
    Cached,
    /// A plan for each execution's parameter values (`use_custom_plans`), for the catalog lists.
    Custom,
}

/// Builds a pool of `size` connections; they open lazily, so this succeeds with the server down.
///
/// Each new connection gets the api's planner settings (`configure_session`,
/// and `use_custom_plans` for [`Plans::Custom`]).
pub fn pool(settings: &DatabaseSettings, size: usize, plans: Plans) -> anyhow::Result<Pool> {
    pool_at(settings.url.expose_secret(), "DATABASE_URL", size, plans)
}

/// Builds a pool like [`pool`] for the server at `url` (`variable` names its setting in errors).
pub fn pool_at(url: &str, variable: &str, size: usize, plans: Plans) -> anyhow::Result<Pool> {
    let target = tls::Target::parse(url)
        .map_err(|e| anyhow::anyhow!("{variable} is not a valid PostgreSQL URL: {e}"))?;
    let manager_config = ManagerConfig {
        recycling_method: RecyclingMethod::Fast,
    };
    let manager = match target
        .connector()
        .with_context(|| format!("{variable} TLS settings"))?
    {
        tls::Connector::Plain => Manager::from_config(target.config, NoTls, manager_config),
        tls::Connector::Rustls(tls) => Manager::from_config(target.config, tls, manager_config),
    };
    deadpool_postgres::Pool::builder(manager)
        .max_size(size)
        .post_create(Hook::async_fn(move |client, _metrics| {
            Box::pin(async move {
                configure_session()
                    .bind(&**client)
                    .one()
                    .await
                    .map_err(HookError::Backend)?;
                if plans == Plans::Custom {
                    use_custom_plans()
                        .bind(&**client)
                        .one()
                        .await
                        .map_err(HookError::Backend)?;
                }
                Ok(())
            })
        }))
        .runtime(deadpool_postgres::Runtime::Tokio1)
        .wait_timeout(Some(std::time::Duration::from_secs(5)))
        .create_timeout(Some(std::time::Duration::from_secs(5)))
        .build()
        .map(Pool::new)
        .context("building the database pool")
}

/// Creates the database named in `DATABASE_URL` if it does not exist yet.
///
/// Connects to the server's `postgres` maintenance database to do so.
pub async fn ensure_database(settings: &DatabaseSettings) -> anyhow::Result<()> {
    let mut target =
        tls::Target::parse(settings.url.expose_secret()).map_err(|e| anyhow::anyhow!("{e}"))?;
    let name = target.config.get_dbname().unwrap_or("postgres").to_owned();
    target.config.dbname("postgres");
    let client = connect(&target)
        .await
        .context("connecting to PostgreSQL (is it running? see scripts/services)")?;
    let exists = codegen::queries::admin::database_exists()
        .bind(&client, &name.as_str())
        .one()
        .await?;
    if !exists {
        match client
            .batch_execute(&create_database_statement(&name, None))
            .await
        {
            Ok(()) => tracing::info!(db.name = %name, "created database"),
            // Another process won the race; that is fine. When both CREATEs run
            // at once the loser trips the catalog's unique index instead of the check.
            Err(e)
                if e.code() == Some(&SqlState::DUPLICATE_DATABASE)
                    || e.code() == Some(&SqlState::UNIQUE_VIOLATION) => {}
            Err(e) => return Err(e).context(format!("creating database {name}")),
        }
    }
    Ok(())
}

/// Opens one connection (outside any pool) with the target's TLS settings.
pub async fn connect(target: &tls::Target) -> anyhow::Result<tokio_postgres::Client> {
    let client = match target.connector()? {
        tls::Connector::Plain => {
            let (client, connection) = target.config.connect(NoTls).await?;
            tokio::spawn(connection);
            client
        }
        tls::Connector::Rustls(tls) => {
            let (client, connection) = target.config.connect(tls).await?;
            tokio::spawn(connection);
            client
        }
    };
    Ok(client)
}

/// `CREATE DATABASE` with a quoted identifier, optionally copying a template.
///
/// Database DDL is the one kind of statement kept in Rust: identifiers cannot
/// be bound as parameters, so it cannot be a cornucopia query.
pub fn create_database_statement(name: &str, template: Option<&str>) -> String {
    match template {
        Some(t) => format!(
            "CREATE DATABASE {} TEMPLATE {}",
            quote_ident(name),
            quote_ident(t)
        ),
        None => format!("CREATE DATABASE {}", quote_ident(name)),
    }
}

/// `DROP DATABASE IF EXISTS ... WITH (FORCE)` (test clean-up); see [`create_database_statement`].
pub fn drop_database_statement(name: &str) -> String {
    format!("DROP DATABASE IF EXISTS {} WITH (FORCE)", quote_ident(name))
}

/// Renames a database (test templates are built under a temporary name).
pub fn rename_database_statement(from: &str, to: &str) -> String {
    format!(
        "ALTER DATABASE {} RENAME TO {}",
        quote_ident(from),
        quote_ident(to)
    )
}

/// Quotes an SQL identifier (doubling embedded quotes).
pub fn quote_ident(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// Advisory-lock key held while migrating (any constant no other code uses for a lock).
pub const MIGRATION_LOCK: i64 = 0x6563_6f6d_6d69_6772; // "ecommigr"

/// Applies pending migrations; replicas starting together take turns.
///
/// refinery takes no lock, so two processes would both apply the same
/// migration. A session-level `pg_advisory_lock` on the migrating connection
/// serialises them: the first applies, the others then find nothing to do.
/// The lock is released afterwards, or with the connection if that fails.
/// Waiting for it gives up after `lock_timeout` (`MIGRATION_LOCK_TIMEOUT_SECS`):
/// a process stuck while holding it must not hold every start-up forever.
pub async fn migrate(pool: &Pool, lock_timeout: std::time::Duration) -> anyhow::Result<()> {
    use codegen::queries::admin::{advisory_lock, advisory_unlock, set_lock_timeout};

    let mut client = pool
        .get()
        .await
        .context("connecting to run migrations")?
        .into_inner();
    let bound = format!("{}ms", lock_timeout.as_millis().max(1));
    set_lock_timeout()
        .bind(&**client, &bound.as_str())
        .one()
        .await
        .context("bounding the migration lock wait")?;
    advisory_lock()
        .bind(&**client, &MIGRATION_LOCK)
        .one()
        .await
        .map_err(|e| {
            if e.code() == Some(&SqlState::LOCK_NOT_AVAILABLE) {
                anyhow::anyhow!(
                    "another process held the migration lock for longer than {} s \
                     (MIGRATION_LOCK_TIMEOUT_SECS); is a migration stuck?",
                    lock_timeout.as_secs_f64()
                )
            } else {
                anyhow::Error::new(e).context("taking the migration lock")
            }
        })?;
    // The migrations themselves wait for their locks as long as they need.
    set_lock_timeout()
        .bind(&**client, &"0")
        .one()
        .await
        .context("lifting the lock bound for the migrations")?;
    let conn: &mut tokio_postgres::Client = &mut client;
    let report = embedded::migrations::runner()
        .set_abort_divergent(true)
        .run_async(conn)
        .await;
    let unlocked = advisory_unlock()
        .bind(&**client, &MIGRATION_LOCK)
        .one()
        .await;
    if !matches!(unlocked, Ok(true)) {
        // Closing the session is the other way to release a session lock.
        drop(deadpool_postgres::Object::take(client));
    }
    let report = report.context("running migrations")?;
    for m in report.applied_migrations() {
        tracing::info!(migration = %m, "applied migration");
    }
    Ok(())
}

/// The newest migration this binary embeds: the schema version it was built for.
pub fn expected_schema_version() -> u32 {
    embedded::migrations::runner()
        .get_migrations()
        .iter()
        .map(refinery::Migration::version)
        .max()
        .unwrap_or(0)
}

/// The newest migration applied to the database, `None` if it was never migrated.
pub async fn schema_version(client: &mut tokio_postgres::Client) -> anyhow::Result<Option<u32>> {
    let migrated = codegen::queries::admin::schema_history_exists()
        .bind(&*client)
        .one()
        .await
        .context("looking for the migration history")?;
    if !migrated {
        return Ok(None);
    }
    let last = embedded::migrations::runner()
        .get_last_applied_migration_async(client)
        .await
        .context("reading the migration history")?;
    Ok(last.map(|m| m.version()))
}

/// Waits up to `wait` for the schema to reach [`expected_schema_version`]; errors after that.
///
/// For processes that do not migrate (the worker): an api replica may be
/// migrating right now, so an old or unreachable database is asked again
/// every second. A newer schema is fine (a rolling deploy migrated ahead).
pub async fn await_schema(pool: &Pool, wait: std::time::Duration) -> anyhow::Result<u32> {
    let expected = expected_schema_version();
    let deadline = tokio::time::Instant::now() + wait;
    loop {
        let found = async {
            let mut client = pool.get().await.context("connecting to PostgreSQL")?;
            schema_version(&mut client).await
        }
        .await;
        let problem = match found {
            Ok(Some(version)) if version >= expected => return Ok(version),
            Ok(version) => anyhow::anyhow!(
                "the database schema is at version {} but this binary needs version {expected}; \
                 run `api migrate` (or start the api, which migrates) first",
                version.map_or_else(|| "none (never migrated)".to_owned(), |v| v.to_string())
            ),
            Err(e) => e.context("checking the database schema version"),
        };
        if tokio::time::Instant::now() >= deadline {
            return Err(problem);
        }
        tracing::warn!(
            error = format!("{problem:#}"),
            "waiting for the database schema"
        );
        tokio::time::sleep(std::time::Duration::from_secs(1).min(wait)).await;
    }
}

/// Streams rows `from..to` through a `COPY ... FROM STDIN` statement in ~1 MiB chunks.
///
/// `write_row` appends row `i` as one COPY text-format line; `progress` gets
/// (rows sent, rows to send) about a hundred times. Returns the rows the server
/// copied. Bulk seeding uses it (see `catalog::seed` for why COPY stays in Rust).
pub async fn copy_rows(
    tx: &tokio_postgres::Transaction<'_>,
    statement: &str,
    rows: std::ops::Range<u64>,
    mut write_row: impl FnMut(&mut String, u64),
    mut progress: impl FnMut(u64, u64),
) -> anyhow::Result<u64> {
    use futures::SinkExt;

    const CHUNK_BYTES: usize = 1 << 20;
    let total = rows.end.saturating_sub(rows.start);
    let sink = tx
        .copy_in::<_, bytes::Bytes>(statement)
        .await
        .context("starting COPY")?;
    futures::pin_mut!(sink);
    let mut buf = String::with_capacity(CHUNK_BYTES + 512);
    let step = (total / 100).max(1);
    for (done, i) in rows.enumerate() {
        write_row(&mut buf, i);
        if buf.len() >= CHUNK_BYTES {
            sink.send(bytes::Bytes::from(std::mem::take(&mut buf)))
                .await?;
            buf.reserve(CHUNK_BYTES + 512);
        }
        let done = done as u64 + 1;
        if done % step == 0 {
            progress(done, total);
        }
    }
    if !buf.is_empty() {
        sink.send(bytes::Bytes::from(buf)).await?;
    }
    let copied = sink.finish().await.context("finishing COPY")?;
    if total % step != 0 {
        progress(total, total);
    }
    Ok(copied)
}

/// A value read from the database that this binary does not know: a newer schema, or a bug.
///
/// Parsers of stored enums (`"paid".parse::<OrderStatus>()`) return it
/// instead of guessing; domains turn it into their `Unexpected` variant, so a
/// request fails with 500 and the value is logged. A CHECK constraint does
/// not make it impossible: a migration of a newer release may allow a value
/// that replicas still running the old release read.
#[derive(Debug, thiserror::Error)]
#[error("unknown {column} value `{value}` read from the database")]
pub struct UnknownValue {
    /// `table.column` the value came from.
    pub column: &'static str,
    /// The value as stored.
    pub value: String,
}

impl UnknownValue {
    /// The error for `value` of `column`.
    pub fn new(column: &'static str, value: &str) -> Self {
        Self {
            column,
            value: value.to_owned(),
        }
    }
}

/// Name of the unique/check/foreign-key constraint a statement violated, if any.
///
/// Services match on it to turn constraint violations into domain errors
/// (`Some("products_slug_key") => CatalogError::SlugTaken`).
pub fn violated_constraint(error: &tokio_postgres::Error) -> Option<&str> {
    error.as_db_error().and_then(|db| db.constraint())
}

/// Whether a database error means the database is unreachable or refusing work, not that the statement failed.
///
/// Outages: no SQLSTATE because the connection closed or its I/O failed, or
/// the classes 08 (connection exception), 53 (insufficient resources) and
/// 57P (operator intervention: shutdown, cannot connect now). Everything else
/// (constraint violations, data exceptions, undefined objects, serialization
/// failures) is about this statement or transaction.
pub fn is_outage(error: &tokio_postgres::Error) -> bool {
    match error.code() {
        Some(state) => is_outage_state(state),
        None => {
            error.is_closed()
                || std::error::Error::source(error).is_some_and(|s| s.is::<std::io::Error>())
        }
    }
}

/// Whether a SQLSTATE is of an outage class (see [`is_outage`]).
fn is_outage_state(state: &SqlState) -> bool {
    let code = state.code();
    code.starts_with("08") || code.starts_with("53") || code.starts_with("57P")
}

/// Whether the error is a serialization failure or deadlock worth retrying.
pub fn is_retryable(error: &tokio_postgres::Error) -> bool {
    matches!(
        error.code(),
        Some(&SqlState::T_R_SERIALIZATION_FAILURE) | Some(&SqlState::T_R_DEADLOCK_DETECTED)
    )
}

/// A read-only transaction that sees one snapshot for all its statements.
///
/// For reads that combine several queries (a payment and its refunds): under
/// the default READ COMMITTED each statement could see a different commit.
pub async fn read_snapshot(client: &mut Client) -> Result<Transaction<'_>, tokio_postgres::Error> {
    client
        .build_transaction(|builder| {
            builder
                .isolation_level(tokio_postgres::IsolationLevel::RepeatableRead)
                .read_only(true)
        })
        .await
}

/// An error that may be a deadlock or serialization failure worth retrying.
pub trait MaybeRetryable {
    /// Whether running the whole transaction again may succeed.
    fn is_retryable(&self) -> bool;
}

/// How many times [`retry`] runs a transaction in all.
pub const MAX_TRANSACTION_ATTEMPTS: u32 = 4;

/// Runs a transaction again (up to [`MAX_TRANSACTION_ATTEMPTS`] in all) while it
/// fails with a deadlock or serialization failure.
///
/// Lock order (docs/PAYMENTS.md) makes deadlocks impossible by design; this is
/// the bounded safety net for what design missed. The last error is returned
/// as is, and its domain maps it to 503, never 500.
pub async fn retry<T, E, F, Fut>(mut op: F) -> Result<T, E>
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Result<T, E>>,
    E: MaybeRetryable,
{
    let mut attempt = 1;
    loop {
        match op().await {
            Err(e) if e.is_retryable() && attempt < MAX_TRANSACTION_ATTEMPTS => {
                tracing::warn!(
                    attempt,
                    "transaction hit a deadlock or serialization failure; retrying"
                );
                // A short, growing pause lets the other transaction finish.
                tokio::time::sleep(std::time::Duration::from_millis(10 << attempt)).await;
                attempt += 1;
            }
            other => return other,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_connection_resource_and_shutdown_classes_are_outages() {
        for (state, outage) in [
            (SqlState::CONNECTION_FAILURE, true),
            (SqlState::CONNECTION_EXCEPTION, true),
            (SqlState::TOO_MANY_CONNECTIONS, true),
            (SqlState::DISK_FULL, true),
            (SqlState::ADMIN_SHUTDOWN, true),
            (SqlState::CANNOT_CONNECT_NOW, true),
            (SqlState::T_R_SERIALIZATION_FAILURE, false),
            (SqlState::T_R_DEADLOCK_DETECTED, false),
            (SqlState::UNIQUE_VIOLATION, false),
            (SqlState::CHECK_VIOLATION, false),
            (SqlState::INVALID_TEXT_REPRESENTATION, false),
            (SqlState::UNDEFINED_TABLE, false),
            (SqlState::READ_ONLY_SQL_TRANSACTION, false),
            (SqlState::QUERY_CANCELED, false),
        ] {
            assert_eq!(is_outage_state(&state), outage, "{}", state.code());
        }
    }

    #[test]
    fn quote_ident_doubles_quotes() {
        assert_eq!(quote_ident("shop"), "\"shop\"");
        assert_eq!(quote_ident("a\"b"), "\"a\"\"b\"");
        assert_eq!(
            create_database_statement("x", None),
            "CREATE DATABASE \"x\""
        );
        assert_eq!(
            create_database_statement("x", Some("t")),
            "CREATE DATABASE \"x\" TEMPLATE \"t\""
        );
    }
}
