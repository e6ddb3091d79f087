package org.caseline.messaging.mail;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How mail goes out: the sender's address, how often the worker looks, how often and how far apart
 * it tries, and the embedded server's ports (used only when no {@code spring.mail.host} is set).
 */
@ConfigurationProperties("caseline.mail")
record MailProperties(
        @DefaultValue("CaseLine <no-reply@caseline.example>") String from,
        @DefaultValue("1s") Duration poll,
        @DefaultValue("8") int maxAttempts,
        @DefaultValue("30s") Duration firstRetry,
        @DefaultValue("1h") Duration longestRetry,
        @DefaultValue("5m") Duration lease,
        @DefaultValue Embedded embedded) {

    record Embedded(@DefaultValue("127.0.0.1") String bindAddress,
                    @DefaultValue("3025") int smtpPort,
                    @DefaultValue("3143") int imapPort) {
    }

    /** The wait before attempt {@code attempt + 1}: doubling from the first retry, never longer than the longest. */
    Duration backoff(int attempt) {
        Duration wait = firstRetry.multipliedBy(1L << Math.min(attempt - 1, 20));
        return wait.compareTo(longestRetry) > 0 ? longestRetry : wait;
    }
}
