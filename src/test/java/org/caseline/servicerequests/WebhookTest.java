package org.caseline.servicerequests;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import org.caseline.cases.CaseIngestion;
import org.caseline.cases.ReceiptNumber;
import org.caseline.servicerequests.webhook.OfficeWebhooks;
import org.caseline.support.CaseLineTest;
import org.caseline.support.Http;
import org.caseline.support.MovableClock;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An office's own case system hears of its requests over a real HTTP socket: signed with the
 * office's secret, tried again after a failure, every attempt in the delivery log.
 */
@CaseLineTest
@Import(MovableClock.Settable.class)
class WebhookTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String SECRET = "a-secret-the-office-keeps";

    record Received(String event, String signature, String body) {
    }

    @LocalServerPort
    int port;
    @Autowired
    MovableClock clock;
    @Autowired
    CaseIngestion ingestion;

    @Test
    void anOfficesCaseSystemGetsEachEventSignedAndAFailedDeliveryIsTriedAgain() throws IOException {
        clock.set(ZonedDateTime.of(2026, 12, 1, 10, 0, 0, 0, ZoneId.of("America/New_York")));
        List<Received> received = new CopyOnWriteArrayList<>();
        AtomicInteger calls = new AtomicInteger();
        HttpServer caseSystem = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        caseSystem.createContext("/hooks/caseline", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(new Received(exchange.getRequestHeaders().getFirst("X-CaseLine-Event"),
                    exchange.getRequestHeaders().getFirst("X-CaseLine-Signature"), body));
            // the case system is down for the first delivery
            exchange.sendResponseHeaders(calls.incrementAndGet() == 1 ? 503 : 204, -1);
            exchange.close();
        });
        caseSystem.start();
        var http = new Http(port);
        try {
            String hook = JSON.writeValueAsString(Map.of("url", "http://127.0.0.1:" + caseSystem.getAddress().getPort() + "/hooks/caseline",
                    "secret", SECRET));
            assertThat(http.sendJson("PUT", "/api/offices/CSC/webhook", hook, "supervisor", "demo").status()).isEqualTo(403);
            assertThat(http.sendJson("PUT", "/api/offices/CSC/webhook", JSON.writeValueAsString(Map.of("url", "ftp://x", "secret", SECRET)),
                    "admin", "demo").json().path("message").asString()).isEqualTo("url must be an http or https address");
            assertThat(http.sendJson("PUT", "/api/offices/CSC/webhook", hook, "admin", "demo").status()).isEqualTo(200);
            assertThat(http.getAs("/api/offices/CSC/webhook", "admin", "demo").body()).doesNotContain(SECRET);

            String receipt = "WAC2690" + (100_000 + ThreadLocalRandom.current().nextInt(800_000));
            ingestion.upsert(new ReceiptNumber(receipt), new CaseIngestion.CaseData("I-129", LocalDate.of(2024, 1, 8), "CSC", null, false, null, null));
            String reference = http.sendJson("POST", "/api/service-requests", JSON.writeValueAsString(Map.of("type", "outside-processing-time",
                    "receiptNumber", receipt, "fields", Map.of(), "requester", Map.of("name", "Ana", "phone", "2025550123"))), "tier1", "demo")
                    .json().path("reference").asString();

            await().atMost(Duration.ofSeconds(15)).until(() -> received.size() == 1);
            JsonNode log = http.getAs("/api/offices/CSC/webhook/deliveries", "admin", "demo").json().path("deliveries").get(0);
            assertThat(log.path("status").asString()).isEqualTo("PENDING");
            assertThat(log.path("lastStatus").asInt()).isEqualTo(503);

            clock.advance(Duration.ofSeconds(11)); // past the first retry's wait
            await().atMost(Duration.ofSeconds(15)).until(() -> received.size() == 2);
            Received delivered = received.get(1);
            assertThat(delivered.event()).isEqualTo("ServiceRequestFiled");
            assertThat(delivered.signature()).isEqualTo("sha256=" + OfficeWebhooks.sign(SECRET, delivered.body()));
            assertThat(JSON.readTree(delivered.body()).path("data").path("reference").asString()).isEqualTo(reference);
            await().atMost(Duration.ofSeconds(5)).until(() -> http.getAs("/api/offices/CSC/webhook/deliveries", "admin", "demo").json()
                    .path("deliveries").get(0).path("status").asString().equals("DELIVERED"));
            assertThat(http.getAs("/api/offices/CSC/webhook/deliveries", "admin", "demo").json().path("deliveries").get(0)
                    .path("attempts").asInt()).isEqualTo(2);
        } finally {
            http.sendJson("PUT", "/api/offices/CSC/webhook", JSON.writeValueAsString(Map.of("url", "http://127.0.0.1:9/", "secret", SECRET,
                    "enabled", false)), "admin", "demo");
            caseSystem.stop(0);
        }
    }
}
