package org.caseline.assistant.web;

import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import java.time.Clock;

import org.caseline.assistant.AssistantProperties;
import org.caseline.assistant.ChatActivity;
import org.caseline.assistant.LiveChat;
import org.caseline.platform.RateLimiter;
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
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The visitor's WebSocket, {@code /ws/chats/{id}}. The first frame is {@code {"type": "hello",
 * "token": ...}} (the token never travels in the address, which logs keep); then the visitor
 * sends {@code message}, {@code typing}, {@code person} and {@code end}, and gets each new message
 * of the chat ({@code {"type": "message", ...}}), the agent's typing, and, while in line, their
 * place and the estimated wait every few seconds. A page that reconnects says hello again with
 * the last message it has ({@code after}), and gets what it missed.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
class ChatSockets implements WebSocketConfigurer {

    private static final Logger log = LoggerFactory.getLogger(ChatSockets.class);

    /** A visitor's open socket: the chat, its token, and the last message sent down it. */
    private static final class Visitor {
        final WebSocketSession session;
        final UUID chat;
        final String token;
        volatile int sent;

        Visitor(WebSocketSession session, UUID chat, String token, int sent) {
            this.session = session;
            this.chat = chat;
            this.token = token;
            this.sent = sent;
        }
    }

    private final LiveChat chats;
    private final JsonMapper json = JsonMapper.builder().build();
    private final Map<String, Visitor> visitors = new ConcurrentHashMap<>();
    private final Map<UUID, Set<String>> byChat = new ConcurrentHashMap<>();

    private final RateLimiter limiter;

    ChatSockets(LiveChat chats, AssistantProperties settings, Clock clock) {
        this.chats = chats;
        this.limiter = new RateLimiter(settings.perSecond(), settings.burst(), clock);
    }

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        registry.addHandler(new TextWebSocketHandler() {
            @Override
            protected void handleTextMessage(WebSocketSession session, TextMessage frame) {
                handle(session, frame.getPayload());
            }

            @Override
            public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
                Visitor v = visitors.remove(session.getId());
                if (v != null) {
                    byChat.getOrDefault(v.chat, Set.of()).remove(session.getId());
                }
            }
        }, "/ws/chats/*").setAllowedOrigins("*");
    }

    private void handle(WebSocketSession session, String payload) {
        try {
            if (payload.length() > 8 * 1024) {
                error(session, "too-long", "A frame is at most 8 KB");
                return;
            }
            JsonNode frame = json.readTree(payload);
            String type = text(frame, "type");
            Visitor v = visitors.get(session.getId());
            if ("hello".equals(type)) {
                hello(session, frame);
                return;
            }
            if (v == null) {
                error(session, "hello-first", "Say hello with the chat's token first");
                return;
            }
            if ("message".equals(type) || "person".equals(type)) {
                String from = session.getRemoteAddress() == null ? "?" : session.getRemoteAddress().getAddress().getHostAddress();
                if (!limiter.tryAcquire(from).allowed()) {
                    error(session, "rate-limit", "Too many messages at once; wait a moment");
                    return;
                }
            }
            switch (type == null ? "" : type) {
                case "message" -> {
                    chats.visitorSays(v.chat, v.token, text(frame, "text"));
                    push(v); // what it added reaches the sockets of this chat on every node, this one too
                }
                case "typing" -> chats.visitorTyping(v.chat, v.token);
                case "person" -> {
                    chats.askForPerson(v.chat, v.token);
                    push(v);
                }
                case "end" -> chats.end(v.chat, v.token);
                default -> error(session, "type", "A frame's type is hello, message, typing, person or end");
            }
        } catch (LiveChat.RefusedException e) {
            error(session, e.reason(), e.getMessage());
        } catch (LiveChat.NotYoursException e) {
            error(session, "no-chat", e.getMessage());
        } catch (RuntimeException e) {
            log.debug("A chat frame was not taken: {}", e.toString());
            error(session, "frame", "A frame is a JSON object with a type");
        }
    }

    private void hello(WebSocketSession session, JsonNode frame) {
        UUID chat = chatOf(session);
        String token = text(frame, "token");
        int after = frame.has("after") ? frame.get("after").asInt() : 0;
        LiveChat.Transcript t = chats.transcript(chat, token); // refused when not theirs
        Visitor v = new Visitor(new ConcurrentWebSocketSessionDecorator(session, 5_000, 256 * 1024), chat, token, after);
        visitors.put(session.getId(), v);
        byChat.computeIfAbsent(chat, k -> ConcurrentHashMap.newKeySet()).add(session.getId());
        send(v, json.writeValueAsString(Map.of("type", "hello", "state", t.state().name())));
        push(v);
        state(v);
    }

    @EventListener
    void activity(ChatActivity activity) {
        Set<String> sessions = byChat.get(activity.chat());
        if (sessions == null || sessions.isEmpty()) {
            return;
        }
        for (String id : sessions) {
            Visitor v = visitors.get(id);
            if (v == null) {
                continue;
            }
            if ("typing".equals(activity.kind())) {
                if ("agent".equals(activity.from())) {
                    send(v, "{\"type\":\"typing\",\"from\":\"agent\"}");
                }
            } else {
                push(v);
                state(v);
            }
        }
    }

    /** Every few seconds, a visitor in line hears their place and the wait, which move as others are answered. */
    @Scheduled(fixedDelay = 5000)
    void waits() {
        for (Visitor v : visitors.values()) {
            try {
                state(v);
            } catch (RuntimeException e) {
                log.debug("A chat's wait was not told: {}", e.toString());
            }
        }
    }

    /** The messages of the chat the socket has not had yet, in order. */
    private synchronized void push(Visitor v) {
        for (LiveChat.Message m : chats.transcriptAfter(v.chat, v.token, v.sent)) {
            Map<String, Object> out = new java.util.LinkedHashMap<>();
            out.put("type", "message");
            out.put("seq", m.seq());
            out.put("at", m.at().toString());
            out.put("from", m.from());
            out.put("text", m.text());
            out.put("extra", m.extra());
            send(v, json.writeValueAsString(out));
            v.sent = Math.max(v.sent, m.seq());
        }
    }

    private void state(Visitor v) {
        LiveChat.Transcript t = chats.status(v.chat, v.token);
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        out.put("type", "state");
        out.put("state", t.state().name());
        out.put("position", t.position());
        out.put("waitSeconds", t.waitSeconds());
        out.put("agent", t.agent());
        send(v, json.writeValueAsString(out));
    }

    private static UUID chatOf(WebSocketSession session) {
        String path = session.getUri() == null ? "" : session.getUri().getPath();
        try {
            return UUID.fromString(path.substring(path.lastIndexOf('/') + 1));
        } catch (IllegalArgumentException e) {
            throw new LiveChat.NotYoursException();
        }
    }

    private void error(WebSocketSession session, String reason, String message) {
        try {
            if (session.isOpen()) {
                session.sendMessage(new TextMessage(json.writeValueAsString(Map.of("type", "error", "reason", reason, "message", message))));
            }
        } catch (IOException | RuntimeException e) {
            log.debug("A chat error was not delivered: {}", e.toString());
        }
    }

    private static void send(Visitor v, String text) {
        try {
            if (v.session.isOpen()) {
                v.session.sendMessage(new TextMessage(text));
            }
        } catch (IOException | RuntimeException e) {
            log.debug("A chat update was not delivered: {}", e.toString());
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }
}
