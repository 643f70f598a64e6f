--: Category()
--: CategoryWithCount()

--! insert_category : Category
--- Creates a category; unique violations name `categories_slug_key` or `categories_name_lower_key`.
INSERT INTO categories (name, slug, description)
VALUES (:name, :slug, :description)
RETURNING id, name, slug, description, created_at, updated_at;

--! insert_category_if_absent
--- Seeding: creates a category unless its slug or name exists (idempotent).
INSERT INTO categories (name, slug, description)
VALUES (:name, :slug, :description)
ON CONFLICT DO NOTHING;

--! find_category : CategoryWithCount
--- One category with the number of active products in it.
SELECT c.id, c.name, c.slug, c.description, c.created_at, c.updated_at,
       (SELECT count(*)
          FROM product_categories pc
          JOIN products p ON p.id = pc.product_id
         WHERE pc.category_id = c.id AND p.is_active) AS product_count
FROM categories c
WHERE c.id = :id;

--! update_category (name?, slug?, description?) : Category
--- Changes the given fields; absent (NULL) parameters keep the current value.
UPDATE categories
SET name = COALESCE(:name, name),
    slug = COALESCE(:slug, slug),
    description = COALESCE(:description, description),
    updated_at = now()
WHERE id = :id
RETURNING id, name, slug, description, created_at, updated_at;

--! lock_category_products
-- Locks the products of a category, in id order, before the category is
-- deleted. The delete's cascade removes their links, and the facet trigger then
-- reads each product FOR SHARE; an edit of one of them locks the product first
-- and its links second. Taking the products first, in the order every writer
-- locks products (by id), keeps the two from deadlocking.
SELECT p.id
FROM products p
WHERE p.id IN (SELECT pc.product_id FROM product_categories pc WHERE pc.category_id = :id)
ORDER BY p.id
FOR SHARE OF p;

--! delete_category
--- Deletes a category; its product links go with it (ON DELETE CASCADE), products stay.
DELETE FROM categories WHERE id = :id;

--! list_categories (name_pattern?, after_name?, after_id?) : Category
--- A page of categories by name; `name_pattern` is an ILIKE pattern, the cursor is the last (name, id).
--- The table is small (hundreds of rows), so the nullable-parameter predicates are fine here.
SELECT id, name, slug, description, created_at, updated_at
FROM categories
WHERE (:name_pattern::text IS NULL OR name ILIKE :name_pattern)
  AND (:after_id::bigint IS NULL OR (name, id) > (:after_name::text, :after_id))
ORDER BY name, id
LIMIT :limit;

--! find_existing_category_ids
--- Which of the given category ids exist (product writes report the others as unknown).
SELECT id FROM categories WHERE id = ANY(:ids::bigint[]);

--! list_category_ids_by_slug_prefix
--- Ids of the categories whose slug starts with a prefix, in slug order (bulk seeding).
SELECT id FROM categories WHERE starts_with(slug, :prefix) ORDER BY slug;
