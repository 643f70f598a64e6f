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

--! use_custom_plans
--- Makes the rest of the current transaction plan every statement with its actual parameters.
---
--- The list queries below have optional filters (`:x IS NULL OR ...`); a cached
--- generic plan cannot drop the unused ones, so it cannot seek the cursor in an
--- index or use the trigram index for `q`. With custom plans PostgreSQL folds
--- `NULL IS NULL` away and every page is an index seek.
SELECT set_config('plan_cache_mode', 'force_custom_plan', true) AS mode;

--! list_products_by_newest (category_ids?, min_price?, max_price?, name_pattern?, in_stock?, after_created?, after_id?) : Product
--- A page of active products, newest first; the cursor is the last (created_at, id).
SELECT p.id, p.name, p.slug, p.description, p.price, p.stock, p.is_active, p.created_at, p.updated_at
FROM products p
WHERE p.is_active
  AND (:category_ids::bigint[] IS NULL OR EXISTS (
        SELECT 1 FROM product_categories pc
         WHERE pc.product_id = p.id AND pc.category_id = ANY(:category_ids)))
  AND (:min_price::numeric IS NULL OR p.price >= :min_price)
  AND (:max_price::numeric IS NULL OR p.price <= :max_price)
  AND (:name_pattern::text IS NULL OR p.name ILIKE :name_pattern)
  AND (:in_stock::boolean IS NULL OR (p.stock > 0) = :in_stock)
  AND (:after_id::bigint IS NULL OR (p.created_at, p.id) < (:after_created::timestamptz, :after_id))
ORDER BY p.created_at DESC, p.id DESC
LIMIT :limit;

--! list_products_by_oldest (category_ids?, min_price?, max_price?, name_pattern?, in_stock?, after_created?, after_id?) : Product
--- A page of active products, oldest first; the cursor is the last (created_at, id).
SELECT p.id, p.name, p.slug, p.description, p.price, p.stock, p.is_active, p.created_at, p.updated_at
FROM products p
WHERE p.is_active
  AND (:category_ids::bigint[] IS NULL OR EXISTS (
        SELECT 1 FROM product_categories pc
         WHERE pc.product_id = p.id AND pc.category_id = ANY(:category_ids)))
  AND (:min_price::numeric IS NULL OR p.price >= :min_price)
  AND (:max_price::numeric IS NULL OR p.price <= :max_price)
  AND (:name_pattern::text IS NULL OR p.name ILIKE :name_pattern)
  AND (:in_stock::boolean IS NULL OR (p.stock > 0) = :in_stock)
  AND (:after_id::bigint IS NULL OR (p.created_at, p.id) > (:after_created::timestamptz, :after_id))
ORDER BY p.created_at, p.id
LIMIT :limit;

--! list_products_by_price_asc (category_ids?, min_price?, max_price?, name_pattern?, in_stock?, after_price?, after_id?) : Product
--- A page of active products, cheapest first; the cursor is the last (price, id).
SELECT p.id, p.name, p.slug, p.description, p.price, p.stock, p.is_active, p.created_at, p.updated_at
FROM products p
WHERE p.is_active
  AND (:category_ids::bigint[] IS NULL OR EXISTS (
        SELECT 1 FROM product_categories pc
         WHERE pc.product_id = p.id AND pc.category_id = ANY(:category_ids)))
  AND (:min_price::numeric IS NULL OR p.price >= :min_price)
  AND (:max_price::numeric IS NULL OR p.price <= :max_price)
  AND (:name_pattern::text IS NULL OR p.name ILIKE :name_pattern)
  AND (:in_stock::boolean IS NULL OR (p.stock > 0) = :in_stock)
  AND (:after_id::bigint IS NULL OR (p.price, p.id) > (:after_price::numeric, :after_id))
ORDER BY p.price, p.id
LIMIT :limit;

--! list_products_by_price_desc (category_ids?, min_price?, max_price?, name_pattern?, in_stock?, after_price?, after_id?) : Product
--- A page of active products, dearest first; the cursor is the last (price, id).
SELECT p.id, p.name, p.slug, p.description, p.price, p.stock, p.is_active, p.created_at, p.updated_at
FROM products p
WHERE p.is_active
  AND (:category_ids::bigint[] IS NULL OR EXISTS (
        SELECT 1 FROM product_categories pc
         WHERE pc.product_id = p.id AND pc.category_id = ANY(:category_ids)))
  AND (:min_price::numeric IS NULL OR p.price >= :min_price)
  AND (:max_price::numeric IS NULL OR p.price <= :max_price)
  AND (:name_pattern::text IS NULL OR p.name ILIKE :name_pattern)
  AND (:in_stock::boolean IS NULL OR (p.stock > 0) = :in_stock)
  AND (:after_id::bigint IS NULL OR (p.price, p.id) < (:after_price::numeric, :after_id))
ORDER BY p.price DESC, p.id DESC
LIMIT :limit;

--! list_products_by_name_asc (category_ids?, min_price?, max_price?, name_pattern?, in_stock?, after_name?, after_id?) : Product
--- A page of active products by name A→Z; the cursor is the last (name, id).
SELECT p.id, p.name, p.slug, p.description, p.price, p.stock, p.is_active, p.created_at, p.updated_at
FROM products p
WHERE p.is_active
  AND (:category_ids::bigint[] IS NULL OR EXISTS (
        SELECT 1 FROM product_categories pc
         WHERE pc.product_id = p.id AND pc.category_id = ANY(:category_ids)))
  AND (:min_price::numeric IS NULL OR p.price >= :min_price)
  AND (:max_price::numeric IS NULL OR p.price <= :max_price)
  AND (:name_pattern::text IS NULL OR p.name ILIKE :name_pattern)
  AND (:in_stock::boolean IS NULL OR (p.stock > 0) = :in_stock)
  AND (:after_id::bigint IS NULL OR (p.name, p.id) > (:after_name::text, :after_id))
ORDER BY p.name, p.id
LIMIT :limit;

--! list_products_by_name_desc (category_ids?, min_price?, max_price?, name_pattern?, in_stock?, after_name?, after_id?) : Product
--- A page of active products by name Z→A; the cursor is the last (name, id).
SELECT p.id, p.name, p.slug, p.description, p.price, p.stock, p.is_active, p.created_at, p.updated_at
FROM products p
WHERE p.is_active
  AND (:category_ids::bigint[] IS NULL OR EXISTS (
        SELECT 1 FROM product_categories pc
         WHERE pc.product_id = p.id AND pc.category_id = ANY(:category_ids)))
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
