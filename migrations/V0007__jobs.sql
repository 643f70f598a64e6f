-- Consumer-side idempotency for background jobs.
--
-- A job's id is its outbox id, sent as the AMQP message_id. The worker inserts
-- the id here in the same transaction that decides to send the email and
-- commits only after the send succeeded, so a redelivered message (worker
-- killed before ack, relay re-publishing after a lost confirm) finds the row
-- and is acknowledged without sending a second email. A concurrent duplicate
-- delivery blocks on the uncommitted row until the first attempt commits or
-- rolls back.
CREATE TABLE processed_jobs (
    -- outbox.id; deliberately no foreign key, so old outbox rows can be pruned
    -- without touching the idempotency record (and vice versa).
    job_id       bigint      PRIMARY KEY,
    job_type     text        NOT NULL,
    processed_at timestamptz NOT NULL DEFAULT now()
);
