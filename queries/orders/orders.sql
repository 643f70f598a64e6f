--: Order()
--: OrderItem()

--! insert_order (idempotency_key?, request_fingerprint?) : Order
INSERT INTO orders (user_id, shipping_address, idempotency_key, request_fingerprint)
VALUES (:user_id, :shipping_address, :idempotency_key, :request_fingerprint)
RETURNING id, user_id, status, shipping_address, total_amount, created_at, updated_at;

--! find_order_by_idempotency_key : Order
--- The order an earlier request with the same Idempotency-Key created.
SELECT id, user_id, status, shipping_address, total_amount, created_at, updated_at
FROM orders WHERE user_id = :user_id AND idempotency_key = :idempotency_key;

--! find_order_fingerprint : Fingerprint(request_fingerprint?)
--- What the request that created this idempotent order asked for.
SELECT request_fingerprint FROM orders WHERE user_id = :user_id AND idempotency_key = :idempotency_key;

--! find_order : Order
SELECT id, user_id, status, shipping_address, total_amount, created_at, updated_at
FROM orders WHERE id = :id;

--! lock_order : Order
--- The order, row-locked for a change of status or items.
SELECT id, user_id, status, shipping_address, total_amount, created_at, updated_at
FROM orders WHERE id = :id FOR UPDATE;

--! list_user_orders (status?, after_created?, after_id?) : Order
--- One user's orders, newest first, keyset on (created_at, id): orders_user_created_idx.
SELECT id, user_id, status, shipping_address, total_amount, created_at, updated_at
FROM orders
WHERE user_id = :user_id
  AND (:status::text IS NULL OR status = :status)
  AND (:after_id::bigint IS NULL OR (created_at, id) < (:after_created, :after_id))
ORDER BY created_at DESC, id DESC
LIMIT :limit;

--! list_all_orders (after_created?, after_id?) : Order
--- Every order, newest first (admin): orders_created_idx.
SELECT id, user_id, status, shipping_address, total_amount, created_at, updated_at
FROM orders
WHERE (:after_id::bigint IS NULL OR (created_at, id) < (:after_created, :after_id))
ORDER BY created_at DESC, id DESC
LIMIT :limit;

--! list_orders_by_status (after_created?, after_id?) : Order
--- Orders in one status, newest first (admin): orders_status_created_idx.
SELECT id, user_id, status, shipping_address, total_amount, created_at, updated_at
FROM orders
WHERE status = :status
  AND (:after_id::bigint IS NULL OR (created_at, id) < (:after_created, :after_id))
ORDER BY created_at DESC, id DESC
LIMIT :limit;

--! list_items_of_orders : OrderItem
--- Items of a page of orders in one query (no N+1), with product names.
SELECT oi.id, oi.order_id, oi.product_id, p.name AS product_name, oi.quantity, oi.unit_price
FROM order_items oi JOIN products p ON p.id = oi.product_id
WHERE oi.order_id = ANY(:order_ids)
ORDER BY oi.order_id, oi.id;

--! find_item : OrderItem
SELECT oi.id, oi.order_id, oi.product_id, p.name AS product_name, oi.quantity, oi.unit_price
FROM order_items oi JOIN products p ON p.id = oi.product_id
WHERE oi.id = :id AND oi.order_id = :order_id;

--! take_stock
--- Decrements stock only if enough is left (the row lock serialises buyers);
--- no row means unknown, inactive or insufficient.
UPDATE products SET stock = stock - :quantity, updated_at = now()
WHERE id = :product_id AND is_active AND stock >= :quantity
RETURNING name, price, stock;

--! return_stock
--- Puts units back (cancellation, item removal or reduction).
UPDATE products SET stock = stock + :quantity, updated_at = now() WHERE id = :product_id;

--! find_product_stock
--- Why take_stock refused: missing, inactive, or how many are left.
SELECT name, is_active, stock FROM products WHERE id = :product_id;

--! insert_items
--- All items of a new order in one statement.
INSERT INTO order_items (order_id, product_id, quantity, unit_price)
SELECT :order_id, item.product_id, item.quantity, item.unit_price
FROM unnest(:product_ids::bigint[], :quantities::integer[], :unit_prices::numeric[])
    AS item (product_id, quantity, unit_price);

--! insert_item : OrderItem
WITH inserted AS (
    INSERT INTO order_items (order_id, product_id, quantity, unit_price)
    VALUES (:order_id, :product_id, :quantity, :unit_price)
    RETURNING id, order_id, product_id, quantity, unit_price
)
SELECT i.id, i.order_id, i.product_id, p.name AS product_name, i.quantity, i.unit_price
FROM inserted i JOIN products p ON p.id = i.product_id;

--! update_item_quantity
UPDATE order_items SET quantity = :quantity WHERE id = :id AND order_id = :order_id;

--! delete_item
DELETE FROM order_items WHERE id = :id AND order_id = :order_id;

--! recompute_order_total
--- Keeps the invariant total_amount = sum(quantity * unit_price), in the caller's transaction.
UPDATE orders SET
    total_amount = (SELECT COALESCE(sum(quantity * unit_price), 0) FROM order_items WHERE order_id = :id),
    updated_at = now()
WHERE id = :id
RETURNING total_amount;

--! update_order (shipping_address?, status?) : Order
UPDATE orders SET
    shipping_address = COALESCE(:shipping_address, shipping_address),
    status = COALESCE(:status, status),
    updated_at = now()
WHERE id = :id
RETURNING id, user_id, status, shipping_address, total_amount, created_at, updated_at;

--! delete_order
DELETE FROM orders WHERE id = :id;

--! find_buyer
--- Recipient of the order confirmation.
SELECT email, first_name FROM users WHERE id = :id;
