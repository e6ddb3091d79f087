package org.caseline.ivr.flow;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.caseline.platform.LocalizedText;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Prompt texts by id, in English and Spanish, with placeholders in braces ({@code {receipt}},
 * {@code {title}}, {@code {hours}}, ...). A prompt without both languages is a problem with its line.
 */
public final class Prompts {

    private final Map<String, LocalizedText> texts;

    private Prompts(Map<String, LocalizedText> texts) {
        this.texts = texts;
    }

    public record Result(Prompts prompts, List<FlowProblem> problems) {
    }

    public static Result load(String file, Reader reader) {
        List<FlowProblem> problems = new ArrayList<>();
        Map<String, LocalizedText> texts = new LinkedHashMap<>();
        org.yaml.snakeyaml.nodes.Node root;
        try (reader) {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).compose(reader);
        } catch (MarkedYAMLException e) {
            problems.add(new FlowProblem(file, e.getProblemMark() == null ? 1 : e.getProblemMark().getLine() + 1,
                    "not valid YAML: " + e.getProblem()));
            return new Result(new Prompts(texts), problems);
        } catch (IOException e) {
            problems.add(new FlowProblem(file, 1, "cannot be read: " + e.getMessage()));
            return new Result(new Prompts(texts), problems);
        }
        if (!(root instanceof MappingNode map)) {
            problems.add(new FlowProblem(file, 1, "a prompts file maps prompt ids to their texts"));
            return new Result(new Prompts(texts), problems);
        }
        for (NodeTuple tuple : map.getValue()) {
            String id = ((ScalarNode) tuple.getKeyNode()).getValue();
            int line = tuple.getKeyNode().getStartMark().getLine() + 1;
            String en = null;
            String es = null;
            if (tuple.getValueNode() instanceof MappingNode languages) {
                for (NodeTuple t : languages.getValue()) {
                    String lang = ((ScalarNode) t.getKeyNode()).getValue();
                    String text = t.getValueNode() instanceof ScalarNode s ? s.getValue() : null;
                    if ("en".equals(lang)) {
                        en = text;
                    } else if ("es".equals(lang)) {
                        es = text;
                    }
                }
            }
            if (en == null || en.isBlank()) {
                problems.add(new FlowProblem(file, line, "prompt '" + id + "' has no English text"));
            } else if (es == null || es.isBlank()) {
                problems.add(new FlowProblem(file, line, "prompt '" + id + "' has no Spanish translation"));
            } else if (texts.put(id, new LocalizedText(en.strip(), es.strip())) != null) {
                problems.add(new FlowProblem(file, line, "prompt '" + id + "' is defined twice"));
            }
        }
        return new Result(new Prompts(texts), problems);
    }

    public java.util.Set<String> ids() {
        return java.util.Collections.unmodifiableSet(texts.keySet());
    }

    public boolean has(String id) {
        return texts.containsKey(id);
    }

    public Optional<LocalizedText> text(String id) {
        return Optional.ofNullable(texts.get(id));
    }

    /** The prompt in {@code language} with its placeholders filled. */
    public String render(String id, Locale language, Map<String, String> values) {
        LocalizedText text = texts.get(id);
        if (text == null) {
            throw new IllegalArgumentException("No prompt " + id);
        }
        String result = text.in(language);
        for (var value : values.entrySet()) {
            result = result.replace("{" + value.getKey() + "}", value.getValue());
        }
        return result;
    }
}
