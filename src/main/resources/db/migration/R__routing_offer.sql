-- routing: the one place an offer is made (Matcher). A repeatable migration: edit it in place, and
-- Flyway re-applies it when its text changes. Rows another router holds are skipped (FOR UPDATE
-- SKIP LOCKED), so any number of callers on any number of nodes never offer a contact twice.

-- writes one offer: the contact and the agent move to OFFERED, the decision is logged with its
-- reason, and every node hears of it
create or replace function routing_offer_write(contact uuid, agent_name text, at timestamptz, expires timestamptz,
                                               from_node text, channel text, reason text)
    returns void
    language plpgsql as
$$
declare
    i record;
begin
    update routing_interaction
    set state = 'OFFERED', agent = agent_name, offered_at = at, offer_expires_at = expires
    where id = contact
    returning node, call_id into i;
    update routing_agent set state = 'OFFERED', state_since = at, interaction = contact where username = agent_name;
    insert into routing_decision (at, interaction, agent, kind, reason, node)
    values (at, contact, agent_name, 'OFFERED', reason, from_node);
    perform pg_notify(channel, json_build_object('kind', 'OFFERED', 'interaction', contact, 'agent', agent_name,
                                                 'node', i.node, 'callId', i.call_id)::text);
end
$$;

-- offers work (calls and callbacks: an agent in a chat takes no call, since capacity is one call
-- or up to chat_capacity chats). With a contact: that contact (if still waiting) to the eligible available agent
-- idle longest, Tier 1 before Tier 2. Without: each of the agents, in turn, if available, takes
-- the contact first in line among the queues they serve.
create or replace function routing_offer(agents text[], contact uuid, at timestamptz, expires timestamptz,
                                         from_node text, channel text)
    returns table (offered_agent text, offered_interaction uuid)
    language plpgsql as
$$
#variable_conflict use_column
declare
    who text;
    a   record;
    i   record;
begin
    if contact is not null then
        select r.id, r.queue, r.skills, r.tier1, r.tier2_from, r.target_agent into i
        from routing_interaction r
        where r.id = contact and r.state = 'WAITING' and r.channel not in ('MESSAGE', 'CHAT')
          and (r.not_before is null or r.not_before <= at)
            for update skip locked;
        if not found then
            return;
        end if;
        select g.username, g.tier, g.idle_since into a
        from routing_agent g
        where g.state = 'AVAILABLE' and g.skills @> i.skills
          and (i.target_agent is null or g.username = i.target_agent)
          and not exists (select 1 from routing_interaction h where h.agent = g.username and h.channel = 'CHAT' and h.state = 'CONNECTED')
          and ((g.tier = 1 and i.tier1) or (g.tier = 2 and i.tier2_from <= at))
        order by g.tier, g.idle_since
        limit 1 for update skip locked;
        if not found then
            return;
        end if;
        perform routing_offer_write(i.id, a.username, at, expires, from_node, channel,
                format('new in %s; %s (tier %s) is the eligible agent idle longest (%s s)', i.queue, a.username, a.tier,
                       greatest(0, floor(extract(epoch from at - a.idle_since)))::bigint));
        offered_agent := a.username;
        offered_interaction := i.id;
        return next;
        return;
    end if;
    foreach who in array agents
        loop
            select g.username, g.tier, g.skills into a
            from routing_agent g
            where g.username = who and g.state = 'AVAILABLE'
              and not exists (select 1 from routing_interaction h where h.agent = g.username and h.channel = 'CHAT' and h.state = 'CONNECTED')
                for update skip locked;
            continue when not found;
            select r.id, r.queue, r.entered_at, r.priority into i
            from routing_interaction r
            where r.state = 'WAITING' and r.channel not in ('MESSAGE', 'CHAT') and r.skills <@ a.skills
              and (r.target_agent is null or r.target_agent = a.username)
              and (case when a.tier = 1 then r.tier1 else r.tier2_from <= at end)
              and (r.not_before is null or r.not_before <= at)
            order by r.rank_at
            limit 1 for update skip locked;
            continue when not found;
            perform routing_offer_write(i.id, a.username, at, expires, from_node, channel,
                    format('%s (tier %s) became free; first in line among the queues they serve: %s, waiting %s s, priority %s',
                           a.username, a.tier, i.queue, greatest(0, floor(extract(epoch from at - i.entered_at)))::bigint,
                           i.priority));
            offered_agent := a.username;
            offered_interaction := i.id;
            return next;
        end loop;
end
$$;

-- the batch-only function of V7, replaced by routing_offer
drop function if exists routing_offer_to(text[], timestamptz, timestamptz, text, text);

-- writes one offer of a written contact: the contact moves to OFFERED, without an expiry (a message
-- does not ring out) and without touching the agent's state (their one call may still come); the
-- decision is logged, and every node hears of it
create or replace function routing_offer_message_write(contact uuid, agent_name text, at timestamptz, from_node text, channel text,
                                                       reason text)
    returns void
    language plpgsql as
$$
begin
    update routing_interaction set state = 'OFFERED', agent = agent_name, offered_at = at, offer_expires_at = null where id = contact;
    insert into routing_decision (at, interaction, agent, kind, reason, node) values (at, contact, agent_name, 'OFFERED', reason, from_node);
    perform pg_notify(channel, json_build_object('kind', 'OFFERED', 'interaction', contact, 'agent', agent_name)::text);
end
$$;

-- offers written contacts (channel MESSAGE), which do not take the agent's one call: with a
-- contact, to the eligible signed-in agent (not on break) holding the fewest messages, idle longest;
-- without, each of the agents, in turn, is filled up to their capacity with the messages due first
-- among the queues they serve. An agent's state does not change: calls still reach them.
create or replace function routing_offer_messages(agents text[], contact uuid, at timestamptz, from_node text, channel text)
    returns table (offered_agent text, offered_interaction uuid)
    language plpgsql as
$$
#variable_conflict use_column
declare
    who  text;
    a    record;
    i    record;
    room int;
begin
    if contact is not null then
        select r.id, r.queue, r.skills, r.tier1, r.tier2_from, r.answer_by into i
        from routing_interaction r
        where r.id = contact and r.state = 'WAITING' and r.channel = 'MESSAGE'
            for update skip locked;
        if not found then
            return;
        end if;
        select g.username, g.tier, held.n into a
        from routing_agent g
        cross join lateral (select count(*) as n from routing_interaction h
                            where h.agent = g.username and h.channel = 'MESSAGE' and h.state in ('OFFERED', 'CONNECTED')) held
        where g.state not in ('OFFLINE', 'BREAK') and g.skills @> i.skills and held.n < g.message_capacity
          and ((g.tier = 1 and i.tier1) or (g.tier = 2 and i.tier2_from <= at))
        order by g.tier, held.n, g.idle_since
        limit 1 for update of g skip locked;
        if not found then
            return;
        end if;
        perform routing_offer_message_write(i.id, a.username, at, from_node, channel,
                format('new message in %s, due %s; %s (tier %s) holds %s, the fewest', i.queue,
                       to_char(i.answer_by at time zone 'UTC', 'YYYY-MM-DD HH24:MI "UTC"'), a.username, a.tier, a.n));
        offered_agent := a.username;
        offered_interaction := i.id;
        return next;
        return;
    end if;
    foreach who in array agents
        loop
            select g.username, g.tier, g.skills, g.message_capacity into a
            from routing_agent g
            where g.username = who and g.state not in ('OFFLINE', 'BREAK')
                for update skip locked;
            continue when not found;
            select a.message_capacity - count(*) into room from routing_interaction h
            where h.agent = a.username and h.channel = 'MESSAGE' and h.state in ('OFFERED', 'CONNECTED');
            for i in
                select r.id, r.queue, r.answer_by
                from routing_interaction r
                where r.state = 'WAITING' and r.channel = 'MESSAGE' and r.skills <@ a.skills
                  and (case when a.tier = 1 then r.tier1 else r.tier2_from <= at end)
                order by r.rank_at
                limit greatest(room, 0) for update skip locked
                loop
                    perform routing_offer_message_write(i.id, a.username, at, from_node, channel,
                            format('%s (tier %s) has room for messages; due first among the queues they serve: %s, due %s',
                                   a.username, a.tier, i.queue, to_char(i.answer_by at time zone 'UTC', 'YYYY-MM-DD HH24:MI "UTC"')));
                    offered_agent := a.username;
                    offered_interaction := i.id;
                    return next;
                end loop;
        end loop;
end
$$;

-- offers live chats (channel CHAT), taken at once (a visitor is waiting, typing): with a contact, to
-- the eligible available agent (not on a call, not on break) holding the fewest chats, idle longest;
-- without, each of the agents, in turn, up to their chat capacity, first in line first. An agent on
-- a call takes no chat and an agent in a chat no call: one call, or up to chat_capacity chats.
create or replace function routing_offer_chats(agents text[], contact uuid, at timestamptz, from_node text, channel text)
    returns table (offered_agent text, offered_interaction uuid)
    language plpgsql as
$$
#variable_conflict use_column
declare
    who  text;
    a    record;
    i    record;
    room int;
begin
    if contact is not null then
        select r.id, r.queue, r.skills, r.tier1, r.tier2_from into i
        from routing_interaction r
        where r.id = contact and r.state = 'WAITING' and r.channel = 'CHAT'
            for update skip locked;
        if not found then
            return;
        end if;
        select g.username, g.tier, held.n into a
        from routing_agent g
        cross join lateral (select count(*) as n from routing_interaction h
                            where h.agent = g.username and h.channel = 'CHAT' and h.state = 'CONNECTED') held
        where g.state = 'AVAILABLE' and g.skills @> i.skills and held.n < g.chat_capacity
          and ((g.tier = 1 and i.tier1) or (g.tier = 2 and i.tier2_from <= at))
        order by g.tier, held.n, g.idle_since
        limit 1 for update of g skip locked;
        if not found then
            return;
        end if;
        perform routing_chat_write(i.id, a.username, at, from_node, channel,
                format('new chat in %s; %s (tier %s) holds %s chats, the fewest', i.queue, a.username, a.tier, a.n));
        offered_agent := a.username;
        offered_interaction := i.id;
        return next;
        return;
    end if;
    foreach who in array agents
        loop
            select g.username, g.tier, g.skills, g.chat_capacity into a
            from routing_agent g
            where g.username = who and g.state = 'AVAILABLE'
                for update skip locked;
            continue when not found;
            select a.chat_capacity - count(*) into room from routing_interaction h
            where h.agent = a.username and h.channel = 'CHAT' and h.state = 'CONNECTED';
            for i in
                select r.id, r.queue, r.entered_at
                from routing_interaction r
                where r.state = 'WAITING' and r.channel = 'CHAT' and r.skills <@ a.skills
                  and (case when a.tier = 1 then r.tier1 else r.tier2_from <= at end)
                order by r.rank_at
                limit greatest(room, 0) for update skip locked
                loop
                    perform routing_chat_write(i.id, a.username, at, from_node, channel,
                            format('%s (tier %s) has room for a chat; first in line among the queues they serve: %s, waiting %s s',
                                   a.username, a.tier, i.queue, greatest(0, floor(extract(epoch from at - i.entered_at)))::bigint));
                    offered_agent := a.username;
                    offered_interaction := i.id;
                    return next;
                end loop;
        end loop;
end
$$;

-- a chat goes to its agent and is connected at once; the agent's state does not change (more chats may come)
create or replace function routing_chat_write(contact uuid, agent_name text, at timestamptz, from_node text, channel text, reason text)
    returns void
    language plpgsql as
$$
begin
    update routing_interaction set state = 'CONNECTED', agent = agent_name, offered_at = at, answered_at = at, offer_expires_at = null
    where id = contact;
    insert into routing_decision (at, interaction, agent, kind, reason, node) values (at, contact, agent_name, 'OFFERED', reason, from_node);
    insert into routing_decision (at, interaction, agent, kind, reason, node)
    values (at, contact, agent_name, 'ACCEPTED', 'a chat is taken at once', from_node);
    perform pg_notify(channel, json_build_object('kind', 'ACCEPTED', 'interaction', contact, 'agent', agent_name)::text);
end
$$;

-- writes the offers the matcher decided in memory (MemoryMatcher), all in one statement: each pair
-- only if its contact still waits and its agent is still free and in no chat (rows another router
-- holds are skipped). A matcher whose picture is stale, or two matchers during a re-election, are
-- told which pairs did not hold ('contact', 'agent'), and offer nothing twice. One statement, not a
-- loop of routing_offer_write: the rows of a batch are locked, updated, logged and notified together.
drop function if exists routing_offer_pairs(uuid[], text[], text[], timestamptz, timestamptz, text, text);
create function routing_offer_pairs(contacts uuid[], agents text[], reasons text[], offer_at timestamptz,
                                    offer_expires timestamptz, from_node text, notify_channel text)
    returns table (pair int, outcome text)
    language sql as
$$
with p as (select x.contact, x.agent, x.reason, x.pair::int as pair
           from unnest(contacts, agents, reasons) with ordinality as x(contact, agent, reason, pair)),
     c as (select r.id from routing_interaction r
           where r.id = any (contacts) and r.state = 'WAITING' and r.channel not in ('MESSAGE', 'CHAT')
             and (r.not_before is null or r.not_before <= offer_at)
           for update skip locked),
     g as (select a.username from routing_agent a
           where a.username = any (agents) and a.state = 'AVAILABLE'
             and not exists (select 1 from routing_interaction h where h.agent = a.username and h.channel = 'CHAT' and h.state = 'CONNECTED')
           for update skip locked),
     ok as (select p.* from p join c on c.id = p.contact join g on g.username = p.agent),
     offered as (update routing_interaction r
                 set state = 'OFFERED', agent = ok.agent, offered_at = offer_at, offer_expires_at = offer_expires
                 from ok where r.id = ok.contact
                 returning r.id, r.node, r.call_id, ok.agent),
     busy as (update routing_agent a set state = 'OFFERED', state_since = offer_at, interaction = ok.contact
              from ok where a.username = ok.agent
              returning 1),
     logged as (insert into routing_decision (at, interaction, agent, kind, reason, node)
                select offer_at, ok.contact, ok.agent, 'OFFERED', ok.reason, from_node from ok order by ok.pair
                returning 1),
     told as (select pg_notify(notify_channel, json_build_object('kind', 'OFFERED', 'interaction', o.id, 'agent', o.agent,
                                                                 'node', o.node, 'callId', o.call_id)::text)
              from offered o)
select p.pair, case when ok.pair is not null then 'offered' when c.id is null then 'contact' else 'agent' end
from p
         left join ok on ok.pair = p.pair
         left join c on c.id = p.contact
where (select count(*) from told) >= 0 -- a CTE that only selects runs when it is read: this reads it
order by p.pair
$$;
