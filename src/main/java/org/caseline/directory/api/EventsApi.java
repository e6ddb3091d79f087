package org.caseline.directory.api;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import net.fortuna.ical4j.data.CalendarOutputter;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.Location;
import net.fortuna.ical4j.model.property.ProdId;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.Url;
import org.caseline.directory.Directory;
import org.caseline.directory.DirectoryData;
import org.caseline.directory.EventRegistrations;
import org.caseline.directory.Events;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Outreach events: {@code GET /api/events?from=&topic=&language=}, {@code GET /api/events/{id}.ics},
 * {@code POST /api/events/{id}/registrations} {@code {"name", "email"}} and
 * {@code DELETE /api/events/{id}/registrations/{token}} (the registrant's own link). No sign-in.
 */
@RestController
class EventsApi {

    record Registering(String name, String email) {
    }

    private final DirectoryData data;
    private final EventRegistrations registrations;

    EventsApi(DirectoryData data, EventRegistrations registrations) {
        this.data = data;
        this.registrations = registrations;
    }

    @GetMapping("/api/events")
    Map<String, Object> list(@RequestParam(required = false) String from, @RequestParam(required = false) String topic,
                             @RequestParam(required = false) String language, @RequestParam(required = false) String lang,
                             HttpServletRequest request) {
        Locale in = ApiLanguage.of(lang, request);
        LocalDate since;
        try {
            since = from == null ? null : LocalDate.parse(from.strip());
        } catch (DateTimeParseException e) {
            throw new Directory.MalformedException("from is a date like 2026-12-01");
        }
        Events events = data.events();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("rule", events.rule().in(in));
        body.put("events", events.all().stream()
                .filter(e -> since == null || !e.start().toLocalDate().isBefore(since))
                .filter(e -> topic == null || e.topic().equalsIgnoreCase(topic.strip()))
                .filter(e -> language == null || e.language().equalsIgnoreCase(language.strip()))
                .map(e -> event(e, in)).toList());
        return body;
    }

    private Map<String, Object> event(Events.Event e, Locale in) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("id", e.id());
        o.put("title", e.title().in(in));
        o.put("topic", e.topic());
        o.put("language", e.language());
        o.put("format", e.format().name());
        if (e.office() != null) {
            o.put("office", Map.of("code", e.office().code(), "name", e.office().name().in(in),
                    "address", e.office().address().oneLine()));
        }
        if (e.url() != null) {
            o.put("url", e.url());
        }
        if (e.callInNumber() != null) {
            o.put("callIn", Map.of("number", e.callInNumber(), "passcode", e.callInPasscode()));
        }
        o.put("start", e.start().toOffsetDateTime().toString());
        o.put("end", e.end().toOffsetDateTime().toString());
        o.put("timeZone", e.start().getZone().getId());
        EventRegistrations.Counts counts = registrations.counts(e.id());
        o.put("capacity", e.capacity());
        o.put("registered", counts.registered());
        o.put("waitlisted", counts.waitlisted());
        o.put("ics", "/api/events/" + e.id() + ".ics");
        if (e.notes() != null || !e.materials().isEmpty()) {
            o.put("afterwards", Map.of("notes", e.notes() == null ? "" : e.notes().in(in),
                    "materials", e.materials().stream().map(m -> Map.of("title", m.title().in(in), "url", m.url())).toList()));
        }
        return o;
    }

    @GetMapping("/api/events/{id}.ics")
    ResponseEntity<String> ics(@PathVariable String id, @RequestParam(required = false) String lang, HttpServletRequest request) {
        Locale in = ApiLanguage.of(lang, request);
        Events events = data.events();
        Events.Event e = events.event(id).orElseThrow(() -> new Directory.NotFoundException("No event " + id));
        return calendar(List.of(vevent(e, events, in)), e.id() + ".ics");
    }

    /** Every event in one calendar: a feed a calendar application subscribes to. */
    @GetMapping("/api/events.ics")
    ResponseEntity<String> feed(@RequestParam(required = false) String lang, HttpServletRequest request) {
        Locale in = ApiLanguage.of(lang, request);
        Events events = data.events();
        return calendar(events.all().stream().map(e -> vevent(e, events, in)).toList(), "events.ics");
    }

    private static VEvent vevent(Events.Event e, Events events, Locale in) {
        VEvent vevent = new VEvent(e.start().toInstant(), e.end().toInstant(), e.title().in(in));
        vevent.add(new Uid(e.id() + "@caseline"));
        vevent.add(new Description(events.rule().in(in)));
        if (e.office() != null) {
            vevent.add(new Location(e.office().name().in(in) + ", " + e.office().address().oneLine()));
        } else if (e.callInNumber() != null) {
            vevent.add(new Location(e.callInNumber() + " (" + e.callInPasscode() + ")"));
        }
        if (e.url() != null) {
            vevent.add(new Url(URI.create(e.url())));
        }
        return vevent;
    }

    private static ResponseEntity<String> calendar(List<VEvent> vevents, String filename) {
        Calendar calendar = new Calendar().withProdId("-//CaseLine//Outreach events//EN").withDefaults().getFluentTarget();
        vevents.forEach(calendar::add);
        StringWriter out = new StringWriter();
        try {
            new CalendarOutputter(false).output(calendar, out);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("text/calendar;charset=UTF-8"))
                .header("Content-Disposition", "attachment; filename=\"" + filename + "\"").body(out.toString());
    }

    @PostMapping("/api/events/{id}/registrations")
    ResponseEntity<Map<String, Object>> register(@PathVariable String id, @RequestBody(required = false) Registering body,
                                                 @RequestParam(required = false) String lang, HttpServletRequest request) {
        if (body == null) {
            throw new Directory.MalformedException("Send {\"name\": \"...\", \"email\": \"...\"}");
        }
        EventRegistrations.Registration r = registrations.register(id, body.name(), body.email(), ApiLanguage.of(lang, request));
        return ResponseEntity.status(HttpStatus.CREATED).body(registration(r));
    }

    @DeleteMapping("/api/events/{id}/registrations/{token}")
    Map<String, Object> cancel(@PathVariable String id, @PathVariable String token) {
        return registration(registrations.cancel(id, token));
    }

    private static Map<String, Object> registration(EventRegistrations.Registration r) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("event", r.eventId());
        o.put("reference", r.reference());
        o.put("status", r.status().name());
        o.put("waitlistPosition", r.waitlistPosition());
        o.put("cancel", "/api/events/" + r.eventId() + "/registrations/" + r.token());
        return o;
    }
}
