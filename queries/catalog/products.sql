--: Product()

--! insert_product : Product
--- Creates a product; a duplicate slug violates `products_slug_key`.
INSERT INTO products (name, slug, description, price, stock, is_active)
VALUES (:name, :slug, :description, :price, :stock, :is_active)
RETURNING id, name, slug, description, price, stock, is_active, created_at, updated_at;

--! insert_product_if_absent
--- Seeding: creates a product unless its slug exists (idempotent).
INSERT INTO products (name, slug, description, price, stock)
VALUES (:name, :slug, :description, :price, :stock)
ON CONFLICT (slug) DO NOTHING;

--! link_product_by_slugs
--- Seeding: links a product to categories, both by slug (idempotent).
INSERT INTO product_categories (product_id, category_id)
SELECT p.id, c.id
FROM products p, categories c
WHERE p.slug = :product_slug AND c.slug = ANY(:category_slugs::text[])
ON CONFLICT DO NOTHING;

--! find_product : Product
--- One product, active or not (the service hides inactive ones from non-admins).
SELECT id, name, slug, description, price, stock, is_active, created_at, updated_at
FROM products
WHERE id = :id;

--! update_product (name?, slug?, description?, price?, stock?, is_active?) : Product
--- Changes the given fields; absent (NULL) parameters keep the current value.
UPDATE products
SET name = COALESCE(:name, name),
    slug = COALESCE(:slug, slug),
    description = COALESCE(:description, description),
    price = COALESCE(:price, price),
    stock = COALESCE(:stock, stock),
    is_active = COALESCE(:is_active, is_active),
    updated_at = now()
WHERE id = :id
RETURNING id, name, slug, description, price, stock, is_active, created_at, updated_at;

--! deactivate_product
--- Soft delete: the row stays for order history, every public read hides it.
UPDATE products SET is_active = false, updated_at = now() WHERE id = :id;

--! delete_product_categories
--- Removes all category links of a product (before setting a new list).
DELETE FROM product_categories WHERE product_id = :product_id;

--! insert_product_categories
--- Links a product to each of the given categories.
INSERT INTO product_categories (product_id, category_id)
SELECT :product_id, unnest(:category_ids::bigint[])
ON CONFLICT DO NOTHING;

--! use_list_planner_settings
--- Sets planner options for the rest of the current (list) transaction only.
---
--- `plan_cache_mode = force_custom_plan`: the list queries have optional
--- filters (`:x IS NULL OR ...`); a cached generic plan cannot drop the unused
--- ones, so it could not seek the cursor in an index or use the trigram index
--- for `q`. With custom plans PostgreSQL folds `NULL IS NULL` away and every
--- page is an index seek.
---
--- `random_page_cost = 1.1`: the default (4) models spinning disks and makes
--- the planner prefer a sequential scan of products over a few thousand index
--- lookups when a category filter is combined with another filter; on SSDs
--- with the hot catalog in memory the lookups are far cheaper.
---
--- `max_parallel_workers_per_gather = 0`: a page is a few thousand index
--- probes at most; under concurrent load, starting parallel workers for it
--- (the planner does for a deep category page) costs more than it saves and
--- takes cores from other requests. `scripts/bench` measured the difference
--- (docs/performance.md).
SELECT set_config('plan_cache_mode', 'force_custom_plan', true) AS plan_cache_mode,
       set_config('random_page_cost', '1.1', true) AS random_page_cost,
       set_config('max_parallel_workers_per_gather', '0', true) AS max_parallel_workers_per_gather;

-- The list queries come in two families of six (one per sort order):
-- `list_products_by_*` and `list_products_in_categories_by_*`. The category
-- filter is a separate family, not an optional `:ids IS NULL OR EXISTS (...)`,
-- because PostgreSQL turns EXISTS into a semi-join (with real row estimates
-- from product_categories statistics) only when it is a top-level AND; inside
-- an OR it stays a subplan the planner assumes matches half the rows, so for a
-- small category it would walk the whole sort index. The other filters are
-- plain column predicates, which custom plans (see `use_list_planner_settings`) fold to
-- nothing when their parameter is NULL.

--! list_products_by_newest (min_price?, max_price?, name_pattern?, in_stock?, after_created?, after_id?) : Product
--- A page of active products, newest first; the cursor is the last (created_at, id).
SELECT p.id, p.name, p.slug, p.description, p.price, p.stock, p.is_active, p.created_at, p.updated_at
FROM products p
WHERE p.is_active
  AND (:min_price::numeric IS NULL OR p.price >= :min_price)
  AND (:max_price::numeric IS NULL OR p.price <= :max_price)
  AND (:name_pattern::text IS NULL OR p.name ILIKE :name_pattern)
  AND (:in_stock::boolean IS NULL OR (p.stock > 0) = :in_stock)
  AND (:after_id::bigint IS NULL OR (p.created_at, p.id) < (:after_created::timestamptz, :after_id))
ORDER BY p.created_at DESC, p.id DESC
LIMIT :limit;

--! list_products_by_oldest (min_price?, max_price?, name_pattern?, in_stock?, after_created?, after_id?) : Product
--- A page of active products, oldest first; the cursor is the last (created_at, id).
SELECT p.id, p.name, p.slug, p.description, p.price, p.stock, p.is_active, p.created_at, p.updated_at
FROM products p
WHERE p.is_active
  AND (:min_price::numeric IS NULL OR p.price >= :min_price)
  AND (:max_price::numeric IS NULL OR p.price <= :max_price)
  AND (:name_pattern::text IS NULL OR p.name ILIKE :name_pattern)
  AND (:in_stock::boolean IS NULL OR (p.stock > 0) = :in_stock)
  AND (:after_id::bigint IS NULL OR (p.created_at, p.id) > (:after_created::timestamptz, :after_id))
ORDER BY p.created_at, p.id
LIMIT :limit;

--! list_products_by_price_asc (min_price?, max_price?, name_pattern?, in_stock?, after_price?, after_id?) : Product
--- A page of active products, cheapest first; the cursor is the last (price, id).
SELECT p.id, p.name, p.slug, p.description, p.price, p.stock, p.is_active, p.created_at, p.updated_at
FROM products p
WHERE p.is_active
  AND (:min_price::numeric IS NULL OR p.price >= :min_price)
  AND (:max_price::numeric IS NULL OR p.price <= :max_price)
  AND (:name_pattern::text IS NULL OR p.name ILIKE :name_pattern)
  AND (:in_stock::boolean IS NULL OR (p.stock > 0) = :in_stock)
  AND (:after_id::bigint IS NULL OR (p.price, p.id) > (:after_price::numeric, :after_id))
ORDER BY p.price, p.id
LIMIT :limit;

--! list_products_by_price_desc (min_price?, max_price?, name_pattern?, in_stock?, after_price?, after_id?) : Product
--- A page of active products, dearest first; the cursor is the last (price, id).
SELECT p.id, p.name, p.slug, p.description, p.price, p.stock, p.is_active, p.created_at, p.updated_at
FROM products p
WHERE p.is_active
  AND (:min_price::numeric IS NULL OR p.price >= :min_price)
  AND (:max_price::numeric IS NULL OR p.price <= :max_price)
  AND (:name_pattern::text IS NULL OR p.name ILIKE :name_pattern)
  AND (:in_stock::boolean IS NULL OR (p.stock > 0) = :in_stock)
  AND (:after_id::bigint IS NULL OR (p.price, p.id) < (:after_price::numeric, :after_id))
ORDER BY p.price DESC, p.id DESC
LIMIT :limit;

--! list_products_by_name_asc (min_price?, max_price?, name_pattern?, in_stock?, after_name?, after_id?) : Product
--- A page of active products by name A→Z; the cursor is the last (name, id).
SELECT p.id, p.name, p.slug, p.description, p.price, p.stock, p.is_active, p.created_at, p.updated_at
FROM products p
WHERE p.is_active
  AND (:min_price::numeric IS NULL OR p.price >= :min_price)
  AND (:max_price::numeric IS NULL OR p.price <= :max_price)
  AND (:name_pattern::text IS NULL OR p.name ILIKE :name_pattern)
  AND (:in_stock::boolean IS NULL OR (p.stock > 0) = :in_stock)
  AND (:after_id::bigint IS NULL OR (p.name, p.id) > (:after_name::text, :after_id))
ORDER BY p.name, p.id
LIMIT :limit;

--! list_products_by_name_desc (min_price?, max_price?, name_pattern?, in_stock?, after_name?, after_id?) : Product
--- A page of active products by name Z→A; the cursor is the last (name, id).
SELECT p.id, p.name, p.slug, p.description, p.price, p.stock, p.is_active, p.created_at, p.updated_at
FROM products p
WHERE p.is_active
  AND (:min_price::numeric IS NULL OR p.price >= :min_price)
  AND (:max_price::numeric IS NULL OR p.price <= :max_price)
  AND (:name_pattern::text IS NULL OR p.name ILIKE :name_pattern)
  AND (:in_stock::boolean IS NULL OR (p.stock > 0) = :in_stock)
  AND (:after_id::bigint IS NULL OR (p.name, p.id) < (:after_name::text, :after_id))
ORDER BY p.name DESC, p.id DESC
LIMIT :limit;

--! list_products_in_categories_by_newest (min_price?, max_price?, name_pattern?, in_stock?, after_created?, after_id?) : Product
--- A page of active products in any of `category_ids`, newest first; the cursor is the last (created_at, id).
SELECT p.id, p.name, p.slug, p.description, p.price, p.stock, p.is_active, p.created_at, p.updated_at
FROM products p
WHERE p.is_active
  AND EXISTS (
        SELECT 1 FROM product_categories pc
         WHERE pc.product_id = p.id AND pc.category_id = ANY(:category_ids::bigint[]))
  AND (:min_price::numeric IS NULL OR p.price >= :min_price)
  AND (:max_price::numeric IS NULL OR p.price <= :max_price)
  AND (:name_pattern::text IS NULL OR p.name ILIKE :name_pattern)
  AND (:in_stock::boolean IS NULL OR (p.stock > 0) = :in_stock)
  AND (:after_id::bigint IS NULL OR (p.created_at, p.id) < (:after_created::timestamptz, :after_id))
ORDER BY p.created_at DESC, p.id DESC
LIMIT :limit;

--! list_products_in_categories_by_oldest (min_price?, max_price?, name_pattern?, in_stock?, after_created?, after_id?) : Product
--- A page of active products in any of `category_ids`, oldest first; the cursor is the last (created_at, id).
SELECT p.id, p.name, p.slug, p.description, p.price, p.stock, p.is_active, p.created_at, p.updated_at
FROM products p
WHERE p.is_active
  AND EXISTS (
        SELECT 1 FROM product_categories pc
         WHERE pc.product_id = p.id AND pc.category_id = ANY(:category_ids::bigint[]))
  AND (:min_price::numeric IS NULL OR p.price >= :min_price)
  AND (:max_price::numeric IS NULL OR p.price <= :max_price)
  AND (:name_pattern::text IS NULL OR p.name ILIKE :name_pattern)
  AND (:in_stock::boolean IS NULL OR (p.stock > 0) = :in_stock)
  AND (:after_id::bigint IS NULL OR (p.created_at, p.id) > (:after_created::timestamptz, :after_id))
ORDER BY p.created_at, p.id
LIMIT :limit;

--! list_products_in_categories_by_price_asc (min_price?, max_price?, name_pattern?, in_stock?, after_price?, after_id?) : Product
--- A page of active products in any of `category_ids`, cheapest first; the cursor is the last (price, id).
SELECT p.id, p.name, p.slug, p.description, p.price, p.stock, p.is_active, p.created_at, p.updated_at
FROM products p
WHERE p.is_active
  AND EXISTS (
        SELECT 1 FROM product_categories pc
         WHERE pc.product_id = p.id AND pc.category_id = ANY(:category_ids::bigint[]))
  AND (:min_price::numeric IS NULL OR p.price >= :min_price)
  AND (:max_price::numeric IS NULL OR p.price <= :max_price)
  AND (:name_pattern::text IS NULL OR p.name ILIKE :name_pattern)
  AND (:in_stock::boolean IS NULL OR (p.stock > 0) = :in_stock)
  AND (:after_id::bigint IS NULL OR (p.price, p.id) > (:after_price::numeric, :after_id))
ORDER BY p.price, p.id
LIMIT :limit;

--! list_products_in_categories_by_price_desc (min_price?, max_price?, name_pattern?, in_stock?, after_price?, after_id?) : Product
--- A page of active products in any of `category_ids`, dearest first; the cursor is the last (price, id).
SELECT p.id, p.name, p.slug, p.description, p.price, p.stock, p.is_active, p.created_at, p.updated_at
FROM products p
WHERE p.is_active
  AND EXISTS (
        SELECT 1 FROM product_categories pc
         WHERE pc.product_id = p.id AND pc.category_id = ANY(:category_ids::bigint[]))
  AND (:min_price::numeric IS NULL OR p.price >= :min_price)
  AND (:max_price::numeric IS NULL OR p.price <= :max_price)
  AND (:name_pattern::text IS NULL OR p.name ILIKE :name_pattern)
  AND (:in_stock::boolean IS NULL OR (p.stock > 0) = :in_stock)
  AND (:after_id::bigint IS NULL OR (p.price, p.id) < (:after_price::numeric, :after_id))
ORDER BY p.price DESC, p.id DESC
LIMIT :limit;

--! list_products_in_categories_by_name_asc (min_price?, max_price?, name_pattern?, in_stock?, after_name?, after_id?) : Product
--- A page of active products by name A→Z; the cursor is the last (name, id).
SELECT p.id, p.name, p.slug, p.description, p.price, p.stock, p.is_active, p.created_at, p.updated_at
FROM products p
WHERE p.is_active
  AND EXISTS (
        SELECT 1 FROM product_categories pc
         WHERE pc.product_id = p.id AND pc.category_id = ANY(:category_ids::bigint[]))
  AND (:min_price::numeric IS NULL OR p.price >= :min_price)
  AND (:max_price::numeric IS NULL OR p.price <= :max_price)
  AND (:name_pattern::text IS NULL OR p.name ILIKE :name_pattern)
  AND (:in_stock::boolean IS NULL OR (p.stock > 0) = :in_stock)
  AND (:after_id::bigint IS NULL OR (p.name, p.id) > (:after_name::text, :after_id))
ORDER BY p.name, p.id
LIMIT :limit;

--! list_products_in_categories_by_name_desc (min_price?, max_price?, name_pattern?, in_stock?, after_name?, after_id?) : Product
--- A page of active products by name Z→A; the cursor is the last (name, id).
SELECT p.id, p.name, p.slug, p.description, p.price, p.stock, p.is_active, p.created_at, p.updated_at
FROM products p
WHERE p.is_active
  AND EXISTS (
        SELECT 1 FROM product_categories pc
         WHERE pc.product_id = p.id AND pc.category_id = ANY(:category_ids::bigint[]))
  AND (:min_price::numeric IS NULL OR p.price >= :min_price)
  AND (:max_price::numeric IS NULL OR p.price <= :max_price)
  AND (:name_pattern::text IS NULL OR p.name ILIKE :name_pattern)
  AND (:in_stock::boolean IS NULL OR (p.stock > 0) = :in_stock)
  AND (:after_id::bigint IS NULL OR (p.name, p.id) < (:after_name::text, :after_id))
ORDER BY p.name DESC, p.id DESC
LIMIT :limit;

--! count_products_with_slug_prefix
--- How many products have a slug starting with a prefix (bulk seeding resumes from there).
SELECT count(*) AS count FROM products WHERE starts_with(slug, :prefix);

--! max_product_id
--- The highest product id so far (bulk seeding links only the rows it copied).
SELECT COALESCE(max(id), 0)::bigint AS max_id FROM products;

--! link_bulk_products
--- Bulk seeding: gives each product with id in (from_id, to_id] one to three of
--- the given categories, chosen deterministically from its id.
INSERT INTO product_categories (product_id, category_id)
SELECT p.id, (:category_ids::bigint[])[1 + ((p.id * 7 + k * 61) % cardinality(:category_ids::bigint[]))]
FROM products p
CROSS JOIN generate_series(0, 2) AS k
WHERE p.id > :from_id AND p.id <= :to_id AND k <= p.id % 3
ON CONFLICT DO NOTHING;

--! analyze_catalog
--- Refreshes planner statistics after a bulk load.
ANALYZE categories, products, product_categories;

--! list_prepared_statements
--- Text of the statements this session prepared through the protocol (EXPLAIN tests read the generated SQL back).
SELECT statement FROM pg_prepared_statements WHERE NOT from_sql ORDER BY prepare_time;
