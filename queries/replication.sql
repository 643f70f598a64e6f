--! primary_wal_position
--- The primary's current WAL write position, in bytes from the start of the WAL.
---
--- The replica monitor samples it to know how far each replica must have
--- replayed. Fails on a standby (recovery in progress).
SELECT (pg_current_wal_lsn() - '0/0'::pg_lsn)::int8 AS lsn;

--! replica_replay_position : (lsn?)
--- Whether this server is a standby, and how far it has replayed the primary's WAL (bytes).
---
--- `lsn` is NULL on a server that is not in recovery (a primary, or a
--- promoted standby): such a server no longer follows the primary.
SELECT pg_is_in_recovery() AS in_recovery,
       (pg_last_wal_replay_lsn() - '0/0'::pg_lsn)::int8 AS lsn;
