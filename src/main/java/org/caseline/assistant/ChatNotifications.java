package org.caseline.assistant;

import java.util.UUID;
import javax.sql.DataSource;

import org.caseline.platform.DatabaseListener;
import org.caseline.routing.RoutingUpdate;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every node hears every chat's activity ({@code NOTIFY caseline_chat}) and turns it into a local
 * {@link ChatActivity}; and it follows routing's changes to chats' interactions (connected to an
 * agent, back in line, overflowed), whichever node made them.
 */
@Component
class ChatNotifications implements SmartLifecycle {

    private final DataSource dataSource;
    private final ApplicationEventPublisher events;
    private final LiveChat chats;
    private final JsonMapper json = JsonMapper.builder().build();
    private volatile DatabaseListener listener;

    ChatNotifications(DataSource dataSource, ApplicationEventPublisher events, LiveChat chats) {
        this.dataSource = dataSource;
        this.events = events;
        this.chats = chats;
    }

    @EventListener
    void routingChanged(RoutingUpdate update) {
        if (update.interaction() != null && (update.kind() == RoutingUpdate.Kind.ACCEPTED
                || update.kind() == RoutingUpdate.Kind.ENDED || update.kind() == RoutingUpdate.Kind.REQUEUED)) {
            chats.routingChanged(update.interaction());
        }
    }

    private void heard(String payload) {
        JsonNode n = json.readTree(payload);
        events.publishEvent(new ChatActivity(UUID.fromString(n.get("chat").asString()), n.get("kind").asString(), n.get("from").asString()));
    }

    @Override
    public void start() {
        listener = DatabaseListener.start(dataSource, LiveChat.CHANNEL, this::heard);
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
