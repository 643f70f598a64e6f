-- Orders change products.stock on every line. V0017 indexed stock for the
-- dashboard's low-stock list (products_active_stock_idx), and PostgreSQL can
-- only update a row in place (a HOT update) when no index covers a column the
-- update changes: so every order wrote a new entry into each of the eight
-- indexes of products, the two GIN indexes included, and the product pages of
-- popular products walked the dead versions. Now no index of products covers
-- stock (tests/orders.rs checks it): a stock update is HOT.
--
-- The low-stock list moves to a small table kept by a trigger: the active
-- products at or below the low-stock threshold, with their stock. The
-- threshold is `LOW_STOCK_THRESHOLD`, stored here by the api at start-up
-- (`ensure_low_stock_threshold`), which refills the table when it changes.

DROP INDEX products_active_stock_idx;

-- Room on each page for the new versions of updated rows (a HOT update
-- needs it on the same page). Applies to pages written from now on; the bulk
-- loader writes its pages with it.
ALTER TABLE products SET (fillfactor = 90);

CREATE TABLE low_stock_settings (
    -- At most one row.
    singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    threshold integer NOT NULL CHECK (threshold >= 0)
);
INSERT INTO low_stock_settings (threshold) VALUES (10);

-- Active products with stock <= low_stock_settings.threshold.
CREATE TABLE low_stock_products (
    product_id bigint  PRIMARY KEY REFERENCES products (id) ON DELETE CASCADE,
    stock      integer NOT NULL
);
-- The dashboard's list, lowest stock first.
CREATE INDEX low_stock_products_stock_idx ON low_stock_products (stock, product_id);

CREATE FUNCTION products_low_stock() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    threshold integer := (SELECT s.threshold FROM low_stock_settings s);
BEGIN
    IF NEW.is_active AND NEW.stock <= threshold THEN
        INSERT INTO low_stock_products (product_id, stock) VALUES (NEW.id, NEW.stock)
        ON CONFLICT (product_id) DO UPDATE SET stock = EXCLUDED.stock
        WHERE low_stock_products.stock <> EXCLUDED.stock;
    ELSIF TG_OP = 'UPDATE' AND OLD.is_active AND OLD.stock <= threshold THEN
        DELETE FROM low_stock_products WHERE product_id = NEW.id;
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER products_low_stock
    AFTER INSERT OR UPDATE OF stock, is_active ON products
    FOR EACH ROW EXECUTE FUNCTION products_low_stock();

INSERT INTO low_stock_products (product_id, stock)
SELECT id, stock FROM products WHERE is_active AND stock <= 10;

-- The facet trigger's condition without a function call: a condition calling
-- a SQL function (product_price_bucket) is prepared again, the function's text
-- parsed, for every statement that updates products, orders' stock takes
-- included. A price change within one bucket now writes a -1 and a +1 for the
-- same group, which cancel (and compaction removes).
DROP TRIGGER products_facet_deltas_update ON products;
CREATE TRIGGER products_facet_deltas_update
    AFTER UPDATE OF is_active, price, stock ON products
    FOR EACH ROW
    WHEN (OLD.is_active IS DISTINCT FROM NEW.is_active
          OR (OLD.is_active AND (OLD.price <> NEW.price
                                 OR (OLD.stock > 0) <> (NEW.stock > 0))))
    EXECUTE FUNCTION products_facet_deltas();
