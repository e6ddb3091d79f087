package org.caseline.messaging.web;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.caseline.messaging.Outbox;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The outbox for administrators: what failed for good (and why), what waits, what went; and
 * sending a failed mail again once its cause is fixed. Bodies are not shown: the list is for
 * finding what went wrong, not for reading people's mail.
 */
@RestController
class MailAdminApi {

    private final Outbox outbox;

    MailAdminApi(Outbox outbox) {
        this.outbox = outbox;
    }

    @GetMapping("/api/mail/outbox")
    ResponseEntity<?> list(@RequestParam(defaultValue = "FAILED") String status, @RequestParam(defaultValue = "100") int limit) {
        Outbox.Status wanted;
        try {
            wanted = Outbox.Status.valueOf(status.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return ResponseEntity.badRequest().body(Map.of("code", "400", "message", "status must be PENDING, SENT or FAILED"));
        }
        if (limit < 1 || limit > 1000) {
            return ResponseEntity.badRequest().body(Map.of("code", "400", "message", "limit must be between 1 and 1000"));
        }
        List<Outbox.Entry> entries = outbox.list(wanted, limit);
        return ResponseEntity.ok(entries);
    }

    @PostMapping("/api/mail/outbox/{id}/retry")
    ResponseEntity<?> retry(@PathVariable long id) {
        if (outbox.find(id).isEmpty()) {
            return ResponseEntity.status(404).body(Map.of("code", "404", "message", "No mail " + id + " in the outbox"));
        }
        if (!outbox.retry(id)) {
            return ResponseEntity.status(409).body(Map.of("code", "409", "message", "Mail " + id + " has not failed; only a failed mail is sent again"));
        }
        return ResponseEntity.ok(outbox.find(id).orElseThrow());
    }
}
