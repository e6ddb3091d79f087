package org.caseline.messaging;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.caseline.messaging.mail.EmbeddedMailServer;
import org.caseline.routing.Router;
import org.caseline.support.CaseLineTest;
import org.caseline.support.Http;
import org.caseline.support.Mailbox;
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
 * A message from the public, end to end over real sockets: sent to the API, acknowledged by mail
 * (read over IMAP), waiting in its written queue by its deadline, opened and answered by an agent
 * through the API (an answer with case details refused), the answer arriving in the same thread.
 */
@CaseLineTest
class ContactMessagesTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;
    @Autowired
    EmbeddedMailServer mail;
    @Autowired
    Router router;
    @Autowired
    JdbcClient jdbc;

    Http http;

    @BeforeEach
    void onlyTier1TakesMessagesAndNoneWaits() {
        http = new Http(port);
        org.caseline.support.WrittenContacts.nothingWaitsAndNoOneIsThere(jdbc, router);
    }

    @AfterEach
    void tier1LeavesWithNothingInHand() {
        org.caseline.support.WrittenContacts.leavesWithNothingInHand(router, "tier1");
        jdbc.sql("update routing_agent set message_capacity = 5 where username = 'tier1'").update();
    }

    private Http.Response send(Map<String, Object> message) {
        return http.send(http.request("/api/contact-messages").header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(message))));
    }

    private Http.Response asTier1(String method, String path, Object body) {
        return http.sendJson(method, path, body == null ? "" : JSON.writeValueAsString(body), "tier1", "demo");
    }

    private static String someone() {
        return "sender-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }

    @Test
    void aMessageIsAcknowledgedOpenedAndAnsweredInItsThreadAndAnAnswerWithCaseDetailsIsRefused() {
        String email = someone();
        Http.Response sent = send(Map.of("name", "Ana Ruiz", "email", email, "language", "es", "topic", "forms-and-fees",
                "text", "¿A dónde envío el formulario I-130 desde Texas?"));
        assertThat(sent.status()).as(sent.body()).isEqualTo(202);
        String reference = sent.json().path("reference").asString();
        assertThat(reference).matches("M-\\d{8}");
        Instant answerBy = Instant.parse(sent.json().path("answerBy").asString());
        assertThat(Duration.between(Instant.now(), answerBy)).isBetween(Duration.ofHours(47), Duration.ofHours(48));

        Mailbox.Received ack = new Mailbox(mail.host(), mail.imapPort(), email).awaitMails(1).getFirst();
        assertThat(ack.subject()).isEqualTo("Recibimos su mensaje " + reference);
        assertThat(ack.body()).contains(reference, "¿A dónde envío el formulario I-130 desde Texas?");
        assertThat(ack.autoSubmitted()).isEqualTo("auto-replied");

        asTier1("PUT", "/api/agents/me/state", Map.of("state", "AVAILABLE"));
        JsonNode offered = Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> message(reference), m -> m != null);
        assertThat(offered.path("state").asString()).isEqualTo("OFFERED");
        assertThat(offered.path("queue").asString()).isEqualTo("messages-es");
        String id = offered.path("id").asString();
        assertThat(asTier1("GET", "/api/agents/me", null).json().path("interaction").isNull())
                .as("a message is not the agent's call: a call can still reach them").isTrue();

        assertThat(asTier1("POST", "/api/agents/me/interactions/" + id + "/reply", Map.of("text", "Hola")).status())
                .as("opened first").isEqualTo(409);
        assertThat(asTier1("POST", "/api/agents/me/interactions/" + id + "/accept", null).json().path("state").asString())
                .isEqualTo("CONNECTED");
        JsonNode thread = asTier1("GET", "/api/agents/me/interactions/" + id + "/thread", null).json();
        assertThat(thread.path("from").asString()).isEqualTo("Ana Ruiz");
        assertThat(thread.path("entries").get(0).path("body").asString()).isEqualTo("¿A dónde envío el formulario I-130 desde Texas?");
        assertThat(thread.has("email")).as("the agent answers through us, not by copying the address").isFalse();

        Http.Response receipt = asTier1("POST", "/api/agents/me/interactions/" + id + "/reply",
                Map.of("text", "Su caso EAC-259-000-0101 está en revisión."));
        assertThat(receipt.status()).isEqualTo(422);
        assertThat(receipt.json().path("code").asString()).isEqualTo("case-details");
        assertThat(receipt.json().path("message").asString()).contains("receipt number", "EAC-259-000-0101", "online account");
        Http.Response status = asTier1("POST", "/api/agents/me/interactions/" + id + "/reply",
                Map.of("text", "Good news: Case Was Approved."));
        assertThat(status.json().path("message").asString()).contains("case status", "Case Was Approved");
        assertThat(asTier1("POST", "/api/agents/me/interactions/" + id + "/reply", Map.of("text", "A-123-456-789 es su número")).status())
                .isEqualTo(422);

        Http.Response answered = asTier1("POST", "/api/agents/me/interactions/" + id + "/reply", Map.of("text",
                "Desde Texas, el I-130 se envía a la dirección que indica la página «Dónde presentar» para su estado."));
        assertThat(answered.status()).as(answered.body()).isEqualTo(200);
        var mails = new Mailbox(mail.host(), mail.imapPort(), email).awaitMails(2);
        Mailbox.Received answer = mails.stream().filter(m -> m.subject().startsWith("Re:")).findFirst().orElseThrow();
        assertThat(answer.subject()).isEqualTo("Re: su mensaje " + reference);
        assertThat(answer.inReplyTo()).as("the answer threads under the acknowledgement").isEqualTo(ack.messageId());
        assertThat(answer.autoSubmitted()).as("a person wrote it").isNull();
        assertThat(mails).as("nothing else was sent").hasSize(2);

        assertThat(asTier1("POST", "/api/agents/me/interactions/" + id + "/close", Map.of("disposition", "nonsense")).status())
                .isEqualTo(422);
        assertThat(asTier1("POST", "/api/agents/me/interactions/" + id + "/close", Map.of("disposition", "answered"))
                .json().path("state").asString()).isEqualTo("ENDED");
        assertThat(message(reference)).isNull();
    }

    @Test
    void messagesWaitInTheOrderTheyMustBeAnsweredByNotTheOrderTheyCame() {
        Instant now = Instant.now();
        String later = "M-test-" + UUID.randomUUID();
        String sooner = "M-test-" + UUID.randomUUID();
        router.enqueueMessage("messages-en", now.plus(Duration.ofHours(40)), Map.of("reference", later));
        router.enqueueMessage("messages-en", now.plus(Duration.ofHours(10)), Map.of("reference", sooner));
        jdbc.sql("update routing_agent set message_capacity = 1 where username = 'tier1'").update();

        asTier1("PUT", "/api/agents/me/state", Map.of("state", "AVAILABLE"));

        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> message(sooner) != null);
        assertThat(message(later)).as("no room for a second: capacity 1").isNull();
        String first = message(sooner).path("id").asString();
        router.openMessage("tier1", UUID.fromString(first));
        router.closeMessage("tier1", UUID.fromString(first), "answered");
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> message(later) != null);
    }

    @Test
    void supervisorsSeeEachWrittenQueuesBacklogAndAPromiseAlreadyBroken() {
        router.enqueueMessage("messages-es", Instant.now().minusSeconds(5), Map.of("reference", "M-late-" + UUID.randomUUID()));

        JsonNode queues = http.getAs("/api/queues", "supervisor", "demo").json();
        JsonNode spanish = queues.valueStream().filter(q -> q.path("id").asString().equals("messages-es")).findFirst().orElseThrow();
        assertThat(spanish.path("written").path("backlog").asInt()).isEqualTo(1);
        assertThat(spanish.path("written").path("oldestDueInSeconds").asLong()).as("already late").isNegative();
        assertThat(spanish.path("written").path("breachedToday").asInt()).isEqualTo(1);
        assertThat(queues.valueStream().filter(q -> q.path("id").asString().equals("general-en")).findFirst().orElseThrow()
                .path("written").isNull()).as("a call queue has no written figures").isTrue();
    }

    @Test
    void whatIsWrongIsNamedAndNothingIsStored() {
        int before = jdbc.sql("select count(*) from contact_message").query(Integer.class).single();
        Http.Response bad = send(Map.of("name", "", "email", "not-an-address", "language", "fr", "topic", "visas", "text", " "));
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.json().path("problems").valueStream().map(p -> p.path("field").asString()))
                .containsExactly("name", "email", "language", "topic", "text");
        assertThat(send(Map.of("name", "X", "email", someone(), "language", "en", "topic", "general", "text", "x".repeat(5001)))
                .json().path("problems").get(0).path("message").asString()).contains("5000");
        Http.Response noBody = http.send(http.request("/api/contact-messages").header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{not json")));
        assertThat(noBody.status()).isBetween(400, 422);
        assertThat(jdbc.sql("select count(*) from contact_message").query(Integer.class).single()).isEqualTo(before);

        assertThat(http.get("/api/contact-messages/topics?language=es").json().path("topics").get(0).path("name").asString())
                .isEqualTo("Una pregunta general");
    }

    @Test
    void oneAddressCannotFloodTheQueue() {
        String email = someone();
        for (int i = 0; i < 5; i++) {
            assertThat(send(Map.of("name", "Lee", "email", email, "language", "en", "topic", "general", "text", "Question " + i)).status())
                    .isEqualTo(202);
        }
        Http.Response sixth = send(Map.of("name", "Lee", "email", email, "language", "en", "topic", "general", "text", "Again"));
        assertThat(sixth.status()).isEqualTo(429);
        assertThat(sixth.json().path("message").asString()).contains("We answer each");
    }

    /** The message with this reference among those tier1 holds, or null. */
    private JsonNode message(String reference) {
        for (JsonNode m : asTier1("GET", "/api/agents/me", null).json().path("messages")) {
            if (reference.equals(m.path("attributes").path("reference").asString())) {
                return m;
            }
        }
        return null;
    }
}
