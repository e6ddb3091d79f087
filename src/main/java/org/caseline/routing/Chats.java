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
 * Live chats in routing (channel {@code CHAT}): a chat waits in its queue like a call, first in
 * line first, within its line's hours and up to the queue's maximum wait; it goes to an available
 * agent with room ({@code routing_offer_chats}) and is connected at once. An agent takes one call
 * or up to their chat capacity (three by default) of chats, never both. A transfer or escalation
 * ends the agent's part at once, so a chat is never in two agents' hands.
 */
@Component
class Chats {

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final Queues queues;
    private final QueueRules rules;
    private final Interactions interactions;
    private final Matcher matcher;
    private final DecisionLog log;
    private final RoutingNotifications notifications;

    Chats(JdbcClient jdbc, TransactionTemplate tx, Clock clock, Queues queues, QueueRules rules, Interactions interactions,
          Matcher matcher, DecisionLog log, RoutingNotifications notifications) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.clock = clock;
        this.queues = queues;
        this.rules = rules;
        this.interactions = interactions;
        this.matcher = matcher;
        this.log = log;
        this.notifications = notifications;
    }

    /** A chat enters its queue; closed (or nobody signed in), it is overflowed at once, and the visitor is offered a message. */
    Router.Interaction enqueue(String queueId, Map<String, String> attributes) {
        chatQueue(queueId);
        Router.Interaction i = rules.enqueue(new Router.NewInteraction("CHAT", queueId, 0, null, null, new LinkedHashMap<>(attributes)));
        if (i.state() == InteractionState.WAITING) {
            route(i.id());
        }
        return interactions.find(i.id()).orElseThrow();
    }

    boolean route(UUID id) {
        return offer(null, id) > 0;
    }

    int routeAgents(List<String> usernames) {
        return usernames.isEmpty() ? 0 : offer(usernames.toArray(String[]::new), null);
    }

    /** Every available agent with room takes the chats first in line among the queues they serve. */
    int routeAll() {
        return routeAgents(jdbc.sql("""
                        select g.username from routing_agent g
                        where g.state = 'AVAILABLE' and exists (select 1 from routing_interaction r
                            where r.state = 'WAITING' and r.channel = 'CHAT' and r.skills <@ g.skills)
                        order by g.tier, g.idle_since""")
                .query(String.class).list());
    }

    /** The chats an agent has, oldest first. */
    List<Router.Interaction> heldBy(String username) {
        return jdbc.sql("select id from routing_interaction where agent = ? and channel = 'CHAT' and state = 'CONNECTED' order by answered_at")
                .param(username).query(UUID.class).list().stream().map(id -> interactions.find(id).orElseThrow()).toList();
    }

    /** The agent's own chat; refused when it is not one they have. */
    Router.Interaction mine(String username, UUID id) {
        Router.Interaction i = interactions.find(id).orElse(null);
        if (i == null || !"CHAT".equals(i.channel()) || !username.equals(i.agent()) || i.state() != InteractionState.CONNECTED) {
            throw new Router.ConflictException("Chat " + id + " is not one you have");
        }
        return i;
    }

    /** The agent ends the chat with a disposition: room for the next chat, or a call once they hold none. */
    Router.Interaction close(String username, UUID id, String disposition) {
        tx.executeWithoutResult(status -> {
            lockMine(username, id);
            Instant now = clock.instant();
            jdbc.sql("update routing_interaction set state = 'ENDED', ended_at = ?, disposition = ? where id = ?")
                    .params(Timestamp.from(now), disposition, id).update();
            log.decide(now, id, username, "ENDED", username + " closed the chat" + (disposition == null ? "" : " as " + disposition));
        });
        notifications.send(RoutingUpdate.Kind.ENDED, id, username, null, null);
        freed(username);
        return interactions.find(id).orElseThrow();
    }

    /**
     * The agent hands the chat on to another chat queue (a transfer) or to the Tier 2 chat queue of
     * its language (an escalation), with a note; it keeps its place by its first entry.
     */
    Router.Interaction handOn(String username, UUID id, String target, String note, boolean escalation) {
        RoutingProperties.Queue queue = chatQueue(target);
        Instant now = clock.instant();
        UUID next = UUID.randomUUID();
        tx.executeWithoutResult(status -> {
            Router.Interaction i = lockMine(username, id);
            Map<String, String> attributes = new LinkedHashMap<>(i.attributes());
            if (note != null && !note.isBlank()) {
                attributes.put(escalation ? "escalationNote" : "transferNote", note.strip());
            }
            attributes.put(escalation ? "escalatedFrom" : "transferredFrom", i.queue());
            interactions.insert(next, new Router.NewInteraction("CHAT", queue.id(), i.priority(), null, null, attributes),
                    queue, now, i.enteredAt(), InteractionState.WAITING, i.id(), null);
            String how = escalation ? "escalated" : "transferred";
            jdbc.sql("update routing_interaction set state = 'ENDED', ended_at = ?, disposition = ? where id = ?")
                    .params(Timestamp.from(now), how, i.id()).update();
            log.decide(now, i.id(), username, escalation ? "ESCALATED" : "TRANSFERRED", how + " to " + queue.id() + " as " + next);
            log.decide(now, next, null, "QUEUED", (escalation ? "escalation" : "transfer") + " of chat " + i.id() + " by " + username);
        });
        notifications.send(RoutingUpdate.Kind.REQUEUED, id, username, null, null);
        route(next);
        freed(username);
        return interactions.find(next).orElseThrow();
    }

    /** The visitor left: a chat in line is abandoned, one with an agent ends and makes room. */
    void visitorLeft(UUID id) {
        Router.Interaction i = interactions.find(id).orElse(null);
        if (i == null || !"CHAT".equals(i.channel())) {
            return;
        }
        Instant now = clock.instant();
        int changed = jdbc.sql("""
                        update routing_interaction set state = case when state = 'WAITING' then 'ABANDONED' else 'ENDED' end,
                            ended_at = ?, disposition = coalesce(disposition, 'visitor-left')
                        where id = ? and state in ('WAITING', 'CONNECTED')""")
                .params(Timestamp.from(now), id).update();
        if (changed > 0) {
            log.decide(now, id, i.agent(), "ENDED", "the visitor left the chat");
            notifications.send(RoutingUpdate.Kind.ENDED, id, i.agent(), null, null);
            if (i.agent() != null) {
                freed(i.agent());
            }
        }
    }

    /** Chats held by agents who signed out go back to the front of their line, for someone who is here. */
    void reclaimFromAway(Instant now) {
        List<Map<String, Object>> taken = jdbc.sql("""
                        update routing_interaction r set state = 'WAITING', agent = null, offered_at = null, answered_at = null
                        from routing_agent g
                        where r.agent = g.username and g.state = 'OFFLINE' and r.channel = 'CHAT' and r.state = 'CONNECTED'
                        returning r.id, g.username""")
                .query().listOfRows();
        for (Map<String, Object> row : taken) {
            UUID id = (UUID) row.get("id");
            log.decide(now, id, (String) row.get("username"), "RECLAIMED", row.get("username") + " signed out with the chat open; back in line");
            notifications.send(RoutingUpdate.Kind.REQUEUED, id, (String) row.get("username"), null, null);
        }
    }

    /** The agent has room again: the next chat in line, or, holding none, a call. */
    private void freed(String username) {
        if (routeAgents(List.of(username)) == 0) {
            matcher.routeAgents(List.of(username));
        }
    }

    private Router.Interaction lockMine(String username, UUID id) {
        Router.Interaction i = interactions.lock(id);
        if (i == null || !"CHAT".equals(i.channel()) || !username.equals(i.agent()) || i.state() != InteractionState.CONNECTED) {
            throw new Router.ConflictException("Chat " + id + " is not one you have");
        }
        return i;
    }

    private RoutingProperties.Queue chatQueue(String id) {
        return queues.byId(id).filter(RoutingProperties.Queue::chat)
                .orElseThrow(() -> new Router.InvalidRequestException("No chat queue " + id));
    }

    private int offer(String[] agents, UUID contact) {
        return jdbc.sql("select count(*) from routing_offer_chats(?, ?, ?, ?, ?)")
                .params(agents, contact, Timestamp.from(clock.instant()), notifications.node(), RoutingNotifications.CHANNEL)
                .query(Integer.class).single();
    }
}
