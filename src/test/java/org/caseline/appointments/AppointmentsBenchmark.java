package org.caseline.appointments;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

import org.caseline.CaseLineApplication;
import org.caseline.cases.CaseIngestion;
import org.caseline.cases.ReceiptNumber;
import org.caseline.directory.DirectoryData;
import org.caseline.platform.FederalHolidays;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Not a test: the booking benchmark ({@code bench/appointments.sh} runs it). 2,000 people race
 * for the 200 places of one support center's next week (200 slots of one place each): each picks
 * a slot at random and, told it is full, takes the first of the next free slots the refusal lists,
 * as a client would, until booked or told nothing is left. Prints bookings per second, the latency
 * of each booking call (p50, p99) and checks that exactly 200 were booked, none twice.
 */
class AppointmentsBenchmark {

    @Test
    void twoThousandBookersRaceForTwoHundredPlaces() throws Exception {
        int bookers = Integer.getInteger("bench.bookers", 2000);
        int places = Integer.getInteger("bench.places", 200);
        int threads = Integer.getInteger("bench.threads", 32);
        Path data = Files.createTempDirectory("appointments-bench");
        try (ConfigurableApplicationContext node = new SpringApplicationBuilder(CaseLineApplication.class).profiles("test")
                .run("--server.port=0", "--caseline.demo.cases=10", "--logging.level.org.caseline=WARN",
                        "--caseline.database.embedded.data-dir=" + data.resolve("pg"), "--caseline.database.embedded.clean=true",
                        "--caseline.mail.embedded.smtp-port=0", "--caseline.mail.embedded.imap-port=0",
                        "--spring.datasource.hikari.maximum-pool-size=" + (threads + 4))) {
            JdbcClient db = node.getBean(JdbcClient.class);
            Appointments appointments = node.getBean(Appointments.class);
            AppointmentCalendar calendar = node.getBean(AppointmentCalendar.class);
            var office = node.getBean(DirectoryData.class).offices().office("BOSA").orElseThrow();
            var biometrics = node.getBean(AppointmentTypes.class).type("biometrics").orElseThrow();
            ZoneId zone = ZoneId.of(office.timeZone());
            LocalDate first = LocalDate.now(zone).plusWeeks(1);
            LocalDate last = first;
            for (int days = 0; days < (places + 31) / 32; last = last.plusDays(1)) {
                if (FederalHolidays.isBusinessDay(last)) {
                    days++;
                }
            }
            calendar.ensure(office, biometrics, first, last);
            // one place in each of the first 200 slots, none in the rest
            List<Instant> slots = db.sql("""
                            select starts_at from appointment_slot where office = 'BOSA' and type = 'biometrics' and starts_at >= ?
                            order by starts_at""")
                    .param(Timestamp.from(first.atStartOfDay(zone).toInstant())).query(Timestamp.class).list().stream()
                    .map(Timestamp::toInstant).toList();
            db.sql("update appointment_slot set capacity = 0 where office = 'BOSA' and type = 'biometrics' and starts_at >= ?")
                    .param(Timestamp.from(first.atStartOfDay(zone).toInstant())).update();
            db.sql("update appointment_slot set capacity = 1 where office = 'BOSA' and type = 'biometrics' and starts_at = any(?)")
                    .param(slots.subList(0, places).stream().map(Timestamp::from).toArray(Timestamp[]::new)).update();
            List<Instant> open = slots.subList(0, places);

            CaseIngestion ingestion = node.getBean(CaseIngestion.class);
            List<String> receipts = new ArrayList<>();
            for (int i = 0; i < bookers; i++) {
                String receipt = "EAC2680" + (100_000 + i);
                ingestion.upsert(new ReceiptNumber(receipt), new CaseIngestion.CaseData("I-485", LocalDate.of(2025, 9, 1), "NBC",
                        null, false, null, null));
                receipts.add(receipt);
            }
            System.out.println("seeded " + bookers + " bookers, " + places + " places at BOSA from " + first);

            ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            List<Future<Boolean>> outcomes = new ArrayList<>();
            long start = System.nanoTime();
            for (String receipt : receipts) {
                outcomes.add(pool.submit(() -> {
                    Instant wanted = open.get(ThreadLocalRandom.current().nextInt(open.size()));
                    while (true) {
                        long t0 = System.nanoTime();
                        try {
                            appointments.book(receipt, "BOSA", "biometrics", wanted, null, "bench");
                            latencies.add(System.nanoTime() - t0);
                            return true;
                        } catch (Appointments.Refused refused) {
                            latencies.add(System.nanoTime() - t0);
                            if (refused.nextFree().isEmpty()) {
                                return false;
                            }
                            wanted = refused.nextFree().getFirst().start();
                        }
                    }
                }));
            }
            int booked = 0;
            for (Future<Boolean> f : outcomes) {
                booked += f.get() ? 1 : 0;
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            pool.shutdown();
            List<Long> sorted = new ArrayList<>(latencies);
            Collections.sort(sorted);
            int inDb = db.sql("select count(*) from appointment where office = 'BOSA' and status = 'BOOKED' and booked_by = 'bench'")
                    .query(Integer.class).single();
            int overbooked = db.sql("select count(*) from appointment_slot where booked > capacity").query(Integer.class).single();
            System.out.printf("RESULT appointments: %d bookers, %d places, %d booked (%d in the database, %d slots over capacity), "
                            + "%d calls in %.2f s: %.0f bookings/s, %.0f calls/s, p50 %.1f ms, p99 %.1f ms (%d threads)%n",
                    bookers, places, booked, inDb, overbooked, sorted.size(), seconds, booked / seconds, sorted.size() / seconds,
                    sorted.get(sorted.size() / 2) / 1e6, sorted.get((int) (sorted.size() * 0.99)) / 1e6, threads);
            assertThat(booked).isEqualTo(places);
            assertThat(inDb).isEqualTo(places);
            assertThat(overbooked).isZero();
        }
    }
}
