package org.caseline.routing;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;

import org.caseline.platform.Masking;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A contact entering a queue, and leaving it by the queue's rules: a closed queue (or one with
 * nobody signed in who could answer) applies its after-hours {@link Handling}; a contact waiting
 * past the queue's maximum applies its overflow handling.
 */
@Component
class QueueRules {

    private final TransactionTemplate tx;
    private final Clock clock;
    private final RoutingProperties settings;
    private final Queues queues;
    private final Interactions interactions;
    private final Roster roster;
    private final Matcher matcher;
    private final DecisionLog log;
    private final RoutingNotifications notifications;

    QueueRules(TransactionTemplate tx, Clock clock, RoutingProperties settings, Queues queues, Interactions interactions,
               Roster roster, Matcher matcher, DecisionLog log, RoutingNotifications notifications) {
        this.tx = tx;
        this.clock = clock;
        this.settings = settings;
        this.queues = queues;
        this.interactions = interactions;
        this.roster = roster;
        this.matcher = matcher;
        this.log = log;
        this.notifications = notifications;
    }

    /** Puts a contact in line, or applies the queue's after-hours handling when nobody would come. */
    Router.Interaction enqueue(Router.NewInteraction request) {
        RoutingProperties.Queue queue = queues.byId(request.queue())
                .orElseThrow(() -> new Router.InvalidRequestException("No queue " + request.queue()));
        Instant now = clock.instant();
        UUID id = UUID.randomUUID();
        boolean open = queues.openAt(queue, now);
        // nobody signed in who could answer (all offline) is the same as closed: nobody would come
        Handling closed = open && roster.signedIn(queue) > 0 ? null : queues.afterHours(queue);
        String why = queue.id() + (open ? " has nobody signed in" : " is closed now") + "; after-hours handling: ";
        Instant rank = now.minus(settings.priorityStep().multipliedBy(request.priority()));
        String callerNumber = request.attributes().get("callerNumber");
        switch (closed) {
            case null -> {
                tx.executeWithoutResult(status -> {
                    interactions.insert(id, request, queue, now, rank, InteractionState.WAITING, null, null);
                    log.decide(now, id, null, "QUEUED", "entered " + queue.id() + " with priority " + request.priority()
                            + "; needs " + String.join(",", new TreeSet<>(queue.skills())));
                });
                matcher.routeInteraction(id);
            }
            case Handling.ToQueue to when !request.attributes().containsKey("afterHoursFrom") -> {
                Map<String, String> moved = new LinkedHashMap<>(request.attributes());
                moved.put("afterHoursFrom", queue.id());
                return enqueue(new Router.NewInteraction(request.channel(), to.queue(), request.priority(), request.callId(),
                        request.node(), moved));
            }
            case Handling.Callback c when callerNumber != null && "VOICE".equals(request.channel()) -> {
                // nobody can answer now: the caller is called back when someone can, first come first served
                Map<String, String> attributes = new LinkedHashMap<>(request.attributes());
                attributes.put("callbackNumber", callerNumber);
                attributes.put("originalCallId", request.callId());
                Router.NewInteraction callback = new Router.NewInteraction("CALLBACK", request.queue(), request.priority(),
                        null, null, attributes);
                tx.executeWithoutResult(status -> {
                    interactions.insert(id, callback, queue, now, rank, InteractionState.WAITING, null, null);
                    log.decide(now, id, null, "AFTER_HOURS", why + "a callback to " + Masking.phone(callerNumber));
                });
                matcher.routeInteraction(id); // in line for when someone can call back: the matcher keeps it
            }
            default -> {
                String handling = closed instanceof Handling.Callback ? "message (a callback needs the caller's number)"
                        : closed instanceof Handling.ToQueue to ? "queue:" + to.queue() : "message";
                tx.executeWithoutResult(status -> {
                    interactions.insert(id, request, queue, now, rank, InteractionState.OVERFLOWED, null, null);
                    log.decide(now, id, null, "AFTER_HOURS", why + handling);
                });
            }
        }
        return interactions.find(id).orElseThrow();
    }

    /** The contact leaves the queue by its overflow rule (the maximum wait passed). */
    void overflow(UUID id, Instant now) {
        tx.executeWithoutResult(status -> {
            Router.Interaction i = interactions.lock(id);
            if (i == null || i.state() != InteractionState.WAITING) {
                return;
            }
            RoutingProperties.Queue queue = queues.byId(i.queue()).orElseThrow();
            String waited = "waited past " + queue.maxWait() + " in " + queue.id();
            String number = i.attributes().get("callerNumber");
            switch (queues.overflow(queue)) {
                case Handling.ToQueue to when !i.attributes().containsKey("overflowFrom") -> {
                    RoutingProperties.Queue next = queues.byId(to.queue()).orElseThrow();
                    Map<String, String> attributes = new LinkedHashMap<>(i.attributes());
                    attributes.put("overflowFrom", i.queue());
                    // the caller keeps their place: the new queue ranks them by their first entry
                    interactions.moveTo(id, next, now, attributes);
                    log.decide(now, id, null, "OVERFLOW", waited + "; moved to " + next.id());
                }
                case Handling.Callback c when number != null && "VOICE".equals(i.channel()) -> {
                    // the caller keeps their place and is called back; the call itself ends
                    Map<String, String> attributes = new LinkedHashMap<>(i.attributes());
                    attributes.put("callbackNumber", number);
                    attributes.put("originalCallId", i.callId());
                    interactions.toCallback(id, attributes);
                    log.decide(now, id, null, "OVERFLOW", waited + "; turned into a callback to " + Masking.phone(number)
                            + ", keeping its place");
                    notifications.send(RoutingUpdate.Kind.ENDED, id, null, i.node(), i.callId());
                }
                default -> {
                    interactions.end(id, InteractionState.OVERFLOWED, now);
                    log.decide(now, id, null, "OVERFLOW", waited + "; message");
                    notifications.send(RoutingUpdate.Kind.ENDED, id, null, i.node(), i.callId());
                }
            }
        });
    }
}
