package org.caseline.directory;

import java.time.ZoneOffset;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * One directory entry as flat cells, for a spreadsheet row or a form's fields: nested mappings
 * become dotted names ({@code title.en}, {@code title.es}), a list is written as YAML in flow
 * style ({@code [en, es]}). The names and types of a kind's cells come from the entries it
 * already has, so a cell that is not one of them, or a count that is not a number, is refused
 * with its name instead of reaching the file as something its reader would misread.
 */
final class EntryCells {

    /** What a kind's entries hold: every cell name in the order first seen, and each one's type. */
    record Shape(List<String> names, Map<String, Class<?>> types) {

        static Shape of(List<Map<String, Object>> entries, List<String> optional) {
            Map<String, Class<?>> types = new LinkedHashMap<>();
            for (Map<String, Object> entry : entries) {
                collect("", entry, types);
            }
            optional.forEach(name -> types.putIfAbsent(name, String.class));
            return new Shape(List.copyOf(types.keySet()), types);
        }

        @SuppressWarnings("unchecked")
        private static void collect(String prefix, Map<String, Object> map, Map<String, Class<?>> types) {
            map.forEach((key, value) -> {
                String name = prefix + key;
                if (value instanceof Map<?, ?> nested) {
                    collect(name + ".", (Map<String, Object>) nested, types);
                } else {
                    Class<?> type = value instanceof Number || value instanceof Boolean ? value.getClass() : String.class;
                    // a cell seen both as a number and as text (or a list) is text: it keeps what was written
                    types.merge(name, type, (a, b) -> a.equals(b) ? a : String.class);
                }
            });
        }
    }

    private static final Yaml FLOW;

    static {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.FLOW);
        options.setWidth(Integer.MAX_VALUE);
        FLOW = new Yaml(new SafeConstructor(new LoaderOptions()), new org.yaml.snakeyaml.representer.Representer(options), options);
    }

    private EntryCells() {
    }

    /** The entry's cells by name; a cell the entry does not have is absent. */
    static Map<String, String> cells(Map<String, Object> entry) {
        Map<String, String> cells = new LinkedHashMap<>();
        flatten("", entry, cells);
        return cells;
    }

    @SuppressWarnings("unchecked")
    private static void flatten(String prefix, Map<String, Object> map, Map<String, String> cells) {
        map.forEach((key, value) -> {
            String name = prefix + key;
            if (value instanceof Map<?, ?> nested) {
                flatten(name + ".", (Map<String, Object>) nested, cells);
            } else if (value instanceof List<?> || value instanceof Map<?, ?>) {
                cells.put(name, FLOW.dump(value).strip());
            } else if (value instanceof Date date) {
                // YAML reads an unquoted 2024-01-01 as a date: written back as the day it was
                cells.put(name, date.toInstant().atOffset(ZoneOffset.UTC).toLocalDate().toString());
            } else if (value != null) {
                cells.put(name, String.valueOf(value));
            }
        });
    }

    /**
     * The entry the cells make (an empty cell is a field left out).
     *
     * @param problems gets each cell that cannot be read, by name
     */
    static Map<String, Object> entry(Map<String, String> cells, Shape shape, List<String> problems) {
        Map<String, Object> entry = new LinkedHashMap<>();
        Set<String> unknown = new LinkedHashSet<>();
        cells.forEach((name, text) -> {
            String value = text == null ? "" : text.strip();
            if (value.isEmpty()) {
                return;
            }
            Class<?> type = shape.types().get(name);
            if (type == null) {
                unknown.add(name);
                return;
            }
            Object read = read(name, value, type, problems);
            if (read != null) {
                put(entry, name, read);
            }
        });
        if (!unknown.isEmpty()) {
            problems.add("no such field: " + String.join(", ", unknown) + " (the fields are " + String.join(", ", shape.names()) + ")");
        }
        return entry;
    }

    private static Object read(String name, String value, Class<?> type, List<String> problems) {
        if (value.startsWith("[") || value.startsWith("{")) {
            try {
                return FLOW.load(value);
            } catch (RuntimeException e) {
                problems.add(name + " is not a list like [en, es]: " + firstLine(e.getMessage()));
                return null;
            }
        }
        if (Number.class.isAssignableFrom(type)) {
            try {
                return Double.class.equals(type) ? (Object) Double.parseDouble(value) : (Object) Long.parseLong(value);
            } catch (NumberFormatException e) {
                problems.add(name + " must be a number, not " + value);
                return null;
            }
        }
        if (Boolean.class.equals(type)) {
            if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
                problems.add(name + " must be true or false, not " + value);
                return null;
            }
            return Boolean.parseBoolean(value.toLowerCase(java.util.Locale.ROOT));
        }
        return value;
    }

    @SuppressWarnings("unchecked")
    private static void put(Map<String, Object> entry, String name, Object value) {
        String[] path = name.split("\\.");
        Map<String, Object> at = entry;
        for (int i = 0; i < path.length - 1; i++) {
            at = (Map<String, Object>) at.computeIfAbsent(path[i], k -> new LinkedHashMap<String, Object>());
        }
        at.put(path[path.length - 1], value);
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }
}
