package org.caseline.cases;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

import org.caseline.platform.Masking;

/**
 * The 13-character identifier of a case: a 3-letter prefix naming the intake office, then 10
 * digits. Parsing is forgiving about what people type (spaces, dashes, lower case, full-width
 * characters) and precise about what is wrong when it still is not a receipt number.
 */
public record ReceiptNumber(String value) {

    public static final int LENGTH = 13;
    private static final int PREFIX_LENGTH = 3;
    private static final Pattern NORMALISED = Pattern.compile("[A-Z]{3}[0-9]{10}");

    public ReceiptNumber {
        if (value == null || !NORMALISED.matcher(value).matches()) {
            throw new IllegalArgumentException("Not a normalised receipt number");
        }
    }

    /**
     * Normalises and validates what a person or a client sent.
     *
     * @throws InvalidReceiptNumberException naming the first problem found
     */
    public static ReceiptNumber parse(String raw, ReceiptPrefixes prefixes) {
        String text = normalise(raw);
        if (text.isEmpty()) {
            throw new InvalidReceiptNumberException(InvalidReceiptNumberException.Problem.EMPTY, 0);
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!(c >= 'A' && c <= 'Z') && !(c >= '0' && c <= '9')) {
                throw new InvalidReceiptNumberException(InvalidReceiptNumberException.Problem.INVALID_CHARACTER, i + 1);
            }
        }
        if (text.length() < LENGTH) {
            throw new InvalidReceiptNumberException(InvalidReceiptNumberException.Problem.TOO_SHORT, text.length());
        }
        if (text.length() > LENGTH) {
            throw new InvalidReceiptNumberException(InvalidReceiptNumberException.Problem.TOO_LONG, text.length());
        }
        for (int i = 0; i < PREFIX_LENGTH; i++) {
            if (!Character.isLetter(text.charAt(i))) {
                throw new InvalidReceiptNumberException(InvalidReceiptNumberException.Problem.DIGIT_IN_PREFIX, i + 1);
            }
        }
        for (int i = PREFIX_LENGTH; i < LENGTH; i++) {
            if (!Character.isDigit(text.charAt(i))) {
                throw new InvalidReceiptNumberException(InvalidReceiptNumberException.Problem.LETTER_IN_DIGITS, i + 1);
            }
        }
        if (!prefixes.isKnown(text.substring(0, PREFIX_LENGTH))) {
            throw new InvalidReceiptNumberException(InvalidReceiptNumberException.Problem.UNKNOWN_PREFIX, 1);
        }
        return new ReceiptNumber(text);
    }

    /** Trim, drop spaces and dashes, fold full-width forms, upper-case. */
    static String normalise(String raw) {
        if (raw == null) {
            return "";
        }
        String folded = Normalizer.normalize(raw, Normalizer.Form.NFKC);
        var out = new StringBuilder(folded.length());
        for (int i = 0; i < folded.length(); i++) {
            char c = folded.charAt(i);
            if (Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '-' || c == '\u2010'
                    || c == '\u2011' || c == '\u2012' || c == '\u2013' || c == '\u2014' || c == '\u2212') {
                continue;
            }
            out.append(c);
        }
        return out.toString().toUpperCase(Locale.ROOT);
    }

    public String prefix() {
        return value.substring(0, PREFIX_LENGTH);
    }

    /** For logs: never the whole number. */
    public String masked() {
        return Masking.receipt(value);
    }

    @Override
    public String toString() {
        return masked();
    }
}
