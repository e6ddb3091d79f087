package org.caseline.agentdesk;

import java.io.IOException;
import java.security.Principal;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import org.caseline.routing.Router;
import org.caseline.routing.RoutingUpdate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;
import org.springframework.web.socket.handler.TextWebSocketHandler;

import tools.jackson.databind.json.JsonMapper;

/**
 * The live side of the desktop and the wallboard. An agent's page hears of every change to their
 * own work ("offered", "accepted", "ended", state) the moment routing's notification reaches this
 * node, and fetches what it needs; a wallboard gets every queue's figures when anything changed,
 * at most once a second, and at least every five seconds (waits grow while nothing happens).
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
class LiveUpdates implements WebSocketConfigurer {

    private static final Logger log = LoggerFactory.getLogger(LiveUpdates.class);

    private final Router router;
    private final org.caseline.assistant.LiveChat chats;
    private final JsonMapper json = JsonMapper.builder().build();
    /** Agent pages, by user name (an agent may have the desktop open in more than one tab). */
    private final Map<String, Set<WebSocketSession>> desks = new ConcurrentHashMap<>();
    private final Set<WebSocketSession> wallboards = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean changed = new AtomicBoolean(true);
    private long lastPush;

    LiveUpdates(Router router, org.caseline.assistant.LiveChat chats) {
        this.router = router;
        this.chats = chats;
    }

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        registry.addHandler(new TextWebSocketHandler() {
            @Override
            public void afterConnectionEstablished(WebSocketSession session) {
                Principal who = session.getPrincipal();
                if (who == null) {
                    close(session);
                    return;
                }
                desks.computeIfAbsent(who.getName(), k -> ConcurrentHashMap.newKeySet()).add(safe(session));
            }

            @Override
            public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
                desks.values().forEach(set -> set.removeIf(s -> s.getId().equals(session.getId())));
            }
        }, "/ws/desk");
        registry.addHandler(new TextWebSocketHandler() {
            @Override
            public void afterConnectionEstablished(WebSocketSession session) {
                WebSocketSession s = safe(session);
                wallboards.add(s);
                send(s, figures());
            }

            @Override
            public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
                wallboards.removeIf(s -> s.getId().equals(session.getId()));
            }
        }, "/ws/wallboard");
    }

    @EventListener
    void routingUpdate(RoutingUpdate update) {
        changed.set(true);
        if (update.agent() == null) {
            return;
        }
        Set<WebSocketSession> sessions = desks.get(update.agent());
        if (sessions == null || sessions.isEmpty()) {
            return;
        }
        var message = json.createObjectNode();
        message.put("type", "update");
        message.put("kind", update.kind().name());
        message.put("interaction", update.interaction() == null ? null : update.interaction().toString());
        String text = message.toString();
        sessions.forEach(s -> send(s, text));
    }

    /** A chat's message or typing reaches the desk of the agent who has the chat, on this node. */
    @EventListener
    void chatActivity(org.caseline.assistant.ChatActivity activity) {
        if ("agent".equals(activity.from()) && "typing".equals(activity.kind())) {
            return;
        }
        chats.interactionOf(activity.chat()).flatMap(router::interaction).filter(i -> i.agent() != null).ifPresent(i -> {
            Set<WebSocketSession> sessions = desks.get(i.agent());
            if (sessions == null || sessions.isEmpty()) {
                return;
            }
            var message = json.createObjectNode();
            message.put("type", "chat");
            message.put("kind", activity.kind());
            message.put("from", activity.from());
            message.put("interaction", i.id().toString());
            String text = message.toString();
            sessions.forEach(s -> send(s, text));
        });
    }

    @Scheduled(fixedDelay = 1000)
    void pushFigures() {
        if (wallboards.isEmpty()) {
            return;
        }
        long now = System.nanoTime();
        if (!changed.getAndSet(false) && now - lastPush < 5_000_000_000L) {
            return;
        }
        lastPush = now;
        String text = figures();
        wallboards.forEach(s -> send(s, text));
    }

    private String figures() {
        var message = json.createObjectNode();
        message.put("type", "figures");
        message.set("queues", json.valueToTree(router.figures()));
        message.set("agents", json.valueToTree(router.agentsByState()));
        return message.toString();
    }

    private static WebSocketSession safe(WebSocketSession session) {
        return new ConcurrentWebSocketSessionDecorator(session, 5_000, 256 * 1024);
    }

    private static void send(WebSocketSession session, String text) {
        try {
            if (session.isOpen()) {
                session.sendMessage(new TextMessage(text));
            }
        } catch (IOException | RuntimeException e) {
            log.debug("A live update was not delivered: {}", e.toString());
        }
    }

    private static void close(WebSocketSession session) {
        try {
            session.close(CloseStatus.POLICY_VIOLATION);
        } catch (IOException e) {
            log.debug("closing a socket", e);
        }
    }
}
