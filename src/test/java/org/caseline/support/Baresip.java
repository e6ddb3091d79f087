package org.caseline.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;

/**
 * baresip (Debian's package) as a real softphone: it dials, presses keys (typed into its UDP
 * console), sends silence as its microphone, and records what it hears to a WAV file.
 */
public final class Baresip {

    /** What the caller heard: 8 kHz 16-bit samples from the moment the call's audio started. */
    public record Heard(short[] samples, String log) {

        /** The loudness (RMS) of what was heard from {@code fromMillis} for {@code millis}. */
        public double level(long fromMillis, long millis) {
            int from = (int) Math.max(0, fromMillis * 8);
            int to = (int) Math.min(samples.length, (fromMillis + millis) * 8);
            if (to <= from) {
                return 0;
            }
            double energy = 0;
            for (int i = from; i < to; i++) {
                energy += (double) samples[i] * samples[i];
            }
            return Math.sqrt(energy / (to - from));
        }

        public double seconds() {
            return samples.length / 8000.0;
        }
    }

    private Baresip() {
    }

    /**
     * A SIP port for baresip whose next port is free too: baresip 1.0 also listens for SIP over
     * TLS on the port above, and fails to start when that one is taken.
     */
    private static int sipPortWithTlsNeighbourFree() {
        for (int i = 0; i < 50; i++) {
            int port = PhoneTest.freeUdpAndTcpPort();
            try (var tls = new java.net.ServerSocket(port + 1, 1, java.net.InetAddress.getLoopbackAddress())) {
                return port;
            } catch (IOException e) {
                // the neighbour is taken: try another
            }
        }
        throw new IllegalStateException("no free pair of ports for baresip");
    }

    /**
     * Calls {@code number} on {@code sipPort}, presses each key at its time (milliseconds after the
     * call is answered), and waits up to {@code maxSeconds} for the far end to hang up.
     */
    public static Heard call(String number, int sipPort, List<KeypadCapture.Press> presses, int maxSeconds) {
        try {
            Path dir = Files.createTempDirectory("baresip");
            Path recordings = Files.createDirectory(dir.resolve("heard"));
            Path silence = dir.resolve("silence.wav");
            writeSilence(silence, maxSeconds + 5);
            int console = PhoneTest.freeUdpAndTcpPort();
            writeConfig(dir, silence, recordings, console, 46000, 46499);
            Files.writeString(dir.resolve("accounts"), "<sip:caller@127.0.0.1>;regint=0;audio_codecs=PCMU\n");
            Process process = new ProcessBuilder("baresip", "-f", dir.toString(),
                    "-e", "/dial sip:" + number + "@127.0.0.1:" + sipPort, "-t", String.valueOf(maxSeconds))
                    .redirectErrorStream(true).start();
            StringBuilder log = new StringBuilder();
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                Thread reader = Thread.ofVirtual().start(() -> {
                    try {
                        out.lines().forEach(l -> {
                            synchronized (log) {
                                log.append(l).append('\n');
                            }
                        });
                    } catch (java.io.UncheckedIOException e) {
                        // baresip ended and its output was closed under us: the log is complete
                    }
                });
                long answered = waitFor(log, "Call established", 15_000);
                try (DatagramSocket keys = new DatagramSocket()) {
                    for (KeypadCapture.Press press : presses) {
                        long wait = answered + press.atMillis() - System.currentTimeMillis();
                        if (wait > 0) {
                            Thread.sleep(wait);
                        }
                        byte[] key = {(byte) press.key()};
                        keys.send(new DatagramPacket(key, 1, InetAddress.getLoopbackAddress(), console));
                    }
                }
                waitFor(log, "terminated", maxSeconds * 1000L);
                process.destroy();
                process.waitFor(10, TimeUnit.SECONDS);
                reader.join(5000);
            }
            try (Stream<Path> files = Files.list(recordings)) {
                Path heard = files.filter(p -> p.toString().endsWith("-dec.wav")).findFirst()
                        .orElseThrow(() -> new AssertionError("baresip recorded nothing:\n" + log));
                return new Heard(samples(heard), log.toString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** baresip's configuration: SIP on loopback, G.711, {@code source} as its microphone, what it hears recorded. */
    private static void writeConfig(Path dir, Path source, Path recordings, int console, int rtpMin, int rtpMax)
            throws IOException {
        Files.writeString(dir.resolve("config"), String.join("\n",
                "poll_method epoll",
                "sip_listen 127.0.0.1:" + sipPortWithTlsNeighbourFree(),
                "audio_player aubridge,heard",
                "audio_alert aubridge,heard",
                "audio_source aufile," + source,
                "audio_srate 8000",
                "audio_channels 1",
                "module_path /usr/lib/baresip/modules",
                "module g711.so",
                "module aufile.so",
                "module aubridge.so",
                "module sndfile.so",
                "module cons.so",
                "module_app account.so",
                "module_app menu.so",
                "snd_path " + recordings,
                "cons_listen 127.0.0.1:" + console,
                "rtp_ports " + rtpMin + "-" + rtpMax,
                ""));
    }

    /** baresip as an agent's softphone, signed in to CaseLine and set to answer calls by itself. */
    public static final class AgentPhone implements AutoCloseable {
        private final Process process;
        private final StringBuilder log = new StringBuilder();

        private AgentPhone(Process process) {
            this.process = process;
            Thread.ofVirtual().start(() -> {
                try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    out.lines().forEach(l -> {
                        synchronized (log) {
                            log.append(l).append('\n');
                        }
                    });
                } catch (IOException | UncheckedIOException e) {
                    // baresip ended: the log is complete
                }
            });
        }

        /** Waits until baresip said {@code text} (it prints each step of registering and of a call). */
        public void awaitLog(String text, long millis) {
            try {
                waitFor(log, text, millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        public String log() {
            synchronized (log) {
                return log.toString();
            }
        }

        @Override
        public void close() {
            process.destroy();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Signs {@code user}'s baresip in to CaseLine's registrar on {@code registrarPort} (digest with
     * {@code password}), in answer mode "auto": the phone answers every call by itself, as a headset
     * user sets it. Its microphone plays {@code voice} (a WAV file) over and over.
     */
    public static AgentPhone agent(String user, String password, int registrarPort, Path voice) {
        try {
            Path dir = Files.createTempDirectory("baresip-agent");
            Path recordings = Files.createDirectory(dir.resolve("heard"));
            writeConfig(dir, voice, recordings, PhoneTest.freeUdpAndTcpPort(), 46500, 46999);
            Files.writeString(dir.resolve("accounts"), "<sip:" + user + "@127.0.0.1:" + registrarPort + ">;auth_pass="
                    + password + ";regint=300;answermode=auto;audio_codecs=PCMU\n");
            Process process = new ProcessBuilder("baresip", "-f", dir.toString()).redirectErrorStream(true).start();
            return new AgentPhone(process);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A WAV file of {@code seconds} of a steady 440 Hz tone at 8 kHz: a voice that is easy to detect. */
    public static Path tone(int seconds) throws IOException {
        Path file = Files.createTempFile("tone", ".wav");
        int length = seconds * 8000 * 2;
        java.nio.ByteBuffer b = wavHeader(length);
        for (int i = 0; i < seconds * 8000; i++) {
            b.putShort((short) (8000 * Math.sin(2 * Math.PI * 440 * i / 8000.0)));
        }
        Files.write(file, b.array());
        return file;
    }

    private static long waitFor(StringBuilder log, String text, long millis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        while (System.currentTimeMillis() < deadline) {
            synchronized (log) {
                if (log.indexOf(text) >= 0) {
                    return System.currentTimeMillis();
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("baresip never said '" + text + "':\n" + log);
    }

    private static short[] samples(Path wav) throws IOException {
        try (AudioInputStream in = AudioSystem.getAudioInputStream(wav.toFile())) {
            byte[] bytes = in.readAllBytes();
            short[] samples = new short[bytes.length / 2];
            for (int i = 0; i < samples.length; i++) {
                samples[i] = (short) ((bytes[2 * i] & 0xFF) | (bytes[2 * i + 1] << 8));
            }
            return samples;
        } catch (UnsupportedAudioFileException e) {
            throw new IOException(e);
        }
    }

    private static void writeSilence(Path file, int seconds) throws IOException {
        Files.write(file, wavHeader(seconds * 8000 * 2).array());
    }

    /** A mono 8 kHz 16-bit WAV file's header, with room for {@code length} bytes of samples after it. */
    private static java.nio.ByteBuffer wavHeader(int length) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(44 + length).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.putInt(0x46464952).putInt(36 + length).putInt(0x45564157).putInt(0x20746d66).putInt(16)
                .putShort((short) 1).putShort((short) 1).putInt(8000).putInt(16000).putShort((short) 2).putShort((short) 16)
                .putInt(0x61746164).putInt(length);
        return b;
    }
}
