package org.caseline.routing;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/** Hand-offs: Tier 1 escalates to Tier 2, or an agent transfers to another queue or a named agent. */
@Component
class Handoffs {

    private final TransactionTemplate tx;
    private final Clock clock;
    private final RoutingProperties settings;
    private final Queues queues;
    private final Interactions interactions;
    private final Roster roster;
    private final Matcher matcher;
    private final DecisionLog decisions;
    private final RoutingNotifications notifications;
    private final Messages messages;

    Handoffs(TransactionTemplate tx, Clock clock, RoutingProperties settings, Queues queues, Interactions interactions,
             Roster roster, Matcher matcher, DecisionLog decisions, RoutingNotifications notifications, Messages messages) {
        this.messages = messages;
        this.tx = tx;
        this.clock = clock;
        this.settings = settings;
        this.queues = queues;
        this.interactions = interactions;
        this.roster = roster;
        this.matcher = matcher;
        this.decisions = decisions;
        this.notifications = notifications;
    }

    /**
     * Tier 1 hands the contact to Tier 2 with all it knows: a new interaction in the Tier 2 queue of
     * the caller's language, placed ahead of that line, carrying the attributes, the agent's note
     * and the escalating agent. The contact itself (the call) stays where it is and waits again.
     */
    Router.Interaction escalate(String username, UUID id, String note) {
        Router.Interaction from = interactions.find(id).orElseThrow(() -> new Router.InvalidRequestException("No interaction " + id));
        // a call goes to the Tier 2 line of its language, a written contact to Tier 2's written queue
        boolean written = "MESSAGE".equals(from.channel());
        String target = (written ? "case-messages-" : "tier2-") + from.language();
        if (queues.byId(target).isEmpty()) {
            throw new Router.InvalidRequestException("No Tier 2 queue for language " + from.language());
        }
        Map<String, String> extra = new LinkedHashMap<>();
        extra.put("escalatedBy", username);
        if (note != null && !note.isBlank()) {
            extra.put("escalationNote", note.strip());
        }
        return move(username, from, target, null, extra, true);
    }

    /** Hands the contact to another queue, or to one named agent. */
    Router.Interaction transfer(String username, UUID id, String queue, String toAgent) {
        Router.Interaction from = interactions.find(id).orElseThrow(() -> new Router.InvalidRequestException("No interaction " + id));
        String target = queue;
        if (toAgent != null && !toAgent.isBlank()) {
            Router.Agent to = roster.find(toAgent).orElseThrow(() -> new Router.InvalidRequestException("No agent " + toAgent));
            target = target != null ? target : from.queue();
            if (!to.skills().containsAll(queues.byId(target).map(RoutingProperties.Queue::skills).orElse(Set.of()))) {
                throw new Router.InvalidRequestException(toAgent + " lacks the skills of " + target);
            }
        }
        if (target == null || queues.byId(target).isEmpty()) {
            throw new Router.InvalidRequestException("No queue " + target);
        }
        if (queues.byId(target).get().written() != "MESSAGE".equals(from.channel())) {
            throw new Router.InvalidRequestException("Queue " + target + (queues.byId(target).get().written()
                    ? " takes written contacts only" : " takes calls only"));
        }
        return move(username, from, target, toAgent == null || toAgent.isBlank() ? null : toAgent,
                Map.of("transferredBy", username), false);
    }

    private Router.Interaction move(String username, Router.Interaction from, String target, String toAgent,
                                    Map<String, String> extra, boolean escalation) {
        if ("MESSAGE".equals(from.channel())) {
            return messages.handOn(username, from.id(), target, toAgent, extra, escalation);
        }
        Instant now = clock.instant();
        UUID next = UUID.randomUUID();
        RoutingProperties.Queue queue = queues.byId(target).orElseThrow();
        tx.executeWithoutResult(status -> {
            Router.Interaction i = interactions.lock(from.id());
            if (i == null || i.state() != InteractionState.CONNECTED || !username.equals(i.agent())) {
                throw new Router.ConflictException("Only the agent talking with the contact can hand it on");
            }
            Map<String, String> attributes = new LinkedHashMap<>(i.attributes());
            attributes.putAll(extra);
            if (i.notes() != null) {
                attributes.put("previousNotes", i.notes());
            }
            // an escalated caller goes ahead of the Tier 2 line; a transferred one keeps their first entry time
            Instant rank = escalation ? i.enteredAt().minus(settings.escalationAhead()) : i.enteredAt();
            interactions.insert(next, new Router.NewInteraction(i.channel(), target, i.priority(), i.callId(), i.node(), attributes),
                    queue, now, rank, InteractionState.WAITING, i.id(), toAgent);
            interactions.toWrapUp(i.id(), now, escalation ? "escalated" : "transferred");
            roster.wrapUp(username, i.id(), now);
            decisions.decide(now, i.id(), username, escalation ? "ESCALATED" : "TRANSFERRED",
                    (escalation ? "escalated to " : "transferred to ") + target + (toAgent == null ? "" : " for " + toAgent)
                            + " as " + next);
            decisions.decide(now, next, null, "QUEUED", (escalation ? "escalation from " : "transfer from ") + i.id() + " by "
                    + username + (escalation ? ", ahead of the line by " + settings.escalationAhead()
                    : ", keeping its first entry time"));
            notifications.send(RoutingUpdate.Kind.REQUEUED, next, username, i.node(), i.callId());
        });
        matcher.routeInteraction(next);
        return interactions.find(next).orElseThrow();
    }
}
