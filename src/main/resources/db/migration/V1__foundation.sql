-- Spring Modulith's event publication registry (schema v2 of spring-modulith-events-jdbc):
-- domain events are stored with the transaction that publishes them, so a crash loses none.
create table event_publication
(
    id                     uuid                     not null primary key,
    listener_id            text                     not null,
    event_type             text                     not null,
    serialized_event       text                     not null,
    publication_date       timestamp with time zone not null,
    completion_date        timestamp with time zone,
    status                 text,
    completion_attempts    int,
    last_resubmission_date timestamp with time zone
);
create index event_publication_serialized_event_hash_idx on event_publication using hash (serialized_event);
create index event_publication_by_completion_date_idx on event_publication (completion_date);

-- accounts: staff identities ------------------------------------------------------------------
create table staff_user
(
    username      text primary key check (username ~ '^[a-z0-9._-]{2,64}$'),
    password_hash text        not null,
    display_name  text        not null,
    enabled       boolean     not null default true,
    created_at    timestamptz not null default now()
);

create table staff_role
(
    username text not null references staff_user (username) on delete cascade,
    role     text not null check (role in ('ADMIN', 'SUPERVISOR', 'TIER1', 'TIER2', 'OFFICE')),
    primary key (username, role)
);

-- accounts: machine clients of the public APIs (OAuth 2.0 client credentials) ----------------
create table api_client
(
    client_id   text primary key check (client_id ~ '^[A-Za-z0-9._-]{2,100}$'),
    secret_hash text        not null,
    name        text        not null,
    scopes      text[]      not null,
    enabled     boolean     not null default true,
    created_at  timestamptz not null default now()
);

-- One HMAC key signs every access token; kept in the database so that tokens survive a restart
-- and every node of a cluster accepts the others' tokens.
create table token_signing_key
(
    id         int primary key check (id = 1),
    secret     bytea       not null,
    created_at timestamptz not null default now()
);

-- cases ---------------------------------------------------------------------------------------
create table case_record
(
    receipt_number      char(13) primary key,
    form_number         text        not null,
    received_date       date        not null,
    status_code         text        not null,
    status_at           timestamptz not null,
    office_code         text        not null,
    applicant_reference text,
    sent_to_dos         boolean     not null default false,
    created_at          timestamptz not null default now(),
    updated_at          timestamptz not null default now()
);

create table case_status_event
(
    id             bigint generated always as identity primary key,
    receipt_number char(13)    not null references case_record (receipt_number) on delete cascade,
    status_code    text        not null,
    occurred_at    timestamptz not null,
    -- the case system's own id for the event: a replayed event is recognised and ignored
    event_id       text unique,
    recorded_at    timestamptz not null default now()
);
create index case_status_event_by_case on case_status_event (receipt_number, occurred_at);

create table processing_time
(
    form_number  text          not null,
    office_code  text          not null,
    months_80pct numeric(5, 1) not null check (months_80pct > 0),
    published_on date          not null,
    primary key (form_number, office_code)
);

create table import_job
(
    id          uuid primary key,
    file_name   text        not null,
    format      text        not null check (format in ('CSV', 'JSONL')),
    state       text        not null check (state in ('RUNNING', 'DONE', 'FAILED')),
    rows_read   int         not null default 0,
    rows_ok     int         not null default 0,
    rows_failed int         not null default 0,
    started_by  text        not null,
    started_at  timestamptz not null,
    finished_at timestamptz,
    failure     text
);

create table import_row_error
(
    job_id      uuid not null references import_job (id) on delete cascade,
    line_number int  not null,
    reason      text not null,
    primary key (job_id, line_number)
);
