package org.caseline.routing;

/**
 * What a queue does with a contact it cannot serve: after hours (closed, or nobody signed in) and
 * past its maximum wait. Written in the configuration as {@code message}, {@code callback} or
 * {@code queue:<id>}; read once, at start-up, by {@link Queues}.
 */
sealed interface Handling {

    /** The caller hears that nobody can take the call now (and goodbye). */
    record Message() implements Handling {
    }

    /** The caller is called back at the number they call from, keeping their place. */
    record Callback() implements Handling {
    }

    /** The contact goes on to another queue (once: a contact already moved gets a message). */
    record ToQueue(String queue) implements Handling {
    }

    /** @throws IllegalArgumentException for anything but the three forms above */
    static Handling parse(String text) {
        if ("message".equals(text)) {
            return new Message();
        }
        if ("callback".equals(text)) {
            return new Callback();
        }
        if (text != null && text.startsWith("queue:") && text.length() > "queue:".length()) {
            return new ToQueue(text.substring("queue:".length()));
        }
        throw new IllegalArgumentException("unknown overflow or after-hours action " + text
                + " (message, callback or queue:<id>)");
    }
}
