package org.caseline.accounts;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.apache.tika.Tika;
import org.caseline.messaging.Mail;
import org.caseline.messaging.Outbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Secure messages: threads between an account holder and the agency, inside the account, about
 * one of the holder's linked cases or a general question, with PDF, JPEG or PNG attachments (the
 * type read from the bytes). A question about a case goes to Tier 2's written queue, who may
 * answer with what the case needs; the holder is mailed only that an answer is waiting.
 */
@Service
public class SecureMessages {

    private static final Logger log = LoggerFactory.getLogger(SecureMessages.class);
    private static final Set<String> ACCEPTED_TYPES = Set.of("application/pdf", "image/jpeg", "image/png");
    private static final int MAX_TEXT = 5000;
    private static final int MAX_ATTACHMENTS = 3;
    public static final int MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024;

    /** A file sent with a message, as it came. */
    public record Attachment(String name, byte[] content) {
    }

    public record AttachmentInfo(UUID id, String name, String mediaType, int size) {
    }

    public record Message(String direction, String author, String body, Instant at, List<AttachmentInfo> attachments) {
    }

    public record Thread(UUID id, UUID account, String subject, String receiptNumber, String language, String status, Instant createdAt,
                         Instant answerBy, List<Message> messages) {
    }

    public record Download(String name, String mediaType, byte[] content) {
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Applicants applicants;
    private final Outbox outbox;
    private final MessageSource messages;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final Duration answerWithin;
    private final String site;
    private final Tika tika = new Tika();

    SecureMessages(JdbcClient jdbc, TransactionTemplate tx, Applicants applicants, Outbox outbox, MessageSource messages,
                   ApplicationEventPublisher events, Clock clock,
                   @Value("${caseline.accounts.secure-messages.answer-within:48h}") Duration answerWithin,
                   @Value("${caseline.public-url:http://localhost:8080}") String site) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.applicants = applicants;
        this.outbox = outbox;
        this.messages = messages;
        this.events = events;
        this.clock = clock;
        this.answerWithin = answerWithin;
        this.site = site.endsWith("/") ? site.substring(0, site.length() - 1) : site;
    }

    /** A new thread from the holder: about one of their linked cases ({@code receiptNumber}) or none. */
    public Thread start(UUID account, String subject, String text, String receiptNumber, List<Attachment> attachments) {
        Applicants.Account holder = applicants.account(account).orElseThrow();
        String title = subject == null ? "" : subject.strip();
        if (title.isEmpty() || title.length() > 150) {
            throw new Applicants.Refused(422, "subject", "Give the message a subject (at most 150 characters).");
        }
        String body = requireText(text);
        String receipt = null;
        if (receiptNumber != null && !receiptNumber.isBlank()) {
            receipt = applicants.linked(account, receiptNumber)
                    .orElseThrow(() -> new Applicants.Refused(404, "not-linked", "No case " + clip(receiptNumber) + " is linked to your account."))
                    .receiptNumber();
        }
        List<Checked> files = check(attachments);
        Instant now = clock.instant();
        UUID id = UUID.randomUUID();
        String about = receipt;
        tx.executeWithoutResult(status -> {
            jdbc.sql("""
                            insert into secure_thread (id, account_id, receipt_number, subject, language, status, created_at, answer_by)
                            values (?, ?, ?, ?, ?, 'OPEN', ?, ?)""")
                    .params(id, account, about, title, holder.language(), Timestamp.from(now), Timestamp.from(now.plus(answerWithin))).update();
            add(id, "IN", "you", body, files, now);
            events.publishEvent(new SecureMessageReceived(id, holder.language(), about != null, now.plus(answerWithin)));
        });
        log.info("Secure message thread {} from account {}{}", id, account, about == null ? "" : " about a linked case");
        return thread(account, id).orElseThrow();
    }

    /** The holder writes again in their thread: it waits for an answer again. */
    public Thread reply(UUID account, UUID threadId, String text, List<Attachment> attachments) {
        Thread thread = thread(account, threadId)
                .orElseThrow(() -> new Applicants.Refused(404, "no-thread", "No message thread of yours has that id."));
        String body = requireText(text);
        List<Checked> files = check(attachments);
        Instant now = clock.instant();
        tx.executeWithoutResult(status -> {
            add(threadId, "IN", "you", body, files, now);
            jdbc.sql("update secure_thread set status = 'OPEN', answer_by = ? where id = ?")
                    .params(Timestamp.from(now.plus(answerWithin)), threadId).update();
            events.publishEvent(new SecureMessageReceived(threadId, thread.language(), thread.receiptNumber() != null, now.plus(answerWithin)));
        });
        return thread(account, threadId).orElseThrow();
    }

    /** The holder's threads, newest first, without their messages. */
    public List<Thread> threads(UUID account) {
        return jdbc.sql("select id from secure_thread where account_id = ? order by created_at desc limit 200").param(account)
                .query(UUID.class).list().stream().map(id -> find(id, false)).flatMap(Optional::stream).toList();
    }

    /** One of the holder's own threads, whole; empty for anyone else's. */
    public Optional<Thread> thread(UUID account, UUID id) {
        return find(id, true).filter(t -> t.account().equals(account));
    }

    /** A thread as the agent answering it reads it. */
    public Optional<Thread> forStaff(UUID id) {
        return find(id, true);
    }

    /** The agency's answer: it may hold what the case needs (this is a protected channel); the holder is mailed that it waits. */
    public void answer(UUID threadId, String agent, String text) {
        String body = requireText(text);
        Thread thread = forStaff(threadId).orElseThrow(() -> new Applicants.Refused(404, "no-thread", "No thread " + threadId + "."));
        Applicants.Account holder = applicants.account(thread.account()).orElseThrow();
        tx.executeWithoutResult(status -> {
            add(threadId, "OUT", agent, body, List.of(), clock.instant());
            jdbc.sql("update secure_thread set status = 'ANSWERED' where id = ?").param(threadId).update();
            Locale language = Locale.forLanguageTag(holder.language());
            outbox.send(new Mail(holder.email(), messages.getMessage("secure.mail.subject", null, language),
                    messages.getMessage("secure.mail.body", new Object[] {site + "/account/messages"}, language) + "\n\n-- \n"
                            + messages.getMessage("mail.signature", null, language), language, "secure-answer"));
        });
    }

    /** An attachment, for the holder of its thread ({@code account}) or, with {@code account} null, for staff. */
    public Optional<Download> attachment(UUID account, UUID attachmentId) {
        return jdbc.sql("""
                        select a.file_name, a.media_type, a.content, t.account_id from secure_attachment a
                        join secure_message m on m.id = a.message_id join secure_thread t on t.id = m.thread_id where a.id = ?""")
                .param(attachmentId)
                .query((rs, n) -> account == null || account.equals(rs.getObject(4, UUID.class))
                        ? new Download(rs.getString(1), rs.getString(2), rs.getBytes(3)) : null)
                .optional();
    }

    private record Checked(String name, String mediaType, byte[] content) {
    }

    /** Every file whole and of an accepted type, judged by its bytes; the first that is not is named. */
    private List<Checked> check(List<Attachment> attachments) {
        List<Attachment> given = attachments == null ? List.of() : attachments.stream().filter(a -> a.content() != null && a.content().length > 0).toList();
        if (given.size() > MAX_ATTACHMENTS) {
            throw new Applicants.Refused(422, "attachments", "Send at most " + MAX_ATTACHMENTS + " files with a message.");
        }
        List<Checked> checked = new ArrayList<>();
        for (Attachment a : given) {
            String name = a.name() == null || a.name().isBlank() ? "file" : clip(a.name().replaceAll("[\\\\/\\p{Cntrl}]", "_"));
            if (a.content().length > MAX_ATTACHMENT_BYTES) {
                throw new Applicants.Refused(413, "attachment-size", name + " is larger than 5 MB.");
            }
            String type = tika.detect(a.content());
            if (!ACCEPTED_TYPES.contains(type)) {
                throw new Applicants.Refused(415, "attachment-type", name + " is not a PDF, JPEG or PNG file (its content is " + type + ").");
            }
            checked.add(new Checked(name, type, a.content()));
        }
        return checked;
    }

    private void add(UUID threadId, String direction, String author, String body, List<Checked> files, Instant at) {
        long message = jdbc.sql("insert into secure_message (thread_id, direction, author, body, at) values (?, ?, ?, ?, ?) returning id")
                .params(threadId, direction, author, body, Timestamp.from(at)).query(Long.class).single();
        for (Checked f : files) {
            jdbc.sql("insert into secure_attachment (id, message_id, file_name, media_type, size, content) values (?, ?, ?, ?, ?, ?)")
                    .params(UUID.randomUUID(), message, f.name(), f.mediaType(), f.content().length, f.content()).update();
        }
    }

    private Optional<Thread> find(UUID id, boolean withMessages) {
        return jdbc.sql("""
                        select id, account_id, subject, receipt_number, language, status, created_at, answer_by
                        from secure_thread where id = ?""")
                .param(id)
                .query((rs, n) -> new Thread(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3),
                        rs.getString(4) == null ? null : rs.getString(4).strip(), rs.getString(5), rs.getString(6),
                        rs.getTimestamp(7).toInstant(), rs.getTimestamp(8).toInstant(), List.of()))
                .optional()
                .map(t -> withMessages ? new Thread(t.id(), t.account(), t.subject(), t.receiptNumber(), t.language(), t.status(),
                        t.createdAt(), t.answerBy(), messagesOf(id)) : t);
    }

    private List<Message> messagesOf(UUID threadId) {
        return jdbc.sql("select id, direction, author, body, at from secure_message where thread_id = ? order by id").param(threadId)
                .query((rs, n) -> new Object[] {rs.getLong(1), new Message(rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getTimestamp(5).toInstant(), List.of())})
                .list().stream().map(row -> {
                    Message m = (Message) row[1];
                    List<AttachmentInfo> files = jdbc.sql("select id, file_name, media_type, size from secure_attachment where message_id = ?")
                            .param(row[0]).query((rs, n) -> new AttachmentInfo(rs.getObject(1, UUID.class), rs.getString(2),
                                    rs.getString(3), rs.getInt(4))).list();
                    return new Message(m.direction(), m.author(), m.body(), m.at(), files);
                }).toList();
    }

    private static String requireText(String text) {
        String body = text == null ? "" : text.strip();
        if (body.isEmpty() || body.length() > MAX_TEXT) {
            throw new Applicants.Refused(422, "text", "Write the message (at most " + MAX_TEXT + " characters).");
        }
        return body;
    }

    private static String clip(String s) {
        return s.length() > 100 ? s.substring(0, 100) : s;
    }
}
