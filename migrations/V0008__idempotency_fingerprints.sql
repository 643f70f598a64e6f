-- What an idempotent request asked for, so a reused Idempotency-Key with a
-- different body is refused (422) instead of silently answering with the
-- result of the first request. SHA-256 hex of the normalised request.
ALTER TABLE orders ADD COLUMN request_fingerprint text;
ALTER TABLE payments ADD COLUMN request_fingerprint text;
