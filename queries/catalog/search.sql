--: RankedProduct()
--: FacetCount(name?)

--! lock_search_config
--- The text search configuration of the stored vectors, locked until the end of
--- the transaction (start-up compares it with `SEARCH_LANGUAGE`).
SELECT config::text AS config FROM catalog_search_config FOR UPDATE;

--! set_search_config
--- Stores another text search configuration; an unknown name fails the cast.
UPDATE catalog_search_config SET config = :config::text::regconfig;

--! rebuild_search_vectors
--- Recomputes every product's search vector with `config` (after `set_search_config`,
--- in its transaction). A full rewrite of products: at 1M products it takes minutes.
UPDATE products SET search_vector = product_search_vector(:config::text::regconfig, name, description);

--! search_products_by_relevance (name_pattern?, min_price?, max_price?, in_stock?, category_ids?, after_id?, after_rank?) : RankedProduct
--- A page of active products matching `search_q`, best match first (`ts_rank`,
--- name weighted above description), ties broken by id descending, so the
--- cursor (rank, id) continues exactly after the last row of a page. The rank
--- is a `real` computed the same way on every page, and the cursor carries it
--- as the same `real` (`after_rank`), so the comparison is exact.
---
--- Every match is ranked (a GIN index finds matches, it has no rank order):
--- the cost grows with the number of matches, not with the page depth.
SELECT p.id, p.name, p.slug, p.description, p.price, p.stock, p.is_active, p.created_at, p.updated_at,
       page.rank, cat.category_ids, cat.category_names, cat.category_slugs
FROM (
    SELECT m.id, m.rank
    FROM (
        SELECT p.id,
               ts_rank(p.search_vector, product_search_query(:search_config::text, :search_q::text)) AS rank
        FROM products p
        WHERE p.is_active
          AND (p.name ILIKE :name_pattern
               OR p.search_vector @@ product_search_query(:search_config::text, :search_q::text))
          AND (:min_price::numeric IS NULL OR p.price >= :min_price)
          AND (:max_price::numeric IS NULL OR p.price <= :max_price)
          AND (:in_stock::boolean IS NULL OR (p.stock > 0) = :in_stock)
          AND (:category_ids::bigint[] IS NULL
               OR EXISTS (SELECT 1 FROM product_categories pc
                          WHERE pc.product_id = p.id AND pc.category_id = ANY(:category_ids)))
    ) m
    WHERE (:after_id::bigint IS NULL OR (m.rank, m.id) < (:after_rank::real, :after_id))
    ORDER BY m.rank DESC, m.id DESC
    LIMIT :limit
) page
JOIN products p ON p.id = page.id
CROSS JOIN LATERAL (
    SELECT COALESCE(array_agg(c.id ORDER BY c.name, c.id), '{}') AS category_ids,
           COALESCE(array_agg(c.name ORDER BY c.name, c.id), '{}') AS category_names,
           COALESCE(array_agg(c.slug ORDER BY c.name, c.id), '{}') AS category_slugs
    FROM product_categories pc
    JOIN categories c ON c.id = pc.category_id
    WHERE pc.product_id = p.id
) cat
ORDER BY page.rank DESC, page.id DESC;

--! product_facets (search_q?, name_pattern?, category_ids?, min_price?, max_price?, in_stock?) : FacetCount
--- Facet counts of the active products matching the list filters, one row per count:
--- `total` (every filter), `in_stock` (key 1/0; every filter but `in_stock`),
--- `price` (key = `width_bucket(price, price_bounds)`; every filter but the price
--- range) and `category` (key = category id, with its name; every filter but
--- `category`; categories with matches, plus the requested ones even at 0).
---
--- Each product is read once (`matched`), with one flag per filter, and every
--- facet counts the rows whose *other* flags hold (the disjunctive rule).
WITH matched AS MATERIALIZED (
    SELECT p.id, p.price, p.stock > 0 AS stocked,
           (:category_ids::bigint[] IS NULL
            OR p.id IN (SELECT pc.product_id FROM product_categories pc
                        WHERE pc.category_id = ANY(:category_ids))) AS in_categories,
           ((:min_price::numeric IS NULL OR p.price >= :min_price)
            AND (:max_price::numeric IS NULL OR p.price <= :max_price)) AS in_price,
           (:in_stock::boolean IS NULL OR (p.stock > 0) = :in_stock) AS in_stock_state
    FROM products p
    WHERE p.is_active
      AND (:search_q::text IS NULL
           OR p.name ILIKE :name_pattern
           OR p.search_vector @@ product_search_query(:search_config::text, :search_q))
)
SELECT 'total'::text AS facet, 0::bigint AS key, NULL::text AS name, count(*) AS count
FROM matched
WHERE in_categories AND in_price AND in_stock_state
UNION ALL
SELECT 'in_stock', stocked::int::bigint, NULL, count(*)
FROM matched
WHERE in_categories AND in_price
GROUP BY stocked
UNION ALL
SELECT 'price', width_bucket(price, :price_bounds::numeric[])::bigint, NULL, count(*)
FROM matched
WHERE in_categories AND in_stock_state
GROUP BY 2
UNION ALL
SELECT 'category', c.id, c.name, COALESCE(n.count, 0)
FROM categories c
LEFT JOIN (
    SELECT pc.category_id, count(*) AS count
    FROM matched m
    JOIN product_categories pc ON pc.product_id = m.id
    WHERE m.in_price AND m.in_stock_state
    GROUP BY pc.category_id
) n ON n.category_id = c.id
WHERE n.count > 0 OR c.id = ANY(:category_ids);
