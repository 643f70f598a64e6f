-- Transactional outbox: business transactions insert a job here in the same
-- transaction as the change; a relay publishes unpublished rows to RabbitMQ
-- (with publisher confirms) and only then sets published_at. A crash between
-- commit and publish therefore loses nothing.
CREATE TABLE outbox (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- Job type, e.g. 'send_user_creation_email'.
    job_type     text        NOT NULL,
    payload      jsonb       NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    attempts     integer     NOT NULL DEFAULT 0,
    published_at timestamptz
);

-- The relay scans only unpublished rows, oldest first; a partial index keeps
-- that scan proportional to the backlog, not to the table's history.
CREATE INDEX outbox_unpublished_idx ON outbox (id) WHERE published_at IS NULL;
