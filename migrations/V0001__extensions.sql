-- Extensions the schema relies on.
-- pg_trgm: trigram GIN indexes make `name ILIKE '%word%'` index-backed (catalog search).
CREATE EXTENSION IF NOT EXISTS pg_trgm;
