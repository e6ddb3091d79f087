-- cases: the online access code printed on a case's notices; with the receipt number it links the
-- case to an online account. Failed tries are counted per case and lock it for a while.
create table case_access_code
(
    receipt_number char(13) primary key references case_record (receipt_number) on delete cascade,
    code           text not null,
    failures       int  not null default 0,
    locked_until   timestamptz
);

-- accounts: applicants and representatives with an online account
create table applicant_account
(
    id                uuid primary key,
    email             text        not null unique,
    password_hash     text        not null,
    language          text        not null check (language in ('en', 'es')),
    kind              text        not null check (kind in ('APPLICANT', 'REPRESENTATIVE')),
    email_verified_at timestamptz,
    totp_secret       text,
    totp_enabled      boolean     not null default false,
    created_at        timestamptz not null
);

-- one-time links (verify an email address, reset a password): stored as a hash, used once, short-lived
create table applicant_token
(
    token_hash text primary key,
    account_id uuid        not null references applicant_account (id) on delete cascade,
    purpose    text        not null check (purpose in ('VERIFY_EMAIL', 'RESET_PASSWORD')),
    expires_at timestamptz not null,
    used_at    timestamptz
);

-- ten backup codes for the second step, each usable once, stored as hashes
create table applicant_backup_code
(
    account_id uuid not null references applicant_account (id) on delete cascade,
    code_hash  text not null,
    used_at    timestamptz,
    primary key (account_id, code_hash)
);

-- which cases an account holds: one applicant per case, any number of consenting representatives
create table applicant_case_link
(
    account_id     uuid        not null references applicant_account (id) on delete cascade,
    receipt_number char(13)    not null,
    role           text        not null check (role in ('APPLICANT', 'REPRESENTATIVE')),
    consent        text,
    linked_at      timestamptz not null,
    primary key (account_id, receipt_number)
);
create unique index applicant_case_link_one_applicant on applicant_case_link (receipt_number) where role = 'APPLICANT';

-- a wrong access code, by account: too many in a while and the account may not try again yet
create table applicant_link_failure
(
    account_id uuid        not null references applicant_account (id) on delete cascade,
    at         timestamptz not null
);
create index applicant_link_failure_by_account on applicant_link_failure (account_id, at);
