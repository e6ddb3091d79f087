package org.caseline.assistant;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.caseline.platform.LocalizedText;
import org.springframework.stereotype.Component;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * What the assistant notices before it looks for an article ({@code assistant/guardrails.yaml}):
 * a visitor asking for a person, and a question only an attorney may answer. Both languages'
 * patterns apply whatever the page's language, since people write in the language they think in.
 */
@Component
class Guardrails {

    private final List<Pattern> handoff;
    private final List<Pattern> handoffUnless;
    private final List<Pattern> legalAdvice;
    private final Map<String, LocalizedText> texts;

    Guardrails() {
        Map<String, Object> data = read();
        Map<String, Object> h = map(data.get("handoff"));
        this.handoff = patterns(h.get("en"), h.get("es"));
        this.handoffUnless = patterns(h.get("unless"));
        Map<String, Object> l = map(data.get("legal-advice"));
        this.legalAdvice = patterns(l.get("en"), l.get("es"));
        Map<String, LocalizedText> t = new java.util.HashMap<>();
        map(data.get("texts")).forEach((key, value) -> {
            Map<String, Object> text = map(value);
            t.put(key, new LocalizedText((String) text.get("en"), (String) text.get("es")));
        });
        this.texts = Map.copyOf(t);
    }

    /** The visitor's words as the patterns read them: lower case, no accents, punctuation as spaces. */
    static String normalise(String text) {
        String plain = Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        return plain.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ").strip();
    }

    boolean asksForPerson(String normalised) {
        return any(handoff, normalised) && !any(handoffUnless, normalised);
    }

    boolean asksForLegalAdvice(String normalised) {
        return any(legalAdvice, normalised);
    }

    String text(String key, Locale language) {
        LocalizedText text = texts.get(key);
        if (text == null) {
            throw new IllegalStateException("guardrails.yaml has no text " + key);
        }
        return text.in(language);
    }

    private static boolean any(List<Pattern> patterns, String text) {
        for (Pattern p : patterns) {
            if (p.matcher(text).find()) {
                return true;
            }
        }
        return false;
    }

    private static List<Pattern> patterns(Object... lists) {
        List<Pattern> out = new ArrayList<>();
        for (Object list : lists) {
            if (list instanceof List<?> l) {
                l.forEach(p -> out.add(Pattern.compile((String) p)));
            }
        }
        return List.copyOf(out);
    }

    private static Map<String, Object> read() {
        try (InputStream in = Guardrails.class.getResourceAsStream("/assistant/guardrails.yaml")) {
            if (in == null) {
                throw new IllegalStateException("assistant/guardrails.yaml is missing");
            }
            return map(new Yaml(new SafeConstructor(new LoaderOptions())).load(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }
}
