-- Issue 17 (faults): a reply recorded for the webhook's answer is 'inline-pending' until the webhook
-- confirms it answered with it ('inline'). The row below marks it meanwhile; whoever deletes the row
-- owns the reply: the webhook (it answers with it), or processing / the inbox poller after due_at (a
-- webhook that gave up, or an instance that died between the commit and the answer), which queue it
-- in the outbox. A small table of its own, so the hot inbox_message table needs no further index.
alter table inbox_message drop constraint ck_inbox_message_reply_delivery;
alter table inbox_message add constraint ck_inbox_message_reply_delivery
    check (reply_delivery in ('inline-pending', 'inline', 'outbox', 'unaddressed'));

create table inbox_reply_pending (
    inbox_message_id bigint primary key,
    due_at timestamp with time zone not null,
    constraint fk_inbox_reply_pending__message foreign key (inbox_message_id)
        references inbox_message (id) on delete cascade
);
create index ix_inbox_reply_pending_due on inbox_reply_pending (due_at);
