package org.caseline.directory;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * The offices as a spreadsheet: one row an office, lists joined with ";". Exported from the live
 * directory; imported back with every row checked on its own (each problem named with its row and
 * office code), and only then the whole file, as any change of {@code offices.yaml}.
 */
public final class OfficesCsv {

    static final List<String> COLUMNS = List.of("code", "kind", "name_en", "name_es", "street", "city", "state", "zip",
            "country", "time_zone", "hours_en", "hours_es", "services", "languages", "zip3", "countries");

    /** A row that cannot be an office, and why. */
    public record RowProblem(long row, String code, String problem) {
    }

    /** An import that failed its rows: nothing changed. */
    public static class RowsRefusedException extends RuntimeException {
        private final List<RowProblem> problems;

        RowsRefusedException(List<RowProblem> problems) {
            super(problems.size() + " row(s) refused");
            this.problems = List.copyOf(problems);
        }

        public List<RowProblem> problems() {
            return problems;
        }
    }

    private OfficesCsv() {
    }

    public static String export(Directory directory) {
        StringWriter out = new StringWriter();
        try (CSVPrinter csv = CSVFormat.DEFAULT.builder().setHeader(COLUMNS.toArray(String[]::new)).get().print(out)) {
            for (Office o : directory.offices()) {
                Address a = o.address();
                csv.printRecord(o.code(), o.kind().name(), o.name().en(), o.name().es(), a.street(), a.city(),
                        nz(a.state()), nz(a.zip()), a.country(), nz(o.timeZone()), o.hours().en(), o.hours().es(),
                        String.join(";", o.services()), String.join(";", o.languages()), String.join(";", o.zip3()),
                        String.join(";", o.countries()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /**
     * {@code offices.yaml} with its offices replaced by the rows of {@code csv} (its other
     * sections, the default hours and texts, kept from {@code currentYaml}).
     *
     * @throws RowsRefusedException naming every row that cannot be an office
     */
    @SuppressWarnings("unchecked")
    public static String toYaml(String csv, String currentYaml, Directory directory) {
        List<CSVRecord> records;
        try {
            records = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
                    .parse(new StringReader(csv == null ? "" : csv)).getRecords();
        } catch (IOException | RuntimeException e) {
            throw new RowsRefusedException(List.of(new RowProblem(1, "", "not a CSV file with the header "
                    + String.join(",", COLUMNS) + ": " + e.getMessage())));
        }
        List<RowProblem> problems = new ArrayList<>();
        List<Map<String, Object>> offices = new ArrayList<>();
        Set<String> seen = new java.util.HashSet<>();
        for (CSVRecord r : records) {
            long row = r.getRecordNumber() + 1; // the header is row 1
            Map<String, String> f = new LinkedHashMap<>();
            for (String column : COLUMNS) {
                f.put(column, r.isMapped(column) && r.isSet(column) ? r.get(column).strip() : "");
            }
            String code = f.get("code").toUpperCase(Locale.ROOT);
            List<String> wrong = check(f, code, directory);
            if (!seen.add(code)) {
                wrong.add("the code " + code + " is on an earlier row too");
            }
            wrong.forEach(w -> problems.add(new RowProblem(row, code, w)));
            if (wrong.isEmpty()) {
                offices.add(office(f, code));
            }
        }
        if (records.isEmpty()) {
            problems.add(new RowProblem(1, "", "no office rows"));
        }
        if (!problems.isEmpty()) {
            throw new RowsRefusedException(problems);
        }
        Map<String, Object> file = new LinkedHashMap<>(DirectoryYaml.read(new java.io.ByteArrayInputStream(
                currentYaml.getBytes(java.nio.charset.StandardCharsets.UTF_8))));
        file.put("offices", offices);
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setWidth(140);
        return "# The offices, imported from CSV. See the shipped offices.yaml for what each field means.\n"
                + new Yaml(options).dump(file);
    }

    private static List<String> check(Map<String, String> f, String code, Directory directory) {
        List<String> wrong = new ArrayList<>();
        if (!code.matches("[A-Z0-9]{2,8}")) {
            wrong.add("code must be 2 to 8 letters or digits");
        }
        try {
            OfficeKind.valueOf(f.get("kind").toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            wrong.add("kind must be one of " + Arrays.toString(OfficeKind.values()));
        }
        for (String required : List.of("name_en", "name_es", "street", "city")) {
            if (f.get(required).isEmpty()) {
                wrong.add(required + " is empty");
            }
        }
        String country = f.get("country").isEmpty() ? "US" : f.get("country").toUpperCase(Locale.ROOT);
        if ("US".equals(country)) {
            if (!FilingAddresses.STATES.contains(f.get("state").toUpperCase(Locale.ROOT))) {
                wrong.add("state must be a two-letter postal code");
            }
            if (directory.place(f.get("zip")).isEmpty()) {
                wrong.add("ZIP code " + f.get("zip") + " is not a known U.S. ZIP code");
            }
        } else if (!Set.of(Locale.getISOCountries()).contains(country)) {
            wrong.add("country must be a two-letter ISO 3166 code");
        }
        if (!f.get("time_zone").isEmpty()) {
            try {
                ZoneId.of(f.get("time_zone"));
            } catch (RuntimeException e) {
                wrong.add("time_zone " + f.get("time_zone") + " is not a time zone (like America/Chicago)");
            }
        }
        if (f.get("hours_en").isEmpty() != f.get("hours_es").isEmpty()) {
            wrong.add("hours need both hours_en and hours_es, or neither");
        }
        for (String range : list(f.get("zip3"))) {
            if (!range.matches("[0-9]{3}(-[0-9]{3})?")) {
                wrong.add("zip3 " + range + " is not a ZIP prefix or range, like 750 or 750-769");
            }
        }
        return wrong;
    }

    private static Map<String, Object> office(Map<String, String> f, String code) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("code", code);
        o.put("kind", f.get("kind").toUpperCase(Locale.ROOT));
        o.put("name", Map.of("en", f.get("name_en"), "es", f.get("name_es")));
        Map<String, Object> address = new LinkedHashMap<>();
        address.put("street", f.get("street"));
        address.put("city", f.get("city"));
        String country = f.get("country").isEmpty() ? "US" : f.get("country").toUpperCase(Locale.ROOT);
        if ("US".equals(country)) {
            address.put("state", f.get("state").toUpperCase(Locale.ROOT));
            address.put("zip", f.get("zip"));
        } else {
            address.put("country", country);
        }
        o.put("address", address);
        if (!f.get("time_zone").isEmpty()) {
            o.put("time-zone", f.get("time_zone"));
        }
        if (!f.get("hours_en").isEmpty()) {
            o.put("hours", Map.of("en", f.get("hours_en"), "es", f.get("hours_es")));
        }
        o.put("services", list(f.get("services")));
        o.put("languages", list(f.get("languages")));
        if (!list(f.get("zip3")).isEmpty()) {
            o.put("zip3", list(f.get("zip3")));
        }
        if (!list(f.get("countries")).isEmpty()) {
            o.put("countries", list(f.get("countries")).stream().map(c -> c.toUpperCase(Locale.ROOT)).toList());
        }
        return o;
    }

    private static List<String> list(String joined) {
        return joined.isEmpty() ? List.of() : Arrays.stream(joined.split(";")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private static String nz(String value) {
        return value == null ? "" : value;
    }
}
