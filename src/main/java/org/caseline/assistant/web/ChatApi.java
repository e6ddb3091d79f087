package org.caseline.assistant.web;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import org.caseline.assistant.AssistantProperties;
import org.caseline.assistant.LiveChat;
import org.caseline.platform.RateLimiter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * A visitor's chat over HTTP: {@code POST /api/chats} starts one and gives its id, the token that
 * opens it (sent back as {@code X-Chat-Token}) and its WebSocket; the transcript, messages, a
 * request for a person, the end, and the transcript by email. The WebSocket ({@link ChatSockets})
 * carries the same messages as they happen.
 */
@RestController
class ChatApi {

    static final String TOKEN = "X-Chat-Token";

    record Start(String language) {
    }

    record Text(String text) {
    }

    record Email(String email) {
    }

    private final LiveChat chats;
    private final RateLimiter limiter;

    ChatApi(LiveChat chats, AssistantProperties settings, Clock clock) {
        this.chats = chats;
        this.limiter = new RateLimiter(settings.perSecond(), settings.burst(), clock);
    }

    @PostMapping("/api/chats")
    ResponseEntity<?> start(@RequestBody(required = false) Start body, HttpServletRequest request) {
        ResponseEntity<?> limited = limited(request);
        if (limited != null) {
            return limited;
        }
        String language = body == null ? null : body.language();
        if (language != null && !language.matches("(?i)en|es|en-[a-z]{2}|es-[a-z]{2,3}")) {
            return ResponseEntity.unprocessableEntity().body(AssistantApi.error("422", "language", "language is \"en\" or \"es\""));
        }
        LiveChat.Started started = chats.start(language);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("chatId", started.chatId());
        out.put("token", started.token());
        out.put("socket", "/ws/chats/" + started.chatId());
        return ResponseEntity.status(HttpStatus.CREATED).body(out);
    }

    @GetMapping("/api/chats/{id}")
    LiveChat.Transcript transcript(@PathVariable String id, @RequestHeader(value = TOKEN, required = false) String token) {
        return chats.transcript(id(id), token);
    }

    @PostMapping("/api/chats/{id}/messages")
    ResponseEntity<?> say(@PathVariable String id, @RequestHeader(value = TOKEN, required = false) String token,
                          @RequestBody(required = false) Text body, HttpServletRequest request) {
        ResponseEntity<?> limited = limited(request);
        if (limited != null) {
            return limited;
        }
        List<LiveChat.Message> added = chats.visitorSays(id(id), token, body == null ? null : body.text());
        return ResponseEntity.ok(added);
    }

    @PostMapping("/api/chats/{id}/person")
    LiveChat.Transcript person(@PathVariable String id, @RequestHeader(value = TOKEN, required = false) String token) {
        return chats.askForPerson(id(id), token);
    }

    @PostMapping("/api/chats/{id}/end")
    ResponseEntity<Void> end(@PathVariable String id, @RequestHeader(value = TOKEN, required = false) String token) {
        chats.end(id(id), token);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/api/chats/{id}/transcript-email")
    ResponseEntity<Void> email(@PathVariable String id, @RequestHeader(value = TOKEN, required = false) String token,
                               @RequestBody(required = false) Email body) {
        chats.emailTranscript(id(id), token, body == null ? null : body.email());
        return ResponseEntity.accepted().build();
    }

    private ResponseEntity<?> limited(HttpServletRequest request) {
        RateLimiter.Decision allowed = limiter.tryAcquire(request.getRemoteAddr());
        return allowed.allowed() ? null : ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                .header(HttpHeaders.RETRY_AFTER, String.valueOf(allowed.retryAfterSeconds()))
                .body(AssistantApi.error("429", "rate-limit", "Too many messages at once; wait a moment"));
    }

    private static UUID id(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new LiveChat.NotYoursException();
        }
    }

    @ExceptionHandler(LiveChat.NotYoursException.class)
    ResponseEntity<Map<String, Object>> notYours(LiveChat.NotYoursException e) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(AssistantApi.error("404", "no-chat", e.getMessage()));
    }

    @ExceptionHandler(LiveChat.RefusedException.class)
    ResponseEntity<Map<String, Object>> refused(LiveChat.RefusedException e) {
        HttpStatus status = "ended".equals(e.reason()) ? HttpStatus.CONFLICT : HttpStatus.UNPROCESSABLE_ENTITY;
        return ResponseEntity.status(status).body(AssistantApi.error(String.valueOf(status.value()), e.reason(), e.getMessage()));
    }
}
