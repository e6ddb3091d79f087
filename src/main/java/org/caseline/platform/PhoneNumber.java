package org.caseline.platform;

import java.util.Optional;

/**
 * A phone number callers can be called back at: North American (NANP), ten digits, the area code
 * and the exchange each starting 2–9. The one rule for the whole system: what a caller keys in the
 * IVR, what a waiting caller keys for a callback, and the caller ID a call arrives with.
 */
public record PhoneNumber(String digits) {

    public PhoneNumber {
        if (!valid(digits)) {
            throw new IllegalArgumentException("not a North American number");
        }
    }

    /**
     * The number in {@code text}: its digits alone (so "+1 (202) 555-0143", "12025550143" and
     * "2025550143" are one number), with the country code 1 dropped; empty when they are no valid number.
     */
    public static Optional<PhoneNumber> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String digits = text.replaceAll("\\D", "");
        if (digits.length() == 11 && digits.startsWith("1")) {
            digits = digits.substring(1);
        }
        return valid(digits) ? Optional.of(new PhoneNumber(digits)) : Optional.empty();
    }

    /**
     * Whether keys pressed so far make a whole number: ten digits, or eleven when the caller starts
     * with the country code 1 (no area code starts with 1). Keying stops there, valid or not.
     */
    public static boolean complete(CharSequence keyed) {
        return keyed.length() == (keyed.length() > 0 && keyed.charAt(0) == '1' ? 11 : 10);
    }

    private static boolean valid(String digits) {
        return digits != null && digits.matches("[2-9][0-9]{2}[2-9][0-9]{6}");
    }

    @Override
    public String toString() {
        return Masking.phone(digits); // never the whole number in a log line
    }
}
