-- Issue 16: an audit entry takes its id from a sequence (Hibernate's pooled optimizer, 50 ids per call
-- of nextval) instead of an identity column, as the opinion's rows did in V8.17: an identity insert is
-- executed at persist, and flushed every insert pending before it (the opinion, its source and history
-- rows) one statement after another; with a sequence id the entry joins the flush's JDBC batches.
-- Existing rows keep their ids; the sequence is moved past the largest (same portable nextval loop as
-- V8.17). Ids are no longer in insertion order across instances: the trail is read newest first by
-- time, then id (AuditQueries). Portable between PostgreSQL and H2 (MODE=PostgreSQL).
alter table audit_entry alter column id drop identity;
create sequence audit_entry_id_seq start with 1 increment by 50;
select count(nextval('audit_entry_id_seq'))
  from generate_series(0, (select coalesce(max(id), 0) from audit_entry) / 50 + 1);
alter table audit_entry alter column id set default nextval('audit_entry_id_seq');
