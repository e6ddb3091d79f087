package org.caseline.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.awaitility.Awaitility.await;

/**
 * Kamailio (Debian's package) as the SIP dispatcher in front of CaseLine nodes, started with the
 * configuration kept in {@code deploy/kamailio/}, as production starts it, on a port of its own.
 */
public final class Kamailio implements AutoCloseable {

    private static final Pattern DESTINATION = Pattern.compile("URI: (\\S+)\\s+FLAGS: (\\S+)");

    private final Process process;
    private final Path dir;
    private final int port;

    private Kamailio(Process process, Path dir, int port) {
        this.process = process;
        this.dir = dir;
        this.port = port;
    }

    /** Kamailio dispatching to the CaseLine nodes answering SIP on {@code nodePorts} of this machine. */
    public static Kamailio dispatching(Path dir, List<Integer> nodePorts) {
        try {
            Files.createDirectories(dir);
            StringBuilder list = new StringBuilder();
            for (int node : nodePorts) {
                list.append("1 sip:127.0.0.1:").append(node).append(" 0 0\n");
            }
            Files.writeString(dir.resolve("caseline-nodes.list"), list);
            int port = PhoneTest.freeUdpAndTcpPort();
            Process process = new ProcessBuilder("kamailio", "-DD", "-E",
                    "-f", Path.of("deploy/kamailio/kamailio.cfg").toAbsolutePath().toString(),
                    "-l", "udp:127.0.0.1:" + port,
                    "-A", "DISPATCHER_LIST=\"" + dir.resolve("caseline-nodes.list") + "\"",
                    "-A", "CTL_SOCKET=\"unix:" + dir.resolve("ctl") + "\"",
                    "-Y", dir.toString(), "-w", dir.toString(), "-m", "64", "-M", "8")
                    .redirectErrorStream(true).redirectOutput(dir.resolve("kamailio.log").toFile()).start();
            Kamailio kamailio = new Kamailio(process, dir, port);
            await("Kamailio answering its control socket").atMost(Duration.ofSeconds(20)).until(() -> {
                if (!process.isAlive()) {
                    throw new AssertionError("Kamailio exited: " + kamailio.log());
                }
                return !kamailio.destinations().isEmpty();
            });
            return kamailio;
        } catch (IOException e) {
            throw new UncheckedIOException("Kamailio did not start (apt-get install -y kamailio)", e);
        }
    }

    /** Where phones and carriers send their SIP: 127.0.0.1 on this port. */
    public int port() {
        return port;
    }

    /** Each node's SIP URI and its dispatcher flags: "A..." in the set, "I..." taken out, "T..." failing. */
    public Map<String, String> destinations() {
        try {
            Process kamcmd = new ProcessBuilder("kamcmd", "-s", "unix:" + dir.resolve("ctl"), "dispatcher.list")
                    .redirectErrorStream(true).start();
            String out = new String(kamcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            kamcmd.waitFor(10, TimeUnit.SECONDS);
            Map<String, String> found = new LinkedHashMap<>();
            Matcher m = DESTINATION.matcher(out);
            while (m.find()) {
                found.put(m.group(1), m.group(2));
            }
            return found;
        } catch (IOException e) {
            return Map.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Map.of();
        }
    }

    /** Whether the dispatcher sends new requests to the node on {@code nodePort}. */
    public boolean sendsTo(int nodePort) {
        return destinations().getOrDefault("sip:127.0.0.1:" + nodePort, "").startsWith("A");
    }

    public String log() {
        try {
            return Files.readString(dir.resolve("kamailio.log"));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** Stops it as its service would (SIGTERM: the main process takes its children with it). */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
