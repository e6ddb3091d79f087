-- accounts: each time a holder opened one of their cases' details, so that they can see who looked
-- at their case (their own sessions, beside the staff reads in case_read_audit)
create table applicant_case_view
(
    id             bigint generated always as identity primary key,
    account_id     uuid        not null references applicant_account (id) on delete cascade,
    receipt_number char(13)    not null,
    at             timestamptz not null,
    address        text        not null
);
create index applicant_case_view_by_case on applicant_case_view (receipt_number, at);
