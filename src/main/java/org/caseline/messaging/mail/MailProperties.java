package org.caseline.messaging.mail;

import java.time.Duration;
import java.util.List;

import org.caseline.messaging.OfficeBox;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How mail goes out: the sender's address, how often the worker looks, how often and how far apart
 * it tries, the embedded server's ports (used only when no {@code spring.mail.host} is set), and the
 * offices' boxes that are read for mail coming in.
 */
@ConfigurationProperties("caseline.mail")
record MailProperties(
        @DefaultValue("CaseLine <no-reply@caseline.example>") String from,
        @DefaultValue("1s") Duration poll,
        @DefaultValue("8") int maxAttempts,
        @DefaultValue("30s") Duration firstRetry,
        @DefaultValue("1h") Duration longestRetry,
        @DefaultValue("5m") Duration lease,
        @DefaultValue Embedded embedded,
        @DefaultValue Imap imap,
        List<OfficeBox> officeBoxes) {

    MailProperties {
        officeBoxes = officeBoxes == null ? List.of() : List.copyOf(officeBoxes);
    }

    record Embedded(@DefaultValue("127.0.0.1") String bindAddress,
                    @DefaultValue("3025") int smtpPort,
                    @DefaultValue("3143") int imapPort) {
    }

    /**
     * Where the office boxes are read: an IMAP server ({@code host} empty: the one
     * {@code spring.mail.host} names, or the embedded one), over TLS or not, waiting for news with
     * IDLE where the server offers it and looking anyway every {@code poll}; after a failure, again
     * after {@code poll}, doubling up to {@code longestRetry}.
     */
    record Imap(@DefaultValue("") String host, @DefaultValue("0") int port, @DefaultValue("false") boolean ssl,
                @DefaultValue("30s") Duration poll, @DefaultValue("true") boolean idle, @DefaultValue("5m") Duration longestRetry) {
    }

    /** The wait before attempt {@code attempt + 1}: doubling from the first retry, never longer than the longest. */
    Duration backoff(int attempt) {
        Duration wait = firstRetry.multipliedBy(1L << Math.min(attempt - 1, 20));
        return wait.compareTo(longestRetry) > 0 ? longestRetry : wait;
    }
}
