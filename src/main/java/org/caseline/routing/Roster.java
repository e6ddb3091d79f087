package org.caseline.routing;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.caseline.accounts.Role;
import org.caseline.accounts.StaffAccounts;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import static org.caseline.routing.Interactions.instant;
import static org.caseline.routing.Interactions.ts;

/** The agent roster: who takes contacts, with which skills, in which state (and wrap-up). */
@Component
class Roster {

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final RoutingProperties settings;
    private final StaffAccounts staff;
    private final Interactions interactions;
    private final RoutingNotifications notifications;

    Roster(JdbcClient jdbc, TransactionTemplate tx, Clock clock, RoutingProperties settings, StaffAccounts staff,
           Interactions interactions, RoutingNotifications notifications) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.clock = clock;
        this.settings = settings;
        this.staff = staff;
        this.interactions = interactions;
        this.notifications = notifications;
    }

    /** The agent's routing record, created from their roles the first time (Tier 1 or Tier 2 only). */
    Router.Agent agent(String username) {
        return find(username).orElseGet(() -> {
            List<Role> roles = staff.rolesOf(username);
            int tier = roles.contains(Role.TIER2) ? 2 : roles.contains(Role.TIER1) ? 1 : 0;
            if (tier == 0) {
                throw new Router.InvalidRequestException("Only Tier 1 and Tier 2 staff take contacts");
            }
            Set<String> skills = tier == 2 ? settings.tier2Skills() : settings.tier1Skills();
            Timestamp now = ts(clock.instant());
            // the public ID a caller is given instead of the agent's name: five digits, drawn again if taken
            for (int attempt = 0; attempt < 20; attempt++) {
                try {
                    jdbc.sql("""
                                    insert into routing_agent (username, tier, skills, state, state_since, idle_since, public_id)
                                    values (?, ?, ?, 'OFFLINE', ?, ?, ?) on conflict (username) do nothing""")
                            .params(username, tier, skills.toArray(String[]::new), now, now,
                                    org.caseline.platform.KeyableReference.random(5)).update();
                    break;
                } catch (org.springframework.dao.DuplicateKeyException taken) {
                    // another agent has that ID: draw again
                }
            }
            return find(username).orElseThrow();
        });
    }

    Optional<Router.Agent> find(String username) {
        return jdbc.sql("select * from routing_agent where username = ?").param(username).query(Roster::row).optional();
    }

    List<Router.Agent> all() {
        return jdbc.sql("select * from routing_agent order by username").query(Roster::row).list();
    }

    /** The agents available now, idle longest first, Tier 1 before Tier 2. */
    List<String> available() {
        return jdbc.sql("select username from routing_agent where state = 'AVAILABLE' order by tier, idle_since")
                .query(String.class).list();
    }

    /** The agent, locked for the rest of the transaction. */
    Router.Agent lock(String username) {
        return jdbc.sql("select * from routing_agent where username = ? for update").param(username).query(Roster::row).single();
    }

    /** Whether the agent gives callers their name as well as their public ID (their choice; off until chosen). */
    void showsName(String username, boolean shows) {
        agent(username);
        jdbc.sql("update routing_agent set shows_name = ? where username = ?").params(shows, username).update();
    }

    void skills(String username, Set<String> skills) {
        agent(username);
        jdbc.sql("update routing_agent set skills = ? where username = ?").params(skills.toArray(String[]::new), username).update();
    }

    /**
     * The agent chooses a state: AVAILABLE (also ends wrap-up early), BREAK with a reason code, or
     * OFFLINE. The states that follow from work (offered, busy) cannot be left this way.
     */
    void choose(String username, AgentState wanted, String reason) {
        if (wanted == null || !wanted.chosenByAgent()) {
            throw new Router.InvalidRequestException("An agent may choose AVAILABLE, BREAK or OFFLINE");
        }
        agent(username);
        Instant now = clock.instant();
        tx.executeWithoutResult(status -> {
            Router.Agent a = lock(username);
            if (a.state() == AgentState.BUSY || a.state() == AgentState.OFFERED) {
                throw new Router.ConflictException("The agent is " + a.state().name().toLowerCase()
                        + (a.state() == AgentState.OFFERED ? ": accept or reject the offer first" : ": finish the contact first"));
            }
            if (a.state() == wanted && wanted != AgentState.BREAK) {
                return;
            }
            boolean becomesIdle = wanted == AgentState.AVAILABLE;
            jdbc.sql("""
                            update routing_agent set state = ?, reason = ?, state_since = ?, missed_offers = 0,
                                wrap_up_until = null, interaction = null,
                                idle_since = case when ? then ? else idle_since end
                            where username = ?""")
                    .params(wanted.name(), wanted == AgentState.BREAK ? (reason == null || reason.isBlank() ? "break" : reason) : null,
                            ts(now), becomesIdle, ts(now), username)
                    .update();
            if (a.state() == AgentState.WRAP_UP && a.interaction() != null) {
                interactions.finishWrapUp(a.interaction(), now);
            }
            notifications.send(RoutingUpdate.Kind.AGENT, null, username, null, null);
        });
    }

    /** The agent took the contact: busy with it. */
    void busy(String username, UUID interaction, Instant now) {
        jdbc.sql("update routing_agent set state = 'BUSY', state_since = ?, missed_offers = 0, interaction = ? where username = ?")
                .params(ts(now), interaction, username).update();
    }

    /** Free again, idle from now (an offer withdrawn, a contact that ended before it was taken). */
    void free(String username, Instant now) {
        jdbc.sql("""
                        update routing_agent set state = 'AVAILABLE', state_since = ?, idle_since = ?, interaction = null
                        where username = ? and state in ('OFFERED', 'BUSY')""")
                .params(ts(now), ts(now), username).update();
        notifications.send(RoutingUpdate.Kind.AGENT, null, username, null, null);
    }

    /** The agent's contact ended: they write it up, for the configured wrap-up time. */
    void wrapUp(String username, UUID interaction, Instant now) {
        jdbc.sql("update routing_agent set state = 'WRAP_UP', state_since = ?, wrap_up_until = ?, interaction = ? where username = ?")
                .params(ts(now), ts(now.plus(settings.wrapUp())), interaction, username).update();
        notifications.send(RoutingUpdate.Kind.AGENT, null, username, null, null);
    }

    /** The agent's phone could not be reached: on break, so that nothing more is offered to it (the caller tells every node). */
    void unreachable(String username, Instant now) {
        jdbc.sql("update routing_agent set state = 'BREAK', reason = 'phone-unreachable', state_since = ?, interaction = null where username = ?")
                .params(ts(now), username).update();
    }

    /** The agent's callback went unanswered: free for the next contact at once (the caller tells every node). */
    void availableAgain(String username, Instant now) {
        jdbc.sql("update routing_agent set state = 'AVAILABLE', state_since = ?, idle_since = ?, interaction = null where username = ?")
                .params(ts(now), ts(now), username).update();
    }

    /**
     * The agent let an offer ring out: counted, and after too many in a row put on break
     * ({@code missed-offers}). Returns how many in a row, and whether they went on break (the caller tells every node).
     */
    Missed missed(String username, Instant now) {
        Router.Agent a = lock(username);
        int missed = a.missedOffers() + 1;
        boolean toBreak = missed >= settings.missedOffersBeforeBreak();
        jdbc.sql("""
                        update routing_agent set state = ?, reason = ?, state_since = ?, idle_since = ?, missed_offers = ?,
                            interaction = null where username = ?""")
                .params(toBreak ? "BREAK" : "AVAILABLE", toBreak ? "missed-offers" : null, ts(now), ts(now),
                        toBreak ? 0 : missed, username)
                .update();
        return new Missed(missed, toBreak);
    }

    record Missed(int inARow, boolean toBreak) {
    }

    /** Agents whose wrap-up time ran out: available again, and the contact they wrote up ends. */
    List<String> wrapUpsOver(Instant now) {
        return jdbc.sql("select username from routing_agent where state = 'WRAP_UP' and wrap_up_until <= ?")
                .param(ts(now)).query(String.class).list();
    }

    void endWrapUp(String username, Instant now) {
        tx.executeWithoutResult(status -> {
            Router.Agent a = jdbc.sql("select * from routing_agent where username = ? and state = 'WRAP_UP' for update skip locked")
                    .param(username).query(Roster::row).optional().orElse(null);
            if (a == null) {
                return;
            }
            jdbc.sql("""
                            update routing_agent set state = 'AVAILABLE', state_since = ?, idle_since = ?, wrap_up_until = null,
                                interaction = null where username = ?""")
                    .params(ts(now), ts(now), username).update();
            if (a.interaction() != null) {
                interactions.finishWrapUp(a.interaction(), now);
            }
            notifications.send(RoutingUpdate.Kind.AGENT, null, username, null, null);
        });
    }

    /** How many agents are in each state, across all queues. */
    Map<String, Integer> byState() {
        Map<String, Integer> byState = new LinkedHashMap<>();
        for (AgentState state : AgentState.values()) {
            byState.put(state.name(), 0);
        }
        jdbc.sql("select state, count(*) from routing_agent group by state")
                .query((rs, n) -> byState.put(rs.getString(1), rs.getInt(2))).list();
        return byState;
    }

    /** Agents at work (not offline, not on break) with the skills and tier for {@code queue}. */
    int working(RoutingProperties.Queue queue) {
        return jdbc.sql("""
                        select count(*) from routing_agent
                        where state not in ('OFFLINE', 'BREAK') and skills @> ?::text[] and (tier = ? or ? = 1)""")
                .params(queue.skills().toArray(String[]::new), queue.tier(), queue.tier())
                .query(Integer.class).single();
    }

    /** Agents signed in (on break included) who could take the queue's interactions. */
    int signedIn(RoutingProperties.Queue queue) {
        return jdbc.sql("""
                        select count(*) from routing_agent
                        where state <> 'OFFLINE' and skills @> ?::text[] and (tier = 2 or ?)""")
                .params(queue.skills().toArray(String[]::new), queue.tier() == 1)
                .query(Integer.class).single();
    }

    static Router.Agent row(ResultSet rs, int row) throws SQLException {
        return new Router.Agent(rs.getString("username"), rs.getInt("tier"),
                Set.copyOf(Arrays.asList((String[]) rs.getArray("skills").getArray())),
                AgentState.valueOf(rs.getString("state")), rs.getString("reason"), instant(rs.getTimestamp("state_since")),
                instant(rs.getTimestamp("idle_since")), rs.getInt("missed_offers"), rs.getObject("interaction", UUID.class),
                instant(rs.getTimestamp("wrap_up_until")), rs.getString("public_id"), rs.getBoolean("shows_name"));
    }
}
