package org.caseline.platform;

import java.security.SecureRandom;

/**
 * References people write down, read aloud and key on a phone: digits only, no leading zero (it
 * would be lost when read aloud), the last one a Luhn check digit, so that one mistyped digit or
 * two swapped ones are caught before anything is looked up.
 */
public final class KeyableReference {

    private static final SecureRandom RANDOM = new SecureRandom();

    private KeyableReference() {
    }

    /** A new random reference of {@code digits} digits, the check digit included. */
    public static String random(int digits) {
        StringBuilder body = new StringBuilder();
        body.append(1 + RANDOM.nextInt(9));
        while (body.length() < digits - 1) {
            body.append(RANDOM.nextInt(10));
        }
        return body.toString() + checkDigit(body.toString());
    }

    /** Whether these are digits whose last one is the check digit of the others. */
    public static boolean holds(String digits) {
        return digits != null && digits.length() >= 2 && digits.chars().allMatch(c -> c >= '0' && c <= '9')
                && checkDigit(digits.substring(0, digits.length() - 1)) == digits.charAt(digits.length() - 1) - '0';
    }

    /** The Luhn check digit of {@code body}. */
    public static int checkDigit(String body) {
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

    /** Grouped in fours, as people read it out: {@code 4821 0937}. */
    public static String grouped(String digits) {
        return digits.replaceAll("(\\d{4})(?=\\d)", "$1 ");
    }
}
