--: OutboxJob(published_at?)

--! enqueue_job
--- Records a job in the caller's transaction; the relay publishes it after commit.
INSERT INTO outbox (job_type, payload) VALUES (:job_type, :payload) RETURNING id;

--! list_jobs_by_type : OutboxJob
--- Jobs of one type, oldest first (tests and diagnostics).
SELECT id, job_type, payload, created_at, attempts, published_at
FROM outbox WHERE job_type = :job_type ORDER BY id;
