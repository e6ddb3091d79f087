-- messaging: mail that goes out in an office's name (an answer from its mailbox) carries that
-- mailbox as its sender, so the answer to it comes back to the mailbox and threads.
alter table messaging_outbox add column sender text;

-- messaging: an office's mailbox feeds the same threads as the contact form. A thread from a
-- mailbox names it and keeps the mail's subject; each mail in it keeps its Message-ID, which is
-- what a reply's In-Reply-To and References point at.
alter table contact_message add column mailbox text;
alter table contact_message add column subject text;
alter table contact_message_entry add column message_id text;
create index contact_message_by_mailbox on contact_message (mailbox, email) where mailbox is not null;
create index contact_message_entry_by_message_id on contact_message_entry (message_id) where message_id is not null;

-- every mail read from a mailbox, once: a node that read it and died before marking it read, or
-- two nodes reading the same mailbox, find it here and leave it. What became of it is kept for
-- administrators (a new thread, added to one, or an automatic mail left unanswered).
create table mailbox_mail
(
    mailbox     text        not null,
    message_key text        not null,
    reference   text,
    outcome     text        not null check (outcome in ('NEW_THREAD', 'ADDED', 'AUTOMATIC', 'OWN')),
    read_at     timestamptz not null,
    primary key (mailbox, message_key)
);
