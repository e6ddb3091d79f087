package org.caseline.messaging;

import java.util.Locale;
import java.util.Objects;

/**
 * One plain-text mail to one person. {@code purpose} says what sent it (for administrators reading
 * the outbox, never shown to the recipient); the language is the recipient's, for the header.
 * {@code sender} is who it comes from when not the site's own address (an office's mailbox, so
 * that the answer to it comes back there); null for the site's. {@code calendar}, when set, is an
 * iCalendar text (RFC 5545) sent with it as {@code invite.ics}, so that the recipient's calendar
 * takes the date in with one click.
 */
public record Mail(String to, String subject, String body, Locale language, String purpose, String messageId, String inReplyTo,
                   String autoSubmitted, String sender, String calendar) {

    /** How a mail was made, for its {@code Auto-Submitted} header (RFC 3834). */
    public static final String BY_A_PERSON = "no";
    public static final String AUTOMATIC = "auto-generated";
    public static final String AUTOMATIC_REPLY = "auto-replied";

    /** An automatic mail in no thread. */
    public Mail(String to, String subject, String body, Locale language, String purpose) {
        this(to, subject, body, language, purpose, null, null, AUTOMATIC, null, null);
    }

    /** This mail as a message of a thread: its own {@code Message-ID}, the one it answers (or null), and who made it. */
    public Mail inThread(String ownId, String answering, String madeBy) {
        return new Mail(to, subject, body, language, purpose, ownId, answering, madeBy, sender, calendar);
    }

    /** This mail sent in the name of {@code address} (an office's mailbox) instead of the site's. */
    public Mail from(String address) {
        return new Mail(to, subject, body, language, purpose, messageId, inReplyTo, autoSubmitted, address, calendar);
    }

    /** This mail with an iCalendar file attached. */
    public Mail withCalendar(String ics) {
        return new Mail(to, subject, body, language, purpose, messageId, inReplyTo, autoSubmitted, sender, ics);
    }

    /** A new {@code Message-ID} on this site's domain. */
    public static String newMessageId(String domain) {
        return "<" + java.util.UUID.randomUUID() + "@" + domain + ">";
    }

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
        if (!java.util.Set.of(BY_A_PERSON, AUTOMATIC, AUTOMATIC_REPLY).contains(autoSubmitted)) {
            throw new IllegalArgumentException("Auto-Submitted is no, auto-generated or auto-replied");
        }
        if (calendar != null && !calendar.startsWith("BEGIN:VCALENDAR")) {
            throw new IllegalArgumentException("a calendar is an iCalendar text, from BEGIN:VCALENDAR");
        }
        if (sender != null && !isAddress(sender)) {
            throw new IllegalArgumentException("not a sender's address: " + Outbox.mask(sender));
        }
    }

    /** Whether a text looks like one email address (what a form asks a person to type). */
    public static boolean isAddress(String text) {
        return text != null && text.length() <= 254 && ADDRESS.matcher(text).matches();
    }
}
