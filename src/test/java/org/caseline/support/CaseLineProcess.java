package org.caseline.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.caseline.CaseLineApplication;

import static org.awaitility.Awaitility.await;

/**
 * A CaseLine node in a JVM of its own (the test's classes and settings), so that a test can kill
 * it the way a machine dies: no shutdown, no goodbyes, its sockets gone at once.
 */
public final class CaseLineProcess implements AutoCloseable {

    private final Process process;
    private final Path log;
    private final int httpPort;

    private CaseLineProcess(Process process, Path log, int httpPort) {
        this.process = process;
        this.log = log;
        this.httpPort = httpPort;
    }

    /** Starts a node with the test profile and {@code settings}, and waits until it says it is up. */
    public static CaseLineProcess start(Path dir, String name, List<String> settings) {
        try {
            Files.createDirectories(dir);
            int httpPort = PhoneTest.freeUdpAndTcpPort();
            String java = ProcessHandle.current().info().command().orElse("java");
            List<String> command = new ArrayList<>(List.of(java, "-Xmx768m", "-XX:TieredStopAtLevel=1",
                    "-cp", System.getProperty("java.class.path"), CaseLineApplication.class.getName(),
                    "--spring.profiles.active=test", "--server.port=" + httpPort, "--caseline.routing.node=" + name));
            command.addAll(settings);
            Path log = dir.resolve(name + ".log");
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            CaseLineProcess node = new CaseLineProcess(process, log, httpPort);
            Http http = new Http(httpPort);
            await(name + " up").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).until(() -> {
                if (!process.isAlive()) {
                    throw new AssertionError(name + " exited: " + node.log());
                }
                try {
                    return http.get("/actuator/health").status() == 200;
                } catch (RuntimeException notYet) {
                    return false;
                }
            });
            return node;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int httpPort() {
        return httpPort;
    }

    /** SIGKILL: the node stops mid-sentence. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public String log() {
        try {
            String all = Files.readString(log);
            return all.length() > 20_000 ? all.substring(all.length() - 20_000) : all;
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
