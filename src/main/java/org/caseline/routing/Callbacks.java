package org.caseline.routing;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.caseline.ivr.CallbackRequested;
import org.caseline.platform.Masking;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import static org.caseline.routing.Interactions.instant;
import static org.caseline.routing.Interactions.ts;

/** Callbacks: a waiting caller's choice, the IVR's request, an unanswered attempt, and the supervisors' report. */
@Component
class Callbacks {

    private static final Logger log = LoggerFactory.getLogger(Callbacks.class);

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final RoutingProperties settings;
    private final Queues queues;
    private final Interactions interactions;
    private final Roster roster;
    private final QueueRules rules;
    private final Matcher matcher;
    private final Figures figures;
    private final DecisionLog decisions;
    private final RoutingNotifications notifications;

    Callbacks(JdbcClient jdbc, TransactionTemplate tx, Clock clock, RoutingProperties settings, Queues queues,
              Interactions interactions, Roster roster, QueueRules rules, Matcher matcher, Figures figures,
              DecisionLog decisions, RoutingNotifications notifications) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.clock = clock;
        this.settings = settings;
        this.queues = queues;
        this.interactions = interactions;
        this.roster = roster;
        this.rules = rules;
        this.matcher = matcher;
        this.figures = figures;
        this.decisions = decisions;
        this.notifications = notifications;
    }

    /**
     * A waiting caller chose to be called back instead of holding: the interaction keeps its place
     * in line, becomes a callback to {@code number}, and no longer belongs to the call (which ends).
     * False when it is no longer waiting (an agent is being offered it right now): the caller holds on.
     */
    boolean toCallback(UUID id, String number) {
        Instant now = clock.instant();
        Boolean done = tx.execute(status -> {
            Router.Interaction i = interactions.lock(id);
            if (i == null || i.state() != InteractionState.WAITING) {
                return false;
            }
            Map<String, String> attributes = new LinkedHashMap<>(i.attributes());
            attributes.put("callbackNumber", number);
            if (i.callId() != null) {
                attributes.put("originalCallId", i.callId());
            }
            interactions.toCallback(id, attributes);
            decisions.decide(now, id, null, "CALLBACK_REQUESTED", "the caller chose a callback to " + Masking.phone(number)
                    + " and keeps their place in line");
            return true;
        });
        return Boolean.TRUE.equals(done);
    }

    /**
     * A callback enters the line directly (the IVR's callback node, or another channel). Heard
     * after the publisher's transaction committed, from the event publication registry: an event
     * a node committed and did not live to deliver is delivered when a node starts, so it may come
     * twice; a callback already queued for the same call is not queued again.
     */
    @ApplicationModuleListener
    void callbackRequested(CallbackRequested request) {
        if (request.phoneNumber() == null || queues.byId(request.queue()).isEmpty()) {
            log.warn("A callback for an unknown queue or without a number was not queued: {}", request.queue());
            return;
        }
        if (request.callId() != null && jdbc.sql("""
                        select exists (select 1 from routing_interaction where channel = 'CALLBACK'
                                       and attributes->>'originalCallId' = ?)""")
                .param(request.callId()).query(Boolean.class).single()) {
            log.info("The callback requested on call {} is queued already", request.callId());
            return;
        }
        Map<String, String> attributes = new LinkedHashMap<>(request.attributes() == null ? Map.of() : request.attributes());
        attributes.put("callbackNumber", request.phoneNumber());
        attributes.put("originalCallId", request.callId());
        rules.enqueue(new Router.NewInteraction("CALLBACK", request.queue(), 0, null, null, attributes));
    }

    /**
     * The callback's call to the caller went unanswered: it waits again (keeping its place) until
     * its retry time, and after the last attempt is given up, reported as such.
     */
    void failed(UUID id, String why) {
        Instant now = clock.instant();
        tx.executeWithoutResult(status -> {
            Router.Interaction i = interactions.lock(id);
            if (i == null || i.state() != InteractionState.CONNECTED) {
                return;
            }
            int attempts = jdbc.sql("update routing_interaction set attempts = attempts + 1 where id = ? returning attempts")
                    .param(id).query(Integer.class).single();
            roster.availableAgain(i.agent(), now);
            String attempt = why + "; attempt " + attempts + " of " + settings.callbackAttempts();
            if (attempts >= settings.callbackAttempts()) {
                jdbc.sql("update routing_interaction set state = 'ENDED', ended_at = ?, disposition = 'callback-unanswered' where id = ?")
                        .params(ts(now), id).update();
                decisions.decide(now, id, i.agent(), "CALLBACK_GIVEN_UP", attempt + ": given up");
            } else {
                interactions.backToQueue(id);
                jdbc.sql("update routing_interaction set not_before = ? where id = ?")
                        .params(ts(now.plus(settings.callbackRetryDelay())), id).update();
                decisions.decide(now, id, i.agent(), "CALLBACK_UNANSWERED", attempt + ": tried again after "
                        + settings.callbackRetryDelay());
            }
            notifications.send(RoutingUpdate.Kind.ENDED, id, i.agent(), i.node(), null);
            notifications.send(RoutingUpdate.Kind.AGENT, null, i.agent(), null, null);
        });
        matcher.routeInteraction(id); // back in line for its next try (the matcher keeps it until then)
        matcher.routeAll();
    }

    /** The callback's caller answered: the agent and the caller are talking. */
    void connected(UUID id) {
        decisions.decide(clock.instant(), id, interactions.find(id).map(Router.Interaction::agent).orElse(null),
                "CALLBACK_CONNECTED", "the caller answered the callback");
    }

    /** Today's callbacks and every one still pending, newest first. */
    List<Router.CallbackReport> report() {
        return jdbc.sql("""
                        select id, queue, attributes->>'callbackNumber', state, attempts, entered_at, not_before, agent,
                               disposition, ended_at
                        from routing_interaction
                        where channel = 'CALLBACK' and (state in ('WAITING', 'OFFERED', 'CONNECTED') or entered_at >= ?)
                        order by entered_at desc limit 1000""")
                .param(ts(figures.startOfDay()))
                .query((rs, n) -> new Router.CallbackReport(rs.getObject(1, UUID.class), rs.getString(2),
                        Masking.phone(rs.getString(3)), rs.getString(4), rs.getInt(5), instant(rs.getTimestamp(6)),
                        instant(rs.getTimestamp(7)), rs.getString(8), rs.getString(9), instant(rs.getTimestamp(10))))
                .list();
    }
}
