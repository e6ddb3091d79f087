package org.caseline.messaging;

import java.util.Locale;
import java.util.Objects;

/**
 * One plain-text mail to one person. {@code purpose} says what sent it (for administrators reading
 * the outbox, never shown to the recipient); the language is the recipient's, for the header.
 */
public record Mail(String to, String subject, String body, Locale language, String purpose) {

    private static final java.util.regex.Pattern ADDRESS = java.util.regex.Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    public Mail {
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(purpose, "purpose");
        if (!isAddress(to)) {
            throw new IllegalArgumentException("not an email address: " + Outbox.mask(to));
        }
        if (subject.isBlank() || subject.contains("\n")) {
            throw new IllegalArgumentException("a subject is one line of text");
        }
    }

    /** Whether a text looks like one email address (what a form asks a person to type). */
    public static boolean isAddress(String text) {
        return text != null && text.length() <= 254 && ADDRESS.matcher(text).matches();
    }
}
