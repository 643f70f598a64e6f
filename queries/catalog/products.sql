--: Product()
--: ListedProduct()

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

--! find_product : ListedProduct
--- One product with its categories, active or not (the service hides inactive ones from non-admins).
SELECT p.id, p.name, p.slug, p.description, p.price, p.stock, p.is_active, p.created_at, p.updated_at,
       cat.category_ids, cat.category_names, cat.category_slugs
FROM products p
CROSS JOIN LATERAL (
    SELECT COALESCE(array_agg(c.id ORDER BY c.name, c.id), '{}') AS category_ids,
           COALESCE(array_agg(c.name ORDER BY c.name, c.id), '{}') AS category_names,
           COALESCE(array_agg(c.slug ORDER BY c.name, c.id), '{}') AS category_slugs
    FROM product_categories pc
    JOIN categories c ON c.id = pc.category_id
    WHERE pc.product_id = p.id
) cat
WHERE p.id = :id;

--! update_product (name?, slug?, description?, price?, stock?, stock_delta?, is_active?) : Product
--- Changes the given fields; absent (NULL) parameters keep the current value.
--- `stock_delta` is added to the stock as it is at the row lock, so concurrent
--- order decrements are never overwritten (the CHECK refuses a negative result).
UPDATE products
SET name = COALESCE(:name, name),
    slug = COALESCE(:slug, slug),
    description = COALESCE(:description, description),
    price = COALESCE(:price, price),
    stock = COALESCE(:stock, stock) + COALESCE(:stock_delta, 0),
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

-- The list queries come in two families of six (one per sort order):
-- `list_products_by_*` and `list_products_in_categories_by_*`. Each is one
-- statement that returns a page together with the categories of its products
-- (three parallel arrays from one aggregate per product), so a page costs one
-- round trip and one snapshot; no transaction is needed.
--
-- The other filters are plain column predicates (`:x IS NULL OR ...`); the
-- pool runs `configure_session` (queries/session.sql) on every connection so
-- these statements always get custom plans, in which PostgreSQL folds the
-- unused filters away and every page is an index seek.
--
-- `q` (`search_q`) is full-text search (V0014: `search_vector`, its GIN index,
-- `product_search_query`); `name_pattern` keeps the old substring match for
-- SKU-like tokens such as `AB-123` (the service sets it only for those, NULL
-- otherwise, and a NULL ILIKE drops out of the OR). The relevance order has
-- its own query in search.sql.
--
-- The category family reads `product_categories` (V0009 copies the sort keys
-- of each product into its links): for each requested category it reads at
-- most one page from the category's sort index, in order, then merges the
-- pages, drops products listed under two of the requested categories and
-- keeps the first `:limit`. That is exact: a product among the first `:limit`
-- of the merged list is among the first `:limit` of each of its categories.
-- The cost is one short index range scan per requested category, at any
-- depth, however large or small the category.

--! list_products_by_newest (min_price?, max_price?, search_q?, name_pattern?, in_stock?, after_created?, after_id?) : ListedProduct
--- A page of active products, newest first; the cursor is the last (created_at, id).
SELECT p.id, p.name, p.slug, p.description, p.price, p.stock, p.is_active, p.created_at, p.updated_at,
       cat.category_ids, cat.category_names, cat.category_slugs
FROM (
    SELECT p.id, p.name, p.slug, p.description, p.price, p.stock, p.is_active, p.created_at, p.updated_at
    FROM products p
    WHERE p.is_active
      AND (:min_price::numeric IS NULL OR p.price >= :min_price)
      AND (:max_price::numeric IS NULL OR p.price <= :max_price)
      AND (:search_q::text IS NULL
           OR p.name ILIKE :name_pattern
           OR p.search_vector @@ product_search_query(:search_config::text, :search_q))
      AND (:in_stock::boolean IS NULL OR (p.stock > 0) = :in_stock)
      AND (:after_id::bigint IS NULL OR (p.created_at, p.id) < (:after_created::timestamptz, :after_id))
    ORDER BY p.created_at DESC, p.id DESC
    LIMIT :limit
) p
CROSS JOIN LATERAL (
    SELECT COALESCE(array_agg(c.id ORDER BY c.name, c.id), '{}') AS category_ids,
           COALESCE(array_agg(c.name ORDER BY c.name, c.id), '{}') AS category_names,
           COALESCE(array_agg(c.slug ORDER BY c.name, c.id), '{}') AS category_slugs
    FROM product_categories pc
    JOIN categories c ON c.id = pc.category_id
    WHERE pc.product_id = p.id
) cat
ORDER BY p.created_at DESC, p.id DESC;

--! list_products_by_oldest (min_price?, max_price?, search_q?, name_pattern?, in_stock?, after_created?, after_id?) : ListedProduct
--- A page of active products, oldest first; the cursor is the last (created_at, id).
SELECT p.id, p.name, p.slug, p.description, p.price, p.stock, p.is_active, p.created_at, p.updated_at,
       cat.category_ids, cat.category_names, cat.category_slugs
FROM (
    SELECT p.id, p.name, p.slug, p.description, p.price, p.stock, p.is_active, p.created_at, p.updated_at
    FROM products p
    WHERE p.is_active
      AND (:min_price::numeric IS NULL OR p.price >= :min_price)
      AND (:max_price::numeric IS NULL OR p.price <= :max_price)
      AND (:search_q::text IS NULL
           OR p.name ILIKE :name_pattern
           OR p.search_vector @@ product_search_query(:search_config::text, :search_q))
      AND (:in_stock::boolean IS NULL OR (p.stock > 0) = :in_stock)
      AND (:after_id::bigint IS NULL OR (p.created_at, p.id) > (:after_created::timestamptz, :after_id))
    ORDER BY p.created_at, p.id
    LIMIT :limit
) p
CROSS JOIN LATERAL (
    SELECT COALESCE(array_agg(c.id ORDER BY c.name, c.id), '{}') AS category_ids,
           COALESCE(array_agg(c.name ORDER BY c.name, c.id), '{}') AS category_names,
           COALESCE(array_agg(c.slug ORDER BY c.name, c.id), '{}') AS category_slugs
    FROM product_categories pc
    JOIN categories c ON c.id = pc.category_id
    WHERE pc.product_id = p.id
) cat
ORDER BY p.created_at, p.id;

--! list_products_by_price_asc (min_price?, max_price?, search_q?, name_pattern?, in_stock?, after_price?, after_id?) : ListedProduct
--- A page of active products, cheapest first; the cursor is the last (price, id).
SELECT p.id, p.name, p.slug, p.description, p.price, p.stock, p.is_active, p.created_at, p.updated_at,
       cat.category_ids, cat.category_names, cat.category_slugs
FROM (
    SELECT p.id, p.name, p.slug, p.description, p.price, p.stock, p.is_active, p.created_at, p.updated_at
    FROM products p
    WHERE p.is_active
      AND (:min_price::numeric IS NULL OR p.price >= :min_price)
      AND (:max_price::numeric IS NULL OR p.price <= :max_price)
      AND (:search_q::text IS NULL
           OR p.name ILIKE :name_pattern
           OR p.search_vector @@ product_search_query(:search_config::text, :search_q))
      AND (:in_stock::boolean IS NULL OR (p.stock > 0) = :in_stock)
      AND (:after_id::bigint IS NULL OR (p.price, p.id) > (:after_price::numeric, :after_id))
    ORDER BY p.price, p.id
    LIMIT :limit
) p
CROSS JOIN LATERAL (
    SELECT COALESCE(array_agg(c.id ORDER BY c.name, c.id), '{}') AS category_ids,
           COALESCE(array_agg(c.name ORDER BY c.name, c.id), '{}') AS category_names,
           COALESCE(array_agg(c.slug ORDER BY c.name, c.id), '{}') AS category_slugs
    FROM product_categories pc
    JOIN categories c ON c.id = pc.category_id
    WHERE pc.product_id = p.id
) cat
ORDER BY p.price, p.id;

--! list_products_by_price_desc (min_price?, max_price?, search_q?, name_pattern?, in_stock?, after_price?, after_id?) : ListedProduct
--- A page of active products, dearest first; the cursor is the last (price, id).
SELECT p.id, p.name, p.slug, p.description, p.price, p.stock, p.is_active, p.created_at, p.updated_at,
       cat.category_ids, cat.category_names, cat.category_slugs
FROM (
    SELECT p.id, p.name, p.slug, p.description, p.price, p.stock, p.is_active, p.created_at, p.updated_at
    FROM products p
    WHERE p.is_active
      AND (:min_price::numeric IS NULL OR p.price >= :min_price)
      AND (:max_price::numeric IS NULL OR p.price <= :max_price)
      AND (:search_q::text IS NULL
           OR p.name ILIKE :name_pattern
           OR p.search_vector @@ product_search_query(:search_config::text, :search_q))
      AND (:in_stock::boolean IS NULL OR (p.stock > 0) = :in_stock)
      AND (:after_id::bigint IS NULL OR (p.price, p.id) < (:after_price::numeric, :after_id))
    ORDER BY p.price DESC, p.id DESC
    LIMIT :limit
) p
CROSS JOIN LATERAL (
    SELECT COALESCE(array_agg(c.id ORDER BY c.name, c.id), '{}') AS category_ids,
           COALESCE(array_agg(c.name ORDER BY c.name, c.id), '{}') AS category_names,
           COALESCE(array_agg(c.slug ORDER BY c.name, c.id), '{}') AS category_slugs
    FROM product_categories pc
    JOIN categories c ON c.id = pc.category_id
    WHERE pc.product_id = p.id
) cat
ORDER BY p.price DESC, p.id DESC;

--! list_products_by_name_asc (min_price?, max_price?, search_q?, name_pattern?, in_stock?, after_name?, after_id?) : ListedProduct
--- A page of active products, by name A→Z; the cursor is the last (name, id).
SELECT p.id, p.name, p.slug, p.description, p.price, p.stock, p.is_active, p.created_at, p.updated_at,
       cat.category_ids, cat.category_names, cat.category_slugs
FROM (
    SELECT p.id, p.name, p.slug, p.description, p.price, p.stock, p.is_active, p.created_at, p.updated_at
    FROM products p
    WHERE p.is_active
      AND (:min_price::numeric IS NULL OR p.price >= :min_price)
      AND (:max_price::numeric IS NULL OR p.price <= :max_price)
      AND (:search_q::text IS NULL
           OR p.name ILIKE :name_pattern
           OR p.search_vector @@ product_search_query(:search_config::text, :search_q))
      AND (:in_stock::boolean IS NULL OR (p.stock > 0) = :in_stock)
      AND (:after_id::bigint IS NULL OR (p.name, p.id) > (:after_name::text, :after_id))
    ORDER BY p.name, p.id
    LIMIT :limit
) p
CROSS JOIN LATERAL (
    SELECT COALESCE(array_agg(c.id ORDER BY c.name, c.id), '{}') AS category_ids,
           COALESCE(array_agg(c.name ORDER BY c.name, c.id), '{}') AS category_names,
           COALESCE(array_agg(c.slug ORDER BY c.name, c.id), '{}') AS category_slugs
    FROM product_categories pc
    JOIN categories c ON c.id = pc.category_id
    WHERE pc.product_id = p.id
) cat
ORDER BY p.name, p.id;

--! list_products_by_name_desc (min_price?, max_price?, search_q?, name_pattern?, in_stock?, after_name?, after_id?) : ListedProduct
--- A page of active products, by name Z→A; the cursor is the last (name, id).
SELECT p.id, p.name, p.slug, p.description, p.price, p.stock, p.is_active, p.created_at, p.updated_at,
       cat.category_ids, cat.category_names, cat.category_slugs
FROM (
    SELECT p.id, p.name, p.slug, p.description, p.price, p.stock, p.is_active, p.created_at, p.updated_at
    FROM products p
    WHERE p.is_active
      AND (:min_price::numeric IS NULL OR p.price >= :min_price)
      AND (:max_price::numeric IS NULL OR p.price <= :max_price)
      AND (:search_q::text IS NULL
           OR p.name ILIKE :name_pattern
           OR p.search_vector @@ product_search_query(:search_config::text, :search_q))
      AND (:in_stock::boolean IS NULL OR (p.stock > 0) = :in_stock)
      AND (:after_id::bigint IS NULL OR (p.name, p.id) < (:after_name::text, :after_id))
    ORDER BY p.name DESC, p.id DESC
    LIMIT :limit
) p
CROSS JOIN LATERAL (
    SELECT COALESCE(array_agg(c.id ORDER BY c.name, c.id), '{}') AS category_ids,
           COALESCE(array_agg(c.name ORDER BY c.name, c.id), '{}') AS category_names,
           COALESCE(array_agg(c.slug ORDER BY c.name, c.id), '{}') AS category_slugs
    FROM product_categories pc
    JOIN categories c ON c.id = pc.category_id
    WHERE pc.product_id = p.id
) cat
ORDER BY p.name DESC, p.id DESC;

--! list_products_in_categories_by_newest (min_price?, max_price?, search_q?, name_pattern?, in_stock?, after_created?, after_id?) : ListedProduct
--- A page of active products in any of `category_ids`, newest first; the cursor is the last (created_at, id).
SELECT p.id, p.name, p.slug, p.description, p.price, p.stock, p.is_active, p.created_at, p.updated_at,
       cat.category_ids, cat.category_names, cat.category_slugs
FROM (
    SELECT DISTINCT ON (link.created_at, link.product_id) link.product_id
    FROM unnest(:category_ids::bigint[]) AS wanted (category_id)
    CROSS JOIN LATERAL (
        SELECT pc.product_id, pc.created_at
        FROM product_categories pc
        WHERE pc.category_id = wanted.category_id
          AND pc.is_active
          AND (:min_price::numeric IS NULL OR pc.price >= :min_price)
          AND (:max_price::numeric IS NULL OR pc.price <= :max_price)
          -- The search vector is not copied into the links; without `q` this folds away.
          AND (:search_q::text IS NULL
               OR pc.name ILIKE :name_pattern
               OR EXISTS (SELECT 1 FROM products ps
                          WHERE ps.id = pc.product_id
                            AND ps.search_vector @@ product_search_query(:search_config::text, :search_q)))
          -- Stock is not copied into the links (orders change it all the time);
          -- without the filter this folds away and products is not read here.
          AND (:in_stock::boolean IS NULL
               OR EXISTS (SELECT 1 FROM products ps WHERE ps.id = pc.product_id AND (ps.stock > 0) = :in_stock))
          AND (:after_id::bigint IS NULL OR (pc.created_at, pc.product_id) < (:after_created::timestamptz, :after_id))
        ORDER BY pc.created_at DESC, pc.product_id DESC
        LIMIT :limit
    ) link
    ORDER BY link.created_at DESC, link.product_id DESC
    LIMIT :limit
) page
JOIN products p ON p.id = page.product_id
CROSS JOIN LATERAL (
    SELECT COALESCE(array_agg(c.id ORDER BY c.name, c.id), '{}') AS category_ids,
           COALESCE(array_agg(c.name ORDER BY c.name, c.id), '{}') AS category_names,
           COALESCE(array_agg(c.slug ORDER BY c.name, c.id), '{}') AS category_slugs
    FROM product_categories pc
    JOIN categories c ON c.id = pc.category_id
    WHERE pc.product_id = p.id
) cat
ORDER BY p.created_at DESC, p.id DESC;

--! list_products_in_categories_by_oldest (min_price?, max_price?, search_q?, name_pattern?, in_stock?, after_created?, after_id?) : ListedProduct
--- A page of active products in any of `category_ids`, oldest first; the cursor is the last (created_at, id).
SELECT p.id, p.name, p.slug, p.description, p.price, p.stock, p.is_active, p.created_at, p.updated_at,
       cat.category_ids, cat.category_names, cat.category_slugs
FROM (
    SELECT DISTINCT ON (link.created_at, link.product_id) link.product_id
    FROM unnest(:category_ids::bigint[]) AS wanted (category_id)
    CROSS JOIN LATERAL (
        SELECT pc.product_id, pc.created_at
        FROM product_categories pc
        WHERE pc.category_id = wanted.category_id
          AND pc.is_active
          AND (:min_price::numeric IS NULL OR pc.price >= :min_price)
          AND (:max_price::numeric IS NULL OR pc.price <= :max_price)
          -- The search vector is not copied into the links; without `q` this folds away.
          AND (:search_q::text IS NULL
               OR pc.name ILIKE :name_pattern
               OR EXISTS (SELECT 1 FROM products ps
                          WHERE ps.id = pc.product_id
                            AND ps.search_vector @@ product_search_query(:search_config::text, :search_q)))
          -- Stock is not copied into the links (orders change it all the time);
          -- without the filter this folds away and products is not read here.
          AND (:in_stock::boolean IS NULL
               OR EXISTS (SELECT 1 FROM products ps WHERE ps.id = pc.product_id AND (ps.stock > 0) = :in_stock))
          AND (:after_id::bigint IS NULL OR (pc.created_at, pc.product_id) > (:after_created::timestamptz, :after_id))
        ORDER BY pc.created_at, pc.product_id
        LIMIT :limit
    ) link
    ORDER BY link.created_at, link.product_id
    LIMIT :limit
) page
JOIN products p ON p.id = page.product_id
CROSS JOIN LATERAL (
    SELECT COALESCE(array_agg(c.id ORDER BY c.name, c.id), '{}') AS category_ids,
           COALESCE(array_agg(c.name ORDER BY c.name, c.id), '{}') AS category_names,
           COALESCE(array_agg(c.slug ORDER BY c.name, c.id), '{}') AS category_slugs
    FROM product_categories pc
    JOIN categories c ON c.id = pc.category_id
    WHERE pc.product_id = p.id
) cat
ORDER BY p.created_at, p.id;

--! list_products_in_categories_by_price_asc (min_price?, max_price?, search_q?, name_pattern?, in_stock?, after_price?, after_id?) : ListedProduct
--- A page of active products in any of `category_ids`, cheapest first; the cursor is the last (price, id).
SELECT p.id, p.name, p.slug, p.description, p.price, p.stock, p.is_active, p.created_at, p.updated_at,
       cat.category_ids, cat.category_names, cat.category_slugs
FROM (
    SELECT DISTINCT ON (link.price, link.product_id) link.product_id
    FROM unnest(:category_ids::bigint[]) AS wanted (category_id)
    CROSS JOIN LATERAL (
        SELECT pc.product_id, pc.price
        FROM product_categories pc
        WHERE pc.category_id = wanted.category_id
          AND pc.is_active
          AND (:min_price::numeric IS NULL OR pc.price >= :min_price)
          AND (:max_price::numeric IS NULL OR pc.price <= :max_price)
          -- The search vector is not copied into the links; without `q` this folds away.
          AND (:search_q::text IS NULL
               OR pc.name ILIKE :name_pattern
               OR EXISTS (SELECT 1 FROM products ps
                          WHERE ps.id = pc.product_id
                            AND ps.search_vector @@ product_search_query(:search_config::text, :search_q)))
          -- Stock is not copied into the links (orders change it all the time);
          -- without the filter this folds away and products is not read here.
          AND (:in_stock::boolean IS NULL
               OR EXISTS (SELECT 1 FROM products ps WHERE ps.id = pc.product_id AND (ps.stock > 0) = :in_stock))
          AND (:after_id::bigint IS NULL OR (pc.price, pc.product_id) > (:after_price::numeric, :after_id))
        ORDER BY pc.price, pc.product_id
        LIMIT :limit
    ) link
    ORDER BY link.price, link.product_id
    LIMIT :limit
) page
JOIN products p ON p.id = page.product_id
CROSS JOIN LATERAL (
    SELECT COALESCE(array_agg(c.id ORDER BY c.name, c.id), '{}') AS category_ids,
           COALESCE(array_agg(c.name ORDER BY c.name, c.id), '{}') AS category_names,
           COALESCE(array_agg(c.slug ORDER BY c.name, c.id), '{}') AS category_slugs
    FROM product_categories pc
    JOIN categories c ON c.id = pc.category_id
    WHERE pc.product_id = p.id
) cat
ORDER BY p.price, p.id;

--! list_products_in_categories_by_price_desc (min_price?, max_price?, search_q?, name_pattern?, in_stock?, after_price?, after_id?) : ListedProduct
--- A page of active products in any of `category_ids`, dearest first; the cursor is the last (price, id).
SELECT p.id, p.name, p.slug, p.description, p.price, p.stock, p.is_active, p.created_at, p.updated_at,
       cat.category_ids, cat.category_names, cat.category_slugs
FROM (
    SELECT DISTINCT ON (link.price, link.product_id) link.product_id
    FROM unnest(:category_ids::bigint[]) AS wanted (category_id)
    CROSS JOIN LATERAL (
        SELECT pc.product_id, pc.price
        FROM product_categories pc
        WHERE pc.category_id = wanted.category_id
          AND pc.is_active
          AND (:min_price::numeric IS NULL OR pc.price >= :min_price)
          AND (:max_price::numeric IS NULL OR pc.price <= :max_price)
          -- The search vector is not copied into the links; without `q` this folds away.
          AND (:search_q::text IS NULL
               OR pc.name ILIKE :name_pattern
               OR EXISTS (SELECT 1 FROM products ps
                          WHERE ps.id = pc.product_id
                            AND ps.search_vector @@ product_search_query(:search_config::text, :search_q)))
          -- Stock is not copied into the links (orders change it all the time);
          -- without the filter this folds away and products is not read here.
          AND (:in_stock::boolean IS NULL
               OR EXISTS (SELECT 1 FROM products ps WHERE ps.id = pc.product_id AND (ps.stock > 0) = :in_stock))
          AND (:after_id::bigint IS NULL OR (pc.price, pc.product_id) < (:after_price::numeric, :after_id))
        ORDER BY pc.price DESC, pc.product_id DESC
        LIMIT :limit
    ) link
    ORDER BY link.price DESC, link.product_id DESC
    LIMIT :limit
) page
JOIN products p ON p.id = page.product_id
CROSS JOIN LATERAL (
    SELECT COALESCE(array_agg(c.id ORDER BY c.name, c.id), '{}') AS category_ids,
           COALESCE(array_agg(c.name ORDER BY c.name, c.id), '{}') AS category_names,
           COALESCE(array_agg(c.slug ORDER BY c.name, c.id), '{}') AS category_slugs
    FROM product_categories pc
    JOIN categories c ON c.id = pc.category_id
    WHERE pc.product_id = p.id
) cat
ORDER BY p.price DESC, p.id DESC;

--! list_products_in_categories_by_name_asc (min_price?, max_price?, search_q?, name_pattern?, in_stock?, after_name?, after_id?) : ListedProduct
--- A page of active products in any of `category_ids`, by name A→Z; the cursor is the last (name, id).
SELECT p.id, p.name, p.slug, p.description, p.price, p.stock, p.is_active, p.created_at, p.updated_at,
       cat.category_ids, cat.category_names, cat.category_slugs
FROM (
    SELECT DISTINCT ON (link.name, link.product_id) link.product_id
    FROM unnest(:category_ids::bigint[]) AS wanted (category_id)
    CROSS JOIN LATERAL (
        SELECT pc.product_id, pc.name
        FROM product_categories pc
        WHERE pc.category_id = wanted.category_id
          AND pc.is_active
          AND (:min_price::numeric IS NULL OR pc.price >= :min_price)
          AND (:max_price::numeric IS NULL OR pc.price <= :max_price)
          -- The search vector is not copied into the links; without `q` this folds away.
          AND (:search_q::text IS NULL
               OR pc.name ILIKE :name_pattern
               OR EXISTS (SELECT 1 FROM products ps
                          WHERE ps.id = pc.product_id
                            AND ps.search_vector @@ product_search_query(:search_config::text, :search_q)))
          -- Stock is not copied into the links (orders change it all the time);
          -- without the filter this folds away and products is not read here.
          AND (:in_stock::boolean IS NULL
               OR EXISTS (SELECT 1 FROM products ps WHERE ps.id = pc.product_id AND (ps.stock > 0) = :in_stock))
          AND (:after_id::bigint IS NULL OR (pc.name, pc.product_id) > (:after_name::text, :after_id))
        ORDER BY pc.name, pc.product_id
        LIMIT :limit
    ) link
    ORDER BY link.name, link.product_id
    LIMIT :limit
) page
JOIN products p ON p.id = page.product_id
CROSS JOIN LATERAL (
    SELECT COALESCE(array_agg(c.id ORDER BY c.name, c.id), '{}') AS category_ids,
           COALESCE(array_agg(c.name ORDER BY c.name, c.id), '{}') AS category_names,
           COALESCE(array_agg(c.slug ORDER BY c.name, c.id), '{}') AS category_slugs
    FROM product_categories pc
    JOIN categories c ON c.id = pc.category_id
    WHERE pc.product_id = p.id
) cat
ORDER BY p.name, p.id;

--! list_products_in_categories_by_name_desc (min_price?, max_price?, search_q?, name_pattern?, in_stock?, after_name?, after_id?) : ListedProduct
--- A page of active products in any of `category_ids`, by name Z→A; the cursor is the last (name, id).
SELECT p.id, p.name, p.slug, p.description, p.price, p.stock, p.is_active, p.created_at, p.updated_at,
       cat.category_ids, cat.category_names, cat.category_slugs
FROM (
    SELECT DISTINCT ON (link.name, link.product_id) link.product_id
    FROM unnest(:category_ids::bigint[]) AS wanted (category_id)
    CROSS JOIN LATERAL (
        SELECT pc.product_id, pc.name
        FROM product_categories pc
        WHERE pc.category_id = wanted.category_id
          AND pc.is_active
          AND (:min_price::numeric IS NULL OR pc.price >= :min_price)
          AND (:max_price::numeric IS NULL OR pc.price <= :max_price)
          -- The search vector is not copied into the links; without `q` this folds away.
          AND (:search_q::text IS NULL
               OR pc.name ILIKE :name_pattern
               OR EXISTS (SELECT 1 FROM products ps
                          WHERE ps.id = pc.product_id
                            AND ps.search_vector @@ product_search_query(:search_config::text, :search_q)))
          -- Stock is not copied into the links (orders change it all the time);
          -- without the filter this folds away and products is not read here.
          AND (:in_stock::boolean IS NULL
               OR EXISTS (SELECT 1 FROM products ps WHERE ps.id = pc.product_id AND (ps.stock > 0) = :in_stock))
          AND (:after_id::bigint IS NULL OR (pc.name, pc.product_id) < (:after_name::text, :after_id))
        ORDER BY pc.name DESC, pc.product_id DESC
        LIMIT :limit
    ) link
    ORDER BY link.name DESC, link.product_id DESC
    LIMIT :limit
) page
JOIN products p ON p.id = page.product_id
CROSS JOIN LATERAL (
    SELECT COALESCE(array_agg(c.id ORDER BY c.name, c.id), '{}') AS category_ids,
           COALESCE(array_agg(c.name ORDER BY c.name, c.id), '{}') AS category_names,
           COALESCE(array_agg(c.slug ORDER BY c.name, c.id), '{}') AS category_slugs
    FROM product_categories pc
    JOIN categories c ON c.id = pc.category_id
    WHERE pc.product_id = p.id
) cat
ORDER BY p.name DESC, p.id DESC;

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

--! vacuum_catalog
--- After a bulk load: planner statistics, and what autovacuum would do later
--- (hint bits and the visibility map, so index-only scans of the category
--- links skip the heap). Cannot run inside a transaction.
VACUUM (ANALYZE) categories, products, product_categories;

--! find_product_stocks
--- Current stock of the given products: cached catalog pages carry everything
--- but stock, which orders change all the time, and overlay it from here.
SELECT id, stock FROM products WHERE id = ANY(:ids::bigint[]);
