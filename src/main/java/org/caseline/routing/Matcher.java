package org.caseline.routing;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.IntSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.caseline.routing.Interactions.ts;

/**
 * The routing rule, and where it is decided. On the node the {@link MatcherElection} chose, in
 * memory ({@link MemoryMatcher}), journaled in batches. Another node forwards its work there with
 * {@code NOTIFY} and goes on serving its calls; the matcher's own sweep offers whatever a lost
 * message left. While no node holds the election (the seconds of a re-election), and inside a
 * transaction that is not yet committed (the matcher could not see its rows), the decision is made
 * in the database by {@code routing_offer} ({@code R__routing_offer.sql}). Both ways lock the agent
 * and the contact they pair, skip rows another router holds, log the decision with its reason and
 * notify every node, so no contact is offered twice whichever way it went.
 *
 * <p>An agent who becomes free takes the contact first in line among every queue they can serve
 * (earliest rank: entry time, moved up by priority and escalation), so queues are served fairly by
 * waiting time; a contact that arrives goes to the eligible agent idle longest, Tier 1 before Tier
 * 2. Tier 2 takes a Tier 1 queue's contacts only once its widening wait has passed.
 */
@Component
class Matcher {

    private static final Logger log = LoggerFactory.getLogger(Matcher.class);

    /** Agents offered work per database call when offering to everyone: short transactions, few round trips. */
    private static final int BATCH = 50;
    /** What a forwarded piece of work says it is, on routing's channel ({@link RoutingNotifications#CHANNEL}). */
    static final String WORK = "ROUTE";

    private final JdbcClient jdbc;
    private final Clock clock;
    private final RoutingProperties settings;
    private final Roster roster;
    private final RoutingNotifications notifications;
    private final MatcherElection election;
    private final MemoryMatcher memory;
    private final JsonMapper json = JsonMapper.builder().build();

    Matcher(JdbcClient jdbc, Clock clock, RoutingProperties settings, Roster roster, RoutingNotifications notifications,
            MatcherElection election, MemoryMatcher memory) {
        this.election = election;
        this.memory = memory;
        this.jdbc = jdbc;
        this.clock = clock;
        this.settings = settings;
        this.roster = roster;
        this.notifications = notifications;
    }

    /** Offers the contact, if still waiting, to the eligible available agent idle longest (false: not, or not here). */
    boolean routeInteraction(UUID id) {
        return routeInteraction(id, List.of());
    }

    /**
     * As {@link #routeInteraction(UUID)}, with the agents who became free in the same change (the
     * one who turned it down may be the one to take it again): the matcher must know them first.
     */
    boolean routeInteraction(UUID id, List<String> freed) {
        return switch (where()) {
            case MEMORY -> inMemory(() -> memory.routeInteraction(id, freed) ? 1 : 0, () -> offer(null, id)) > 0;
            case FORWARD -> {
                forward(id, freed);
                yield false;
            }
            case DATABASE -> offer(null, id) > 0;
        };
    }

    /** Offers each of these agents who is available, in turn, the contact first in line they serve; the number offered here. */
    int routeAgents(List<String> usernames) {
        if (usernames.isEmpty()) {
            return 0;
        }
        return switch (where()) {
            case MEMORY -> inMemory(() -> memory.routeAgents(usernames), () -> offer(usernames.toArray(String[]::new), null));
            case FORWARD -> {
                for (int from = 0; from < usernames.size(); from += BATCH) {
                    forward(null, usernames.subList(from, Math.min(usernames.size(), from + BATCH)));
                }
                yield 0;
            }
            case DATABASE -> offer(usernames.toArray(String[]::new), null);
        };
    }

    /**
     * Offers what can be offered now: every available agent, idle longest first, takes the first in
     * line they serve. Another node's matcher does this by itself, so nothing is forwarded.
     */
    int routeAll() {
        return switch (where()) {
            case MEMORY -> inMemory(memory::routeAll, this::offerToEveryone);
            case FORWARD -> 0;
            case DATABASE -> offerToEveryone();
        };
    }

    private int offerToEveryone() {
        List<String> available = roster.available();
        int offers = 0;
        for (int from = 0; from < available.size(); from += BATCH) {
            offers += offer(available.subList(from, Math.min(available.size(), from + BATCH)).toArray(String[]::new), null);
        }
        return offers;
    }

    /** The matcher's answer; if it has none (stopping, or its batch failed), the database decides instead. */
    private static int inMemory(IntSupplier matcher, IntSupplier database) {
        try {
            return matcher.getAsInt();
        } catch (IllegalStateException e) {
            log.warn("The matcher did not decide ({}); deciding in the database", e.getMessage());
            return database.getAsInt();
        }
    }

    /** Work another node forwarded: decided in turn if this node matches. */
    @EventListener
    void forwarded(RoutingNotifications.Forwarded work) {
        if (!election.leads()) {
            return; // the matcher that takes over rereads everything anyway
        }
        JsonNode n = work.payload();
        List<String> agents = new ArrayList<>();
        if (n.hasNonNull("agents")) {
            n.get("agents").forEach(a -> agents.add(a.asString()));
        }
        if (n.hasNonNull("contact")) {
            memory.submitContact(UUID.fromString(n.get("contact").asString()), agents);
        } else {
            memory.submitAgents(agents);
        }
    }

    private enum Where { MEMORY, FORWARD, DATABASE }

    private Where where() {
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            return Where.DATABASE;
        }
        if (election.leads() && memory.isRunning()) {
            return Where.MEMORY;
        }
        return election.anotherLeads() ? Where.FORWARD : Where.DATABASE;
    }

    /** Sends the matching node a contact to route (or none), with agents who became free (or none). */
    private void forward(UUID contact, List<String> agents) {
        var payload = json.createObjectNode();
        payload.put("kind", WORK);
        if (contact != null) {
            payload.put("contact", contact.toString());
        }
        var names = payload.putArray("agents");
        agents.forEach(names::add);
        jdbc.sql("select pg_notify(?, ?)").params(RoutingNotifications.CHANNEL, payload.toString()).query(Object.class).list();
    }

    private int offer(String[] agents, UUID contact) {
        Instant now = clock.instant();
        return jdbc.sql("select count(*) from routing_offer(?, ?, ?, ?, ?, ?)")
                .params(agents, contact, ts(now), ts(now.plus(settings.offerTimeout())), notifications.node(),
                        RoutingNotifications.CHANNEL)
                .query(Integer.class).single();
    }
}
