package org.caseline.cases.ingest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.annotation.PreDestroy;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.caseline.cases.CaseIngestion;
import org.caseline.cases.CaseStatusService;
import org.caseline.cases.InvalidCaseDataException;
import org.caseline.cases.InvalidReceiptNumberException;
import org.caseline.cases.ReceiptNumber;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Bulk import of case files. The upload is kept in a temporary file and read in the background;
 * every row is its own transaction, so good rows are kept and each bad row is reported with its
 * line number and reason. Columns (CSV header, or JSON-lines keys): {@code receipt_number},
 * {@code form_type}, {@code received_date}, {@code office_code}, {@code status},
 * {@code status_date}, {@code applicant_reference}, {@code sent_to_dos}.
 */
@Service
class CaseImports {

    private static final Logger log = LoggerFactory.getLogger(CaseImports.class);
    private static final int ERRORS_SHOWN = 1000;
    private static final int PROGRESS_EVERY = 500;
    private static final long MAX_UPLOAD_BYTES = 1L << 30;

    enum Format { CSV, JSONL }

    enum State { RUNNING, DONE, FAILED }

    record RowError(int line, String reason) {
    }

    record Job(UUID id, String fileName, Format format, State state, int rowsRead, int rowsOk, int rowsFailed,
               String startedBy, Instant startedAt, Instant finishedAt, String failure, List<RowError> errors) {
    }

    private final JdbcClient jdbc;
    private final CaseStatusService cases;
    private final CaseIngestion ingestion;
    private final MessageSource messages;
    private final Clock clock;
    private final ZoneId zone;
    private final JsonMapper json = JsonMapper.builder().build();
    private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();

    CaseImports(JdbcClient jdbc, CaseStatusService cases, CaseIngestion ingestion, MessageSource messages, Clock clock,
                @Value("${caseline.agency.time-zone:America/New_York}") ZoneId zone) {
        this.jdbc = jdbc;
        this.cases = cases;
        this.ingestion = ingestion;
        this.messages = messages;
        this.clock = clock;
        this.zone = zone;
    }

    Job start(InputStream upload, Format format, String fileName, String user) throws IOException {
        Path file = Files.createTempFile("caseline-import-", "." + format.name().toLowerCase(Locale.ROOT));
        try (var out = Files.newOutputStream(file)) {
            long copied = upload.transferTo(out);
            if (copied > MAX_UPLOAD_BYTES) {
                throw new IllegalArgumentException("The file is larger than 1 GiB; split it.");
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
        UUID id = UUID.randomUUID();
        String name = fileName.length() > 200 ? fileName.substring(0, 200) : fileName;
        jdbc.sql("""
                        insert into import_job (id, file_name, format, state, started_by, started_at)
                        values (?, ?, ?, 'RUNNING', ?, ?)""")
                .params(id, name, format.name(), user, Timestamp.from(clock.instant()))
                .update();
        workers.submit(() -> run(id, file, format));
        return find(id).orElseThrow();
    }

    Optional<Job> find(UUID id) {
        List<RowError> errors = jdbc.sql("select line_number, reason from import_row_error where job_id = ? order by line_number limit ?")
                .params(id, ERRORS_SHOWN)
                .query((rs, n) -> new RowError(rs.getInt(1), rs.getString(2)))
                .list();
        return jdbc.sql("""
                        select id, file_name, format, state, rows_read, rows_ok, rows_failed, started_by, started_at,
                               finished_at, failure from import_job where id = ?""")
                .param(id)
                .query((rs, n) -> new Job(rs.getObject(1, UUID.class), rs.getString(2), Format.valueOf(rs.getString(3)),
                        State.valueOf(rs.getString(4)), rs.getInt(5), rs.getInt(6), rs.getInt(7), rs.getString(8),
                        rs.getTimestamp(9).toInstant(),
                        rs.getTimestamp(10) == null ? null : rs.getTimestamp(10).toInstant(), rs.getString(11), errors))
                .optional();
    }

    private void run(UUID id, Path file, Format format) {
        var counts = new int[3]; // read, ok, failed
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            RowSink sink = (line, fields) -> {
                counts[0]++;
                Optional<String> problem = importRow(fields);
                if (problem.isEmpty()) {
                    counts[1]++;
                } else {
                    counts[2]++;
                    jdbc.sql("insert into import_row_error (job_id, line_number, reason) values (?, ?, ?) on conflict do nothing")
                            .params(id, line, problem.get()).update();
                }
                if (counts[0] % PROGRESS_EVERY == 0) {
                    progress(id, counts, "RUNNING", null);
                }
            };
            if (format == Format.CSV) {
                readCsv(reader, sink);
            } else {
                readJsonLines(new BufferedReader(reader), sink);
            }
            progress(id, counts, "DONE", null);
            log.info("Import {} done: {} rows, {} imported, {} refused", id, counts[0], counts[1], counts[2]);
        } catch (IOException | RuntimeException e) {
            log.warn("Import {} failed after {} rows: {}", id, counts[0], e.getMessage());
            progress(id, counts, "FAILED", "The file could not be read past row " + counts[0] + ": " + e.getMessage());
        } finally {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a temp file left behind is cleaned by the OS
            }
        }
    }

    @FunctionalInterface
    interface RowSink {
        void accept(int line, Map<String, String> fields);
    }

    private static void readCsv(Reader reader, RowSink sink) throws IOException {
        CSVFormat csv = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true)
                .setIgnoreEmptyLines(true).setAllowMissingColumnNames(true).get();
        try (CSVParser parser = CSVParser.parse(reader, csv)) {
            for (CSVRecord record : parser) {
                Map<String, String> fields = new LinkedHashMap<>();
                for (String name : parser.getHeaderNames()) {
                    if (name != null && !name.isBlank() && record.isSet(name)) {
                        fields.put(name.strip().toLowerCase(Locale.ROOT), record.get(name));
                    }
                }
                // the header is line 1; a row's line is where it starts
                sink.accept((int) record.getRecordNumber() + 1, fields);
            }
        }
    }

    private void readJsonLines(BufferedReader reader, RowSink sink) throws IOException {
        String line;
        int number = 0;
        while ((line = reader.readLine()) != null) {
            number++;
            if (line.isBlank()) {
                continue;
            }
            Map<String, String> fields = new LinkedHashMap<>();
            try {
                JsonNode node = json.readTree(line);
                if (!node.isObject()) {
                    fields.put("__error", "The line is not a JSON object.");
                } else {
                    for (var entry : node.properties()) {
                        JsonNode value = entry.getValue();
                        fields.put(entry.getKey().toLowerCase(Locale.ROOT),
                                value.isNull() ? null : value.isValueNode() ? value.asString() : value.toString());
                    }
                }
            } catch (JacksonException e) {
                fields.put("__error", "The line is not valid JSON.");
            }
            sink.accept(number, fields);
        }
    }

    /** Imports one row; returns why it was refused, if it was. */
    private Optional<String> importRow(Map<String, String> fields) {
        if (fields.containsKey("__error")) {
            return Optional.of(fields.get("__error"));
        }
        try {
            String raw = fields.get("receipt_number");
            if (raw == null || raw.isBlank()) {
                return Optional.of("receipt_number is missing.");
            }
            ReceiptNumber receipt = cases.parseReceipt(raw);
            ingestion.upsert(receipt, new CaseIngestion.CaseData(
                    blankToNull(fields.get("form_type")),
                    date(fields.get("received_date"), "received_date"),
                    blankToNull(fields.get("office_code")),
                    blankToNull(fields.get("applicant_reference")),
                    bool(fields.get("sent_to_dos")),
                    blankToNull(fields.get("status")),
                    instant(fields.get("status_date"))));
            return Optional.empty();
        } catch (InvalidReceiptNumberException e) {
            return Optional.of("receipt_number: " + e.describe(messages, Locale.ENGLISH));
        } catch (InvalidCaseDataException e) {
            return Optional.of(snake(e.field()) + ": " + e.getMessage());
        } catch (RuntimeException e) {
            log.warn("Import row failed unexpectedly: {}", e.getClass().getSimpleName());
            return Optional.of("The row could not be stored (" + e.getClass().getSimpleName() + ").");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static LocalDate date(String value, String field) {
        String text = blankToNull(value);
        if (text == null) {
            return null;
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new InvalidCaseDataException(field, "\"" + abbreviate(text) + "\" is not a date like 2025-01-31.");
        }
    }

    private Instant instant(String value) {
        String text = blankToNull(value);
        if (text == null) {
            return null;
        }
        try {
            if (text.length() == 10) {
                return LocalDate.parse(text).atStartOfDay(zone).toInstant();
            }
            if (text.endsWith("Z") || text.matches(".*[+-]\\d\\d:\\d\\d$")) {
                return java.time.OffsetDateTime.parse(text).toInstant();
            }
            return LocalDateTime.parse(text).atZone(zone).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidCaseDataException("statusAt", "\"" + abbreviate(text) + "\" is not a date or time like 2025-01-31 or 2025-01-31T14:00:00Z.");
        }
    }

    private static Boolean bool(String value) {
        String text = blankToNull(value);
        if (text == null) {
            return null;
        }
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "y", "1" -> true;
            case "false", "no", "n", "0" -> false;
            default -> throw new InvalidCaseDataException("sentToDepartmentOfState",
                    "\"" + abbreviate(text) + "\" is not true or false.");
        };
    }

    private static String snake(String field) {
        return switch (field) {
            case "formType" -> "form_type";
            case "receivedDate" -> "received_date";
            case "officeCode" -> "office_code";
            case "applicantReference" -> "applicant_reference";
            case "sentToDepartmentOfState" -> "sent_to_dos";
            case "statusAt" -> "status_date";
            default -> field;
        };
    }

    private static String abbreviate(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }

    private void progress(UUID id, int[] counts, String state, String failure) {
        jdbc.sql("""
                        update import_job set rows_read = ?, rows_ok = ?, rows_failed = ?, state = ?, failure = ?,
                               finished_at = ?
                        where id = ?""")
                .params(counts[0], counts[1], counts[2], state, failure,
                        "RUNNING".equals(state) ? null : Timestamp.from(clock.instant()), id)
                .update();
    }

    @PreDestroy
    void stop() {
        workers.shutdownNow();
    }
}
