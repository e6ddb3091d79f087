package org.caseline.servicerequests;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.function.Consumer;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Service requests as filed and answered, read back from their records: for rebuilding reports. No requester, no case. */
@Component
public class ServiceRequestHistory {

    /** One request: when it was filed, when it was due (after any pause), and when it was answered (null: not yet). */
    public record Filed(String reference, String type, String office, Channel channel, Instant filedAt, LocalDate dueDate,
                        Instant answeredAt) {
    }

    private final JdbcClient jdbc;

    ServiceRequestHistory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Every request filed in [from, to), oldest first. */
    public void filedBetween(Instant from, Instant to, Consumer<Filed> each) {
        jdbc.sql("""
                        select reference, type, office_code, channel, filed_at, due_date, case when outcome is not null then closed_at end
                        from service_request where filed_at >= ? and filed_at < ? order by filed_at""")
                .params(Timestamp.from(from), Timestamp.from(to))
                .query(rs -> {
                    Timestamp answered = rs.getTimestamp(7);
                    each.accept(new Filed(rs.getString(1), rs.getString(2), rs.getString(3), Channel.valueOf(rs.getString(4)),
                            rs.getTimestamp(5).toInstant(), rs.getObject(6, LocalDate.class),
                            answered == null ? null : answered.toInstant()));
                });
    }
}
