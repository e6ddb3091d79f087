-- directory: who registered for an outreach event, in order; beyond the event's capacity a
-- registration waits (WAITLISTED) and moves up when someone cancels. The token is the
-- registrant's own link to cancel; the reference is what they quote.
create table directory_event_registration
(
    id            bigint generated always as identity primary key,
    event_id      text        not null,
    reference     text        not null unique,
    token         text        not null unique,
    name          text        not null,
    email         text        not null,
    language      text        not null,
    status        text        not null check (status in ('REGISTERED', 'WAITLISTED', 'CANCELLED')),
    registered_at timestamptz not null,
    changed_at    timestamptz not null
);
create index directory_event_registration_event on directory_event_registration (event_id, status, id);
