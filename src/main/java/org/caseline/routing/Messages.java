package org.caseline.routing;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Written contacts in routing (channel {@code MESSAGE}): each waits in a written queue ranked by
 * the time it must be answered by, and is offered ({@code routing_offer_messages}) to a signed-in
 * agent with room, beside their one call. An offer does not ring out: the agent opens it, answers
 * it in their own time within the deadline, and closes it, which makes room for the next.
 */
@Component
class Messages {

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final Queues queues;
    private final Interactions interactions;
    private final DecisionLog log;
    private final RoutingNotifications notifications;

    Messages(JdbcClient jdbc, TransactionTemplate tx, Clock clock, Queues queues, Interactions interactions, DecisionLog log,
             RoutingNotifications notifications) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.clock = clock;
        this.queues = queues;
        this.interactions = interactions;
        this.log = log;
        this.notifications = notifications;
    }

    /** A written contact enters its queue, to be answered by {@code due}; offered at once if someone has room. */
    Router.Interaction enqueue(String queueId, Instant due, Map<String, String> attributes) {
        RoutingProperties.Queue queue = queues.byId(queueId).filter(RoutingProperties.Queue::written)
                .orElseThrow(() -> new Router.InvalidRequestException("No queue of written contacts " + queueId));
        Instant now = clock.instant();
        UUID id = UUID.randomUUID();
        tx.executeWithoutResult(status -> {
            interactions.insert(id, new Router.NewInteraction("MESSAGE", queue.id(), 0, null, null, new LinkedHashMap<>(attributes)),
                    queue, now, due, InteractionState.WAITING, null, null);
            jdbc.sql("update routing_interaction set answer_by = ? where id = ?").params(Timestamp.from(due), id).update();
            log.decide(now, id, null, "QUEUED", "entered " + queue.id() + "; to be answered by " + due);
        });
        route(id);
        return interactions.find(id).orElseThrow();
    }

    /** Offers the message, if still waiting, to the eligible agent with the most room. */
    boolean route(UUID id) {
        return offer(null, id) > 0;
    }

    /** Fills these agents (those signed in and not on break) up to their capacity, messages due first first. */
    int routeAgents(List<String> usernames) {
        return usernames.isEmpty() ? 0 : offer(usernames.toArray(String[]::new), null);
    }

    /** Every signed-in agent with room takes what is due first among the queues they serve. */
    int routeAll() {
        return routeAgents(jdbc.sql("""
                        select g.username from routing_agent g
                        where g.state not in ('OFFLINE', 'BREAK') and exists (select 1 from routing_interaction r
                            where r.state = 'WAITING' and r.channel = 'MESSAGE' and r.skills <@ g.skills)
                        order by g.tier, g.idle_since""")
                .query(String.class).list());
    }

    /** The messages an agent holds (offered or open), due first first. */
    List<Router.Interaction> heldBy(String username) {
        return interactions.messagesHeldBy(username);
    }

    /** The agent opens a message offered to them. */
    Router.Interaction open(String username, UUID id) {
        return tx.execute(status -> {
            Router.Interaction i = mine(username, id);
            if (i.state() == InteractionState.OFFERED) {
                Instant now = clock.instant();
                jdbc.sql("update routing_interaction set state = 'CONNECTED', answered_at = ? where id = ?").params(Timestamp.from(now), id).update();
                log.decide(now, id, username, "ACCEPTED", username + " opened the message");
            }
            return interactions.find(id).orElseThrow();
        });
    }

    /** The agent is done with a message (answered, or nothing to answer): it ends with the disposition, and there is room for the next. */
    Router.Interaction close(String username, UUID id, String disposition) {
        tx.executeWithoutResult(status -> {
            mine(username, id);
            Instant now = clock.instant();
            jdbc.sql("update routing_interaction set state = 'ENDED', ended_at = ?, disposition = ? where id = ?")
                    .params(Timestamp.from(now), disposition, id).update();
            log.decide(now, id, username, "ENDED", username + " closed the message" + (disposition == null ? "" : " as " + disposition));
        });
        notifications.send(RoutingUpdate.Kind.ENDED, id, username, null, null);
        routeAgents(List.of(username));
        return interactions.find(id).orElseThrow();
    }

    /**
     * Watches the deadlines of written contacts not yet done. One near its deadline (its queue's
     * {@code at-risk-before}) is flagged for supervisors and opened to Tier 2 as well, so more
     * hands can take it, and is taken back from an agent who holds it but is away (signed out or
     * on a break): an agent may keep a message open only while its deadline allows. One past its
     * deadline is flagged again, once, as breached: escalating before the breach, not after.
     */
    void watchDeadlines(Instant now) {
        List<UUID> free = new java.util.ArrayList<>();
        for (RoutingProperties.Queue queue : queues.all()) {
            if (!queue.written()) {
                continue;
            }
            // rows another statement holds are skipped, not waited for (no deadlock with offers): the next look takes them
            Timestamp horizon = Timestamp.from(now.plus(queue.atRiskBefore()));
            tx.executeWithoutResult(status -> {
                jdbc.sql("""
                                update routing_interaction r set state = 'WAITING', agent = null, offered_at = null, offer_expires_at = null
                                from routing_agent g
                                where r.agent = g.username and g.state in ('OFFLINE', 'BREAK') and r.channel = 'MESSAGE' and r.queue = ?
                                  and r.state in ('OFFERED', 'CONNECTED') and r.answer_by <= ?
                                returning r.id, g.username, g.state""")
                        .params(queue.id(), horizon)
                        .query((rs, n) -> {
                            UUID id = rs.getObject(1, UUID.class);
                            log.decide(now, id, rs.getString(2), "RECLAIMED", rs.getString(2) + " held it while " + rs.getString(3)
                                    + " with its deadline near; back in line for someone who is here");
                            notifications.send(RoutingUpdate.Kind.OFFER_WITHDRAWN, id, rs.getString(2), null, null);
                            return free.add(id);
                        }).list();
                jdbc.sql("""
                                update routing_interaction set at_risk_at = ?, tier2_from = least(coalesce(tier2_from, ?), ?)
                                where id in (select id from routing_interaction
                                             where channel = 'MESSAGE' and queue = ? and state in ('WAITING', 'OFFERED', 'CONNECTED')
                                               and at_risk_at is null and answer_by <= ? for update skip locked)
                                returning id, answer_by""")
                        .params(Timestamp.from(now), Timestamp.from(now), Timestamp.from(now), queue.id(), horizon)
                        .query((rs, n) -> {
                            UUID id = rs.getObject(1, UUID.class);
                            log.decide(now, id, null, "AT_RISK", "due " + rs.getTimestamp(2).toInstant() + ", within "
                                    + queue.atRiskBefore() + ": flagged to supervisors, and Tier 2 may take it too");
                            return free.add(id);
                        }).list();
                jdbc.sql("""
                                update routing_interaction set breached_at = ?
                                where id in (select id from routing_interaction
                                             where channel = 'MESSAGE' and queue = ? and state in ('WAITING', 'OFFERED', 'CONNECTED')
                                               and breached_at is null and answer_by <= ? for update skip locked)
                                returning id, agent""")
                        .params(Timestamp.from(now), queue.id(), Timestamp.from(now))
                        .query((rs, n) -> {
                            log.decide(now, rs.getObject(1, UUID.class), rs.getString(2), "BREACHED", "not answered by its deadline");
                            return true;
                        }).list();
            });
        }
        if (!free.isEmpty()) {
            routeAll(); // one pass over the agents with room, not one per contact: a morning can flag thousands at once
        }
    }

    /** Written contacts not yet done that are near their deadline or past it, due first first. */
    List<Router.AtRisk> atRisk() {
        return jdbc.sql("""
                        select id, queue, attributes->>'reference', attributes->>'kind', state, agent, answer_by, answer_by <= ?
                        from routing_interaction
                        where channel = 'MESSAGE' and state in ('WAITING', 'OFFERED', 'CONNECTED') and at_risk_at is not null
                        order by answer_by limit 500""")
                .param(Timestamp.from(clock.instant()))
                .query((rs, n) -> new Router.AtRisk(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4),
                        InteractionState.valueOf(rs.getString(5)), rs.getString(6), rs.getTimestamp(7).toInstant(), rs.getBoolean(8)))
                .list();
    }

    /**
     * The agent holding a message hands it on: to another written queue, to one named agent (who
     * must have room for it), or, escalated, to the Tier 2 queue of its language. It keeps its
     * deadline, what is known of it and the agent's note; the agent's hold on it ends at once (a
     * message has no wrap-up), so it is never in two agents' hands.
     */
    Router.Interaction handOn(String username, UUID id, String target, String toAgent, Map<String, String> extra, boolean escalation) {
        RoutingProperties.Queue queue = queues.byId(target).filter(RoutingProperties.Queue::written)
                .orElseThrow(() -> new Router.InvalidRequestException("No queue of written contacts " + target));
        Instant now = clock.instant();
        UUID next = UUID.randomUUID();
        tx.executeWithoutResult(status -> {
            Router.Interaction i = interactions.lock(id);
            if (i == null || !"MESSAGE".equals(i.channel()) || i.state() != InteractionState.CONNECTED || !username.equals(i.agent())) {
                throw new Router.ConflictException("Only the agent who has the message open can hand it on");
            }
            Map<String, String> attributes = new LinkedHashMap<>(i.attributes());
            attributes.putAll(extra);
            if (i.notes() != null) {
                attributes.put("previousNotes", i.notes());
            }
            interactions.insert(next, new Router.NewInteraction("MESSAGE", queue.id(), i.priority(), null, null, attributes),
                    queue, now, i.answerBy(), InteractionState.WAITING, i.id(), toAgent);
            jdbc.sql("""
                            update routing_interaction n set answer_by = o.answer_by, at_risk_at = o.at_risk_at, breached_at = o.breached_at
                            from routing_interaction o where n.id = ? and o.id = ?""").params(next, i.id()).update();
            String how = escalation ? "escalated" : "transferred";
            jdbc.sql("update routing_interaction set state = 'ENDED', ended_at = ?, disposition = ? where id = ?")
                    .params(Timestamp.from(now), how, i.id()).update();
            log.decide(now, i.id(), username, escalation ? "ESCALATED" : "TRANSFERRED",
                    how + " to " + queue.id() + (toAgent == null ? "" : " for " + toAgent) + " as " + next);
            log.decide(now, next, null, "QUEUED", (escalation ? "escalation from " : "transfer from ") + i.id() + " by " + username
                    + ", keeping its deadline " + i.answerBy());
            if (toAgent != null) {
                int held = jdbc.sql("""
                                select count(*) from routing_interaction where agent = ? and channel = 'MESSAGE'
                                  and state in ('OFFERED', 'CONNECTED')""").param(toAgent).query(Integer.class).single();
                int capacity = jdbc.sql("select message_capacity from routing_agent where username = ? and state not in ('OFFLINE', 'BREAK')")
                        .param(toAgent).query(Integer.class).optional().orElse(0);
                if (held >= capacity) {
                    throw new Router.ConflictException(toAgent + " is away or holds as many messages as they can (" + capacity
                            + "); transfer it to their queue instead");
                }
                jdbc.sql("select routing_offer_message_write(?, ?, ?, ?, ?, ?)")
                        .params(next, toAgent, Timestamp.from(now), notifications.node(), RoutingNotifications.CHANNEL,
                                "transferred to " + toAgent + " by " + username)
                        .query((rs, n) -> 1).list();
            }
        });
        notifications.send(RoutingUpdate.Kind.ENDED, id, username, null, null);
        if (toAgent == null) {
            route(next);
        }
        routeAgents(List.of(username));
        return interactions.find(next).orElseThrow();
    }

    /** The agent's own message, locked; refused when it is not a message they hold. */
    Router.Interaction mine(String username, UUID id) {
        Router.Interaction i = interactions.lock(id);
        if (i == null || !"MESSAGE".equals(i.channel()) || !username.equals(i.agent())
                || (i.state() != InteractionState.OFFERED && i.state() != InteractionState.CONNECTED)) {
            throw new Router.ConflictException("Message " + id + " is not one you hold");
        }
        return i;
    }

    private int offer(String[] agents, UUID contact) {
        return jdbc.sql("select count(*) from routing_offer_messages(?, ?, ?, ?, ?)")
                .params(agents, contact, Timestamp.from(clock.instant()), notifications.node(), RoutingNotifications.CHANNEL)
                .query(Integer.class).single();
    }
}
