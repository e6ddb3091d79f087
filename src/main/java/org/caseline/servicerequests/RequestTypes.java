package org.caseline.servicerequests;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.caseline.platform.LocalizedText;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.Resource;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** The catalogue of request types (servicerequests/types.yaml), checked whole at start-up. */
@Component
public class RequestTypes {

    public enum Kind { TEXT, DATE, DATETIME, CHOICE, ADDRESS, PHONE, EMAIL }

    public record Choice(String value, LocalizedText label) {
    }

    public record Field(String name, Kind kind, boolean required, LocalizedText label, List<Choice> choices) {
    }

    /** An eligibility rule and its settings, as the file gives them. */
    public record Rule(String rule, Map<String, Object> settings) {
        int number(String key, int otherwise) {
            Object value = settings.get(key);
            return value instanceof Number n ? n.intValue() : otherwise;
        }

        @SuppressWarnings("unchecked")
        List<String> list(String key) {
            Object value = settings.get(key);
            return value instanceof List<?> l ? (List<String>) l : List.of();
        }
    }

    public record RequestType(String code, LocalizedText name, Set<Channel> channels, String office, int targetDays,
                              List<Field> fields, List<Rule> rules) {
        public Optional<Field> field(String name) {
            return fields.stream().filter(f -> f.name().equals(name)).findFirst();
        }
    }

    static final Set<String> RULES = Set.of("outside-processing-time", "mailed-at-least", "biometrics-reschedule");

    private final Map<String, RequestType> types = new LinkedHashMap<>();

    RequestTypes(@Value("classpath:servicerequests/types.yaml") Resource file) {
        try (InputStream in = file.getInputStream()) {
            read(new YAMLMapper().readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void read(JsonNode root) {
        List<String> problems = new ArrayList<>();
        for (JsonNode t : root.path("types")) {
            String code = t.path("code").asString("");
            try {
                if (!code.matches("[a-z0-9-]{2,50}")) {
                    throw new IllegalArgumentException("a type's code is 2 to 50 of a-z, 0-9 and -");
                }
                Set<Channel> channels = EnumSet.noneOf(Channel.class);
                t.path("channels").forEach(c -> channels.add(Channel.valueOf(c.asString())));
                if (channels.isEmpty()) {
                    throw new IllegalArgumentException("no one may file it (channels)");
                }
                List<Field> fields = new ArrayList<>();
                for (JsonNode f : t.path("fields")) {
                    List<Choice> choices = new ArrayList<>();
                    f.path("choices").forEach(c -> choices.add(new Choice(c.path("value").asString(), text(c))));
                    Kind kind = Kind.valueOf(f.path("kind").asString("").toUpperCase(Locale.ROOT));
                    if (kind == Kind.CHOICE && choices.isEmpty()) {
                        throw new IllegalArgumentException("the choice " + f.path("name").asString() + " has no choices");
                    }
                    fields.add(new Field(f.path("name").asString(), kind, f.path("required").asBoolean(false),
                            text(f.path("label")), List.copyOf(choices)));
                }
                List<Rule> rules = new ArrayList<>();
                for (JsonNode r : t.path("rules")) {
                    String rule = r.path("rule").asString("");
                    if (!RULES.contains(rule)) {
                        throw new IllegalArgumentException("unknown rule " + rule + " (known: " + RULES + ")");
                    }
                    Map<String, Object> settings = new LinkedHashMap<>();
                    r.properties().forEach(e -> settings.put(e.getKey(), e.getValue().isNumber() ? e.getValue().numberValue()
                            : e.getValue().isArray() ? e.getValue().valueStream().map(JsonNode::asString).toList() : e.getValue().asString()));
                    rules.add(new Rule(rule, Map.copyOf(settings)));
                }
                if (rules.stream().anyMatch(r -> r.rule().equals("biometrics-reschedule"))
                        && fields.stream().noneMatch(f -> f.name().equals("appointment") && f.kind() == Kind.DATETIME)) {
                    throw new IllegalArgumentException("the biometrics-reschedule rule needs a datetime field named appointment");
                }
                int target = t.path("target-days").asInt(15);
                if (target < 1) {
                    throw new IllegalArgumentException("target-days must be at least 1");
                }
                RequestType type = new RequestType(code, text(t.path("name")), Set.copyOf(channels), t.path("office").asString("case"),
                        target, List.copyOf(fields), List.copyOf(rules));
                if (types.put(code, type) != null) {
                    throw new IllegalArgumentException("it is there twice");
                }
            } catch (RuntimeException e) {
                problems.add((code.isEmpty() ? "a type" : code) + ": " + e.getMessage());
            }
        }
        if (types.isEmpty()) {
            problems.add("no types");
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("The service request types (servicerequests/types.yaml): " + String.join("; ", problems));
        }
    }

    private static LocalizedText text(JsonNode node) {
        // LocalizedText refuses a missing English or Spanish text: the start stops with why
        return new LocalizedText(node.path("en").asString(null), node.path("es").asString(null));
    }

    public List<RequestType> all() {
        return List.copyOf(types.values());
    }

    public Optional<RequestType> type(String code) {
        return Optional.ofNullable(code == null ? null : types.get(code));
    }
}
