package org.caseline.servicerequests;

import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.caseline.CaseLineApplication;
import org.caseline.support.Http;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Not a test: the service request benchmark ({@code bench/service-requests.sh} runs it). One
 * million requests over all the offices that hold the demo's cases (40 % open or waiting); then
 * 20 office staff, each signed in with their own session, read their office's work list (open,
 * soonest due first, first page of 50) over HTTP as fast as they can; then agents file new
 * requests from several threads. Prints RESULT lines: work-list p50/p99 and requests per second,
 * filings per second with their p50/p99.
 */
class ServiceRequestsBenchmark {

    private static final String[] OPEN_TYPES = {"notice-not-received", "card-not-received", "document-not-received",
            "outside-processing-time", "accommodation", "expedite"};
    private static final String[] ALL_TYPES = {"notice-not-received", "card-not-received", "document-not-received",
            "outside-processing-time", "typographical-error", "accommodation", "expedite", "biometrics-reschedule"};

    @Test
    void aMillionRequestsTwentyOfficeStaffAndAgentsFiling() throws Exception {
        int total = Integer.getInteger("bench.requests", 1_000_000);
        int staff = Integer.getInteger("bench.staff", 20);
        int seconds = Integer.getInteger("bench.seconds", 20);
        int filers = Integer.getInteger("bench.filers", 8);
        var data = Files.createTempDirectory("sr-bench");
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(CaseLineApplication.class).profiles("test")
                .run("--server.port=0", "--caseline.database.embedded.data-dir=" + data.resolve("pg"),
                        "--caseline.database.embedded.clean=true", "--caseline.demo.cases=50000",
                        "--logging.level.org.caseline=WARN", "--spring.datasource.hikari.maximum-pool-size=24")) {
            JdbcClient db = app.getBean(JdbcClient.class);
            List<String[]> cases = db.sql("select receipt_number, office_code from case_record order by receipt_number")
                    .query((rs, n) -> new String[] {rs.getString(1).strip(), rs.getString(2)}).list();
            long t0 = System.nanoTime();
            seed(app.getBean(DataSource.class), cases, total);
            db.sql("analyze service_request").update();
            System.out.printf("seeded %,d requests over %d cases in %.1f s%n", total, cases.size(), (System.nanoTime() - t0) / 1e9);

            int port = ((WebServerApplicationContext) app).getWebServer().getPort();
            List<String> offices = db.sql("select office_code from service_request where status = 'OPEN' group by office_code order by count(*) desc")
                    .query(String.class).list();
            // where the time goes: the query alone, and the service's whole read, before HTTP and sessions
            db.sql("explain (analyze, buffers) select reference from service_request where office_code = ? and status = 'OPEN' "
                    + "order by due_date, reference limit 50").param(offices.getFirst()).query(String.class).list()
                    .forEach(line -> System.out.println("  " + line));
            ServiceRequests service = app.getBean(ServiceRequests.class);
            for (int round = 0; round < 2; round++) {
                long s0 = System.nanoTime();
                for (int k = 0; k < 500; k++) {
                    service.workList(offices.get(k % offices.size()), ServiceRequest.Status.OPEN, 50, 0);
                }
                System.out.printf("RESULT service workList alone: %.2f ms each%n", (System.nanoTime() - s0) / 500 / 1e6);
            }
            workLists(port, offices, staff, seconds);
            filing(app.getBean(ServiceRequests.class), cases, filers, seconds);
        }
    }

    private static void seed(DataSource dataSource, List<String[]> cases, int total) throws Exception {
        Random random = new Random(20261201);
        Instant now = Instant.now();
        StringBuilder rows = new StringBuilder();
        try (Connection connection = dataSource.getConnection()) {
            var copy = connection.unwrap(PGConnection.class).getCopyAPI();
            java.util.Set<String> references = new java.util.HashSet<>();
            for (int g = 0; g < total; g++) {
                String[] theCase = cases.get(g % cases.size());
                boolean open = g < cases.size() * OPEN_TYPES.length && g < total * 4 / 10;
                String type = open ? OPEN_TYPES[g / cases.size()] : ALL_TYPES[random.nextInt(ALL_TYPES.length)];
                String status = open ? (random.nextInt(4) == 0 ? "WAITING" : "OPEN") : "CLOSED";
                String reference;
                do {
                    reference = ServiceReference.random(9).value();
                } while (!references.add(reference));
                Instant filed = now.minus(Duration.ofMinutes(random.nextInt(180 * 24 * 60)));
                LocalDate due = filed.atZone(java.time.ZoneOffset.UTC).toLocalDate().plusDays(21);
                rows.append(reference).append('\t').append(type).append('\t').append(theCase[0]).append('\t').append(theCase[1])
                        .append("\tTIER1\t").append(status).append("\t{}\tBench Requester\tbench@example.com\t\\N\t\\N\ten\t\\N\ttier1\t")
                        .append(filed).append('\t').append(due).append('\t')
                        .append(status.equals("CLOSED") ? "RESOLVED" : "\\N").append('\t')
                        .append(status.equals("CLOSED") ? filed.plus(Duration.ofDays(10)) : "\\N").append('\n');
                if (rows.length() > 4_000_000) {
                    copyIn(copy, rows);
                }
            }
            copyIn(copy, rows);
        }
    }

    private static void copyIn(org.postgresql.copy.CopyManager copy, StringBuilder rows) throws Exception {
        copy.copyIn("""
                copy service_request (reference, type, receipt_number, office_code, channel, status, fields, requester_name,
                    requester_email, requester_phone, requester_postal, language, interaction_id, filed_by, filed_at, due_date,
                    outcome, closed_at) from stdin""", new StringReader(rows.toString()));
        rows.setLength(0);
    }

    /** Each member of staff signed in once, then reading their office's first page again and again. */
    private static void workLists(int port, List<String> offices, int staff, int seconds) throws Exception {
        List<HttpClient> sessions = new ArrayList<>();
        List<String> whose = new ArrayList<>();
        for (int i = 0; i < staff; i++) {
            String office = offices.get(i % offices.size());
            sessions.add(Http.signIn(port, office.toLowerCase(Locale.ROOT)));
            whose.add(office);
        }
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        AtomicInteger failures = new AtomicInteger();
        for (String phase : List.of("warm-up", "measured")) {
            latencies.clear();
            long until = System.nanoTime() + Duration.ofSeconds(phase.equals("warm-up") ? 10 : seconds).toNanos();
            ExecutorService pool = Executors.newFixedThreadPool(staff);
            List<Future<?>> running = new ArrayList<>();
            for (int i = 0; i < staff; i++) {
                HttpClient client = sessions.get(i);
                String office = whose.get(i);
                running.add(pool.submit(() -> {
                    var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/offices/" + office
                            + "/service-requests?status=OPEN&limit=50")).header("Accept", "application/json").build();
                    while (System.nanoTime() < until) {
                        long start = System.nanoTime();
                        try {
                            var response = client.send(request, HttpResponse.BodyHandlers.ofString());
                            if (response.statusCode() != 200) {
                                failures.incrementAndGet();
                            }
                        } catch (Exception e) {
                            failures.incrementAndGet();
                        }
                        latencies.add(System.nanoTime() - start);
                    }
                    return null;
                }));
            }
            for (Future<?> f : running) {
                f.get();
            }
            pool.shutdown();
        }
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        System.out.printf("RESULT work-list staff=%d offices=%d requests=%d non-200=%d rps=%.0f p50=%.2fms p99=%.2fms max=%.2fms%n",
                staff, Math.min(staff, offices.size()), sorted.size(), failures.get(), sorted.size() / (double) seconds,
                pct(sorted, 0.50), pct(sorted, 0.99), sorted.getLast() / 1e6);
    }

    /** Agents filing typographical-error requests (no eligibility rule) on distinct cases, through the service. */
    private static void filing(ServiceRequests requests, List<String[]> cases, int threads, int seconds) throws Exception {
        AtomicInteger next = new AtomicInteger();
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        long until = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> running = new ArrayList<>();
        var requester = new ServiceRequest.Requester("Bench Caller", null, "2025550123", null, "en");
        Map<String, String> fields = Map.of("document", "Receipt notice", "field", "Name", "shown", "Jon", "correct", "John");
        for (int i = 0; i < threads; i++) {
            running.add(pool.submit(() -> {
                while (System.nanoTime() < until) {
                    int k = next.getAndIncrement();
                    if (k >= cases.size()) {
                        return null;
                    }
                    long start = System.nanoTime();
                    requests.file(new ServiceRequests.Filing("typographical-error", cases.get(k)[0], fields, requester, Channel.TIER1,
                            "tier1", null, null));
                    latencies.add(System.nanoTime() - start);
                }
                return null;
            }));
        }
        for (Future<?> f : running) {
            f.get();
        }
        pool.shutdown();
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        System.out.printf("RESULT filing threads=%d filed=%d per-second=%.0f p50=%.2fms p99=%.2fms%n", threads, sorted.size(),
                sorted.size() / (double) seconds, pct(sorted, 0.50), pct(sorted, 0.99));
    }

    private static double pct(List<Long> sorted, double p) {
        return sorted.isEmpty() ? 0 : sorted.get((int) Math.min(sorted.size() - 1, Math.floor(p * sorted.size()))) / 1e6;
    }
}
