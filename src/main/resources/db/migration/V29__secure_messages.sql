-- accounts: secure messages between an account holder and the agency, inside the account: a
-- thread about one of the holder's linked cases (answered by Tier 2, who may say what the case
-- needs) or a general question. Mail only ever says that an answer is waiting.
create table secure_thread
(
    id             uuid primary key,
    account_id     uuid        not null references applicant_account (id) on delete cascade,
    receipt_number char(13),
    subject        text        not null,
    language       text        not null check (language in ('en', 'es')),
    status         text        not null check (status in ('OPEN', 'ANSWERED')),
    created_at     timestamptz not null,
    answer_by      timestamptz not null
);
create index secure_thread_by_account on secure_thread (account_id, created_at desc);

create table secure_message
(
    id        bigint generated always as identity primary key,
    thread_id uuid        not null references secure_thread (id) on delete cascade,
    direction text        not null check (direction in ('IN', 'OUT')),
    author    text        not null,
    body      text        not null,
    at        timestamptz not null
);
create index secure_message_by_thread on secure_message (thread_id, id);

-- what came with a message: a PDF, JPEG or PNG (the type read from the content), size-limited
create table secure_attachment
(
    id         uuid primary key,
    message_id bigint  not null references secure_message (id) on delete cascade,
    file_name  text    not null,
    media_type text    not null check (media_type in ('application/pdf', 'image/jpeg', 'image/png')),
    size       int     not null,
    content    bytea   not null
);
create index secure_attachment_by_message on secure_attachment (message_id);
