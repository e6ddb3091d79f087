package org.caseline.routing;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import static org.caseline.routing.Interactions.ts;

/**
 * The routing rule, and the one path an offer takes: the database function {@code routing_offer}
 * ({@code R__routing_offer.sql}) locks the agent and the contact it pairs (skipping rows another
 * router holds), offers, logs the decision with its reason and notifies every node.
 *
 * <p>An agent who becomes free takes the contact first in line among every queue they can serve
 * (earliest rank: entry time, moved up by priority and escalation), so queues are served fairly by
 * waiting time; a contact that arrives goes to the eligible agent idle longest, Tier 1 before Tier
 * 2. Tier 2 takes a Tier 1 queue's contacts only once its widening wait has passed.
 */
@Component
class Matcher {

    /** Agents offered work per database call when offering to everyone: short transactions, few round trips. */
    private static final int BATCH = 50;

    private final JdbcClient jdbc;
    private final Clock clock;
    private final RoutingProperties settings;
    private final Roster roster;
    private final RoutingNotifications notifications;

    Matcher(JdbcClient jdbc, Clock clock, RoutingProperties settings, Roster roster, RoutingNotifications notifications) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.settings = settings;
        this.roster = roster;
        this.notifications = notifications;
    }

    /** Offers the contact, if still waiting, to the eligible available agent idle longest. */
    boolean routeInteraction(UUID id) {
        return offer(null, id) > 0;
    }

    /** Offers each of these agents who is available, in turn, the contact first in line they serve; the number offered. */
    int routeAgents(List<String> usernames) {
        return usernames.isEmpty() ? 0 : offer(usernames.toArray(String[]::new), null);
    }

    /** Offers what can be offered now: every available agent, idle longest first, takes the first in line they serve. */
    int routeAll() {
        List<String> available = roster.available();
        int offers = 0;
        for (int from = 0; from < available.size(); from += BATCH) {
            offers += routeAgents(available.subList(from, Math.min(available.size(), from + BATCH)));
        }
        return offers;
    }

    private int offer(String[] agents, UUID contact) {
        Instant now = clock.instant();
        return jdbc.sql("select count(*) from routing_offer(?, ?, ?, ?, ?, ?)")
                .params(agents, contact, ts(now), ts(now.plus(settings.offerTimeout())), notifications.node(),
                        RoutingNotifications.CHANNEL)
                .query(Integer.class).single();
    }
}
