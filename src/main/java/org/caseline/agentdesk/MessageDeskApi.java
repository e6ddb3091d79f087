package org.caseline.agentdesk;

import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.caseline.accounts.SecureMessages;
import org.caseline.appointments.AppointmentRequests;
import org.caseline.messaging.ContactMessages;
import org.caseline.routing.Router;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The agent's side of a written contact they hold, a public contact message or an account
 * holder's secure message: read its thread (and its files), answer it, and close it with a
 * disposition, which makes room for the next. Only the agent holding the message may do any of it.
 */
@RestController
class MessageDeskApi {

    record Reply(String text) {
    }

    record Closing(String disposition) {
    }

    private final Router router;
    private final ContactMessages contactMessages;
    private final SecureMessages secure;
    private final DeskProperties desk;
    private final AppointmentRequests appointmentRequests;

    MessageDeskApi(Router router, ContactMessages contactMessages, SecureMessages secure, DeskProperties desk,
                   AppointmentRequests appointmentRequests) {
        this.appointmentRequests = appointmentRequests;
        this.secure = secure;
        this.router = router;
        this.contactMessages = contactMessages;
        this.desk = desk;
    }

    @GetMapping("/api/agents/me/interactions/{id}/thread")
    Map<String, Object> thread(Principal me, @PathVariable UUID id) {
        Router.Interaction message = router.heldMessage(me.getName(), id);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("interaction", id);
        body.put("kind", message.attributes().get("kind"));
        // who handed it on, and their note: for the agent only, never part of any answer
        String handedOnBy = message.attributes().getOrDefault("escalatedBy", message.attributes().get("transferredBy"));
        if (handedOnBy != null) {
            body.put("handedOnBy", handedOnBy);
            body.put("note", message.attributes().get("escalationNote"));
        }
        if ("appointment-request".equals(message.attributes().get("kind"))) {
            AppointmentRequests.Request request = appointmentRequests.find(UUID.fromString(message.attributes().get("request")))
                    .orElseThrow(() -> new Router.ConflictException("The request behind " + id + " is gone"));
            body.put("reference", request.reference());
            body.put("from", request.requesterName());
            body.put("receiptNumber", request.receiptNumber());
            body.put("language", request.language());
            body.put("appointmentType", request.type());
            body.put("office", request.office());
            body.put("reason", request.reason());
            body.put("evidence", request.evidence());
            body.put("accommodations", request.accommodations());
            body.put("canBeMailed", request.canBeMailed());
            body.put("receivedAt", request.requestedAt().toString());
            body.put("answerBy", message.answerBy().toString());
            body.put("status", request.status());
            body.put("entries", java.util.List.of());
            return body;
        }
        if (isSecure(message)) {
            SecureMessages.Thread thread = secureThread(message);
            body.put("reference", message.attributes().get("reference"));
            body.put("from", "account holder");
            body.put("subject", thread.subject());
            body.put("receiptNumber", thread.receiptNumber());
            body.put("language", thread.language());
            body.put("receivedAt", thread.createdAt().toString());
            body.put("answerBy", thread.answerBy().toString());
            body.put("status", thread.status());
            body.put("entries", thread.messages().stream().map(m -> Map.of("direction", m.direction(), "author", m.author(), "body", m.body(),
                    "at", m.at().toString(), "attachments", m.attachments())).toList());
            return body;
        }
        ContactMessages.Thread thread = contactMessages.thread(message.attributes().get("reference"))
                .orElseThrow(() -> new Router.ConflictException("The message behind " + id + " is gone"));
        body.put("reference", thread.reference());
        body.put("from", thread.name());
        body.put("language", thread.language());
        body.put("topic", thread.topic());
        if (thread.mailbox() != null) {
            body.put("subject", thread.subject());
            body.put("mailbox", thread.mailbox());
            body.put("office", message.attributes().get("office"));
        }
        body.put("receivedAt", thread.receivedAt().toString());
        body.put("answerBy", thread.answerBy().toString());
        body.put("status", thread.status());
        body.put("entries", thread.entries());
        // the sender's address is not shown: the answer goes to it, the agent need not copy it anywhere
        return body;
    }

    /** A file sent with the secure message the agent holds. */
    @GetMapping("/api/agents/me/interactions/{id}/attachments/{attachment}")
    ResponseEntity<byte[]> attachment(Principal me, @PathVariable UUID id, @PathVariable UUID attachment) {
        Router.Interaction message = router.heldMessage(me.getName(), id);
        boolean inThread = isSecure(message) && secureThread(message).messages().stream()
                .flatMap(m -> m.attachments().stream()).anyMatch(a -> a.id().equals(attachment));
        if (!inThread) {
            throw new Router.ConflictException("No file " + attachment + " in the message you hold");
        }
        SecureMessages.Download file = secure.attachment(null, attachment).orElseThrow();
        return org.caseline.platform.Downloads.attachment(file.name(), file.mediaType(), file.content());
    }

    /**
     * The agent's answer. A public message's goes by plain mail and is held to the rule (no case
     * details); a secure message's stays in the account, where what the case needs may be said.
     */
    @PostMapping("/api/agents/me/interactions/{id}/reply")
    Map<String, Object> reply(Principal me, @PathVariable UUID id, @RequestBody(required = false) Reply reply) {
        Router.Interaction message = router.heldMessage(me.getName(), id);
        if (message.state() != org.caseline.routing.InteractionState.CONNECTED) {
            throw new Router.ConflictException("Open the message (accept) before answering it");
        }
        String text = reply == null ? null : reply.text();
        if (isSecure(message)) {
            secure.answer(UUID.fromString(message.attributes().get("thread")), me.getName(), text);
        } else {
            contactMessages.answer(message.attributes().get("reference"), me.getName(), text);
        }
        return Map.of("sent", true, "reference", message.attributes().get("reference"));
    }

    private static boolean isSecure(Router.Interaction message) {
        return "secure-message".equals(message.attributes().get("kind"));
    }

    private SecureMessages.Thread secureThread(Router.Interaction message) {
        return secure.forStaff(UUID.fromString(message.attributes().get("thread")))
                .orElseThrow(() -> new Router.ConflictException("The thread behind " + message.id() + " is gone"));
    }

    @PostMapping("/api/agents/me/interactions/{id}/close")
    Router.Interaction close(Principal me, @PathVariable UUID id, @RequestBody(required = false) Closing closing) {
        String disposition = closing == null ? null : closing.disposition();
        if (disposition == null || !desk.dispositions().contains(disposition)) {
            throw new Router.InvalidRequestException("Choose a disposition: " + String.join(", ", desk.dispositions()));
        }
        return router.closeMessage(me.getName(), id, disposition);
    }

    @ExceptionHandler(ContactMessages.Refused.class)
    ResponseEntity<Map<String, Object>> refused(ContactMessages.Refused e) {
        return ResponseEntity.status(e.status()).body(e.body());
    }

    @ExceptionHandler(org.caseline.accounts.Applicants.Refused.class)
    ResponseEntity<Map<String, String>> refused(org.caseline.accounts.Applicants.Refused e) {
        return ResponseEntity.status(e.status()).body(Map.of("code", e.code(), "message", e.getMessage()));
    }

    @ExceptionHandler(Router.ConflictException.class)
    ResponseEntity<Map<String, String>> conflict(Router.ConflictException e) {
        return ResponseEntity.status(409).body(Map.of("code", "conflict", "message", e.getMessage()));
    }

    @ExceptionHandler(Router.InvalidRequestException.class)
    ResponseEntity<Map<String, String>> invalid(Router.InvalidRequestException e) {
        return ResponseEntity.status(422).body(Map.of("code", "invalid", "message", e.getMessage()));
    }
}
