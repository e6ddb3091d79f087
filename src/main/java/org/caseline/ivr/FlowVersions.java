package org.caseline.ivr;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.caseline.ivr.flow.FlowFiles;
import org.caseline.ivr.flow.FlowSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The live flows and their history. A change goes live only if the whole set passes the checks;
 * every version is kept with who put it live and when. New calls take the newest version (each
 * node looks for a newer one every few seconds); calls in progress finish on the one they began.
 */
@Service
public class FlowVersions {

    private static final Logger log = LoggerFactory.getLogger(FlowVersions.class);
    private static final Duration LOOK_FOR_NEWER = Duration.ofSeconds(5);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** A version of the flows: its number, its files, who put it live and when. */
    public record Version(int number, String changedBy, Instant changedAt, String note, Map<String, String> files) {
    }

    private record Live(Version version, FlowSet flows) {
    }

    private final JdbcClient jdbc;
    private final Lines lines;
    private final Clock clock;
    private volatile Live live;
    private volatile Instant lookedAt = Instant.EPOCH;

    FlowVersions(JdbcClient jdbc, Lines lines, Clock clock, FlowSet initial,
                 @org.springframework.beans.factory.annotation.Value("${caseline.ivr.location:classpath:ivr}") String location) {
        this.jdbc = jdbc;
        this.lines = lines;
        this.clock = clock;
        Optional<Version> newest = newest();
        Live stored = newest.flatMap(this::checked).orElse(null);
        if (stored != null) {
            // an administrator's change outlives a restart
            this.live = stored;
        } else {
            Version first = insert(FlowFiles.read(location), "system", "the flows shipped with CaseLine");
            this.live = new Live(first, initial);
        }
        log.info("IVR flows version {} is live", live.version().number());
    }

    /** The flows a new call starts on. */
    public FlowSet current() {
        Instant now = clock.instant();
        if (Duration.between(lookedAt, now).compareTo(LOOK_FOR_NEWER) >= 0) {
            lookedAt = now;
            Integer newest = jdbc.sql("select max(version) from ivr_flow_version").query(Integer.class).single();
            if (newest != null && newest != live.version().number()) {
                newest().flatMap(this::checked).ifPresent(v -> live = v);
            }
        }
        return live.flows();
    }

    public Version currentVersion() {
        current();
        return live.version();
    }

    /**
     * Puts changed files live: {@code changes} replace files of the current version by name (a
     * file given as null is removed).
     *
     * @throws org.caseline.ivr.flow.InvalidFlowException and nothing changes, when the result has problems
     */
    @Transactional
    public Version change(Map<String, String> changes, String by, String note) {
        Map<String, String> files = new TreeMap<>(currentVersion().files());
        changes.forEach((name, text) -> {
            if (text == null) {
                files.remove(name);
            } else {
                files.put(name, text);
            }
        });
        FlowSet checked = FlowFiles.build(files, entryFlows());
        Version version = insert(files, by, note);
        live = new Live(version, checked);
        lookedAt = clock.instant();
        log.info("IVR flows version {} put live by {}", version.number(), by);
        return version;
    }

    public List<Version> history() {
        return jdbc.sql("select version, changed_by, changed_at, note from ivr_flow_version order by version desc")
                .query((rs, n) -> new Version(rs.getInt(1), rs.getString(2), rs.getTimestamp(3).toInstant(),
                        rs.getString(4), Map.of()))
                .list();
    }

    /** A stored version that no longer passes the checks (after an upgrade, say) is not put live. */
    private Optional<Live> checked(Version version) {
        try {
            return Optional.of(new Live(version, FlowFiles.build(version.files(), entryFlows())));
        } catch (org.caseline.ivr.flow.InvalidFlowException e) {
            log.error("IVR flows version {} fails the checks and stays off: {}", version.number(), e.getMessage());
            return Optional.empty();
        }
    }

    private List<String> entryFlows() {
        return lines.lines().stream().map(Lines.Line::flow).distinct().toList();
    }

    private Optional<Version> newest() {
        return jdbc.sql("select version, changed_by, changed_at, note, files::text from ivr_flow_version order by version desc limit 1")
                .query((rs, n) -> new Version(rs.getInt(1), rs.getString(2), rs.getTimestamp(3).toInstant(), rs.getString(4),
                        JSON.readValue(rs.getString(5), new TypeReference<LinkedHashMap<String, String>>() { })))
                .optional();
    }

    private Version insert(Map<String, String> files, String by, String note) {
        Instant at = clock.instant();
        int number = jdbc.sql("""
                        insert into ivr_flow_version (files, changed_by, changed_at, note)
                        values (cast(? as jsonb), ?, ?, ?) returning version""")
                .params(JSON.writeValueAsString(files), by, Timestamp.from(at), note)
                .query(Integer.class).single();
        return new Version(number, by, at, note, files);
    }
}
