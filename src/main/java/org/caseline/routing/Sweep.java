package org.caseline.routing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import static org.caseline.routing.Interactions.ts;

/**
 * Every node, every half second: the node says it is alive, calls held by nodes that stopped end,
 * offers that rang out go back in line (the agent who let them ring is counted, and after too many
 * goes on break), wrap-ups that ran out end, waits past the maximum overflow, and whatever can be
 * offered now is. Whatever a stopped node left, the next sweep of any node picks up.
 */
@Component
class Sweep implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(Sweep.class);
    /** How long a node may go unseen before the calls it held are given up as lost with it. */
    static final Duration NODE_SILENCE = Duration.ofSeconds(30);

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final RoutingProperties settings;
    private final Interactions interactions;
    private final Roster roster;
    private final QueueRules rules;
    private final Contacts contacts;
    private final Matcher matcher;
    private final DecisionLog decisions;
    private final RoutingNotifications notifications;
    private final Messages messages;
    private final Chats chats;
    private int sweeps;

    Sweep(JdbcClient jdbc, TransactionTemplate tx, Clock clock, RoutingProperties settings, Interactions interactions,
          Roster roster, QueueRules rules, Contacts contacts, Matcher matcher, DecisionLog decisions,
          RoutingNotifications notifications, Messages messages, Chats chats) {
        this.chats = chats;
        this.messages = messages;
        this.jdbc = jdbc;
        this.tx = tx;
        this.clock = clock;
        this.settings = settings;
        this.interactions = interactions;
        this.roster = roster;
        this.rules = rules;
        this.contacts = contacts;
        this.matcher = matcher;
        this.decisions = decisions;
        this.notifications = notifications;
    }

    /** The node says it is alive before it takes its first call. */
    @Override
    public void afterSingletonsInstantiated() {
        heartbeat(clock.instant());
    }

    @Scheduled(fixedDelay = 500, initialDelay = 500)
    void sweep() {
        try {
            Instant now = clock.instant();
            heartbeat(now);
            endCallsOfLostNodes(now);
            for (UUID id : jdbc.sql("select id from routing_interaction where state = 'OFFERED' and offer_expires_at <= ?")
                    .param(ts(now)).query(UUID.class).list()) {
                String agent = ringOut(id, now);
                if (agent != null) { // back in line, and the agent who let it ring free again (or on break): the matcher hears of both
                    matcher.routeInteraction(id, List.of(agent));
                }
            }
            for (String username : roster.wrapUpsOver(now)) {
                roster.endWrapUp(username, now);
            }
            for (RoutingProperties.Queue queue : settings.queues()) {
                if (queue.written()) {
                    continue; // a written contact waits for its deadline, however long the line
                }
                for (UUID id : jdbc.sql("select id from routing_interaction where state = 'WAITING' and queue = ? and entered_at <= ?")
                        .params(queue.id(), ts(now.minus(queue.maxWait()))).query(UUID.class).list()) {
                    rules.overflow(id, now);
                }
            }
            chats.reclaimFromAway(now);
            chats.routeAll(); // before calls: an agent with room for a chat is not left idle for one
            matcher.routeAll();
            messages.routeAll();
        } catch (RuntimeException e) {
            log.warn("Routing sweep failed; the next one retries: {}", e.toString());
        }
        if (++sweeps % 10 == 0) {
            try {
                messages.watchDeadlines(clock.instant()); // every 5 s (deadlines are hours long), never in the way of routing
            } catch (RuntimeException e) {
                log.warn("Watching written deadlines failed; the next look retries: {}", e.toString());
            }
        }
    }

    private void heartbeat(Instant now) {
        jdbc.sql("insert into routing_node (name, seen_at) values (?, ?) on conflict (name) do update set seen_at = excluded.seen_at")
                .params(notifications.node(), ts(now)).update();
    }

    /**
     * Calls held by a node that stopped (not seen for {@link #NODE_SILENCE}) ended with it: their
     * interactions are closed as abandoned, so that no agent is offered a call that is gone.
     */
    private void endCallsOfLostNodes(Instant now) {
        for (UUID id : jdbc.sql("""
                        select id from routing_interaction
                        where channel = 'VOICE' and state in ('WAITING', 'OFFERED', 'CONNECTED') and node is not null
                          and node not in (select name from routing_node where seen_at > ?)""")
                .param(ts(now.minus(NODE_SILENCE))).query(UUID.class).list()) {
            contacts.ended(id, "the node holding the call stopped");
        }
    }

    /** The agent the offer rang at, or null when it was no longer ringing. */
    private String ringOut(UUID id, Instant now) {
        return tx.execute(status -> {
            Router.Interaction i = interactions.lockIfFree(id, InteractionState.OFFERED);
            if (i == null || i.offeredAt() == null) {
                return null;
            }
            interactions.backToQueue(id);
            Roster.Missed missed = roster.missed(i.agent(), now);
            decisions.decide(now, id, i.agent(), "RANG_OUT", "no answer in " + settings.offerTimeout().toSeconds() + " s ("
                    + missed.inARow() + " in a row)" + (missed.toBreak() ? "; the agent is put on break (missed-offers)" : "")
                    + "; back in line at its place");
            notifications.send(RoutingUpdate.Kind.OFFER_WITHDRAWN, id, i.agent(), i.node(), i.callId());
            notifications.send(RoutingUpdate.Kind.AGENT, null, i.agent(), null, null);
            return i.agent();
        });
    }
}
