--: FacetGroup(name?)

--! product_facet_groups (category_id, in_stock?) : FacetGroup
-- The facet counts kept by V0018's triggers (category 0 = every active
-- product), summed per group: first the non-empty groups of `category_id`
-- (price bucket >= 1), then one row per category to list (`price_bucket` 0):
-- its count with the `in_stock` filter, for the categories with products
-- plus `category_id` even at 0, as `product_facets` lists them. Reads only
-- the small delta table and categories, never products. Each part sums the
-- delta rows it needs directly (integer sums stay bigint): aggregating every
-- group first and re-summing them cost three times as much.
SELECT d.category_id, d.price_bucket, d.in_stock, sum(d.delta)::bigint AS count, NULL::text AS name
FROM product_facet_deltas d
WHERE d.category_id = :category_id
GROUP BY d.category_id, d.price_bucket, d.in_stock
HAVING sum(d.delta) <> 0
UNION ALL
SELECT c.id, 0::smallint, false, COALESCE(n.count, 0)::bigint, c.name
FROM categories c
LEFT JOIN (
    SELECT d.category_id, sum(d.delta) AS count
    FROM product_facet_deltas d
    WHERE :in_stock::boolean IS NULL OR d.in_stock = :in_stock
    GROUP BY d.category_id
) n ON n.category_id = c.id
WHERE n.count > 0 OR c.id = :category_id;

--! compact_facet_deltas
--- Replaces the delta rows with one row per group (their sum), dropping the
--- groups that sum to zero, in one statement: rows inserted meanwhile by
--- other transactions are not in this statement's snapshot, so it neither
--- deletes nor sums them, and readers see the old rows or the sums, never a mix.
WITH moved AS (
    DELETE FROM product_facet_deltas
    RETURNING category_id, price_bucket, in_stock, delta
)
INSERT INTO product_facet_deltas (category_id, price_bucket, in_stock, delta)
SELECT category_id, price_bucket, in_stock, sum(delta)::integer
FROM moved
GROUP BY category_id, price_bucket, in_stock
HAVING sum(delta) <> 0;

--! count_facet_deltas
--- Rows in the delta table (housekeeping reports how many a compaction removed).
SELECT count(*) FROM product_facet_deltas;

--! vacuum_facet_deltas
-- Reclaims the rows a compaction deleted. The facets read scans this table, so
-- dead rows cost every request until a vacuum: the bulk loader's compaction
-- leaves millions (one per product and link), and autovacuum may be late or,
-- on some servers, off. Cannot run inside a transaction.
VACUUM (ANALYZE) product_facet_deltas;

--! rewrite_facet_deltas
-- Rewrites the table to its live rows after a bulk load: the compaction of a
-- bulk load deletes millions of rows and inserts the sums after them, so a
-- plain vacuum frees the pages but cannot truncate them and the facets read
-- would still scan them all. Takes an exclusive lock for as long as it copies
-- the few thousand live rows.
VACUUM (FULL, ANALYZE) product_facet_deltas;

--! facet_deltas_pages
-- Pages the delta table occupies on disk (for operators and tests: the facets
-- read scans all of them).
SELECT (pg_relation_size('product_facet_deltas') / current_setting('block_size')::bigint)::bigint AS pages;
