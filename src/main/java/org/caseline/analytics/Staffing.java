package org.caseline.analytics;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;

import org.caseline.routing.Router;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The agents each interval needs: forecast contacts and handle time, through Erlang C, or Erlang
 * A where history shows how long callers wait before giving up, then grossed up for shrinkage
 * (breaks, training, meetings: time paid but not on the phones).
 */
@Component
public class Staffing {

    /** A service-level goal: {@code serviceLevel} of contacts answered within {@code targetSeconds}. */
    public record Goal(double targetSeconds, double serviceLevel, double shrinkage) {

        public Goal {
            if (!(targetSeconds > 0 && targetSeconds <= 3600)) {
                throw new InvalidStaffingException("targetSeconds must be between 1 and 3600");
            }
            if (!(serviceLevel > 0 && serviceLevel < 1)) {
                throw new InvalidStaffingException("serviceLevel must be between 0 and 1, for example 0.8");
            }
            if (!(shrinkage >= 0 && shrinkage < 1)) {
                throw new InvalidStaffingException("shrinkage must be at least 0 and below 1, for example 0.3");
            }
        }
    }

    /** What one interval needs: agents on the phones, and scheduled (with shrinkage), with what they achieve. */
    public record Need(ZonedDateTime start, double contacts, double handleSeconds, int agents, int scheduled,
                       double serviceLevel, double averageSpeedOfAnswerSeconds, double occupancy) {
    }

    public record Plan(Reports.Filter filter, LocalDate day, int intervalMinutes, Goal goal, String model, Double patienceSeconds,
                       double defaultHandleSeconds, Integer signedInNow, Forecasts.Accuracy heldOut, List<Need> intervals) {
    }

    public static class InvalidStaffingException extends RuntimeException {
        public InvalidStaffingException(String message) {
            super(message);
        }
    }

    /** Below this many abandons in the history, patience is not known well enough for Erlang A. */
    static final int ABANDONS_FOR_PATIENCE = 30;
    static final double DEFAULT_HANDLE_SECONDS = 300;

    private final Forecasts forecasts;
    private final JdbcClient jdbc;
    private final Router router;

    Staffing(Forecasts forecasts, JdbcClient jdbc, Router router) {
        this.forecasts = forecasts;
        this.jdbc = jdbc;
        this.router = router;
    }

    /** What {@code contacts} of {@code handleSeconds} in an interval of {@code intervalMinutes} need (the calculator). */
    public static Erlang.Result required(double contacts, int intervalMinutes, double handleSeconds, Goal goal, Double patienceSeconds) {
        if (!(contacts >= 0 && contacts <= 100_000)) {
            throw new InvalidStaffingException("contacts must be between 0 and 100000");
        }
        if (!(intervalMinutes >= 5 && intervalMinutes <= 120)) {
            throw new InvalidStaffingException("intervalMinutes must be between 5 and 120");
        }
        if (!(handleSeconds >= 1 && handleSeconds <= 14_400)) {
            throw new InvalidStaffingException("handleSeconds must be between 1 and 14400");
        }
        if (patienceSeconds != null && !(patienceSeconds >= 1 && patienceSeconds <= 86_400)) {
            throw new InvalidStaffingException("patienceSeconds must be between 1 and 86400");
        }
        if (contacts == 0) {
            return new Erlang.Result(0, 1, 0, 0, 0, 0);
        }
        double traffic = Erlang.traffic(contacts, intervalMinutes * 60.0, handleSeconds);
        if (traffic > Erlang.MAX_AGENTS / 2.0) {
            throw new InvalidStaffingException("That is more than " + Erlang.MAX_AGENTS / 2 + " erlangs: split the center into queues");
        }
        return Erlang.required(traffic, handleSeconds, goal.targetSeconds(), goal.serviceLevel(), patienceSeconds);
    }

    /** Agents to schedule so that {@code onPhones} are on the phones after shrinkage. */
    public static int scheduled(int onPhones, double shrinkage) {
        return (int) Math.ceil(onPhones / (1 - shrinkage) - 1e-9);
    }

    /** The plan of one day: each interval's forecast and the agents it needs. */
    public Plan plan(Reports.Filter filter, LocalDate day, int minutes, ZoneId zone, Goal goal) {
        Double patience = patience(filter, day, zone);
        List<Forecasts.Slot> slots = forecasts.forecast(filter, day, 1, minutes, zone);
        double fallback = slots.stream().filter(s -> s.handleSeconds() != null).mapToDouble(Forecasts.Slot::handleSeconds)
                .average().orElse(DEFAULT_HANDLE_SECONDS);
        List<Need> needs = slots.stream().map(s -> {
            double handle = s.handleSeconds() == null ? fallback : s.handleSeconds();
            Erlang.Result r = required(s.contacts(), minutes, handle, goal, patience);
            return new Need(s.start(), s.contacts(), handle, r.agents(), scheduled(r.agents(), goal.shrinkage()), r.serviceLevel(),
                    r.averageSpeedOfAnswerSeconds(), r.occupancy());
        }).toList();
        Forecasts.Accuracy accuracy = forecasts.heldOut(filter, day, 2, minutes, zone);
        return new Plan(filter, day, minutes, goal, patience == null ? "erlang-c" : "erlang-a", patience, fallback,
                signedIn(filter), accuracy, needs);
    }

    /**
     * Average patience from the last weeks, by the usual estimate for exponential patience: all the
     * time contacts spent waiting (answered or not) over the number who gave up.
     */
    Double patience(Reports.Filter filter, LocalDate day, ZoneId zone) {
        StringBuilder where = new StringBuilder(" from analytics_interval where interval_start >= :from and interval_start < :to");
        Map<String, Object> params = new java.util.HashMap<>();
        params.put("from", Timestamp.from(day.minusWeeks(Forecasts.WEEKS).atStartOfDay(zone).toInstant()));
        params.put("to", Timestamp.from(day.atStartOfDay(zone).toInstant()));
        Reports.select(where, params, filter);
        return jdbc.sql("select coalesce(sum(abandoned), 0), coalesce(sum(wait_seconds + abandon_seconds), 0)" + where)
                .params(params)
                .query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2)}).list().stream()
                .filter(sums -> sums[0] >= ABANDONS_FOR_PATIENCE).map(sums -> (double) sums[1] / sums[0])
                .findFirst().orElse(null);
    }

    /** Agents signed in now: those who serve the queue asked for, or all. */
    private Integer signedIn(Reports.Filter filter) {
        if (filter.queue() == null) {
            return signedIn(router.agentsByState());
        }
        return router.figures().stream().filter(q -> q.id().equals(filter.queue())).findFirst()
                .map(q -> signedIn(q.agents())).orElse(null);
    }

    private static int signedIn(Map<String, Integer> byState) {
        return byState.entrySet().stream().filter(e -> !"OFFLINE".equals(e.getKey())).mapToInt(Map.Entry::getValue).sum();
    }
}
