--: FacetGroup(name?)

--! product_facet_groups (category_id) : FacetGroup
--- The facet counts kept by V0018's triggers, one row per non-empty group
--- (category 0 = every active product): the sum of the group's deltas, with
--- the category's name; groups of deleted categories are left out. Then one
--- row (`price_bucket` 0, count 0) naming `category_id` if it exists, so a
--- selected category is listed even when it is empty. Reads only the small
--- delta table and categories, never products.
SELECT g.category_id, g.price_bucket, g.in_stock, g.count, c.name
FROM (
    SELECT d.category_id, d.price_bucket, d.in_stock, sum(d.delta)::bigint AS count
    FROM product_facet_deltas d
    GROUP BY d.category_id, d.price_bucket, d.in_stock
    HAVING sum(d.delta) <> 0
) g
LEFT JOIN categories c ON c.id = g.category_id
WHERE g.category_id = 0 OR c.id IS NOT NULL
UNION ALL
SELECT c.id, 0::smallint, false, 0::bigint, c.name
FROM categories c
WHERE c.id = :category_id;

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
