//! EXPLAIN helpers for the "served by an index" tests.

use serde_json::Value;
use tokio_postgres::types::ToSql;

/// Every node of an EXPLAIN (FORMAT JSON) plan.
pub fn plan_nodes<'a>(node: &'a Value, out: &mut Vec<&'a Value>) {
    out.push(node);
    if let Some(children) = node["Plans"].as_array() {
        for child in children {
            plan_nodes(child, out);
        }
    }
}

/// Asserts that the prepared statement containing `marker` scans no table sequentially.
///
/// `statements` is the SQL read back from `pg_prepared_statements`; run with
/// sequential scans disabled, so a remaining one means no index can serve it.
pub async fn assert_no_seq_scan(
    client: &tokio_postgres::Client,
    statements: &[String],
    marker: &str,
    params: &[&(dyn ToSql + Sync)],
) {
    let sql = statements
        .iter()
        .find(|s| s.contains(marker))
        .unwrap_or_else(|| panic!("no prepared statement with {marker}: {statements:#?}"));
    let explain = client
        .prepare(&format!("EXPLAIN (FORMAT JSON) {sql}"))
        .await
        .unwrap();
    let row = client.query_one(&explain, params).await.unwrap();
    let plan: Value = row.get(0);
    let mut nodes = Vec::new();
    plan_nodes(&plan[0]["Plan"], &mut nodes);
    let seq: Vec<&str> = nodes
        .iter()
        .filter(|n| n["Node Type"] == "Seq Scan")
        .map(|n| n["Relation Name"].as_str().unwrap_or("?"))
        .collect();
    assert!(
        seq.is_empty(),
        "{marker}: sequential scan of {seq:?} in {plan}"
    );
}

/// The SQL of every statement prepared on `client`'s connection (`pg_prepared_statements`).
pub async fn prepared_statements(client: &impl codegen::client::GenericClient) -> Vec<String> {
    codegen::queries::session::prepared_statement_plans()
        .bind(client)
        .all()
        .await
        .unwrap()
        .into_iter()
        .map(|p| p.statement)
        .collect()
}
