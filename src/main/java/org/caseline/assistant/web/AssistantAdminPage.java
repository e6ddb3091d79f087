package org.caseline.assistant.web;

import java.security.Principal;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;

import jakarta.servlet.http.HttpServletResponse;
import org.caseline.assistant.AssistantTurns;
import org.caseline.assistant.KnowledgeBase;
import org.caseline.platform.Languages;
import org.caseline.platform.VersionedFiles;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The assistant for administrators: what it could not answer in the last 30 days, most asked first
 * (what to write the next article from), and its knowledge file, saved as a new version when the
 * whole file passes the checks, else with every problem listed and the text as it was sent.
 */
@Controller
class AssistantAdminPage {

    private final KnowledgeBase knowledge;
    private final AssistantTurns turns;
    private final Clock clock;

    AssistantAdminPage(KnowledgeBase knowledge, AssistantTurns turns, Clock clock) {
        this.knowledge = knowledge;
        this.turns = turns;
        this.clock = clock;
    }

    @GetMapping("/staff/assistant")
    String page(Locale locale, Model model) {
        if (!model.containsAttribute("text")) {
            model.addAttribute("text", knowledge.currentVersion().files().get(KnowledgeBase.FILE));
        }
        return render(locale, model);
    }

    @PostMapping("/staff/assistant")
    String save(@RequestParam(required = false) String text, @RequestParam(required = false) String note, Principal who,
                Locale locale, HttpServletResponse response, Model model, RedirectAttributes result) {
        try {
            VersionedFiles.Version version = knowledge.change(text == null ? "" : text, who.getName(),
                    note == null || note.isBlank() ? "edited on the staff page" : note.strip());
            result.addFlashAttribute("saved", version.number());
            return "redirect:/staff/assistant";
        } catch (KnowledgeBase.InvalidKnowledgeException e) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            model.addAttribute("problems", e.problems());
            model.addAttribute("text", text);
            model.addAttribute("note", note);
            return render(locale, model);
        }
    }

    private String render(Locale locale, Model model) {
        VersionedFiles.Version live = knowledge.currentVersion();
        model.addAttribute("version", live);
        model.addAttribute("versionAt", Languages.longDate(live.changedAt().atZone(java.time.ZoneOffset.UTC).toLocalDate(),
                Languages.supported(locale)));
        model.addAttribute("unanswered", turns.unanswered(clock.instant().minus(Duration.ofDays(30)), 50));
        return "staff-assistant";
    }
}
