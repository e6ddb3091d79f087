package org.caseline.ivr.audio;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.caseline.ivr.IvrService;
import org.caseline.ivr.PromptAudio;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * Every prompt as audio, best source first: an administrator's recording of the prompt, the
 * audio shipped for the default prompts, espeak-ng (cached), and last the shipped phrases
 * joined word group by word group, so that no prompt is ever silence.
 */
@Service
class SpeechAudio implements PromptAudio {

    private static final Logger log = LoggerFactory.getLogger(SpeechAudio.class);

    private final Optional<Espeak> espeak;
    private final PromptRecordings recordings;
    private final Map<String, AudioBundle> bundles = new java.util.concurrent.ConcurrentHashMap<>();
    private final Cache<String, byte[]> rendered = Caffeine.newBuilder()
            .maximumWeight(64L << 20)
            .<String, byte[]>weigher((k, v) -> v.length + k.length())
            .build();

    SpeechAudio(@Value("${caseline.speech.synthesizer:espeak-ng}") String synthesizer, PromptRecordings recordings) {
        this.recordings = recordings;
        this.espeak = Espeak.find(synthesizer);
        // some 20 MB of audio to unpack: begun now, in the background, so that the first call does not wait
        Thread.ofVirtual().name("speech-preload").start(() -> {
            bundle("en");
            bundle("es");
        });
        log.info("Speech: {}", espeak.isPresent() ? "espeak-ng, with the pre-rendered default prompts"
                : "no synthesiser; the pre-rendered phrases only");
    }

    private static AudioBundle load(String language) {
        try (InputStream in = SpeechAudio.class.getResourceAsStream("/ivr/audio/" + language + ".bundle.xz")) {
            return in == null ? AudioBundle.empty() : AudioBundle.read(in);
        } catch (IOException e) {
            throw new IllegalStateException("The pre-rendered " + language + " audio cannot be read", e);
        }
    }

    @Override
    public byte[] ulaw(IvrService.Spoken spoken) {
        String language = "es".equals(spoken.language()) ? "es" : "en";
        byte[] recording = recordings.find(spoken.promptId(), language);
        if (recording != null) {
            return recording;
        }
        return speak(spoken.text(), language);
    }

    /** {@code text} spoken in {@code language} ("en" or "es"). Looked up by the text as it is, then by its words. */
    byte[] speak(String text, String language) {
        return rendered.get(language + "|" + text, k -> {
            AudioBundle bundle = bundle(language);
            byte[] shipped = bundle.exact(text);
            if (shipped != null) {
                return shipped;
            }
            return espeak.map(e -> e.ulaw(text, language)).orElseGet(() -> {
                AudioBundle.Composition composed = bundle.compose(text);
                if (!composed.missing().isEmpty()) {
                    log.warn("No audio for {} word(s) of a {} prompt; record the prompt or install espeak-ng",
                            composed.missing().size(), language);
                }
                return composed.ulaw();
            });
        });
    }

    /** The shipped phrases of a language, read on first use (some 20 MB of audio). */
    AudioBundle bundle(String language) {
        return bundles.computeIfAbsent(language, SpeechAudio::load);
    }
}
