-- Issue 16: routing read each candidate member's open load by counting their open opinions
-- (select assignee_code, count(*) from opinion ... group by assignee_code) on every routed report: a
-- count that grows with every open opinion of the candidates, 75 % of the database's time per group
-- report under load. The load is now kept in the member's lock row, changed with every change of an
-- opinion's open assignee under that row's lock (MemberLoads), and read with the row routing reads or
-- locks anyway. Here: the rows of every member with open opinions, and their loads counted once.
-- Portable between PostgreSQL and H2.
alter table opinion_member_lock add column open_load integer default 0 not null;

insert into opinion_member_lock (member_code)
select distinct o.assignee_code from opinion o
where o.assignee_code is not null and o.status in ('assigned', 'acknowledged', 'in_progress')
  and not exists (select 1 from opinion_member_lock l where l.member_code = o.assignee_code);

update opinion_member_lock set open_load = (
    select count(*) from opinion o
    where o.assignee_code = opinion_member_lock.member_code and o.status in ('assigned', 'acknowledged', 'in_progress'));

alter table opinion_member_lock add constraint ck_opinion_member_lock_open_load check (open_load >= 0);
