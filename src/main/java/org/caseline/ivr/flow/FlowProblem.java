package org.caseline.ivr.flow;

/** Something wrong in a flow file, where it is and what it is, in plain words. */
public record FlowProblem(String file, int line, String message) {

    @Override
    public String toString() {
        return file + ":" + line + ": " + message;
    }
}
