-- W3C trace context of the span that enqueued a job (issue 17, traces across RabbitMQ).
--
-- The relay copies these into the AMQP message headers `traceparent` and
-- `tracestate`, and the worker makes the job's span a child of that span, so
-- an order's request and its email's job are one trace. Nullable: jobs
-- enqueued outside a traced span (sweeps, or with trace export off) have none.
-- Bounded: a version-00 `traceparent` is 55 characters (later versions may
-- append fields), and the W3C spec lets vendors cut `tracestate` at 512; the
-- api drops a longer value instead of writing it (src/telemetry/propagation.rs).
ALTER TABLE outbox
    ADD COLUMN traceparent text CHECK (length(traceparent) <= 128),
    ADD COLUMN tracestate text CHECK (length(tracestate) <= 512);
