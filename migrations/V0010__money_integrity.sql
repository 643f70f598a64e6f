-- Money integrity: an order is paid exactly for its total, no verified charge
-- is dropped, one live checkout per order, refunds, and the order history.
-- The state machines and the lock order are in docs/PAYMENTS.md.

-- Orders gain `refunded` (a full refund of the payment that paid them).
ALTER TABLE orders DROP CONSTRAINT orders_status_check;
ALTER TABLE orders ADD CONSTRAINT orders_status_check
    CHECK (status IN ('pending', 'paid', 'processing', 'shipped', 'delivered', 'cancelled', 'refunded'));

-- The one payment whose charge paid the order; NULL until paid. At most one
-- payment pays an order: this column replaces the partial unique index on
-- completed payments, because a charge the order could not take (cancelled,
-- expired, already paid) is now recorded as completed too, and then refunded.
ALTER TABLE orders ADD COLUMN paid_by_payment_id bigint;

-- Unpaid orders expire: the sweep reads pending orders oldest first.
CREATE INDEX orders_pending_created_idx ON orders (created_at, id) WHERE status = 'pending';

-- Payment statuses:
--   pending        checkout started, outcome unknown
--   cancelled      order cancelled/expired or payment deleted before a charge was seen
--   failed         declined, abandoned, or the gateway could not start the checkout
--   completed      Chapa verified a charge (it paid the order, or a refund is under way)
--   refunded       the charge was refunded in full
--   refund_failed  an automatic refund failed for good; admins were alerted
ALTER TABLE payments DROP CONSTRAINT payments_status_check;
ALTER TABLE payments ADD CONSTRAINT payments_status_check
    CHECK (status IN ('pending', 'cancelled', 'failed', 'completed', 'refunded', 'refund_failed'));
DROP INDEX payments_one_completed_per_order;
-- One live checkout per order, enforced by the database (I3).
CREATE UNIQUE INDEX payments_one_pending_per_order ON payments (order_id) WHERE status = 'pending';
-- What Chapa verified it charged (may differ from `amount` on a mismatch);
-- refunds are bounded by it. NULL until a charge is verified.
ALTER TABLE payments ADD COLUMN captured_amount numeric(12,2) CHECK (captured_amount > 0);

ALTER TABLE orders ADD CONSTRAINT orders_paid_by_payment_fkey
    FOREIGN KEY (paid_by_payment_id) REFERENCES payments (id) ON DELETE RESTRICT;

CREATE TABLE refunds (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    payment_id       bigint        NOT NULL REFERENCES payments (id) ON DELETE RESTRICT,
    amount           numeric(12,2) NOT NULL CHECK (amount > 0),
    reason           text          NOT NULL CHECK (length(reason) BETWEEN 1 AND 500),
    -- pending: requested, the worker has not heard back from Chapa yet;
    -- succeeded / failed: Chapa's final answer (failed: after the retries).
    status           text          NOT NULL DEFAULT 'pending'
        CHECK (status IN ('pending', 'succeeded', 'failed')),
    -- true when the system refunds a charge the order could not take (I2).
    automatic        boolean       NOT NULL,
    -- Admin who asked for it; NULL for automatic refunds.
    requested_by     bigint        REFERENCES users (id) ON DELETE RESTRICT,
    -- Sent to Chapa as `reference`, unique per refund, so a retried request is
    -- recognised as the same refund.
    reference        text          NOT NULL CONSTRAINT refunds_reference_key UNIQUE,
    -- Chapa's id of the refund, once it answered.
    provider_reference text,
    failure_reason   text,
    idempotency_key  text          CHECK (length(idempotency_key) BETWEEN 1 AND 200),
    request_fingerprint text,
    created_at       timestamptz   NOT NULL DEFAULT now(),
    updated_at       timestamptz   NOT NULL DEFAULT now()
);
-- Refunds of a payment (remaining amount, the payment's JSON).
CREATE INDEX refunds_payment_idx ON refunds (payment_id, id);
-- An admin's Idempotency-Key names one refund request.
CREATE UNIQUE INDEX refunds_idempotency_key ON refunds (requested_by, idempotency_key)
    WHERE idempotency_key IS NOT NULL;

-- The order's history: one row per status change, item change, payment event
-- and refund, written in the same transaction as the change (I7).
CREATE TABLE order_events (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- CASCADE: only orders without payments can be deleted, and their history
    -- goes with them.
    order_id    bigint      NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    -- What happened, e.g. order_placed, status_changed, payment_completed.
    kind        text        NOT NULL CHECK (kind ~ '^[a-z_]{1,50}$'),
    from_status text,
    to_status   text,
    -- Who: a user (actor_user_id set), the system (sweeps, automatic refunds) or Chapa.
    actor       text        NOT NULL CHECK (actor IN ('user', 'system', 'chapa')),
    actor_user_id bigint    REFERENCES users (id) ON DELETE SET NULL,
    detail      jsonb       NOT NULL DEFAULT '{}',
    created_at  timestamptz NOT NULL DEFAULT now()
);
-- An order's history in order, keyset on id.
CREATE INDEX order_events_order_idx ON order_events (order_id, id);
