-- ivr: an administrator's recording that replaces the spoken text of a prompt (8 kHz mu-law).
create table ivr_prompt_recording
(
    prompt_id   text        not null,
    language    text        not null check (language in ('en', 'es')),
    audio       bytea       not null,
    uploaded_by text        not null,
    uploaded_at timestamptz not null,
    primary key (prompt_id, language)
);

-- ivr: what the phone line saw of a call (codec, digit methods, packets, who hung up).
alter table ivr_call add column media jsonb;
