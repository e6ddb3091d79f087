package org.caseline.analytics;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import org.caseline.CaseLineApplication;
import org.caseline.ivr.CallEnded;
import org.caseline.routing.InteractionFinished;
import org.caseline.support.Http;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Not a test: the analytics benchmark ({@code bench/analytics.sh} runs it). On a node of its own,
 * writes a year of contact facts at the scale of the default deployment (14 million IVR calls,
 * a third handed to people), a month at a time in bulk, with the aggregates recomputed after each
 * month; then measures facts ingested one event at a time through the triggers (8 writers), and
 * a month's report over HTTP (by day and by quarter hour, and the supervisors' page): p50, p99.
 */
class AnalyticsBenchmark {

    static final long CALLS_PER_YEAR = Long.getLong("calls", 14_000_000L);
    static final String ZONE = "America/New_York";

    @Test
    void aYearAtScaleThenIngestAndReports() throws Exception {
        Path data = Files.createTempDirectory("analytics-bench");
        try (ConfigurableApplicationContext node = new SpringApplicationBuilder(CaseLineApplication.class).profiles("test")
                .run("--server.port=0", "--caseline.demo.cases=10", "--caseline.demo.history.enabled=false",
                        "--logging.level.org.caseline=WARN", "--caseline.database.embedded.data-dir=" + data.resolve("pg"),
                        "--caseline.database.embedded.clean=true", "--caseline.mail.embedded.smtp-port=0",
                        "--caseline.mail.embedded.imap-port=0")) {
            JdbcTemplate jdbc = node.getBean(JdbcTemplate.class);
            ContactFacts facts = node.getBean(ContactFacts.class);
            LocalDate first = LocalDate.of(2025, 12, 1);
            long started = System.nanoTime();
            for (LocalDate month = first; month.isBefore(first.plusYears(1)); month = month.plusMonths(1)) {
                long t0 = System.nanoTime();
                Instant from = month.atStartOfDay(ZoneId.of(ZONE)).toInstant();
                Instant to = month.plusMonths(1).atStartOfDay(ZoneId.of(ZONE)).toInstant();
                node.getBean(org.springframework.transaction.support.TransactionTemplate.class).executeWithoutResult(s -> {
                    jdbc.execute("select set_config('caseline.analytics_bulk', 'on', true)");
                    jdbc.update(CALLS, ts(from), ts(to), CALLS_PER_YEAR / 365.0 / 96);
                    jdbc.update(CONTACTS, ts(from), ts(to));
                    facts.reaggregate(from, to);
                });
                System.out.printf(Locale.ROOT, "month %s written in %d s%n", month, (System.nanoTime() - t0) / 1_000_000_000);
            }
            long calls = jdbc.queryForObject("select count(*) from analytics_call", Long.class);
            long contacts = jdbc.queryForObject("select count(*) from analytics_interaction", Long.class);
            long rows = jdbc.queryForObject("select count(*) from analytics_interval", Long.class);
            long everyone = jdbc.queryForObject("select count(*) from analytics_interval where agent = ''", Long.class);
            System.out.printf(Locale.ROOT, "RESULT a year at scale: %,d calls, %,d contacts for people, %,d aggregate rows (%,d everyone's), written in %d s; database %s%n",
                    calls, contacts, rows, everyone, (System.nanoTime() - started) / 1_000_000_000,
                    jdbc.queryForObject("select pg_size_pretty(pg_database_size(current_database()))", String.class));
            jdbc.execute("vacuum analyze analytics_interval");
            jdbc.query("select channel, queue = '' as ivr, count(*), count(distinct interval_start) from analytics_interval where agent = '' group by 1, 2",
                    rs -> {
                        System.out.printf(Locale.ROOT, "RESULT everyone's rows: %s %s: %,d rows over %,d quarter hours%n", rs.getString(1),
                                rs.getBoolean(2) ? "IVR" : "queues", rs.getLong(3), rs.getLong(4));
                    });

            ingest(facts);
            int port = Integer.parseInt(node.getEnvironment().getProperty("local.server.port"));
            Reports reports = node.getBean(Reports.class);
            List<Long> inProcess = new ArrayList<>();
            Instant october = LocalDate.of(2026, 10, 1).atStartOfDay(ZoneId.of(ZONE)).toInstant();
            Instant november = LocalDate.of(2026, 11, 1).atStartOfDay(ZoneId.of(ZONE)).toInstant();
            for (int i = 0; i < 220; i++) {
                long t0 = System.nanoTime();
                reports.report(october, november, ZoneId.of(ZONE), "day", new Reports.Filter(null, null, null, null));
                if (i >= 20) {
                    inProcess.add(System.nanoTime() - t0);
                }
            }
            System.out.printf(Locale.ROOT, "RESULT a month by day, in process (the three queries): p50 %.1f ms, p99 %.1f ms%n",
                    pct(inProcess, 50), pct(inProcess, 99));
            HttpClient client = Http.signIn(port, "supervisor");
            report(client, port, "/api/analytics/report?from=2026-10-01&to=2026-10-31&by=day", "a month by day (JSON)");
            report(client, port, "/api/analytics/report?from=2026-10-01&to=2026-10-31&by=day&queue=general-es", "a month by day, one queue");
            report(client, port, "/api/analytics/report?from=2026-10-01&to=2026-10-31&by=interval", "a month by quarter hour (2,976 rows)");
            report(client, port, "/api/analytics/report?from=2026-10-01&to=2026-10-31&by=day&format=csv", "a month by day (CSV)");
            report(client, port, "/staff/reports?from=2026-10-01&to=2026-10-31&by=day", "the reports page, a month by day");
        }
    }

    /** One event at a time, as the listeners write them, from 8 writers for 20 seconds. */
    private static void ingest(ContactFacts facts) throws Exception {
        AtomicLong events = new AtomicLong();
        long end = System.nanoTime() + 20_000_000_000L;
        Instant base = Instant.parse("2030-03-04T14:00:00Z");
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            List<Future<?>> writers = new ArrayList<>();
            for (int w = 0; w < 8; w++) {
                int writer = w;
                writers.add(pool.submit(() -> {
                    java.util.SplittableRandom random = new java.util.SplittableRandom(writer);
                    while (System.nanoTime() < end) {
                        Instant at = base.plusSeconds(random.nextInt(86_400 * 30));
                        String call = "bench-" + UUID.randomUUID();
                        facts.record(new CallEnded(call, "18003755283", "en", at, at.plusSeconds(60), "TRANSFERRED",
                                null, "main:main-menu 0", "key-" + random.nextInt(200_000)));
                        Instant answered = at.plusSeconds(60 + random.nextInt(300));
                        facts.record(new InteractionFinished(UUID.randomUUID(), "VOICE", "general-en", "en", "18003755283", call,
                                "agent-" + random.nextInt(400), "ENDED", at.plusSeconds(60), answered, answered.plusSeconds(300),
                                answered.plusSeconds(330), "answered", null));
                        events.addAndGet(2);
                    }
                    return null;
                }));
            }
            for (Future<?> f : writers) {
                f.get();
            }
        }
        System.out.printf(Locale.ROOT, "RESULT ingest, one event per transaction through the triggers, 8 writers: %,d events/s%n",
                events.get() / 20);
    }

    /** 220 requests in a row from a signed-in supervisor's session (a password check per request would be what is measured), the first 20 not counted. */
    private static void report(HttpClient client, int port, String path, String what) throws Exception {
        List<Long> nanos = Collections.synchronizedList(new ArrayList<>());
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build();
        for (int i = 0; i < 220; i++) {
            long t0 = System.nanoTime();
            HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("HTTP " + r.statusCode() + " for " + path + ": " + r.body());
            }
            if (i >= 20) {
                nanos.add(System.nanoTime() - t0);
            }
        }
        System.out.printf(Locale.ROOT, "RESULT %s: p50 %.1f ms, p99 %.1f ms (200 requests, one signed-in client)%n", what, pct(nanos, 50), pct(nanos, 99));
    }

    private static Timestamp ts(Instant i) {
        return Timestamp.from(i);
    }

    private static double pct(List<Long> nanos, int p) {
        long[] sorted = nanos.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)] / 1e6;
    }

    /**
     * The IVR calls of [from, to): per quarter hour, the year's mean scaled by weekday (Mondays
     * 1.35, Sundays 0.22) and hour of the day in New York; outcomes as the demo history has them.
     */
    private static final String CALLS = """
            insert into analytics_call (call_id, line, language, started_at, ended_at, outcome, detail, exit_point, caller_key)
            select 'b' || extract(epoch from s.t)::bigint || '-' || k, line, lang, at, at + interval '3 minutes', outcome, null,
                   case when outcome in ('TRANSFERRED', 'CALLBACK_REQUESTED') then 'main:main-menu 0' end,
                   'k' || floor(random() * 2000000)::int
            from (select t,
                         extract(isodow from t at time zone 'America/New_York')::int as dow,
                         extract(hour from t at time zone 'America/New_York')::int as h
                  from generate_series(?::timestamptz, ?::timestamptz - interval '15 minutes', interval '15 minutes') t) s
            cross join lateral generate_series(1, greatest(0, round(?::float8
                    * (array[1.35, 1.10, 1.00, 0.95, 0.85, 0.30, 0.22])[s.dow] / 0.8243
                    * (array[0.05,0.05,0.05,0.05,0.05,0.05,0.25,0.25,1,1,1,1,0.8,0.8,0.8,0.8,0.8,0.45,0.45,0.45,0.45,0.12,0.12,0.12])[s.h + 1] / 0.4567
                  )::int)) k
            -- k in the lateral makes PostgreSQL draw again for every call, not once per quarter hour
            cross join lateral (select s.t + random() * interval '15 minutes' + k * interval '0 seconds' as at,
                                       (array['18003755283', '18003755283', '18003755283', '18003755283', '18003755283',
                                              '18003755283', '18003755283', '18003755283', '18772474645', '18663155718'])[1 + floor(random() * 10)::int] as line,
                                       case when random() < 0.28 then 'es' else 'en' end as lang,
                                       random() as r, s.dow <= 5 and s.h between 8 and 20 as open) c
            cross join lateral (select case when not c.open then case when c.r < 0.82 then 'SELF_SERVICE' else 'ABANDONED' end
                                            when c.r < 0.55 then 'SELF_SERVICE' when c.r < 0.88 then 'TRANSFERRED'
                                            when c.r < 0.92 then 'CALLBACK_REQUESTED' else 'ABANDONED' end as outcome) o""";

    /** Those of them handed to a person: a wait, patience of four minutes on average, 400 agents. */
    private static final String CONTACTS = """
            insert into analytics_interaction (id, channel, queue, language, line, call_id, agent, final_state, entered_at,
                                               answered_at, ended_at, wrapped_at, disposition, answer_by, sl_seconds)
            select gen_random_uuid(), 'VOICE', case line when '18772474645' then 'military' when '18663155718' then 'premium'
                       else 'general' end || '-' || language, language, line, call_id,
                   case when wait <= patience then 'agent-' || floor(random() * 400)::int end,
                   case when wait <= patience then 'ENDED' else 'ABANDONED' end, ended_at,
                   case when wait <= patience then ended_at + make_interval(secs => wait) end,
                   ended_at + make_interval(secs => least(wait, patience) + case when wait <= patience then 120 + talk else 0 end),
                   case when wait <= patience then ended_at + make_interval(secs => wait + 150 + talk) end,
                   case when wait <= patience then 'answered' end, null, 60
            from (select c.*, -ln(1 - random()) * 150 as wait, -ln(1 - random()) * 240 as patience, -ln(1 - random()) * 300 as talk
                  from analytics_call c where c.started_at >= ? and c.started_at < ? and c.outcome = 'TRANSFERRED') t""";
}
