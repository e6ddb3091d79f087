package org.caseline.appointments;

import java.io.IOException;
import java.io.InputStream;
import java.time.LocalTime;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.caseline.directory.OfficeKind;
import org.caseline.platform.LocalizedText;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The appointment types and opening hours of {@code appointments/calendar.yaml}, checked at
 * start-up: every type names its length, capacity and the kinds of office that offer it.
 */
@Component
public class AppointmentTypes {

    /** How an appointment of a type may be moved: not within {@code notWithinHours} of it, at most {@code atMost} times. */
    public record RescheduleRule(int notWithinHours, int atMost) {
    }

    /** {@code selfService}: the person it is for may move it themselves, online or by phone, under its rule. */
    public record Type(String code, LocalizedText name, int minutes, int capacity, Set<OfficeKind> offices, RescheduleRule reschedule,
                       boolean selfService) {
    }

    public record Hours(LocalTime open, LocalTime close) {
    }

    private final Map<String, Type> types = new LinkedHashMap<>();
    private final Map<OfficeKind, Hours> hours = new EnumMap<>(OfficeKind.class);
    private final int daysAhead;

    AppointmentTypes() throws IOException {
        JsonNode file;
        try (InputStream in = new ClassPathResource("appointments/calendar.yaml").getInputStream()) {
            file = new YAMLMapper().readTree(in);
        }
        daysAhead = file.path("days-ahead").asInt(60);
        file.path("hours").properties().forEach(e -> {
            Hours h = new Hours(LocalTime.parse(e.getValue().path("open").asString()), LocalTime.parse(e.getValue().path("close").asString()));
            if (!h.open().isBefore(h.close()) || h.close().isAfter(LocalTime.of(23, 0))) {
                throw new IllegalStateException("appointments/calendar.yaml: " + e.getKey() + " opens before it closes, the same day");
            }
            hours.put(OfficeKind.valueOf(e.getKey()), h);
        });
        for (JsonNode t : file.path("types")) {
            String code = t.path("code").asString();
            Set<OfficeKind> offices = t.path("offices").valueStream().map(k -> OfficeKind.valueOf(k.asString())).collect(Collectors.toSet());
            JsonNode rule = t.path("reschedule");
            Type type = new Type(code, new LocalizedText(t.path("name").path("en").asString(), t.path("name").path("es").asString()),
                    t.path("minutes").asInt(), t.path("capacity").asInt(), offices,
                    new RescheduleRule(rule.path("not-within-hours").asInt(12), rule.path("at-most").asInt(2)),
                    rule.path("self-service").asBoolean(false));
            if (type.minutes() < 5 || type.capacity() < 1 || offices.isEmpty() || !hours.keySet().containsAll(offices)) {
                throw new IllegalStateException("appointments/calendar.yaml: type " + code
                        + " needs minutes (5 or more), a capacity and offices with opening hours");
            }
            if (types.put(code, type) != null) {
                throw new IllegalStateException("appointments/calendar.yaml lists type " + code + " twice");
            }
        }
    }

    public Optional<Type> type(String code) {
        return Optional.ofNullable(code == null ? null : types.get(code));
    }

    public List<Type> all() {
        return List.copyOf(types.values());
    }

    public Optional<Hours> hours(OfficeKind kind) {
        return Optional.ofNullable(hours.get(kind));
    }

    public int daysAhead() {
        return daysAhead;
    }
}
