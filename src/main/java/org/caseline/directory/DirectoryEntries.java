package org.caseline.directory;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.caseline.platform.VersionedFiles;
import org.springframework.stereotype.Service;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * The directory one entry at a time: an office, a form, a news item, an event, a civil surgeon,
 * a legal-help provider, a filing rule. Each change is a change of its file through
 * {@link DirectoryData#change}, so it goes live on every node, becomes a version with who and
 * when, and passes the same checks as the whole file, or nothing changes. Each kind also goes out
 * as CSV and comes back with every row checked on its own first.
 */
@Service
public class DirectoryEntries {

    /**
     * A kind of entry: its file, the list in that file, and the field that names an entry, or
     * none where entries have no name of their own (two clinics can share a name in two states):
     * those are named by their position, 1 the first. {@code optional}: the fields its reader
     * knows that no shipped entry happens to use (an office's own hours), so a form shows them.
     */
    public record Kind(String name, String file, String section, String key, List<String> optional) {

        /** The entry's name in URLs and forms. */
        String keyOf(Map<String, Object> entry, int position) {
            return key == null ? String.valueOf(position + 1) : String.valueOf(entry.get(key));
        }
    }

    /**
     * The key of a kind whose section is a mapping from each entry's name to the entry (the
     * lockboxes, by the code the filing rules name them by): the name is shown as this field.
     */
    static final String MAPPED = "code";

    /** The kinds, in the order the staff page lists them. */
    public static final List<Kind> KINDS = List.of(
            new Kind("offices", "offices.yaml", "offices", "code", List.of("address.country", "time-zone", "hours.en", "hours.es",
                    "accessibility.en", "accessibility.es", "services", "languages", "zip3", "countries")),
            new Kind("forms", "forms.yaml", "forms", "number", List.of()),
            new Kind("filing-rules", "filing-addresses.yaml", "rules", null, List.of("category", "until")),
            new Kind("lockboxes", "filing-addresses.yaml", "lockboxes", MAPPED, List.of()),
            new Kind("news", "news.yaml", "news", "id", List.of()),
            new Kind("events", "events.yaml", "events", "id", List.of("office", "url", "call-in.number", "call-in.passcode", "time-zone",
                    "after.notes.en", "after.notes.es", "after.materials")),
            new Kind("civil-surgeons", "civil-surgeons.yaml", "surgeons", null, List.of()),
            new Kind("legal-help", "legal-help.yaml", "providers", null, List.of()));

    /** One entry as it is in its file, with its name. */
    public record Entry(String key, Map<String, Object> fields) {
    }

    /** The live version is not the one the change was made against: someone else changed the directory meanwhile. */
    public static class StaleVersionException extends RuntimeException {
        StaleVersionException(int expected, int live) {
            super("The directory is at version " + live + ", not " + expected + ": someone changed it meanwhile; reload and change it again");
        }
    }

    private final DirectoryData data;

    DirectoryEntries(DirectoryData data) {
        this.data = data;
    }

    /** @throws Directory.NotFoundException for a kind that is not one of {@link #KINDS} */
    public static Kind kind(String name) {
        return KINDS.stream().filter(k -> k.name().equals(name)).findFirst()
                .orElseThrow(() -> new Directory.NotFoundException("No kind of entry " + name + "; the kinds are "
                        + String.join(", ", KINDS.stream().map(Kind::name).toList())));
    }

    public List<Entry> entries(Kind kind) {
        List<Map<String, Object>> list = list(file(kind), kind);
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            entries.add(new Entry(kind.keyOf(list.get(i), i), list.get(i)));
        }
        return entries;
    }

    public Optional<Entry> entry(Kind kind, String key) {
        return entries(kind).stream().filter(e -> e.key().equalsIgnoreCase(key)).findFirst();
    }

    /** The names of the fields an entry of this kind has, as a form or a spreadsheet shows them. */
    public List<String> fields(Kind kind) {
        return EntryCells.Shape.of(list(file(kind), kind), kind.optional()).names();
    }

    /** The entry's fields as a form shows them: dotted names, lists as {@code [a, b]}. */
    public static Map<String, String> cells(Entry entry) {
        return EntryCells.cells(entry.fields());
    }

    /**
     * Puts an entry live: the one named {@code key} replaced, or a new one added at the end when
     * {@code key} is null or names none (for a kind named by a field, the entry's own field names it).
     *
     * @param fields          the entry as cells ({@code title.en}, ...), the way the form and CSV give them
     * @param expectedVersion the version the change was made against, or null not to check
     * @throws DirectoryData.InvalidFilesException when the entry has problems; nothing changes
     * @throws StaleVersionException               when the live version is another
     */
    public VersionedFiles.Version put(Kind kind, String key, Map<String, String> fields, Integer expectedVersion, String by, String note) {
        Map<String, Object> file = file(kind);
        List<Map<String, Object>> list = new ArrayList<>(list(file, kind));
        List<String> problems = new ArrayList<>();
        Map<String, Object> entry = EntryCells.entry(fields, EntryCells.Shape.of(list, kind.optional()), problems);
        if (!problems.isEmpty()) {
            throw new DirectoryData.InvalidFilesException(kind.name() + ": " + String.join("; ", problems));
        }
        int at = key == null ? -1 : position(kind, list, key);
        if (kind.key() != null) {
            Object named = entry.get(kind.key());
            if (named == null && key != null) {
                entry.put(kind.key(), key);
            } else if (named == null) {
                throw new DirectoryData.InvalidFilesException(kind.name() + ": " + kind.key() + " is required");
            } else if (key != null && !String.valueOf(named).equalsIgnoreCase(key) && at < 0) {
                throw new DirectoryData.InvalidFilesException(kind.name() + ": the entry's " + kind.key() + " is " + named + ", not " + key);
            } else if (key != null && !String.valueOf(named).equalsIgnoreCase(key) && position(kind, list, String.valueOf(named)) >= 0) {
                throw new DirectoryData.InvalidFilesException(kind.name() + ": another entry is already named " + named);
            } else if (key == null && position(kind, list, String.valueOf(named)) >= 0) {
                throw new DirectoryData.InvalidFilesException(kind.name() + ": an entry is already named " + named + "; change that one instead");
            }
        } else if (key != null && at < 0) {
            throw new Directory.NotFoundException("No " + kind.name() + " entry " + key + "; add one without a position");
        }
        if (at >= 0) {
            list.set(at, entry);
        } else {
            list.add(entry);
        }
        return change(kind, file, list, expectedVersion, by, note == null ? (at >= 0 ? "changed" : "added") + " " + kind.name() + " "
                + kind.keyOf(entry, at >= 0 ? at : list.size() - 1) : note);
    }

    /** @throws Directory.NotFoundException when no entry has that name */
    public VersionedFiles.Version remove(Kind kind, String key, Integer expectedVersion, String by, String note) {
        Map<String, Object> file = file(kind);
        List<Map<String, Object>> list = new ArrayList<>(list(file, kind));
        int at = position(kind, list, key);
        if (at < 0) {
            throw new Directory.NotFoundException("No " + kind.name() + " entry " + key);
        }
        list.remove(at);
        return change(kind, file, list, expectedVersion, by, note == null ? "removed " + kind.name() + " " + key : note);
    }

    /** The kind's entries as CSV: a column a field (dotted names), a row an entry. */
    public String exportCsv(Kind kind) {
        if ("offices".equals(kind.name())) {
            return OfficesCsv.export(data.offices()); // the offices keep their own columns: address parts, hours in each language
        }
        List<Map<String, Object>> list = list(file(kind), kind);
        List<String> columns = EntryCells.Shape.of(list, kind.optional()).names();
        StringWriter out = new StringWriter();
        try (CSVPrinter csv = CSVFormat.DEFAULT.builder().setHeader(columns.toArray(String[]::new)).get().print(out)) {
            for (Map<String, Object> entry : list) {
                Map<String, String> cells = EntryCells.cells(entry);
                csv.printRecord(columns.stream().map(c -> cells.getOrDefault(c, "")).toList());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /**
     * Replaces the kind's entries with the rows of {@code csv}: each row is read and checked on its
     * own (its cells, its name not on an earlier row, and the live entries with this row in place
     * of the one it replaces through its file's checks), then the whole file; the rest of the file
     * (its other sections) is kept.
     *
     * @throws OfficesCsv.RowsRefusedException naming every row that cannot be an entry; nothing changes
     */
    public VersionedFiles.Version importCsv(Kind kind, String csv, String by, String note) {
        if ("offices".equals(kind.name())) {
            String yaml = OfficesCsv.toYaml(csv, data.currentVersion().files().get(kind.file()), data.offices());
            return data.change(Map.of(kind.file(), yaml), by, note == null ? "offices imported from CSV" : note);
        }
        Map<String, Object> file = file(kind);
        List<Map<String, Object>> live = list(file, kind);
        EntryCells.Shape shape = EntryCells.Shape.of(live, kind.optional());
        List<CSVRecord> records;
        try {
            records = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
                    .parse(new StringReader(csv == null ? "" : csv)).getRecords();
        } catch (IOException | RuntimeException e) {
            throw refused(1, "", "not a CSV file with a header row of fields (" + String.join(",", shape.names()) + "): " + e.getMessage());
        }
        List<OfficesCsv.RowProblem> problems = new ArrayList<>();
        List<Map<String, Object>> entries = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (CSVRecord r : records) {
            long row = r.getRecordNumber() + 1; // the header is row 1
            Map<String, String> cells = r.toMap();
            List<String> wrong = new ArrayList<>();
            Map<String, Object> entry = EntryCells.entry(cells, shape, wrong);
            String name = kind.keyOf(entry, entries.size());
            if (kind.key() != null && entry.get(kind.key()) == null) {
                wrong.add(kind.key() + " is empty");
            } else if (kind.key() != null && !seen.add(name.toLowerCase(Locale.ROOT))) {
                wrong.add(kind.key() + " " + name + " is on an earlier row too");
            }
            if (wrong.isEmpty()) {
                // the row in place of the live entry it replaces, among the others as they are: its problems
                // are its own (a form the catalogue needs, missing from a row alone, would be a problem of every row)
                List<Map<String, Object>> candidate = new ArrayList<>(live);
                int at = kind.key() == null ? entries.size() : position(kind, live, name);
                if (at >= 0 && at < candidate.size()) {
                    candidate.set(at, entry);
                } else {
                    candidate.add(entry);
                }
                try {
                    data.check(kind.file(), yaml(file, kind, candidate));
                } catch (DirectoryData.InvalidFilesException e) {
                    wrong.add(e.getMessage());
                }
            }
            wrong.forEach(w -> problems.add(new OfficesCsv.RowProblem(row, kind.key() == null ? "" : name, w)));
            entries.add(entry);
        }
        if (records.isEmpty()) {
            problems.add(new OfficesCsv.RowProblem(1, "", "no rows"));
        }
        if (!problems.isEmpty()) {
            throw new OfficesCsv.RowsRefusedException(problems);
        }
        try {
            return change(kind, file, entries, null, by, note == null ? kind.name() + " imported from CSV" : note);
        } catch (DirectoryData.InvalidFilesException e) {
            // every row passes alone but not together (two rules for one form and state, say)
            throw refused(0, "", e.getMessage());
        }
    }

    private static OfficesCsv.RowsRefusedException refused(long row, String code, String problem) {
        return new OfficesCsv.RowsRefusedException(List.of(new OfficesCsv.RowProblem(row, code, problem)));
    }

    private VersionedFiles.Version change(Kind kind, Map<String, Object> file, List<Map<String, Object>> list, Integer expectedVersion,
                                          String by, String note) {
        VersionedFiles.Version live = data.currentVersion();
        if (expectedVersion != null && expectedVersion != live.number()) {
            throw new StaleVersionException(expectedVersion, live.number());
        }
        String text = header(live.files().get(kind.file())) + yaml(file, kind, list);
        return data.change(Map.of(kind.file(), text), by, note);
    }

    /** The file with its list replaced (its other sections as they are). */
    private static String yaml(Map<String, Object> file, Kind kind, List<Map<String, Object>> list) {
        Map<String, Object> changed = new LinkedHashMap<>(file);
        if (mapped(file, kind)) {
            Map<String, Object> byName = new LinkedHashMap<>();
            for (Map<String, Object> entry : list) {
                Map<String, Object> fields = new LinkedHashMap<>(entry);
                byName.put(String.valueOf(fields.remove(kind.key())), fields);
            }
            changed.put(kind.section(), byName);
        } else {
            changed.put(kind.section(), list);
        }
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setWidth(140);
        return new Yaml(options).dump(changed);
    }

    /** The comment the file opens with, which says what its fields mean: kept over a change of its entries. */
    private static String header(String text) {
        StringBuilder header = new StringBuilder();
        for (String line : text.lines().toList()) {
            if (!line.startsWith("#")) {
                break;
            }
            header.append(line).append('\n');
        }
        return header.toString();
    }

    private int position(Kind kind, List<Map<String, Object>> list, String key) {
        for (int i = 0; i < list.size(); i++) {
            if (kind.keyOf(list.get(i), i).equalsIgnoreCase(key)) {
                return i;
            }
        }
        return -1;
    }

    private Map<String, Object> file(Kind kind) {
        String text = data.currentVersion().files().get(kind.file());
        return DirectoryYaml.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Map<String, Object> file, Kind kind) {
        Object section = file.getOrDefault(kind.section(), List.of());
        if (section instanceof Map<?, ?> byName) { // each entry under its name: the name as a field, first
            List<Map<String, Object>> list = new ArrayList<>();
            byName.forEach((name, fields) -> {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put(kind.key(), String.valueOf(name));
                if (fields instanceof Map<?, ?> m) {
                    m.forEach((k, v) -> entry.put(String.valueOf(k), v));
                }
                list.add(entry);
            });
            return list;
        }
        return section instanceof List<?> l ? (List<Map<String, Object>>) l : List.of();
    }

    private static boolean mapped(Map<String, Object> file, Kind kind) {
        return file.get(kind.section()) instanceof Map<?, ?>;
    }
}
