package org.caseline.telephony.sip;

/**
 * Keypad digits in SIP INFO bodies, as phones send them: {@code application/dtmf-relay}
 * ({@code Signal=5}, {@code Signal=*}, or Cisco's {@code Signal=10} for * and {@code 11} for #)
 * and {@code application/dtmf} (the key alone). Pure: the endpoint answers and acts on the result.
 */
final class InfoDigits {

    private static final String KEYS = "0123456789*#";

    /** What an INFO says about keys. */
    sealed interface Reading {
    }

    /** A key of the keypad was pressed. */
    record Key(char key) implements Reading {
    }

    /** A body of a type we read that names no key we know (or no body at all): answered 200, nothing pressed. */
    record NoKey() implements Reading {
    }

    /** A body of a type we do not read: answered 415 with the types we do. */
    record UnsupportedType(String type) implements Reading {
    }

    private InfoDigits() {
    }

    /**
     * Reads an INFO's body; {@code type} is its Content-Type as "type/subtype" (null when the
     * request has none, which, like an empty session-refresh INFO, presses nothing).
     */
    static Reading read(String type, String body) {
        if (type == null) {
            return new NoKey();
        }
        String text = body == null ? "" : body.strip();
        Character key;
        if (type.equalsIgnoreCase("application/dtmf-relay")) {
            key = relaySignal(text);
        } else if (type.equalsIgnoreCase("application/dtmf")) {
            key = text.length() == 1 ? text.charAt(0) : null;
        } else {
            return new UnsupportedType(type);
        }
        return key != null && KEYS.indexOf(key) >= 0 ? new Key(key) : new NoKey();
    }

    private static Character relaySignal(String body) {
        for (String line : body.split("\r?\n")) {
            String[] kv = line.split("=", 2);
            if (kv.length == 2 && kv[0].strip().equalsIgnoreCase("Signal")) {
                String value = kv[1].strip();
                if (value.length() == 1) {
                    return value.charAt(0);
                }
                return switch (value) {
                    case "10" -> '*';
                    case "11" -> '#';
                    default -> null;
                };
            }
        }
        return null;
    }
}
