-- Pre-aggregated facet counts for `GET /products/facets` without `q` or a price
-- range and with at most one category: at 1M products the counting scan takes
-- seconds, these counts are read in about a millisecond.
--
-- `product_facet_deltas` holds signed deltas per group (category, price bucket,
-- in stock); a group's count is the sum of its rows. Triggers only ever INSERT
-- (no UPDATE of a shared counter row), so concurrent orders that sell out
-- products never wait for each other on a counter nor deadlock on one. The
-- worker's housekeeping compacts the rows (`compact_facet_deltas`,
-- queries/catalog/facet_counts.sql) so the table stays at about one row per
-- group.
--
-- Counted exactly as `product_facets` (queries/catalog/search.sql) counts:
-- active products (`is_active`; soft delete clears it), in stock = `stock > 0`,
-- price bucket = `width_bucket(price, PRICE_FACET_BOUNDS)` (src/catalog/domain.rs:
-- 0, 10, 25, 50, 100, 250, 500; a bucket includes its lower bound).
CREATE TABLE product_facet_deltas (
    -- 0 = every product; otherwise one category (no foreign key: the rows of a
    -- deleted category sum to zero and the next compaction drops them).
    category_id  bigint   NOT NULL,
    price_bucket smallint NOT NULL,
    in_stock     boolean  NOT NULL,
    delta        integer  NOT NULL
);

-- Must equal PRICE_FACET_BOUNDS (src/catalog/domain.rs); tests/facets.rs checks it.
CREATE FUNCTION product_price_bucket(price numeric) RETURNS smallint
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT width_bucket(price, '{0,10,25,50,100,250,500}'::numeric[])::smallint
$$;

-- A product's rows: `sign` = -1 for its old state, +1 for its new state, in
-- category 0 and in each of its categories.
CREATE FUNCTION product_facet_delta(product_id bigint, price numeric, stock integer, sign integer)
RETURNS void
LANGUAGE sql AS $$
    INSERT INTO product_facet_deltas (category_id, price_bucket, in_stock, delta)
    SELECT g.category_id, product_price_bucket(price), stock > 0, sign
    FROM (SELECT 0::bigint AS category_id
          UNION ALL
          SELECT pc.category_id FROM product_categories pc WHERE pc.product_id = product_facet_delta.product_id) g
$$;

-- Inserts, updates that change what is counted, and (hard) deletes. The DELETE
-- trigger runs BEFORE the row goes, while its category links still exist; the
-- links the delete then cascades to find no product and write nothing.
CREATE FUNCTION products_facet_deltas() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.is_active THEN
        PERFORM product_facet_delta(OLD.id, OLD.price, OLD.stock, -1);
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.is_active THEN
        PERFORM product_facet_delta(NEW.id, NEW.price, NEW.stock, 1);
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER products_facet_deltas_insert
    AFTER INSERT ON products
    FOR EACH ROW EXECUTE FUNCTION products_facet_deltas();
-- A stock decrement that leaves the product in stock (most orders) never fires it.
CREATE TRIGGER products_facet_deltas_update
    AFTER UPDATE OF is_active, price, stock ON products
    FOR EACH ROW
    WHEN (OLD.is_active IS DISTINCT FROM NEW.is_active
          OR (OLD.is_active AND (product_price_bucket(OLD.price) <> product_price_bucket(NEW.price)
                                 OR (OLD.stock > 0) <> (NEW.stock > 0))))
    EXECUTE FUNCTION products_facet_deltas();
CREATE TRIGGER products_facet_deltas_delete
    BEFORE DELETE ON products
    FOR EACH ROW EXECUTE FUNCTION products_facet_deltas();

-- A link made or removed counts or uncounts its product in that category. The
-- product row is read FOR SHARE: a concurrent update of the product (an order
-- selling it out) either commits first, and this reads its result, or waits
-- for this transaction, and its trigger then sees the link. Without the lock
-- both could miss each other and the category would keep the old stock state.
CREATE FUNCTION product_categories_facet_deltas() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    p record;
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        SELECT pr.is_active, pr.price, pr.stock INTO p
          FROM products pr WHERE pr.id = OLD.product_id FOR SHARE;
        -- Not found: the product itself is being deleted (its trigger wrote the rows).
        IF FOUND AND p.is_active THEN
            INSERT INTO product_facet_deltas (category_id, price_bucket, in_stock, delta)
            VALUES (OLD.category_id, product_price_bucket(p.price), p.stock > 0, -1);
        END IF;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        SELECT pr.is_active, pr.price, pr.stock INTO p
          FROM products pr WHERE pr.id = NEW.product_id FOR SHARE;
        IF FOUND AND p.is_active THEN
            INSERT INTO product_facet_deltas (category_id, price_bucket, in_stock, delta)
            VALUES (NEW.category_id, product_price_bucket(p.price), p.stock > 0, 1);
        END IF;
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER product_categories_facet_deltas
    AFTER INSERT OR DELETE OR UPDATE OF product_id, category_id ON product_categories
    FOR EACH ROW EXECUTE FUNCTION product_categories_facet_deltas();

-- Backfill: one row per non-empty group. Products are locked against changes
-- for the rest of the migration, so no change falls between the count and the
-- triggers.
LOCK TABLE products, product_categories IN SHARE MODE;
INSERT INTO product_facet_deltas (category_id, price_bucket, in_stock, delta)
SELECT 0, product_price_bucket(p.price), p.stock > 0, count(*)
FROM products p
WHERE p.is_active
GROUP BY 2, 3
UNION ALL
SELECT pc.category_id, product_price_bucket(p.price), p.stock > 0, count(*)
FROM product_categories pc
JOIN products p ON p.id = pc.product_id
WHERE p.is_active
GROUP BY 1, 2, 3;
