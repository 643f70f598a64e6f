-- Orders and their items. Totals and stock change only inside the order
-- service's transactions; see queries/orders/orders.sql.

CREATE TABLE orders (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- RESTRICT: a user with orders cannot be deleted (deactivate instead),
    -- so order history never loses its buyer.
    user_id          bigint        NOT NULL REFERENCES users (id) ON DELETE RESTRICT,
    status           text          NOT NULL DEFAULT 'pending'
        CHECK (status IN ('pending', 'paid', 'processing', 'shipped', 'delivered', 'cancelled')),
    shipping_address text          NOT NULL CHECK (length(btrim(shipping_address)) BETWEEN 1 AND 500),
    -- Always the sum of quantity * unit_price of the items, recomputed in the
    -- same transaction as every item change.
    total_amount     numeric(12,2) NOT NULL DEFAULT 0 CHECK (total_amount >= 0),
    -- Client-chosen key that makes POST /orders safe to retry; unique per user.
    idempotency_key  text          CHECK (length(idempotency_key) BETWEEN 1 AND 200),
    created_at       timestamptz   NOT NULL DEFAULT now(),
    updated_at       timestamptz   NOT NULL DEFAULT now()
);

-- A user's orders, newest first, keyset on (created_at, id).
CREATE INDEX orders_user_created_idx ON orders (user_id, created_at DESC, id DESC);
-- Admin list of all orders, newest first.
CREATE INDEX orders_created_idx ON orders (created_at DESC, id DESC);
-- Admin list filtered by status (e.g. everything 'paid' waiting for processing).
CREATE INDEX orders_status_created_idx ON orders (status, created_at DESC, id DESC);
CREATE UNIQUE INDEX orders_idempotency_key ON orders (user_id, idempotency_key)
    WHERE idempotency_key IS NOT NULL;

CREATE TABLE order_items (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    order_id   bigint        NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    -- RESTRICT: products are soft-deleted, never removed while sold.
    product_id bigint        NOT NULL REFERENCES products (id) ON DELETE RESTRICT,
    quantity   integer       NOT NULL CHECK (quantity > 0),
    -- Copied from the product at purchase time; later price changes do not
    -- rewrite history.
    unit_price numeric(12,2) NOT NULL CHECK (unit_price >= 0),
    CONSTRAINT order_items_order_product_key UNIQUE (order_id, product_id)
);

-- The unique constraint's index (order_id, product_id) serves "items of these
-- orders"; this one serves the RESTRICT check when a product row is deleted.
CREATE INDEX order_items_product_idx ON order_items (product_id);
