-- How a handler's reply reached the sender: inline (in the webhook's answer), outbox (sent later,
-- because the answer had already gone or the message was processed by the poller), or unaddressed
-- (the channel cannot reach that chat). Null when there was no reply.
alter table inbox_message add column reply_delivery varchar(16);
alter table inbox_message add constraint ck_inbox_message_reply_delivery
    check (reply_delivery in ('inline', 'outbox', 'unaddressed'));
