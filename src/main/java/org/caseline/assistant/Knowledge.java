package org.caseline.assistant;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.caseline.platform.Languages;
import org.caseline.platform.LocalizedText;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The assistant's articles, as read from {@code knowledge.yaml}: each with its title, the
 * questions people ask in their own words in both languages, a short answer, and the page that
 * says more. A file is taken whole or not at all; every problem in it is reported at once.
 */
record Knowledge(List<Article> articles) {

    /** One article; {@code answer} may hold placeholders for facts ({@link Facts}). */
    record Article(String id, String link, LocalizedText title, List<String> questionsEn, List<String> questionsEs,
                   LocalizedText answer) {

        List<String> questions(Locale language) {
            return Languages.isSpanish(language) ? questionsEs : questionsEn;
        }
    }

    Knowledge {
        articles = List.copyOf(articles);
    }

    Optional<Article> article(String id) {
        return articles.stream().filter(a -> a.id().equals(id)).findFirst();
    }

    /**
     * Reads and checks a knowledge file. {@code factProblems} says what is wrong with the facts an
     * answer refers to (an unknown placeholder, a line that does not exist), or null when nothing is.
     */
    static Knowledge parse(String yaml, Function<String, String> factProblems) {
        List<String> problems = new ArrayList<>();
        Object data;
        try {
            data = new Yaml(new SafeConstructor(new LoaderOptions())).load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
        } catch (RuntimeException e) {
            throw new KnowledgeBase.InvalidKnowledgeException(List.of("not YAML: " + firstLine(e.getMessage())));
        }
        if (!(data instanceof Map<?, ?> top) || !(top.get("articles") instanceof List<?> list) || list.isEmpty()) {
            throw new KnowledgeBase.InvalidKnowledgeException(List.of("the file must have a list of articles"));
        }
        Map<String, Article> byId = new LinkedHashMap<>();
        int n = 0;
        for (Object item : list) {
            n++;
            if (!(item instanceof Map<?, ?> a)) {
                problems.add("article " + n + " is not a mapping");
                continue;
            }
            String id = a.get("id") instanceof String s ? s : null;
            String where = id == null ? "article " + n : "article " + id;
            if (id == null || !id.matches("[a-z0-9][a-z0-9-]*")) {
                problems.add(where + ": an id of lower-case letters, digits and dashes is required");
                continue;
            }
            if (byId.containsKey(id)) {
                problems.add(where + ": the id is used twice");
                continue;
            }
            String link = a.get("link") instanceof String s ? s : null;
            if (link == null || !(link.startsWith("/") || link.startsWith("https://"))) {
                problems.add(where + ": link must be a page of this site (/...) or an https:// address");
            }
            LocalizedText title = text(a.get("title"), where + ": title", problems);
            LocalizedText answer = text(a.get("answer"), where + ": answer", problems);
            List<String> en = questions(a.get("questions"), "en", where, problems);
            List<String> es = questions(a.get("questions"), "es", where, problems);
            if (answer != null) {
                for (String said : List.of(answer.en(), answer.es())) {
                    String wrong = factProblems.apply(said);
                    if (wrong != null) {
                        problems.add(where + ": " + wrong);
                    }
                }
            }
            if (title != null && answer != null && link != null && !en.isEmpty() && !es.isEmpty()) {
                byId.put(id, new Article(id, link, title, en, es, answer));
            }
        }
        if (!problems.isEmpty()) {
            throw new KnowledgeBase.InvalidKnowledgeException(problems);
        }
        return new Knowledge(new ArrayList<>(byId.values()));
    }

    private static LocalizedText text(Object value, String where, List<String> problems) {
        if (!(value instanceof Map<?, ?> m)) {
            problems.add(where + " needs en and es");
            return null;
        }
        try {
            return new LocalizedText(m.get("en") instanceof String en ? en : null, m.get("es") instanceof String es ? es : null);
        } catch (IllegalArgumentException e) {
            problems.add(where + ": " + e.getMessage());
            return null;
        }
    }

    private static List<String> questions(Object value, String language, String where, List<String> problems) {
        Object list = value instanceof Map<?, ?> m ? m.get(language) : null;
        List<String> questions = new ArrayList<>();
        if (list instanceof List<?> l) {
            for (Object q : l) {
                if (q instanceof String s && !s.isBlank()) {
                    questions.add(s.strip());
                }
            }
        }
        if (questions.isEmpty()) {
            problems.add(where + ": questions in " + ("es".equals(language) ? "Spanish (es)" : "English (en)")
                    + " are required: the ways people ask for it");
        }
        return questions;
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }
}
