-- Issue 13: a notice can carry a photo (the first one attached to the concern, sent to the member with
-- the assignment notice). The row names the media item by id, never a copy of its bytes: whichever
-- instance claims the message reads them from media_item when it sends the photo. No foreign key (the
-- outbox room does not own media); media retention keeps an item an unsent message names, and a
-- sender that finds it gone sends the text alone and says so in the attempt history. Portable between
-- PostgreSQL and H2 (MODE=PostgreSQL).
alter table outbox_message add column image_media_id bigint;

create index ix_outbox_message_image on outbox_message (image_media_id);
