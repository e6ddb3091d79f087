package org.caseline.directory.web;

import java.time.Clock;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletResponse;

import org.caseline.directory.Directory;
import org.caseline.directory.DirectoryData;
import org.caseline.directory.EventRegistrations;
import org.caseline.directory.EventWording;
import org.caseline.directory.Events;
import org.caseline.platform.Languages;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** "Outreach events": what is coming, and registering for one (or joining its waitlist), and cancelling. */
@Controller
class EventsPage {

    /** An event as the page shows it, in the visitor's language. */
    record Shown(String id, String title, String when, String where, int seatsLeft, int waitlisted, boolean over,
                 String notes, List<Link> materials) {
    }

    record Link(String title, String url) {
    }

    private final DirectoryData data;
    private final EventRegistrations registrations;
    private final MessageSource messages;
    private final Clock clock;
    private final EventWording wording;

    EventsPage(DirectoryData data, EventRegistrations registrations, EventWording wording, MessageSource messages, Clock clock) {
        this.clock = clock;
        this.wording = wording;
        this.data = data;
        this.registrations = registrations;
        this.messages = messages;
    }

    @GetMapping("/events")
    String list(Locale locale, Model model) {
        Locale language = language(locale);
        Events events = data.events();
        model.addAttribute("rule", events.rule().in(language));
        model.addAttribute("events", events.all().stream().map(e -> shown(e, language)).toList());
        return "events";
    }

    @PostMapping("/events/{id}/register")
    String register(@PathVariable String id, @RequestParam(required = false) String name,
                    @RequestParam(required = false) String email, Locale locale, HttpServletResponse response, Model model) {
        Locale language = language(locale);
        try {
            EventRegistrations.Registration r = registrations.register(id, name, email, language);
            model.addAttribute("registration", r);
            model.addAttribute("event", shown(data.events().event(id).orElseThrow(), language));
            model.addAttribute("cancelPath", "/events/" + id + "/cancel/" + r.token());
            return "event-registration";
        } catch (Directory.MalformedException e) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            return refused(id, name, email, e.reason(), locale, model);
        } catch (Directory.NotFoundException e) {
            response.setStatus(HttpStatus.NOT_FOUND.value());
            return refused(id, name, email, e.reason(), locale, model);
        }
    }

    /** The list again, with the visitor's entry kept and what was wrong said at its form. */
    private String refused(String id, String name, String email, String reason, Locale locale, Model model) {
        model.addAttribute("formError", messages.getMessage("events.error." + (reason == null ? "closed" : reason),
                null, language(locale)));
        model.addAttribute("failedEvent", id);
        model.addAttribute("name", name == null ? "" : name.length() > 100 ? name.substring(0, 100) : name);
        model.addAttribute("email", email == null ? "" : email.length() > 254 ? email.substring(0, 254) : email);
        return list(locale, model);
    }

    @GetMapping("/events/{id}/cancel/{token}")
    String confirmCancel(@PathVariable String id, @PathVariable String token, Locale locale, HttpServletResponse response,
                         Model model) {
        return registrations.find(id, token).map(r -> {
            model.addAttribute("registration", r);
            model.addAttribute("event", shown(data.events().event(id).orElseThrow(), language(locale)));
            model.addAttribute("cancelPath", "/events/" + id + "/cancel/" + token);
            return "event-registration";
        }).orElseGet(() -> {
            response.setStatus(HttpStatus.NOT_FOUND.value());
            return list(locale, model);
        });
    }

    @PostMapping("/events/{id}/cancel/{token}")
    String cancel(@PathVariable String id, @PathVariable String token, Locale locale, HttpServletResponse response, Model model) {
        try {
            EventRegistrations.Registration r = registrations.cancel(id, token);
            model.addAttribute("registration", r);
            model.addAttribute("event", shown(data.events().event(id).orElseThrow(), language(locale)));
            return "event-registration";
        } catch (Directory.NotFoundException e) {
            response.setStatus(HttpStatus.NOT_FOUND.value());
            return list(locale, model);
        }
    }

    private Shown shown(Events.Event e, Locale language) {
        String when = wording.when(e, language);
        String where = wording.where(e, language);
        EventRegistrations.Counts counts = registrations.counts(e.id());
        return new Shown(e.id(), e.title().in(language), when, where, Math.max(0, e.capacity() - counts.registered()),
                counts.waitlisted(), !e.end().toInstant().isAfter(clock.instant()), e.notes() == null ? null : e.notes().in(language),
                e.materials().stream().map(m -> new Link(m.title().in(language), m.url())).toList());
    }

    private static Locale language(Locale locale) {
        return Languages.supported(locale);
    }
}
