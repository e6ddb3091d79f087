package org.caseline.messaging;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Mail to an office's box, as a thread of written contact like a contact message (same threads,
 * same answer by mail under {@link CaseDetailsRule}). A mail that answers one of the thread's
 * mails ({@code In-Reply-To}, {@code References}), or carries the thread's reference in its
 * subject and comes from the same sender, joins that thread; any other starts one, and only then is
 * an acknowledgement sent: once per thread, never to a machine's mail, so two systems that answer
 * automatically cannot loop (RFC 3834). Each mail is taken once, however often it is read.
 */
@Service
public class OfficeMail {

    /** What became of a mail read from a box. */
    public enum Outcome {
        /** It started a thread, acknowledged. */
        NEW_THREAD,
        /** It joined its thread, which waits for an agent again. */
        ADDED,
        /** A machine's mail (an auto-reply, a bounce): kept in its thread if it has one, never answered, never queued. */
        AUTOMATIC,
        /** Our own mail, or one of our boxes writing to another: left alone. */
        OWN,
        /** Read before (another node, or this one before it could mark it read). */
        SEEN_BEFORE
    }

    private static final Logger log = LoggerFactory.getLogger(OfficeMail.class);
    private static final Pattern REFERENCE = Pattern.compile("\\bM-\\d{8}\\b");
    /** Kept of a mail's text; the rest is dropped with a note (a mail is not a file store). */
    private static final int MAX_TEXT = 20_000;
    /** At most this many acknowledgements to one address an hour, from all boxes: a guard against loops with what RFC 3834 does not catch. */
    private static final int ACKS_PER_ADDRESS_PER_HOUR = 5;

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Outbox outbox;
    private final MessageSource messages;
    private final ApplicationEventPublisher events;
    private final ContactMessages contactMessages;
    private final Clock clock;
    private final String domain;

    OfficeMail(JdbcClient jdbc, TransactionTemplate tx, Outbox outbox, MessageSource messages, ApplicationEventPublisher events,
               ContactMessages contactMessages, Clock clock, @Value("${caseline.public-url:http://localhost:8080}") String site) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.outbox = outbox;
        this.messages = messages;
        this.events = events;
        this.contactMessages = contactMessages;
        this.clock = clock;
        this.domain = java.net.URI.create(site).getHost();
    }

    /**
     * Takes one mail from {@code box}, in one transaction: recorded as read, stored in its thread,
     * acknowledged when it starts one, and announced to routing. {@code ours} says it comes from
     * one of our own addresses.
     */
    public Outcome receive(OfficeBox box, InboundMail mail, boolean ours) {
        Outcome outcome = tx.execute(status -> {
            Instant now = clock.instant();
            int fresh = jdbc.sql("""
                            insert into mailbox_mail (mailbox, message_key, outcome, read_at) values (?, ?, 'OWN', ?)
                            on conflict do nothing""")
                    .params(box.address(), mail.key(), Timestamp.from(now)).update();
            if (fresh == 0) {
                return Outcome.SEEN_BEFORE;
            }
            if (ours) {
                return Outcome.OWN;
            }
            Optional<String> thread = threadOf(box, mail);
            if (mail.automatic()) {
                thread.ifPresent(reference -> addEntry(reference, mail, now));
                record(box, mail, thread.orElse(null), Outcome.AUTOMATIC);
                return Outcome.AUTOMATIC;
            }
            String reference = thread.orElseGet(() -> startThread(box, mail, now));
            long entry = addEntry(reference, mail, now);
            Instant answerBy = thread.isPresent() ? reopen(reference, box, now) : now.plus(box.answerWithin());
            String language = jdbc.sql("select language from contact_message where reference = ?").param(reference).query(String.class).single();
            events.publishEvent(new OfficeMailReceived(reference, entry, box.queue(), box.office(), language, answerBy));
            Outcome result = thread.isPresent() ? Outcome.ADDED : Outcome.NEW_THREAD;
            record(box, mail, reference, result);
            return result;
        });
        log.info("Mail {} to the {} box from {}: {}", Outbox.mask(mail.key()), box.office(), Outbox.mask(mail.fromAddress()), outcome);
        return outcome;
    }

    /** The box's thread this mail belongs to: one of whose mails it answers, or whose reference its subject carries, from the same sender. */
    private Optional<String> threadOf(OfficeBox box, InboundMail mail) {
        if (!mail.answering().isEmpty()) {
            String[] ids = mail.answering().toArray(String[]::new);
            Optional<String> answered = jdbc.sql("""
                            select m.reference from contact_message m
                            where m.mailbox = ? and (m.thread_id = any(?) or exists (select 1 from contact_message_entry e
                                where e.reference = m.reference and e.message_id = any(?)))
                            order by m.received_at desc limit 1""")
                    .params(box.address(), ids, ids).query(String.class).optional();
            if (answered.isPresent()) {
                return answered;
            }
        }
        Matcher reference = REFERENCE.matcher(mail.subject());
        while (reference.find()) {
            Optional<String> named = jdbc.sql("select reference from contact_message where reference = ? and mailbox = ? and email = ?")
                    .params(reference.group(), box.address(), mail.fromAddress()).query(String.class).optional();
            if (named.isPresent()) {
                return named;
            }
        }
        return Optional.empty();
    }

    private String startThread(OfficeBox box, InboundMail mail, Instant now) {
        String reference = contactMessages.newReference();
        Locale language = Locale.forLanguageTag(mail.language() != null ? mail.language() : box.language());
        String ackId = Mail.newMessageId(domain);
        String name = mail.fromName() != null ? mail.fromName() : mail.fromAddress().substring(0, mail.fromAddress().indexOf('@'));
        Instant answerBy = now.plus(box.answerWithin());
        jdbc.sql("""
                        insert into contact_message (reference, name, email, language, topic, from_address, received_at, answer_by,
                            status, thread_id, mailbox, subject) values (?, ?, ?, ?, 'office-mail', 'mail', ?, ?, 'OPEN', ?, ?, ?)""")
                .params(reference, limit(name, 100), mail.fromAddress(), language.getLanguage(), Timestamp.from(now), Timestamp.from(answerBy),
                        ackId, box.address(), limit(mail.subject(), 300)).update();
        int acksThisHour = jdbc.sql("""
                        select count(*) from messaging_outbox where recipient = ? and purpose = 'office-mail-ack' and queued_at > ?""")
                .params(mail.fromAddress(), Timestamp.from(now.minus(Duration.ofHours(1)))).query(Integer.class).single();
        if (acksThisHour < ACKS_PER_ADDRESS_PER_HOUR) {
            outbox.send(new Mail(mail.fromAddress(), messages.getMessage("mailbox.mail.ack.subject", new Object[] {reference,
                    limit(mail.subject(), 150)}, language),
                    messages.getMessage("mailbox.mail.ack.body", new Object[] {name, box.name().in(language), reference,
                            contactMessages.when(answerBy, language)}, language) + contactMessages.signature(language),
                    language, "office-mail-ack").inThread(ackId, mail.messageId(), Mail.AUTOMATIC_REPLY).from(box.address()));
        } else {
            log.warn("No acknowledgement to {} for {}: {} already this hour", Outbox.mask(mail.fromAddress()), reference, acksThisHour);
        }
        return reference;
    }

    private long addEntry(String reference, InboundMail mail, Instant now) {
        String text = mail.text().strip();
        if (text.length() > MAX_TEXT) {
            text = text.substring(0, MAX_TEXT) + "\n[…]";
        }
        if (!mail.attachmentNames().isEmpty()) {
            text += "\n\n[" + mail.attachmentNames().size() + " file(s) not kept: " + String.join(", ", mail.attachmentNames()) + "]";
        }
        String author = (mail.fromName() != null ? mail.fromName() : mail.fromAddress()) + (mail.automatic() ? " (automatic)" : "");
        return jdbc.sql("insert into contact_message_entry (reference, direction, author, body, at, message_id) values (?, 'IN', ?, ?, ?, ?) returning id")
                .params(reference, limit(author, 200), text.isEmpty() ? "(no text)" : text, Timestamp.from(now), mail.messageId())
                .query(Long.class).single();
    }

    /** A thread answered and written to again waits anew, due a box's promise from now; one still open keeps its promise. */
    private Instant reopen(String reference, OfficeBox box, Instant now) {
        return jdbc.sql("""
                        update contact_message set status = 'OPEN',
                            answer_by = case when status = 'ANSWERED' then ? else answer_by end
                        where reference = ? returning answer_by""")
                .params(Timestamp.from(now.plus(box.answerWithin())), reference).query(Timestamp.class).single().toInstant();
    }

    private void record(OfficeBox box, InboundMail mail, String reference, Outcome outcome) {
        jdbc.sql("update mailbox_mail set outcome = ?, reference = ? where mailbox = ? and message_key = ?")
                .params(outcome.name(), reference, box.address(), mail.key()).update();
    }

    /** What each box took, for administrators: mails read in all, and by outcome. */
    public List<Count> counts() {
        return jdbc.sql("select mailbox, outcome, count(*) from mailbox_mail group by mailbox, outcome order by mailbox, outcome")
                .query((rs, n) -> new Count(rs.getString(1), rs.getString(2), rs.getLong(3))).list();
    }

    public record Count(String mailbox, String outcome, long mails) {
    }

    private static String limit(String text, int length) {
        return text.length() <= length ? text : text.substring(0, length);
    }
}
