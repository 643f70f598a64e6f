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

/// What the replica itself says, for a failure message: how far it replayed,
/// whether it is in recovery, and whether it holds product `id`.
async fn replica_view(cluster: &PgCluster, app: &TestApp, id: i64) -> String {
    let url = common::with_dbname(&cluster.replica_url(), &app.db_name);
    let Ok((client, connection)) = tokio_postgres::connect(&url, tokio_postgres::NoTls).await
    else {
        return "replica unreachable".into();
    };
    tokio::spawn(connection);
    match client
        .query_one(
            "SELECT pg_last_wal_replay_lsn()::text, pg_is_in_recovery(), \
                    EXISTS (SELECT 1 FROM products WHERE id = $1)",
            &[&id],
        )
        .await
    {
        Ok(row) => format!(
            "replay {:?}, in recovery {}, has the product {}",
            row.get::<_, Option<String>>(0),
            row.get::<_, bool>(1),
            row.get::<_, bool>(2)
        ),
        Err(e) => format!("replica query failed: {e}"),
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
    let usable = until_health(&app, Health::Usable).await;
    let reads = replica(&app).reads;
    let found = search(&app, "skillet").await;
    // Seen once in CI (2026-11-28): an empty answer here, not reproduced
    // since; the message says what the replica held at that moment.
    if found != vec![id] {
        panic!(
            "found {found:?}, wanted [{id}]; status when usable {usable:?}, now {:?}; replica: {}",
            replica(&app),
            replica_view(&cluster, &app, id).await
        );
    }
    assert_eq!(replica(&app).reads, reads + 1);
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
