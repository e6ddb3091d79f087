package org.caseline.telephony;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.caseline.cases.CaseStatusService;
import org.caseline.platform.Languages;
import org.caseline.support.KeypadCapture;
import org.caseline.support.KeypadCapture.Press;
import org.caseline.support.PhoneTest;
import org.caseline.support.Sipp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real calls from SIPp to each line: the caller keys 1 (English), 1 (case status), 1 (I know
 * my receipt number), the 13 digits, 1 to confirm, and 3 to end the call; the call record shows
 * that path and the case status that was spoken, and the line's media facts.
 */
class SippCallsTest extends PhoneTest {

    @Autowired
    CaseStatusService cases;

    @ParameterizedTest(name = "{0}: case status by RFC 4733 keys")
    @CsvSource({
            "18003755283, EAC2590000101, 3222590000101",
            "18007671833, IOE2590000202, 4632590000202",
            "18772474645, LIN2590000303, 5462590000303",
            "18663155718, MSC2590000404, 6722590000404"})
    void eachLineReachesCaseStatusByKeypad(String line, String receipt, String keys) throws IOException {
        String callId = "sipp-" + UUID.randomUUID();
        Path capture = Files.createTempFile("keys", ".pcap");
        KeypadCapture.telephoneEvents(capture, caseStatusThenHangUp('1', keys));

        Sipp.Result result = Sipp.call("call-keys-rfc4733.xml", Map.of("KEYS", capture.toString(), "WAIT", "60000"),
                line, SIP_PORT, callId);

        assertThat(result.succeeded()).as(result.output()).isTrue();
        JsonNode call = callRecord(callId);
        assertThat(call.path("lineNumber").asString()).isEqualTo(line);
        assertThat(call.path("outcome").asString()).isEqualTo("SELF_SERVICE");
        assertThat(nodes(call)).containsSubsequence("choose-language", "case-status-menu", "enter-receipt",
                "speak-status", "after-status", "goodbye");
        String title = cases.findStatus(cases.parseReceipt(receipt)).orElseThrow().title(Languages.ENGLISH);
        assertThat(prompts(call)).anySatisfy(p -> assertThat(p).startsWith("The status of your case is: " + title));
        JsonNode media = call.path("media");
        assertThat(media.path("codec").asString()).isEqualTo("PCMU");
        assertThat(media.path("digitMethods").toString()).isEqualTo("[\"rfc4733\"]");
        assertThat(media.path("hungUpBy").asString()).isEqualTo("caseline");
        assertThat(media.path("packetsSent").asLong()).as("about 50 packets a second of prompts and silence")
                .isGreaterThan(300);
        assertThat(media.path("packetsReceived").asLong()).as("18 keys, 8 packets each").isEqualTo(18L * 8);
    }

    @Test
    void aSpanishCallerHearsTheStatusInSpanish() throws IOException {
        String callId = "sipp-" + UUID.randomUUID();
        Path capture = Files.createTempFile("keys", ".pcap");
        KeypadCapture.telephoneEvents(capture, caseStatusThenHangUp('2', "3222590000101"));

        Sipp.Result result = Sipp.call("call-keys-rfc4733.xml", Map.of("KEYS", capture.toString(), "WAIT", "60000"),
                "18003755283", SIP_PORT, callId);

        assertThat(result.succeeded()).as(result.output()).isTrue();
        JsonNode call = callRecord(callId);
        assertThat(call.path("language").asString()).isEqualTo("es");
        String title = cases.findStatus(cases.parseReceipt("EAC2590000101")).orElseThrow().title(Languages.SPANISH);
        assertThat(prompts(call)).anySatisfy(p -> assertThat(p).startsWith("El estado de su caso es: " + title));
    }

    @Test
    void aCallOverTcpWorksTheSame() throws IOException {
        String callId = "tcp-" + UUID.randomUUID();
        Path capture = Files.createTempFile("keys", ".pcap");
        KeypadCapture.telephoneEvents(capture, caseStatusThenHangUp('1', "3222590000101"));

        Sipp.Result result = Sipp.call("call-keys-rfc4733.xml", Map.of("KEYS", capture.toString(), "WAIT", "60000"),
                "18003755283", SIP_PORT, callId, "-t", "t1");

        assertThat(result.succeeded()).as(result.output()).isTrue();
        JsonNode call = callRecord(callId);
        assertThat(call.path("media").path("transport").asString()).isEqualTo("TCP");
        assertThat(nodes(call)).containsSubsequence("enter-receipt", "speak-status", "goodbye");
    }

    @Test
    void aCallerKeysTheirZipCodeAndHearsTheFieldOfficeThatServesIt() throws IOException {
        String callId = "sipp-zip-" + UUID.randomUUID();
        Path capture = Files.createTempFile("keys", ".pcap");
        // 1 English, 4 offices and appointments, 1 find an office, the ZIP code, 1 it is right; then, after the office, 3 to end
        List<Press> presses = new ArrayList<>(List.of(new Press('1', 0), new Press('4', 1000), new Press('1', 1800)));
        presses.addAll(KeypadCapture.evenly("33130", 2800, 250));
        presses.add(new Press('1', 5000));
        presses.add(new Press('3', 20000));
        KeypadCapture.telephoneEvents(capture, presses);

        Sipp.Result result = Sipp.call("call-keys-rfc4733.xml", Map.of("KEYS", capture.toString(), "WAIT", "60000"),
                "18003755283", SIP_PORT, callId);

        assertThat(result.succeeded()).as(result.output()).isTrue();
        JsonNode call = callRecord(callId);
        assertThat(nodes(call)).containsSubsequence("main-menu", "offices-menu", "offices", "office-for-zip", "offices-info", "after-info");
        assertThat(prompts(call)).anySatisfy(p -> assertThat(p)
                .startsWith("The office that serves your ZIP code is the Miami Field Office, at 8801 NW 7th Avenue, Miami, FL 33150."));
    }

    @Autowired
    org.caseline.appointments.Appointments appointments;
    @Autowired
    org.caseline.cases.CaseIngestion ingestion;

    @Test
    void aCallerMovesTheirBiometricsAppointmentToAnEarlierTimeByKeypad() throws IOException {
        String receipt = "EAC2695" + (100_000 + java.util.concurrent.ThreadLocalRandom.current().nextInt(800_000));
        ingestion.upsert(new org.caseline.cases.ReceiptNumber(receipt), new org.caseline.cases.CaseIngestion.CaseData("I-485",
                java.time.LocalDate.of(2025, 3, 3), "NBC", null, false, null, null));
        java.time.ZoneId newYork = java.time.ZoneId.of("America/New_York");
        java.time.LocalDate day = java.time.LocalDate.now(newYork).plusWeeks(4);
        while (!org.caseline.platform.FederalHolidays.isBusinessDay(day)) {
            day = day.plusDays(1);
        }
        var booked = appointments.book(receipt, "BOSA", "biometrics", day.atTime(15, 45).atZone(newYork).toInstant(), null, "case system");
        String callId = "sipp-biometrics-" + UUID.randomUUID();
        Path capture = Files.createTempFile("keys", ".pcap");
        // 1 English, 4 offices and appointments, 2 biometrics, the receipt number, 1 it is right, 1 the first earlier time; 3 to end
        List<Press> presses = new ArrayList<>(List.of(new Press('1', 0), new Press('4', 1000), new Press('2', 2000)));
        presses.addAll(KeypadCapture.evenly("322" + receipt.substring(3), 3000, 250));
        presses.add(new Press('1', 7000));
        presses.add(new Press('1', 12000));
        presses.add(new Press('3', 20000));
        KeypadCapture.telephoneEvents(capture, presses);

        Sipp.Result result = Sipp.call("call-keys-rfc4733.xml", Map.of("KEYS", capture.toString(), "WAIT", "90000"),
                "18003755283", SIP_PORT, callId);

        assertThat(result.succeeded()).as(result.output()).isTrue();
        JsonNode call = callRecord(callId);
        assertThat(nodes(call)).containsSubsequence("offices-menu", "biometrics-receipt", "biometrics-appointment", "biometrics-earlier",
                "biometrics-choose", "move-to-1", "after-info", "goodbye");
        var moved = appointments.find(booked.id()).orElseThrow();
        assertThat(moved.start()).as("earlier than it was").isBefore(booked.start());
        assertThat(moved.reschedules()).isEqualTo(1);
        assertThat(prompts(call)).anySatisfy(p -> assertThat(p).startsWith("Done. Your appointment is now on"));
    }

    /** 1 or 2 for the language, 1 case status, 1 I know my receipt, the number, 1 it is right, then 3 to end. */
    static List<Press> caseStatusThenHangUp(char language, String receiptKeys) {
        List<Press> presses = new ArrayList<>();
        presses.add(new Press(language, 0));
        presses.add(new Press('1', 1000));
        presses.add(new Press('1', 2000));
        presses.addAll(KeypadCapture.evenly(receiptKeys, 3000, 250));
        presses.add(new Press('1', 7000));
        presses.add(new Press('3', 12000));
        return presses;
    }
}
