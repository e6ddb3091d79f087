-- ivr: one row per call on any channel, and every step of it (nodes, prompts, keys, outcome).
create table ivr_call
(
    id             text primary key check (length(id) between 1 and 250),
    line_number    text        not null,
    line_name      text        not null,
    caller_number  text,
    channel        text        not null,
    language       text        not null,
    started_at     timestamptz not null,
    ended_at       timestamptz,
    outcome        text        not null check (outcome in ('IN_PROGRESS', 'SELF_SERVICE', 'TRANSFERRED', 'ABANDONED', 'ERROR')),
    outcome_detail text
);
create index ivr_call_by_start on ivr_call (started_at desc);
create index ivr_call_by_line_outcome on ivr_call (line_number, outcome, started_at desc);

create table ivr_call_step
(
    call_id text        not null references ivr_call (id) on delete cascade,
    seq     int         not null,
    at      timestamptz not null,
    kind    text        not null,
    flow    text,
    node    text,
    detail  text,
    primary key (call_id, seq)
);
