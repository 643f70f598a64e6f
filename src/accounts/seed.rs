//! Bulk users for benchmarks (`api seed --users N`), streamed through COPY.
//!
//! Every bulk user has the same password, [`BULK_USER_PASSWORD`]; it is
//! hashed with argon2 once per load and the hash is reused, because 10,000
//! argon2 hashes would take minutes and prove nothing.

use std::fmt::Write as _;

use anyhow::Context;
use codegen::queries::accounts::users as q;

use super::password;
use crate::db;

/// The one accounts statement kept in Rust, because cornucopia cannot express COPY.
///
/// Same exception as `catalog::seed::COPY_PRODUCTS_STATEMENT`.
pub const COPY_USERS_STATEMENT: &str =
    "COPY users (email, username, first_name, last_name, password_hash, created_at) FROM STDIN";

/// Email prefix of bulk users (the loader counts them to resume).
pub const BULK_USER_PREFIX: &str = "bulk-user-";
/// Password of every bulk user (benchmarks log in with it).
pub const BULK_USER_PASSWORD: &str = "bulk-user-password";

const FIRST_NAMES: [&str; 8] = [
    "Abebe", "Almaz", "Dawit", "Hana", "Kebede", "Liya", "Samuel", "Tigist",
];
const LAST_NAMES: [&str; 8] = [
    "Alemu", "Bekele", "Desta", "Girma", "Haile", "Mekonnen", "Tadesse", "Wolde",
];

/// Email of bulk user `i` (`bulk-user-0@bench.local` is the first).
pub fn bulk_user_email(i: u64) -> String {
    format!("{BULK_USER_PREFIX}{i}@bench.local")
}

/// Appends bulk user `i` as one COPY text-format line.
fn write_user_row(buf: &mut String, i: u64, hash: &str) {
    let first = FIRST_NAMES[(i % 8) as usize];
    let last = LAST_NAMES[((i / 8) % 8) as usize];
    // One sign-up a minute from 2023-01-01.
    let created = chrono::DateTime::from_timestamp(1_672_531_200 + 60 * i as i64, 0)
        .expect("in range")
        .format("%Y-%m-%d %H:%M:%S+00");
    let _ = writeln!(
        buf,
        "{}\t{BULK_USER_PREFIX}{i}\t{first}\t{last}\t{hash}\t{created}",
        bulk_user_email(i)
    );
}

/// Makes sure `total` bulk users exist (loading only the missing ones); returns how many it copied.
///
/// Deterministic apart from the password salt: user `i` always has the same
/// email, username, name and sign-up time, and its id order is `i`'s order.
/// Runs in one transaction, so an interrupted load leaves nothing.
pub async fn bulk_load_users(
    client: &mut tokio_postgres::Client,
    total: u64,
    progress: impl FnMut(u64, u64),
) -> anyhow::Result<u64> {
    let tx = client.transaction().await?;
    let existing = u64::try_from(
        q::count_users_with_email_prefix()
            .bind(&tx, &BULK_USER_PREFIX)
            .one()
            .await?,
    )
    .unwrap_or(0);
    if existing >= total {
        tx.commit().await?;
        return Ok(0);
    }
    let hash = password::hash(BULK_USER_PASSWORD.to_owned())
        .await
        .context("hashing the bulk user password")?;
    let copied = db::copy_rows(
        &tx,
        COPY_USERS_STATEMENT,
        existing..total,
        |buf, i| write_user_row(buf, i, &hash),
        progress,
    )
    .await
    .context("copying users")?;
    tx.commit().await.context("committing the bulk users")?;
    Ok(copied)
}
