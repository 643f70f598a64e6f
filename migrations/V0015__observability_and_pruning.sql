-- Observability and housekeeping (issue 17).
--
-- 1. The request id of the HTTP request that enqueued a job travels with it:
--    outbox row -> AMQP header `x-request-id` -> the worker's logs and spans,
--    so one order can be followed from `POST /orders` to its email. Nullable:
--    jobs enqueued outside a request (the worker's sweeps) have none.
ALTER TABLE outbox ADD COLUMN request_id text;

-- 2. Indexes for the worker's pruning (src/jobs/housekeeping.rs). Each prune
--    deletes the oldest rows past their retention in small batches
--    (`... WHERE <ts> < cutoff ORDER BY <ts> LIMIT n`), so each needs an index
--    on its timestamp; partial where only some rows are ever pruned, so the
--    index stays as small as the work.

-- Published outbox rows, oldest publish first (unpublished rows are never pruned).
CREATE INDEX outbox_published_idx ON outbox (published_at) WHERE published_at IS NOT NULL;

-- Job-idempotency records, oldest first.
CREATE INDEX processed_jobs_processed_idx ON processed_jobs (processed_at);

-- Refresh tokens, by expiry.
CREATE INDEX refresh_tokens_expires_idx ON refresh_tokens (expires_at);

-- Spent Idempotency-Keys: the key (and its fingerprint) is cleared once past
-- retention; rows without a key are never looked at again.
CREATE INDEX orders_idempotency_created_idx ON orders (created_at) WHERE idempotency_key IS NOT NULL;
CREATE INDEX payments_idempotency_created_idx ON payments (created_at) WHERE idempotency_key IS NOT NULL;
CREATE INDEX refunds_idempotency_created_idx ON refunds (created_at) WHERE idempotency_key IS NOT NULL;
