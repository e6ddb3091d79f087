package org.caseline.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * SIPp (Debian's sip-tester) as the caller: one call from a scenario under
 * {@code src/test/resources/sipp}, with placeholders filled in, and what SIPp said about it.
 */
public final class Sipp {

    /** How the call went: SIPp's exit code (0: every call succeeded) and its output and error log. */
    public record Result(int exitCode, String output) {
        public boolean succeeded() {
            return exitCode == 0;
        }
    }

    /** Placeholders a scenario may leave to their defaults: a phone answers at once and checks nothing. */
    private static final Map<String, String> OPTIONAL = Map.of("RING", "0", "INVITE_CHECK", "", "INVITE_CHECKED", "");

    private Sipp() {
    }

    /**
     * One call to {@code number} on {@code sipPort} with the Call-ID {@code callId}, scenario
     * {@code scenario} with its {@code @NAME@} placeholders replaced.
     */
    public static Result call(String scenario, Map<String, String> placeholders, String number, int sipPort,
                              String callId, String... options) {
        try {
            Path dir = Files.createTempDirectory("sipp");
            Path file = scenarioFile(dir, scenario, placeholders);
            List<String> command = new ArrayList<>(List.of("sipp", "127.0.0.1:" + sipPort, "-sf", file.toString(),
                    "-s", number, "-m", "1", "-l", "1", "-i", "127.0.0.1", "-p", String.valueOf(PhoneTest.freeUdpAndTcpPort()),
                    "-mi", "127.0.0.1", "-mp", String.valueOf(evenFreePort()), "-cid_str", callId,
                    "-nostdin", "-trace_err", "-error_file", dir.resolve("errors.log").toString(),
                    "-timeout", "90s", "-timeout_error"));
            command.addAll(List.of(options));
            Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            Path errors = dir.resolve("errors.log");
            String log = new String(out, StandardCharsets.UTF_8)
                    + (Files.exists(errors) ? "\n--- errors ---\n" + Files.readString(errors, StandardCharsets.ISO_8859_1) : "");
            return new Result(process.exitValue(), log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A call SIPp places in the background; {@link #result} waits for its end. */
    public static final class Calling {
        private final Thread thread;
        private volatile Result result;

        private Calling(java.util.function.Supplier<Result> call) {
            this.thread = Thread.ofPlatform().start(() -> result = call.get());
        }

        public Result result(long seconds) {
            try {
                thread.join(seconds * 1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (result == null) {
                throw new AssertionError("the SIPp call did not end in " + seconds + " s");
            }
            return result;
        }
    }

    /**
     * A caller, in the background, who asks for a person (1 English, 0 a person) on {@code number},
     * then speaks for {@code speakMillis} (in-band tones as the voice), from {@code speakAfterMillis}
     * after the keys, and waits up to {@code waitMillis} for CaseLine to hang up.
     */
    public static Calling askingForAPerson(String number, int sipPort, String callId, int speakAfterMillis,
                                           int speakMillis, int waitMillis) {
        try {
            Path keys = Files.createTempFile("keys", ".pcap");
            KeypadCapture.telephoneEvents(keys, List.of(new KeypadCapture.Press('1', 0), new KeypadCapture.Press('0', 1000)));
            Path voice = Files.createTempFile("voice", ".pcap");
            KeypadCapture.tones(voice, List.of(new KeypadCapture.Press('5', 0), new KeypadCapture.Press('7', 2000),
                    new KeypadCapture.Press('9', 4000)), speakMillis);
            return new Calling(() -> call("call-to-agent.xml", Map.of("KEYS", keys.toString(), "AUDIO", voice.toString(),
                    "SPEAK_AFTER", String.valueOf(speakAfterMillis), "WAIT", String.valueOf(waitMillis)), number, sipPort, callId));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A SIPp running in the background (a phone waiting for calls); {@link #finish} waits for its end. */
    public static final class Running {
        private final Process process;
        private final Path dir;

        Running(Process process, Path dir) {
            this.process = process;
            this.dir = dir;
        }

        public Result finish(long seconds) {
            try {
                if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    process.waitFor(5, TimeUnit.SECONDS);
                }
                Path errors = dir.resolve("errors.log");
                String log = Files.readString(dir.resolve("out.log"), StandardCharsets.UTF_8)
                        + (Files.exists(errors) ? "\n--- errors ---\n" + Files.readString(errors, StandardCharsets.ISO_8859_1) : "");
                return new Result(process.exitValue(), log);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /**
     * A SIPp user agent server on {@code sipPort} (a phone that answers), scenario {@code scenario}
     * with its placeholders replaced, handling one call.
     */
    public static Running serve(String scenario, Map<String, String> placeholders, int sipPort) {
        try {
            Path dir = Files.createTempDirectory("sipp-uas");
            Path file = scenarioFile(dir, scenario, placeholders);
            List<String> command = List.of("sipp", "-sf", file.toString(), "-m", "1", "-i", "127.0.0.1",
                    "-p", String.valueOf(sipPort), "-mi", "127.0.0.1", "-mp", String.valueOf(evenFreePort()),
                    "-nostdin", "-trace_err", "-error_file", dir.resolve("errors.log").toString(),
                    "-timeout", "120s", "-timeout_error");
            Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("out.log").toFile()).start();
            return new Running(process, dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The scenario from {@code src/test/resources/sipp}, its {@code @NAME@} placeholders filled, written into {@code dir}. */
    private static Path scenarioFile(Path dir, String scenario, Map<String, String> placeholders) throws IOException {
        String xml = Files.readString(Path.of("src/test/resources/sipp", scenario));
        Map<String, String> filled = new java.util.HashMap<>(OPTIONAL);
        filled.putAll(placeholders);
        for (var p : filled.entrySet()) {
            xml = xml.replace("@" + p.getKey() + "@", p.getValue());
        }
        Path file = dir.resolve(scenario);
        Files.writeString(file, xml, StandardCharsets.ISO_8859_1);
        return file;
    }

    /** SIPp takes the media port and the one two above it (video); find an even pair free. */
    private static int evenFreePort() {
        for (int i = 0; i < 50; i++) {
            int port = PhoneTest.freeUdpAndTcpPort() & ~1;
            try (var a = new java.net.DatagramSocket(port); var b = new java.net.DatagramSocket(port + 2)) {
                return port;
            } catch (IOException e) {
                // try another
            }
        }
        throw new IllegalStateException("no free media port");
    }
}
