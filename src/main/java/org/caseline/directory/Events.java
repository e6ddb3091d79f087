package org.caseline.directory;

import java.io.InputStream;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.caseline.platform.LocalizedText;

/**
 * The outreach events ({@code directory/events.yaml}), soonest first: where (an office, online, or
 * a call-in line with its number and passcode), when in the place's own time zone, how many can
 * come; and the rule that goes with every one of them (no case-specific questions).
 */
public class Events {

    public enum Format { IN_PERSON, ONLINE, CALL_IN }

    public record Event(String id, LocalizedText title, String topic, String language, Format format, Office office,
                        String url, String callInNumber, String callInPasscode, ZonedDateTime start, ZonedDateTime end,
                        int capacity, LocalizedText notes, List<Material> materials) {
    }

    /** Something kept for everyone once the event is over: slides, a recording, a handout. */
    public record Material(LocalizedText title, String url) {
    }

    private final Map<String, Event> events = new LinkedHashMap<>();
    private final LocalizedText rule;

    @SuppressWarnings("unchecked")
    Events(Directory offices, InputStream yaml) {
        Map<String, Object> data = DirectoryYaml.read(yaml);
        List<String> problems = new ArrayList<>();
        Map<String, String> r = (Map<String, String>) data.getOrDefault("rule", Map.of());
        this.rule = new LocalizedText(r.get("en"), r.get("es"));
        List<Event> read = new ArrayList<>();
        for (Map<String, Object> e : (List<Map<String, Object>>) data.getOrDefault("events", List.of())) {
            String id = String.valueOf(e.get("id"));
            try {
                Format format = Format.valueOf(String.valueOf(e.get("format")));
                Office office = e.get("office") == null ? null : offices.office(String.valueOf(e.get("office")))
                        .orElseThrow(() -> new IllegalArgumentException("no office " + e.get("office")));
                if (format == Format.IN_PERSON && office == null) {
                    throw new IllegalArgumentException("an event in person needs its office");
                }
                Map<String, Object> callIn = (Map<String, Object>) e.get("call-in");
                if (format == Format.CALL_IN && (callIn == null || callIn.get("number") == null)) {
                    throw new IllegalArgumentException("a call-in event needs its number");
                }
                if (format == Format.ONLINE && e.get("url") == null) {
                    throw new IllegalArgumentException("an online event needs its url");
                }
                ZoneId zone = ZoneId.of(office != null && e.get("time-zone") == null ? office.timeZone() : String.valueOf(e.get("time-zone")));
                ZonedDateTime start = LocalDateTime.parse(String.valueOf(e.get("start"))).atZone(zone);
                ZonedDateTime end = LocalDateTime.parse(String.valueOf(e.get("end"))).atZone(zone);
                if (!end.isAfter(start)) {
                    throw new IllegalArgumentException("it ends before it starts");
                }
                int capacity = ((Number) e.get("capacity")).intValue();
                if (capacity < 1) {
                    throw new IllegalArgumentException("its capacity must be at least 1");
                }
                Map<String, String> title = (Map<String, String>) e.get("title");
                Map<String, Object> after = (Map<String, Object>) e.getOrDefault("after", Map.of());
                Map<String, String> notes = (Map<String, String>) after.get("notes");
                List<Material> materials = new ArrayList<>();
                for (Map<String, Object> m : (List<Map<String, Object>>) after.getOrDefault("materials", List.of())) {
                    Map<String, String> t = (Map<String, String>) m.get("title");
                    materials.add(new Material(new LocalizedText(t.get("en"), t.get("es")), String.valueOf(m.get("url"))));
                }
                read.add(new Event(id, new LocalizedText(title.get("en"), title.get("es")), String.valueOf(e.get("topic")),
                        String.valueOf(e.getOrDefault("language", "en")), format, office, (String) e.get("url"),
                        callIn == null ? null : String.valueOf(callIn.get("number")),
                        callIn == null ? null : String.valueOf(callIn.get("passcode")), start, end, capacity,
                        notes == null ? null : new LocalizedText(notes.get("en"), notes.get("es")), List.copyOf(materials)));
            } catch (RuntimeException ex) {
                problems.add(id + ": " + ex.getMessage());
            }
        }
        read.sort(Comparator.comparing(Event::start));
        for (Event event : read) {
            if (events.put(event.id(), event) != null) {
                problems.add(event.id() + " is there twice");
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("The events (directory/events.yaml): " + String.join("; ", problems));
        }
    }

    /** What goes with every event: general questions only, never a case. */
    public LocalizedText rule() {
        return rule;
    }

    /** Soonest first. */
    public List<Event> all() {
        return List.copyOf(events.values());
    }

    public Optional<Event> event(String id) {
        return Optional.ofNullable(id == null ? null : events.get(id));
    }
}
