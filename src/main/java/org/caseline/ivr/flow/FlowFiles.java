package org.caseline.ivr.flow;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/** Reads a set of flows: {@code <dir>/prompts.yaml} and every {@code <dir>/flows/*.yaml}. */
public final class FlowFiles {

    private FlowFiles() {
    }

    /**
     * @param location a resource location such as {@code classpath:ivr} or {@code file:/etc/caseline/ivr}
     * @throws InvalidFlowException listing every problem with its file and line
     */
    public static FlowSet load(String location, Collection<String> entryFlows) {
        var resolver = new PathMatchingResourcePatternResolver();
        try {
            List<FlowProblem> problems = new ArrayList<>();
            Resource promptFile = resolver.getResource(location + "/prompts.yaml");
            var prompts = Prompts.load("prompts.yaml",
                    new InputStreamReader(promptFile.getInputStream(), StandardCharsets.UTF_8));
            problems.addAll(prompts.problems());
            List<Flow> flows = new ArrayList<>();
            String pattern = location.startsWith("classpath:") ? "classpath*:" + location.substring(10) : location;
            Resource[] files = resolver.getResources(pattern + "/flows/*.yaml");
            Arrays.sort(files, Comparator.comparing(Resource::getFilename));
            for (Resource file : files) {
                var result = FlowLoader.load("flows/" + file.getFilename(),
                        new InputStreamReader(file.getInputStream(), StandardCharsets.UTF_8));
                problems.addAll(result.problems());
                result.flow().ifPresent(flows::add);
            }
            return FlowSet.build(flows, prompts.prompts(), entryFlows, problems);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the flows at " + location, e);
        }
    }
}
