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
