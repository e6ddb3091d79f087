package org.caseline.cases;

/** What a person typed is not a receipt number; {@link #problem()} says why in plain words. */
public class InvalidReceiptNumberException extends RuntimeException {

    /** Each problem has its own message, keyed {@code receipt.problem.<name>} in the bundles. */
    public enum Problem {
        EMPTY, INVALID_CHARACTER, TOO_SHORT, TOO_LONG, DIGIT_IN_PREFIX, LETTER_IN_DIGITS, UNKNOWN_PREFIX;

        public String messageKey() {
            return "receipt.problem." + name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    private final Problem problem;
    private final int position;

    public InvalidReceiptNumberException(Problem problem, int position) {
        super(problem.name() + " at " + position);
        this.problem = problem;
        this.position = position;
    }

    public Problem problem() {
        return problem;
    }

    /** The problem in plain words, in {@code locale}, from the message bundles. */
    public String describe(org.springframework.context.MessageSource messages, java.util.Locale locale) {
        return messages.getMessage(problem.messageKey(), new Object[] {position}, locale);
    }

    /** 1-based position of the offending character, or the length for length problems. */
    public int position() {
        return position;
    }
}
