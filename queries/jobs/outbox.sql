--: OutboxJob(published_at?, request_id?, traceparent?, tracestate?)

--! enqueue_job (request_id?, traceparent?, tracestate?)
--- Records a job in the caller's transaction; the relay publishes it after commit.
---
--- `request_id` is the id of the HTTP request that caused it (none for sweeps);
--- `traceparent` and `tracestate` are the W3C trace context of the span that
--- enqueued it (none when traces are not exported).
INSERT INTO outbox (job_type, payload, request_id, traceparent, tracestate)
VALUES (:job_type, :payload, :request_id, :traceparent, :tracestate) RETURNING id;

--! list_jobs_by_type : OutboxJob
--- Jobs of one type, oldest first (tests and diagnostics).
SELECT id, job_type, payload, created_at, attempts, published_at, next_attempt_at, request_id, traceparent, tracestate
FROM outbox WHERE job_type = :job_type ORDER BY id;

--! find_job : OutboxJob
--- One outbox row by id (tests and diagnostics).
SELECT id, job_type, payload, created_at, attempts, published_at, next_attempt_at, request_id, traceparent, tracestate
FROM outbox WHERE id = :id;

--! lock_unpublished_jobs : OutboxJob
--- Locks the unpublished jobs that are due, earliest first, for the relay; SKIP LOCKED lets several relays share the backlog.
---
--- A row whose publish failed is due only after its backoff, so it cannot
--- hold back the rows behind it (`outbox_due_idx` serves the scan).
SELECT id, job_type, payload, created_at, attempts, published_at, next_attempt_at, request_id, traceparent, tracestate
FROM outbox
WHERE published_at IS NULL AND next_attempt_at <= now()
ORDER BY next_attempt_at, id
LIMIT :limit
FOR UPDATE SKIP LOCKED;

--! mark_jobs_published
--- Marks jobs the broker confirmed; only then are they out of the relay's backlog.
UPDATE outbox SET published_at = now(), attempts = attempts + 1 WHERE id = ANY(:ids);

--! record_publish_failures
--- Counts a publish attempt the broker did not confirm; the row stays in the backlog, due again after a backoff.
---
--- The backoff doubles from one second (after the first failure) to a cap of
--- five minutes; `attempts` on the right is the count before this failure.
UPDATE outbox
SET attempts = attempts + 1,
    next_attempt_at = now() + least(interval '1 second' * power(2, least(attempts, 9)), interval '5 minutes')
WHERE id = ANY(:ids);
