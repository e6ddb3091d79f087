package org.caseline.ivr.flow;

import java.util.List;
import java.util.stream.Collectors;

/** A set of flows that may not go live; every problem names its file and line. */
public class InvalidFlowException extends RuntimeException {

    private final List<FlowProblem> problems;

    public InvalidFlowException(List<FlowProblem> problems) {
        super(problems.stream().map(FlowProblem::toString).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    public List<FlowProblem> problems() {
        return problems;
    }
}
