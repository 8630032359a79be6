-- Issue 16: an opinion, its source and its history rows take their ids from sequences (Hibernate's
-- pooled optimizer, 50 ids per call of nextval) instead of identity columns, so that the report path's
-- inserts are sent in JDBC batches at flush instead of one round trip each at persist. Existing rows keep
-- their ids. Each sequence is moved past its table's largest id by calling nextval (max / 50 + 2 times:
-- portable, where setval is PostgreSQL's and ALTER SEQUENCE ... RESTART WITH (query) H2's), so the
-- first block Hibernate takes, (value - 49 .. value], lies above every existing id. The column default
-- becomes the same sequence: plain SQL inserts (tests, benchmarks) take one value each, which is never
-- inside a block Hibernate took (a block holds exactly one value of the sequence: the one it was given).
-- Ids stay unique across instances sharing one database; they are no longer in insertion order across
-- instances, so history and sources are read in order of time, then id (Opinion, OpinionPersonalData).
-- Portable between PostgreSQL and H2 (MODE=PostgreSQL).
alter table opinion alter column id drop identity;
create sequence opinion_id_seq start with 1 increment by 50;
select count(nextval('opinion_id_seq')) from generate_series(0, (select coalesce(max(id), 0) from opinion) / 50 + 1);
alter table opinion alter column id set default nextval('opinion_id_seq');

alter table opinion_source alter column id drop identity;
create sequence opinion_source_id_seq start with 1 increment by 50;
select count(nextval('opinion_source_id_seq'))
  from generate_series(0, (select coalesce(max(id), 0) from opinion_source) / 50 + 1);
alter table opinion_source alter column id set default nextval('opinion_source_id_seq');

alter table opinion_event alter column id drop identity;
create sequence opinion_event_id_seq start with 1 increment by 50;
select count(nextval('opinion_event_id_seq'))
  from generate_series(0, (select coalesce(max(id), 0) from opinion_event) / 50 + 1);
alter table opinion_event alter column id set default nextval('opinion_event_id_seq');
