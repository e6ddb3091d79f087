package org.caseline.agentdesk;

import java.security.Principal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.caseline.assistant.LiveChat;
import org.caseline.routing.Router;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The agent's side of the live chats they have (up to their chat capacity at once): each with the
 * whole conversation, the assistant's part included, and what it understood; write, show typing,
 * transfer, escalate, and close with a disposition. Only the agent who has a chat may do any of it.
 */
@RestController
class ChatDeskApi {

    record Text(String text) {
    }

    record Closing(String disposition) {
    }

    record HandOn(String queue, String note) {
    }

    private final Router router;
    private final LiveChat chats;
    private final DeskProperties desk;

    ChatDeskApi(Router router, LiveChat chats, DeskProperties desk) {
        this.router = router;
        this.chats = chats;
        this.desk = desk;
    }

    @GetMapping("/api/agents/me/chats")
    List<Map<String, Object>> mine(Principal me) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Router.Interaction i : router.chatsOf(me.getName())) {
            out.add(chat(me.getName(), i));
        }
        return out;
    }

    @GetMapping("/api/agents/me/chats/{interaction}")
    Map<String, Object> one(Principal me, @PathVariable UUID interaction) {
        return chat(me.getName(), router.heldChat(me.getName(), interaction));
    }

    @PostMapping("/api/agents/me/chats/{interaction}/messages")
    LiveChat.Message say(Principal me, @PathVariable UUID interaction, @RequestBody(required = false) Text body) {
        return chats.agentSays(me.getName(), interaction, body == null ? null : body.text());
    }

    @PostMapping("/api/agents/me/chats/{interaction}/typing")
    ResponseEntity<Void> typing(Principal me, @PathVariable UUID interaction) {
        chats.agentTyping(me.getName(), interaction);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/api/agents/me/chats/{interaction}/close")
    ResponseEntity<?> close(Principal me, @PathVariable UUID interaction, @RequestBody(required = false) Closing body) {
        String disposition = body == null ? null : body.disposition();
        if (disposition != null && !desk.dispositions().contains(disposition)) {
            return ResponseEntity.unprocessableEntity().body(Map.of("code", "422", "reason", "disposition",
                    "message", "A disposition is one of " + String.join(", ", desk.dispositions())));
        }
        chats.close(me.getName(), interaction, disposition);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/api/agents/me/chats/{interaction}/transfer")
    Router.Interaction transfer(Principal me, @PathVariable UUID interaction, @RequestBody(required = false) HandOn body) {
        if (body == null || body.queue() == null || body.queue().isBlank()) {
            throw new Router.InvalidRequestException("Say which chat queue to transfer to: {\"queue\": \"chat-es\"}");
        }
        return chats.handOn(me.getName(), interaction, body.queue(), body.note(), false);
    }

    @PostMapping("/api/agents/me/chats/{interaction}/escalate")
    Router.Interaction escalate(Principal me, @PathVariable UUID interaction, @RequestBody(required = false) HandOn body) {
        return chats.handOn(me.getName(), interaction, null, body == null ? null : body.note(), true);
    }

    private Map<String, Object> chat(String username, Router.Interaction i) {
        LiveChat.Transcript t = chats.forAgent(username, i.id());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("interaction", i.id());
        out.put("chat", t.id());
        out.put("queue", i.queue());
        out.put("language", t.language());
        out.put("since", i.answeredAt());
        out.put("contactReference", i.attributes().get("contactReference"));
        out.put("understood", i.attributes().get("understood"));
        out.put("escalationNote", i.attributes().get("escalationNote"));
        out.put("transferNote", i.attributes().get("transferNote"));
        out.put("messages", t.messages());
        return out;
    }
}
