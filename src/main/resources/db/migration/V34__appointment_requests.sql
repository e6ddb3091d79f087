-- messaging: a mail may carry an iCalendar file (an appointment's date, for the recipient's calendar)
alter table messaging_outbox add column calendar text;

-- appointments: who is told of an appointment (by mail, and by a call the day before where asked),
-- in which language; the reminder sent once; the check-in at the office (or the no-show); and the
-- case system's event that booked it, so that the same event sent twice books once.
alter table appointment
    add column notify_email   text,
    add column notify_phone   text,
    add column language       text not null default 'en',
    add column reminded_at    timestamptz,
    add column checked_in_at  timestamptz,
    add column checked_in_by  text,
    add column source_event   text unique,
    add column reference      text unique;

-- a request for an appointment, from an account holder or taken by Tier 1 on a call: worked by a
-- Tier 2 officer, who books a slot or declines it with a reason
create table appointment_request
(
    id              uuid primary key,
    reference       text        not null unique,
    receipt_number  char(13)    not null,
    type            text        not null,
    office          text,
    reason          text        not null,
    evidence        text,
    accommodations  text[]      not null default '{}',
    language        text        not null,
    requester_name  text,
    requester_email text,
    requester_phone text,
    account_id      uuid,
    channel         text        not null check (channel in ('ACCOUNT', 'TIER1', 'TIER2')),
    requested_by    text        not null,
    requested_at    timestamptz not null,
    status          text        not null check (status in ('REQUESTED', 'BOOKED', 'DECLINED')),
    decided_by      text,
    decided_at      timestamptz,
    decline_reason  text,
    appointment_id  uuid references appointment (id)
);
create index appointment_request_by_receipt on appointment_request (receipt_number);
create index appointment_request_by_account on appointment_request (account_id) where account_id is not null;
create index appointment_reminders_due on appointment (slot_id) where status = 'BOOKED' and reminded_at is null;
