-- Backoff for outbox rows the broker did not confirm.
--
-- The relay used to take the oldest unpublished rows every pass, so a row
-- the broker refuses every time (unroutable, nacked) sat at the head of each
-- batch and delayed everything behind it. A failed publish now pushes the
-- row's next_attempt_at into the future (see record_publish_failures), and
-- the relay takes only rows that are due, earliest first.
--
-- NOT NULL with a default: new rows are due at once. now() is stable, so
-- this adds the column without rewriting the table; existing rows get the
-- migration's time, i.e. due at once, in their old order.
ALTER TABLE outbox ADD COLUMN next_attempt_at timestamptz NOT NULL DEFAULT now();

-- The relay's scan: unpublished rows by due time (then id, for a stable
-- order), still proportional to the backlog, not to the table's history.
CREATE INDEX outbox_due_idx ON outbox (next_attempt_at, id) WHERE published_at IS NULL;
DROP INDEX outbox_unpublished_idx;
