--: LowStockProduct()

--! product_counts
--- Active products (index-only scan of products_active_created_idx), and those
--- at or below the low-stock threshold (low_stock_products, kept by V0020's trigger).
SELECT (SELECT count(*) FROM products WHERE is_active) AS active,
       (SELECT count(*) FROM low_stock_products WHERE stock <= :threshold) AS low_stock;

--! low_stock_products : LowStockProduct
--- The active products with the least stock at or below the threshold:
--- low_stock_products_stock_idx, then each product by its primary key.
SELECT p.id, p.name, l.stock
FROM low_stock_products l
JOIN products p ON p.id = l.product_id
WHERE l.stock <= :threshold
ORDER BY l.stock, l.product_id
LIMIT :limit;

--! lock_low_stock_threshold
--- The threshold low_stock_products was filled with, locked until the end of
--- the transaction (start-up compares it with `LOW_STOCK_THRESHOLD`).
SELECT threshold FROM low_stock_settings FOR UPDATE;

--! set_low_stock_threshold
UPDATE low_stock_settings SET threshold = :threshold;

--! clear_low_stock_products
DELETE FROM low_stock_products;

--! fill_low_stock_products
--- After clear_low_stock_products, in its transaction: one pass over products.
INSERT INTO low_stock_products (product_id, stock)
SELECT id, stock FROM products WHERE is_active AND stock <= :threshold;

--! order_status_counts
--- Orders per status (statuses without orders are absent): index-only scan of orders_status_created_idx.
SELECT status, count(*) AS orders
FROM orders
GROUP BY status
ORDER BY status;

--! payments_completed_since
--- Completed payments started since `since`, and their captured total:
--- payments_status_created_idx.
SELECT count(*) AS payments,
       COALESCE(sum(COALESCE(captured_amount, amount)), 0)::numeric(14,2) AS amount
FROM payments
WHERE status = 'completed' AND created_at >= :since;
