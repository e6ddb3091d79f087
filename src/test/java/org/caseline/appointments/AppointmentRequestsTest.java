package org.caseline.appointments;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.awaitility.Awaitility;
import org.caseline.cases.CaseIngestion;
import org.caseline.cases.ReceiptNumber;
import org.caseline.messaging.mail.EmbeddedMailServer;
import org.caseline.routing.Router;
import org.caseline.support.CaseLineTest;
import org.caseline.support.Http;
import org.caseline.support.Mailbox;
import org.caseline.support.WrittenContacts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Appointment requests as the contact center works them: Tier 1 takes one on a call (and cannot
 * book), a Tier 2 officer gets it as work of its own queue, books a slot or declines, and the
 * requester is told by mail, the date as a calendar file and never a case detail; the case system
 * books the first biometrics once however often it says so; the day before, one reminder; the
 * office's day list shows what to prepare and records who came.
 */
@CaseLineTest
class AppointmentRequestsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    @LocalServerPort
    int port;
    @Autowired
    CaseIngestion ingestion;
    @Autowired
    EmbeddedMailServer mail;
    @Autowired
    Router router;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    AppointmentReminders reminders;

    Http http;

    @BeforeEach
    void onlyTier2IsThereAndNothingWaits() {
        http = new Http(port);
        WrittenContacts.nothingWaitsAndNoOneIsThere(jdbc, router);
    }

    @AfterEach
    void tier2LeavesWithNothingInHand() {
        WrittenContacts.leavesWithNothingInHand(router, "tier2");
    }

    @Test
    void aRequestTakenByTierOneIsBookedByAnOfficerAndTheRequesterGetsTheDateWithACalendarFileAndNoCaseDetail() {
        String receipt = aCase();
        String email = someone();
        Http.Response tierOneBooks = send("POST", "/api/appointments", Map.of("receiptNumber", receipt, "office", "BOS", "type", "interview",
                "start", aSlotNextWeek(9, 30).toString()), "tier1");
        assertThat(tierOneBooks.status()).as("Tier 1 cannot schedule").isEqualTo(403);

        Http.Response asked = send("POST", "/api/appointment-requests", Map.of("receiptNumber", receipt, "type", "interview", "office", "BOS",
                "reason", "The interview notice went to my old address and the date passed.", "evidence", "Change of address filed in May.",
                "accommodations", List.of("wheelchair-access"), "requester", Map.of("name", "Ana Ruiz", "email", email, "language", "en")), "tier1");
        assertThat(asked.status()).as(asked.body()).isEqualTo(201);
        String reference = asked.json().path("reference").asString();
        assertThat(reference).matches("\\d{9}");
        assertThat(org.caseline.platform.KeyableReference.holds(reference)).isTrue();

        send("PUT", "/api/agents/me/state", Map.of("state", "AVAILABLE"), "tier2");
        JsonNode offered = Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> held(reference), m -> m != null);
        assertThat(offered.path("queue").asString()).isEqualTo("appointment-requests-en");
        String id = offered.path("id").asString();
        assertThat(send("GET", "/api/contacts/" + reference, null, "tier1").json().path("parts").get(0).path("interaction").asString())
                .as("the reference the requester was given finds the contact").isEqualTo(id);
        assertThat(send("POST", "/api/agents/me/interactions/" + id + "/appointment", Map.of("office", "BOS", "start",
                aSlotNextWeek(9, 30).toString()), "tier2").status()).as("opened first").isEqualTo(409);
        send("POST", "/api/agents/me/interactions/" + id + "/accept", null, "tier2");
        JsonNode request = send("GET", "/api/agents/me/interactions/" + id + "/thread", null, "tier2").json();
        assertThat(request.path("kind").asString()).isEqualTo("appointment-request");
        assertThat(request.path("reason").asString()).contains("old address");
        assertThat(request.path("evidence").asString()).contains("Change of address");
        assertThat(request.path("accommodations").get(0).asString()).isEqualTo("wheelchair-access");
        assertThat(request.path("receiptNumber").asString()).isEqualTo(receipt);

        Instant start = aSlotNextWeek(10, 30);
        Http.Response booked = send("POST", "/api/agents/me/interactions/" + id + "/appointment", Map.of("office", "BOS", "start",
                start.toString()), "tier2");
        assertThat(booked.status()).as(booked.body()).isEqualTo(200);
        assertThat(booked.json().path("appointment").path("status").asString()).isEqualTo("BOOKED");
        assertThat(held(reference)).as("decided, so it leaves the officer's hands").isNull();
        assertThat(send("POST", "/api/agents/me/interactions/" + id + "/decline", Map.of("reason", "no"), "tier2").status()).isEqualTo(409);

        Mailbox.Received told = new Mailbox(mail.host(), mail.imapPort(), email).awaitMails(1).getFirst();
        assertThat(told.subject()).startsWith("Your appointment: Interview");
        assertThat(told.body()).contains("Boston Field Office", "10:30 AM", "Appointment reference");
        assertThat(told.body()).as("a plain mail holds nothing of the case").doesNotContain(receipt);
        String ics = told.attachments().get("invite.ics");
        assertThat(ics).as("the date as a calendar file").contains("BEGIN:VEVENT", "DTSTART:" + start.toString().replace("-", "")
                .replace(":", "").replace(".000", ""), "Boston Field Office").doesNotContain(receipt);
        assertThat(jdbc.sql("select status from appointment_request where reference = ?").param(reference).query(String.class).single())
                .isEqualTo("BOOKED");
        JsonNode day = send("GET", "/api/appointments/day?office=BOS&day=" + start.atZone(NEW_YORK).toLocalDate(), null, "supervisor").json();
        JsonNode line = find(day, booked.json().path("appointment").path("id").asString());
        assertThat(line.path("accommodations").get(0).asString()).as("carried to the office's day list").isEqualTo("wheelchair-access");
    }

    @Test
    void anOfficerDeclinesWithAReasonTheRequesterReadsButNeverWithCaseDetails() {
        String receipt = aCase();
        String email = someone();
        String reference = send("POST", "/api/appointment-requests", Map.of("receiptNumber", receipt, "type", "adit", "reason",
                "I need a stamp in my passport to travel.", "requester", Map.of("name", "Luis Pena", "email", email, "language", "es")), "tier1")
                .json().path("reference").asString();
        send("PUT", "/api/agents/me/state", Map.of("state", "AVAILABLE"), "tier2");
        JsonNode offered = Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> held(reference), m -> m != null);
        assertThat(offered.path("queue").asString()).isEqualTo("appointment-requests-es");
        String id = offered.path("id").asString();
        send("POST", "/api/agents/me/interactions/" + id + "/accept", null, "tier2");

        Http.Response withReceipt = send("POST", "/api/agents/me/interactions/" + id + "/decline",
                Map.of("reason", "Case " + receipt + " is approved; the card is on its way."), "tier2");
        assertThat(withReceipt.status()).isEqualTo(422);
        assertThat(withReceipt.json().path("code").asString()).isEqualTo("case-details");
        Http.Response declined = send("POST", "/api/agents/me/interactions/" + id + "/decline",
                Map.of("reason", "Su tarjeta ya fue enviada: no necesita un sello."), "tier2");
        assertThat(declined.status()).as(declined.body()).isEqualTo(200);
        assertThat(declined.json().path("status").asString()).isEqualTo("DECLINED");

        Mailbox.Received told = new Mailbox(mail.host(), mail.imapPort(), email).awaitMails(1).getFirst();
        assertThat(told.subject()).isEqualTo("Su solicitud de cita " + org.caseline.platform.KeyableReference.grouped(reference));
        assertThat(told.body()).contains("Su tarjeta ya fue enviada");
        assertThat(told.attachments()).isEmpty();
    }

    @Test
    void badRequestsAreRefusedPlainlyAndNothingIsQueued() {
        String receipt = aCase();
        int before = jdbc.sql("select count(*) from appointment_request").query(Integer.class).single();
        Map<String, Object> good = Map.of("receiptNumber", receipt, "type", "interview", "reason", "Rescheduling", "requester",
                Map.of("email", someone()));
        assertThat(code(with(good, "type", "haircut"))).isEqualTo("type");
        assertThat(code(with(good, "reason", " "))).isEqualTo("reason");
        assertThat(code(with(good, "office", "BOSA"))).as("a support center gives no interviews").isEqualTo("type-not-offered");
        assertThat(code(with(good, "receiptNumber", "EAC0000000000"))).isEqualTo("no-case");
        assertThat(code(with(good, "requester", Map.of("name", "Nobody")))).as("no way to answer").isEqualTo("contact");
        assertThat(code(with(good, "requester", Map.of("phone", "12")))).isEqualTo("phone");
        assertThat(code(with(good, "accommodations", List.of("a pony")))).isEqualTo("accommodation");
        assertThat(http.sendJson("POST", "/api/appointment-requests", "{oops", "tier1", "demo").status()).isEqualTo(400);
        assertThat(jdbc.sql("select count(*) from appointment_request").query(Integer.class).single()).isEqualTo(before);
    }

    @Test
    void theCaseSystemBooksTheFirstBiometricsOnceAndTheDayBeforeOneReminderGoes() {
        String receipt = aCase();
        Instant start = aSlotNextWeek(8, 45);
        Map<String, Object> event = Map.of("eventId", "bio-" + UUID.randomUUID(), "type", "biometrics", "office", "BOSA", "start", start.toString());
        Http.Response first = http.sendJson("POST", "/api/cases/" + receipt + "/appointments", JSON.writeValueAsString(event), "admin", "demo");
        assertThat(first.status()).as(first.body()).isEqualTo(201);
        Http.Response again = http.sendJson("POST", "/api/cases/" + receipt + "/appointments", JSON.writeValueAsString(event), "admin", "demo");
        assertThat(again.json().path("id").asString()).as("the same event books once").isEqualTo(first.json().path("id").asString());
        assertThat(http.sendJson("POST", "/api/cases/" + receipt + "/appointments", JSON.writeValueAsString(event), "tier2", "demo").status())
                .isEqualTo(403);

        // an appointment tomorrow morning, for someone who gave an address
        String email = someone();
        Instant tomorrow = Instant.now().plus(Duration.ofHours(20)).truncatedTo(java.time.temporal.ChronoUnit.MINUTES).plusSeconds(60);
        jdbc.sql("insert into appointment_slot (office, type, starts_at, ends_at, capacity) values ('BOS', 'other', ?, ?, 1)")
                .params(Timestamp.from(tomorrow), Timestamp.from(tomorrow.plusSeconds(1800))).update();
        UUID soon = UUID.randomUUID();
        jdbc.sql("""
                        insert into appointment (id, reference, receipt_number, office, type, slot_id, status, booked_by, booked_at, notify_email, language)
                        select ?, ?, ?, 'BOS', 'other', id, 'BOOKED', 'tier2', now(), ?, 'en' from appointment_slot
                        where office = 'BOS' and type = 'other' and starts_at = ?""")
                .params(soon, org.caseline.platform.KeyableReference.random(9), aCase(), email, Timestamp.from(tomorrow)).update();
        reminders.remindDue();
        reminders.remindDue();
        Mailbox.Received reminder = new Mailbox(mail.host(), mail.imapPort(), email).awaitMails(1).getFirst();
        assertThat(reminder.subject()).startsWith("Reminder: your appointment tomorrow");
        Awaitility.await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .until(() -> new Mailbox(mail.host(), mail.imapPort(), email).read().size() == 1);

        // the office's day: check-in an hour before at the earliest, no-show only once the time has passed
        String id = first.json().path("id").asString();
        assertThat(send("POST", "/api/appointments/" + id + "/check-in", null, "supervisor").json().path("code").asString()).isEqualTo("too-early");
        assertThat(send("POST", "/api/appointments/" + id + "/no-show", null, "supervisor").json().path("code").asString()).isEqualTo("not-yet");
        assertThat(send("POST", "/api/appointments/" + id + "/check-in", null, "tier1").status()).isEqualTo(403);
        assertThat(send("POST", "/api/appointments/" + id + "/check-in", null, "vsc").json().path("code").asString())
                .as("another office's staff").isEqualTo("not-your-office");
        jdbc.sql("update appointment_slot set starts_at = now() - interval '10 minutes', ends_at = now() + interval '5 minutes' where id = "
                + "(select slot_id from appointment where id = ?)").param(UUID.fromString(id)).update();
        Http.Response came = send("POST", "/api/appointments/" + id + "/check-in", null, "supervisor");
        assertThat(came.json().path("status").asString()).as(came.body()).isEqualTo("ATTENDED");
        assertThat(came.json().path("checkedInAt").isNull()).isFalse();
        assertThat(send("POST", "/api/appointments/" + id + "/check-in", null, "supervisor").status()).isEqualTo(409);
    }

    @Test
    void anOfficeClosesADayOnlyWhenNothingIsBookedThenOffersNoSlotThatDay() {
        LocalDate day = aSlotNextWeek(9, 0).atZone(NEW_YORK).toLocalDate().plusDays(14);
        while (!org.caseline.platform.FederalHolidays.isBusinessDay(day)) {
            day = day.plusDays(1);
        }
        Instant start = day.atTime(9, 0).atZone(NEW_YORK).toInstant();
        Http.Response booked = http.sendJson("POST", "/api/appointments", JSON.writeValueAsString(Map.of("receiptNumber", aCase(), "office", "NYC",
                "type", "adit", "start", start.toString())), "tier2", "demo");
        assertThat(booked.status()).as(booked.body()).isEqualTo(201);
        Http.Response refused = send("POST", "/api/appointments/blackouts", Map.of("office", "NYC", "day", day.toString(), "reason", "Training"), "supervisor");
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().path("code").asString()).isEqualTo("day-has-bookings");
        http.sendJson("DELETE", "/api/appointments/" + booked.json().path("id").asString(), "", "tier2", "demo");
        assertThat(send("POST", "/api/appointments/blackouts", Map.of("office", "NYC", "day", day.toString(), "reason", "Training"), "supervisor")
                .status()).isEqualTo(200);
        assertThat(http.get("/api/offices/NYC/slots?type=adit&from=" + day + "&to=" + day).json().path("slots").size()).isZero();

        Instant later = day.plusDays(7).atTime(10, 0).atZone(NEW_YORK).toInstant();
        while (!org.caseline.platform.FederalHolidays.isBusinessDay(later.atZone(NEW_YORK).toLocalDate())) {
            later = later.plus(Duration.ofDays(1));
        }
        Http.Response wider = send("PUT", "/api/appointments/slots", Map.of("office", "NYC", "type", "adit", "start", later.toString(), "capacity", 5), "supervisor");
        assertThat(wider.json().path("free").asInt()).as(wider.body()).isEqualTo(5);
    }

    private Http.Response send(String method, String path, Object body, String user) {
        return http.sendJson(method, path, body == null ? "" : JSON.writeValueAsString(body), user, "demo");
    }

    private String code(Map<String, Object> body) {
        Http.Response r = send("POST", "/api/appointment-requests", body, "tier1");
        assertThat(r.status()).as(r.body()).isBetween(400, 499);
        return r.json().path("code").asString();
    }

    private static Map<String, Object> with(Map<String, Object> body, String key, Object value) {
        Map<String, Object> changed = new java.util.HashMap<>(body);
        changed.put(key, value);
        return changed;
    }

    private JsonNode held(String reference) {
        for (JsonNode m : send("GET", "/api/agents/me", null, "tier2").json().path("messages")) {
            if (reference.equals(m.path("attributes").path("reference").asString())) {
                return m;
            }
        }
        return null;
    }

    private static JsonNode find(JsonNode list, String id) {
        for (JsonNode a : list) {
            if (a.path("id").asString().equals(id)) {
                return a;
            }
        }
        throw new AssertionError("no appointment " + id + " in " + list);
    }

    /** A weekday of next week at this local time in New York (Boston and New York keep it). */
    private static Instant aSlotNextWeek(int hour, int minute) {
        ZonedDateTime day = ZonedDateTime.now(NEW_YORK).plusWeeks(1).withHour(hour).withMinute(minute).withSecond(0).withNano(0);
        while (!org.caseline.platform.FederalHolidays.isBusinessDay(day.toLocalDate())) {
            day = day.plusDays(1);
        }
        return day.toInstant();
    }

    private String aCase() {
        String receipt = "EAC2697" + (100_000 + ThreadLocalRandom.current().nextInt(800_000));
        ingestion.upsert(new ReceiptNumber(receipt), new CaseIngestion.CaseData("I-485", LocalDate.of(2025, 9, 1), "NBC", null, false, null, null));
        return receipt;
    }

    private static String someone() {
        return "requester-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }
}
