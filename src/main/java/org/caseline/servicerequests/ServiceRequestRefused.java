package org.caseline.servicerequests;

import java.util.List;

/**
 * Why a request, or a step on one, was not taken; nothing changed. {@code why} says which answer
 * fits (a channel maps it to its own: 404, 422, 403, 409); problems name each field or rule that failed.
 */
public class ServiceRequestRefused extends RuntimeException {

    public enum Why { NOT_FOUND, INVALID, FORBIDDEN, CONFLICT }

    /** One thing wrong: the field (or rule) and, in the requester's language, what to do. */
    public record Problem(String field, String code, String message) {
    }

    private final Why why;
    private final String code;
    private final List<Problem> problems;

    public ServiceRequestRefused(Why why, String code, String message, List<Problem> problems) {
        super(message);
        this.why = why;
        this.code = code;
        this.problems = List.copyOf(problems);
    }

    public ServiceRequestRefused(Why why, String code, String message) {
        this(why, code, message, List.of());
    }

    public Why why() {
        return why;
    }

    public String code() {
        return code;
    }

    public List<Problem> problems() {
        return problems;
    }
}
