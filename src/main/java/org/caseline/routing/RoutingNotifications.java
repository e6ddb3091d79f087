package org.caseline.routing;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.util.UUID;

import javax.sql.DataSource;

import org.caseline.platform.DatabaseListener;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tells every node what changed in routing. A change is sent with PostgreSQL {@code NOTIFY} in
 * the transaction that made it, so it is heard only if it happened, by every node on the database,
 * including this one; each node turns what it hears into a local {@link RoutingUpdate} event.
 */
@Component
class RoutingNotifications implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RoutingNotifications.class);
    static final String CHANNEL = "caseline_routing";

    private final DataSource dataSource;
    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;
    private final String node;
    private final JsonMapper json = JsonMapper.builder().build();
    private final FinishedInteractions finished;
    private volatile DatabaseListener listener;

    RoutingNotifications(DataSource dataSource, JdbcClient jdbc, ApplicationEventPublisher events, RoutingProperties settings,
                         FinishedInteractions finished) {
        this.finished = finished;
        this.dataSource = dataSource;
        this.jdbc = jdbc;
        this.events = events;
        this.node = settings.node().isBlank() ? defaultNodeName() : settings.node();
    }

    String node() {
        return node;
    }

    /** Sends the change with the current transaction (at once, outside one). */
    void send(RoutingUpdate.Kind kind, UUID interaction, String agent, String holder, String callId) {
        var payload = json.createObjectNode();
        payload.put("kind", kind.name());
        payload.put("interaction", interaction == null ? null : interaction.toString());
        payload.put("agent", agent);
        payload.put("node", holder);
        payload.put("callId", callId);
        jdbc.sql("select pg_notify(?, ?)").params(CHANNEL, payload.toString()).query(Object.class).list();
        if (kind == RoutingUpdate.Kind.ENDED && interaction != null) {
            finished.publish(interaction); // every way a contact ends is told here
        }
    }

    /** Routing work another node sent to the one that matches ({@link Matcher}); not a change, so no {@link RoutingUpdate}. */
    record Forwarded(JsonNode payload) {
    }

    private void deliver(String payload) {
        try {
            JsonNode n = json.readTree(payload);
            if (Matcher.WORK.equals(n.get("kind").asString())) {
                events.publishEvent(new Forwarded(n));
                return;
            }
            String interaction = text(n, "interaction");
            events.publishEvent(new RoutingUpdate(RoutingUpdate.Kind.valueOf(n.get("kind").asString()),
                    interaction == null ? null : UUID.fromString(interaction), text(n, "agent"), text(n, "node"),
                    text(n, "callId")));
        } catch (RuntimeException e) {
            log.warn("A routing update was not handled: {}", e.toString());
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }

    private static String defaultNodeName() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            host = "node";
        }
        return host + "-" + ManagementFactory.getRuntimeMXBean().getPid() + "-" + UUID.randomUUID().toString().substring(0, 4);
    }

    @Override
    public void start() {
        listener = DatabaseListener.start(dataSource, CHANNEL, this::deliver);
    }

    @Override
    public void stop() {
        if (listener != null) {
            listener.close();
            listener = null;
        }
    }

    @Override
    public boolean isRunning() {
        return listener != null;
    }
}
