-- live chat: each agent takes one call, or up to chat_capacity chats at once (routing_offer_chats);
-- a chat with the assistant, its visitor's token (hashed), its state, the interaction it is in when
-- a person has it, and every message of it in order.
alter table routing_agent add column chat_capacity int not null default 3 check (chat_capacity >= 0);

create table assistant_chat
(
    id           uuid primary key,
    token_hash   text        not null,
    language     text        not null,
    state        text        not null,
    started_at   timestamptz not null,
    last_at      timestamptz not null,
    interaction  uuid,
    agent        text,
    ended_at     timestamptz
);
create index assistant_chat_open on assistant_chat (state) where state <> 'ENDED';
create index assistant_chat_by_interaction on assistant_chat (interaction);

create table assistant_chat_message
(
    chat   uuid        not null references assistant_chat (id),
    seq    int         not null,
    at     timestamptz not null,
    sender text        not null check (sender in ('visitor', 'assistant', 'agent', 'system')),
    body   text        not null,
    extra  jsonb,
    primary key (chat, seq)
);
