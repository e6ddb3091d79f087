package org.caseline.ivr.audio;

import java.security.Principal;
import java.util.Locale;
import java.util.Map;

import org.caseline.ivr.FlowVersions;
import org.caseline.ivr.IvrService;
import org.caseline.platform.Languages;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Administrators hear any prompt as callers hear it, and replace its speech with a recording
 * (a mono WAV file: 16-bit PCM at 8 to 48 kHz, or 8 kHz mu-law / A-law). A prompt with
 * placeholders ({entry}, {title}...) is spoken from its parts, so it cannot be one recording.
 */
@RestController
@RequestMapping("/api/ivr/prompts/{promptId}/audio/{language}")
class PromptAudioApi {

    private static final int MAX_SECONDS = 300;

    private final FlowVersions flows;
    private final PromptRecordings recordings;
    private final SpeechAudio speech;

    PromptAudioApi(FlowVersions flows, PromptRecordings recordings, SpeechAudio speech) {
        this.flows = flows;
        this.recordings = recordings;
        this.speech = speech;
    }

    @GetMapping(produces = "audio/wav")
    ResponseEntity<byte[]> listen(@PathVariable String promptId, @PathVariable String language) {
        String text = text(promptId, language);
        byte[] ulaw = speech.ulaw(new IvrService.Spoken(promptId, text, language));
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("audio/wav")).body(Wav.ulawFile(ulaw));
    }

    @PutMapping(consumes = {"audio/wav", "audio/x-wav", "audio/wave", MediaType.APPLICATION_OCTET_STREAM_VALUE})
    ResponseEntity<Map<String, Object>> record(@PathVariable String promptId, @PathVariable String language,
                                               @RequestBody byte[] wav, Principal who) {
        String text = text(promptId, language);
        if (text.matches("(?s).*\\{[a-z-]+}.*")) {
            throw new IllegalArgumentException("Prompt '" + promptId + "' has placeholders and is spoken from its "
                    + "parts; it cannot be replaced by one recording.");
        }
        byte[] ulaw = Wav.toUlaw8k(Wav.read(wav));
        if (ulaw.length < 8000 / 4) {
            throw new IllegalArgumentException("The recording is shorter than a quarter of a second.");
        }
        if (ulaw.length > MAX_SECONDS * 8000) {
            throw new IllegalArgumentException("The recording is longer than " + MAX_SECONDS + " seconds.");
        }
        recordings.save(promptId, language, ulaw, who.getName());
        return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("prompt", promptId, "language", language,
                "seconds", ulaw.length / 8000.0));
    }

    @DeleteMapping
    ResponseEntity<Void> remove(@PathVariable String promptId, @PathVariable String language) {
        text(promptId, language);
        return recordings.delete(promptId, language) ? ResponseEntity.noContent().build()
                : ResponseEntity.notFound().build();
    }

    /** The prompt's text in the live flows, with the placeholders left in. */
    private String text(String promptId, String language) {
        if (!"en".equals(language) && !"es".equals(language)) {
            throw new UnknownPromptException("The language must be en or es, not '" + language + "'.");
        }
        Locale locale = "es".equals(language) ? Languages.SPANISH : Languages.ENGLISH;
        return flows.current().prompts().text(promptId)
                .map(t -> t.in(locale))
                .orElseThrow(() -> new UnknownPromptException("No prompt has the id '" + promptId + "'."));
    }

    static final class UnknownPromptException extends RuntimeException {
        UnknownPromptException(String message) {
            super(message);
        }
    }

    @ExceptionHandler
    ResponseEntity<Map<String, Object>> unknown(UnknownPromptException e) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("status", 404, "error", "not_found",
                "message", e.getMessage()));
    }

    @ExceptionHandler
    ResponseEntity<Map<String, Object>> invalid(IllegalArgumentException e) {
        return ResponseEntity.unprocessableContent().body(Map.of("status", 422, "error", "invalid_recording",
                "message", e.getMessage()));
    }
}
