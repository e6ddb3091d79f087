package org.caseline.assistant;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The evaluation set ({@code src/test/resources/assistant/evaluation.yaml}) and its figures: top-1
 * accuracy per language (the right article, or the right refusal, hand-off or fallback), and the
 * precision and recall of refusals.
 */
record Evaluation(List<Case> cases) {

    record Case(String question, Locale language, String expected) {
    }

    record Miss(Case c, String got, double confidence) {
    }

    /** The figures of one run. */
    record Figures(double englishTop1, double spanishTop1, double refusalPrecision, double refusalRecall, List<Miss> misses,
                   double detectedLanguage) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "top-1 en %.3f, es %.3f; refusals precision %.3f, recall %.3f; language detected %.3f",
                    englishTop1, spanishTop1, refusalPrecision, refusalRecall, detectedLanguage);
        }
    }

    @SuppressWarnings("unchecked")
    static Evaluation load() {
        try (InputStream in = Evaluation.class.getResourceAsStream("/assistant/evaluation.yaml")) {
            Map<String, Object> data = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
            List<Case> cases = new ArrayList<>();
            for (Map<String, Object> c : (List<Map<String, Object>>) data.get("questions")) {
                cases.add(new Case((String) c.get("q"), Locale.forLanguageTag((String) c.get("lang")), (String) c.get("expect")));
            }
            return new Evaluation(cases);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What the assistant made of each question, ranked as {@code mode} ranks (null: as configured). */
    Figures run(Assistant assistant, Retriever.Mode mode) {
        int[] right = new int[2];
        int[] total = new int[2];
        int refusedRight = 0, refused = 0, shouldRefuse = 0, detected = 0;
        List<Miss> misses = new ArrayList<>();
        for (Case c : cases) {
            Assistant.Answer a = assistant.answer(c.question(), c.language(), mode);
            String got = a.intent() == Assistant.Intent.ANSWER ? a.article() : a.intent().json();
            int l = "es".equals(c.language().getLanguage()) ? 1 : 0;
            total[l]++;
            if (got.equals(c.expected())) {
                right[l]++;
            } else {
                misses.add(new Miss(c, got, a.confidence()));
            }
            if (a.intent() == Assistant.Intent.REFUSE) {
                refused++;
                if ("refuse".equals(c.expected())) {
                    refusedRight++;
                }
            }
            if ("refuse".equals(c.expected())) {
                shouldRefuse++;
            }
            if (VisitorLanguage.detect(c.question()).getLanguage().equals(c.language().getLanguage())) {
                detected++;
            }
        }
        return new Figures((double) right[0] / total[0], (double) right[1] / total[1],
                refused == 0 ? 1 : (double) refusedRight / refused, (double) refusedRight / shouldRefuse, misses,
                (double) detected / cases.size());
    }
}
