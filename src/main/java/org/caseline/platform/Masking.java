package org.caseline.platform;

/**
 * Personal identifiers as they may appear in logs: never whole. Receipt numbers keep their last
 * four characters, phone numbers their last four digits, so support can still tell cases apart.
 */
public final class Masking {

    private Masking() {
    }

    public static String receipt(String receipt) {
        return lastFour(receipt);
    }

    public static String phone(String phone) {
        if (phone == null) {
            return "-";
        }
        return lastFour(phone.replaceAll("[^0-9]", ""));
    }

    private static String lastFour(String value) {
        if (value == null || value.isEmpty()) {
            return "-";
        }
        if (value.length() <= 4) {
            return "*".repeat(value.length());
        }
        return "*".repeat(value.length() - 4) + value.substring(value.length() - 4);
    }
}
