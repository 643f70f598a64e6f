--: Order()
--: OrderItem()

--! insert_order (idempotency_key?, request_fingerprint?) : PlacedOrderItem()
--- A new order with all its items, in one statement and one write of the
--- order row: the total is summed here from the lines it inserts (the
--- invariant recompute_order_total keeps, total_amount = sum(quantity *
--- unit_price)). Each row is one item, oldest first, with the order and its
--- buyer's address and name for the confirmation email. The caller took the
--- stock and read the prices under the products' row locks.
WITH placed AS (
    INSERT INTO orders (user_id, shipping_address, total_amount, idempotency_key, request_fingerprint)
    SELECT :user_id, :shipping_address, sum(line.quantity * line.unit_price), :idempotency_key, :request_fingerprint
    FROM unnest(:quantities::integer[], :unit_prices::numeric[]) AS line (quantity, unit_price)
    RETURNING id, user_id, status, shipping_address, total_amount, created_at, updated_at
), items AS (
    INSERT INTO order_items (order_id, product_id, quantity, unit_price)
    SELECT o.id, item.product_id, item.quantity, item.unit_price
    FROM placed o
    CROSS JOIN unnest(:product_ids::bigint[], :quantities::integer[], :unit_prices::numeric[])
        AS item (product_id, quantity, unit_price)
    RETURNING id, product_id, quantity, unit_price
)
SELECT o.id AS order_id, o.user_id, o.status, o.shipping_address, o.total_amount, o.created_at, o.updated_at,
       u.email AS buyer_email, u.first_name AS buyer_first_name,
       i.id AS item_id, i.product_id, i.quantity, i.unit_price
FROM placed o
JOIN users u ON u.id = o.user_id
CROSS JOIN items i
ORDER BY i.id;

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

--! mark_order_paid
--- Pending -> paid by one payment; the caller holds the order's row lock and checked the total.
UPDATE orders SET status = 'paid', paid_by_payment_id = :payment_id, updated_at = now()
WHERE id = :id AND status = 'pending';

--! set_order_status
--- Sets the status (the caller checked the transition under the order's row lock).
UPDATE orders SET status = :status, updated_at = now() WHERE id = :id;

--! find_order_payment_state : OrderPaymentState(paid_by_payment_id?)
--- Which payment paid the order, for settlement and refunds (the caller holds the row lock).
SELECT status, total_amount, paid_by_payment_id FROM orders WHERE id = :id;

--! has_pending_payment
--- Whether a checkout is live for the order: its items are then frozen (I4).
SELECT EXISTS (SELECT 1 FROM payments WHERE order_id = :order_id AND status = 'pending') AS pending;

--! cancel_pending_payments
--- Cancelling or expiring an order cancels its live checkout; a late charge is refunded.
UPDATE payments SET status = 'cancelled', failure_reason = :reason, updated_at = now()
WHERE order_id = :order_id AND status = 'pending'
RETURNING id;

--! list_expired_order_ids
--- Pending orders placed before the cutoff, oldest first: orders_pending_created_idx.
SELECT id FROM orders
WHERE status = 'pending' AND created_at < :cutoff
ORDER BY created_at, id
LIMIT :limit;

--! insert_order_event (from_status?, to_status?, actor_user_id?)
--- Appends to the order's history, in the transaction of the change it records.
INSERT INTO order_events (order_id, kind, from_status, to_status, actor, actor_user_id, detail)
VALUES (:order_id, :kind, :from_status, :to_status, :actor, :actor_user_id, :detail);

--! list_order_events (after_id?) : OrderEvent(from_status?, to_status?, actor_user_id?)
--- An order's history, oldest first, keyset on id: order_events_order_idx.
SELECT id, order_id, kind, from_status, to_status, actor, actor_user_id, detail, created_at
FROM order_events
WHERE order_id = :order_id AND (:after_id::bigint IS NULL OR id > :after_id)
ORDER BY id
LIMIT :limit;

--! find_buyer
--- Recipient of the order confirmation.
SELECT email, first_name FROM users WHERE id = :id;

--! count_orders_with_idempotency_prefix
--- How many orders have an idempotency key starting with a prefix (bulk seeding resumes from there).
SELECT count(*) AS count FROM orders WHERE starts_with(idempotency_key, :prefix);

--! max_order_id
--- The highest order id so far (bulk seeding fills in only the orders it copied).
SELECT COALESCE(max(id), 0)::bigint AS max_id FROM orders;

--! fill_bulk_orders
--- Bulk seeding: gives each order with id in (from_id, to_id] one to three
--- items, and sets its total to their sum, in one statement.
---
--- Products are picked deterministically from the order id among ids
--- 1..=max_product_id (inactive or missing ids are skipped, a repeated pick is
--- dropped by the unique key); each item costs the product's current price, as
--- `take_stock` would charge. Stock is left alone: the generated stock counts
--- are read as what is left after these orders.
WITH items AS (
    INSERT INTO order_items (order_id, product_id, quantity, unit_price)
    SELECT o.id, p.id, 1 + ((o.id + k) % 3)::integer, p.price
    FROM orders o
    CROSS JOIN generate_series(0, 2) AS k
    JOIN products p
      ON p.id = 1 + ((o.id * 7919 + k * 104729) % :max_product_id)
     AND p.is_active
    WHERE o.id > :from_id AND o.id <= :to_id AND k <= o.id % 3
    ON CONFLICT DO NOTHING
    RETURNING order_id, quantity * unit_price AS amount
)
UPDATE orders o
SET total_amount = t.total
FROM (SELECT order_id, sum(amount) AS total FROM items GROUP BY order_id) t
WHERE o.id = t.order_id;

--! analyze_orders
--- Refreshes planner statistics after a bulk load.
ANALYZE users, orders, order_items;

--! list_orders_of_product (user_id?, status?, after_id?) : Order
--- Orders containing one product, newest (highest id) first, keyset on the
--- order id; `user_id` and `status` narrow them: order_items_product_order_idx.
SELECT o.id, o.user_id, o.status, o.shipping_address, o.total_amount, o.created_at, o.updated_at
FROM order_items i
JOIN orders o ON o.id = i.order_id
WHERE i.product_id = :product_id
  AND (:user_id::bigint IS NULL OR o.user_id = :user_id)
  AND (:status::text IS NULL OR o.status = :status)
  AND (:after_id::bigint IS NULL OR i.order_id < :after_id)
ORDER BY i.order_id DESC
LIMIT :limit;
