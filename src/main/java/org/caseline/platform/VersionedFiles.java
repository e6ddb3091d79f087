package org.caseline.platform;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * A set of text files kept in versions in one table ({@code version}, {@code files} as JSON,
 * {@code changed_by}, {@code changed_at}, {@code note}): what an administrator edits at run time
 * (the phone menus, the directory), with who put each version live, when and why. The newest is
 * the live one; nothing is ever overwritten.
 */
public final class VersionedFiles {

    /** A version: its number, who put it live, when, why, and its files by name (empty in a history listing). */
    public record Version(int number, String changedBy, Instant changedAt, String note, Map<String, String> files) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;
    private final Clock clock;
    private final String table;

    /** @param table a table of the shape above, named by the code (never by input) */
    public VersionedFiles(JdbcClient jdbc, Clock clock, String table) {
        if (!table.matches("[a-z_]+")) {
            throw new IllegalArgumentException("not a table name: " + table);
        }
        this.jdbc = jdbc;
        this.clock = clock;
        this.table = table;
    }

    public Optional<Version> newest() {
        return jdbc.sql("select version, changed_by, changed_at, note, files::text from " + table + " order by version desc limit 1")
                .query((rs, n) -> new Version(rs.getInt(1), rs.getString(2), rs.getTimestamp(3).toInstant(), rs.getString(4),
                        JSON.readValue(rs.getString(5), new TypeReference<LinkedHashMap<String, String>>() { })))
                .optional();
    }

    /** The newest version's number, without its files (a cheap look for a newer version); null before the first. */
    public Integer newestNumber() {
        return jdbc.sql("select max(version) from " + table).query(Integer.class).single();
    }

    /** Every version, newest first, without their files. */
    public List<Version> history() {
        return jdbc.sql("select version, changed_by, changed_at, note from " + table + " order by version desc")
                .query((rs, n) -> new Version(rs.getInt(1), rs.getString(2), rs.getTimestamp(3).toInstant(), rs.getString(4), Map.of()))
                .list();
    }

    /** Stores a new version, now, by {@code by}. */
    public Version insert(Map<String, String> files, String by, String note) {
        Instant at = clock.instant();
        int number = jdbc.sql("insert into " + table + " (files, changed_by, changed_at, note) values (cast(? as jsonb), ?, ?, ?) returning version")
                .params(JSON.writeValueAsString(files), by, Timestamp.from(at), note)
                .query(Integer.class).single();
        return new Version(number, by, at, note, new TreeMap<>(files));
    }
}
