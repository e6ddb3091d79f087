package org.caseline.platform.web;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The events between modules that are not delivered yet (Spring Modulith's event publication
 * registry): for administrators, after a crash or while a listener keeps failing. The events'
 * contents are not shown: they can carry a caller's phone number.
 */
@RestController
class EventPublicationsApi {

    private final JdbcClient jdbc;

    EventPublicationsApi(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** One undelivered event: its type, the listener waiting for it, since when, how often tried. */
    record Incomplete(UUID id, String event, String listener, Instant publishedAt, String status, int attempts,
                      Instant lastResubmittedAt) {
    }

    @GetMapping("/api/event-publications/incomplete")
    List<Incomplete> incomplete() {
        return jdbc.sql("""
                        select id, event_type, listener_id, publication_date, status, completion_attempts, last_resubmission_date
                        from event_publication where completion_date is null order by publication_date""")
                .query((rs, n) -> new Incomplete(rs.getObject("id", UUID.class),
                        simpleName(rs.getString("event_type")), rs.getString("listener_id"),
                        rs.getTimestamp("publication_date").toInstant(), rs.getString("status"),
                        rs.getInt("completion_attempts"),
                        rs.getTimestamp("last_resubmission_date") == null ? null : rs.getTimestamp("last_resubmission_date").toInstant()))
                .list();
    }

    private static String simpleName(String type) {
        return type.substring(type.lastIndexOf('.') + 1);
    }
}
