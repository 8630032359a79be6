-- Report intake: an inbound message becomes at most one opinion, whatever retries or instances do.
-- Posts without an inbox message (null) are not constrained.
alter table opinion_source add constraint uq_opinion_source__inbox_message unique (inbox_message_id);
