//! Read replicas against a real streaming replica (`scripts/cluster pg-up`):
//! routing, lag and outage fallback, and two processes migrating at once.

mod common;

use std::time::Duration;

use common::{TestApp, cluster::PgCluster, json_with_status, payments::eventually, spawn_app_with};
use ecommerce::db::replicas::{Health, ReplicaStatus};
use serde_json::Value;

/// An api on the scratch primary with its replica; small lag bound, fast probes.
async fn app_with_replica(cluster: &PgCluster) -> TestApp {
    let primary = cluster.primary_url();
    let replica = cluster.replica_url();
    spawn_app_with(move |s| {
        s.database.url = primary.into();
        s.database.replica_urls = vec![replica.into()];
        s.database.replica_max_lag = Duration::from_millis(400);
    })
    .await
}

fn replica(app: &TestApp) -> ReplicaStatus {
    app.state.replicas.status().remove(0)
}

async fn until_health(app: &TestApp, wanted: Health) -> ReplicaStatus {
    eventually(&format!("the replica to be {wanted:?}"), || async {
        let status = replica(app);
        (status.health == wanted).then_some(status)
    })
    .await
}

/// Ids of the products a free-text search finds (never cached: replica or primary).
async fn search(app: &TestApp, q: &str) -> Vec<i64> {
    let page: Value =
        json_with_status(app.get(&format!("/api/v1/products?q={q}"), None).await, 200).await;
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_i64().unwrap())
        .collect()
}

/// Runs one statement on the replica's copy of the test database.
async fn on_replica(cluster: &PgCluster, app: &TestApp, statement: &str) {
    let url = common::with_dbname(&cluster.replica_url(), &app.db_name);
    let (client, connection) = tokio_postgres::connect(&url, tokio_postgres::NoTls)
        .await
        .expect("replica reachable");
    tokio::spawn(connection);
    client.batch_execute(statement).await.unwrap();
}

/// What both servers say, for a failure message: how far each received,
/// replayed and inserted WAL, its snapshot, and whether it holds product `id`;
/// then the end of the replica's log.
async fn replica_view(cluster: &PgCluster, app: &TestApp, id: i64) -> String {
    let replica = common::with_dbname(&cluster.replica_url(), &app.db_name);
    let primary = common::with_dbname(&cluster.primary_url(), &app.db_name);
    let log = std::fs::read_to_string(cluster.dir.join("replica.log")).unwrap_or_default();
    let tail: Vec<&str> = log.lines().rev().take(12).collect();
    format!(
        "replica: {}; primary: {}; replica.log ends:\n{}",
        server_view(&replica, id).await,
        server_view(&primary, id).await,
        tail.into_iter().rev().collect::<Vec<_>>().join("\n")
    )
}

async fn server_view(url: &str, id: i64) -> String {
    let Ok((client, connection)) = tokio_postgres::connect(url, tokio_postgres::NoTls).await else {
        return "unreachable".into();
    };
    tokio::spawn(connection);
    let view = "SELECT format('in recovery %s, received %s, replayed %s, inserted %s, snapshot %s, \
                       has the product %s', pg_is_in_recovery(), pg_last_wal_receive_lsn(), \
                       pg_last_wal_replay_lsn(), \
                       CASE WHEN NOT pg_is_in_recovery() THEN pg_current_wal_insert_lsn() END, \
                       pg_current_snapshot(), EXISTS (SELECT 1 FROM products WHERE id = $1))";
    match client.query_one(view, &[&id]).await {
        Ok(row) => row.get(0),
        Err(e) => format!("query failed: {e}"),
    }
}

#[tokio::test]
async fn public_searches_are_answered_by_an_idle_replica_that_caught_up() {
    let cluster = PgCluster::start();
    let app = app_with_replica(&cluster).await;
    let id = app.create_product("Brass Lantern", "12.00", 3).await;

    // No writes after this one: the lag measured against an idle primary stays under the bound.
    let status = until_health(&app, Health::Usable).await;
    assert!(
        status.lag.unwrap() <= Duration::from_millis(400),
        "{status:?}"
    );
    let found = eventually("the replica to replay the new product", || async {
        let ids = search(&app, "lantern").await;
        ids.contains(&id).then_some(ids)
    })
    .await;

    assert_eq!(found, vec![id]);
    assert!(replica(&app).reads > 0, "the replica answered the search");
    let before = replica(&app).reads;
    let admin = app.admin_token().await;
    let resp = app
        .get(&format!("/api/v1/products/{id}"), Some(&admin))
        .await;
    json_with_status(resp, 200).await;
    assert_eq!(
        replica(&app).reads,
        before,
        "an admin's read (own writes) stays on the primary"
    );
}

#[tokio::test]
async fn a_replica_lagging_past_the_bound_is_skipped_until_it_catches_up() {
    let cluster = PgCluster::start();
    let app = app_with_replica(&cluster).await;
    until_health(&app, Health::Usable).await;

    on_replica(&cluster, &app, "SELECT pg_wal_replay_pause()").await;
    let id = app.create_product("Copper Kettle", "30.00", 5).await;
    let lagging = until_health(&app, Health::Lagging).await;

    assert!(
        lagging
            .lag
            .is_none_or(|lag| lag > Duration::from_millis(400)),
        "{lagging:?}"
    );
    let fallbacks = app.state.replicas.fallbacks();
    assert_eq!(
        search(&app, "kettle").await,
        vec![id],
        "the paused replica does not have the product: the primary answered"
    );
    assert!(app.state.replicas.fallbacks() > fallbacks);

    on_replica(&cluster, &app, "SELECT pg_wal_replay_resume()").await;
    until_health(&app, Health::Usable).await;
    let reads = replica(&app).reads;
    assert_eq!(search(&app, "kettle").await, vec![id]);
    assert_eq!(
        replica(&app).reads,
        reads + 1,
        "the caught-up replica is used again"
    );
}

#[tokio::test]
async fn a_stopped_replica_costs_no_failed_request_and_is_used_again_once_back() {
    let cluster = PgCluster::start();
    let app = app_with_replica(&cluster).await;
    let id = app.create_product("Iron Skillet", "25.00", 5).await;
    eventually("the replica to serve the product", || async {
        search(&app, "skillet").await.contains(&id).then_some(())
    })
    .await;

    cluster.stop_replica();
    // Requests right after the stop hit a pooled connection to the dead replica.
    for _ in 0..10 {
        assert_eq!(search(&app, "skillet").await, vec![id]);
    }
    until_health(&app, Health::Down).await;
    assert!(app.state.replicas.fallbacks() >= 10);

    cluster.start_replica();
    until_health(&app, Health::Usable).await;
    // Usable means at most 400 ms behind, and the whole test may take less:
    // the product can still be missing on the replica for a moment.
    eventually("the restarted replica to serve the product", || async {
        let reads = replica(&app).reads;
        let found = search(&app, "skillet").await;
        (found == vec![id] && replica(&app).reads == reads + 1).then_some(())
    })
    .await;
}

/// A commit the primary shows but has not written yet (asynchronous commit,
/// WAL writer stopped) is out of the replica's reach: once the lag bound has
/// passed, public reads must not be served by that replica. Failed before the
/// monitor sampled the insert position: it sampled the write position, which
/// had not moved, and kept the replica usable with the product missing (seen
/// in CI as the stopped-replica test's empty search).
#[tokio::test]
async fn a_commit_the_primary_has_not_written_yet_is_not_read_past_the_lag_bound() {
    let cluster = PgCluster::start();
    let app = app_with_replica(&cluster).await;
    until_health(&app, Health::Usable).await;

    let paused = cluster.pause_wal_writer();
    let id = app.create_product("Pewter Jug", "14.00", 2).await;
    // Monitor rounds are 100 ms apart: eight of them outlast the 400 ms bound.
    let rounds = app.state.replicas.monitor_rounds();
    eventually("eight monitor rounds after the commit", || async {
        (app.state.replicas.monitor_rounds() >= rounds + 8).then_some(())
    })
    .await;

    for _ in 0..5 {
        let found = search(&app, "jug").await;
        if found != vec![id] {
            panic!(
                "found {found:?}, wanted [{id}]; {:?}; {}",
                replica(&app),
                replica_view(&cluster, &app, id).await
            );
        }
    }

    drop(paused);
    until_health(&app, Health::Usable).await;
    let reads = replica(&app).reads;
    assert_eq!(search(&app, "jug").await, vec![id]);
    assert_eq!(
        replica(&app).reads,
        reads + 1,
        "once the WAL is written and replayed, the replica serves again"
    );
}

/// WAL page size (PostgreSQL's default `wal_block_size`).
const PAGE: i64 = 8192;

async fn insert_position(client: &tokio_postgres::Client) -> i64 {
    client
        .query_one(
            "SELECT (pg_current_wal_insert_lsn() - '0/0'::pg_lsn)::int8",
            &[],
        )
        .await
        .unwrap()
        .get(0)
}

/// Writes logical messages on the primary until its last record ends exactly
/// at a page boundary; the insert position then points past the next page's
/// header (24 bytes, 40 at a segment start). Returns that position.
async fn end_wal_on_a_page_boundary(client: &tokio_postgres::Client) -> i64 {
    let emit = |size: i64| async move {
        let size = i32::try_from(size).unwrap();
        client
            .execute(
                "SELECT pg_logical_emit_message(false, 'pad', repeat('x', $1))",
                &[&size],
            )
            .await
            .unwrap();
    };
    // A message of n bytes takes MAXALIGN(overhead + n) of WAL; measure it
    // with n = 1000, then size one message to fill the rest of the page.
    const PROBE: i64 = 1000;
    for _ in 0..50 {
        let before = insert_position(client).await;
        emit(PROBE).await;
        let after = insert_position(client).await;
        if before / PAGE != after / PAGE {
            continue; // crossed a page: the size includes a page header
        }
        let (record, rest) = (after - before, PAGE - after % PAGE);
        let size = PROBE + rest - record;
        if size < 300 {
            continue; // too little room left: the next probe moves to the next page
        }
        emit(size).await;
        let end = insert_position(client).await;
        let header = end % PAGE;
        if (header == 24 || header == 40) && end - after == rest + header {
            return end;
        }
    }
    panic!("could not end the primary's WAL on a page boundary");
}

/// A replica that replayed everything reports its position at the page
/// boundary, while the primary's insert position points past the next page's
/// header: without moving the sample back over it, an idle replica there
/// would count as lagging for as long as the primary stays idle.
#[tokio::test]
async fn a_replica_of_an_idle_primary_whose_wal_ends_on_a_page_boundary_is_usable() {
    let cluster = PgCluster::start();
    let app = app_with_replica(&cluster).await;
    until_health(&app, Health::Usable).await;
    let url = common::with_dbname(&cluster.primary_url(), &app.db_name);
    let (primary, connection) = tokio_postgres::connect(&url, tokio_postgres::NoTls)
        .await
        .unwrap();
    tokio::spawn(connection);

    // Anything else writing WAL meanwhile (autovacuum, a standby snapshot)
    // moves the primary off the boundary, and then the replica is usable
    // either way: try again.
    for _ in 0..5 {
        let end = end_wal_on_a_page_boundary(&primary).await;
        let rounds = app.state.replicas.monitor_rounds();
        eventually(
            "the replica to be usable after eight more monitor rounds",
            || async {
                let status = replica(&app);
                (app.state.replicas.monitor_rounds() >= rounds + 8
                    && status.health == Health::Usable)
                    .then_some(())
            },
        )
        .await;
        if insert_position(&primary).await == end {
            return;
        }
    }
    panic!(
        "five times the replica became usable only after the primary had moved off \
         the page boundary (it lagged while the primary was idle there)"
    );
}

#[tokio::test]
async fn public_searches_keep_being_answered_by_the_replica_while_the_primary_is_down() {
    let cluster = PgCluster::start();
    let app = app_with_replica(&cluster).await;
    let id = app.create_product("Tin Whistle", "8.00", 5).await;
    until_health(&app, Health::Usable).await;
    eventually("the replica to serve the product", || async {
        let reads = replica(&app).reads;
        let found = search(&app, "whistle").await.contains(&id);
        (found && replica(&app).reads > reads).then_some(())
    })
    .await;

    cluster.stop_primary();
    // Long enough for a replica measured against stale samples to look late:
    // max lag (400 ms) + two probe intervals (100 ms each), and more.
    let rounds = app.state.replicas.monitor_rounds();
    eventually("ten monitor rounds without the primary", || async {
        (app.state.replicas.monitor_rounds() >= rounds + 10).then_some(())
    })
    .await;

    assert_eq!(replica(&app).health, Health::Usable);
    assert_eq!(search(&app, "whistle").await, vec![id]);
}

#[tokio::test]
async fn two_api_processes_migrating_one_fresh_database_at_once_both_succeed() {
    let cluster = PgCluster::start();
    let url = common::with_dbname(&cluster.primary_url(), "race");
    let migrate = || {
        tokio::process::Command::new(env!("CARGO_BIN_EXE_api"))
            .arg("migrate")
            .env("APP_ENV", "development")
            .env("DATABASE_URL", &url)
            .env("LOG_FORMAT", "json")
            .output()
    };

    let (first, second) = tokio::join!(migrate(), migrate());

    for output in [first.unwrap(), second.unwrap()] {
        assert!(
            output.status.success(),
            "api migrate: {}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
    }
    let settings = {
        let mut s = common::test_settings();
        s.database.url = url.clone().into();
        s
    };
    let pool = ecommerce::db::pool(&settings.database, 1, ecommerce::db::Plans::Cached).unwrap();
    let mut client = pool.get().await.unwrap();
    assert_eq!(
        ecommerce::db::schema_version(&mut client).await.unwrap(),
        Some(ecommerce::db::expected_schema_version())
    );
}

/// A replica stands in for the pool the read would otherwise use: catalog lists
/// plan each execution for its parameters, lookups (one product) keep
/// PostgreSQL's cached plans, as on the primary. Replanning every lookup made a
/// product page 3.5 times as slow on a replica (bench/results/2026-11-27-replicas.md).
#[tokio::test]
async fn replica_reads_are_planned_like_the_primary_pool_they_stand_in_for() {
    use codegen::queries::session;
    use ecommerce::{catalog::error::CatalogError, db::Plans};

    let cluster = PgCluster::start();
    let app = app_with_replica(&cluster).await;
    until_health(&app, Health::Usable).await;
    for (plans, mode) in [
        (Plans::Custom, "force_custom_plan"),
        (Plans::Cached, "auto"),
    ] {
        let before = replica(&app).reads;
        let used = app
            .state
            .replicas
            .read(&app.state.db, plans, |client| async move {
                let settings = session::session_planner_settings()
                    .bind(&client)
                    .one()
                    .await?;
                Ok::<_, CatalogError>(settings.plan_cache_mode)
            })
            .await
            .unwrap();
        assert_eq!(used, mode, "{plans:?}");
        assert_eq!(replica(&app).reads, before + 1, "the replica answered");
    }
}
