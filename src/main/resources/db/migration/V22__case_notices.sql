-- cases: the notices the agency mailed about a case, as its case system reports them (type from
-- catalogue/notices.yaml, the day it was sent). Appending is idempotent per event id.
create table case_notice
(
    event_id       text primary key,
    receipt_number char(13)    not null references case_record (receipt_number) on delete cascade,
    notice_type    text        not null,
    sent_on        date        not null,
    recorded_at    timestamptz not null
);
create index case_notice_by_case on case_notice (receipt_number, sent_on);
