package org.caseline.assistant.web;

import java.security.Principal;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.caseline.assistant.AssistantTurns;
import org.caseline.assistant.KnowledgeBase;
import org.caseline.platform.VersionedFiles;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * For administrators: the assistant's knowledge (the live file, its history, a new version) and
 * the questions it could not answer, most asked first, to write the next article from.
 */
@RestController
class KnowledgeAdminApi {

    record Change(String file, String note) {
    }

    private final KnowledgeBase knowledge;
    private final AssistantTurns turns;
    private final Clock clock;

    KnowledgeAdminApi(KnowledgeBase knowledge, AssistantTurns turns, Clock clock) {
        this.knowledge = knowledge;
        this.turns = turns;
        this.clock = clock;
    }

    @GetMapping("/api/assistant/knowledge")
    VersionedFiles.Version live() {
        return knowledge.currentVersion();
    }

    @GetMapping("/api/assistant/knowledge/history")
    List<VersionedFiles.Version> history() {
        return knowledge.history();
    }

    @PutMapping("/api/assistant/knowledge")
    ResponseEntity<?> change(@RequestBody(required = false) Change change, Principal who) {
        if (change == null || change.file() == null || change.file().isBlank()) {
            return ResponseEntity.unprocessableEntity().body(Map.of("code", "422", "reason", "file",
                    "message", "Send {\"file\": \"...the whole knowledge.yaml...\", \"note\": \"why\"}"));
        }
        try {
            return ResponseEntity.ok(knowledge.change(change.file(), who.getName(), change.note()));
        } catch (KnowledgeBase.InvalidKnowledgeException e) {
            return ResponseEntity.unprocessableEntity().body(Map.of("code", "422", "reason", "invalid", "message", e.getMessage(),
                    "problems", e.problems()));
        }
    }

    @GetMapping("/api/assistant/unanswered")
    List<AssistantTurns.Unanswered> unanswered(@RequestParam(defaultValue = "30") int days, @RequestParam(defaultValue = "100") int limit) {
        return turns.unanswered(clock.instant().minus(Duration.ofDays(Math.max(1, Math.min(days, 366)))), limit);
    }
}
