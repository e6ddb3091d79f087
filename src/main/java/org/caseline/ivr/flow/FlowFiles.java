package org.caseline.ivr.flow;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * A set of flow files: {@code prompts.yaml} and {@code flows/*.yaml}, read from a location or
 * given as text, and turned into a checked {@link FlowSet}.
 */
public final class FlowFiles {

    public static final String PROMPTS = "prompts.yaml";

    private FlowFiles() {
    }

    /** The files at a location such as {@code classpath:ivr} or {@code file:/etc/caseline/ivr}, by name. */
    public static Map<String, String> read(String location) {
        var resolver = new PathMatchingResourcePatternResolver();
        Map<String, String> files = new TreeMap<>();
        try {
            files.put(PROMPTS, resolver.getResource(location + "/" + PROMPTS).getContentAsString(StandardCharsets.UTF_8));
            String pattern = location.startsWith("classpath:") ? "classpath*:" + location.substring(10) : location;
            Resource[] flows = resolver.getResources(pattern + "/flows/*.yaml");
            Arrays.sort(flows, Comparator.comparing(Resource::getFilename));
            for (Resource flow : flows) {
                files.put("flows/" + flow.getFilename(), flow.getContentAsString(StandardCharsets.UTF_8));
            }
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the flows at " + location, e);
        }
    }

    /**
     * @throws InvalidFlowException listing every problem with its file and line
     */
    public static FlowSet load(String location, Collection<String> entryFlows) {
        return build(read(location), entryFlows);
    }

    /** Checks and builds flows given as text ({@code prompts.yaml} and {@code flows/<name>.yaml}). */
    public static FlowSet build(Map<String, String> files, Collection<String> entryFlows) {
        List<FlowProblem> problems = new ArrayList<>();
        String promptText = files.get(PROMPTS);
        if (promptText == null) {
            problems.add(new FlowProblem(PROMPTS, 1, "the prompts file is missing"));
            promptText = "{}";
        }
        var prompts = Prompts.load(PROMPTS, new StringReader(promptText));
        problems.addAll(prompts.problems());
        List<Flow> flows = new ArrayList<>();
        for (var file : new TreeMap<>(files).entrySet()) {
            if (file.getKey().equals(PROMPTS)) {
                continue;
            }
            if (!file.getKey().matches("flows/[A-Za-z0-9._-]+\\.yaml")) {
                problems.add(new FlowProblem(file.getKey(), 1, "a flow file is named flows/<name>.yaml"));
                continue;
            }
            var result = FlowLoader.load(file.getKey(), new StringReader(file.getValue()));
            problems.addAll(result.problems());
            result.flow().ifPresent(flows::add);
        }
        return FlowSet.build(flows, prompts.prompts(), entryFlows, problems);
    }
}
