package org.caseline.ivr.audio;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Offline speech synthesis with espeak-ng, when the machine has it: text in on standard input
 * (never as an argument, so no text is read as an option), a WAV file out, made 8 kHz mu-law.
 */
final class Espeak {

    private final String command;

    private Espeak(String command) {
        this.command = command;
    }

    /** The synthesiser, if {@code command} runs on this machine. */
    static Optional<Espeak> find(String command) {
        if (command == null || command.isBlank() || "none".equals(command)) {
            return Optional.empty();
        }
        try {
            Process p = new ProcessBuilder(command, "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0 ? Optional.of(new Espeak(command)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** Voices chosen for callers in the United States: American English, Latin American Spanish. */
    static String voice(String language) {
        return "es".equals(language) ? "es-419" : "en-us";
    }

    byte[] ulaw(String text, String language) {
        List<String> args = List.of(command, "-v", voice(language), "-s", "165", "--stdout");
        try {
            Process p = new ProcessBuilder(args).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            try (OutputStream in = p.getOutputStream()) {
                in.write(text.getBytes(StandardCharsets.UTF_8));
            }
            byte[] wav = p.getInputStream().readAllBytes();
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IllegalStateException("espeak-ng failed (exit " + p.exitValue() + ")");
            }
            return Wav.toUlaw8k(Wav.read(wav));
        } catch (IOException e) {
            throw new IllegalStateException("espeak-ng could not run: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while speaking", e);
        }
    }
}
