package org.caseline.assistant;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Every turn of every conversation with the assistant ({@code assistant_turn}): what was asked,
 * with receipt numbers masked, what the assistant made of it and how sure it was, and whether the
 * visitor found it helpful. What it could not answer, most asked first, is what to write next.
 */
@Component
public class AssistantTurns {

    /** A question the assistant could not answer, how often it was asked (as written, in lower case), and when last. */
    public record Unanswered(String question, String language, int times, Instant last) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    AssistantTurns(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    UUID record(UUID chat, String language, String maskedQuestion, Assistant.Intent intent, String article, double confidence) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        insert into assistant_turn (id, at, chat, language, question, intent, article, confidence)
                        values (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, Timestamp.from(clock.instant()), chat, language, maskedQuestion, intent.json(), article, confidence)
                .update();
        return id;
    }

    /** The visitor says whether the answer helped; false when there is no such turn. */
    public boolean feedback(UUID turn, boolean helpful) {
        return jdbc.sql("update assistant_turn set helpful = ? where id = ?").params(helpful, turn).update() == 1;
    }

    /** The questions asked since {@code since} that got no answer, most frequent first. */
    public List<Unanswered> unanswered(Instant since, int limit) {
        return jdbc.sql("""
                        select lower(question), language, count(*), max(at) from assistant_turn
                        where intent = 'fallback' and at >= ?
                        group by lower(question), language order by count(*) desc, max(at) desc limit ?""")
                .params(Timestamp.from(since), Math.max(1, Math.min(limit, 500)))
                .query((rs, n) -> new Unanswered(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getTimestamp(4).toInstant()))
                .list();
    }
}
