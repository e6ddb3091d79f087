-- accounts: an OFFICE staff account works for one office (its code, as the cases and the directory name it)
alter table staff_user add column office_code text;

-- cases: what identifies the applicant, used only to match a request made without an account
-- (name folded to lower case without accents and spaces, date of birth, postal code); never shown
create table case_identity
(
    receipt_number char(13) primary key references case_record (receipt_number) on delete cascade,
    name_key       text not null,
    birth_date     date not null,
    postal_code    text not null
);

-- servicerequests: a request for help with a case, held by the office that holds the case.
-- OPEN (claimed or not), WAITING (for the requester's information: the clock is paused), CLOSED.
create table service_request
(
    reference        text primary key check (reference ~ '^[0-9]{6,12}$'),
    type             text        not null,
    receipt_number   char(13)    not null,
    office_code      text        not null,
    channel          text        not null check (channel in ('PUBLIC', 'ACCOUNT', 'TIER1', 'TIER2')),
    status           text        not null check (status in ('OPEN', 'WAITING', 'CLOSED')),
    fields           jsonb       not null,
    requester_name   text,
    requester_email  text,
    requester_phone  text,
    requester_postal text,
    language         text        not null,
    interaction_id   text,
    filed_by         text,
    filed_at         timestamptz not null,
    due_date         date        not null,
    paused_on        date,
    claimed_by       text,
    outcome          text check (outcome in ('RESOLVED', 'ACTION_TAKEN', 'NO_ACTION_NEEDED')),
    answer           text,
    closed_at        timestamptz
);
-- the agency asks people not to file twice: one open request of a type per case
create unique index service_request_one_open on service_request (receipt_number, type) where status <> 'CLOSED';
create index service_request_work_list on service_request (office_code, status, due_date, reference);

-- what happened to a request, in order: filed, claimed, note, information asked and received,
-- referred (from, to), answered
create table service_request_history
(
    id        bigint generated always as identity primary key,
    reference text        not null references service_request (reference) on delete cascade,
    at        timestamptz not null,
    actor     text        not null,
    action    text        not null,
    detail    text
);
create index service_request_history_by_request on service_request_history (reference, id);
