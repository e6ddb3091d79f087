package org.caseline.analytics;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;

import org.caseline.ivr.CallEnded;
import org.caseline.ivr.Lines;
import org.caseline.platform.FederalHolidays;
import org.caseline.routing.InteractionFinished;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A year of contact history for the demo, so that the reports, the forecast and the best time to
 * call show something on first start. Deterministic (the demo seed): the same every time.
 *
 * <p>The patterns: Mondays busiest and weekends quiet, mornings busier than evenings, federal
 * holidays closed to live help; most callers served by the IVR, a third asking for a person; a
 * wait that is shortest early in the day and early in the week, as the agency staffs for its
 * Monday peak (which is why it tells callers to call then), and callers who give up more the
 * longer they wait. Facts only: the calls have no recordings behind them, and a rebuild of a
 * demo period leaves it empty.
 */
@Component
@ConditionalOnBooleanProperty(name = "caseline.demo.enabled", matchIfMissing = true)
class DemoHistory implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoHistory.class);

    /** Share of the calls each line carries, by position in the configured lines; the rest share what is left. */
    private static final double[] LINE_SHARE = {0.80, 0.02, 0.08, 0.10};
    private static final double[] WEEKDAY = {1.35, 1.10, 1.00, 0.95, 0.85, 0.30, 0.22}; // Monday first
    /** Wait multiplier by weekday: short at the start of the week, long at its end. */
    private static final double[] WEEKDAY_WAIT = {0.6, 0.8, 1.1, 1.5, 1.7, 1, 1};
    private static final String[] EXITS = {"main:main-menu 0", "main:case-status-menu 0", "main:after-info 0",
            "main:more-menu 0", "main:offices-menu 0"};
    private static final double[] EXIT_WEIGHT = {0.40, 0.25, 0.20, 0.10, 0.05};

    private final ContactFacts facts;
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Lines lines;
    private final Clock clock;
    private final boolean enabled;
    private final int callsPerYear;
    private final long seed;

    DemoHistory(ContactFacts facts, JdbcClient jdbc, TransactionTemplate tx, Lines lines, Clock clock,
                @Value("${caseline.demo.history.enabled:true}") boolean enabled,
                @Value("${caseline.demo.history.calls-per-year:250000}") int callsPerYear,
                @Value("${caseline.demo.seed:20261128}") long seed) {
        this.facts = facts;
        this.jdbc = jdbc;
        this.tx = tx;
        this.lines = lines;
        this.clock = clock;
        this.enabled = enabled;
        this.callsPerYear = callsPerYear;
        this.seed = seed;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!enabled || callsPerYear <= 0 || lines.lines().isEmpty()
                || jdbc.sql("select exists (select 1 from analytics_call where call_id like 'demo-%')").query(Boolean.class).single()) {
            return;
        }
        ZoneId zone = lines.reportingZone();
        LocalDate last = clock.instant().atZone(zone).toLocalDate().minusDays(1);
        LocalDate first = last.minusDays(364);
        long started = System.nanoTime();
        int calls = generate(first, last);
        log.info("Demo history: {} calls from {} to {} in {} ms", calls, first, last, (System.nanoTime() - started) / 1_000_000);
    }

    /** Generates [first, last] a month at a time, each in one transaction with the aggregates recomputed once. */
    int generate(LocalDate first, LocalDate last) {
        SplittableRandom random = new SplittableRandom(seed);
        double perDay = callsPerYear / 365.0 / average(WEEKDAY);
        int total = 0;
        for (LocalDate month = first; !month.isAfter(last); month = month.plusMonths(1)) {
            LocalDate from = month;
            LocalDate to = month.plusMonths(1).isAfter(last) ? last.plusDays(1) : month.plusMonths(1);
            List<CallEnded> calls = new ArrayList<>();
            List<InteractionFinished> contacts = new ArrayList<>();
            for (LocalDate day = from; day.isBefore(to); day = day.plusDays(1)) {
                day(day, perDay, random, calls, contacts);
            }
            ZoneId zone = lines.reportingZone();
            Instant start = from.atStartOfDay(zone).minusHours(12).toInstant();
            Instant end = to.atStartOfDay(zone).plusHours(12).toInstant();
            tx.executeWithoutResult(status -> {
                jdbc.sql("select set_config('caseline.analytics_bulk', 'on', true)").query(String.class).single();
                facts.recordAll(calls, contacts);
                facts.reaggregate(start, end);
            });
            total += calls.size();
        }
        return total;
    }

    private void day(LocalDate day, double perDay, SplittableRandom random, List<CallEnded> calls,
                     List<InteractionFinished> contacts) {
        int dow = day.getDayOfWeek().getValue() - 1;
        boolean holiday = FederalHolidays.isHoliday(day);
        // a gentle yearly swing: more in late winter and spring (filing season), fewer in December
        double season = 1 + 0.12 * Math.cos(2 * Math.PI * (day.getDayOfYear() - 90) / 365.0);
        double expected = perDay * WEEKDAY[dow] * season * (holiday ? 0.35 : 1);
        int count = poisson(expected, random);
        List<Lines.Line> all = lines.lines();
        for (int c = 0; c < count; c++) {
            Lines.Line line = all.get(pick(random, LINE_SHARE, all.size()));
            ZoneId zone = ZoneId.of(line.timeZone());
            ZonedDateTime at = day.atStartOfDay(zone).plusSeconds((long) (timeOfDay(random) * 86_400));
            String language = random.nextDouble() < (line.flow().equals("main") ? 0.28 : 0.12) ? "es" : "en";
            call(line, at, language, random, calls, contacts);
        }
    }

    private void call(Lines.Line line, ZonedDateTime at, String language, SplittableRandom random, List<CallEnded> calls,
                      List<InteractionFinished> contacts) {
        Instant start = at.toInstant();
        boolean open = line.openAt(start);
        double roll = random.nextDouble();
        String outcome;
        if (!open) {
            outcome = roll < 0.82 ? "SELF_SERVICE" : "ABANDONED";
        } else {
            outcome = roll < 0.55 ? "SELF_SERVICE" : roll < 0.88 ? "TRANSFERRED" : roll < 0.92 ? "CALLBACK_REQUESTED" : "ABANDONED";
        }
        long ivrSeconds = 40 + (long) (random.nextDouble() * 200);
        String exit = outcome.equals("TRANSFERRED") || outcome.equals("CALLBACK_REQUESTED")
                ? EXITS[pick(random, EXIT_WEIGHT, EXITS.length)] : null;
        // callers come back: about one in six calls is from a number that called in the days before
        String caller = "demo-caller-" + random.nextInt(Math.max(1, callsPerYear / 8));
        String id = "demo-" + new UUID(random.nextLong(), random.nextLong());
        Instant leftIvr = start.plusSeconds(ivrSeconds);
        calls.add(new CallEnded(id, line.number(), language, start, leftIvr, outcome, outcome.equals("SELF_SERVICE") ? "case status" : null,
                exit, caller));
        String queue = line.queue() + "-" + language;
        if (outcome.equals("TRANSFERRED")) {
            contacts.add(contact(queue, "VOICE", line, language, id, leftIvr, at, random, 240));
        } else if (outcome.equals("CALLBACK_REQUESTED")) {
            contacts.add(contact(queue, "CALLBACK", line, language, null, leftIvr.plus(Duration.ofMinutes(20)), at, random, 1e9));
        }
    }

    /** A contact waiting for a person: its wait depends on the day and hour, its patience is its own. */
    private InteractionFinished contact(String queue, String channel, Lines.Line line, String language, String callId, Instant entered,
                                        ZonedDateTime local, SplittableRandom random, double meanPatience) {
        int dow = local.getDayOfWeek().getValue() - 1;
        int hour = local.getHour();
        double hourWait = hour < 10 ? 0.5 : hour < 12 ? 0.9 : hour < 15 ? 1.2 : hour < 18 ? 1.5 : 1.1;
        double meanWait = 150 * WEEKDAY_WAIT[dow] * hourWait;
        double wait = exponential(random, meanWait);
        double patience = exponential(random, meanPatience);
        if (patience < wait) {
            return new InteractionFinished(new UUID(random.nextLong(), random.nextLong()), channel, queue, language, line.number(), callId,
                    null, "ABANDONED", entered, null, entered.plusSeconds((long) patience), null, null, null);
        }
        Instant answered = entered.plusSeconds((long) wait);
        double talk = 120 + exponential(random, 300);
        Instant ended = answered.plusSeconds((long) talk);
        String agent = "demo-agent-" + (1 + random.nextInt(60));
        return new InteractionFinished(new UUID(random.nextLong(), random.nextLong()), channel, queue, language, line.number(), callId,
                agent, "ENDED", entered, answered, ended, ended.plusSeconds(20 + random.nextInt(25)), "answered", null);
    }

    /** Time of day as a fraction: few at night, a morning peak, a long afternoon, a quieter evening. */
    private static double timeOfDay(SplittableRandom random) {
        while (true) {
            double t = random.nextDouble();
            double hour = t * 24;
            double density = hour < 6 ? 0.05 : hour < 8 ? 0.25 : hour < 12 ? 1.0 : hour < 17 ? 0.8 : hour < 21 ? 0.45 : 0.12;
            if (random.nextDouble() < density) {
                return t;
            }
        }
    }

    private static int pick(SplittableRandom random, double[] weights, int size) {
        double total = 0;
        for (int i = 0; i < size; i++) {
            total += i < weights.length ? weights[i] : 0.01;
        }
        double r = random.nextDouble() * total;
        for (int i = 0; i < size; i++) {
            r -= i < weights.length ? weights[i] : 0.01;
            if (r < 0) {
                return i;
            }
        }
        return size - 1;
    }

    private static int poisson(double mean, SplittableRandom random) {
        // normal approximation: the daily counts are in the hundreds
        return Math.max(0, (int) Math.round(mean + Math.sqrt(mean) * gaussian(random)));
    }

    private static double gaussian(SplittableRandom random) {
        return Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
    }

    private static double exponential(SplittableRandom random, double mean) {
        return -Math.log(1 - random.nextDouble()) * mean;
    }

    private static double average(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }
}
