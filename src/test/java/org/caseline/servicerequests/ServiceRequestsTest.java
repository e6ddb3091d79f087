package org.caseline.servicerequests;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.caseline.cases.CaseIdentities;
import org.caseline.cases.CaseIngestion;
import org.caseline.cases.ReceiptNumber;
import org.caseline.cases.StaffCaseReads;
import org.caseline.messaging.mail.EmbeddedMailServer;
import org.caseline.platform.FederalHolidays;
import org.caseline.support.CaseLineTest;
import org.caseline.support.Http;
import org.caseline.support.Mailbox;
import org.caseline.support.MovableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Service requests over the API against real PostgreSQL: an agent files for a caller, the office
 * that holds the case works it against its business days, the requester reads the answer; rules,
 * duplicates and bad input are refused plainly and change nothing.
 */
@CaseLineTest
@Import(MovableClock.Settable.class)
class ServiceRequestsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final ZoneId EASTERN = ZoneId.of("America/New_York");
    private static final AtomicInteger NEXT = new AtomicInteger(0);

    @LocalServerPort
    int port;
    @Autowired
    MovableClock clock;
    @Autowired
    CaseIngestion ingestion;
    @Autowired
    CaseIdentities identities;
    @Autowired
    StaffCaseReads caseReads;
    @Autowired
    EmbeddedMailServer mail;

    Http http;

    @BeforeEach
    void before() {
        clock.set(ZonedDateTime.of(2026, 12, 1, 10, 0, 0, 0, EASTERN));
        http = new Http(port);
    }

    /** A case of the Vermont Service Center, received on {@code received}, with these statuses since. */
    private String aCase(LocalDate received, String... statusesAndDaysAgo) {
        String receipt = "EAC2690%06d".formatted(100_000 + NEXT.incrementAndGet() + (int) (System.nanoTime() % 800_000));
        ReceiptNumber number = new ReceiptNumber(receipt);
        ingestion.upsert(number, new CaseIngestion.CaseData("I-485", received, "VSC", null, false, null, null));
        for (int i = 0; i < statusesAndDaysAgo.length; i += 2) {
            Instant at = clock.instant().minus(Duration.ofDays(Long.parseLong(statusesAndDaysAgo[i + 1])));
            ingestion.append(number, new CaseIngestion.StatusEvent(UUID.randomUUID().toString(), statusesAndDaysAgo[i], at));
        }
        return receipt;
    }

    private Http.Response file(String user, String type, String receipt, Map<String, String> fields, String email) {
        Map<String, Object> body = Map.of("type", type, "receiptNumber", receipt, "fields", fields,
                "requester", Map.of("name", "Maria Garcia", "email", email, "language", "en"));
        return http.sendJson("POST", "/api/service-requests", JSON.writeValueAsString(body), user, "demo");
    }

    private Http.Response as(String user, String method, String path, Map<String, String> body) {
        return http.sendJson(method, path, JSON.writeValueAsString(body), user, "demo");
    }

    private static String someone() {
        return "requester-" + UUID.randomUUID() + "@example.com";
    }

    @Test
    void anAgentFilesForACallerGetsAReferenceToReadBackAndTheDueDateInTheOfficesBusinessDays() {
        String receipt = aCase(LocalDate.of(2023, 5, 2));
        String email = someone();

        Http.Response filed = file("tier1", "outside-processing-time", receipt, Map.of(), email);

        assertThat(filed.status()).as(filed.body()).isEqualTo(201);
        JsonNode body = filed.json();
        String reference = body.path("reference").asString();
        assertThat(reference).hasSize(8).containsOnlyDigits();
        assertThat(ServiceReference.parse(reference).value()).isEqualTo(reference);
        assertThat(body.path("office").asString()).isEqualTo("VSC");
        assertThat(body.path("status").asString()).isEqualTo("OPEN");
        assertThat(body.path("dueDate").asString()).isEqualTo(FederalHolidays.addBusinessDays(LocalDate.of(2026, 12, 1), 15).toString())
                .isEqualTo("2026-12-22");

        Http.Response again = file("tier2", "outside-processing-time", receipt, Map.of(), someone());
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().path("duplicate").asBoolean()).isTrue();
        assertThat(again.json().path("reference").asString()).isEqualTo(reference);

        Mailbox.Received confirmation = new Mailbox(mail.host(), mail.imapPort(), email).awaitMails(1).getFirst();
        assertThat(confirmation.subject()).isEqualTo("We received your service request " + reference);
        assertThat(confirmation.body()).contains("December 22, 2026", "/service-requests/status?reference=" + reference)
                .doesNotContain(receipt);
    }

    @Test
    void aRequestFiledTheMondayBeforeThanksgivingIsDueAfterTheHolidayAndThreeWeekends() {
        clock.set(ZonedDateTime.of(2026, 11, 23, 9, 0, 0, 0, EASTERN));
        String receipt = aCase(LocalDate.of(2024, 1, 10));

        assertThat(file("tier1", "typographical-error", receipt, Map.of("document", "Receipt notice", "field", "Name",
                "shown", "Mria", "correct", "Maria"), someone()).json().path("dueDate").asString()).isEqualTo("2026-12-15");
    }

    @Test
    void eachTypesRulesAreCheckedAgainstTheCaseAndExplained() {
        Http.Response tooSoon = file("tier1", "outside-processing-time", aCase(LocalDate.of(2026, 11, 2)), Map.of(), someone());
        assertThat(tooSoon.status()).isEqualTo(422);
        assertThat(tooSoon.json().path("code").asString()).isEqualTo("not-eligible");
        assertThat(tooSoon.json().path("problems").get(0).path("message").asString()).startsWith("This case is still within the normal processing time");

        Map<String, String> address = Map.of("mailing-address", "12 Elm Street, Burlington, VT 05401");
        Http.Response notMailed = file("tier1", "card-not-received", aCase(LocalDate.of(2025, 1, 6)), address, someone());
        assertThat(notMailed.json().path("problems").get(0).path("code").asString()).isEqualTo("not-mailed");
        Http.Response recent = file("tier1", "card-not-received", aCase(LocalDate.of(2025, 1, 6), "CARD_MAILED", "10"), address, someone());
        assertThat(recent.json().path("problems").get(0).path("message").asString()).contains("Mail can take up to 30 days");
        assertThat(file("tier1", "card-not-received", aCase(LocalDate.of(2025, 1, 6), "CARD_MAILED", "40"), address, someone()).status())
                .isEqualTo(201);

        String tomorrowMorning = "2026-12-02T08:00";
        String nextWeek = "2026-12-08T09:00";
        Map<String, String> reason = Map.of("reason", "I am in hospital");
        assertThat(file("tier1", "biometrics-reschedule", aCase(LocalDate.of(2026, 10, 1), "BIOMETRICS_SCHEDULED", "20"),
                with(reason, "appointment", "2026-11-30T09:00"), someone()).json().path("problems").get(0).path("code").asString())
                .isEqualTo("appointment-passed");
        assertThat(file("tier1", "biometrics-reschedule", aCase(LocalDate.of(2026, 10, 1), "BIOMETRICS_SCHEDULED", "20"),
                with(reason, "appointment", "2026-12-01T20:00"), someone()).json().path("problems").get(0).path("code").asString())
                .isEqualTo("appointment-too-close");
        assertThat(file("tier1", "biometrics-reschedule", aCase(LocalDate.of(2026, 10, 1), "BIOMETRICS_RESCHEDULE_RECEIVED", "30",
                "BIOMETRICS_RESCHEDULE_RECEIVED", "20", "BIOMETRICS_SCHEDULED", "10"), with(reason, "appointment", nextWeek), someone())
                .json().path("problems").get(0).path("code").asString()).isEqualTo("rescheduled-enough");
        assertThat(file("tier1", "biometrics-reschedule", aCase(LocalDate.of(2026, 10, 1), "BIOMETRICS_SCHEDULED", "20"),
                with(reason, "appointment", tomorrowMorning), someone()).status()).isEqualTo(201);
    }

    @Test
    void badInputGetsASpecificAnswerAndFilesNothing() {
        String receipt = aCase(LocalDate.of(2023, 5, 2));

        assertThat(file("tier1", "lost-passport", receipt, Map.of(), someone()).json().path("code").asString()).isEqualTo("unknown-type");
        Http.Response missing = file("tier1", "typographical-error", receipt, Map.of("field", "Name"), someone());
        assertThat(missing.status()).isEqualTo(422);
        assertThat(missing.json().path("problems").valueStream().map(p -> p.path("field").asString()))
                .containsExactly("document", "shown", "correct");
        assertThat(file("tier1", "outside-processing-time", "EAC2690999999", Map.of(), someone()).status()).isEqualTo(404);
        assertThat(file("tier1", "outside-processing-time", "EAC26", Map.of(), someone()).json().path("problems").get(0)
                .path("field").asString()).isEqualTo("receiptNumber");
        assertThat(file("tier1", "officer-callback", receipt, Map.of("phone", "2025550123", "question", "?"), someone()).status())
                .as("only Tier 2 asks for an officer's call").isEqualTo(403);
        assertThat(file("tier1", "outside-processing-time", receipt, Map.of(), "not-an-address").json().path("problems").get(0)
                .path("field").asString()).isEqualTo("requester.email");
        assertThat(http.getAs("/api/service-requests/12345678", "tier1", "demo").json().path("message").asString())
                .contains("a digit is wrong or two are swapped");
        assertThat(http.getAs("/api/offices/VSC/service-requests", "tier1", "demo").status()).isEqualTo(403);
        assertThat(http.getAs("/api/offices/NSC/service-requests", "vsc", "demo").status()).as("another office's list").isEqualTo(403);
        // none of it was filed: the case's first request is still a new one
        assertThat(file("tier1", "outside-processing-time", receipt, Map.of(), someone()).status()).isEqualTo(201);
    }

    @Test
    void theOfficeThatHoldsTheCaseClaimsAsksWaitsAnswersAndTheRequesterReadsTheAnswer() {
        String receipt = aCase(LocalDate.of(2023, 5, 2));
        String email = someone();
        String reference = file("tier2", "outside-processing-time", receipt, Map.of("details", "Waiting since 2023"), email)
                .json().path("reference").asString();

        JsonNode list = http.getAs("/api/offices/VSC/service-requests?status=OPEN&limit=200", "vsc", "demo").json();
        assertThat(list.path("requests").valueStream().map(r -> r.path("reference").asString())).contains(reference);
        assertThat(as("vsc", "POST", "/api/service-requests/" + reference + "/claim", Map.of()).json().path("claimedBy").asString())
                .isEqualTo("vsc");
        JsonNode waiting = as("vsc", "POST", "/api/service-requests/" + reference + "/information-request",
                Map.of("text", "Please send your latest employment authorization card.")).json();
        assertThat(waiting.path("status").asString()).isEqualTo("WAITING");
        assertThat(http.get("/api/service-requests/" + reference + "/status?email=" + email).json().path("question").asString())
                .isEqualTo("Please send your latest employment authorization card.");

        clock.advance(Duration.ofDays(3)); // Friday 4 December: three business days waited
        JsonNode resumed = as("vsc", "POST", "/api/service-requests/" + reference + "/information", Map.of("text", "Card copy by mail")).json();
        assertThat(resumed.path("dueDate").asString()).as("the clock stopped while it waited").isEqualTo("2026-12-28");

        JsonNode answered = as("vsc", "POST", "/api/service-requests/" + reference + "/answer",
                Map.of("text", "Your case is with an officer; expect a decision within 30 days.", "outcome", "ACTION_TAKEN")).json();
        assertThat(answered.path("status").asString()).isEqualTo("CLOSED");
        assertThat(as("vsc", "POST", "/api/service-requests/" + reference + "/claim", Map.of()).status()).isEqualTo(409);

        JsonNode seen = http.get("/api/service-requests/" + reference + "/status?email=" + email.toUpperCase()).json();
        assertThat(seen.path("answer").asString()).startsWith("Your case is with an officer");
        assertThat(seen.path("outcome").asString()).isEqualTo("ACTION_TAKEN");
        assertThat(seen.has("receiptNumber")).as("the public view says nothing of the case").isFalse();
        assertThat(http.get("/api/service-requests/" + reference + "/status?email=someone-else@example.com").status()).isEqualTo(404);
        assertThat(new Mailbox(mail.host(), mail.imapPort(), email).awaitMails(3)).extracting(Mailbox.Received::subject)
                .contains("There is an answer to your service request " + reference);
    }

    @Test
    void aReferralMovesTheRequestWithItsHistoryAndTheFirstOfficeNoLongerSeesIt() {
        String reference = file("tier1", "outside-processing-time", aCase(LocalDate.of(2023, 5, 2)), Map.of(), someone())
                .json().path("reference").asString();

        assertThat(as("vsc", "POST", "/api/service-requests/" + reference + "/refer", Map.of("office", "NOWHERE")).status()).isEqualTo(422);
        JsonNode referred = as("vsc", "POST", "/api/service-requests/" + reference + "/refer", Map.of("office", "NSC")).json();
        assertThat(referred.path("office").asString()).isEqualTo("NSC");

        assertThat(http.getAs("/api/service-requests/" + reference, "vsc", "demo").status()).isEqualTo(404);
        JsonNode atNsc = http.getAs("/api/service-requests/" + reference, "nsc", "demo").json();
        assertThat(atNsc.path("history").valueStream().map(s -> s.path("action").asString())).containsExactly("filed", "referred");
        assertThat(atNsc.path("history").get(1).path("detail").asString()).isEqualTo("VSC -> NSC");
        assertThat(caseReads.audit("nsc", null, 10)).extracting(StaffCaseReads.AuditEntry::purpose)
                .contains("service request " + reference);
    }

    @Test
    void aRequestPastItsDueDateIsFlaggedOnTheWorkListAndCountedForSupervisors() {
        String reference = file("tier1", "outside-processing-time", aCase(LocalDate.of(2023, 5, 2)), Map.of(), someone())
                .json().path("reference").asString();
        clock.advance(Duration.ofDays(30)); // past its 15 business days

        JsonNode vsc = http.getAs("/api/service-requests/figures", "supervisor", "demo").json().path("offices").valueStream()
                .filter(o -> o.path("office").asString().equals("VSC")).findFirst().orElseThrow();
        assertThat(vsc.path("overdue").asInt()).isPositive();
        assertThat(http.getAs("/api/service-requests/due?withinDays=2", "supervisor", "demo").json().path("requests").valueStream()
                .filter(r -> r.path("reference").asString().equals(reference)).findFirst().orElseThrow().path("overdue").asBoolean()).isTrue();
        assertThat(http.getAs("/api/offices/VSC/service-requests?limit=200", "vsc", "demo").json().path("requests").valueStream()
                .filter(r -> r.path("reference").asString().equals(reference)).findFirst().orElseThrow().path("overdue").asBoolean()).isTrue();
        assertThat(http.getAs("/api/service-requests/due", "vsc", "demo").status()).as("the list across offices").isEqualTo(403);
    }

    private static Map<String, String> with(Map<String, String> fields, String name, String value) {
        var all = new java.util.HashMap<>(fields);
        all.put(name, value);
        return all;
    }
}
