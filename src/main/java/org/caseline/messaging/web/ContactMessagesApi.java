package org.caseline.messaging.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import org.caseline.messaging.ContactMessages;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Messages from the public over HTTP: {@code POST /api/contact-messages} (no account, no CSRF
 * token: nothing is signed in) and the topics to choose from.
 */
@RestController
class ContactMessagesApi {

    private final ContactMessages contactMessages;

    ContactMessagesApi(ContactMessages contactMessages) {
        this.contactMessages = contactMessages;
    }

    @GetMapping("/api/contact-messages/topics")
    Map<String, Object> topics(@RequestParam(defaultValue = "en") String language) {
        Locale lang = Locale.forLanguageTag(language);
        return Map.of("answerWithinHours", contactMessages.answerWithin().toHours(), "topics", contactMessages.topics().stream()
                .map(t -> Map.of("code", t.code(), "name", t.name().in(lang))).toList());
    }

    @PostMapping("/api/contact-messages")
    ResponseEntity<Map<String, Object>> send(@RequestBody(required = false) ContactMessages.Submission body, HttpServletRequest request) {
        if (body == null) {
            throw new ContactMessages.Refused(422, "body", "Send name, email, language, topic and text as JSON.", List.of());
        }
        var received = contactMessages.receive(body, request.getRemoteAddr());
        return ResponseEntity.accepted().body(Map.of("reference", received.reference(), "answerBy", received.answerBy().toString()));
    }

    @ExceptionHandler(ContactMessages.Refused.class)
    ResponseEntity<Map<String, Object>> refused(ContactMessages.Refused e) {
        return ResponseEntity.status(e.status()).body(e.body());
    }
}
