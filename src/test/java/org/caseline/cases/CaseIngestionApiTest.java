package org.caseline.cases;

import java.net.http.HttpRequest;
import java.time.Duration;

import org.awaitility.Awaitility;
import org.caseline.support.CaseLineTest;
import org.caseline.support.Http;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** The case system feeding cases in, over real HTTP, and what the public then sees. */
@CaseLineTest
@ExtendWith(OutputCaptureExtension.class)
class CaseIngestionApiTest {

    @LocalServerPort
    int port;

    @Autowired
    CaseStatusService cases;

    Http http;

    @BeforeEach
    void connect() {
        http = new Http(port);
    }

    private Http.Response putCase(String receipt, String json) {
        return http.sendJson("PUT", "/api/cases/" + receipt, json, "admin", "demo");
    }

    private Http.Response postEvent(String receipt, String json) {
        return http.sendJson("POST", "/api/cases/" + receipt + "/events", json, "admin", "demo");
    }

    private String currentStatus(String receipt) {
        return cases.findStatus(cases.parseReceipt(receipt)).orElseThrow().status().code();
    }

    @Test
    void aNewCaseIsCreatedThenUpdated() {
        String body = """
                {"formType": "I-765", "receivedDate": "2026-01-05", "officeCode": "NBC", "applicantReference": "A-1"}""";

        assertThat(putCase("IOE2600100001", body).status()).isEqualTo(201);
        assertThat(putCase("IOE2600100001", body).status()).isEqualTo(200);
        assertThat(currentStatus("IOE2600100001")).isEqualTo("CASE_RECEIVED");
    }

    @Test
    void logsNameACaseOnlyByTheLastFourCharactersOfItsReceipt(CapturedOutput output) {
        putCase("YSC2600100077", """
                {"formType": "N-400", "receivedDate": "2026-01-05", "officeCode": "PSC"}""");
        http.getWithBearer("/case-status/YSC2600100077", http.token("demo", "demo-secret"));

        assertThat(output.getAll()).contains("*********0077").doesNotContain("YSC2600100077");
    }

    @Test
    void aReplayedEventIsRecordedOnce() {
        putCase("LIN2600100002", """
                {"formType": "I-140", "receivedDate": "2026-02-01", "officeCode": "NSC"}""");
        String event = """
                {"eventId": "cs-42", "status": "ACTIVELY_REVIEWED", "occurredAt": "2026-03-01T15:00:00Z"}""";

        assertThat(postEvent("LIN2600100002", event).status()).isEqualTo(201);
        var replay = postEvent("LIN2600100002", event);

        assertThat(replay.status()).isEqualTo(200);
        assertThat(replay.json().get("outcome").asString()).isEqualTo("ALREADY_RECORDED");
        var view = cases.findStatus(cases.parseReceipt("LIN2600100002")).orElseThrow();
        assertThat(view.history()).extracting(h -> h.status().code()).containsExactly("CASE_RECEIVED", "ACTIVELY_REVIEWED");
    }

    @Test
    void anOlderEventArrivingLateFillsHistoryButDoesNotMoveTheStatusBack() {
        putCase("WAC2600100003", """
                {"formType": "I-129", "receivedDate": "2026-01-10", "officeCode": "CSC"}""");
        postEvent("WAC2600100003", """
                {"eventId": "w-2", "status": "APPROVED", "occurredAt": "2026-04-01T15:00:00Z"}""");
        postEvent("WAC2600100003", """
                {"eventId": "w-1", "status": "ACTIVELY_REVIEWED", "occurredAt": "2026-02-01T15:00:00Z"}""");

        var view = cases.findStatus(cases.parseReceipt("WAC2600100003")).orElseThrow();
        assertThat(view.status().code()).isEqualTo("APPROVED");
        assertThat(view.history()).extracting(h -> h.status().code())
                .containsExactly("CASE_RECEIVED", "ACTIVELY_REVIEWED", "APPROVED");
    }

    @Test
    void badDataIsRefusedWithTheFieldAndReasonAndChangesNothing() {
        var unknownForm = putCase("EAC2600100004", """
                {"formType": "I-999", "receivedDate": "2026-01-05", "officeCode": "VSC"}""");
        var future = putCase("EAC2600100004", """
                {"formType": "I-130", "receivedDate": "2099-01-05", "officeCode": "VSC"}""");
        var badStatus = putCase("EAC2600100004", """
                {"formType": "I-130", "receivedDate": "2026-01-05", "officeCode": "VSC", "status": "MAYBE"}""");

        assertThat(unknownForm.status()).isEqualTo(422);
        assertThat(unknownForm.json().get("field").asString()).isEqualTo("formType");
        assertThat(unknownForm.json().get("message").asString()).contains("I-999");
        assertThat(future.json().get("field").asString()).isEqualTo("receivedDate");
        assertThat(badStatus.json().get("field").asString()).isEqualTo("status");
        assertThat(cases.findStatus(cases.parseReceipt("EAC2600100004"))).isEmpty();
    }

    @Test
    void brokenJsonAndBadReceiptsAreClientErrors() {
        assertThat(putCase("EAC2600100005", "{not json").status()).isEqualTo(400);
        var badReceipt = putCase("EAC26001", """
                {"formType": "I-130", "receivedDate": "2026-01-05", "officeCode": "VSC"}""");
        assertThat(badReceipt.status()).isEqualTo(422);
        assertThat(badReceipt.json().get("message").asString()).contains("too short");
        assertThat(postEvent("EAC2600100099", """
                {"eventId": "x", "status": "APPROVED", "occurredAt": "2026-01-01T00:00:00Z"}""").status()).isEqualTo(404);
    }

    @Test
    void onlyAdminsAndTheCaseSystemMayWrite() {
        String body = """
                {"formType": "I-130", "receivedDate": "2026-01-05", "officeCode": "VSC"}""";
        assertThat(http.sendJson("PUT", "/api/cases/EAC2600100006", body, "tier1", "demo").status()).isEqualTo(403);
        assertThat(http.sendJson("PUT", "/api/cases/EAC2600100006", body, "admin", "wrong").status()).isEqualTo(401);

        String token = http.token("case-system", "case-system-secret");
        var asCaseSystem = http.send(http.request("/api/cases/EAC2600100006")
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body)));
        assertThat(asCaseSystem.status()).isEqualTo(201);
    }

    @Test
    void aCsvImportKeepsGoodRowsAndReportsEachBadRowWithItsLine() {
        String csv = """
                receipt_number,form_type,received_date,office_code,status,status_date,applicant_reference,sent_to_dos
                EAC2600200001,I-130,2026-01-02,VSC,CASE_RECEIVED,2026-01-02,,false
                EAC26002,I-130,2026-01-02,VSC,,,,
                EAC2600200003,I-130,2026-01-02,VSC,APPROVED,2026-03-04,,no
                EAC2600200004,I-999,2026-01-02,VSC,,,,
                EAC2600200005,I-130,01/02/2026,VSC,,,,
                """;

        JsonNode job = runImport("csv", csv);

        assertThat(job.get("state").asString()).isEqualTo("DONE");
        assertThat(job.get("rowsRead").asInt()).isEqualTo(5);
        assertThat(job.get("rowsOk").asInt()).isEqualTo(2);
        assertThat(job.get("rowsFailed").asInt()).isEqualTo(3);
        assertThat(job.get("errors").get(0).get("line").asInt()).isEqualTo(3);
        assertThat(job.get("errors").get(0).get("reason").asString()).contains("receipt_number", "too short");
        assertThat(job.get("errors").get(1).get("line").asInt()).isEqualTo(5);
        assertThat(job.get("errors").get(1).get("reason").asString()).contains("form_type", "I-999");
        assertThat(job.get("errors").get(2).get("line").asInt()).isEqualTo(6);
        assertThat(job.get("errors").get(2).get("reason").asString()).contains("received_date");
        assertThat(currentStatus("EAC2600200003")).isEqualTo("APPROVED");
    }

    @Test
    void aJsonLinesImportReportsLinesThatAreNotJson() {
        String jsonl = """
                {"receipt_number": "SRC2600300001", "form_type": "N-400", "received_date": "2026-01-02", "office_code": "TSC"}
                this is not json
                {"receipt_number": "SRC2600300003", "form_type": "N-400", "received_date": "2026-01-02", "office_code": "NOPE"}
                """;

        JsonNode job = runImport("jsonl", jsonl);

        assertThat(job.get("rowsOk").asInt()).isEqualTo(1);
        assertThat(job.get("errors").get(0).get("line").asInt()).isEqualTo(2);
        assertThat(job.get("errors").get(1).get("reason").asString()).contains("office_code");
        assertThat(cases.findStatus(cases.parseReceipt("SRC2600300001"))).isPresent();
    }

    @Autowired
    CaseNotices notices;

    @Test
    void theCaseSystemReportsTheNoticesItMailedOnceEachAndBadOnesChangeNothing() {
        putCase("EAC2600100515", """
                {"formType": "I-130", "receivedDate": "2026-02-01", "officeCode": "VSC"}""");
        String receipt = """
                {"eventId": "notice-515-1", "type": "RECEIPT", "sentOn": "2026-02-03"}""";

        assertThat(http.sendJson("POST", "/api/cases/EAC2600100515/notices", receipt, "admin", "demo").status()).isEqualTo(201);
        var replay = http.sendJson("POST", "/api/cases/EAC2600100515/notices", receipt, "admin", "demo");
        assertThat(replay.status()).isEqualTo(200);
        assertThat(replay.json().get("outcome").asString()).isEqualTo("ALREADY_RECORDED");

        var unknown = http.sendJson("POST", "/api/cases/EAC2600100515/notices", """
                {"eventId": "notice-515-2", "type": "POSTCARD", "sentOn": "2026-02-03"}""", "admin", "demo");
        assertThat(unknown.status()).isEqualTo(422);
        assertThat(unknown.json().get("message").asString()).contains("Unknown notice type POSTCARD");
        var future = http.sendJson("POST", "/api/cases/EAC2600100515/notices", """
                {"eventId": "notice-515-3", "type": "APPROVAL", "sentOn": "2099-01-01"}""", "admin", "demo");
        assertThat(future.status()).isEqualTo(422);
        assertThat(http.sendJson("POST", "/api/cases/EAC2600199999/notices", """
                {"eventId": "notice-x", "type": "RECEIPT", "sentOn": "2026-02-03"}""", "admin", "demo").status())
                .as("no such case").isEqualTo(404);

        assertThat(notices.of(new ReceiptNumber("EAC2600100515")))
                .extracting(n -> n.type().code() + " " + n.sentOn()).containsExactly("RECEIPT 2026-02-03");
        var shown = http.getWithBearer("/case-status/EAC2600100515", http.token("demo", "demo-secret"));
        assertThat(shown.status()).isEqualTo(200);
        assertThat(shown.body()).as("never on the public channel").doesNotContain("notice-515", "I-797");
    }

    private JsonNode runImport(String format, String content) {
        var started = http.send(http.request("/api/cases/imports?format=" + format + "&name=test." + format)
                .header("Authorization", Http.basic("admin", "demo"))
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofString(content)));
        assertThat(started.status()).isEqualTo(202);
        String location = started.header("Location");
        return Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> http.send(http.request(location).header("Authorization", Http.basic("admin", "demo")).GET()).json(),
                        job -> !"RUNNING".equals(job.get("state").asString()));
    }
}
