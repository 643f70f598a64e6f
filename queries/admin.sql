--! database_exists
--- Whether a database of this name exists on the server (start-up creates it if not).
SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = :name) AS exists;

--! list_databases_with_prefix
--- Databases whose name starts with a prefix (test clean-up finds stale test databases).
SELECT datname::text AS name FROM pg_database WHERE starts_with(datname, :prefix) ORDER BY datname;

--! advisory_lock
--- Session-level advisory lock (serialises the test harness's template builds across processes).
SELECT pg_advisory_lock(:key)::text AS locked;

--! set_lock_timeout
--- Bounds this session's lock waits (`timeout` as PostgreSQL reads it, e.g.
--- '600s'; '0' = no bound): the migration lock's wait uses it.
SELECT set_config('lock_timeout', :timeout, false) AS lock_timeout;

--! advisory_unlock
SELECT pg_advisory_unlock(:key) AS unlocked;

--! schema_history_exists
--- Whether refinery's history table exists (a database never migrated has none).
SELECT to_regclass('refinery_schema_history') IS NOT NULL AS exists;
