package org.caseline.platform.web;

import java.util.Locale;

/**
 * Why a request's address was refused before any of our code ran (by Spring Security's firewall
 * or by Tomcat's parser), said in our words: the kind of thing that was wrong, never the address
 * itself, which may be an attack and is not echoed back.
 */
enum RejectedAddress {

    SEMICOLON("The address contains a semicolon (;), which this service does not accept."),
    ENCODED_SLASH("The address contains an encoded slash or backslash (%2F, %5C), which this service does not accept."),
    BACKSLASH("The address contains a backslash, which this service does not accept."),
    DOT_SEGMENT("The address contains a \".\" or \"..\" segment (perhaps encoded), which this service does not accept."),
    CONTROL("The address contains a control character (an encoded NUL, carriage return or line feed), which this service does not accept."),
    DOUBLE_SLASH("The address contains an empty segment (//), which this service does not accept."),
    ENCODED_PERCENT("The address contains an encoded percent sign (%25), which this service does not accept."),
    CHARACTER("The address contains a character that must be percent-encoded, or a malformed percent-encoding."),
    MALFORMED("The request is malformed.");

    private final String message;

    RejectedAddress(String message) {
        this.message = message;
    }

    /** The sentence for an API client (the API speaks English, as its field names do). */
    String message() {
        return message;
    }

    /** The key of the sentence for a visitor, in {@code messages.properties}. */
    String messageKey() {
        return "error.rejected." + name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** What is wrong with {@code rawUri}, the address as it came, not decoded. */
    static RejectedAddress of(String rawUri) {
        if (rawUri == null) {
            return MALFORMED;
        }
        String path = rawUri.contains("?") ? rawUri.substring(0, rawUri.indexOf('?')) : rawUri;
        String lower = path.toLowerCase(Locale.ROOT);
        if (lower.contains("%00") || lower.contains("%0d") || lower.contains("%0a") || lower.contains("%09")
                || path.chars().anyMatch(c -> c < 0x20 || c == 0x7F)) {
            return CONTROL;
        }
        if (path.contains(";") || lower.contains("%3b")) {
            return SEMICOLON;
        }
        if (lower.contains("%2f") || lower.contains("%5c")) {
            return ENCODED_SLASH;
        }
        if (path.contains("\\")) {
            return BACKSLASH;
        }
        if (lower.contains("%25")) {
            return ENCODED_PERCENT;
        }
        if (lower.contains("%2e") || path.contains("/./") || path.contains("/../") || path.endsWith("/..") || path.endsWith("/.")) {
            return DOT_SEGMENT;
        }
        if (path.contains("//")) {
            return DOUBLE_SLASH;
        }
        if (path.chars().anyMatch(c -> c > 0x7E || "\"<>\\^`{|}".indexOf(c) >= 0) || path.matches(".*%(?![0-9a-fA-F]{2}).*")) {
            return CHARACTER;
        }
        return MALFORMED;
    }

    /** Paths of the APIs, whose clients read {@code {"code", "message"}}; every other path is a page. */
    static boolean isApi(String rawUri) {
        return rawUri != null && (rawUri.startsWith("/api/") || rawUri.startsWith("/case-status/")
                || rawUri.startsWith("/oauth/") || rawUri.startsWith("/oauth2/") || rawUri.startsWith("/actuator/"));
    }
}
