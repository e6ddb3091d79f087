package org.caseline.directory;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.component.VEvent;
import org.caseline.support.CaseLineTest;
import org.caseline.messaging.mail.EmbeddedMailServer;
import org.caseline.support.Http;
import org.caseline.support.Mailbox;
import org.caseline.support.MondayMorning;
import org.caseline.support.MovableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** Outreach events: the list, registration up to the capacity, a waitlist that moves up, mail to registrants, a calendar file a calendar reads. */
@CaseLineTest
@Import(MovableClock.Settable.class)
class OutreachEventsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String HOUSTON = "naturalization-houston-2026-12"; // capacity 3
    private static final String DACA = "daca-webinar-2026-12"; // online, in Spanish, on 15 December

    @LocalServerPort
    int port;

    @Autowired
    MovableClock clock;
    @Autowired
    EventRegistrations registrations;
    @Autowired
    EmbeddedMailServer mailServer;

    Http http;

    @BeforeEach
    void before() {
        clock.set(MondayMorning.AT); // before the sample's events
        http = new Http(port);
    }

    private Http.Response register(String event, String name, String email) {
        return http.send(http.request("/api/events/" + event + "/registrations").header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("name", name, "email", email)))));
    }

    @Test
    void theEventsWithTheRuleThatGoesWithThem() {
        JsonNode body = http.get("/api/events?language=en&lang=es").json();

        assertThat(body.path("rule").asString()).contains("No podemos hablar de casos individuales");
        assertThat(body.path("events").valueStream().map(e -> e.path("id").asString()))
                .contains(HOUSTON, "employers-call-2027-01").doesNotContain("daca-webinar-2026-12");
        JsonNode houston = body.path("events").get(0);
        assertThat(houston.path("office").path("name").asString()).isEqualTo("Oficina Local de Houston");
        assertThat(houston.path("start").asString()).isEqualTo("2026-12-10T10:00-06:00");
        JsonNode call = http.get("/api/events?topic=employers").json().path("events").get(0);
        assertThat(call.path("callIn").path("passcode").asString()).isEqualTo("4417092");
        assertThat(http.get("/api/events?from=2027-01-01").json().path("events").size()).isEqualTo(1);
    }

    @Test
    void pastTheCapacityPeopleWaitAndACancellationMovesTheFirstUpAndTellsThemByMail() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<JsonNode> answers = new ArrayList<>();
        for (String who : List.of("ana", "ben", "chen", "dana", "eli")) {
            Http.Response response = register(HOUSTON, who, who + "-" + run + "@example.com");
            assertThat(response.status()).as(response.body()).isEqualTo(201);
            answers.add(response.json());
        }
        assertThat(answers).extracting(a -> a.path("status").asString())
                .containsExactly("REGISTERED", "REGISTERED", "REGISTERED", "WAITLISTED", "WAITLISTED");
        assertThat(answers.get(4).path("waitlistPosition").asInt()).isEqualTo(2);
        assertThat(answers.getFirst().path("reference").asString()).startsWith("EV-");
        var dana = inboxOf("dana-" + run + "@example.com");
        Mailbox.Received waiting = dana.awaitMails(1).getFirst();
        assertThat(waiting.subject()).isEqualTo("You are on the waiting list: Becoming a U.S. citizen: the naturalization process");
        assertThat(waiting.body()).contains("You are number 1 on its waiting list", "To leave the waiting list: ");

        Http.Response cancelled = http.send(http.request(answers.get(1).path("cancel").asString()).DELETE());
        assertThat(cancelled.json().path("status").asString()).isEqualTo("CANCELLED");

        JsonNode houston = http.get("/api/events?topic=naturalization").json().path("events").get(0);
        assertThat(houston.path("registered").asInt()).as("dana moved up").isEqualTo(3);
        assertThat(houston.path("waitlisted").asInt()).isEqualTo(1);
        Mailbox.Received placeOpened = dana.awaitMails(2).get(1);
        assertThat(placeOpened.subject()).startsWith("A place opened: you are registered for");
        assertThat(placeOpened.body()).contains("Your reference: " + answers.get(3).path("reference").asString(),
                "/events/" + HOUSTON + "/cancel/", "cannot discuss individual cases");
        assertThat(inboxOf("ben-" + run + "@example.com").awaitMails(2)).extracting(Mailbox.Received::subject)
                .anyMatch(subject -> subject.startsWith("Your registration is cancelled"));
        assertThat(register(HOUSTON, "Ana again", "ANA-" + run + "@example.com").json().path("message").asString())
                .contains("registered for this event already");
    }

    @Test
    void aRegistrantGetsTheirConfirmationInTheirLanguageWithTheirOwnLinkAndIsRemindedOnceTheDayBefore() {
        String address = "rafael-" + UUID.randomUUID() + "@example.com";
        JsonNode registered = http.send(http.request("/api/events/" + DACA + "/registrations?lang=es")
                .header("Content-Type", "application/json").header("Accept-Language", "es")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(
                        Map.of("name", "Rafael", "email", address))))).json();
        var inbox = inboxOf(address);

        Mailbox.Received confirmation = inbox.awaitMails(1).getFirst();
        assertThat(confirmation.language()).isEqualTo("es");
        assertThat(confirmation.subject()).isEqualTo("Está inscrito: Renovaciones de DACA: qué presentar y cuándo");
        assertThat(confirmation.body()).startsWith("Hola, Rafael:").contains("Su referencia: " + registered.path("reference").asString(),
                "En línea: https://www.uscis.gov/outreach", "No podemos hablar de casos individuales");
        // the link in the mail is the registrant's own: it opens their registration
        String link = confirmation.body().lines().filter(l -> l.contains("/cancel/")).findFirst().orElseThrow();
        String path = link.substring(link.indexOf("/events/"));
        assertThat(http.get(path).body()).contains("Está inscrito", registered.path("reference").asString());

        assertThat(registrations.remindOfUpcoming()).as("five days ahead: not yet").isZero();
        clock.set(java.time.ZonedDateTime.of(2026, 12, 14, 15, 0, 0, 0, java.time.ZoneId.of("America/New_York")));
        assertThat(registrations.remindOfUpcoming()).isPositive();
        assertThat(registrations.remindOfUpcoming()).as("once").isZero();
        Mailbox.Received reminder = inbox.awaitMails(2).get(1);
        assertThat(reminder.subject()).isEqualTo("Se acerca: Renovaciones de DACA: qué presentar y cuándo");
        assertThat(reminder.body()).contains("Cuándo: martes, 15 de diciembre de 2026", "/cancel/");
    }

    private Mailbox inboxOf(String address) {
        return new Mailbox(mailServer.host(), mailServer.imapPort(), address);
    }

    @Test
    void badRegistrationsAreRefusedPlainly() {
        assertThat(register("no-such-event", "ana", "ana@example.com").status()).isEqualTo(404);
        Http.Response noEmail = register(HOUSTON, "ana", "not an address");
        assertThat(noEmail.status()).isEqualTo(400);
        assertThat(noEmail.json().path("message").asString()).contains("email must be an email address");
        assertThat(register(HOUSTON, " ", "x@example.com").json().path("message").asString()).contains("name is required");
        assertThat(http.send(http.request("/api/events/" + HOUSTON + "/registrations/nonsense").DELETE()).status()).isEqualTo(404);
        clock.set(java.time.ZonedDateTime.of(2026, 12, 11, 9, 0, 0, 0, java.time.ZoneId.of("America/Chicago")));
        assertThat(register(HOUSTON, "late", "late@example.com").json().path("message").asString()).contains("is over");
    }

    @Test
    void theCalendarFileIsOneACalendarReads() throws Exception {
        Http.Response response = http.get("/api/events/" + HOUSTON + ".ics");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Content-Type")).startsWith("text/calendar");
        Calendar calendar = new CalendarBuilder().build(new StringReader(response.body()));
        VEvent event = (VEvent) calendar.getComponents("VEVENT").getFirst();
        assertThat(value(event, "SUMMARY")).isEqualTo("Becoming a U.S. citizen: the naturalization process");
        assertThat(value(event, "DTSTART")).isEqualTo("20261210T160000Z");
        assertThat(value(event, "LOCATION")).contains("Houston Field Office", "810 Gears Road");
        assertThat(value(event, "DESCRIPTION")).contains("cannot discuss individual cases");
    }

    @Test
    void aPastEventKeepsItsNotesAndMaterialsAndTakesNoRegistrations() {
        JsonNode tps = http.get("/api/events?topic=humanitarian&lang=es").json().path("events").get(0);

        assertThat(tps.path("afterwards").path("notes").asString()).startsWith("Explicamos quién puede volver a inscribirse");
        assertThat(tps.path("afterwards").path("materials").get(0).path("title").asString()).isEqualTo("Diapositivas (PDF)");
        assertThat(register("tps-info-session-2026-11", "ana", "ana@example.com").json().path("message").asString())
                .contains("is over");
    }

    @Test
    void everyEventIsInOneCalendarFeed() throws Exception {
        Calendar feed = new CalendarBuilder().build(new StringReader(http.get("/api/events.ics?lang=es").body()));

        assertThat(feed.getComponents("VEVENT")).hasSize(4);
        assertThat(feed.getComponents("VEVENT")).extracting(c -> value((VEvent) c, "SUMMARY"))
                .contains("Renovaciones de DACA: qué presentar y cuándo");
    }

    private static String value(VEvent event, String property) {
        return event.<net.fortuna.ical4j.model.Property>getProperty(property).orElseThrow().getValue();
    }
}
