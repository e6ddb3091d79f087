package org.caseline.routing.api;

import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.caseline.routing.AgentState;
import org.caseline.routing.Router;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The agent's side of routing, for the desktop and for scripts: their state, the contact offered
 * or in hand, accept and reject, notes and disposition, escalation and transfer. Each acts on the
 * signed-in agent's own work only.
 */
@RestController
class AgentApi {

    private final Router router;

    AgentApi(Router router) {
        this.router = router;
    }

    record StateChange(String state, String reason) {
    }

    record Annotation(String disposition, String notes) {
    }

    record Escalation(String note) {
    }

    record Transfer(String queue, String agent) {
    }

    record Skills(Set<String> skills) {
    }

    @GetMapping("/api/agents/me")
    Map<String, Object> me(Principal me) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("agent", router.agent(me.getName()));
        body.put("interaction", router.currentOf(me.getName()).orElse(null));
        body.put("messages", router.messagesOf(me.getName()));
        return body;
    }

    record NameChoice(Boolean show) {
    }

    /** The agent chooses whether callers are given their name as well as their public ID (off until chosen). */
    @PutMapping("/api/agents/me/public-name")
    Router.Agent publicName(Principal me, @RequestBody(required = false) NameChoice choice) {
        if (choice == null || choice.show() == null) {
            throw new Router.InvalidRequestException("Send {\"show\": true} or {\"show\": false}");
        }
        router.showsName(me.getName(), choice.show());
        return router.agent(me.getName());
    }

    /** A contact by the reference its person was given (they call again, or write, and give it). */
    @GetMapping("/api/contacts/{reference}")
    ResponseEntity<Map<String, Object>> contact(@PathVariable String reference) {
        List<Router.ContactPart> parts = router.contact(reference);
        if (parts.isEmpty()) {
            return ResponseEntity.status(404).body(Map.of("code", "no-contact", "message", "No contact has the reference " + reference));
        }
        return ResponseEntity.ok(Map.of("reference", reference.replaceAll("[\\s-]", ""), "parts", parts));
    }

    @PutMapping("/api/agents/me/state")
    Router.Agent state(Principal me, @RequestBody StateChange change) {
        AgentState wanted;
        try {
            wanted = AgentState.valueOf(change.state() == null ? "" : change.state().strip().toUpperCase());
        } catch (IllegalArgumentException e) {
            throw new Router.InvalidRequestException("Unknown state \"" + change.state() + "\"; choose AVAILABLE, BREAK or OFFLINE");
        }
        return router.state(me.getName(), wanted, change.reason());
    }

    @PostMapping("/api/agents/me/interactions/{id}/accept")
    Router.Interaction accept(Principal me, @PathVariable UUID id) {
        boolean message = router.interaction(id).map(i -> "MESSAGE".equals(i.channel())).orElse(false);
        return message ? router.openMessage(me.getName(), id) : router.accept(me.getName(), id);
    }

    @PostMapping("/api/agents/me/interactions/{id}/reject")
    ResponseEntity<Void> reject(Principal me, @PathVariable UUID id) {
        router.reject(me.getName(), id);
        return ResponseEntity.noContent().build();
    }

    @PutMapping("/api/agents/me/interactions/{id}/notes")
    ResponseEntity<Void> annotate(Principal me, @PathVariable UUID id, @RequestBody Annotation annotation) {
        router.annotate(me.getName(), id, blankToNull(annotation.disposition()), annotation.notes());
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/api/agents/me/interactions/{id}/escalate")
    Router.Interaction escalate(Principal me, @PathVariable UUID id, @RequestBody(required = false) Escalation escalation) {
        return router.escalate(me.getName(), id, escalation == null ? null : escalation.note());
    }

    @PostMapping("/api/agents/me/interactions/{id}/transfer")
    Router.Interaction transfer(Principal me, @PathVariable UUID id, @RequestBody Transfer transfer) {
        return router.transfer(me.getName(), id, blankToNull(transfer.queue()), blankToNull(transfer.agent()));
    }

    @GetMapping("/api/interactions/{id}/decisions")
    List<Router.Decision> decisions(@PathVariable UUID id) {
        return router.decisions(id);
    }

    @GetMapping("/api/agents")
    List<Router.Agent> agents() {
        return router.agents();
    }

    @PutMapping("/api/agents/{username}/skills")
    Router.Agent skills(@PathVariable String username, @RequestBody Skills skills) {
        if (skills.skills() == null || skills.skills().isEmpty()) {
            throw new Router.InvalidRequestException("An agent needs at least one skill");
        }
        return router.skills(username, skills.skills());
    }

    @GetMapping("/api/callbacks")
    List<Router.CallbackReport> callbacks() {
        return router.callbacks();
    }

    @GetMapping("/api/queues")
    List<Router.QueueFigures> queues() {
        return router.figures();
    }

    /** The written contacts near or past their deadline, behind the wallboard's "at risk" figure. */
    @GetMapping("/api/queues/written/at-risk")
    List<Router.AtRisk> writtenAtRisk() {
        return router.writtenAtRisk();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
