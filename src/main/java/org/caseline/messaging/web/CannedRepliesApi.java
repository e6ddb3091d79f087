package org.caseline.messaging.web;

import java.net.URI;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.caseline.messaging.CannedReplies;
import org.caseline.messaging.ContactMessages;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Saved replies: agents read those of a topic and language to start an answer from; administrators
 * write, change and remove them.
 */
@RestController
class CannedRepliesApi {

    private final CannedReplies replies;

    CannedRepliesApi(CannedReplies replies) {
        this.replies = replies;
    }

    @GetMapping("/api/canned-replies")
    List<CannedReplies.Reply> list(@RequestParam(required = false) String topic, @RequestParam(required = false) String language) {
        return replies.list(blankToNull(topic), blankToNull(language));
    }

    @PostMapping("/api/canned-replies")
    ResponseEntity<CannedReplies.Reply> create(Principal me, @RequestBody(required = false) CannedReplies.Draft draft) {
        CannedReplies.Reply made = replies.create(orEmpty(draft), me.getName());
        return ResponseEntity.created(URI.create("/api/canned-replies/" + made.id())).body(made);
    }

    @PutMapping("/api/canned-replies/{id}")
    CannedReplies.Reply update(Principal me, @PathVariable UUID id, @RequestBody(required = false) CannedReplies.Draft draft) {
        return replies.update(id, orEmpty(draft), me.getName());
    }

    @DeleteMapping("/api/canned-replies/{id}")
    ResponseEntity<Void> delete(@PathVariable UUID id) {
        replies.delete(id);
        return ResponseEntity.noContent().build();
    }

    @ExceptionHandler(ContactMessages.Refused.class)
    ResponseEntity<Map<String, Object>> refused(ContactMessages.Refused e) {
        return ResponseEntity.status(e.status()).body(e.body());
    }

    private static CannedReplies.Draft orEmpty(CannedReplies.Draft draft) {
        return draft == null ? new CannedReplies.Draft(null, null, null, null) : draft;
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
