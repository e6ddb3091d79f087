package org.caseline.appointments;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

import org.caseline.cases.CaseIngestion;
import org.caseline.cases.ReceiptNumber;
import org.caseline.directory.DirectoryData;
import org.caseline.support.CaseLineTest;
import org.caseline.support.Http;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Office calendars and booking against the real database: slots keep the office's local hours
 * across daylight saving time and skip weekends and holidays; fifty officers booking the last
 * places of one slot at once get exactly its capacity; moving follows the type's rules;
 * cancelling frees the place; bad requests are refused plainly and book nothing.
 */
@CaseLineTest
class AppointmentsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    @LocalServerPort
    int port;
    @Autowired
    AppointmentCalendar calendar;
    @Autowired
    AppointmentTypes types;
    @Autowired
    DirectoryData directory;
    @Autowired
    CaseIngestion ingestion;
    @Autowired
    JdbcClient jdbc;

    @Test
    void slotsKeepTheOfficesLocalHoursAcrossDaylightSavingAndSkipWeekendsAndHolidays() {
        var boston = directory.offices().office("BOSA").orElseThrow();
        var biometrics = types.type("biometrics").orElseThrow();
        // Friday before the change (EST), the weekend, Monday after it (EDT); then Christmas Eve and Christmas
        calendar.ensure(boston, biometrics, LocalDate.of(2027, 3, 12), LocalDate.of(2027, 3, 15));
        calendar.ensure(boston, biometrics, LocalDate.of(2026, 12, 24), LocalDate.of(2026, 12, 25));

        assertThat(firstSlot(LocalDate.of(2027, 3, 12))).isEqualTo(Instant.parse("2027-03-12T13:00:00Z"));
        assertThat(firstSlot(LocalDate.of(2027, 3, 15))).as("8 a.m. in Boston is an hour earlier in UTC").isEqualTo(Instant.parse("2027-03-15T12:00:00Z"));
        assertThat(slotsOn(LocalDate.of(2027, 3, 13))).as("Saturday").isZero();
        assertThat(slotsOn(LocalDate.of(2027, 3, 14))).as("Sunday").isZero();
        assertThat(slotsOn(LocalDate.of(2026, 12, 25))).as("Christmas").isZero();
        assertThat(slotsOn(LocalDate.of(2026, 12, 24))).as("8 a.m. to 4 p.m. in 15 minutes").isEqualTo(32);
        calendar.ensure(boston, biometrics, LocalDate.of(2026, 12, 24), LocalDate.of(2026, 12, 24));
        assertThat(slotsOn(LocalDate.of(2026, 12, 24))).as("made once").isEqualTo(32);
    }

    @Test
    void fiftyOfficersBookingOneSlotAtOnceGetExactlyItsCapacityAndTheRestTheNextFreeSlots() throws Exception {
        Instant slot = aSlotNextWeek("MIAA", "biometrics", 9, 0);
        List<String> receipts = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            receipts.add(aCase());
        }
        ExecutorService pool = Executors.newFixedThreadPool(50);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Http.Response>> tries = new ArrayList<>();
        for (String receipt : receipts) {
            tries.add(pool.submit(() -> {
                go.await();
                return book(receipt, "MIAA", "biometrics", slot);
            }));
        }
        go.countDown();
        int booked = 0;
        int full = 0;
        for (Future<Http.Response> t : tries) {
            Http.Response r = t.get();
            if (r.status() == 201) {
                booked++;
                assertThat(r.json().path("status").asString()).isEqualTo("BOOKED");
            } else {
                assertThat(r.status()).as(r.body()).isEqualTo(409);
                assertThat(r.json().path("code").asString()).isEqualTo("slot-full");
                assertThat(Instant.parse(r.json().path("nextFree").get(0).path("start").asString())).isAfter(slot);
                full++;
            }
        }
        pool.shutdown();
        assertThat(booked).isEqualTo(4);
        assertThat(full).isEqualTo(46);
        assertThat(jdbc.sql("select booked from appointment_slot where office = 'MIAA' and type = 'biometrics' and starts_at = ?")
                .param(Timestamp.from(slot)).query(Integer.class).single()).isEqualTo(4);
        assertThat(jdbc.sql("select count(*) from appointment a join appointment_slot s on s.id = a.slot_id where s.starts_at = ? and a.office = 'MIAA'")
                .param(Timestamp.from(slot)).query(Integer.class).single()).isEqualTo(4);
    }

    @Test
    void aBiometricsAppointmentMovesTwiceAtMostNeverWithinTwelveHoursOrAfterItAndACancellationFreesItsPlace() {
        String receipt = aCase();
        Http.Response made = book(receipt, "BOSA", "biometrics", aSlotNextWeek("BOSA", "biometrics", 10, 0));
        assertThat(made.status()).as(made.body()).isEqualTo(201);
        String id = made.json().path("id").asString();
        assertThat(book(receipt, "BOSA", "biometrics", aSlotNextWeek("BOSA", "biometrics", 11, 0)).json().path("code").asString())
                .as("one biometrics appointment per case: move it instead").isEqualTo("already-booked");

        Instant first = aSlotNextWeek("BOSA", "biometrics", 13, 0);
        assertThat(move(id, first, null).json().path("reschedules").asInt()).isEqualTo(1);
        Http.Response toMiami = move(id, aSlotNextWeek("MIAA", "biometrics", 14, 15), "MIAA");
        assertThat(toMiami.json().path("office").asString()).as("a nearby center will do").isEqualTo("MIAA");
        Http.Response third = move(id, aSlotNextWeek("MIAA", "biometrics", 15, 0), null);
        assertThat(third.status()).isEqualTo(422);
        assertThat(third.json().path("code").asString()).isEqualTo("moved-too-often");
        assertThat(slotBooked("BOSA", first)).as("the place it left is free again").isZero();

        // one due in six hours (the office opened a slot late in the day)
        Instant soon = Instant.now().plus(Duration.ofHours(6)).truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
        if (soon.atZone(NEW_YORK).getMinute() % 15 == 0) {
            soon = soon.plusSeconds(60); // not one of the day's own slots
        }
        jdbc.sql("insert into appointment_slot (office, type, starts_at, ends_at, capacity) values ('BOSA', 'biometrics', ?, ?, 1)")
                .params(Timestamp.from(soon), Timestamp.from(soon.plusSeconds(900))).update();
        String other = aCase();
        String close = book(other, "BOSA", "biometrics", soon).json().path("id").asString();
        assertThat(move(close, aSlotNextWeek("BOSA", "biometrics", 9, 30), null).json().path("code").asString()).isEqualTo("too-close");
        // and once its time has passed
        jdbc.sql("update appointment_slot set starts_at = starts_at - interval '1 day', ends_at = ends_at - interval '1 day' where starts_at = ?")
                .param(Timestamp.from(soon)).update();
        assertThat(move(close, aSlotNextWeek("BOSA", "biometrics", 9, 30), null).json().path("code").asString()).isEqualTo("after-appointment");

        Http http = new Http(port);
        Instant miami = Instant.parse(toMiami.json().path("start").asString());
        assertThat(slotBooked("MIAA", miami)).isEqualTo(1);
        assertThat(http.sendJson("DELETE", "/api/appointments/" + id, "", "tier2", "demo").json().path("status").asString()).isEqualTo("CANCELLED");
        assertThat(slotBooked("MIAA", miami)).as("free at once").isZero();
        assertThat(http.sendJson("DELETE", "/api/appointments/" + id, "", "tier2", "demo").status()).isEqualTo(409);
        JsonNode listed = http.getAs("/api/appointments?receiptNumber=" + receipt, "tier2", "demo").json();
        assertThat(listed.get(0).path("status").asString()).isEqualTo("CANCELLED");
    }

    @Test
    void whatCannotBeBookedIsRefusedPlainlyAndNothingIsBooked() {
        String receipt = aCase();
        int before = jdbc.sql("select count(*) from appointment").query(Integer.class).single();
        Instant slot = aSlotNextWeek("BOSA", "biometrics", 10, 30);
        assertThat(book(receipt, "BOSA", "biometrics", Instant.now().minus(Duration.ofDays(1))).json().path("code").asString()).isEqualTo("past");
        assertThat(book(receipt, "BOSA", "biometrics", slot.plusSeconds(7 * 60)).json().path("code").asString()).isEqualTo("not-a-slot");
        assertThat(book(receipt, "BOSA", "haircut", slot).json().path("code").asString()).isEqualTo("type");
        assertThat(book(receipt, "BOS", "biometrics", slot).json().path("code").asString()).as("a field office takes no biometrics")
                .isEqualTo("type-not-offered");
        assertThat(book(receipt, "NOPE", "biometrics", slot).status()).isEqualTo(404);
        assertThat(book("EAC0000000000", "BOSA", "biometrics", slot).json().path("code").asString()).isEqualTo("no-case");
        assertThat(book("not a receipt", "BOSA", "biometrics", slot).json().path("code").asString()).isEqualTo("receipt");
        assertThat(book(receipt, "BOSA", "biometrics", Instant.now().plus(Duration.ofDays(400))).json().path("code").asString()).isEqualTo("too-far");
        Http http = new Http(port);
        assertThat(http.sendJson("POST", "/api/appointments", "{oops", "tier2", "demo").status()).isEqualTo(400);
        assertThat(http.sendJson("POST", "/api/appointments", JSON.writeValueAsString(Map.of("receiptNumber", receipt, "office", "BOSA",
                "type", "biometrics", "start", slot.toString())), "tier1", "demo").status()).as("Tier 2 books").isEqualTo(403);
        assertThat(jdbc.sql("select count(*) from appointment").query(Integer.class).single()).isEqualTo(before);

        JsonNode free = http.get("/api/offices/BOSA/slots?type=biometrics&from=" + slot.atZone(NEW_YORK).toLocalDate() + "&to="
                + slot.atZone(NEW_YORK).toLocalDate()).json();
        assertThat(free.path("slots").size()).isEqualTo(32);
        assertThat(free.path("slots").get(0).path("free").asInt()).isEqualTo(4);
        assertThat(http.get("/api/offices/BOSA/slots?type=biometrics&from=tomorrow&to=2026-12-31").status()).isEqualTo(422);
    }

    /** A weekday of next week at this local time in New York (both centers used here keep it). */
    private static Instant aSlotNextWeek(String office, String type, int hour, int minute) {
        ZonedDateTime day = ZonedDateTime.now(NEW_YORK).plusWeeks(1).withHour(hour).withMinute(minute).withSecond(0).withNano(0);
        while (!org.caseline.platform.FederalHolidays.isBusinessDay(day.toLocalDate())) {
            day = day.plusDays(1);
        }
        return day.toInstant();
    }

    private String aCase() {
        String receipt = "EAC2698" + (100_000 + ThreadLocalRandom.current().nextInt(800_000));
        ingestion.upsert(new ReceiptNumber(receipt), new CaseIngestion.CaseData("I-485", LocalDate.of(2025, 9, 1), "NBC", null, false, null, null));
        return receipt;
    }

    private Http.Response book(String receipt, String office, String type, Instant start) {
        return new Http(port).sendJson("POST", "/api/appointments", JSON.writeValueAsString(Map.of("receiptNumber", receipt, "office", office,
                "type", type, "start", start.toString())), "tier2", "demo");
    }

    private Http.Response move(String id, Instant start, String office) {
        Map<String, String> body = office == null ? Map.of("start", start.toString()) : Map.of("start", start.toString(), "office", office);
        return new Http(port).sendJson("POST", "/api/appointments/" + id + "/reschedule", JSON.writeValueAsString(body), "tier2", "demo");
    }

    private int slotBooked(String office, Instant start) {
        return jdbc.sql("select booked from appointment_slot where office = ? and type = 'biometrics' and starts_at = ?")
                .params(office, Timestamp.from(start)).query(Integer.class).single();
    }

    private Instant firstSlot(LocalDate day) {
        return jdbc.sql("select min(starts_at) from appointment_slot where office = 'BOSA' and type = 'biometrics' and starts_at >= ? and starts_at < ?")
                .params(Timestamp.from(day.atStartOfDay(NEW_YORK).toInstant()), Timestamp.from(day.plusDays(1).atStartOfDay(NEW_YORK).toInstant()))
                .query(Timestamp.class).single().toInstant();
    }

    private int slotsOn(LocalDate day) {
        return jdbc.sql("select count(*) from appointment_slot where office = 'BOSA' and type = 'biometrics' and starts_at >= ? and starts_at < ?")
                .params(Timestamp.from(day.atStartOfDay(NEW_YORK).toInstant()), Timestamp.from(day.plusDays(1).atStartOfDay(NEW_YORK).toInstant()))
                .query(Integer.class).single();
    }
}
