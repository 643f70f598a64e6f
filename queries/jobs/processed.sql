--! claim_job
--- Claims a job for processing in the caller's transaction; no row back means it was already done.
INSERT INTO processed_jobs (job_id, job_type) VALUES (:job_id, :job_type)
ON CONFLICT (job_id) DO NOTHING
RETURNING job_id;

--! count_processed_jobs
--- How many times a job id was recorded as done (tests: 0 or 1).
SELECT count(*) AS count FROM processed_jobs WHERE job_id = :job_id;
