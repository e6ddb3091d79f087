package org.caseline.routing;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import org.caseline.accounts.Role;
import org.caseline.accounts.StaffAccounts;
import org.caseline.ivr.CallbackRequested;
import org.caseline.platform.Masking;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The routing core. Interactions wait in queues; agents become available; each decision pairs
 * one waiting interaction with one available agent inside a transaction that locks both rows
 * ({@code FOR UPDATE SKIP LOCKED}) and moves both out of their waiting states, so two nodes on one
 * database never offer the same interaction twice, and nothing is lost when a node stops: the
 * next sweep of any node picks up what it left.
 *
 * <p>The policy: an agent who becomes free takes the interaction first in line among every queue
 * they can serve (earliest {@code rank_at}: entry time, moved up by priority and escalation), so
 * queues are served fairly by waiting time; an interaction that arrives goes to the eligible agent
 * idle longest, Tier 1 before Tier 2. Tier 2 takes a Tier 1 queue's interactions only once its
 * widening wait has passed.
 */
@Service
public class Router implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(Router.class);

    /** A contact that needs a person. {@code attributes}: what was gathered before (line, path, receipt, ...). */
    public record NewInteraction(String channel, String queue, int priority, String callId, String node,
                                 Map<String, String> attributes) {
    }

    public record Interaction(UUID id, String channel, String queue, String language, Set<String> skills, int priority,
                              Map<String, String> attributes, String callId, String node, String state,
                              Instant enteredAt, String agent, Instant offeredAt, Instant answeredAt, Instant endedAt,
                              String disposition, String notes, UUID escalatedFrom) {
    }

    public record Agent(String username, int tier, Set<String> skills, AgentState state, String reason,
                        Instant stateSince, Instant idleSince, int missedOffers, UUID interaction, Instant wrapUpUntil) {
    }

    public record Decision(Instant at, UUID interaction, String agent, String kind, String reason, String node) {
    }

    /** Where a waiting interaction stands: its place in its queue and the wait the queue's figures predict. */
    public record Wait(int position, Duration estimate) {
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

    private static final TypeReference<Map<String, String>> ATTRIBUTES = new TypeReference<>() { };

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final RoutingProperties settings;
    private final Queues queues;
    private final StaffAccounts staff;
    private final RoutingNotifications notifications;
    private final JsonMapper json = JsonMapper.builder().build();

    Router(JdbcClient jdbc, TransactionTemplate tx, Clock clock, RoutingProperties settings, Queues queues,
           StaffAccounts staff, RoutingNotifications notifications) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.clock = clock;
        this.settings = settings;
        this.queues = queues;
        this.staff = staff;
        this.notifications = notifications;
    }

    /** How long a node may go unseen before the calls it held are given up as lost with it. */
    static final Duration NODE_SILENCE = Duration.ofSeconds(30);

    /** The node says it is alive before it takes its first call. */
    @Override
    public void afterSingletonsInstantiated() {
        heartbeat(clock.instant());
    }

    private void heartbeat(Instant now) {
        jdbc.sql("insert into routing_node (name, seen_at) values (?, ?) on conflict (name) do update set seen_at = excluded.seen_at")
                .params(node(), ts(now)).update();
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
            contactEnded(id, "the node holding the call stopped");
        }
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
        RoutingProperties.Queue queue = queues.byId(request.queue())
                .orElseThrow(() -> new InvalidRequestException("No queue " + request.queue()));
        Instant now = clock.instant();
        UUID id = UUID.randomUUID();
        // nobody signed in who could answer (all offline) is the same as closed: nobody would come
        String closedAction = queues.openAt(queue, now) && staffed(queue) > 0 ? null : queue.afterHours();
        if (closedAction != null && closedAction.startsWith("queue:") && !request.attributes().containsKey("afterHoursFrom")) {
            Map<String, String> moved = new LinkedHashMap<>(request.attributes());
            moved.put("afterHoursFrom", queue.id());
            return enqueue(new NewInteraction(request.channel(), closedAction.substring("queue:".length()),
                    request.priority(), request.callId(), request.node(), moved));
        }
        Instant rank = now.minus(settings.priorityStep().multipliedBy(request.priority()));
        String callerNumber = request.attributes().get("callerNumber");
        if ("callback".equals(closedAction) && callerNumber != null && "VOICE".equals(request.channel())) {
            // nobody can answer now: the caller is called back when someone can, first come first served
            Map<String, String> attributes = new LinkedHashMap<>(request.attributes());
            attributes.put("callbackNumber", callerNumber);
            attributes.put("originalCallId", request.callId());
            NewInteraction callback = new NewInteraction("CALLBACK", request.queue(), request.priority(), null, null, attributes);
            tx.executeWithoutResult(status -> {
                insert(id, callback, queue, now, rank, "WAITING", null, null);
                decide(now, id, null, "AFTER_HOURS", queue.id() + (queues.openAt(queue, now) ? " has nobody signed in"
                        : " is closed now") + "; after-hours handling: a callback to " + Masking.phone(callerNumber));
            });
            return interaction(id).orElseThrow();
        }
        String handling = closedAction;
        if ("callback".equals(closedAction)) {
            handling = "message (a callback needs the caller's number)";
        }
        String reasonClosed = handling;
        tx.executeWithoutResult(status -> {
            insert(id, request, queue, now, rank, closedAction == null ? "WAITING" : "OVERFLOWED", null, null);
            decide(now, id, null, closedAction == null ? "QUEUED" : "AFTER_HOURS",
                    closedAction == null
                            ? "entered " + queue.id() + " with priority " + request.priority() + "; needs " + String.join(",", new TreeSet<>(queue.skills()))
                            : queue.id() + (queues.openAt(queue, now) ? " has nobody signed in" : " is closed now")
                                    + "; after-hours handling: " + reasonClosed);
        });
        if (closedAction == null) {
            routeInteraction(id);
        }
        return interaction(id).orElseThrow();
    }

    private void insert(UUID id, NewInteraction request, RoutingProperties.Queue queue, Instant now, Instant rank,
                        String state, UUID escalatedFrom, String targetAgent) {
        Instant tier2From = queue.tier() == 2 ? now
                : queue.widenToTier2After() == null ? null : now.plus(queue.widenToTier2After());
        jdbc.sql("""
                        insert into routing_interaction (id, channel, queue, language, skills, priority, attributes, call_id,
                            node, state, entered_at, rank_at, tier1, tier2_from, escalated_from, target_agent, ended_at)
                        values (?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, request.channel(), queue.id(), queue.language(), queue.skills().toArray(String[]::new),
                        request.priority(), json.writeValueAsString(request.attributes()), request.callId(),
                        request.node(), state, ts(now), ts(rank), queue.tier() == 1, ts(tier2From), escalatedFrom,
                        targetAgent, "OVERFLOWED".equals(state) ? ts(now) : null)
                .update();
    }

    public Optional<Interaction> interaction(UUID id) {
        return jdbc.sql("select * from routing_interaction where id = ?").param(id).query(this::interactionRow).optional();
    }

    /** The interaction a call is in now (the latest one: an escalated call has had several). */
    public Optional<Interaction> interactionOfCall(String callId) {
        return jdbc.sql("select * from routing_interaction where call_id = ? order by entered_at desc, rank_at limit 1")
                .param(callId).query(this::interactionRow).optional();
    }

    /** The contact left: a caller who hung up while waiting abandoned; one who was talking goes to wrap-up. */
    public void contactEnded(UUID id, String how) {
        Instant now = clock.instant();
        tx.executeWithoutResult(status -> {
            Interaction i = lockInteraction(id);
            if (i == null) {
                return;
            }
            switch (i.state()) {
                case "WAITING" -> {
                    setInteraction(id, "ABANDONED", now);
                    decide(now, id, null, "ABANDONED", "the contact ended while waiting (" + how + ")");
                }
                case "OFFERED" -> {
                    setInteraction(id, "ABANDONED", now);
                    freeAgent(i.agent(), now);
                    decide(now, id, i.agent(), "ABANDONED", "the contact ended while offered (" + how + ")");
                    notifications.send(RoutingUpdate.Kind.OFFER_WITHDRAWN, id, i.agent(), i.node(), i.callId());
                }
                case "CONNECTED" -> {
                    jdbc.sql("update routing_interaction set state = 'WRAP_UP', ended_at = ? where id = ?")
                            .params(ts(now), id).update();
                    wrapUpAgent(i.agent(), id, now);
                    decide(now, id, i.agent(), "ENDED", "the conversation ended (" + how + ")");
                }
                default -> {
                    return;
                }
            }
            notifications.send(RoutingUpdate.Kind.ENDED, id, i.agent(), i.node(), i.callId());
        });
    }

    /** The contact leaves the queue by its overflow rule (the maximum wait passed). */
    private void overflow(UUID id, Instant now) {
        tx.executeWithoutResult(status -> {
            Interaction i = lockInteraction(id);
            if (i == null || !"WAITING".equals(i.state())) {
                return;
            }
            RoutingProperties.Queue queue = queues.byId(i.queue()).orElseThrow();
            String action = queue.overflow();
            if (action.startsWith("queue:") && !i.attributes().containsKey("overflowFrom")) {
                String target = action.substring("queue:".length());
                RoutingProperties.Queue to = queues.byId(target).orElseThrow();
                Map<String, String> attributes = new LinkedHashMap<>(i.attributes());
                attributes.put("overflowFrom", i.queue());
                // the caller keeps their place: the new queue ranks them by their first entry
                jdbc.sql("""
                                update routing_interaction set queue = ?, language = ?, skills = ?, tier1 = ?, tier2_from = ?,
                                    attributes = ?::jsonb where id = ?""")
                        .params(to.id(), to.language(), to.skills().toArray(String[]::new), to.tier() == 1,
                                ts(to.tier() == 2 ? now : to.widenToTier2After() == null ? null : now.plus(to.widenToTier2After())),
                                json.writeValueAsString(attributes), id)
                        .update();
                decide(now, id, null, "OVERFLOW", "waited past " + queue.maxWait() + " in " + queue.id() + "; moved to " + to.id());
                return;
            }
            String number = i.attributes().get("callerNumber");
            if ("callback".equals(action) && number != null && "VOICE".equals(i.channel())) {
                // the caller keeps their place and is called back; the call itself ends
                Map<String, String> attributes = new LinkedHashMap<>(i.attributes());
                attributes.put("callbackNumber", number);
                attributes.put("originalCallId", i.callId());
                jdbc.sql("update routing_interaction set channel = 'CALLBACK', call_id = null, node = null, attributes = ?::jsonb where id = ?")
                        .params(json.writeValueAsString(attributes), id).update();
                decide(now, id, null, "OVERFLOW", "waited past " + queue.maxWait() + " in " + queue.id()
                        + "; turned into a callback to " + Masking.phone(number) + ", keeping its place");
                notifications.send(RoutingUpdate.Kind.ENDED, id, null, i.node(), i.callId());
                return;
            }
            setInteraction(id, "OVERFLOWED", now);
            decide(now, id, null, "OVERFLOW", "waited past " + queue.maxWait() + " in " + queue.id() + "; message");
            notifications.send(RoutingUpdate.Kind.ENDED, id, null, i.node(), i.callId());
        });
    }

    public Wait waitOf(UUID id) {
        Interaction i = interaction(id).orElseThrow(() -> new InvalidRequestException("No interaction " + id));
        int ahead = jdbc.sql("""
                        select count(*) from routing_interaction w, routing_interaction me
                        where me.id = ? and w.queue = me.queue and w.state = 'WAITING' and w.rank_at < me.rank_at""")
                .param(id).query(Integer.class).single();
        int position = ahead + 1;
        return new Wait(position, estimate(i.queue(), position));
    }

    /**
     * The wait for the {@code position}th in line: that many handle times, shared among the agents
     * signed in who serve the queue (today's average handle time, or the configured default).
     */
    private Duration estimate(String queueId, int position) {
        RoutingProperties.Queue queue = queues.byId(queueId).orElseThrow();
        double average = jdbc.sql("""
                        select coalesce(avg(extract(epoch from ended_at - answered_at)), -1) from routing_interaction
                        where queue = ? and answered_at is not null and ended_at is not null and entered_at >= ?""")
                .params(queueId, ts(startOfDay())).query(Double.class).single();
        Duration handle = average < 0 ? settings.defaultHandleTime() : Duration.ofMillis((long) (average * 1000));
        int working = jdbc.sql("""
                        select count(*) from routing_agent
                        where state not in ('OFFLINE', 'BREAK') and skills @> ?::text[] and (tier = ? or ? = 1)""")
                .params(queue.skills().toArray(String[]::new), queue.tier(), queue.tier())
                .query(Integer.class).single();
        return handle.multipliedBy(position).dividedBy(Math.max(1, working));
    }

    /** Agents signed in (on break included) who could take the queue's interactions. */
    private int staffed(RoutingProperties.Queue queue) {
        return jdbc.sql("""
                        select count(*) from routing_agent
                        where state <> 'OFFLINE' and skills @> ?::text[] and (tier = 2 or ?)""")
                .params(queue.skills().toArray(String[]::new), queue.tier() == 1)
                .query(Integer.class).single();
    }

    // --- agents --------------------------------------------------------------------------------

    /** The agent's routing record, created from their roles the first time (Tier 1 or Tier 2 only). */
    public Agent agent(String username) {
        return findAgent(username).orElseGet(() -> {
            List<Role> roles = staff.rolesOf(username);
            int tier = roles.contains(Role.TIER2) ? 2 : roles.contains(Role.TIER1) ? 1 : 0;
            if (tier == 0) {
                throw new InvalidRequestException("Only Tier 1 and Tier 2 staff take contacts");
            }
            Set<String> skills = tier == 2 ? settings.tier2Skills() : settings.tier1Skills();
            Timestamp now = ts(clock.instant());
            jdbc.sql("""
                            insert into routing_agent (username, tier, skills, state, state_since, idle_since)
                            values (?, ?, ?, 'OFFLINE', ?, ?) on conflict (username) do nothing""")
                    .params(username, tier, skills.toArray(String[]::new), now, now).update();
            return findAgent(username).orElseThrow();
        });
    }

    public Optional<Agent> findAgent(String username) {
        return jdbc.sql("select * from routing_agent where username = ?").param(username).query(Router::agent).optional();
    }

    public List<Agent> agents() {
        return jdbc.sql("select * from routing_agent order by username").query(Router::agent).list();
    }

    /** Sets an agent's skills (an administrator's or supervisor's change). */
    public Agent skills(String username, Set<String> skills) {
        agent(username);
        jdbc.sql("update routing_agent set skills = ? where username = ?").params(skills.toArray(String[]::new), username).update();
        routeAgent(username);
        return agent(username);
    }

    /**
     * The agent chooses a state: AVAILABLE (also ends wrap-up early), BREAK with a reason code, or
     * OFFLINE. The states that follow from work (offered, busy) cannot be left this way.
     */
    public Agent state(String username, AgentState wanted, String reason) {
        if (wanted == null || !wanted.chosenByAgent()) {
            throw new InvalidRequestException("An agent may choose AVAILABLE, BREAK or OFFLINE");
        }
        agent(username);
        Instant now = clock.instant();
        tx.executeWithoutResult(status -> {
            Agent a = jdbc.sql("select * from routing_agent where username = ? for update").param(username)
                    .query(Router::agent).single();
            if (a.state() == AgentState.BUSY || a.state() == AgentState.OFFERED) {
                throw new ConflictException("The agent is " + a.state().name().toLowerCase()
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
                finishWrapUp(a.interaction(), now);
            }
            notifications.send(RoutingUpdate.Kind.AGENT, null, username, null, null);
        });
        if (wanted == AgentState.AVAILABLE) {
            routeAgent(username);
        }
        return agent(username);
    }

    /** The interaction currently offered to or handled by the agent. */
    public Optional<Interaction> currentOf(String username) {
        return jdbc.sql("""
                        select * from routing_interaction where agent = ? and state in ('OFFERED', 'CONNECTED', 'WRAP_UP')
                        order by offered_at desc limit 1""")
                .param(username).query(this::interactionRow).optional();
    }

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
        Instant now = clock.instant();
        tx.executeWithoutResult(status -> {
            Interaction i = lockInteraction(id);
            if (i == null || !"OFFERED".equals(i.state()) || !username.equals(i.agent())) {
                throw new ConflictException("This contact is no longer offered to you");
            }
            // a callback has no call held anywhere: the node where the agent accepted places it
            String holder = "CALLBACK".equals(i.channel()) ? node() : i.node();
            jdbc.sql("update routing_interaction set state = 'CONNECTED', answered_at = ?, node = ? where id = ?")
                    .params(ts(now), holder, id).update();
            jdbc.sql("""
                            update routing_agent set state = 'BUSY', state_since = ?, missed_offers = 0, interaction = ?
                            where username = ?""")
                    .params(ts(now), id, username).update();
            decide(now, id, username, "ACCEPTED", how + " after " + seconds(Duration.between(i.offeredAt(), now)) + " s ringing");
            notifications.send(RoutingUpdate.Kind.ACCEPTED, id, username, holder, i.callId());
        });
        return interaction(id).orElseThrow();
    }

    /** The agent rejects the offer at the desk. */
    public void reject(String username, UUID id) {
        reject(username, id, "the agent rejected the offer");
    }

    /** The agent turns the offer down; {@code how} says where ("the agent's phone declined it (486)"). */
    public void reject(String username, UUID id, String how) {
        Instant now = clock.instant();
        tx.executeWithoutResult(status -> {
            Interaction i = lockInteraction(id);
            if (i == null || !"OFFERED".equals(i.state()) || !username.equals(i.agent())) {
                throw new ConflictException("This contact is no longer offered to you");
            }
            backToQueue(i);
            freeAgent(username, now);
            decide(now, id, username, "REJECTED", how + "; back in line at its place");
            notifications.send(RoutingUpdate.Kind.OFFER_WITHDRAWN, id, username, i.node(), i.callId());
        });
        routeInteraction(id);
    }

    /**
     * The connection to the agent could not be made (their phone did not answer): the contact goes
     * back in line at its place, and the agent, whose phone is not working, goes on break.
     */
    public void connectionFailed(UUID id, String why) {
        Instant now = clock.instant();
        tx.executeWithoutResult(status -> {
            Interaction i = lockInteraction(id);
            if (i == null || !"CONNECTED".equals(i.state())) {
                return;
            }
            backToQueue(i);
            jdbc.sql("""
                            update routing_agent set state = 'BREAK', reason = 'phone-unreachable', state_since = ?, interaction = null
                            where username = ?""")
                    .params(ts(now), i.agent()).update();
            decide(now, id, i.agent(), "CONNECT_FAILED", why + "; back in line, the agent on break (phone-unreachable)");
            notifications.send(RoutingUpdate.Kind.REQUEUED, id, i.agent(), i.node(), i.callId());
            notifications.send(RoutingUpdate.Kind.AGENT, null, i.agent(), null, null);
        });
        routeInteraction(id);
    }

    /**
     * A waiting caller chose to be called back instead of holding: the interaction keeps its place
     * in line, becomes a callback to {@code number}, and no longer belongs to the call (which ends).
     * False when it is no longer waiting (an agent is being offered it right now): the caller holds on.
     */
    public boolean toCallback(UUID id, String number) {
        Instant now = clock.instant();
        Boolean done = tx.execute(status -> {
            Interaction i = lockInteraction(id);
            if (i == null || !"WAITING".equals(i.state())) {
                return false;
            }
            Map<String, String> attributes = new LinkedHashMap<>(i.attributes());
            attributes.put("callbackNumber", number);
            if (i.callId() != null) {
                attributes.put("originalCallId", i.callId());
            }
            jdbc.sql("""
                            update routing_interaction set channel = 'CALLBACK', call_id = null, node = null,
                                attributes = ?::jsonb where id = ?""")
                    .params(json.writeValueAsString(attributes), id).update();
            decide(now, id, null, "CALLBACK_REQUESTED", "the caller chose a callback to " + Masking.phone(number)
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
        enqueue(new NewInteraction("CALLBACK", request.queue(), 0, null, null, attributes));
    }

    /**
     * The callback's call to the caller went unanswered: it waits again (keeping its place) until
     * its retry time, and after the last attempt is given up, reported as such.
     */
    public void callbackFailed(UUID id, String why) {
        Instant now = clock.instant();
        tx.executeWithoutResult(status -> {
            Interaction i = lockInteraction(id);
            if (i == null || !"CONNECTED".equals(i.state())) {
                return;
            }
            int attempts = jdbc.sql("update routing_interaction set attempts = attempts + 1 where id = ? returning attempts")
                    .param(id).query(Integer.class).single();
            jdbc.sql("""
                            update routing_agent set state = 'AVAILABLE', state_since = ?, idle_since = ?, interaction = null
                            where username = ?""")
                    .params(ts(now), ts(now), i.agent()).update();
            if (attempts >= settings.callbackAttempts()) {
                jdbc.sql("update routing_interaction set state = 'ENDED', ended_at = ?, disposition = 'callback-unanswered' where id = ?")
                        .params(ts(now), id).update();
                decide(now, id, i.agent(), "CALLBACK_GIVEN_UP", why + "; attempt " + attempts + " of "
                        + settings.callbackAttempts() + ": given up");
            } else {
                backToQueue(i);
                jdbc.sql("update routing_interaction set not_before = ? where id = ?")
                        .params(ts(now.plus(settings.callbackRetryDelay())), id).update();
                decide(now, id, i.agent(), "CALLBACK_UNANSWERED", why + "; attempt " + attempts + " of "
                        + settings.callbackAttempts() + ": tried again after " + settings.callbackRetryDelay());
            }
            notifications.send(RoutingUpdate.Kind.ENDED, id, i.agent(), i.node(), null);
            notifications.send(RoutingUpdate.Kind.AGENT, null, i.agent(), null, null);
        });
        routeAll();
    }

    /** A callback as supervisors see it: where it stands, how often it was tried, how it ended. */
    public record CallbackReport(UUID id, String queue, String maskedNumber, String state, int attempts, Instant requestedAt,
                                 Instant notBefore, String agent, String disposition, Instant endedAt) {
    }

    /** Today's callbacks and every one still pending, newest first. */
    public List<CallbackReport> callbacks() {
        return jdbc.sql("""
                        select id, queue, attributes->>'callbackNumber', state, attempts, entered_at, not_before, agent,
                               disposition, ended_at
                        from routing_interaction
                        where channel = 'CALLBACK' and (state in ('WAITING', 'OFFERED', 'CONNECTED') or entered_at >= ?)
                        order by entered_at desc limit 1000""")
                .param(ts(startOfDay()))
                .query((rs, n) -> new CallbackReport(rs.getObject(1, UUID.class), rs.getString(2), Masking.phone(rs.getString(3)),
                        rs.getString(4), rs.getInt(5), instant(rs.getTimestamp(6)), instant(rs.getTimestamp(7)),
                        rs.getString(8), rs.getString(9), instant(rs.getTimestamp(10))))
                .list();
    }

    /** The agent's phone answered and the caller is bridged to it: they are talking. */
    public void bridged(UUID id, String agent) {
        decide(clock.instant(), id, agent, "BRIDGED", "the agent's phone answered; caller and agent are talking");
    }

    /** The callback's caller answered: the agent and the caller are talking. */
    public void callbackConnected(UUID id) {
        decide(clock.instant(), id, interaction(id).map(Interaction::agent).orElse(null), "CALLBACK_CONNECTED",
                "the caller answered the callback");
    }

    /**
     * The agent has checked the caller's identity (security questions on the call): the
     * interaction's attributes say so, and by whom and how, for the officer's case panel.
     */
    public Interaction verified(String username, UUID id, String how) {
        Instant now = clock.instant();
        int updated = jdbc.sql("""
                        update routing_interaction set attributes = attributes || jsonb_build_object('verified', 'true',
                            'verifiedBy', ?::text, 'verification', ?::text)
                        where id = ? and agent = ? and state = 'CONNECTED'""")
                .params(username, how, id, username).update();
        if (updated == 0) {
            throw new ConflictException("Only the agent talking with the caller can verify them");
        }
        decide(now, id, username, "VERIFIED", "caller identity verified by " + username + " (" + how + ")");
        return interaction(id).orElseThrow();
    }

    /** Notes and a disposition code for the agent's interaction (during the call or in wrap-up). */
    public void annotate(String username, UUID id, String disposition, String notes) {
        int updated = jdbc.sql("""
                        update routing_interaction set disposition = coalesce(?, disposition), notes = coalesce(?, notes)
                        where id = ? and agent = ? and state in ('CONNECTED', 'WRAP_UP', 'ENDED')""")
                .params(disposition, notes, id, username).update();
        if (updated == 0) {
            throw new ConflictException("This contact is not yours to note");
        }
    }

    /**
     * Tier 1 hands the contact to Tier 2 with all it knows: a new interaction in the Tier 2 queue of
     * the caller's language, placed ahead of that line, carrying the attributes, the agent's note
     * and the escalating agent. The contact itself (the call) stays where it is and waits again.
     */
    public Interaction escalate(String username, UUID id, String note) {
        Interaction from = interaction(id).orElseThrow(() -> new InvalidRequestException("No interaction " + id));
        String target = "tier2-" + from.language();
        if (queues.byId(target).isEmpty()) {
            throw new InvalidRequestException("No Tier 2 queue for language " + from.language());
        }
        Map<String, String> extra = new LinkedHashMap<>();
        extra.put("escalatedBy", username);
        if (note != null && !note.isBlank()) {
            extra.put("escalationNote", note.strip());
        }
        return move(username, from, target, null, extra, true);
    }

    /** Hands the contact to another queue, or to one named agent. */
    public Interaction transfer(String username, UUID id, String queue, String toAgent) {
        Interaction from = interaction(id).orElseThrow(() -> new InvalidRequestException("No interaction " + id));
        String target = queue;
        if (toAgent != null && !toAgent.isBlank()) {
            Agent to = findAgent(toAgent).orElseThrow(() -> new InvalidRequestException("No agent " + toAgent));
            target = target != null ? target : from.queue();
            if (!to.skills().containsAll(queues.byId(target).map(RoutingProperties.Queue::skills).orElse(Set.of()))) {
                throw new InvalidRequestException(toAgent + " lacks the skills of " + target);
            }
        }
        if (target == null || queues.byId(target).isEmpty()) {
            throw new InvalidRequestException("No queue " + target);
        }
        return move(username, from, target, toAgent == null || toAgent.isBlank() ? null : toAgent,
                Map.of("transferredBy", username), false);
    }

    private Interaction move(String username, Interaction from, String target, String toAgent, Map<String, String> extra,
                             boolean escalation) {
        Instant now = clock.instant();
        UUID next = UUID.randomUUID();
        RoutingProperties.Queue queue = queues.byId(target).orElseThrow();
        tx.executeWithoutResult(status -> {
            Interaction i = lockInteraction(from.id());
            if (i == null || !"CONNECTED".equals(i.state()) || !username.equals(i.agent())) {
                throw new ConflictException("Only the agent talking with the contact can hand it on");
            }
            Map<String, String> attributes = new LinkedHashMap<>(i.attributes());
            attributes.putAll(extra);
            if (i.notes() != null) {
                attributes.put("previousNotes", i.notes());
            }
            // an escalated caller goes ahead of the Tier 2 line; a transferred one keeps their first entry time
            Instant rank = escalation ? i.enteredAt().minus(settings.escalationAhead()) : i.enteredAt();
            insert(next, new NewInteraction(i.channel(), target, i.priority(), i.callId(), i.node(), attributes),
                    queue, now, rank, "WAITING", i.id(), toAgent);
            jdbc.sql("""
                            update routing_interaction set state = 'WRAP_UP', ended_at = ?,
                                disposition = coalesce(disposition, ?) where id = ?""")
                    .params(ts(now), escalation ? "escalated" : "transferred", i.id()).update();
            wrapUpAgent(username, i.id(), now);
            decide(now, i.id(), username, escalation ? "ESCALATED" : "TRANSFERRED",
                    (escalation ? "escalated to " : "transferred to ") + target + (toAgent == null ? "" : " for " + toAgent)
                            + " as " + next);
            decide(now, next, null, "QUEUED", (escalation ? "escalation from " : "transfer from ") + i.id() + " by " + username
                    + (escalation ? ", ahead of the line by " + settings.escalationAhead() : ", keeping its first entry time"));
            notifications.send(RoutingUpdate.Kind.REQUEUED, next, username, i.node(), i.callId());
        });
        routeInteraction(next);
        return interaction(next).orElseThrow();
    }

    // --- decisions -----------------------------------------------------------------------------

    /** Offers the interaction to the eligible available agent idle longest (Tier 1 before Tier 2). */
    public boolean routeInteraction(UUID id) {
        Instant now = clock.instant();
        Boolean offered = tx.execute(status -> {
            Interaction i = jdbc.sql("""
                            select * from routing_interaction where id = ? and state = 'WAITING'
                              and (not_before is null or not_before <= ?) for update skip locked""")
                    .params(id, ts(now)).query(this::interactionRow).optional().orElse(null);
            if (i == null) {
                return false;
            }
            Row tiers = jdbc.sql("select tier1, tier2_from, target_agent from routing_interaction where id = ?").param(id)
                    .query((rs, n) -> new Row(rs.getBoolean(1), instant(rs.getTimestamp(2)), rs.getString(3))).single();
            Optional<Agent> agent = jdbc.sql("""
                            select * from routing_agent
                            where state = 'AVAILABLE' and skills @> ?::text[] and (?::text is null or username = ?)
                              and ((tier = 1 and ?) or (tier = 2 and ?::timestamptz <= ?))
                            order by tier, idle_since limit 1 for update skip locked""")
                    .params(i.skills().toArray(String[]::new), tiers.targetAgent(), tiers.targetAgent(), tiers.tier1(),
                            ts(tiers.tier2From()), ts(now))
                    .query(Router::agent).optional();
            if (agent.isEmpty()) {
                return false;
            }
            offer(i, agent.get(), now, "new in " + i.queue() + "; " + agent.get().username() + " (tier " + agent.get().tier()
                    + ") is the eligible agent idle longest (" + seconds(Duration.between(agent.get().idleSince(), now)) + " s)");
            return true;
        });
        return Boolean.TRUE.equals(offered);
    }

    /** Offers the agent, if available, the interaction first in line among all the queues they can serve. */
    public boolean routeAgent(String username) {
        return routeAgents(List.of(username)) > 0;
    }

    /**
     * Offers each of these agents who is available, in turn, the interaction first in line among
     * the queues they serve: the busiest path in routing, so the whole batch is one database call
     * ({@code routing_offer_to}, V7): it locks each agent and interaction it pairs (skipping rows
     * another router holds), offers, logs the decision with its reason and notifies every node.
     * Returns the number of offers made.
     */
    public int routeAgents(List<String> usernames) {
        if (usernames.isEmpty()) {
            return 0;
        }
        Instant now = clock.instant();
        return jdbc.sql("select count(*) from routing_offer_to(?, ?, ?, ?, ?)")
                .params(usernames.toArray(String[]::new), ts(now), ts(now.plus(settings.offerTimeout())), node(),
                        RoutingNotifications.CHANNEL)
                .query(Integer.class).single();
    }

    private record Row(boolean tier1, Instant tier2From, String targetAgent) {
    }

    private void offer(Interaction i, Agent a, Instant now, String reason) {
        jdbc.sql("""
                        update routing_interaction set state = 'OFFERED', agent = ?, offered_at = ?, offer_expires_at = ?
                        where id = ?""")
                .params(a.username(), ts(now), ts(now.plus(settings.offerTimeout())), i.id()).update();
        jdbc.sql("update routing_agent set state = 'OFFERED', state_since = ?, interaction = ? where username = ?")
                .params(ts(now), i.id(), a.username()).update();
        decide(now, i.id(), a.username(), "OFFERED", reason);
        notifications.send(RoutingUpdate.Kind.OFFERED, i.id(), a.username(), i.node(), i.callId());
    }

    /** Offers what can be offered now: every available agent, idle longest first, takes the first in line they serve. */
    public int routeAll() {
        List<String> available = jdbc.sql("select username from routing_agent where state = 'AVAILABLE' order by tier, idle_since")
                .query(String.class).list();
        int offers = 0;
        for (int from = 0; from < available.size(); from += ROUTE_BATCH) {
            offers += routeAgents(available.subList(from, Math.min(available.size(), from + ROUTE_BATCH)));
        }
        return offers;
    }

    /** Agents offered work per database call in a sweep: short transactions, few round trips. */
    private static final int ROUTE_BATCH = 50;

    /**
     * Every node, every half second: offers that rang out go to the next agent (the agent who let
     * them ring is counted, and after too many goes on break), wrap-ups that ran out end, waits past
     * the maximum overflow, and whatever can be offered now is.
     */
    @Scheduled(fixedDelay = 500, initialDelay = 500)
    public void sweep() {
        try {
            Instant now = clock.instant();
            heartbeat(now);
            endCallsOfLostNodes(now);
            for (UUID id : jdbc.sql("select id from routing_interaction where state = 'OFFERED' and offer_expires_at <= ?")
                    .param(ts(now)).query(UUID.class).list()) {
                ringOut(id, now);
            }
            for (String username : jdbc.sql("select username from routing_agent where state = 'WRAP_UP' and wrap_up_until <= ?")
                    .param(ts(now)).query(String.class).list()) {
                endWrapUp(username, now);
            }
            for (RoutingProperties.Queue queue : settings.queues()) {
                for (UUID id : jdbc.sql("select id from routing_interaction where state = 'WAITING' and queue = ? and entered_at <= ?")
                        .params(queue.id(), ts(now.minus(queue.maxWait()))).query(UUID.class).list()) {
                    overflow(id, now);
                }
            }
            routeAll();
        } catch (RuntimeException e) {
            log.warn("Routing sweep failed; the next one retries: {}", e.toString());
        }
    }

    private void ringOut(UUID id, Instant now) {
        tx.executeWithoutResult(status -> {
            Interaction i = jdbc.sql("select * from routing_interaction where id = ? and state = 'OFFERED' for update skip locked")
                    .param(id).query(this::interactionRow).optional().orElse(null);
            if (i == null || i.offeredAt() == null) {
                return;
            }
            backToQueue(i);
            Agent a = jdbc.sql("select * from routing_agent where username = ? for update").param(i.agent()).query(Router::agent).single();
            int missed = a.missedOffers() + 1;
            boolean toBreak = missed >= settings.missedOffersBeforeBreak();
            jdbc.sql("""
                            update routing_agent set state = ?, reason = ?, state_since = ?, idle_since = ?, missed_offers = ?,
                                interaction = null where username = ?""")
                    .params(toBreak ? "BREAK" : "AVAILABLE", toBreak ? "missed-offers" : null, ts(now), ts(now),
                            toBreak ? 0 : missed, a.username())
                    .update();
            decide(now, id, a.username(), "RANG_OUT", "no answer in " + settings.offerTimeout().toSeconds() + " s (" + missed
                    + " in a row)" + (toBreak ? "; the agent is put on break (missed-offers)" : "") + "; back in line at its place");
            notifications.send(RoutingUpdate.Kind.OFFER_WITHDRAWN, id, a.username(), i.node(), i.callId());
            notifications.send(RoutingUpdate.Kind.AGENT, null, a.username(), null, null);
        });
    }

    private void endWrapUp(String username, Instant now) {
        tx.executeWithoutResult(status -> {
            Agent a = jdbc.sql("select * from routing_agent where username = ? and state = 'WRAP_UP' for update skip locked")
                    .param(username).query(Router::agent).optional().orElse(null);
            if (a == null) {
                return;
            }
            jdbc.sql("""
                            update routing_agent set state = 'AVAILABLE', state_since = ?, idle_since = ?, wrap_up_until = null,
                                interaction = null where username = ?""")
                    .params(ts(now), ts(now), username).update();
            if (a.interaction() != null) {
                finishWrapUp(a.interaction(), now);
            }
            notifications.send(RoutingUpdate.Kind.AGENT, null, username, null, null);
        });
    }

    private void finishWrapUp(UUID interaction, Instant now) {
        jdbc.sql("update routing_interaction set state = 'ENDED' where id = ? and state = 'WRAP_UP'").param(interaction).update();
    }

    private void backToQueue(Interaction i) {
        jdbc.sql("""
                        update routing_interaction set state = 'WAITING', agent = null, offered_at = null, offer_expires_at = null,
                            answered_at = null where id = ?""")
                .param(i.id()).update();
    }

    private void freeAgent(String username, Instant now) {
        jdbc.sql("""
                        update routing_agent set state = 'AVAILABLE', state_since = ?, idle_since = ?, interaction = null
                        where username = ? and state in ('OFFERED', 'BUSY')""")
                .params(ts(now), ts(now), username).update();
        notifications.send(RoutingUpdate.Kind.AGENT, null, username, null, null);
    }

    private void wrapUpAgent(String username, UUID interaction, Instant now) {
        jdbc.sql("""
                        update routing_agent set state = 'WRAP_UP', state_since = ?, wrap_up_until = ?, interaction = ?
                        where username = ?""")
                .params(ts(now), ts(now.plus(settings.wrapUp())), interaction, username).update();
        notifications.send(RoutingUpdate.Kind.AGENT, null, username, null, null);
    }

    private void setInteraction(UUID id, String state, Instant now) {
        jdbc.sql("update routing_interaction set state = ?, ended_at = ?, offer_expires_at = null where id = ?")
                .params(state, ts(now), id).update();
    }

    private Interaction lockInteraction(UUID id) {
        return jdbc.sql("select * from routing_interaction where id = ? for update").param(id).query(this::interactionRow)
                .optional().orElse(null);
    }

    private void decide(Instant at, UUID interaction, String agent, String kind, String reason) {
        jdbc.sql("insert into routing_decision (at, interaction, agent, kind, reason, node) values (?, ?, ?, ?, ?, ?)")
                .params(ts(at), interaction, agent, kind, reason, node()).update();
    }

    /** Why the interaction went where it went, oldest first: every step routing took with it. */
    public List<Decision> decisions(UUID interaction) {
        return jdbc.sql("select * from routing_decision where interaction = ? order by id").param(interaction)
                .query((rs, n) -> new Decision(instant(rs.getTimestamp("at")), rs.getObject("interaction", UUID.class),
                        rs.getString("agent"), rs.getString("kind"), rs.getString("reason"), rs.getString("node")))
                .list();
    }

    /** The interactions waiting, first in line first. */
    public List<Interaction> waiting() {
        return jdbc.sql("select * from routing_interaction where state = 'WAITING' order by rank_at").query(this::interactionRow).list();
    }

    Instant startOfDay() {
        return clock.instant().atZone(queues.reportingZone()).toLocalDate().atStartOfDay(queues.reportingZone()).toInstant();
    }

    /** A queue's live figures, for the wallboard and {@code GET /api/queues}. */
    public record QueueFigures(String id, String nameEn, String nameEs, String language, int tier, boolean open,
                               int waiting, long longestWaitSeconds, int offered, int connected, int answeredToday,
                               int abandonedToday, Integer serviceLevelPercent, long estimatedWaitSeconds, int callbacksPending,
                               Map<String, Integer> agents) {
    }

    /** How many agents are in each state, across all queues. */
    public Map<String, Integer> agentsByState() {
        Map<String, Integer> byState = new LinkedHashMap<>();
        for (AgentState state : AgentState.values()) {
            byState.put(state.name(), 0);
        }
        jdbc.sql("select state, count(*) from routing_agent group by state")
                .query((rs, n) -> byState.put(rs.getString(1), rs.getInt(2))).list();
        return byState;
    }

    public List<QueueFigures> figures() {
        Instant now = clock.instant();
        Timestamp today = ts(startOfDay());
        long slSeconds = settings.serviceLevel().toSeconds();
        Map<String, int[]> live = new LinkedHashMap<>();
        jdbc.sql("""
                        select queue,
                               count(*) filter (where state = 'WAITING'),
                               coalesce(extract(epoch from ? - min(entered_at) filter (where state = 'WAITING')), 0),
                               count(*) filter (where state = 'OFFERED'),
                               count(*) filter (where state = 'CONNECTED'),
                               count(*) filter (where answered_at is not null and entered_at >= ?),
                               count(*) filter (where state = 'ABANDONED' and entered_at >= ?),
                               count(*) filter (where answered_at is not null and entered_at >= ?
                                                 and answered_at - entered_at <= make_interval(secs => ?)),
                               count(*) filter (where state = 'WAITING' and channel = 'CALLBACK')
                        from routing_interaction where state in ('WAITING', 'OFFERED', 'CONNECTED') or entered_at >= ?
                        group by queue""")
                .params(ts(now), today, today, today, slSeconds, today)
                .query((rs, n) -> live.put(rs.getString(1), new int[] {rs.getInt(2), (int) rs.getDouble(3), rs.getInt(4),
                        rs.getInt(5), rs.getInt(6), rs.getInt(7), rs.getInt(8), rs.getInt(9)}))
                .list();
        List<Agent> agents = agents();
        return queues.all().stream().map(q -> {
            int[] f = live.getOrDefault(q.id(), new int[8]);
            Map<String, Integer> byState = new LinkedHashMap<>();
            for (AgentState state : AgentState.values()) {
                byState.put(state.name(), 0);
            }
            for (Agent a : agents) {
                if (a.skills().containsAll(q.skills()) && (q.tier() == 1 || a.tier() == 2)) {
                    byState.merge(a.state().name(), 1, Integer::sum);
                }
            }
            int answeredOrAbandoned = f[4] + f[5];
            Integer level = answeredOrAbandoned == 0 ? null : (int) Math.round(100.0 * f[6] / answeredOrAbandoned);
            return new QueueFigures(q.id(), q.name().en(), q.name().es(), q.language(), q.tier(), queues.openAt(q, now),
                    f[0], f[1], f[2], f[3], f[4], f[5], level, estimate(q.id(), f[0] + 1).toSeconds(), f[7], byState);
        }).toList();
    }

    // --- rows ----------------------------------------------------------------------------------

    private Interaction interactionRow(ResultSet rs, int row) throws SQLException {
        return new Interaction(rs.getObject("id", UUID.class), rs.getString("channel"), rs.getString("queue"),
                rs.getString("language"), Set.copyOf(Arrays.asList((String[]) rs.getArray("skills").getArray())),
                rs.getInt("priority"), json.readValue(rs.getString("attributes"), ATTRIBUTES), rs.getString("call_id"),
                rs.getString("node"), rs.getString("state"), instant(rs.getTimestamp("entered_at")), rs.getString("agent"),
                instant(rs.getTimestamp("offered_at")), instant(rs.getTimestamp("answered_at")),
                instant(rs.getTimestamp("ended_at")), rs.getString("disposition"), rs.getString("notes"),
                rs.getObject("escalated_from", UUID.class));
    }

    private static Agent agent(ResultSet rs, int row) throws SQLException {
        return new Agent(rs.getString("username"), rs.getInt("tier"),
                Set.copyOf(Arrays.asList((String[]) rs.getArray("skills").getArray())),
                AgentState.valueOf(rs.getString("state")), rs.getString("reason"), instant(rs.getTimestamp("state_since")),
                instant(rs.getTimestamp("idle_since")), rs.getInt("missed_offers"), rs.getObject("interaction", UUID.class),
                instant(rs.getTimestamp("wrap_up_until")));
    }

    static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    private static long seconds(Duration duration) {
        return Math.max(0, duration.toSeconds());
    }
}
