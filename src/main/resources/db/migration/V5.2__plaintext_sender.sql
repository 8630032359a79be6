-- Official Account plaintext mode signs the URL (token, timestamp, nonce), not the body. A signed
-- (timestamp, nonce) may carry one message only: the first message's dedupe key is kept with it, so
-- WeChat's retries of that message pass (and are deduplicated) while another body under the same
-- signature is refused as a replay. Rows older than the clock-skew window are purged.
create table webhook_nonce (
    channel_key varchar(64) not null,
    nonce_key   varchar(200) not null,
    dedupe_key  varchar(300) not null,
    seen_at     timestamp with time zone not null,
    constraint pk_webhook_nonce primary key (channel_key, nonce_key)
);
create index ix_webhook_nonce_seen_at on webhook_nonce (seen_at);

-- Whether the platform authenticated the message body, and so its sender (false: OA plaintext mode).
-- Identity-bearing actions (member commands, ratings) are refused for unverified senders.
alter table inbox_message add column sender_verified boolean not null default true;
