--! ping
--- Round-trip to the database for the readiness probe.
SELECT 1::int4 AS ok;
