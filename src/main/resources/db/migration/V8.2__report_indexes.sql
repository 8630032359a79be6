-- Reports (issue 15): the period filters of the reports range over these columns (chosen from
-- EXPLAIN ANALYZE on the bench data set, BENCHMARKS.md "Reports"). Portable between PostgreSQL and
-- H2 (MODE=PostgreSQL). The opinion report itself ranges over ix_opinion_created (V4.0).

-- The weekly trend counts opinions by when they were resolved.
create index ix_opinion_resolved on opinion (resolved_at);

-- The delivery report: outbox messages created in the period, with every column it reads, so the
-- scan never visits the wide message rows (bodies up to 200,000 characters).
create index ix_outbox_message_created on outbox_message (created_at, channel_key, status, failures, not_before,
    sent_at);

-- Check-ins per session (the primary key starts with the registration).
create index ix_event_attendance_session on event_attendance (session_id);
