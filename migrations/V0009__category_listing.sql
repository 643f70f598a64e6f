-- Category pages as one index range scan.
--
-- Before this migration a page of `?category=X&sort=price` walked
-- products_active_price_idx and probed product_categories for each product
-- until it had found a page of products in X: with 200 categories that is
-- ~100 probes per product shown, ~2,000 for a 20-item page, at any depth
-- (docs/performance.md). Copying the sort keys of the product into its
-- category links lets a page be read from one index in order:
-- `(category_id, price, product_id)` for price, and likewise for date and name.
--
-- The copies are owned by the database, not the application: a BEFORE INSERT
-- trigger fills them from `products` whenever a link is made, and an AFTER
-- UPDATE trigger on `products` rewrites them when one of the copied columns
-- changes. Stock is not copied (orders change it all the time); the in-stock
-- filter reads it from `products` for the rows of the page.

ALTER TABLE product_categories
    ADD COLUMN is_active  boolean,
    ADD COLUMN price      numeric(12,2),
    ADD COLUMN name       text,
    ADD COLUMN created_at timestamptz;

UPDATE product_categories pc
SET is_active = p.is_active, price = p.price, name = p.name, created_at = p.created_at
FROM products p
WHERE p.id = pc.product_id;

ALTER TABLE product_categories
    ALTER COLUMN is_active SET NOT NULL,
    ALTER COLUMN price SET NOT NULL,
    ALTER COLUMN name SET NOT NULL,
    ALTER COLUMN created_at SET NOT NULL;

-- Whatever the inserting statement says, a link carries its product's values.
CREATE FUNCTION product_categories_copy_product() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    SELECT p.is_active, p.price, p.name, p.created_at
      INTO NEW.is_active, NEW.price, NEW.name, NEW.created_at
      FROM products p
     WHERE p.id = NEW.product_id;
    RETURN NEW;
END
$$;

CREATE TRIGGER product_categories_copy_product
    BEFORE INSERT OR UPDATE OF product_id ON product_categories
    FOR EACH ROW EXECUTE FUNCTION product_categories_copy_product();

-- Runs only for updates that change a copied column: stock updates (orders)
-- do not name these columns and never fire it.
CREATE FUNCTION products_sync_category_links() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    UPDATE product_categories
       SET is_active = NEW.is_active, price = NEW.price, name = NEW.name, created_at = NEW.created_at
     WHERE product_id = NEW.id;
    RETURN NULL;
END
$$;

CREATE TRIGGER products_sync_category_links
    AFTER UPDATE OF is_active, price, name, created_at ON products
    FOR EACH ROW
    WHEN (OLD.is_active IS DISTINCT FROM NEW.is_active
          OR OLD.price IS DISTINCT FROM NEW.price
          OR OLD.name IS DISTINCT FROM NEW.name
          OR OLD.created_at IS DISTINCT FROM NEW.created_at)
    EXECUTE FUNCTION products_sync_category_links();

-- One per sort key, partial like the products indexes (inactive products are
-- never listed). `list_products_in_categories_by_*` reads up to one page from
-- each requested category in index order and merges them.
CREATE INDEX product_categories_active_created_idx
    ON product_categories (category_id, created_at, product_id) WHERE is_active;
CREATE INDEX product_categories_active_price_idx
    ON product_categories (category_id, price, product_id) WHERE is_active;
CREATE INDEX product_categories_active_name_idx
    ON product_categories (category_id, name, product_id) WHERE is_active;
