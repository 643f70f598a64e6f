-- Full-text search over product names and descriptions (`q` on the product list
-- and facets), ranked with the name above the description.
--
-- The text search configuration is a setting (`SEARCH_LANGUAGE`, default
-- `english`), but a generated column must name one fixed configuration. So
-- the configuration lives in a one-row table, and a trigger computes
-- `search_vector` with it. At start-up the api compares the setting with the
-- stored configuration (`set_search_config` in queries/catalog/search.sql):
-- when they differ it stores the new one and recomputes every vector in the
-- same transaction, so the stored vectors and the queries the api builds
-- (with the same setting) always use one configuration.

CREATE TABLE catalog_search_config (
    -- At most one row.
    singleton boolean  PRIMARY KEY DEFAULT true CHECK (singleton),
    -- regconfig: only an installed text search configuration can be stored.
    config    regconfig NOT NULL
);
INSERT INTO catalog_search_config (config) VALUES ('english');

-- The weighted document of a product: name 'A' (rank weight 1.0), description
-- 'B' (0.4), so a word in the name ranks a product above one that has the word
-- only in its description.
CREATE FUNCTION product_search_vector(config regconfig, name text, description text)
RETURNS tsvector
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT setweight(to_tsvector(config, name), 'A')
        || setweight(to_tsvector(config, description), 'B')
$$;

-- The query of a search box: `websearch_to_tsquery` syntax (quoted phrases,
-- `-word`, `or`), and while the user is still typing (the text ends in a
-- letter or digit) the last word also matches as a prefix: `walnut la` finds
-- "walnut lamp". A negated last word (`-oak`) stays exact. The function never
-- fails on user input: websearch_to_tsquery accepts any text, and the
-- rewritten text is built from its own output (lexemes quoted, quotes doubled).
--
-- The configuration comes as text and the function is declared IMMUTABLE
-- although the text -> regconfig lookup is only STABLE (it reads the
-- catalog): the api only passes built-in configuration names
-- (`SEARCH_LANGUAGE` is checked against them), which never change meaning.
-- That lets the planner compute the query once, at planning (the list pool
-- uses custom plans): the GIN index estimate sees the real query, and
-- `ts_rank` gets a constant instead of re-parsing the text for every
-- matching row.
CREATE FUNCTION product_search_query(config text, q text)
RETURNS tsquery
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE
        WHEN q ~ '[[:alnum:]]$'
        THEN regexp_replace(websearch_to_tsquery(config::regconfig, q)::text,
                            '(^|[^!])(''(?:[^'']|'''')*'')$', '\1\2:*')::tsquery
        ELSE websearch_to_tsquery(config::regconfig, q)
    END
$$;

ALTER TABLE products ADD COLUMN search_vector tsvector;

CREATE FUNCTION products_set_search_vector() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    NEW.search_vector := product_search_vector(
        (SELECT config FROM catalog_search_config), NEW.name, NEW.description);
    RETURN NEW;
END
$$;

-- Only inserts and changes of the indexed text: stock updates (orders) never fire it.
CREATE TRIGGER products_set_search_vector
    BEFORE INSERT OR UPDATE OF name, description ON products
    FOR EACH ROW EXECUTE FUNCTION products_set_search_vector();

UPDATE products SET search_vector = product_search_vector('english', name, description);
ALTER TABLE products ALTER COLUMN search_vector SET NOT NULL;

-- q=...: `search_vector @@ query`, partial like the other list indexes.
-- Relevance pages rank every match (there is no ordered access by rank in a
-- GIN index), so their cost grows with the number of matches; see
-- docs/performance.md.
CREATE INDEX products_active_search_idx ON products USING gin (search_vector) WHERE is_active;
