-- Reminders: the planner cancels and lists an event's rows by status (the claim uses ix_event_reminder_due).
create index ix_event_reminder_event_status on event_reminder (event_id, status, due_at);
