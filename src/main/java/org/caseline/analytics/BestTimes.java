package org.caseline.analytics;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.caseline.ivr.BestTimeToCall;
import org.caseline.ivr.Lines;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The best time to call, from the last {@value #WEEKS} weeks of our own calls: the average wait
 * of answered calls on a line, in a language, by weekday and hour of live help in the line's zone.
 * An hour with fewer than {@value #FEWEST} answered calls says too little and is left out.
 * Told on the public site and, on a long wait, to the caller (the IVR asks {@link #fastest});
 * kept for a few minutes, as it changes by the week.
 */
@Component
public class BestTimes implements BestTimeToCall {

    static final int WEEKS = 8;
    static final int FEWEST = 5;
    private static final Duration KEPT = Duration.ofMinutes(10);

    /** One hour of one weekday: the average wait there, and how many calls it is based on. */
    public record Hour(DayOfWeek day, int hour, long expectedWaitSeconds, long calls) {
    }

    public record Answer(String line, String language, String timeZone, List<Hour> best, List<Hour> worst, int basedOnWeeks,
                         List<Hour> hours) {
    }

    public static class UnknownLineException extends RuntimeException {
        public UnknownLineException(String message) {
            super(message);
        }
    }

    private record Kept(Answer answer, Instant at) {
    }

    private final JdbcClient jdbc;
    private final Lines lines;
    private final Clock clock;
    private final ConcurrentHashMap<String, Kept> kept = new ConcurrentHashMap<>();

    BestTimes(JdbcClient jdbc, Lines lines, Clock clock) {
        this.jdbc = jdbc;
        this.lines = lines;
        this.clock = clock;
    }

    @Override
    public Optional<Fastest> fastest(String lineNumber, String language) {
        try {
            return answer(lineNumber, language).best().stream().findFirst().map(h -> new Fastest(h.day(), h.hour()));
        } catch (RuntimeException e) {
            return Optional.empty(); // a caller waiting is never troubled by the reports
        }
    }

    public Answer answer(String lineNumber, String language) {
        Lines.Line line = lines.byNumber(lineNumber == null ? "" : lineNumber.strip())
                .orElseThrow(() -> new UnknownLineException("No line has the number " + lineNumber));
        if (!"en".equals(language) && !"es".equals(language)) {
            throw new Reports.InvalidReportException("language must be en or es");
        }
        Instant now = clock.instant();
        Kept k = kept.get(line.number() + "/" + language);
        if (k != null && k.at().isAfter(now.minus(KEPT)) && !k.at().isAfter(now)) {
            return k.answer();
        }
        Answer answer = compute(line, language, now);
        kept.put(line.number() + "/" + language, new Kept(answer, now));
        return answer;
    }

    private Answer compute(Lines.Line line, String language, Instant now) {
        ZoneId zone = ZoneId.of(line.timeZone());
        Instant from = now.minus(Duration.ofDays(7L * WEEKS));
        List<Hour> hours = new ArrayList<>();
        jdbc.sql("""
                        select extract(isodow from interval_start at time zone :zone)::int,
                               extract(hour from interval_start at time zone :zone)::int,
                               sum(wait_seconds), sum(answered)
                        from analytics_interval
                        where interval_start >= :from and interval_start < :to and line = :line and language = :language
                          and channel = 'VOICE' and agent = '' and queue <> ''
                        group by 1, 2 having sum(answered) >= :fewest""")
                .param("zone", zone.getId()).param("from", Timestamp.from(from)).param("to", Timestamp.from(now))
                .param("line", line.number()).param("language", language).param("fewest", FEWEST)
                .query(rs -> {
                    DayOfWeek day = DayOfWeek.of(rs.getInt(1));
                    int hour = rs.getInt(2);
                    // only the hours people answer the line: a call that waited past closing is not a time to call
                    if (line.days().contains(day) && !LocalTime.of(hour, 0).isBefore(line.opens().withMinute(0))
                            && LocalTime.of(hour, 0).isBefore(line.closes())) {
                        hours.add(new Hour(day, hour, Math.round((double) rs.getLong(3) / rs.getLong(4)), rs.getLong(4)));
                    }
                });
        Integer weeks = jdbc.sql("""
                        select count(distinct date_trunc('week', interval_start at time zone :zone))::int from analytics_interval
                        where interval_start >= :from and interval_start < :to and line = :line and language = :language
                          and channel = 'VOICE' and agent = '' and answered > 0""")
                .param("zone", zone.getId()).param("from", Timestamp.from(from)).param("to", Timestamp.from(now))
                .param("line", line.number()).param("language", language).query(Integer.class).single();
        hours.sort(Comparator.comparing(Hour::day).thenComparingInt(Hour::hour));
        Comparator<Hour> fastestFirst = Comparator.comparingLong(Hour::expectedWaitSeconds).thenComparing(Hour::day)
                .thenComparingInt(Hour::hour);
        List<Hour> best = hours.stream().sorted(fastestFirst).limit(3).toList();
        List<Hour> worst = hours.stream().sorted(fastestFirst.reversed()).limit(3).toList();
        return new Answer(line.number(), language, line.timeZone(), best, worst, Math.min(WEEKS, weeks), hours);
    }
}
