package org.caseline.ivr;

import java.util.ArrayList;
import java.util.List;

import org.caseline.support.CaseLineTest;
import org.caseline.support.Http;
import org.caseline.support.WebPhone;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** A caller on the web phone presses the keys the published guides give, and hears the answers. */
@CaseLineTest
class SimulatorApiTest {

    @LocalServerPort
    int port;

    Http http;
    WebPhone phone;

    @BeforeEach
    void connect() {
        http = new Http(port);
        phone = new WebPhone(http, "tier1");
    }

    private JsonNode dial(String line) {
        return phone.dial(line);
    }

    private JsonNode press(String callId, String keys) {
        return phone.press(callId, keys);
    }

    private static String heard(JsonNode turn) {
        return WebPhone.heard(turn);
    }

    @Test
    void caseStatusByTheSeedsKeys() {
        String call = dial("1-800-375-5283").get("callId").asString();

        assertThat(heard(press(call, "1"))).contains("To check the status of your case, or ask about a petition you filed, press 1");
        assertThat(heard(press(call, "1"))).contains("If you know your receipt number, press 1");
        assertThat(heard(press(call, "1"))).contains("enter your 13-character receipt number");
        assertThat(heard(press(call, "3222590000101"))).contains("You entered E A C 2 5 9 0 0 0 0 1 0 1");
        JsonNode status = press(call, "1");

        assertThat(heard(status)).contains("The status of your case is: Case Was Received.", "Form I-130");
        assertThat(status.get("state").asString()).isEqualTo("IN_PROGRESS");
        assertThat(status.get("node").asString()).isEqualTo("after-status");
    }

    @org.springframework.beans.factory.annotation.Autowired
    org.caseline.servicerequests.ServiceRequests requests;
    @org.springframework.beans.factory.annotation.Autowired
    org.caseline.cases.CaseIngestion ingestion;

    @Test
    void aCallerKeysTheirServiceRequestReferenceAndHearsWhereItStands() {
        String receipt = "EAC2693" + (100_000 + java.util.concurrent.ThreadLocalRandom.current().nextInt(800_000));
        ingestion.upsert(new org.caseline.cases.ReceiptNumber(receipt), new org.caseline.cases.CaseIngestion.CaseData("I-130",
                java.time.LocalDate.of(2025, 3, 3), "VSC", null, false, null, null));
        var filed = requests.file(new org.caseline.servicerequests.ServiceRequests.Filing("typographical-error", receipt,
                java.util.Map.of("document", "Receipt notice", "field", "Name", "shown", "Jon", "correct", "John"),
                new org.caseline.servicerequests.ServiceRequest.Requester("John Doe", "john@example.com", null, null, "en"),
                org.caseline.servicerequests.Channel.TIER1, "tier1", null, null));
        String reference = filed.reference().value();
        String call = dial("1-800-375-5283").get("callId").asString();
        press(call, "1"); // English
        assertThat(heard(press(call, "1"))).contains("To hear where a service request stands, press 3");
        assertThat(heard(press(call, "3"))).contains("Enter the 8 digits of your service request reference");
        String wrong = reference.substring(0, 7) + (char) ('0' + (reference.charAt(7) - '0' + 1) % 10);
        assertThat(heard(press(call, wrong))).contains("That is not a reference we give");

        assertThat(heard(press(call, reference))).contains("You entered " + String.join(" ", reference.split("")));
        String status = heard(press(call, "1"));

        assertThat(status).contains("Your request, Typographical error on a notice or card, is open.",
                "will answer by " + org.caseline.platform.Languages.longDate(filed.dueDate(), java.util.Locale.ENGLISH));
    }

    @Test
    void aCallerKeysTheirZipCodeAndHearsTheOfficeTheWebsiteGivesForIt() {
        String call = dial("1-800-375-5283").get("callId").asString();
        press(call, "1"); // English
        assertThat(heard(press(call, "4"))).contains("To find the office that serves you, press 1");
        assertThat(heard(press(call, "1"))).contains("enter the 5 digits of your ZIP code");
        assertThat(heard(press(call, "77002"))).contains("You entered 7 7 0 0 2");

        String office = heard(press(call, "1"));

        assertThat(office).contains("The office that serves your ZIP code is the Houston Field Office, at 810 Gears Road,"
                + " Houston, TX 77067. It is open Monday to Friday, 7:30 a.m. to 3:30 p.m., by appointment only.");
        assertThat(http.get("/api/offices?zip=77002").json().path("fieldOffice").path("name").asString())
                .as("the same office as the API's").isEqualTo("Houston Field Office");
    }

    @Test
    void aFormWeDoNotMailIsSaidSoAndANumberNoFormHasIsSaidToo() {
        String call = dial("1-800-375-5283").get("callId").asString();
        press(call, "1"); // English
        press(call, "2"); // forms
        assertThat(heard(press(call, "2"))).contains("Enter the number of the form, without its letter");
        press(call, "140#");
        JsonNode notMailed = press(call, "1");

        assertThat(heard(notMailed)).contains("Form I-140, Immigrant Petition for Alien Workers, is not mailed on paper.",
                "To have a paper copy of a form mailed to you, press 2");
        assertThat(notMailed.get("node").asString()).isEqualTo("after-forms");
        press(call, "2");
        press(call, "999#");
        assertThat(heard(press(call, "1"))).contains("We did not find a form with that number.");
    }

    @Test
    void aSpanishCallerHearsTheFormTheyKeyed() {
        String call = dial("1-800-375-5283").get("callId").asString();
        press(call, "2"); // español
        press(call, "2"); // formularios
        assertThat(heard(press(call, "2"))).contains("Marque el número del formulario, sin su letra");
        press(call, "821#");

        assertThat(heard(press(call, "1"))).contains("El Formulario I-821D, Consideración de Acción Diferida para los Llegados en la Infancia, no se envía en papel");
    }

    @org.springframework.beans.factory.annotation.Autowired
    org.caseline.appointments.Appointments appointments;

    @Test
    void aCallerHearsTheirBiometricsAppointmentAndMovesItToAnEarlierTimeByKeypadWithinTheRules() {
        String receipt = "EAC2694" + (100_000 + java.util.concurrent.ThreadLocalRandom.current().nextInt(800_000));
        ingestion.upsert(new org.caseline.cases.ReceiptNumber(receipt), new org.caseline.cases.CaseIngestion.CaseData("I-485",
                java.time.LocalDate.of(2025, 3, 3), "NBC", null, false, null, null));
        java.time.ZoneId newYork = java.time.ZoneId.of("America/New_York");
        java.time.LocalDate day = java.time.LocalDate.now(newYork).plusWeeks(3);
        while (!org.caseline.platform.FederalHolidays.isBusinessDay(day)) {
            day = day.plusDays(1);
        }
        var booked = appointments.book(receipt, "BOSA", "biometrics", day.atTime(15, 45).atZone(newYork).toInstant(), null, "case system");

        String call = dial("1-800-375-5283").get("callId").asString();
        press(call, "1"); // English
        press(call, "4");
        assertThat(heard(press(call, "2"))).contains("enter your 13-character receipt number");
        press(call, "322" + receipt.substring(3));
        String heard = heard(press(call, "1"));
        assertThat(heard).contains("Your Biometrics (fingerprints, photo, signature) appointment is on",
                "at 3:45 PM, at the Boston Application Support Center", "press 1", "press 2", "press 3", "To keep your appointment, press 8");
        String moved = heard(press(call, "1"));
        assertThat(moved).contains("Done. Your appointment is now on", "Please write down your appointment reference");

        var now = appointments.find(booked.id()).orElseThrow();
        assertThat(now.start()).as("earlier than it was").isBefore(booked.start());
        assertThat(now.reschedules()).isEqualTo(1);
        assertThat(moved).contains(org.caseline.ivr.engine.Interpreter.spell(now.reference()));

        // the rules hold on the phone as online: a second move, then no third
        appointments.reschedule(booked.id(), null, day.atTime(15, 30).atZone(newYork).toInstant(), "tier2");
        String again = dial("1-800-375-5283").get("callId").asString();
        press(again, "1");
        press(again, "4");
        press(again, "2");
        press(again, "322" + receipt.substring(3));
        assertThat(heard(press(again, "1"))).contains("This appointment was changed twice already");
    }

    @Test
    void aZipCodeThatDoesNotExistIsSaidSoInSpanish() {
        String call = dial("1-800-375-5283").get("callId").asString();
        press(call, "2"); // español
        press(call, "4");
        press(call, "1");
        press(call, "00000");

        assertThat(heard(press(call, "1"))).contains("No encontramos ese código postal", "Las citas en una oficina local");
    }

    @Test
    void theSameInSpanish() {
        String call = dial("18003755283").get("callId").asString();

        assertThat(heard(press(call, "2"))).contains("Menú principal");
        press(call, "11");
        press(call, "7722590000606");
        JsonNode status = press(call, "1");

        assertThat(heard(status)).contains("El estado de su caso es: Tarjeta Me Fue Entregada por la Oficina de Correos.");
        assertThat(status.get("prompts").get(0).get("language").asString()).isEqualTo("es");
    }

    @Test
    void aCallerWithoutAReceiptNumberLearnsWhereToFindIt() {
        String call = dial("18003755283").get("callId").asString();

        assertThat(heard(press(call, "112"))).contains("receipt notice we mailed you");
    }

    @Test
    void threeUnrecognisedNumbersOfferAPerson() {
        String call = dial("18003755283").get("callId").asString();
        press(call, "111");

        assertThat(heard(press(call, "1111111111111"))).contains("not a receipt number we recognize");
        press(call, "1111111111111");
        JsonNode third = press(call, "1111111111111");

        assertThat(heard(third)).contains("trouble understanding");
        assertThat(third.get("state").asString()).isIn("TRANSFERRED", "IN_PROGRESS");
        assertThat(third.get("transferQueue").isNull() ? third.get("node").asString() : third.get("transferQueue").asString())
                .isIn("general-en", "after-info");
    }

    @Test
    void aWrongReadBackCanBeKeyedAgain() {
        String call = dial("18003755283").get("callId").asString();
        press(call, "111");
        press(call, "3222590000101");

        assertThat(heard(press(call, "2"))).contains("enter your 13-character receipt number");
        assertThat(heard(press(call, "7722590000606"))).contains("S R C");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "18003755283 | Thank you for calling U.S. Citizenship and Immigration Services",
            "18007671833 | Thank you for calling U.S. Citizenship and Immigration Services",
            "18772474645 | Military Help Line",
            "18663155718 | Premium Processing line"})
    void everyLineAnswersWithItsOwnWelcomeAndTheLanguageChoice(String line, String welcome) {
        JsonNode turn = dial(line);

        assertThat(heard(turn)).contains(welcome, "For English, press 1. Para español, oprima 2.");
        assertThat(turn.get("listenForKeys").asInt()).isEqualTo(1);
    }

    @Test
    void theCallRecordShowsThePathWithTheReceiptMasked() {
        String call = dial("18003755283").get("callId").asString();
        press(call, "111");
        press(call, "3222590000101");
        press(call, "1");
        JsonNode end = press(call, "3");
        assertThat(end.get("state").asString()).isEqualTo("ENDED");

        var record = http.send(http.request("/api/calls/" + call).header("Authorization", Http.basic("tier1", "demo")).GET());

        assertThat(record.status()).isEqualTo(200);
        JsonNode body = record.json();
        assertThat(body.get("lineName").asString()).isEqualTo("Contact Center");
        assertThat(body.get("outcome").asString()).isEqualTo("SELF_SERVICE");
        assertThat(body.get("language").asString()).isEqualTo("en");
        List<String> nodes = new ArrayList<>();
        body.get("steps").forEach(s -> {
            if ("NODE".equals(s.get("kind").asString())) {
                nodes.add(s.get("detail").asString());
            }
        });
        assertThat(nodes).containsSubsequence("welcome", "choose-language", "set-english", "main-menu",
                "case-status-menu", "enter-receipt", "speak-status", "after-status", "goodbye");
        assertThat(record.body()).doesNotContain("EAC2590000101", "E A C 2 5 9 0 0 0 0 1 0 1", "3222590000101")
                .contains("*********0101", "Case Was Received");
    }

    @Test
    void callRecordsCanBeListedByLineAndOutcome() {
        String call = dial("18663155718").get("callId").asString();
        http.send(http.request("/api/sim/calls/" + call).header("Authorization", Http.basic("tier1", "demo")).DELETE());

        var list = http.send(http.request("/api/calls?line=1-866-315-5718&outcome=ABANDONED")
                .header("Authorization", Http.basic("tier1", "demo")).GET());

        assertThat(list.status()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        list.json().forEach(c -> ids.add(c.get("id").asString()));
        assertThat(ids).contains(call);
        list.json().forEach(c -> assertThat(c.get("lineNumber").asString()).isEqualTo("18663155718"));
    }

    @Test
    void mistakesAreClientErrors() {
        assertThat(http.sendJson("POST", "/api/sim/calls", "{\"line\": \"18005551212\"}", "tier1", "demo").status()).isEqualTo(404);
        assertThat(http.sendJson("POST", "/api/sim/calls", "{}", "tier1", "demo").status()).isEqualTo(422);
        assertThat(http.sendJson("POST", "/api/sim/calls", "not json", "tier1", "demo").status()).isEqualTo(400);
        String call = dial("18003755283").get("callId").asString();
        assertThat(http.sendJson("POST", "/api/sim/calls/" + call + "/keys", "{\"keys\": \"1a\"}", "tier1", "demo").status()).isEqualTo(422);
        assertThat(http.sendJson("POST", "/api/sim/calls/no-such-call/keys", "{\"keys\": \"1\"}", "tier1", "demo").status()).isEqualTo(404);
        assertThat(http.sendJson("POST", "/api/sim/calls", "{\"line\": \"18003755283\"}", "tier1", "wrong").status()).isEqualTo(401);
        assertThat(http.send(http.request("/api/calls?outcome=MAYBE").header("Authorization", Http.basic("tier1", "demo")).GET())
                .status()).isEqualTo(422);
        assertThat(http.send(http.request("/api/calls?from=yesterday").header("Authorization", Http.basic("tier1", "demo")).GET())
                .status()).isEqualTo(400);
    }
}
