package org.caseline.cases;

/** Data from the case system that CaseLine cannot accept; names the field and the reason. */
public class InvalidCaseDataException extends RuntimeException {

    private final String field;

    public InvalidCaseDataException(String field, String reason) {
        super(reason);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
