package org.caseline.servicerequests;

import org.caseline.platform.KeyableReference;

/**
 * A service request's reference: a {@link KeyableReference}, digits only with a check digit, so it
 * can be read aloud and keyed on a phone and a mistyped digit is caught.
 */
public record ServiceReference(String value) {

    private static final java.util.regex.Pattern DIGITS = java.util.regex.Pattern.compile("[0-9]{6,12}");

    public ServiceReference {
        if (value == null || !DIGITS.matcher(value).matches()) {
            throw new Malformed("A service request reference is 6 to 12 digits.");
        }
        if (!KeyableReference.holds(value)) {
            throw new Malformed("The reference " + value + " is not one we give: a digit is wrong or two are swapped.");
        }
    }

    /** What a person typed or keyed, with spaces and dashes allowed. */
    public static ServiceReference parse(String typed) {
        return new ServiceReference(typed == null ? null : typed.replaceAll("[\\s-]", ""));
    }

    /** A new random reference of {@code digits} digits, the check digit included. */
    static ServiceReference random(int digits) {
        return new ServiceReference(KeyableReference.random(digits));
    }

    /** The reference spoken digit by digit, grouped as people read it. */
    public String grouped() {
        return value.length() <= 4 ? value : value.substring(0, 4) + " " + value.substring(4);
    }

    @Override
    public String toString() {
        return value;
    }

    public static class Malformed extends IllegalArgumentException {
        public Malformed(String message) {
            super(message);
        }
    }
}
