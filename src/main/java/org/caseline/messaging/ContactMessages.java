package org.caseline.messaging;

import java.io.IOException;
import java.io.InputStream;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.caseline.platform.Languages;
import org.caseline.platform.LocalizedText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Messages from the public, without an account: a name, an email address, a language, a topic
 * ({@code messaging/topics.yaml}) and the question. The sender gets an acknowledgement with a
 * reference and the time by which we answer; the message waits for an agent in its language's
 * written queue (routing hears {@link ContactMessageReceived}); the answer goes by mail in the same
 * thread, and never holds case details ({@link CaseDetailsRule}).
 */
@Service
public class ContactMessages {

    private static final Logger log = LoggerFactory.getLogger(ContactMessages.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int MAX_TEXT = 5000;
    private static final int PER_EMAIL_PER_HOUR = 5;
    private static final int PER_ADDRESS_PER_HOUR = 20;

    public record Topic(String code, LocalizedText name) {
    }

    /** What a sender gives. */
    public record Submission(String name, String email, String language, String topic, String text) {
    }

    public record Received(String reference, Instant answerBy) {
    }

    /** One message of a thread: the sender's ({@code IN}) or an answer ({@code OUT}). */
    public record Entry(String direction, String author, String body, Instant at) {
    }

    /** A thread; {@code mailbox} and {@code subject} are set when it came to an office's box by mail. */
    public record Thread(String reference, String name, String email, String language, String topic, Instant receivedAt,
                         Instant answerBy, String status, List<Entry> entries, String mailbox, String subject) {
    }

    /** One thing wrong with what was sent. */
    public record Problem(String field, String code, String message) {
    }

    /** Why nothing was stored or sent: a status, a code, a specific message, and each problem. */
    public static class Refused extends RuntimeException {
        private final int status;
        private final String code;
        private final List<Problem> problems;

        public Refused(int status, String code, String message, List<Problem> problems) {
            super(message);
            this.status = status;
            this.code = code;
            this.problems = List.copyOf(problems);
        }

        public int status() {
            return status;
        }

        public String code() {
            return code;
        }

        public List<Problem> problems() {
            return problems;
        }

        /** The answer a client gets: the code, the message, and the problems when there are any. */
        public Map<String, Object> body() {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("code", code);
            body.put("message", getMessage());
            if (!problems.isEmpty()) {
                body.put("problems", problems);
            }
            return body;
        }
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Outbox outbox;
    private final MessageSource messages;
    private final ApplicationEventPublisher events;
    private final CaseDetailsRule rule;
    private final Clock clock;
    private final ZoneId zone;
    private final String domain;
    private final Map<String, Topic> topics = new LinkedHashMap<>();
    private final Map<String, String> queues = new LinkedHashMap<>();
    private final Duration answerWithin;

    ContactMessages(JdbcClient jdbc, TransactionTemplate tx, Outbox outbox, MessageSource messages, ApplicationEventPublisher events,
                    CaseDetailsRule rule, Clock clock, @Value("${caseline.agency.time-zone:America/New_York}") ZoneId zone,
                    @Value("${caseline.public-url:http://localhost:8080}") String site) throws IOException {
        this.jdbc = jdbc;
        this.tx = tx;
        this.outbox = outbox;
        this.messages = messages;
        this.events = events;
        this.rule = rule;
        this.clock = clock;
        this.zone = zone;
        this.domain = java.net.URI.create(site).getHost();
        try (InputStream in = new ClassPathResource("messaging/topics.yaml").getInputStream()) {
            JsonNode file = new YAMLMapper().readTree(in);
            this.answerWithin = Duration.parse("PT" + file.path("answer-within").asString("48h").toUpperCase(Locale.ROOT));
            file.path("queues").properties().forEach(e -> queues.put(e.getKey(), e.getValue().asString()));
            for (JsonNode t : file.path("topics")) {
                String code = t.path("code").asString();
                if (topics.put(code, new Topic(code, new LocalizedText(t.path("en").asString(null), t.path("es").asString(null)))) != null) {
                    throw new IllegalStateException("messaging/topics.yaml lists topic " + code + " twice");
                }
            }
        }
        for (Locale language : Languages.SUPPORTED) {
            if (!queues.containsKey(language.getLanguage())) {
                throw new IllegalStateException("messaging/topics.yaml names no queue for " + language.getLanguage());
            }
        }
    }

    public List<Topic> topics() {
        return List.copyOf(topics.values());
    }

    /** The promise: a message is answered this long after it came. */
    public Duration answerWithin() {
        return answerWithin;
    }

    /**
     * Takes a message: checked whole (every problem named), limited per email address and per
     * sender's address, stored with its acknowledgement queued, and announced to routing, in one
     * transaction.
     */
    public Received receive(Submission s, String fromAddress) {
        List<Problem> problems = new ArrayList<>();
        String name = s.name() == null ? "" : s.name().strip();
        String email = s.email() == null ? "" : s.email().strip().toLowerCase(Locale.ROOT);
        String text = s.text() == null ? "" : s.text().strip();
        if (name.isEmpty() || name.length() > 100) {
            problems.add(new Problem("name", "name", "Give your name (at most 100 characters)."));
        }
        if (!Mail.isAddress(email)) {
            problems.add(new Problem("email", "email", "Give an email address we can answer, like name@example.com."));
        }
        if (!"en".equals(s.language()) && !"es".equals(s.language())) {
            problems.add(new Problem("language", "language", "language is en or es: the language we answer in."));
        }
        if (s.topic() == null || !topics.containsKey(s.topic())) {
            problems.add(new Problem("topic", "topic", "Choose a topic from GET /api/contact-messages/topics."));
        }
        if (text.isEmpty()) {
            problems.add(new Problem("text", "text", "Write your question."));
        } else if (text.length() > MAX_TEXT) {
            problems.add(new Problem("text", "text", "Keep the question to " + MAX_TEXT + " characters."));
        }
        if (!problems.isEmpty()) {
            throw new Refused(422, "invalid", problems.size() == 1 ? problems.getFirst().message() : "Please check the message.", problems);
        }
        Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS); // as the database keeps it: the promise said is the one stored
        Timestamp hourAgo = Timestamp.from(now.minus(Duration.ofHours(1)));
        if (jdbc.sql("select count(*) from contact_message where email = ? and received_at > ?").params(email, hourAgo)
                .query(Integer.class).single() >= PER_EMAIL_PER_HOUR
                || jdbc.sql("select count(*) from contact_message where from_address = ? and received_at > ?").params(fromAddress, hourAgo)
                .query(Integer.class).single() >= PER_ADDRESS_PER_HOUR) {
            throw new Refused(429, "too-many", "We have several messages from you in the last hour. We answer each; please wait for the answers.",
                    List.of());
        }
        Locale language = Locale.forLanguageTag(s.language());
        String reference = newReference();
        Instant answerBy = now.plus(answerWithin);
        String threadId = Mail.newMessageId(domain);
        tx.executeWithoutResult(status -> {
            jdbc.sql("""
                            insert into contact_message (reference, name, email, language, topic, from_address, received_at, answer_by,
                                status, thread_id) values (?, ?, ?, ?, ?, ?, ?, ?, 'OPEN', ?)""")
                    .params(reference, name, email, language.getLanguage(), s.topic(), fromAddress, Timestamp.from(now),
                            Timestamp.from(answerBy), threadId).update();
            jdbc.sql("insert into contact_message_entry (reference, direction, author, body, at) values (?, 'IN', ?, ?, ?)")
                    .params(reference, name, text, Timestamp.from(now)).update();
            String due = when(answerBy, language);
            outbox.send(new Mail(email, messages.getMessage("contact.mail.ack.subject", new Object[] {reference}, language),
                    messages.getMessage("contact.mail.ack.body", new Object[] {name, reference, due, text}, language) + signature(language),
                    language, "contact-ack").inThread(threadId, null, Mail.AUTOMATIC_REPLY));
            events.publishEvent(new ContactMessageReceived(reference, queues.get(language.getLanguage()), s.topic(),
                    language.getLanguage(), answerBy));
        });
        log.info("Contact message {} from {} ({}), to answer by {}", reference, Outbox.mask(email), s.topic(), answerBy);
        return new Received(reference, answerBy);
    }

    public Optional<Thread> thread(String reference) {
        return jdbc.sql("""
                        select reference, name, email, language, topic, received_at, answer_by, status, mailbox, subject
                        from contact_message where reference = ?""")
                .param(reference)
                .query((rs, n) -> new Thread(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getTimestamp(6).toInstant(), rs.getTimestamp(7).toInstant(), rs.getString(8), entries(rs.getString(1)),
                        rs.getString(9), rs.getString(10)))
                .optional();
    }

    /**
     * An agent's answer, sent by mail in the message's thread. Refused (nothing sent) when it
     * holds anything specific to a case: mail is not a protected channel.
     */
    public void answer(String reference, String agent, String text) {
        String body = text == null ? "" : text.strip();
        if (body.isEmpty() || body.length() > MAX_TEXT) {
            throw new Refused(422, "text", "Write the answer (at most " + MAX_TEXT + " characters).",
                    List.of(new Problem("text", "text", "Write the answer.")));
        }
        rule.firstIn(body).ifPresent(found -> {
            throw new Refused(422, "case-details", "This answer holds a " + found.kind() + " (\"" + found.text() + "\"). Case details never "
                    + "go by email: point the sender to their online account or the case status page instead.",
                    List.of(new Problem("text", "case-details", found.kind() + ": " + found.text())));
        });
        tx.executeWithoutResult(status -> {
            var row = jdbc.sql("""
                            select email, language, thread_id, mailbox, subject,
                                (select message_id from contact_message_entry e where e.reference = m.reference and e.direction = 'IN'
                                 and e.message_id is not null order by e.id desc limit 1)
                            from contact_message m where reference = ? for update""").param(reference)
                    .query((rs, n) -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                            rs.getString(6)}).optional()
                    .orElseThrow(() -> new Refused(404, "no-message", "No contact message " + reference + ".", List.of()));
            Instant now = clock.instant();
            Locale language = Locale.forLanguageTag(row[1]);
            String mailbox = row[3];
            String ownId = Mail.newMessageId(domain);
            jdbc.sql("insert into contact_message_entry (reference, direction, author, body, at, message_id) values (?, 'OUT', ?, ?, ?, ?)")
                    .params(reference, agent, body, Timestamp.from(now), ownId).update();
            jdbc.sql("update contact_message set status = 'ANSWERED' where reference = ?").param(reference).update();
            // an office's answer comes from its box, in reply to the sender's last mail, so that
            // their reply comes back to the box and joins the thread
            Mail answer = mailbox == null
                    ? new Mail(row[0], messages.getMessage("contact.mail.answer.subject", new Object[] {reference}, language),
                    body + "\n\n" + messages.getMessage("contact.mail.answer.footer", new Object[] {reference}, language)
                            + "\n\n-- \n" + messages.getMessage("contact.mail.answer.signature", null, language),
                    language, "contact-answer").inThread(ownId, row[2], Mail.BY_A_PERSON)
                    : new Mail(row[0], replySubject(row[4], reference),
                    body + "\n\n" + messages.getMessage("mailbox.mail.answer.footer", new Object[] {reference}, language)
                            + "\n\n-- \n" + messages.getMessage("contact.mail.answer.signature", null, language),
                    language, "office-mail-answer").inThread(ownId, row[5] != null ? row[5] : row[2], Mail.BY_A_PERSON).from(mailbox);
            outbox.send(answer);
        });
        log.info("Contact message {} answered by {}", reference, agent);
    }

    /** "Re: " and the sender's subject, with the thread's reference for a mail client that drops the headers. */
    private static String replySubject(String subject, String reference) {
        String base = subject == null || subject.isBlank() ? reference : subject.strip();
        if (!base.regionMatches(true, 0, "Re:", 0, 3)) {
            base = "Re: " + base;
        }
        return base.contains(reference) ? base : base + " [" + reference + "]";
    }

    private List<Entry> entries(String reference) {
        return jdbc.sql("select direction, author, body, at from contact_message_entry where reference = ? order by id")
                .param(reference)
                .query((rs, n) -> new Entry(rs.getString(1), rs.getString(2), rs.getString(3), rs.getTimestamp(4).toInstant())).list();
    }

    String when(Instant at, Locale language) {
        var local = at.atZone(zone);
        return Languages.longDate(local.toLocalDate(), language) + ", " + DateTimeFormatter.ofPattern("HH:mm z", language).format(local);
    }

    String signature(Locale language) {
        return "\n\n-- \n" + messages.getMessage("mail.signature", null, language);
    }

    /** "M-" and eight digits: short enough to read over the phone, too many to guess. */
    String newReference() {
        String reference;
        do {
            reference = "M-" + String.format("%08d", RANDOM.nextInt(100_000_000));
        } while (jdbc.sql("select count(*) from contact_message where reference = ?").param(reference).query(Integer.class).single() > 0);
        return reference;
    }
}
