package org.caseline.messaging.web;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.caseline.messaging.ContactMessages;
import org.caseline.platform.Languages;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * "Write to us" without an account. Spam is kept off without a third-party CAPTCHA: a field people
 * never see (a form that fills it is taken for a robot's and quietly dropped), a form sent back
 * sooner than a person can write is asked to wait, and the limits per address and email.
 */
@Controller
class ContactPage {

    /** Faster than this from opening the page to sending it, no person wrote the message. */
    private static final Duration FASTEST_PERSON = Duration.ofSeconds(3);

    private final ContactMessages contactMessages;
    private final MessageSource messages;
    private final Clock clock;
    private final ZoneId zone;

    ContactPage(ContactMessages contactMessages, MessageSource messages, Clock clock,
                @Value("${caseline.agency.time-zone:America/New_York}") ZoneId zone) {
        this.contactMessages = contactMessages;
        this.messages = messages;
        this.clock = clock;
        this.zone = zone;
    }

    @GetMapping("/contact")
    String form(Locale locale, Model model) {
        Locale language = Languages.supported(locale);
        fill(model, language, Map.of("language", language.getLanguage()), Map.of());
        return "contact";
    }

    @PostMapping("/contact")
    String send(@RequestParam Map<String, String> posted, Locale locale, Model model, HttpServletRequest request,
                HttpServletResponse response) {
        Locale language = Languages.supported(locale);
        Map<String, String> typed = new LinkedHashMap<>();
        posted.forEach((k, v) -> typed.put(k, v == null ? "" : v.length() > 6000 ? v.substring(0, 6000) : v));
        if (!typed.getOrDefault("website", "").isEmpty()) {
            model.addAttribute("dropped", true); // a robot filled the field no person sees: it is told nothing useful
            return "contact";
        }
        long started;
        try {
            started = Long.parseLong(typed.getOrDefault("started", ""));
        } catch (NumberFormatException e) {
            started = clock.millis();
        }
        if (clock.millis() - started < FASTEST_PERSON.toMillis()) {
            response.setStatus(422);
            fill(model, language, typed, Map.of("form", messages.getMessage("contact.error.fast", null, language)));
            return "contact";
        }
        try {
            var received = contactMessages.receive(new ContactMessages.Submission(typed.get("name"), typed.get("email"),
                    typed.get("language"), typed.get("topic"), typed.get("text")), request.getRemoteAddr());
            var due = received.answerBy().atZone(zone);
            model.addAttribute("reference", received.reference());
            model.addAttribute("answerBy", Languages.longDate(due.toLocalDate(), language) + ", "
                    + DateTimeFormatter.ofPattern("HH:mm z", language).format(due));
            return "contact";
        } catch (ContactMessages.Refused e) {
            response.setStatus(e.status());
            Map<String, String> errors = new LinkedHashMap<>();
            e.problems().forEach(p -> errors.putIfAbsent(p.field(), messages.getMessage("contact.error." + p.field(), null, p.message(), language)));
            if (errors.isEmpty()) {
                errors.put("form", messages.getMessage("contact.error." + e.code(), null, e.getMessage(), language));
            }
            fill(model, language, typed, errors);
            return "contact";
        }
    }

    private void fill(Model model, Locale language, Map<String, String> typed, Map<String, String> errors) {
        model.addAttribute("topics", contactMessages.topics().stream().map(t -> new String[] {t.code(), t.name().in(language)}).toList());
        model.addAttribute("typed", typed);
        model.addAttribute("errors", errors);
        model.addAttribute("started", clock.millis());
        model.addAttribute("hours", contactMessages.answerWithin().toHours());
    }
}
