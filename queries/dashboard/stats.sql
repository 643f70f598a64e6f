--: LowStockProduct()

--! product_counts
--- Active products, and those at or below the low-stock threshold:
--- index-only scans of products_active_created_idx and products_active_stock_idx.
SELECT (SELECT count(*) FROM products WHERE is_active) AS active,
       (SELECT count(*) FROM products WHERE is_active AND stock <= :threshold) AS low_stock;

--! low_stock_products : LowStockProduct
--- The active products with the least stock at or below the threshold: products_active_stock_idx.
SELECT id, name, stock
FROM products
WHERE is_active AND stock <= :threshold
ORDER BY stock, id
LIMIT :limit;

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
