-- Event core: a meeting's closing (minutes, who attended) and the opinions filed from it.

alter table event add column closed_at timestamp with time zone;

-- Set when a meeting is closed for the members who attended (invited or not).
alter table event_invitee add column attended boolean not null default false;

-- Opinions an organizer filed from a closed meeting (source meeting:<code>), by number.
create table event_opinion (
    event_id       bigint      not null,
    opinion_number varchar(16) not null,
    constraint pk_event_opinion primary key (event_id, opinion_number),
    constraint fk_event_opinion__event foreign key (event_id) references event (id) on delete cascade
);

-- The follow-up pass looks for confirmations and invitees not yet answered.
create index ix_event_confirmation_open on event_confirmation (confirmed_at, escalated_at);
create index ix_event_invitee_open on event_invitee (rsvp, nudged_at);
