--! configure_session
--- Planner settings for every pooled connection (run once when the pool opens it).
---
--- `plan_cache_mode = force_custom_plan`: cornucopia prepares every statement,
--- and the catalog list queries have optional filters (`:x IS NULL OR ...`); a
--- cached generic plan cannot drop the unused ones, so it could not seek the
--- cursor in an index or use the trigram index for `q`. With custom plans
--- PostgreSQL folds `NULL IS NULL` away and every page is an index seek. The
--- other statements of the api are small; planning them each time costs
--- microseconds.
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
SELECT set_config('plan_cache_mode', 'force_custom_plan', false) AS plan_cache_mode,
       set_config('random_page_cost', '1.1', false) AS random_page_cost,
       set_config('max_parallel_workers_per_gather', '0', false) AS max_parallel_workers_per_gather;

--! session_planner_settings
--- The planner settings in effect on this connection (tests check the pool applies `configure_session`).
SELECT current_setting('plan_cache_mode') AS plan_cache_mode,
       current_setting('random_page_cost') AS random_page_cost,
       current_setting('max_parallel_workers_per_gather') AS max_parallel_workers_per_gather;
