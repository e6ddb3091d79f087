package org.caseline.servicerequests;

import java.security.SecureRandom;

/**
 * A service request's reference: digits only, so it can be read aloud and keyed on a phone, the
 * last one a Luhn check digit, so that one mistyped digit or two swapped ones are caught.
 */
public record ServiceReference(String value) {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final java.util.regex.Pattern DIGITS = java.util.regex.Pattern.compile("[0-9]{6,12}");

    public ServiceReference {
        if (value == null || !DIGITS.matcher(value).matches()) {
            throw new Malformed("A service request reference is 6 to 12 digits.");
        }
        if (checkDigit(value.substring(0, value.length() - 1)) != value.charAt(value.length() - 1) - '0') {
            throw new Malformed("The reference " + value + " is not one we give: a digit is wrong or two are swapped.");
        }
    }

    /** What a person typed or keyed, with spaces and dashes allowed. */
    public static ServiceReference parse(String typed) {
        return new ServiceReference(typed == null ? null : typed.replaceAll("[\\s-]", ""));
    }

    /** A new random reference of {@code digits} digits, the check digit included. */
    static ServiceReference random(int digits) {
        StringBuilder body = new StringBuilder();
        body.append(1 + RANDOM.nextInt(9)); // no leading zero: it would be lost when read aloud
        while (body.length() < digits - 1) {
            body.append(RANDOM.nextInt(10));
        }
        return new ServiceReference(body.toString() + checkDigit(body.toString()));
    }

    static int checkDigit(String body) {
        int sum = 0;
        for (int i = 0; i < body.length(); i++) {
            int digit = body.charAt(body.length() - 1 - i) - '0';
            if (i % 2 == 0) {
                digit *= 2;
                if (digit > 9) {
                    digit -= 9;
                }
            }
            sum += digit;
        }
        return (10 - sum % 10) % 10;
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
