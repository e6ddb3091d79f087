package org.caseline.assistant;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.caseline.platform.VersionedFiles;
import org.caseline.platform.VersionedFiles.Version;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The assistant's knowledge, live and in versions ({@code assistant_knowledge_version}). A change
 * goes live only if the whole file passes the checks; every version is kept with who put it live,
 * when and why. Each node looks for a newer version every few seconds and builds its index from it.
 * The file shipped with CaseLine goes live at the first start, and again after an upgrade that
 * changes it, unless an administrator's version is live.
 */
@Service
public class KnowledgeBase {

    /** The file, by name, in every version. */
    public static final String FILE = "knowledge.yaml";

    /** What is wrong with a knowledge file, every problem at once. */
    public static final class InvalidKnowledgeException extends RuntimeException {
        private final List<String> problems;

        public InvalidKnowledgeException(List<String> problems) {
            super("The knowledge file has " + problems.size() + " problem(s): " + String.join("; ", problems));
            this.problems = List.copyOf(problems);
        }

        public List<String> problems() {
            return problems;
        }
    }

    record Live(Version version, Knowledge knowledge, Retriever retriever) {
    }

    private static final Logger log = LoggerFactory.getLogger(KnowledgeBase.class);
    private static final Duration LOOK_FOR_NEWER = Duration.ofSeconds(5);
    private static final String SYSTEM = "system";

    private final VersionedFiles store;
    private final Facts facts;
    private final Clock clock;
    private final boolean embeddings;
    private volatile Live live;
    private volatile Instant lookedAt = Instant.EPOCH;

    KnowledgeBase(JdbcClient jdbc, Clock clock, Facts facts, AssistantProperties settings) {
        this.store = new VersionedFiles(jdbc, clock, "assistant_knowledge_version");
        this.facts = facts;
        this.clock = clock;
        this.embeddings = settings.embeddings();
        String shipped = shipped();
        Optional<Version> newest = store.newest();
        Live stored = newest.flatMap(this::checked).orElse(null);
        if (stored != null && SYSTEM.equals(stored.version().changedBy()) && !shipped.equals(stored.version().files().get(FILE))) {
            stored = null; // an upgrade shipped new knowledge, and no administrator has changed it: the new one goes live
        }
        if (stored == null) {
            Version first = store.insert(Map.of(FILE, shipped), SYSTEM, "the knowledge shipped with CaseLine");
            stored = build(first);
        }
        this.live = stored;
        log.info("Assistant knowledge version {} is live: {} articles", live.version().number(), live.knowledge().articles().size());
    }

    Live live() {
        Instant now = clock.instant();
        if (Duration.between(lookedAt, now).compareTo(LOOK_FOR_NEWER) >= 0) {
            lookedAt = now;
            Integer newest = store.newestNumber();
            if (newest != null && newest != live.version().number()) {
                store.newest().flatMap(this::checked).ifPresent(v -> live = v);
            }
        }
        return live;
    }

    public Version currentVersion() {
        return live().version();
    }

    public List<Version> history() {
        return store.history();
    }

    /**
     * Puts a new knowledge file live, by {@code by}.
     *
     * @throws InvalidKnowledgeException with every problem when the file does not pass the checks
     */
    public Version change(String yaml, String by, String note) {
        Knowledge knowledge = Knowledge.parse(yaml == null ? "" : yaml, facts::problems);
        Version version = store.insert(Map.of(FILE, yaml), by, note);
        live = new Live(version, knowledge, new Retriever(knowledge, embeddings));
        log.info("Assistant knowledge version {} put live by {}", version.number(), by);
        return version;
    }

    private Optional<Live> checked(Version version) {
        try {
            return Optional.of(build(version));
        } catch (InvalidKnowledgeException e) {
            log.warn("Assistant knowledge version {} does not pass the checks and is not used: {}", version.number(), e.getMessage());
            return Optional.empty();
        }
    }

    private Live build(Version version) {
        Knowledge knowledge = Knowledge.parse(version.files().getOrDefault(FILE, ""), facts::problems);
        return new Live(version, knowledge, new Retriever(knowledge, embeddings));
    }

    static String shipped() {
        try (InputStream in = KnowledgeBase.class.getResourceAsStream("/assistant/" + FILE)) {
            if (in == null) {
                throw new IllegalStateException("assistant/" + FILE + " is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
