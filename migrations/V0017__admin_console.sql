-- Indexes behind the admin console's lists and dashboard (issue #15).

-- Payments in one status, newest first, keyset on (created_at, id):
-- `GET /payments?status=` for admins, and the dashboard's "completed today".
CREATE INDEX payments_status_created_idx ON payments (status, created_at DESC, id DESC);

-- Orders containing a product, newest first (`GET /orders?product_id=`, the
-- product page's "in orders"): an order holds each product at most once, so
-- this walks one product's lines in order-id order without sorting.
CREATE INDEX order_items_product_order_idx ON order_items (product_id, order_id DESC);

-- Substring search of users by email or username (`GET /users?q=`): trigram
-- GIN indexes make `LIKE '%word%'` index-backed (emails are stored lower-cased;
-- usernames are matched lower-cased, like their unique index).
CREATE INDEX users_email_trgm_idx ON users USING gin (email gin_trgm_ops);
CREATE INDEX users_username_trgm_idx ON users USING gin (lower(username) gin_trgm_ops);

-- Active products at or below the low-stock threshold, lowest stock first (the
-- dashboard's count and list); a few rows out of the whole catalog.
CREATE INDEX products_active_stock_idx ON products (stock, id) WHERE is_active;
