package org.caseline.ivr;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.caseline.ivr.flow.FlowFiles;
import org.caseline.ivr.flow.FlowSet;
import org.caseline.platform.VersionedFiles;
import org.caseline.platform.VersionedFiles.Version;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
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


    private record Live(Version version, FlowSet flows) {
    }

    /** Every version of the flows (table ivr_flow_version). */
    private final VersionedFiles store;
    private final Lines lines;
    private final Clock clock;
    private volatile Live live;
    private volatile Instant lookedAt = Instant.EPOCH;

    FlowVersions(JdbcClient jdbc, Lines lines, Clock clock, FlowSet initial,
                 @org.springframework.beans.factory.annotation.Value("${caseline.ivr.location:classpath:ivr}") String location) {
        this.store = new VersionedFiles(jdbc, clock, "ivr_flow_version");
        this.lines = lines;
        this.clock = clock;
        Optional<Version> newest = newest();
        Map<String, String> shipped = FlowFiles.read(location);
        // an administrator's change outlives a restart, and an upgrade that ships new flows or prompts
        Live stored = newest.flatMap(v -> checked(v).or(() -> upgraded(v, shipped))).orElse(null);
        if (stored != null) {
            this.live = stored;
        } else {
            Version first = insert(shipped, "system", "the flows shipped with CaseLine");
            this.live = new Live(first, initial);
        }
        log.info("IVR flows version {} is live", live.version().number());
    }

    /** The flows a new call starts on. */
    public FlowSet current() {
        Instant now = clock.instant();
        if (Duration.between(lookedAt, now).compareTo(LOOK_FOR_NEWER) >= 0) {
            lookedAt = now;
            Integer newest = store.newestNumber();
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
        return store.history();
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

    /**
     * The stored version with what this release ships and it lacks (a new flow file, new prompts)
     * added, put live as a new version if that passes the checks: an upgrade keeps the
     * administrator's changes. Empty when it still does not pass.
     */
    private Optional<Live> upgraded(Version stored, Map<String, String> shipped) {
        Map<String, String> files = new TreeMap<>(stored.files());
        List<String> added = new java.util.ArrayList<>();
        shipped.forEach((name, text) -> {
            if (!files.containsKey(name)) {
                files.put(name, text);
                added.add(name);
            }
        });
        String prompts = files.get(FlowFiles.PROMPTS);
        if (prompts != null && shipped.containsKey(FlowFiles.PROMPTS)) {
            var have = org.caseline.ivr.flow.Prompts.load(FlowFiles.PROMPTS, new java.io.StringReader(prompts)).prompts();
            var ships = org.caseline.ivr.flow.Prompts.load(FlowFiles.PROMPTS,
                    new java.io.StringReader(shipped.get(FlowFiles.PROMPTS))).prompts();
            StringBuilder more = new StringBuilder();
            for (String id : ships.ids()) {
                if (!have.has(id)) {
                    var text = ships.text(id).orElseThrow();
                    // JSON strings are YAML double-quoted scalars: any text survives the round trip
                    more.append(JSON.writeValueAsString(id)).append(":\n  en: ").append(JSON.writeValueAsString(text.en()))
                            .append("\n  es: ").append(JSON.writeValueAsString(text.es())).append('\n');
                    added.add("prompt " + id);
                }
            }
            if (!more.isEmpty()) {
                files.put(FlowFiles.PROMPTS, prompts + (prompts.endsWith("\n") ? "" : "\n")
                        + "# added by an upgrade of CaseLine\n" + more);
            }
        }
        if (added.isEmpty()) {
            return Optional.empty();
        }
        try {
            FlowSet flows = FlowFiles.build(files, entryFlows());
            Version version = insert(files, "system", "version " + stored.number() + " with what this release adds: "
                    + String.join(", ", added));
            log.info("IVR flows version {} upgraded to version {}: {} added", stored.number(), version.number(), added);
            return Optional.of(new Live(version, flows));
        } catch (org.caseline.ivr.flow.InvalidFlowException e) {
            log.error("IVR flows version {} fails the checks even with what this release adds: {}", stored.number(), e.getMessage());
            return Optional.empty();
        }
    }

    private List<String> entryFlows() {
        return lines.entries();
    }

    private Optional<Version> newest() {
        return store.newest();
    }

    private Version insert(Map<String, String> files, String by, String note) {
        return store.insert(files, by, note);
    }
}
