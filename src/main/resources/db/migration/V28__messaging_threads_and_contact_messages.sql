-- messaging: mail that belongs to a thread carries its own Message-ID and the one it answers
-- (In-Reply-To, References); Auto-Submitted says whether a person wrote it (RFC 3834: 'no'),
-- and automatic mail is never answered automatically, so two systems cannot loop.
alter table messaging_outbox add column message_id text;
alter table messaging_outbox add column in_reply_to text;
alter table messaging_outbox add column auto_submitted text not null default 'auto-generated'
    check (auto_submitted in ('no', 'auto-generated', 'auto-replied'));

-- messaging: messages from the public (no account), answered by mail by the promised time. The
-- thread's root is the Message-ID of our acknowledgement; replies point at it.
create table contact_message
(
    reference    text primary key,
    name         text        not null,
    email        text        not null,
    language     text        not null check (language in ('en', 'es')),
    topic        text        not null,
    from_address text        not null,
    received_at  timestamptz not null,
    answer_by    timestamptz not null,
    status       text        not null check (status in ('OPEN', 'ANSWERED')),
    thread_id    text        not null
);
create index contact_message_by_email on contact_message (email, received_at);
create index contact_message_by_address on contact_message (from_address, received_at);

-- what was said in a contact message's thread, in order: the sender's message, our answers
create table contact_message_entry
(
    id        bigint generated always as identity primary key,
    reference text        not null references contact_message (reference) on delete cascade,
    direction text        not null check (direction in ('IN', 'OUT')),
    author    text        not null,
    body      text        not null,
    at        timestamptz not null
);
create index contact_message_entry_by_thread on contact_message_entry (reference, id);
