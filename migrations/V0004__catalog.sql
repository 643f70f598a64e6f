-- Catalog: categories, products and the many-to-many link between them.
--
-- Every public product list filters on `is_active`, so the list indexes are
-- partial (`WHERE is_active`): soft-deleted products (see below) cost nothing
-- to skip and do not bloat the indexes the storefront reads.

CREATE TABLE categories (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name        text        NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 100),
    -- URL-safe identifier, derived from the name when not given.
    slug        text        NOT NULL CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' AND length(slug) <= 120),
    description text        NOT NULL DEFAULT '',
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT categories_slug_key UNIQUE (slug)
);

-- Names are unique regardless of case ("Shoes" and "shoes" are the same
-- category). The service maps a violation of this index to 409 `name_taken`.
CREATE UNIQUE INDEX categories_name_lower_key ON categories (lower(name));
-- `list_categories` sorts by name with keyset pagination on (name, id).
CREATE INDEX categories_name_id_idx ON categories (name, id);

CREATE TABLE products (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name        text          NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 200),
    slug        text          NOT NULL CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' AND length(slug) <= 220),
    description text          NOT NULL DEFAULT '',
    -- Money is exact decimal, never float; 12 digits allow up to 9,999,999,999.99.
    price       numeric(12,2) NOT NULL CHECK (price >= 0),
    stock       integer       NOT NULL DEFAULT 0 CHECK (stock >= 0),
    -- Soft delete: DELETE /products/{id} sets this to false instead of removing
    -- the row, because order history (order_items.product_id, ON DELETE
    -- RESTRICT) must keep pointing at the product it sold. Inactive products are
    -- hidden from every public read.
    is_active   boolean       NOT NULL DEFAULT true,
    created_at  timestamptz   NOT NULL DEFAULT now(),
    updated_at  timestamptz   NOT NULL DEFAULT now(),
    CONSTRAINT products_slug_key UNIQUE (slug)
);

-- sort=newest / sort=oldest: keyset on (created_at, id), read forwards or
-- backwards; the id breaks ties between products created in the same instant.
CREATE INDEX products_active_created_idx ON products (created_at, id) WHERE is_active;
-- sort=price / sort=-price, and min_price/max_price ranges: keyset on (price, id).
-- Within a category (list_products_in_categories_by_*, a semi-join) the
-- planner either walks this index and probes product_categories' primary key
-- per row (large categories), or reads the category's rows from
-- product_categories_category_idx and sorts the matches (small categories);
-- both avoid scanning products.
CREATE INDEX products_active_price_idx ON products (price, id) WHERE is_active;
-- sort=name / sort=-name: keyset on (name, id) in the database collation.
CREATE INDEX products_active_name_idx ON products (name, id) WHERE is_active;
-- q=...: case-insensitive substring search (`name ILIKE '%q%'`); a btree cannot
-- serve a leading wildcard, a pg_trgm GIN index can (extension from V0001).
CREATE INDEX products_active_name_trgm_idx ON products USING gin (name gin_trgm_ops) WHERE is_active;

CREATE TABLE product_categories (
    product_id  bigint NOT NULL REFERENCES products (id) ON DELETE CASCADE,
    -- Deleting a category removes only its links; the products stay.
    category_id bigint NOT NULL REFERENCES categories (id) ON DELETE CASCADE,
    -- Also serves "categories of these products" (product detail and list pages).
    PRIMARY KEY (product_id, category_id)
);

-- category=... filters and per-category product counts start from the category.
CREATE INDEX product_categories_category_idx ON product_categories (category_id, product_id);
-- Category sizes differ by orders of magnitude (a sample category of 9
-- products next to bulk ones of 10,000). The planner picks between "walk the
-- sort index and probe each product's links" and "read the category's links,
-- then sort" from the estimated category size, so keep a most-common-values
-- entry for up to 1000 categories instead of the default 100.
ALTER TABLE product_categories ALTER COLUMN category_id SET STATISTICS 1000;
