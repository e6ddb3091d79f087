-- messaging: saved answers an agent starts from, per topic and language, kept by administrators.
-- Seeded once from messaging/canned-replies.yaml; from then on the table is what counts.
create table canned_reply
(
    id         uuid primary key,
    topic      text        not null,
    language   text        not null check (language in ('en', 'es')),
    title      text        not null,
    body       text        not null,
    updated_by text        not null,
    updated_at timestamptz not null,
    unique (topic, language, title)
);
