--! primary_wal_position
--- How far the primary has inserted WAL, in bytes from the start of the WAL:
--- every transaction it has shown as committed has its commit record below.
---
--- The replica monitor samples it to know how far each replica must have
--- replayed. The insert position, not the write position
--- (`pg_current_wal_lsn`): under `synchronous_commit = off` a commit is
--- visible before the WAL writer has written it, so a replica that replayed
--- the write position can still miss it. At the start of a page the insert
--- position points past the page header (40 bytes on a segment's first page,
--- 24 on the others), where no record ends; it is moved back to the page
--- boundary, which is where a replica that replayed everything stands.
--- Fails on a standby (recovery in progress).
SELECT CASE
           WHEN position.pos % sizes.segment = 40 THEN position.pos - 40
           WHEN position.pos % sizes.block = 24 THEN position.pos - 24
           ELSE position.pos
       END AS lsn
FROM (SELECT (pg_current_wal_insert_lsn() - '0/0'::pg_lsn)::int8 AS pos) AS position,
     (SELECT current_setting('wal_block_size')::int8 AS block,
             setting::int8 AS segment
      FROM pg_settings
      WHERE name = 'wal_segment_size') AS sizes;

--! replica_replay_position : (lsn?)
--- Whether this server is a standby, and how far it has replayed the primary's WAL (bytes).
---
--- `lsn` is NULL on a server that is not in recovery (a primary, or a
--- promoted standby): such a server no longer follows the primary.
SELECT pg_is_in_recovery() AS in_recovery,
       (pg_last_wal_replay_lsn() - '0/0'::pg_lsn)::int8 AS lsn;
