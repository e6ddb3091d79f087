package org.caseline.routing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/** A contact with its agent: offered, accepted or turned down, connected or not, verified, noted, ended. */
@Component
class Contacts {

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final Interactions interactions;
    private final Roster roster;
    private final Matcher matcher;
    private final DecisionLog decisions;
    private final RoutingNotifications notifications;

    Contacts(JdbcClient jdbc, TransactionTemplate tx, Clock clock, Interactions interactions, Roster roster, Matcher matcher,
             DecisionLog decisions, RoutingNotifications notifications) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.clock = clock;
        this.interactions = interactions;
        this.roster = roster;
        this.matcher = matcher;
        this.decisions = decisions;
        this.notifications = notifications;
    }

    /** The agent accepts the offer; {@code how} says where ("answered on the phone"), for the decision log. */
    Router.Interaction accept(String username, UUID id, String how) {
        Instant now = clock.instant();
        tx.executeWithoutResult(status -> {
            Router.Interaction i = offeredTo(username, id);
            // a callback has no call held anywhere: the node where the agent accepted places it
            String holder = "CALLBACK".equals(i.channel()) ? notifications.node() : i.node();
            interactions.accepted(id, now, holder);
            roster.busy(username, id, now);
            decisions.decide(now, id, username, "ACCEPTED", how + " after " + seconds(Duration.between(i.offeredAt(), now))
                    + " s ringing");
            notifications.send(RoutingUpdate.Kind.ACCEPTED, id, username, holder, i.callId());
        });
        return interactions.find(id).orElseThrow();
    }

    /** The agent turns the offer down; {@code how} says where ("the agent's phone declined it (486)"). */
    void reject(String username, UUID id, String how) {
        Instant now = clock.instant();
        tx.executeWithoutResult(status -> {
            Router.Interaction i = offeredTo(username, id);
            interactions.backToQueue(id);
            roster.free(username, now);
            decisions.decide(now, id, username, "REJECTED", how + "; back in line at its place");
            notifications.send(RoutingUpdate.Kind.OFFER_WITHDRAWN, id, username, i.node(), i.callId());
        });
        matcher.routeInteraction(id, List.of(username)); // free again: the only agent there is may take it again
    }

    /** The contact, locked, if it is offered to {@code username}; else the offer is stale. */
    private Router.Interaction offeredTo(String username, UUID id) {
        Router.Interaction i = interactions.lock(id);
        if (i == null || i.state() != InteractionState.OFFERED || !username.equals(i.agent())) {
            throw new Router.ConflictException("This contact is no longer offered to you");
        }
        return i;
    }

    /**
     * The connection to the agent could not be made (their phone did not answer): the contact goes
     * back in line at its place, and the agent, whose phone is not working, goes on break.
     */
    void connectionFailed(UUID id, String why) {
        Instant now = clock.instant();
        tx.executeWithoutResult(status -> {
            Router.Interaction i = interactions.lock(id);
            if (i == null || i.state() != InteractionState.CONNECTED) {
                return;
            }
            interactions.backToQueue(id);
            roster.unreachable(i.agent(), now);
            decisions.decide(now, id, i.agent(), "CONNECT_FAILED", why + "; back in line, the agent on break (phone-unreachable)");
            notifications.send(RoutingUpdate.Kind.REQUEUED, id, i.agent(), i.node(), i.callId());
            notifications.send(RoutingUpdate.Kind.AGENT, null, i.agent(), null, null);
        });
        matcher.routeInteraction(id);
    }

    /** The contact left: a caller who hung up while waiting abandoned; one who was talking goes to wrap-up. */
    void ended(UUID id, String how) {
        Instant now = clock.instant();
        tx.executeWithoutResult(status -> {
            Router.Interaction i = interactions.lock(id);
            if (i == null) {
                return;
            }
            switch (i.state()) {
                case WAITING -> {
                    interactions.end(id, InteractionState.ABANDONED, now);
                    decisions.decide(now, id, null, "ABANDONED", "the contact ended while waiting (" + how + ")");
                }
                case OFFERED -> {
                    interactions.end(id, InteractionState.ABANDONED, now);
                    roster.free(i.agent(), now);
                    decisions.decide(now, id, i.agent(), "ABANDONED", "the contact ended while offered (" + how + ")");
                    notifications.send(RoutingUpdate.Kind.OFFER_WITHDRAWN, id, i.agent(), i.node(), i.callId());
                }
                case CONNECTED -> {
                    interactions.toWrapUp(id, now, null);
                    roster.wrapUp(i.agent(), id, now);
                    decisions.decide(now, id, i.agent(), "ENDED", "the conversation ended (" + how + ")");
                }
                default -> {
                    return;
                }
            }
            notifications.send(RoutingUpdate.Kind.ENDED, id, i.agent(), i.node(), i.callId());
        });
    }

    /** The agent's phone answered and the caller is bridged to it: they are talking. */
    void bridged(UUID id, String agent) {
        decisions.decide(clock.instant(), id, agent, "BRIDGED", "the agent's phone answered; caller and agent are talking");
    }

    /**
     * The agent has checked the caller's identity (security questions on the call): the
     * interaction's attributes say so, and by whom and how, for the officer's case panel.
     */
    Router.Interaction verified(String username, UUID id, String how) {
        Instant now = clock.instant();
        int updated = jdbc.sql("""
                        update routing_interaction set attributes = attributes || jsonb_build_object('verified', 'true',
                            'verifiedBy', ?::text, 'verification', ?::text)
                        where id = ? and agent = ? and state = 'CONNECTED'""")
                .params(username, how, id, username).update();
        if (updated == 0) {
            throw new Router.ConflictException("Only the agent talking with the caller can verify them");
        }
        decisions.decide(now, id, username, "VERIFIED", "caller identity verified by " + username + " (" + how + ")");
        return interactions.find(id).orElseThrow();
    }

    /** Notes and a disposition code for the agent's interaction (during the call or in wrap-up). */
    void annotate(String username, UUID id, String disposition, String notes) {
        int updated = jdbc.sql("""
                        update routing_interaction set disposition = coalesce(?, disposition), notes = coalesce(?, notes)
                        where id = ? and agent = ? and state in ('CONNECTED', 'WRAP_UP', 'ENDED')""")
                .params(disposition, notes, id, username).update();
        if (updated == 0) {
            throw new Router.ConflictException("This contact is not yours to note");
        }
    }

    static long seconds(Duration duration) {
        return Math.max(0, duration.toSeconds());
    }
}
