package org.caseline.routing;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Consumer;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Interactions whose record is complete, told as {@link InteractionFinished}: as they finish
 * (from the transaction that finished them, so the event publication registry keeps the event
 * with the change), and read back from the records for a rebuild of the reports.
 */
@Component
public class FinishedInteractions {

    private static final String COLUMNS = """
            id, channel, queue, language, coalesce(attributes ->> 'line', '') as line, call_id, agent, state, entered_at,
            answered_at, ended_at, wrapped_at, disposition, answer_by""";

    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate tx;

    FinishedInteractions(JdbcClient jdbc, ApplicationEventPublisher events, TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.events = events;
        this.tx = tx;
    }

    /** Tells of {@code id} as it stands, if it has finished. */
    void publish(UUID id) {
        Runnable publish = () -> jdbc.sql("select " + COLUMNS + " from routing_interaction where id = ? and state in ('ENDED', 'WRAP_UP', 'ABANDONED', 'OVERFLOWED')")
                .param(id).query(FinishedInteractions::row).optional().ifPresent(events::publishEvent);
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            publish.run();
        } else {
            tx.executeWithoutResult(status -> publish.run());
        }
    }

    /** Every interaction that entered in [from, to) and has finished, oldest first. */
    public void between(Instant from, Instant to, Consumer<InteractionFinished> each) {
        jdbc.sql("select " + COLUMNS + " " + """
                         from routing_interaction where entered_at >= ? and entered_at < ?
                         and state in ('ENDED', 'WRAP_UP', 'ABANDONED', 'OVERFLOWED') order by entered_at""")
                .params(Timestamp.from(from), Timestamp.from(to))
                .query(rs -> {
                    each.accept(row(rs, 0));
                });
    }

    private static InteractionFinished row(ResultSet rs, int n) throws SQLException {
        return new InteractionFinished(rs.getObject("id", UUID.class), rs.getString("channel"), rs.getString("queue"),
                rs.getString("language"), rs.getString("line"), rs.getString("call_id"), rs.getString("agent"),
                rs.getString("state"), instant(rs, "entered_at"), instant(rs, "answered_at"), instant(rs, "ended_at"),
                instant(rs, "wrapped_at"), rs.getString("disposition"), instant(rs, "answer_by"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
