package org.caseline.messaging;

import java.io.IOException;
import java.io.InputStream;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.core.io.ClassPathResource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Saved answers an agent starts from, per topic and language, kept by administrators. The topics
 * are the contact form's, {@code secure} (an account holder's secure message) and
 * {@code office-mail} (an office's mailbox). Every reply but a secure one goes by plain mail, so
 * one that holds case details cannot be saved: the rule is checked when it is written, not only
 * when an agent sends it. The defaults ({@code messaging/canned-replies.yaml}) are loaded the first
 * time; from then on the table is what counts.
 */
@Service
public class CannedReplies implements org.springframework.beans.factory.SmartInitializingSingleton {

    /** The topic of account holders' secure messages, the one channel where case details may be said. */
    public static final String SECURE = "secure";
    public static final String OFFICE_MAIL = "office-mail";
    private static final int MAX_TITLE = 100;
    private static final int MAX_BODY = 5000;

    public record Reply(UUID id, String topic, String language, String title, String body, String updatedBy, Instant updatedAt) {
    }

    /** What an administrator writes. */
    public record Draft(String topic, String language, String title, String body) {
    }

    private final JdbcClient jdbc;
    private final CaseDetailsRule rule;
    private final Clock clock;
    private final Set<String> topics = new LinkedHashSet<>();
    private final TransactionTemplate tx;

    CannedReplies(JdbcClient jdbc, CaseDetailsRule rule, Clock clock, ContactMessages contactMessages, TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.rule = rule;
        this.clock = clock;
        contactMessages.topics().forEach(t -> topics.add(t.code()));
        topics.add(SECURE);
        topics.add(OFFICE_MAIL);
        this.tx = tx;
    }

    /** Once every bean is made (the schema is migrated by then). */
    @Override
    public void afterSingletonsInstantiated() {
        tx.executeWithoutResult(status -> seedOnce());
    }

    public Set<String> topics() {
        return Set.copyOf(topics);
    }

    /** The replies for a topic and language (either may be null: all), by topic and title. */
    public List<Reply> list(String topic, String language) {
        return jdbc.sql("""
                        select id, topic, language, title, body, updated_by, updated_at from canned_reply
                        where (cast(? as text) is null or topic = ?) and (cast(? as text) is null or language = ?)
                        order by topic, language, title""")
                .params(topic, topic, language, language).query(CannedReplies::reply).list();
    }

    public Optional<Reply> find(UUID id) {
        return jdbc.sql("select id, topic, language, title, body, updated_by, updated_at from canned_reply where id = ?")
                .param(id).query(CannedReplies::reply).optional();
    }

    public Reply create(Draft draft, String by) {
        check(draft);
        UUID id = UUID.randomUUID();
        try {
            jdbc.sql("insert into canned_reply (id, topic, language, title, body, updated_by, updated_at) values (?, ?, ?, ?, ?, ?, ?)")
                    .params(id, draft.topic(), draft.language(), draft.title().strip(), draft.body().strip(), by, Timestamp.from(clock.instant()))
                    .update();
        } catch (DuplicateKeyException e) {
            throw duplicate(draft);
        }
        return find(id).orElseThrow();
    }

    public Reply update(UUID id, Draft draft, String by) {
        check(draft);
        int changed;
        try {
            changed = jdbc.sql("update canned_reply set topic = ?, language = ?, title = ?, body = ?, updated_by = ?, updated_at = ? where id = ?")
                    .params(draft.topic(), draft.language(), draft.title().strip(), draft.body().strip(), by, Timestamp.from(clock.instant()), id)
                    .update();
        } catch (DuplicateKeyException e) {
            throw duplicate(draft);
        }
        if (changed == 0) {
            throw new ContactMessages.Refused(404, "no-reply", "No saved reply " + id + ".", List.of());
        }
        return find(id).orElseThrow();
    }

    public void delete(UUID id) {
        if (jdbc.sql("delete from canned_reply where id = ?").param(id).update() == 0) {
            throw new ContactMessages.Refused(404, "no-reply", "No saved reply " + id + ".", List.of());
        }
    }

    private void check(Draft draft) {
        List<ContactMessages.Problem> problems = new ArrayList<>();
        if (draft.topic() == null || !topics.contains(draft.topic())) {
            problems.add(new ContactMessages.Problem("topic", "topic", "topic is one of " + String.join(", ", topics) + "."));
        }
        if (!"en".equals(draft.language()) && !"es".equals(draft.language())) {
            problems.add(new ContactMessages.Problem("language", "language", "language is en or es."));
        }
        if (draft.title() == null || draft.title().isBlank() || draft.title().strip().length() > MAX_TITLE) {
            problems.add(new ContactMessages.Problem("title", "title", "Give a title of at most " + MAX_TITLE + " characters."));
        }
        if (draft.body() == null || draft.body().isBlank() || draft.body().strip().length() > MAX_BODY) {
            problems.add(new ContactMessages.Problem("body", "body", "Write the reply (at most " + MAX_BODY + " characters)."));
        } else if (!SECURE.equals(draft.topic())) {
            rule.firstIn(draft.body()).ifPresent(found -> problems.add(new ContactMessages.Problem("body", "case-details",
                    "This reply goes by plain mail and holds a " + found.kind() + " (\"" + found.text() + "\"): saved replies for "
                            + draft.topic() + " may not hold case details.")));
        }
        if (!problems.isEmpty()) {
            throw new ContactMessages.Refused(422, problems.stream().anyMatch(p -> p.code().equals("case-details")) ? "case-details" : "invalid",
                    problems.size() == 1 ? problems.getFirst().message() : "Please check the reply.", problems);
        }
    }

    private static ContactMessages.Refused duplicate(Draft draft) {
        return new ContactMessages.Refused(409, "duplicate", "There is already a saved reply \"" + draft.title().strip() + "\" for "
                + draft.topic() + " in " + draft.language() + ".", List.of());
    }

    /** The defaults, the first time: checked like any administrator's, so a default that breaks the rule stops the start. */
    private void seedOnce() {
        if (jdbc.sql("select count(*) from canned_reply").query(Integer.class).single() > 0) {
            return;
        }
        JsonNode file;
        try (InputStream in = new ClassPathResource("messaging/canned-replies.yaml").getInputStream()) {
            file = new YAMLMapper().readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException("messaging/canned-replies.yaml cannot be read", e);
        }
        for (JsonNode reply : file.path("replies")) {
            for (String language : List.of("en", "es")) {
                JsonNode text = reply.path(language);
                if (text.isMissingNode()) {
                    throw new IllegalStateException("messaging/canned-replies.yaml: " + reply.path("topic").asString() + " has no " + language);
                }
                Draft draft = new Draft(reply.path("topic").asString(), language, text.path("title").asString(), text.path("body").asString());
                try {
                    check(draft);
                } catch (ContactMessages.Refused e) {
                    throw new IllegalStateException("messaging/canned-replies.yaml: " + e.getMessage());
                }
                jdbc.sql("""
                                insert into canned_reply (id, topic, language, title, body, updated_by, updated_at) values (?, ?, ?, ?, ?, 'defaults', ?)
                                on conflict do nothing""")
                        .params(UUID.randomUUID(), draft.topic(), language, draft.title(), draft.body(), Timestamp.from(clock.instant())).update();
            }
        }
    }

    private static Reply reply(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new Reply(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                rs.getTimestamp(7).toInstant());
    }
}
