package org.caseline.agentdesk;

import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

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
 * The agent's side of a written contact they hold: read its thread, answer it (by mail, held to
 * the rule that mail carries no case details), and close it with a disposition, which makes room
 * for the next. Only the agent holding the message may do any of it.
 */
@RestController
class MessageDeskApi {

    record Reply(String text) {
    }

    record Closing(String disposition) {
    }

    private final Router router;
    private final ContactMessages contactMessages;
    private final DeskProperties desk;

    MessageDeskApi(Router router, ContactMessages contactMessages, DeskProperties desk) {
        this.router = router;
        this.contactMessages = contactMessages;
        this.desk = desk;
    }

    @GetMapping("/api/agents/me/interactions/{id}/thread")
    Map<String, Object> thread(Principal me, @PathVariable UUID id) {
        Router.Interaction message = router.heldMessage(me.getName(), id);
        ContactMessages.Thread thread = contactMessages.thread(message.attributes().get("reference"))
                .orElseThrow(() -> new Router.ConflictException("The message behind " + id + " is gone"));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("interaction", id);
        body.put("reference", thread.reference());
        body.put("from", thread.name());
        body.put("language", thread.language());
        body.put("topic", thread.topic());
        body.put("receivedAt", thread.receivedAt().toString());
        body.put("answerBy", thread.answerBy().toString());
        body.put("status", thread.status());
        body.put("entries", thread.entries());
        // the sender's address is not shown: the answer goes to it, the agent need not copy it anywhere
        return body;
    }

    @PostMapping("/api/agents/me/interactions/{id}/reply")
    Map<String, Object> reply(Principal me, @PathVariable UUID id, @RequestBody(required = false) Reply reply) {
        Router.Interaction message = router.heldMessage(me.getName(), id);
        if (message.state() != org.caseline.routing.InteractionState.CONNECTED) {
            throw new Router.ConflictException("Open the message (accept) before answering it");
        }
        contactMessages.answer(message.attributes().get("reference"), me.getName(), reply == null ? null : reply.text());
        return Map.of("sent", true, "reference", message.attributes().get("reference"));
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
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", e.code());
        body.put("message", e.getMessage());
        body.put("problems", e.problems());
        return ResponseEntity.status(e.status()).body(body);
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
