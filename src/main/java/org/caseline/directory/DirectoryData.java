package org.caseline.directory;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.caseline.cases.Catalogue;
import org.caseline.platform.VersionedFiles;
import org.caseline.platform.VersionedFiles.Version;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The directory as it is live: its seven files ({@code offices.yaml}, {@code filing-addresses.yaml},
 * {@code forms.yaml}, {@code news.yaml}, {@code civil-surgeons.yaml}, {@code legal-help.yaml}, {@code events.yaml}),
 * read into the parts every channel asks, and every version of them with who put it live and
 * when. An administrator's change goes live only if all the files pass their checks together;
 * every node looks for a newer version every few seconds, so the page, the API and the IVR all
 * say the new hours of an office within seconds, without a restart.
 */
@Service
public class DirectoryData {

    private static final Logger log = LoggerFactory.getLogger(DirectoryData.class);
    public static final List<String> FILES = List.of("offices.yaml", "filing-addresses.yaml", "forms.yaml", "news.yaml",
            "civil-surgeons.yaml", "legal-help.yaml", "events.yaml");
    private static final Duration LOOK_FOR_NEWER = Duration.ofSeconds(5);

    /** Everything the directory knows, read from one version of its files. */
    public record Parts(Directory offices, FilingAddresses filing, Forms forms, News news, CivilSurgeons surgeons,
                        LegalHelp legalHelp, Events events) {
    }


    /** The files have problems: each is named, with what is wrong; nothing changed. */
    public static class InvalidFilesException extends RuntimeException {
        public InvalidFilesException(String message) {
            super(message);
        }
    }

    private record Live(Version version, Parts parts) {
    }

    /** Every version of the files (table directory_version). */
    private final VersionedFiles store;
    private final Clock clock;
    private final Catalogue catalogue;
    private final ZipCodes zips = ZipCodes.shipped();
    private volatile Live live;
    private volatile Instant lookedAt = Instant.EPOCH;

    DirectoryData(JdbcClient jdbc, Clock clock, Catalogue catalogue) {
        this.store = new VersionedFiles(jdbc, clock, "directory_version");
        this.clock = clock;
        this.catalogue = catalogue;
        Map<String, String> shipped = shipped();
        Optional<Version> newest = newest();
        // a version nobody but the system put live follows the release: the directory it ships now
        Live stored = newest.filter(v -> !"system".equals(v.changedBy()) || v.files().equals(shipped))
                .flatMap(v -> checked(withShipped(v, shipped))).orElse(null);
        if (stored != null && stored.version().files().equals(newest.orElseThrow().files())) {
            this.live = stored;
        } else if (stored != null) {
            // an upgrade ships a file the stored version lacks: added, the administrator's others kept
            // (not "system": what an administrator changed must not give way to the next release's files)
            Version upgraded = insert(stored.version().files(), "system (upgrade)", "version " + newest.orElseThrow().number()
                    + " with the files this release adds");
            this.live = new Live(upgraded, stored.parts());
        } else {
            Version first = insert(shipped, "system", "the directory shipped with CaseLine");
            this.live = new Live(first, read(shipped));
        }
        log.info("Directory version {} is live", live.version().number());
    }

    /** The live parts (a newer version another node put live is taken up within seconds). */
    public Parts parts() {
        Instant now = clock.instant();
        if (Duration.between(lookedAt, now).compareTo(LOOK_FOR_NEWER) >= 0) {
            lookedAt = now;
            Integer newest = store.newestNumber();
            if (newest != null && newest != live.version().number()) {
                newest().flatMap(this::checked).ifPresent(v -> live = v);
            }
        }
        return live.parts();
    }

    public Directory offices() {
        return parts().offices();
    }

    public FilingAddresses filing() {
        return parts().filing();
    }

    public Forms forms() {
        return parts().forms();
    }

    public News news() {
        return parts().news();
    }

    public CivilSurgeons surgeons() {
        return parts().surgeons();
    }

    public LegalHelp legalHelp() {
        return parts().legalHelp();
    }

    public Events events() {
        return parts().events();
    }

    public Version currentVersion() {
        parts();
        return live.version();
    }

    /**
     * Puts changed files live: {@code changes} replace files of the live version by name.
     *
     * @throws InvalidFilesException and nothing changes, when a name is not a directory file or the result has problems
     */
    @Transactional
    public Version change(Map<String, String> changes, String by, String note) {
        List<String> unknown = changes.keySet().stream().filter(n -> !FILES.contains(n)).toList();
        if (!unknown.isEmpty()) {
            throw new InvalidFilesException("Not directory files: " + String.join(", ", unknown) + "; they are " + FILES);
        }
        if (changes.values().stream().anyMatch(t -> t == null || t.isBlank())) {
            throw new InvalidFilesException("A directory file cannot be removed or left empty");
        }
        Map<String, String> files = new TreeMap<>(currentVersion().files());
        files.putAll(changes);
        Parts parts = read(files);
        Version version = insert(files, by, note);
        live = new Live(version, parts);
        lookedAt = clock.instant();
        log.info("Directory version {} put live by {}", version.number(), by);
        return version;
    }

    public List<Version> history() {
        return store.history();
    }

    /**
     * Reads every file into its part; each one's problems are collected and reported together.
     *
     * @throws InvalidFilesException naming the files and their problems
     */
    Parts read(Map<String, String> files) {
        List<String> problems = new ArrayList<>();
        Directory offices = (Directory) part(problems, "offices.yaml", () -> reader("offices.yaml", files, null));
        FilingAddresses filing = (FilingAddresses) part(problems, "filing-addresses.yaml", () -> reader("filing-addresses.yaml", files, null));
        Forms forms = (Forms) part(problems, "forms.yaml", () -> reader("forms.yaml", files, null));
        News news = (News) part(problems, "news.yaml", () -> reader("news.yaml", files, null));
        CivilSurgeons surgeons = offices == null ? null
                : (CivilSurgeons) part(problems, "civil-surgeons.yaml", () -> reader("civil-surgeons.yaml", files, offices));
        LegalHelp legalHelp = (LegalHelp) part(problems, "legal-help.yaml", () -> reader("legal-help.yaml", files, null));
        Events events = offices == null ? null : (Events) part(problems, "events.yaml", () -> reader("events.yaml", files, offices));
        if (!problems.isEmpty()) {
            throw new InvalidFilesException(String.join("; ", problems));
        }
        return new Parts(offices, filing, forms, news, surgeons, legalHelp, events);
    }

    /**
     * Reads one file alone, as {@link #change} would read it, against the live offices where its
     * entries name an office: for checking one entry at a time (a CSV row, a form) before the whole.
     *
     * @throws InvalidFilesException with the file's problems
     */
    void check(String file, String text) {
        List<String> problems = new ArrayList<>();
        Directory offices = parts().offices();
        part(problems, file, () -> reader(file, Map.of(file, text), offices));
        if (!problems.isEmpty()) {
            throw new InvalidFilesException(String.join("; ", problems));
        }
    }

    /** The part one file is read into; {@code offices} for the files whose entries are placed by an office. */
    private Object reader(String file, Map<String, String> files, Directory offices) {
        return switch (file) {
            case "offices.yaml" -> new Directory(zips, stream(files, file));
            case "filing-addresses.yaml" -> new FilingAddresses(catalogue, stream(files, file));
            case "forms.yaml" -> new Forms(catalogue, stream(files, file));
            case "news.yaml" -> new News(stream(files, file));
            case "civil-surgeons.yaml" -> new CivilSurgeons(offices, stream(files, file));
            case "legal-help.yaml" -> new LegalHelp(stream(files, file));
            case "events.yaml" -> new Events(offices, stream(files, file));
            default -> throw new IllegalStateException("not a directory file");
        };
    }

    private static <T> T part(List<String> problems, String file, java.util.function.Supplier<T> reader) {
        try {
            return reader.get();
        } catch (RuntimeException e) {
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            problems.add(message.startsWith("The ") ? message : file + ": " + message);
            return null;
        }
    }

    private static InputStream stream(Map<String, String> files, String name) {
        String text = files.get(name);
        if (text == null) {
            throw new IllegalStateException("the file is missing");
        }
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    private static Map<String, String> shipped() {
        Map<String, String> files = new TreeMap<>();
        for (String name : FILES) {
            try (InputStream in = DirectoryData.class.getResourceAsStream("/directory/" + name)) {
                files.put(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return files;
    }

    /** The stored version with the files this release ships and it lacks. */
    private static Version withShipped(Version stored, Map<String, String> shipped) {
        Map<String, String> files = new TreeMap<>(shipped);
        files.putAll(stored.files());
        return new Version(stored.number(), stored.changedBy(), stored.changedAt(), stored.note(), files);
    }

    /** A stored version that no longer passes the checks (after an upgrade, say) is not put live. */
    private Optional<Live> checked(Version version) {
        try {
            return Optional.of(new Live(version, read(version.files())));
        } catch (InvalidFilesException e) {
            log.error("Directory version {} fails the checks and stays off: {}", version.number(), e.getMessage());
            return Optional.empty();
        }
    }

    private Optional<Version> newest() {
        return store.newest();
    }

    private Version insert(Map<String, String> files, String by, String note) {
        return store.insert(files, by, note);
    }
}
