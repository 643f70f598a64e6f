--: OutboxJob(published_at?)

--! enqueue_job
--- Records a job in the caller's transaction; the relay publishes it after commit.
INSERT INTO outbox (job_type, payload) VALUES (:job_type, :payload) RETURNING id;

--! list_jobs_by_type : OutboxJob
--- Jobs of one type, oldest first (tests and diagnostics).
SELECT id, job_type, payload, created_at, attempts, published_at
FROM outbox WHERE job_type = :job_type ORDER BY id;

--! find_job : OutboxJob
--- One outbox row by id (tests and diagnostics).
SELECT id, job_type, payload, created_at, attempts, published_at
FROM outbox WHERE id = :id;

--! lock_unpublished_jobs : OutboxJob
--- Locks the oldest unpublished jobs for the relay; SKIP LOCKED lets several relays share the backlog.
SELECT id, job_type, payload, created_at, attempts, published_at
FROM outbox
WHERE published_at IS NULL
ORDER BY id
LIMIT :limit
FOR UPDATE SKIP LOCKED;

--! mark_jobs_published
--- Marks jobs the broker confirmed; only then are they out of the relay's backlog.
UPDATE outbox SET published_at = now(), attempts = attempts + 1 WHERE id = ANY(:ids);

--! record_publish_failures
--- Counts a publish attempt the broker did not confirm; the row stays in the backlog.
UPDATE outbox SET attempts = attempts + 1 WHERE id = ANY(:ids);
