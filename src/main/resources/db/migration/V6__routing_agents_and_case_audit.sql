-- accounts: the SIP digest secret of each member of staff, HA1 = MD5(user:realm:password), set
-- with the password, so that a softphone can sign in (RFC 8760 keeps MD5 for compatibility).
alter table staff_user add column sip_ha1 text;

-- routing: the agents, their state and skills ---------------------------------------------------
create table routing_agent
(
    username       text primary key references staff_user (username) on delete cascade,
    tier           smallint    not null check (tier in (1, 2)),
    skills         text[]      not null,
    state          text        not null check (state in ('OFFLINE', 'AVAILABLE', 'OFFERED', 'BUSY', 'WRAP_UP', 'BREAK')),
    reason         text,
    state_since    timestamptz not null,
    -- the agent idle longest goes first: the moment the agent last became free
    idle_since     timestamptz not null,
    missed_offers  int         not null default 0,
    interaction    uuid,
    wrap_up_until  timestamptz
);
create index routing_agent_available on routing_agent (idle_since) where state = 'AVAILABLE';

-- routing: every contact that needs a person ---------------------------------------------------
create table routing_interaction
(
    id               uuid primary key,
    channel          text        not null,
    queue            text        not null,
    language         text        not null,
    skills           text[]      not null,
    priority         int         not null default 0,
    attributes       jsonb       not null,
    call_id          text,
    -- the application node that holds the contact (its call's media), told by NOTIFY when it is answered
    node             text,
    state            text        not null check (state in ('WAITING', 'OFFERED', 'CONNECTED', 'WRAP_UP', 'ENDED', 'ABANDONED', 'OVERFLOWED')),
    entered_at       timestamptz not null,
    -- the place in the queue: earlier is served first (entry time, moved up by priority or escalation)
    rank_at          timestamptz not null,
    tier1            boolean     not null,
    tier2_from       timestamptz,
    agent            text,
    -- a transfer to one named agent: nobody else is offered it
    target_agent     text,
    offered_at       timestamptz,
    offer_expires_at timestamptz,
    answered_at      timestamptz,
    ended_at         timestamptz,
    disposition      text,
    notes            text,
    escalated_from   uuid
);
create index routing_interaction_waiting on routing_interaction (rank_at) where state = 'WAITING';
create index routing_interaction_offered on routing_interaction (offer_expires_at) where state = 'OFFERED';
create index routing_interaction_call on routing_interaction (call_id);
create index routing_interaction_today on routing_interaction (queue, entered_at);

-- routing: why each interaction went where it went ----------------------------------------------
create table routing_decision
(
    id          bigint generated always as identity primary key,
    at          timestamptz not null,
    interaction uuid        not null,
    agent       text,
    kind        text        not null,
    reason      text        not null,
    node        text
);
create index routing_decision_by_interaction on routing_decision (interaction, id);

-- telephony: where each agent's softphone is signed in ------------------------------------------
create table sip_registration
(
    username   text primary key references staff_user (username) on delete cascade,
    contact    text        not null,
    expires_at timestamptz not null
);

-- cases: every staff read of a case's details ---------------------------------------------------
create table case_read_audit
(
    id             bigint generated always as identity primary key,
    at             timestamptz not null,
    username       text        not null,
    receipt_number char(13)    not null,
    purpose        text        not null,
    detail         text        not null
);
create index case_read_audit_by_receipt on case_read_audit (receipt_number, at);
create index case_read_audit_by_user on case_read_audit (username, at);
