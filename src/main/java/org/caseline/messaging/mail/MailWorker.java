package org.caseline.messaging.mail;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.MimeMessage;
import org.caseline.messaging.Outbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.MailException;
import org.springframework.mail.MailParseException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Sends what the outbox holds, on any node. A worker takes a few due mails by moving their next
 * attempt a lease ahead (skipping rows another node holds), sends each, and marks it sent; a
 * refusal that will not change (a malformed or rejected address) fails it at once, anything else
 * (the server is down) is tried again later, twice as long each time, until the attempts run out.
 */
@Component
@EnableConfigurationProperties(MailProperties.class)
class MailWorker {

    private static final Logger log = LoggerFactory.getLogger(MailWorker.class);
    private static final int BATCH = 20;

    private record Due(long id, String to, String subject, String body, String language, int attempts, String messageId,
                       String inReplyTo, String autoSubmitted, String sender, String calendar) {
    }

    private final JdbcClient jdbc;
    private final JavaMailSender sender;
    private final MailProperties properties;
    private final Clock clock;
    private final Counter sent;
    private final Counter failed;

    MailWorker(JdbcClient jdbc, JavaMailSender sender, MailProperties properties, Clock clock, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.sender = sender;
        this.properties = properties;
        this.clock = clock;
        this.sent = Counter.builder("caseline.mail.sent").description("Mails sent").register(meters);
        this.failed = Counter.builder("caseline.mail.failed").description("Mails given up on").register(meters);
    }

    @Scheduled(fixedDelayString = "${caseline.mail.poll:1s}", initialDelayString = "${caseline.mail.poll:1s}")
    void sendDue() {
        List<Due> batch;
        do {
            batch = take();
            batch.forEach(this::deliver);
        } while (batch.size() == BATCH);
    }

    private List<Due> take() {
        Instant now = clock.instant();
        return jdbc.sql("""
                        update messaging_outbox set next_attempt_at = ?, attempts = attempts + 1
                        where id in (select id from messaging_outbox where status = 'PENDING' and next_attempt_at <= ?
                                     order by next_attempt_at limit ? for update skip locked)
                        returning id, recipient, subject, body, language, attempts, message_id, in_reply_to, auto_submitted, sender, calendar""")
                .params(Timestamp.from(now.plus(properties.lease())), Timestamp.from(now), BATCH)
                .query((rs, n) -> new Due(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getInt(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10),
                        rs.getString(11)))
                .list();
    }

    private void deliver(Due mail) {
        try {
            MimeMessage message = sender.createMimeMessage();
            var helper = new MimeMessageHelper(message, mail.calendar() != null, "UTF-8");
            helper.setFrom(mail.sender() == null ? properties.from() : mail.sender());
            helper.setTo(mail.to());
            helper.setSubject(mail.subject());
            helper.setText(mail.body());
            if (mail.calendar() != null) {
                // PUBLISH, not REQUEST: the recipient adds it to their calendar; there is no one to answer yes or no to
                helper.addAttachment("invite.ics", new org.springframework.core.io.ByteArrayResource(
                        mail.calendar().getBytes(java.nio.charset.StandardCharsets.UTF_8)), "text/calendar; charset=UTF-8; method=PUBLISH");
            }
            message.setHeader("Content-Language", mail.language());
            if (mail.messageId() != null) {
                message.setHeader("Message-ID", mail.messageId()); // kept by the sender: replies point at it
            }
            if (mail.inReplyTo() != null) {
                message.setHeader("In-Reply-To", mail.inReplyTo());
                message.setHeader("References", mail.inReplyTo());
            }
            if (!"no".equals(mail.autoSubmitted())) {
                // an automatic mail: mail clients and servers should not answer it with their own
                message.setHeader("Auto-Submitted", mail.autoSubmitted());
            }
            sender.send(message);
            jdbc.sql("update messaging_outbox set status = 'SENT', sent_at = ?, last_error = null where id = ?")
                    .params(Timestamp.from(clock.instant()), mail.id()).update();
            sent.increment();
        } catch (jakarta.mail.MessagingException | MailException e) {
            String reason = reason(e);
            boolean permanent = permanent(e) || mail.attempts() >= properties.maxAttempts();
            if (permanent) {
                jdbc.sql("update messaging_outbox set status = 'FAILED', last_error = ? where id = ?").params(reason, mail.id()).update();
                failed.increment();
                log.warn("Mail {} to {} failed for good after {} attempt(s): {}", mail.id(), Outbox.mask(mail.to()), mail.attempts(), reason);
            } else {
                Instant next = clock.instant().plus(properties.backoff(mail.attempts()));
                jdbc.sql("update messaging_outbox set next_attempt_at = ?, last_error = ? where id = ?")
                        .params(Timestamp.from(next), reason, mail.id()).update();
                log.info("Mail {} to {} not sent (attempt {}), trying again at {}: {}", mail.id(), Outbox.mask(mail.to()),
                        mail.attempts(), next, reason);
            }
        }
    }

    /** A refusal that sending again will not change. */
    private static boolean permanent(Exception e) {
        if (e instanceof MailParseException || e instanceof MailPreparationException || e instanceof jakarta.mail.internet.AddressException) {
            return true;
        }
        if (e instanceof MailSendException send) {
            for (Exception cause : send.getMessageExceptions()) {
                if (cause instanceof SendFailedException refused && refused.getInvalidAddresses() != null
                        && refused.getInvalidAddresses().length > 0) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String reason(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
        return text.length() > 500 ? text.substring(0, 500) : text;
    }
}
