--! configure_session
--- Planner settings for every pooled connection (run once when a pool opens it).
---
--- `random_page_cost = 1.1`: the default (4) models spinning disks and makes
--- the planner prefer sequential scans over a few thousand index lookups; on
--- SSDs with the hot catalog in memory the lookups are far cheaper.
---
--- `max_parallel_workers_per_gather = 0`: every api statement reads a page or
--- a few rows; under concurrent load, starting parallel workers for one (the
--- planner did for deep category pages) costs more than it saves and takes
--- cores from other requests. `scripts/bench` measured the difference
--- (docs/performance.md).
SELECT set_config('random_page_cost', '1.1', false) AS random_page_cost,
       set_config('max_parallel_workers_per_gather', '0', false) AS max_parallel_workers_per_gather;

--! use_custom_plans
--- Plans every statement for its parameter values; only for the catalog list pool.
---
--- cornucopia prepares every statement, and PostgreSQL may then reuse one
--- generic plan for all parameter values. The catalog list queries have
--- optional filters (`:x IS NULL OR ...`): a generic plan cannot drop the
--- unused ones, so it could not seek the cursor in an index or use the trigram
--- index for `q`. With custom plans PostgreSQL folds `NULL IS NULL` away and
--- every page is an index seek. Everything else keeps cached generic plans:
--- planning a product lookup costs ~3x its execution (docs/performance.md),
--- which is why the list queries get their own pool instead of a setting for all.
SELECT set_config('plan_cache_mode', 'force_custom_plan', false) AS plan_cache_mode;

--! session_planner_settings
--- The planner settings in effect on this connection (tests check the pool applies `configure_session`).
SELECT current_setting('plan_cache_mode') AS plan_cache_mode,
       current_setting('random_page_cost') AS random_page_cost,
       current_setting('max_parallel_workers_per_gather') AS max_parallel_workers_per_gather;

--! prepared_statement_plans
--- Text of the statements this session prepared through the protocol, and how often each was
--- planned generically or for its values (tests read the generated SQL back to EXPLAIN it).
SELECT statement, generic_plans, custom_plans
FROM pg_prepared_statements
WHERE NOT from_sql
ORDER BY prepare_time;

--! disable_seqscan
--- Makes sequential scans a last resort on this connection, so a test's EXPLAIN
--- on a small table shows whether an index can serve the query at all.
SELECT set_config('enable_seqscan', 'off', false) AS enable_seqscan;

--! session_uses_tls
--- Whether this connection is encrypted (tests check that `sslmode=require` takes effect).
SELECT coalesce((SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()), false) AS ssl;

--! server_offers_tls
--- Whether the server accepts TLS connections at all (`SHOW ssl`).
SELECT current_setting('ssl') = 'on' AS offers_tls;
