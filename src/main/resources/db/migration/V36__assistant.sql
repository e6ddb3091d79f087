-- assistant: the knowledge base in versions (who put each live, when, why), and every turn of every
-- conversation: what was asked (receipt numbers masked), in which language, what the assistant made
-- of it and how sure it was, and whether the visitor found it helpful.
create table assistant_knowledge_version
(
    version    int generated always as identity primary key,
    files      jsonb       not null,
    changed_by text        not null,
    changed_at timestamptz not null,
    note       text
);

create table assistant_turn
(
    id         uuid primary key,
    at         timestamptz not null,
    chat       uuid,
    language   text        not null,
    question   text        not null,
    intent     text        not null,
    article    text,
    confidence real        not null,
    helpful    boolean
);
create index assistant_turn_unanswered on assistant_turn (at) where intent = 'fallback';
create index assistant_turn_by_chat on assistant_turn (chat, at) where chat is not null;
