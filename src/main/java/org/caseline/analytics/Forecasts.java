package org.caseline.analytics;

import java.sql.Timestamp;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.caseline.platform.FederalHolidays;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Contacts per interval for the days ahead, from history: for each weekday and time of day, a
 * weighted average of the same interval in the past {@value #WEEKS} weeks, the most recent
 * weighing most (8, 7, … 1). Federal holidays are closed days: a past holiday is left out of the
 * average, a coming one is forecast at zero. Handle time is averaged the same way, weighted by
 * the contacts handled. The method's error is measured by forecasting the last complete weeks
 * from the weeks before them ({@link #heldOut}).
 */
@Component
public class Forecasts {

    static final int WEEKS = 8;

    /** One interval ahead: when it starts, the contacts expected, and their handle time (null when none were handled). */
    public record Slot(ZonedDateTime start, double contacts, Double handleSeconds) {
    }

    /** How wrong the method was on weeks it did not see: weighted absolute percentage error over their intervals. */
    public record Accuracy(int weeks, double wape, long actualContacts) {
    }

    private record Sums(double contacts, double handledSeconds, double handled) {
    }

    private final JdbcClient jdbc;

    Forecasts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Forecast of the contacts a report filter selects, for {@code days} days from {@code first}, in intervals of {@code minutes}. */
    public List<Slot> forecast(Reports.Filter filter, LocalDate first, int days, int minutes, ZoneId zone) {
        check(minutes);
        Map<LocalDateTime, Sums> history = history(filter, first.minusWeeks(WEEKS), first, minutes, zone);
        List<Slot> slots = new ArrayList<>();
        for (int d = 0; d < days; d++) {
            LocalDate day = first.plusDays(d);
            for (LocalTime t = LocalTime.MIDNIGHT; ; t = t.plusMinutes(minutes)) {
                slots.add(predict(history, day, t, zone));
                if (t.plusMinutes(minutes).equals(LocalTime.MIDNIGHT)) {
                    break;
                }
            }
        }
        return slots;
    }

    private static Slot predict(Map<LocalDateTime, Sums> history, LocalDate day, LocalTime time, ZoneId zone) {
        ZonedDateTime start = day.atTime(time).atZone(zone);
        if (FederalHolidays.isHoliday(day)) {
            return new Slot(start, 0, null);
        }
        double weights = 0, contacts = 0, handledSeconds = 0, handled = 0;
        for (int w = 1; w <= WEEKS; w++) {
            LocalDate past = day.minusWeeks(w);
            if (FederalHolidays.isHoliday(past)) {
                continue;
            }
            double weight = WEEKS + 1 - w;
            Sums s = history.getOrDefault(past.atTime(time), new Sums(0, 0, 0));
            weights += weight;
            contacts += weight * s.contacts();
            handledSeconds += weight * s.handledSeconds();
            handled += weight * s.handled();
        }
        return new Slot(start, weights == 0 ? 0 : contacts / weights, handled == 0 ? null : handledSeconds / handled);
    }

    /**
     * The method's error on the last {@code weeks} complete weeks before {@code today}: each week
     * forecast from the {@value #WEEKS} weeks before it and compared interval by interval.
     */
    public Accuracy heldOut(Reports.Filter filter, LocalDate today, int weeks, int minutes, ZoneId zone) {
        check(minutes);
        LocalDate lastMonday = today.with(DayOfWeek.MONDAY).minusWeeks(1);
        double error = 0, actual = 0;
        for (int w = 0; w < weeks; w++) {
            LocalDate monday = lastMonday.minusWeeks(w);
            Map<LocalDateTime, Sums> truth = history(filter, monday, monday.plusWeeks(1), minutes, zone);
            for (Slot slot : forecast(filter, monday, 7, minutes, zone)) {
                double real = truth.getOrDefault(slot.start().toLocalDateTime(), new Sums(0, 0, 0)).contacts();
                error += Math.abs(slot.contacts() - real);
                actual += real;
            }
        }
        return new Accuracy(weeks, actual == 0 ? 0 : error / actual, Math.round(actual));
    }

    /** Contacts and handling per local interval start in [from, to): offered to people, or IVR calls when a line alone is asked for. */
    private Map<LocalDateTime, Sums> history(Reports.Filter filter, LocalDate from, LocalDate to, int minutes, ZoneId zone) {
        Instant start = from.atStartOfDay(zone).toInstant();
        Instant end = to.atStartOfDay(zone).toInstant();
        StringBuilder where = new StringBuilder(" from analytics_interval where interval_start >= :from and interval_start < :to");
        Map<String, Object> params = new HashMap<>();
        params.put("from", Timestamp.from(start));
        params.put("to", Timestamp.from(end));
        params.put("zone", zone.getId());
        params.put("minutes", minutes);
        Reports.select(where, params, filter);
        Map<LocalDateTime, Sums> sums = new HashMap<>();
        // local time, binned: the intervals of a day are its wall-clock slots (on the night clocks go back, 1:00–2:00 adds up twice)
        jdbc.sql("select date_bin(make_interval(mins => :minutes), interval_start at time zone :zone, timestamp '2000-01-01'),"
                        + " sum(offered), sum(talk_seconds + wrap_seconds), sum(handled)" + where + " group by 1")
                .params(params)
                .query(rs -> {
                    sums.put(rs.getObject(1, LocalDateTime.class), new Sums(rs.getLong(2), rs.getLong(3), rs.getLong(4)));
                });
        return sums;
    }

    private static void check(int minutes) {
        if (minutes != 15 && minutes != 30 && minutes != 60) {
            throw new Reports.InvalidReportException("intervalMinutes must be 15, 30 or 60");
        }
    }
}
