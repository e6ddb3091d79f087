-- routing: a callback that went unanswered waits again, but not before its retry time
alter table routing_interaction add column not_before timestamptz;
alter table routing_interaction add column attempts int not null default 0;

-- an agent is always found by user name: a partial index on the available ones only misled the
-- planner into scanning them all (stale statistics say few are available)
drop index routing_agent_available;

-- routing: offers to a batch of agents in one call, each in turn taking the first contact in line
-- among the queues they serve (see Router.routeAgents). Rows another router holds are skipped, so
-- any number of callers on any number of nodes never offer a contact twice.
create function routing_offer_to(agents text[], at timestamptz, expires timestamptz, from_node text, channel text)
    returns table (offered_agent text, offered_interaction uuid)
    language plpgsql as
$$
#variable_conflict use_column
declare
    who  text;
    a    record;
    i    record;
begin
    foreach who in array agents
        loop
            select g.username, g.tier, g.skills into a
            from routing_agent g
            where g.username = who and g.state = 'AVAILABLE'
                for update skip locked;
            continue when not found;
            select r.id, r.queue, r.entered_at, r.priority, r.node, r.call_id into i
            from routing_interaction r
            where r.state = 'WAITING' and r.skills <@ a.skills
              and (r.target_agent is null or r.target_agent = a.username)
              and (case when a.tier = 1 then r.tier1 else r.tier2_from <= at end)
              and (r.not_before is null or r.not_before <= at)
            order by r.rank_at
            limit 1 for update skip locked;
            continue when not found;
            update routing_interaction
            set state = 'OFFERED', agent = a.username, offered_at = at, offer_expires_at = expires
            where id = i.id;
            update routing_agent set state = 'OFFERED', state_since = at, interaction = i.id where username = a.username;
            insert into routing_decision (at, interaction, agent, kind, reason, node)
            values (at, i.id, a.username, 'OFFERED',
                    format('%s (tier %s) became free; first in line among the queues they serve: %s, waiting %s s, priority %s',
                           a.username, a.tier, i.queue, greatest(0, floor(extract(epoch from at - i.entered_at)))::bigint,
                           i.priority),
                    from_node);
            perform pg_notify(channel, json_build_object('kind', 'OFFERED', 'interaction', i.id, 'agent', a.username,
                                                         'node', i.node, 'callId', i.call_id)::text);
            offered_agent := a.username;
            offered_interaction := i.id;
            return next;
        end loop;
end
$$;
