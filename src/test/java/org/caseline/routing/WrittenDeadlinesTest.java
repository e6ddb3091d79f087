package org.caseline.routing;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.caseline.support.CaseLineTest;
import org.caseline.support.Http;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Written contacts and their promise: one near its deadline is flagged to supervisors before it is
 * missed, and more hands may take it (Tier 2 too); an agent who is away loses their hold on it; a
 * message handed on (transferred, escalated) keeps its deadline and leaves its agent at once.
 */
@CaseLineTest
class WrittenDeadlinesTest {

    @LocalServerPort
    int port;
    @Autowired
    Router router;
    @Autowired
    JdbcClient jdbc;

    Http http;

    @BeforeEach
    void nothingWaitsAndNoOneIsThere() {
        http = new Http(port);
        org.caseline.support.WrittenContacts.nothingWaitsAndNoOneIsThere(jdbc, router);
    }

    @AfterEach
    void everyoneLeaves() {
        nothingWaitsAndNoOneIsThere();
    }

    @Test
    void aMessageNearItsDeadlineIsFlaggedToSupervisorsAndTier2MayTakeItThoughOnlyTier1WouldBefore() {
        String near = "M-near-" + UUID.randomUUID();
        String far = "M-far-" + UUID.randomUUID();
        Router.Interaction soon = router.enqueueMessage("messages-en", Instant.now().plus(Duration.ofHours(2)), Map.of("reference", near));
        router.enqueueMessage("messages-en", Instant.now().plus(Duration.ofHours(40)), Map.of("reference", far));
        router.state("tier2", AgentState.AVAILABLE, null);

        await().atMost(Duration.ofSeconds(15)).until(() -> holds("tier2", near));
        assertThat(holds("tier2", far)).as("a Tier 1 message with time to spare waits for Tier 1").isFalse();
        assertThat(router.decisions(soon.id())).extracting(Router.Decision::kind).contains("AT_RISK");

        JsonNode atRisk = http.getAs("/api/queues/written/at-risk", "supervisor", "demo").json();
        assertThat(atRisk.valueStream().map(i -> i.path("reference").asString())).containsExactly(near);
        assertThat(atRisk.get(0).path("agent").asString()).isEqualTo("tier2");
        assertThat(atRisk.get(0).path("late").asBoolean()).isFalse();
        JsonNode english = http.getAs("/api/queues", "supervisor", "demo").json().valueStream()
                .filter(q -> q.path("id").asString().equals("messages-en")).findFirst().orElseThrow();
        assertThat(english.path("written").path("atRisk").asInt()).isEqualTo(1);
        assertThat(english.path("written").path("backlog").asInt()).isEqualTo(2);
        assertThat(http.getAs("/api/queues/written/at-risk", "tier1", "demo").status()).as("for supervisors").isEqualTo(403);
    }

    @Test
    void anAgentWhoGoesOnABreakHoldingAMessageNearItsDeadlineLosesItToSomeoneWhoIsThere() {
        String reference = "M-held-" + UUID.randomUUID();
        router.state("tier1", AgentState.AVAILABLE, null);
        Router.Interaction message = router.enqueueMessage("messages-en", Instant.now().plus(Duration.ofHours(30)), Map.of("reference", reference));
        await().atMost(Duration.ofSeconds(10)).until(() -> holds("tier1", reference));
        router.openMessage("tier1", message.id());
        router.state("tier1", AgentState.BREAK, "lunch");
        router.state("tier2", AgentState.AVAILABLE, null);

        // hours pass on the break: the deadline is near
        jdbc.sql("update routing_interaction set answer_by = ? where id = ?")
                .params(java.sql.Timestamp.from(Instant.now().plus(Duration.ofHours(1))), message.id()).update();
        await().atMost(Duration.ofSeconds(15)).until(() -> holds("tier2", reference));
        assertThat(holds("tier1", reference)).as("never in two agents' hands").isFalse();
        assertThat(router.decisions(message.id())).extracting(Router.Decision::kind).contains("RECLAIMED");
    }

    @Test
    void anEscalatedMessageGoesToTier2sWrittenQueueWithItsDeadlineAndNoteAndLeavesItsAgentAtOnce() {
        router.state("tier1", AgentState.AVAILABLE, null);
        Http.Response sent = http.send(http.request("/api/contact-messages").header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("""
                        {"name": "Lee", "email": "lee-%s@example.com", "language": "en", "topic": "general",
                         "text": "When is my interview?"}""".formatted(UUID.randomUUID().toString().substring(0, 8)))));
        String reference = sent.json().path("reference").asString();
        Instant due = Instant.parse(sent.json().path("answerBy").asString());
        await().atMost(Duration.ofSeconds(10)).until(() -> holds("tier1", reference));
        Router.Interaction message = router.messagesOf("tier1").stream()
                .filter(m -> reference.equals(m.attributes().get("reference"))).findFirst().orElseThrow();
        String path = "/api/agents/me/interactions/" + message.id();

        assertThat(http.sendJson("POST", path + "/escalate", "{}", "tier1", "demo").status()).as("opened first").isEqualTo(409);
        router.openMessage("tier1", message.id());
        assertThat(http.sendJson("POST", path + "/transfer", "{\"queue\":\"general-en\"}", "tier1", "demo").status())
                .as("a message goes to written queues only").isEqualTo(422);
        assertThat(http.sendJson("POST", path + "/transfer", "{\"queue\":\"messages-en\",\"agent\":\"tier2\"}", "tier1", "demo").status())
                .as("tier2 is not signed in").isEqualTo(409);

        Http.Response escalated = http.sendJson("POST", path + "/escalate", "{\"note\":\"Asks about an interview; needs an officer\"}",
                "tier1", "demo");
        assertThat(escalated.status()).as(escalated.body()).isEqualTo(200);
        assertThat(escalated.json().path("queue").asString()).isEqualTo("case-messages-en");
        assertThat(Instant.parse(escalated.json().path("answerBy").asString())).isEqualTo(due);
        assertThat(router.messagesOf("tier1")).as("no wrap-up, no second holder").isEmpty();
        assertThat(router.interaction(message.id()).orElseThrow().state()).isEqualTo(InteractionState.ENDED);

        router.state("tier2", AgentState.AVAILABLE, null);
        await().atMost(Duration.ofSeconds(10)).until(() -> holds("tier2", reference));
        UUID next = UUID.fromString(escalated.json().path("id").asString());
        router.openMessage("tier2", next);
        JsonNode thread = http.sendJson("GET", "/api/agents/me/interactions/" + next + "/thread", "", "tier2", "demo").json();
        assertThat(thread.path("handedOnBy").asString()).isEqualTo("tier1");
        assertThat(thread.path("note").asString()).isEqualTo("Asks about an interview; needs an officer");
    }

    private boolean holds(String agent, String reference) {
        return router.messagesOf(agent).stream().anyMatch(m -> reference.equals(m.attributes().get("reference")));
    }
}
