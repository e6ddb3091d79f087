package org.caseline.routing;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.stereotype.Service;

/**
 * Routing, as the other modules see it: contacts wait in queues, agents become available, and
 * each decision pairs one waiting contact with one available agent inside a transaction that locks
 * both rows ({@code FOR UPDATE SKIP LOCKED}), so two nodes on one database never offer the same
 * contact twice, and nothing is lost when a node stops.
 *
 * <p>This class is the facade; each part does one thing: {@link Interactions} (the store),
 * {@link Roster} (agents, states, wrap-up), {@link Matcher} (the routing rule and the one offer
 * path), {@link QueueRules} (entering a queue, after-hours and overflow {@link Handling}),
 * {@link Contacts} (accept, reject, connected, ended), {@link Callbacks}, {@link Handoffs}
 * (escalate, transfer), {@link Sweep} (ring-outs, wrap-ups, overflow, lost nodes), {@link Figures}
 * (place in line, wait estimate, wallboard) and {@link DecisionLog}.
 */
@Service
public class Router {

    /** A contact that needs a person. {@code attributes}: what was gathered before (line, path, receipt, ...). */
    public record NewInteraction(String channel, String queue, int priority, String callId, String node,
                                 Map<String, String> attributes) {
    }

    /** A contact with its state; {@code answerBy}: the deadline of a written contact (null for calls). */
    public record Interaction(UUID id, String channel, String queue, String language, Set<String> skills, int priority,
                              Map<String, String> attributes, String callId, String node, InteractionState state,
                              Instant enteredAt, String agent, Instant offeredAt, Instant answeredAt, Instant endedAt,
                              String disposition, String notes, UUID escalatedFrom, Instant answerBy) {
    }

    /** An agent; {@code publicId} is what callers are given instead of the name, {@code showsName} whether they give the name too. */
    public record Agent(String username, int tier, Set<String> skills, AgentState state, String reason,
                        Instant stateSince, Instant idleSince, int missedOffers, UUID interaction, Instant wrapUpUntil,
                        String publicId, boolean showsName) {
    }

    /** One part of a contact, found by its reference: where it was, who took it (by public ID), and what was noted. */
    public record ContactPart(UUID interaction, String channel, String queue, InteractionState state, String agent, String agentPublicId,
                              Instant enteredAt, Instant endedAt, String disposition, String notes) {
    }

    public record Decision(Instant at, UUID interaction, String agent, String kind, String reason, String node) {
    }

    /** Where a waiting interaction stands: its place in its queue and the wait the queue's figures predict. */
    public record Wait(int position, Duration estimate) {
    }

    /** A callback as supervisors see it: where it stands, how often it was tried, how it ended. */
    public record CallbackReport(UUID id, String queue, String maskedNumber, String state, int attempts, Instant requestedAt,
                                 Instant notBefore, String agent, String disposition, Instant endedAt) {
    }

    /** A queue's live figures, for the wallboard and {@code GET /api/queues}. */
    public record QueueFigures(String id, String nameEn, String nameEs, String language, int tier, boolean open,
                               int waiting, long longestWaitSeconds, int offered, int connected, int answeredToday,
                               int abandonedToday, Integer serviceLevelPercent, long estimatedWaitSeconds, int callbacksPending,
                               Map<String, Integer> agents, WrittenFigures written) {
    }

    /**
     * A written queue's promise, for supervisors: the messages not yet done, how long until the one
     * due first must be answered (negative: it is late), how many deadlines of today were missed,
     * and how many were answered within their promise today; {@code atRisk}: those not yet done that
     * are near their deadline or past it.
     */
    public record WrittenFigures(int backlog, Long oldestDueInSeconds, int atRisk, int breachedToday, int answeredWithinPromiseToday) {
    }

    /** A written contact near or past its deadline, for the supervisor who must see to it. */
    public record AtRisk(UUID id, String queue, String reference, String kind, InteractionState state, String agent, Instant answerBy,
                         boolean late) {
    }

    /** The request cannot be done in the current state (a stale offer, a call already over). */
    public static class ConflictException extends RuntimeException {
        public ConflictException(String message) {
            super(message);
        }
    }

    /** The request names something that does not exist or is not allowed (a queue, a state). */
    public static class InvalidRequestException extends RuntimeException {
        public InvalidRequestException(String message) {
            super(message);
        }
    }

    private final RoutingProperties settings;
    private final RoutingNotifications notifications;
    private final Interactions interactions;
    private final Roster roster;
    private final Matcher matcher;
    private final QueueRules rules;
    private final Contacts contacts;
    private final Callbacks callbacks;
    private final Handoffs handoffs;
    private final Sweep sweep;
    private final Figures figures;
    private final DecisionLog decisions;
    private final Messages messages;
    private final Chats chats;

    Router(RoutingProperties settings, RoutingNotifications notifications, Interactions interactions, Roster roster,
           Matcher matcher, QueueRules rules, Contacts contacts, Callbacks callbacks, Handoffs handoffs, Sweep sweep,
           Figures figures, DecisionLog decisions, Messages messages, Chats chats) {
        this.messages = messages;
        this.chats = chats;
        this.settings = settings;
        this.notifications = notifications;
        this.interactions = interactions;
        this.roster = roster;
        this.matcher = matcher;
        this.rules = rules;
        this.contacts = contacts;
        this.callbacks = callbacks;
        this.handoffs = handoffs;
        this.sweep = sweep;
        this.figures = figures;
        this.decisions = decisions;
    }

    /** This node's name, as interactions record where their contact is held. */
    public String node() {
        return notifications.node();
    }

    // --- interactions --------------------------------------------------------------------------

    /**
     * Puts a contact in line. A closed queue applies its after-hours handling: another queue, or
     * the interaction is recorded as overflowed (the caller hears a message, or is offered a callback).
     */
    public Interaction enqueue(NewInteraction request) {
        return rules.enqueue(request);
    }

    public Optional<Interaction> interaction(UUID id) {
        return interactions.find(id);
    }

    /** The interaction a call is in now (the latest one: an escalated call has had several). */
    public Optional<Interaction> interactionOfCall(String callId) {
        return interactions.ofCall(callId);
    }

    /** The interactions waiting, first in line first. */
    public List<Interaction> waiting() {
        return interactions.waiting();
    }

    /** The contact left: a caller who hung up while waiting abandoned; one who was talking goes to wrap-up. */
    public void contactEnded(UUID id, String how) {
        contacts.ended(id, how);
    }

    public Wait waitOf(UUID id) {
        return figures.waitOf(id);
    }

    // --- agents --------------------------------------------------------------------------------

    /** The agent's routing record, created from their roles the first time (Tier 1 or Tier 2 only). */
    public Agent agent(String username) {
        return roster.agent(username);
    }

    public void showsName(String username, boolean shows) {
        roster.showsName(username, shows);
    }

    /** A contact by the reference its person was given: each part of it (a hand-off makes another), the first first. */
    public List<ContactPart> contact(String reference) {
        String digits = reference == null ? "" : reference.replaceAll("[\\s-]", "");
        if (!org.caseline.platform.KeyableReference.holds(digits)) {
            throw new InvalidRequestException("A contact reference is the digits the caller was given; " + reference
                    + " is not one (a digit is wrong or two are swapped)");
        }
        return interactions.ofContact(digits).stream().map(i -> new ContactPart(i.id(), i.channel(), i.queue(), i.state(), i.agent(),
                i.agent() == null ? null : roster.find(i.agent()).map(Agent::publicId).orElse(null), i.enteredAt(), i.endedAt(),
                i.disposition(), i.notes())).toList();
    }

    public Optional<Agent> findAgent(String username) {
        return roster.find(username);
    }

    public List<Agent> agents() {
        return roster.all();
    }

    /** Sets an agent's skills (an administrator's or supervisor's change). */
    public Agent skills(String username, Set<String> skills) {
        roster.skills(username, skills);
        matcher.routeAgents(List.of(username));
        return roster.agent(username);
    }

    /**
     * The agent chooses a state: AVAILABLE (also ends wrap-up early), BREAK with a reason code, or
     * OFFLINE. The states that follow from work (offered, busy) cannot be left this way.
     */
    public Agent state(String username, AgentState wanted, String reason) {
        roster.choose(username, wanted, reason);
        if (wanted == AgentState.AVAILABLE) {
            matcher.routeAgents(List.of(username));
            messages.routeAgents(List.of(username));
            chats.routeAgents(List.of(username));
        }
        return roster.agent(username);
    }

    // --- written contacts ----------------------------------------------------------------------

    /**
     * A written contact enters a written queue, to be answered by {@code answerBy}; {@code attributes}
     * say what it is (its reference among them) for the agent's desk.
     */
    public Interaction enqueueMessage(String queue, Instant answerBy, Map<String, String> attributes) {
        return messages.enqueue(queue, answerBy, attributes);
    }

    /** The written contacts an agent holds, offered or open, due first first. */
    public List<Interaction> messagesOf(String username) {
        return messages.heldBy(username);
    }

    /** Written contacts near or past their deadline, due first first: what supervisors must see to. */
    public List<AtRisk> writtenAtRisk() {
        return messages.atRisk();
    }

    /** The agent opens a message offered to them (it never rings out). */
    public Interaction openMessage(String username, UUID id) {
        return messages.open(username, id);
    }

    /** The agent's own message, for what the desk shows of it; refused when it is not one they hold. */
    public Interaction heldMessage(String username, UUID id) {
        return messages.mine(username, id);
    }

    /** The agent closes a message with a disposition, which makes room for the next. */
    public Interaction closeMessage(String username, UUID id, String disposition) {
        return messages.close(username, id, disposition);
    }

    // --- live chats ------------------------------------------------------------------------------

    /**
     * A live chat enters a chat queue; {@code attributes} say what the assistant gathered. Closed, or
     * nobody signed in, it comes back {@link InteractionState#OVERFLOWED}: the visitor is offered a message.
     */
    public Interaction enqueueChat(String queue, Map<String, String> attributes) {
        return chats.enqueue(queue, attributes);
    }

    /** The chats an agent has, oldest first. */
    public List<Interaction> chatsOf(String username) {
        return chats.heldBy(username);
    }

    /** The agent's own chat; refused when it is not one they have. */
    public Interaction heldChat(String username, UUID id) {
        return chats.mine(username, id);
    }

    /** The agent ends a chat with a disposition. */
    public Interaction closeChat(String username, UUID id, String disposition) {
        return chats.close(username, id, disposition);
    }

    /** The agent hands a chat to another chat queue, or escalates it (to {@code queue}, Tier 2's); the new interaction. */
    public Interaction handOnChat(String username, UUID id, String queue, String note, boolean escalation) {
        return chats.handOn(username, id, queue, note, escalation);
    }

    /** The visitor left the chat, waiting or with an agent. */
    public void chatLeft(UUID id) {
        chats.visitorLeft(id);
    }

    /** The interaction currently offered to or handled by the agent. */
    public Optional<Interaction> currentOf(String username) {
        return interactions.currentOf(username);
    }

    /** How many agents are in each state, across all queues. */
    public Map<String, Integer> agentsByState() {
        return roster.byState();
    }

    // --- a contact with its agent ---------------------------------------------------------------

    /** How long an offer rings at an agent before it rings out (and counts as missed). */
    public Duration offerTimeout() {
        return settings.offerTimeout();
    }

    /** The agent accepts the offer at the desk. */
    public Interaction accept(String username, UUID id) {
        return accept(username, id, "accepted at the desk");
    }

    /** The agent accepts the offer; {@code how} says where ("answered on the phone"), for the decision log. */
    public Interaction accept(String username, UUID id, String how) {
        return contacts.accept(username, id, how);
    }

    /** The agent rejects the offer at the desk. */
    public void reject(String username, UUID id) {
        reject(username, id, "the agent rejected the offer");
    }

    /** The agent turns the offer down; {@code how} says where ("the agent's phone declined it (486)"). */
    public void reject(String username, UUID id, String how) {
        contacts.reject(username, id, how);
    }

    /**
     * The connection to the agent could not be made (their phone did not answer): the contact goes
     * back in line at its place, and the agent, whose phone is not working, goes on break.
     */
    public void connectionFailed(UUID id, String why) {
        contacts.connectionFailed(id, why);
    }

    /** The agent's phone answered and the caller is bridged to it: they are talking. */
    public void bridged(UUID id, String agent) {
        contacts.bridged(id, agent);
    }

    /** The agent has checked the caller's identity; the officer's case panel opens on it. */
    public Interaction verified(String username, UUID id, String how) {
        return contacts.verified(username, id, how);
    }

    /** Notes and a disposition code for the agent's interaction (during the call or in wrap-up). */
    public void annotate(String username, UUID id, String disposition, String notes) {
        contacts.annotate(username, id, disposition, notes);
    }

    /** Tier 1 hands the contact to the Tier 2 queue of the caller's language, ahead of that line. */
    public Interaction escalate(String username, UUID id, String note) {
        return handoffs.escalate(username, id, note);
    }

    /** Hands the contact to another queue, or to one named agent. */
    public Interaction transfer(String username, UUID id, String queue, String toAgent) {
        return handoffs.transfer(username, id, queue, toAgent);
    }

    // --- callbacks -----------------------------------------------------------------------------

    /**
     * A waiting caller chose to be called back instead of holding: the interaction keeps its place
     * in line and becomes a callback to {@code number}. False when it is no longer waiting.
     */
    public boolean toCallback(UUID id, String number) {
        return callbacks.toCallback(id, number);
    }

    /** The callback's call went unanswered: tried again later, or given up after the last attempt. */
    public void callbackFailed(UUID id, String why) {
        callbacks.failed(id, why);
    }

    /** The callback's caller answered: the agent and the caller are talking. */
    public void callbackConnected(UUID id) {
        callbacks.connected(id);
    }

    /** Today's callbacks and every one still pending, newest first. */
    public List<CallbackReport> callbacks() {
        return callbacks.report();
    }

    // --- decisions -----------------------------------------------------------------------------

    /** Offers the interaction to the eligible available agent idle longest (Tier 1 before Tier 2). */
    public boolean routeInteraction(UUID id) {
        return matcher.routeInteraction(id);
    }

    /** Offers the agent, if available, the interaction first in line among all the queues they can serve. */
    public boolean routeAgent(String username) {
        return matcher.routeAgents(List.of(username)) > 0;
    }

    /** Offers each of these agents who is available, in turn, the contact first in line they serve; the number offered. */
    public int routeAgents(List<String> usernames) {
        return matcher.routeAgents(usernames);
    }

    /** Offers what can be offered now. */
    public int routeAll() {
        return matcher.routeAll();
    }

    /** Runs the sweep now (every node runs it every half second by itself). */
    public void sweep() {
        sweep.sweep();
    }

    /** Why the interaction went where it went, oldest first: every step routing took with it. */
    public List<Decision> decisions(UUID interaction) {
        return decisions.of(interaction);
    }

    public List<QueueFigures> figures() {
        return figures.figures();
    }
}
