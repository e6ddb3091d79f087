-- messaging: every mail CaseLine sends, written in the transaction of the change that causes it
-- and sent by a worker. PENDING mail is due at next_attempt_at (a worker that takes one moves that
-- ahead as its lease, so a node that dies mid-send leaves it to be sent again); SENT is done;
-- FAILED gave up (a permanent refusal or too many attempts) and waits for an administrator.
create table messaging_outbox
(
    id              bigint generated always as identity primary key,
    recipient       text        not null,
    subject         text        not null,
    body            text        not null,
    language        text        not null,
    purpose         text        not null,
    status          text        not null check (status in ('PENDING', 'SENT', 'FAILED')),
    attempts        int         not null,
    queued_at       timestamptz not null,
    next_attempt_at timestamptz not null,
    sent_at         timestamptz,
    last_error      text
);
create index messaging_outbox_due on messaging_outbox (next_attempt_at) where status = 'PENDING';
create index messaging_outbox_failed on messaging_outbox (id) where status = 'FAILED';
