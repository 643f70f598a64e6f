-- Payments through the Chapa gateway.

CREATE TABLE payments (
    id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- RESTRICT: payment records are financial history; an order with payments
    -- cannot be deleted (the API answers 409).
    order_id           bigint        NOT NULL REFERENCES orders (id) ON DELETE RESTRICT,
    user_id            bigint        NOT NULL REFERENCES users (id) ON DELETE RESTRICT,
    provider           text          NOT NULL DEFAULT 'chapa' CHECK (provider IN ('chapa')),
    -- Our reference, sent to Chapa and echoed back in webhooks and callbacks.
    tx_ref             text          NOT NULL CONSTRAINT payments_tx_ref_key UNIQUE,
    -- Taken from the order at creation, never from the client.
    amount             numeric(12,2) NOT NULL CHECK (amount > 0),
    currency           text          NOT NULL DEFAULT 'ETB' CHECK (currency ~ '^[A-Z]{3}$'),
    status             text          NOT NULL DEFAULT 'pending'
        CHECK (status IN ('pending', 'completed', 'failed')),
    checkout_url       text,
    -- Chapa's own reference of the charge, from verify.
    provider_reference text,
    -- Why a payment failed (gateway error, verify said failed, amount mismatch).
    failure_reason     text,
    idempotency_key    text          CHECK (length(idempotency_key) BETWEEN 1 AND 200),
    created_at         timestamptz   NOT NULL DEFAULT now(),
    updated_at         timestamptz   NOT NULL DEFAULT now()
);

-- At most one completed payment per order, enforced by the database.
CREATE UNIQUE INDEX payments_one_completed_per_order ON payments (order_id)
    WHERE status = 'completed';
-- Payments of an order (pay-twice checks, order deletion).
CREATE INDEX payments_order_idx ON payments (order_id);
-- A user's payments, newest first, keyset on (created_at, id).
CREATE INDEX payments_user_created_idx ON payments (user_id, created_at DESC, id DESC);
-- Admin list of all payments, newest first.
CREATE INDEX payments_created_idx ON payments (created_at DESC, id DESC);
CREATE UNIQUE INDEX payments_idempotency_key ON payments (user_id, idempotency_key)
    WHERE idempotency_key IS NOT NULL;
