--! prune_published_outbox
--- Deletes up to `batch` outbox rows published before `cutoff`, oldest first (`outbox_published_idx`).
DELETE FROM outbox WHERE id IN (
    SELECT id FROM outbox
    WHERE published_at IS NOT NULL AND published_at < :cutoff
    ORDER BY published_at
    LIMIT :batch
);

--! prune_processed_jobs
--- Deletes up to `batch` job-idempotency records older than `cutoff` (`processed_jobs_processed_idx`).
DELETE FROM processed_jobs WHERE job_id IN (
    SELECT job_id FROM processed_jobs
    WHERE processed_at < :cutoff
    ORDER BY processed_at
    LIMIT :batch
);

--! prune_refresh_tokens
--- Deletes up to `batch` refresh tokens that expired before `cutoff` (`refresh_tokens_expires_idx`).
---
--- Used tokens are kept until then because presenting a used token is how
--- theft is detected; an expired one is refused anyway.
DELETE FROM refresh_tokens WHERE id IN (
    SELECT id FROM refresh_tokens
    WHERE expires_at < :cutoff
    ORDER BY expires_at
    LIMIT :batch
);

--! prune_revoked_access_tokens
--- Deletes up to `batch` revoked access-token ids whose token expired before
--- `cutoff` (`revoked_access_tokens_expires_idx`): such a token is refused anyway.
DELETE FROM revoked_access_tokens WHERE jti IN (
    SELECT jti FROM revoked_access_tokens
    WHERE expires_at < :cutoff
    ORDER BY expires_at
    LIMIT :batch
);

--! forget_order_idempotency_keys
--- Clears up to `batch` Idempotency-Keys of orders created before `cutoff` (`orders_idempotency_created_idx`).
UPDATE orders SET idempotency_key = NULL, request_fingerprint = NULL
WHERE id IN (
    SELECT id FROM orders
    WHERE idempotency_key IS NOT NULL AND created_at < :cutoff
    ORDER BY created_at
    LIMIT :batch
);

--! forget_payment_idempotency_keys
--- Clears up to `batch` Idempotency-Keys of payments created before `cutoff` (`payments_idempotency_created_idx`).
UPDATE payments SET idempotency_key = NULL, request_fingerprint = NULL
WHERE id IN (
    SELECT id FROM payments
    WHERE idempotency_key IS NOT NULL AND created_at < :cutoff
    ORDER BY created_at
    LIMIT :batch
);

--! forget_refund_idempotency_keys
--- Clears up to `batch` Idempotency-Keys of refunds created before `cutoff` (`refunds_idempotency_created_idx`).
UPDATE refunds SET idempotency_key = NULL, request_fingerprint = NULL
WHERE id IN (
    SELECT id FROM refunds
    WHERE idempotency_key IS NOT NULL AND created_at < :cutoff
    ORDER BY created_at
    LIMIT :batch
);

--! outbox_backlog
--- Unpublished rows and the age in seconds of the oldest (metrics; the relay's partial index `outbox_due_idx` covers it).
SELECT count(*) AS backlog,
       coalesce(extract(epoch FROM now() - min(created_at)), 0)::float8 AS oldest_age_seconds
FROM outbox WHERE published_at IS NULL;
