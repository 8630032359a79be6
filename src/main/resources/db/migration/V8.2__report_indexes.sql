-- Reports (issue 15): the period filters of the reports range over these timestamps.
-- Portable between PostgreSQL and H2 (MODE=PostgreSQL).

-- The weekly trend counts opinions by when they were resolved.
create index ix_opinion_resolved on opinion (resolved_at);

-- The delivery report: outbox messages created in the period.
create index ix_outbox_message_created on outbox_message (created_at);
