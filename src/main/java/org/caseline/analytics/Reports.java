package org.caseline.analytics;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The figures supervisors read, from the 15-minute aggregates (never from raw facts): by interval,
 * hour, day or week in the reporting zone, filtered by line, queue, language and channel.
 *
 * <p>Definitions, each over the contacts that <em>arrived</em> in the bucket:
 * service level = answered within the threshold ÷ offered (a caller who gave up counts against it);
 * average speed of answer = wait of the answered ÷ answered; abandonment = abandoned ÷ offered;
 * average handle time = (talk + wrap-up) ÷ handled; IVR containment = calls finished in self-service
 * ÷ calls; first-contact resolution = calls after which the same number did not call again within
 * 7 days ÷ calls from a known number; callbacks kept = callbacks answered ÷ callbacks placed;
 * written contacts within promise = answered by their promised time ÷ written contacts finished;
 * service requests in time = answered by their due date ÷ answered (filed in the period).
 */
@Component
public class Reports {

    public enum By {
        INTERVAL, HOUR, DAY, WEEK;

        static By parse(String text) {
            try {
                return text == null || text.isBlank() ? DAY : valueOf(text.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new InvalidReportException("by must be one of interval, hour, day, week, not \"" + text + "\"");
            }
        }
    }

    /** What a report is about; null fields do not filter. Without an agent, the figures are everyone's. */
    public record Filter(String line, String queue, String language, String channel, String agent) {

        public Filter(String line, String queue, String language, String channel) {
            this(line, queue, language, channel, null);
        }
    }

    /** The sums of one bucket, and the figures read from them. */
    public record Counts(long calls, long selfService, long transferred, long callbackRequested, long ivrAbandoned,
                         long keyedCalls, long firstContact, long offered, long answered, long answeredInServiceLevel,
                         long abandoned, long overflowed, long waitSeconds, long talkSeconds, long wrapSeconds, long handled,
                         long escalated, long handedOn, long writtenDue, long writtenInPromise, long requestsFiled,
                         long requestsAnswered, long requestsInTime, long callbacksPlaced, long callbacksKept) {

        public Double serviceLevel() {
            return share(answeredInServiceLevel, offered);
        }

        public Double averageSpeedOfAnswerSeconds() {
            return share(waitSeconds, answered);
        }

        public Double abandonment() {
            return share(abandoned, offered);
        }

        public Double averageHandleSeconds() {
            return share(talkSeconds + wrapSeconds, handled);
        }

        public Double containment() {
            return share(selfService, calls);
        }

        public Double firstContactResolution() {
            return share(firstContact, keyedCalls);
        }

        public Double callbacksKeptShare() {
            return share(callbacksKept, callbacksPlaced);
        }

        public Double writtenWithinPromise() {
            return share(writtenInPromise, writtenDue);
        }

        /** Service requests answered within their business days, of those filed in the period and answered. */
        public Double requestsWithinBusinessDays() {
            return share(requestsInTime, requestsAnswered);
        }

        private static Double share(long part, long whole) {
            return whole == 0 ? null : (double) part / whole;
        }
    }

    /** One bucket: where it starts, as an instant and in the zone's local time. */
    public record Row(Instant start, LocalDateTime local, Counts counts) {
    }

    public record Exit(String exitPoint, long calls) {
    }

    public record Report(Instant from, Instant to, ZoneId zone, By by, Filter filter, List<Row> rows, Counts totals,
                         List<Exit> topExits) {
    }

    public static class InvalidReportException extends RuntimeException {
        public InvalidReportException(String message) {
            super(message);
        }
    }

    static final Set<String> CHANNELS = Set.of("VOICE", "CALLBACK", "CHAT", "MESSAGE", "REQUEST");
    static final Duration LONGEST = Duration.ofDays(400);

    private static final String SUMS = """
            sum(calls), sum(self_service), sum(transferred), sum(callback_requested), sum(ivr_abandoned), sum(keyed_calls),
            sum(first_contact), sum(offered), sum(answered), sum(answered_in_sl), sum(abandoned), sum(overflowed),
            sum(wait_seconds), sum(talk_seconds), sum(wrap_seconds), sum(handled), sum(escalated), sum(handed_on),
            sum(written_due), sum(written_in_promise), sum(requests_filed), sum(requests_answered), sum(requests_in_time),
            sum(offered) filter (where channel = 'CALLBACK'), sum(answered) filter (where channel = 'CALLBACK')""";

    private final JdbcClient jdbc;

    Reports(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Report report(Instant from, Instant to, ZoneId zone, String by, Filter filter) {
        if (from == null || to == null || !from.isBefore(to)) {
            throw new InvalidReportException("from must be before to");
        }
        if (Duration.between(from, to).compareTo(LONGEST) > 0) {
            throw new InvalidReportException("A report covers at most 400 days");
        }
        if (filter.channel() != null && !CHANNELS.contains(filter.channel())) {
            throw new InvalidReportException("channel must be one of " + String.join(", ", CHANNELS.stream().sorted().toList()));
        }
        By granularity = By.parse(by);
        String bucket = switch (granularity) {
            // quarter hours and hours are grouped as instants: on the night clocks go back, 1:15 happens twice
            case INTERVAL -> "interval_start";
            case HOUR -> "date_bin('1 hour', interval_start, timestamptz '2000-01-01 00:00:00+00')";
            case DAY -> "(date_trunc('day', interval_start at time zone :zone) at time zone :zone)";
            case WEEK -> "(date_trunc('week', interval_start at time zone :zone) at time zone :zone)";
        };
        StringBuilder where = new StringBuilder(" from analytics_interval where interval_start >= :from and interval_start < :to");
        var sql = new Object() {
            final java.util.Map<String, Object> params = new java.util.HashMap<>();
        };
        sql.params.put("from", Timestamp.from(from));
        sql.params.put("to", Timestamp.from(to));
        sql.params.put("zone", zone.getId());
        select(where, sql.params, filter);
        List<Row> rows = jdbc.sql("select " + bucket + " as bucket, " + SUMS + where + " group by 1 order by 1")
                .params(sql.params)
                .query((rs, n) -> {
                    Instant start = rs.getTimestamp(1).toInstant();
                    return new Row(start, LocalDateTime.ofInstant(start, zone), counts(rs, 2));
                }).list();
        Counts totals = jdbc.sql("select " + SUMS + where).params(sql.params).query((rs, n) -> counts(rs, 1)).single();

        StringBuilder exitWhere = new StringBuilder(" from analytics_exit where interval_start >= :from and interval_start < :to");
        filterBy(exitWhere, sql.params, "line", filter.line());
        filterBy(exitWhere, sql.params, "language", filter.language());
        List<Exit> exits = filter.queue() != null || (filter.channel() != null && !"VOICE".equals(filter.channel())) ? List.of()
                : jdbc.sql("select exit_point, sum(calls)" + exitWhere + " group by 1 order by 2 desc, 1 limit 10")
                .params(sql.params).query((rs, n) -> new Exit(rs.getString(1), rs.getLong(2))).list();
        return new Report(from, to, zone, granularity, filter, rows, totals, exits);
    }

    /** Narrows {@code where} to what {@code filter} selects. */
    static void select(StringBuilder where, java.util.Map<String, Object> params, Filter filter) {
        filterBy(where, params, "line", filter.line());
        filterBy(where, params, "queue", filter.queue());
        filterBy(where, params, "language", filter.language());
        filterBy(where, params, "channel", filter.channel());
        everyoneOr(where, params, filter.agent());
    }

    /** The rows of one agent, or those of everyone (never a sum over agents, which would count twice). */
    static void everyoneOr(StringBuilder where, java.util.Map<String, Object> params, String agent) {
        where.append(" and agent = :agent");
        params.put("agent", agent == null || agent.isBlank() ? "" : agent.strip());
    }

    static void filterBy(StringBuilder where, java.util.Map<String, Object> params, String column, String value) {
        if (value != null && !value.isBlank()) {
            where.append(" and ").append(column).append(" = :").append(column);
            params.put(column, value.strip());
        }
    }

    private static Counts counts(ResultSet rs, int first) throws SQLException {
        long[] v = new long[25];
        for (int i = 0; i < v.length; i++) {
            v[i] = rs.getLong(first + i);
        }
        return new Counts(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10], v[11], v[12], v[13], v[14],
                v[15], v[16], v[17], v[18], v[19], v[20], v[21], v[22], v[23], v[24]);
    }
}
