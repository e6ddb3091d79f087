package org.caseline.assistant.web;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import org.caseline.assistant.Assistant;
import org.caseline.assistant.AssistantProperties;
import org.caseline.assistant.AssistantTurns;
import org.caseline.platform.RateLimiter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The assistant's public API: a question in, an answer out; and whether an answer helped. Each
 * visitor (by address) may ask only so many questions a second ({@code caseline.assistant.per-second}).
 */
@RestController
class AssistantApi {

    record Question(Object question, Object language) {
    }

    record Feedback(Boolean helpful) {
    }

    private final Assistant assistant;
    private final AssistantTurns turns;
    private final RateLimiter limiter;

    AssistantApi(Assistant assistant, AssistantTurns turns, AssistantProperties settings, Clock clock) {
        this.assistant = assistant;
        this.turns = turns;
        this.limiter = new RateLimiter(settings.perSecond(), settings.burst(), clock);
    }

    @PostMapping("/api/assistant/ask")
    ResponseEntity<?> ask(@RequestBody(required = false) Question body, HttpServletRequest request) {
        RateLimiter.Decision allowed = limiter.tryAcquire(request.getRemoteAddr());
        if (!allowed.allowed()) {
            return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                    .header(HttpHeaders.RETRY_AFTER, String.valueOf(allowed.retryAfterSeconds()))
                    .body(error("429", "rate-limit", "Too many questions at once; wait a moment and ask again"));
        }
        if (body == null || !(body.question() instanceof String question)) {
            return ResponseEntity.unprocessableEntity().body(error("422", "empty", "Send {\"question\": \"...\"} with the question as text"));
        }
        if (body.language() != null && !(body.language() instanceof String l && l.matches("(?i)en|es|en-[a-z]{2}|es-[a-z]{2,3}"))) {
            return ResponseEntity.unprocessableEntity().body(error("422", "language", "language is \"en\" or \"es\", or left out to be detected"));
        }
        return ResponseEntity.ok(assistant.ask(question, (String) body.language(), null));
    }

    @PostMapping("/api/assistant/turns/{turn}/feedback")
    ResponseEntity<?> feedback(@PathVariable String turn, @RequestBody(required = false) Feedback body) {
        if (body == null || body.helpful() == null) {
            return ResponseEntity.unprocessableEntity().body(error("422", "helpful", "Send {\"helpful\": true} or {\"helpful\": false}"));
        }
        UUID id;
        try {
            id = UUID.fromString(turn);
        } catch (IllegalArgumentException e) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND).body(error("404", "no-turn", "No such answer"));
        }
        return turns.feedback(id, body.helpful()) ? ResponseEntity.noContent().build()
                : ResponseEntity.status(HttpStatus.NOT_FOUND).body(error("404", "no-turn", "No such answer"));
    }

    @ExceptionHandler(Assistant.InvalidQuestionException.class)
    ResponseEntity<Map<String, Object>> invalid(Assistant.InvalidQuestionException e) {
        return ResponseEntity.unprocessableEntity().body(error("422", e.reason(), e.getMessage()));
    }

    static Map<String, Object> error(String code, String reason, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", code);
        body.put("reason", reason);
        body.put("message", message);
        return body;
    }
}
