package org.caseline.messaging;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The one way out for mail. {@link #send} writes the mail in the caller's transaction: if the change
 * that causes it rolls back, no mail goes. The worker ({@code mail.MailWorker}) sends what is due.
 */
@Service
public class Outbox {

    public enum Status { PENDING, SENT, FAILED }

    /** A mail as the outbox holds it. */
    public record Entry(long id, String to, String subject, String purpose, Status status, int attempts,
                        Instant queuedAt, Instant nextAttemptAt, Instant sentAt, String lastError) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    Outbox(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Queues a mail; it goes once the caller's transaction commits. */
    @Transactional(propagation = Propagation.MANDATORY)
    public long send(Mail mail) {
        Timestamp now = Timestamp.from(clock.instant());
        return jdbc.sql("""
                        insert into messaging_outbox (recipient, subject, body, language, purpose, status, attempts,
                            queued_at, next_attempt_at, message_id, in_reply_to, auto_submitted, sender, calendar)
                        values (?, ?, ?, ?, ?, 'PENDING', 0, ?, ?, ?, ?, ?, ?, ?) returning id""")
                .params(mail.to(), mail.subject(), mail.body(), mail.language().getLanguage(), mail.purpose(), now, now,
                        mail.messageId(), mail.inReplyTo(), mail.autoSubmitted(), mail.sender(), mail.calendar())
                .query(Long.class).single();
    }

    /** The mails with this status, newest first (at most {@code limit}). */
    public List<Entry> list(Status status, int limit) {
        return jdbc.sql("""
                        select id, recipient, subject, purpose, status, attempts, queued_at, next_attempt_at, sent_at, last_error
                        from messaging_outbox where status = ? order by id desc limit ?""")
                .params(status.name(), limit).query(Outbox::entry).list();
    }

    /** What was sent (or is to be sent) to an address, newest first: for its holder's data export. */
    public List<Entry> sentTo(String address, int limit) {
        return jdbc.sql("""
                        select id, recipient, subject, purpose, status, attempts, queued_at, next_attempt_at, sent_at, last_error
                        from messaging_outbox where recipient = ? order by id desc limit ?""")
                .params(address, limit).query(Outbox::entry).list();
    }

    public List<Entry> sentTo(String address) {
        return sentTo(address, 500);
    }

    public Optional<Entry> find(long id) {
        return jdbc.sql("""
                        select id, recipient, subject, purpose, status, attempts, queued_at, next_attempt_at, sent_at, last_error
                        from messaging_outbox where id = ?""")
                .param(id).query(Outbox::entry).optional();
    }

    /** A failed mail goes again (an administrator fixed the server or the address's domain); false if it had not failed. */
    public boolean retry(long id) {
        return jdbc.sql("update messaging_outbox set status = 'PENDING', attempts = 0, next_attempt_at = ? where id = ? and status = 'FAILED'")
                .params(Timestamp.from(clock.instant()), id).update() == 1;
    }

    /** An address as it may appear in logs: the first letter and the domain. */
    public static String mask(String address) {
        if (address == null || address.isEmpty()) {
            return "-";
        }
        int at = address.indexOf('@');
        return at <= 0 ? "***" : address.charAt(0) + "***" + address.substring(at);
    }

    private static Entry entry(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new Entry(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), Status.valueOf(rs.getString(5)),
                rs.getInt(6), instant(rs.getTimestamp(7)), instant(rs.getTimestamp(8)), instant(rs.getTimestamp(9)), rs.getString(10));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
