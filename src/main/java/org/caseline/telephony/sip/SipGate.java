package org.caseline.telephony.sip;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A strict look at each SIP request datagram before the stack parses it. JAIN-SIP is liberal:
 * some malformed requests it accepts, others it drops without a word. RFC 4475's invalid
 * messages deserve a clear answer instead, so a request that breaks the grammar in one of these
 * ways is answered here, 400 (505 for another SIP version), and never reaches the stack:
 * a request line that is not exactly "METHOD SP Request-URI SP SIP/2.0"; a CSeq method that is
 * not the request's; a name-addr with spaces inside its angle brackets or a display name that
 * is neither tokens nor quoted; an addr-spec without angle brackets that carries URI headers.
 */
final class SipGate {

    private static final Pattern REQUEST_LINE = Pattern.compile("([A-Za-z0-9.!%*_+`'~-]+) ([^\\s<>]+) (SIP/\\d+\\.\\d+)");
    private static final Pattern TOKENS = Pattern.compile("[A-Za-z0-9.!%*_+`'~ \\t-]*");
    private static final Pattern QUOTED = Pattern.compile("\\s*\"(?:[^\"\\\\]|\\\\.)*\"\\s*");

    /** What to do with a datagram: pass it to the stack, or answer it with {@code response}. */
    record Verdict(boolean admit, byte[] response) {
        static final Verdict ADMIT = new Verdict(true, null);
        static final Verdict DROP = new Verdict(false, null);
    }

    private SipGate() {
    }

    static Verdict check(byte[] data, int offset, int length) {
        if (length < 4 || data[offset] == 'S' && new String(data, offset, Math.min(8, length), StandardCharsets.US_ASCII)
                .equals("SIP/2.0 ")) {
            return Verdict.ADMIT; // responses and keep-alives: the stack matches them to transactions or drops them
        }
        String text = new String(data, offset, length, StandardCharsets.UTF_8);
        int end = text.indexOf("\r\n\r\n");
        String head = end < 0 ? text : text.substring(0, end);
        List<String> headers = unfold(head);
        if (headers.isEmpty()) {
            return Verdict.ADMIT;
        }
        var requestLine = REQUEST_LINE.matcher(headers.getFirst());
        if (!requestLine.matches()) {
            return reject(headers, 400, "Malformed Request-Line");
        }
        if (!requestLine.group(3).equals("SIP/2.0")) {
            return reject(headers, 505, "Version Not Supported");
        }
        String method = requestLine.group(1);
        for (String header : headers.subList(1, headers.size())) {
            int colon = header.indexOf(':');
            if (colon < 0) {
                return reject(headers, 400, "Malformed header line");
            }
            String name = header.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = header.substring(colon + 1).strip();
            switch (name) {
                case "cseq" -> {
                    String[] parts = value.split("\\s+");
                    if (parts.length != 2 || !parts[1].equals(method)) {
                        return reject(headers, 400, "CSeq method does not match the request");
                    }
                }
                case "from", "f", "to", "t", "contact", "m" -> {
                    if (!nameAddrOk(value)) {
                        return reject(headers, 400, "Malformed " + header.substring(0, colon).strip() + " header");
                    }
                }
                default -> { }
            }
        }
        return Verdict.ADMIT;
    }

    /** name-addr: [display-name] "<" addr-spec ">" params; or a bare addr-spec without URI headers. */
    private static boolean nameAddrOk(String value) {
        if (value.equals("*")) {
            return true;
        }
        int open = value.indexOf('<');
        if (open < 0) {
            // a bare addr-spec: its header parameters follow the first ';' and may have spaces around them
            int semicolon = value.indexOf(';');
            String addr = (semicolon < 0 ? value : value.substring(0, semicolon)).strip();
            return !addr.isEmpty() && !addr.contains("?") && addr.chars().noneMatch(Character::isWhitespace);
        }
        String display = value.substring(0, open);
        if (!(TOKENS.matcher(display).matches() || QUOTED.matcher(display).matches())) {
            return false;
        }
        int close = value.indexOf('>', open);
        if (close < 0) {
            return false;
        }
        String addr = value.substring(open + 1, close);
        return !addr.isEmpty() && addr.chars().noneMatch(Character::isWhitespace);
    }

    /** Header lines with continuation lines joined (RFC 3261 7.3.1). */
    private static List<String> unfold(String head) {
        List<String> lines = new ArrayList<>();
        for (String line : head.split("\r\n")) {
            if (!lines.isEmpty() && !line.isEmpty() && (line.charAt(0) == ' ' || line.charAt(0) == '\t')) {
                lines.set(lines.size() - 1, lines.getLast() + " " + line.strip());
            } else {
                lines.add(line);
            }
        }
        return lines;
    }

    /** The answer, built from the request's own Via, From, To, Call-ID and CSeq; dropped if it has none. */
    private static Verdict reject(List<String> headers, int status, String reason) {
        StringBuilder response = new StringBuilder("SIP/2.0 ").append(status).append(' ').append(reason).append("\r\n");
        boolean via = false;
        boolean callId = false;
        for (String header : headers.subList(1, headers.size())) {
            int colon = header.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String name = header.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            switch (name) {
                case "via", "v" -> {
                    via = true;
                    response.append(header).append("\r\n");
                }
                case "call-id", "i" -> {
                    callId = true;
                    response.append(header).append("\r\n");
                }
                case "from", "f", "cseq" -> response.append(header).append("\r\n");
                case "to", "t" -> response.append(header).append(header.contains(";tag=") ? "" : ";tag=gate").append("\r\n");
                default -> { }
            }
        }
        if (!via || !callId) {
            return Verdict.DROP; // nowhere to send an answer, or nothing to match it by
        }
        response.append("Content-Length: 0\r\n\r\n");
        return new Verdict(false, response.toString().getBytes(StandardCharsets.UTF_8));
    }
}
