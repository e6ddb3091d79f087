package org.caseline.cases;

import java.util.List;
import java.util.Map;

import org.caseline.accounts.ApiClients;
import org.caseline.support.CaseLineTest;
import org.caseline.support.Http;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/** The case status API as an existing client of the agency's API sees it, over real HTTP. */
@CaseLineTest
class CaseStatusApiTest {

    @LocalServerPort
    int port;

    @Autowired
    ApiClients clients;

    Http http;

    @BeforeEach
    void connect() {
        http = new Http(port);
    }

    @Test
    void theAgencyTokenPathAnswersWithTheAgencyFields() {
        var response = http.postForm("/oauth/accesstoken",
                Map.of("grant_type", "client_credentials", "client_id", "demo", "client_secret", "demo-secret"));

        assertThat(response.status()).isEqualTo(200);
        var body = response.json();
        assertThat(body.get("status").asString()).isEqualTo("approved");
        assertThat(body.get("token_type").asString()).isEqualTo("Bearer");
        assertThat(body.get("expires_in").isString()).as("expires_in is a string").isTrue();
        assertThat(body.get("expires_in").asString()).isEqualTo("1800");
        assertThat(body.get("issued_at").asString()).matches("\\d{13}");
        assertThat(body.get("access_token").asString()).isNotBlank();
        assertThat(response.header("Cache-Control")).contains("no-store");
    }

    @Test
    void theStandardTokenPathTakesHttpBasicAndAnswersPerRfc6749() {
        var response = http.send(http.request("/oauth2/token")
                .header("Authorization", Http.basic("demo", "demo-secret"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("expires_in").isNumber()).isTrue();
        assertThat(response.json().get("scope").asString()).isEqualTo("case-status");
    }

    @Test
    void aWrongSecretGetsNoToken() {
        var response = http.postForm("/oauth/accesstoken",
                Map.of("grant_type", "client_credentials", "client_id", "demo", "client_secret", "guess"));

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.json().get("error").asString()).isEqualTo("invalid_client");
        assertThat(response.body()).doesNotContain("access_token");
    }

    @Test
    void onlyTheClientCredentialsGrantIsOffered() {
        var response = http.postForm("/oauth2/token",
                Map.of("grant_type", "password", "client_id", "demo", "client_secret", "demo-secret"));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("error").asString()).isEqualTo("unsupported_grant_type");
    }

    @Test
    void aKnownReceiptAnswersWithTheAgencyBodyOneFieldALine() {
        String token = http.token("demo", "demo-secret");

        var response = http.getWithBearer("/case-status/SRC2590000606", token);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Content-Type")).startsWith("application/json");
        List<String> keys = response.body().lines().map(String::strip)
                .filter(l -> l.startsWith("\"")).map(l -> l.substring(1, l.indexOf('"', 1))).distinct().toList();
        assertThat(keys).containsSubsequence("case_status", "receiptNumber", "formType", "submittedDate",
                "modifiedDate", "current_case_status_text_en", "current_case_status_desc_en",
                "current_case_status_text_es", "current_case_status_desc_es", "hist_case_status", "message");
        var status = response.json().get("case_status");
        assertThat(status.get("receiptNumber").asString()).isEqualTo("SRC2590000606");
        assertThat(status.get("formType").asString()).isEqualTo("I-90");
        assertThat(status.get("current_case_status_text_en").asString()).isEqualTo("Card Was Delivered To Me By The Post Office");
        assertThat(status.get("current_case_status_text_es").asString()).isEqualTo("Tarjeta Me Fue Entregada por la Oficina de Correos");
        assertThat(status.get("current_case_status_desc_en").asString()).contains("SRC2590000606", "Form I-90");
        assertThat(status.get("submittedDate").asString()).matches("\\d{2}-\\d{2}-\\d{4} \\d{2}:\\d{2}:\\d{2}");
        assertThat(status.get("hist_case_status")).hasSize(6);
        assertThat(status.get("hist_case_status").get(0).get("completed_text_en").asString()).isEqualTo("Case Was Received");
        assertThat(status.get("hist_case_status").get(0).get("date").asString()).matches("\\d{4}-\\d{2}-\\d{2}");
        assertThat(response.json().get("message").asString()).isEqualTo("Query was successful");
    }

    @Test
    void aCaseWithNoPastStatusHasNullHistory() {
        var response = http.getWithBearer("/case-status/EAC2590000101", http.token("demo", "demo-secret"));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("case_status").get("hist_case_status").isNull()).isTrue();
    }

    @Test
    void aCaseSentToTheDepartmentOfStatePointsToTheNationalVisaCenter() {
        var response = http.getWithBearer("/case-status/EAC2590000707", http.token("demo", "demo-secret"));

        assertThat(response.json().get("case_status").get("current_case_status_desc_en").asString())
                .contains("National Visa Center");
    }

    @Test
    void anUnknownReceiptIs404WithTheAgencyErrorBody() {
        var response = http.getWithBearer("/case-status/EAC2590099999", http.token("demo", "demo-secret"));

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.json().get("code").asString()).isEqualTo("404");
        assertThat(response.json().get("message").asString()).contains("Contact Center");
    }

    @ParameterizedTest
    @ValueSource(strings = {"EAC259000010", "EAC25900001011", "E1C2590000101", "EAC25900O0101", "ABC2590000101", "%20"})
    void aMalformedReceiptIs422WithTheAgencyErrorBodyAndItsReason(String receipt) {
        var response = http.getWithBearer("/case-status/" + receipt, http.token("demo", "demo-secret"));

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.json().get("code").asString()).isEqualTo("422");
        assertThat(response.json().get("message").asString()).startsWith("The receipt number is not formatted correctly.");
        assertThat(response.json().properties()).extracting(Map.Entry::getKey).containsExactly("code", "message");
    }

    @Test
    void withoutATokenTheAnswerIs401InTheAgencyShape() {
        var response = http.get("/case-status/EAC2590000101");

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.json().get("code").asString()).isEqualTo("401");
    }

    @ParameterizedTest
    @ValueSource(strings = {"not-a-token", "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJkZW1vIn0.c2lnbmF0dXJl", "a.b.c", "....."})
    void aBadTokenIs401NeverA500(String token) {
        var response = http.getWithBearer("/case-status/EAC2590000101", token);

        assertThat(response.status()).isEqualTo(401);
    }

    @Test
    void aClientWithoutTheCaseStatusScopeIsRefused() {
        clients.register("ingest-only", "ingest-only-secret", "Ingestion only", java.util.Set.of(ApiClients.CASES_WRITE_SCOPE));

        var response = http.getWithBearer("/case-status/EAC2590000101", http.token("ingest-only", "ingest-only-secret"));

        assertThat(response.status()).isEqualTo(403);
    }

    @Test
    void oddRequestsGetClientErrorsNotServerErrors() {
        String token = http.token("demo", "demo-secret");
        String auth = "Authorization: Bearer " + token + "\r\n";
        List<String> requests = List.of(
                "GET /case-status/%FF%FE%00 HTTP/1.1\r\nHost: x\r\n" + auth + "\r\n",
                "GET /case-status/..%2F..%2Fetc%2Fpasswd HTTP/1.1\r\nHost: x\r\n" + auth + "\r\n",
                "GET /case-status/" + "A".repeat(20_000) + " HTTP/1.1\r\nHost: x\r\n" + auth + "\r\n",
                "GET /case-status/EAC%E2%80%932590000101 HTTP/1.1\r\nHost: x\r\n" + auth + "\r\n",
                "DELETE /case-status/EAC2590000101 HTTP/1.1\r\nHost: x\r\n" + auth + "\r\n",
                "POST /case-status/EAC2590000101 HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n" + auth + "\r\n",
                "GET /check-case-status?receipt=%FF%FE HTTP/1.1\r\nHost: x\r\n\r\n",
                "GET /check-case-status?receipt=" + "9".repeat(5_000) + " HTTP/1.1\r\nHost: x\r\n\r\n",
                "POST /oauth/accesstoken HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}",
                "POST /oauth/accesstoken HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nAuthorization: Basic %%%\r\nContent-Length: 29\r\n\r\ngrant_type=client_credentials");
        for (String request : requests) {
            int status = http.raw(request);
            String line = request.lines().findFirst().orElseThrow();
            assertThat(status).as(line.substring(0, Math.min(60, line.length()))).isBetween(200, 499);
        }
    }

    @Test
    void aNormalisedReceiptIsFound() {
        var response = http.getWithBearer("/case-status/eac-25-900-00101", http.token("demo", "demo-secret"));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("case_status").get("receiptNumber").asString()).isEqualTo("EAC2590000101");
    }
}
