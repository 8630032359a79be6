-- Issue 16: "is an earlier message of this sender still unfinished?" is asked for every processed
-- message (DialogueHandler keeps one sender's messages in order) and by the poller's claim. Without
-- this index it scanned every unfinished message (ix_inbox_message_due) and read each row to compare
-- channel and sender: with a backlog of thousands, thousands of row reads per message. Portable
-- between PostgreSQL and H2 (no partial index).
create index ix_inbox_message_sender on inbox_message (channel_key, sender_id, id);
