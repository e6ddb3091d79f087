package org.caseline.routing;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The interaction store: contacts in {@code routing_interaction}, read and written by every part of routing. */
@Component
class Interactions {

    private static final TypeReference<Map<String, String>> ATTRIBUTES = new TypeReference<>() { };

    private final JdbcClient jdbc;
    private final FinishedInteractions finished;
    private final JsonMapper json = JsonMapper.builder().build();

    Interactions(JdbcClient jdbc, FinishedInteractions finished) {
        this.jdbc = jdbc;
        this.finished = finished;
    }

    /**
     * A new contact in {@code queue}: ranked at {@code rank} (entry time moved up by priority or
     * escalation), widened to Tier 2 when the queue says, for {@code targetAgent} only if named.
     */
    void insert(UUID id, Router.NewInteraction request, RoutingProperties.Queue queue, Instant now, Instant rank,
                InteractionState state, UUID escalatedFrom, String targetAgent) {
        // every contact with a person has a reference to write down; a hand-off carries the one it had
        Map<String, String> attributes = new java.util.LinkedHashMap<>(request.attributes());
        if (!org.caseline.platform.KeyableReference.holds(attributes.get(CONTACT_REFERENCE))) {
            attributes.put(CONTACT_REFERENCE, org.caseline.platform.KeyableReference.random(8));
        }
        jdbc.sql("""
                        insert into routing_interaction (id, channel, queue, language, skills, priority, attributes, call_id,
                            node, state, entered_at, rank_at, tier1, tier2_from, escalated_from, target_agent, ended_at)
                        values (?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, request.channel(), queue.id(), queue.language(), queue.skills().toArray(String[]::new),
                        request.priority(), json(attributes), request.callId(), request.node(), state.name(),
                        ts(now), ts(rank), queue.tier() == 1, ts(tier2From(queue, now)), escalatedFrom, targetAgent,
                        state == InteractionState.OVERFLOWED ? ts(now) : null)
                .update();
    }

    /** The attribute that holds a contact's reference. */
    static final String CONTACT_REFERENCE = "contactReference";

    /** The interactions of one contact (a hand-off makes more than one), the first first. */
    List<Router.Interaction> ofContact(String reference) {
        return jdbc.sql("select * from routing_interaction where attributes ->> 'contactReference' = ? order by entered_at limit 20")
                .param(reference).query(this::row).list();
    }

    /** When Tier 2 may take a contact entering {@code queue} now (null: never, it is Tier 1's alone). */
    static Instant tier2From(RoutingProperties.Queue queue, Instant now) {
        return queue.tier() == 2 ? now : queue.widenToTier2After() == null ? null : now.plus(queue.widenToTier2After());
    }

    /** The written contacts an agent holds (offered or open), due first first: read on every look at the desk. */
    List<Router.Interaction> messagesHeldBy(String username) {
        return jdbc.sql("""
                        select * from routing_interaction
                        where agent = ? and channel = 'MESSAGE' and state in ('OFFERED', 'CONNECTED') order by rank_at""")
                .param(username).query(this::row).list();
    }

    Optional<Router.Interaction> find(UUID id) {
        return jdbc.sql("select * from routing_interaction where id = ?").param(id).query(this::row).optional();
    }

    /** The interaction a call is in now (the latest one: an escalated call has had several). */
    Optional<Router.Interaction> ofCall(String callId) {
        return jdbc.sql("select * from routing_interaction where call_id = ? order by entered_at desc, rank_at limit 1")
                .param(callId).query(this::row).optional();
    }

    /** The interaction, locked for the rest of the transaction; null if there is none. */
    Router.Interaction lock(UUID id) {
        return jdbc.sql("select * from routing_interaction where id = ? for update").param(id).query(this::row)
                .optional().orElse(null);
    }

    /** The interaction if it is in {@code state} and no other router holds it, locked; null otherwise. */
    Router.Interaction lockIfFree(UUID id, InteractionState state) {
        return jdbc.sql("select * from routing_interaction where id = ? and state = ? for update skip locked")
                .params(id, state.name()).query(this::row).optional().orElse(null);
    }

    /** The contact ends in {@code state} (abandoned, overflowed). */
    void end(UUID id, InteractionState state, Instant now) {
        jdbc.sql("update routing_interaction set state = ?, ended_at = ?, offer_expires_at = null where id = ?")
                .params(state.name(), ts(now), id).update();
    }

    /** The conversation is over: the agent writes it up. */
    void toWrapUp(UUID id, Instant now, String disposition) {
        jdbc.sql("update routing_interaction set state = 'WRAP_UP', ended_at = ?, disposition = coalesce(disposition, ?) where id = ?")
                .params(ts(now), disposition, id).update();
    }

    /** The agent has written the contact up: its record is complete. */
    void finishWrapUp(UUID id, Instant now) {
        if (jdbc.sql("update routing_interaction set state = 'ENDED', wrapped_at = ? where id = ? and state = 'WRAP_UP'")
                .params(ts(now), id).update() > 0) {
            finished.publish(id);
        }
    }

    /** Back in line at its place: no agent, no offer. */
    void backToQueue(UUID id) {
        jdbc.sql("""
                        update routing_interaction set state = 'WAITING', agent = null, offered_at = null, offer_expires_at = null,
                            answered_at = null where id = ?""")
                .param(id).update();
    }

    void accepted(UUID id, Instant now, String node) {
        jdbc.sql("update routing_interaction set state = 'CONNECTED', answered_at = ?, node = ? where id = ?")
                .params(ts(now), node, id).update();
    }

    /** The contact becomes a callback to the number in its attributes: no call holds it any more. */
    void toCallback(UUID id, Map<String, String> attributes) {
        jdbc.sql("update routing_interaction set channel = 'CALLBACK', call_id = null, node = null, attributes = ?::jsonb where id = ?")
                .params(json(attributes), id).update();
    }

    /** The contact moves to {@code queue}, keeping its place (its rank). */
    void moveTo(UUID id, RoutingProperties.Queue queue, Instant now, Map<String, String> attributes) {
        jdbc.sql("""
                        update routing_interaction set queue = ?, language = ?, skills = ?, tier1 = ?, tier2_from = ?,
                            attributes = ?::jsonb where id = ?""")
                .params(queue.id(), queue.language(), queue.skills().toArray(String[]::new), queue.tier() == 1,
                        ts(tier2From(queue, now)), json(attributes), id)
                .update();
    }

    /** The interaction currently offered to or handled by the agent. */
    Optional<Router.Interaction> currentOf(String username) {
        return jdbc.sql("""
                        select * from routing_interaction
                        where agent = ? and state in ('OFFERED', 'CONNECTED', 'WRAP_UP') and channel not in ('MESSAGE', 'CHAT')
                        order by offered_at desc limit 1""")
                .param(username).query(this::row).optional();
    }

    /** The interactions waiting, first in line first. */
    List<Router.Interaction> waiting() {
        return jdbc.sql("select * from routing_interaction where state = 'WAITING' order by rank_at").query(this::row).list();
    }

    private String json(Map<String, String> attributes) {
        return json.writeValueAsString(attributes);
    }

    private Router.Interaction row(ResultSet rs, int row) throws SQLException {
        return new Router.Interaction(rs.getObject("id", UUID.class), rs.getString("channel"), rs.getString("queue"),
                rs.getString("language"), Set.copyOf(Arrays.asList((String[]) rs.getArray("skills").getArray())),
                rs.getInt("priority"), json.readValue(rs.getString("attributes"), ATTRIBUTES), rs.getString("call_id"),
                rs.getString("node"), InteractionState.valueOf(rs.getString("state")), instant(rs.getTimestamp("entered_at")),
                rs.getString("agent"), instant(rs.getTimestamp("offered_at")), instant(rs.getTimestamp("answered_at")),
                instant(rs.getTimestamp("ended_at")), rs.getString("disposition"), rs.getString("notes"),
                rs.getObject("escalated_from", UUID.class), instant(rs.getTimestamp("answer_by")));
    }

    static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
