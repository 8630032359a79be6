-- A member token speaks for one member row (issue 10): its id, not only its code, so a token never
-- passes to a new member created with the code of a deleted one. No foreign key: the directory owns
-- members and revokes the tokens itself; the token check compares ids at every request.
alter table api_token add column member_id bigint;

update api_token set member_id = (select m.id from member m where m.code = api_token.member_code)
 where role = 'MEMBER';

-- tokens whose member is already gone stop working now
update api_token set revoked_at = current_timestamp
 where role = 'MEMBER' and member_id is null and revoked_at is null;

create index ix_api_token_member on api_token (member_id);
