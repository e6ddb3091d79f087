package org.caseline.agentdesk;

import java.util.Map;
import java.util.UUID;

import org.caseline.routing.AgentState;
import org.caseline.routing.Router;
import org.caseline.support.CaseLineTest;
import org.caseline.support.Http;
import org.caseline.support.MondayMorning;
import org.caseline.support.MovableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who may see what of a caller's case: Tier 1 the public status; Tier 2, after escalation, the
 * full details once the caller's identity is verified; nobody a case that is not theirs to handle.
 * Every look is in the audit log, which an administrator can search.
 */
@CaseLineTest
@Import(MovableClock.Settable.class)
class CasePanelTest {

    /** A demo case (the demo data loads EAC2590000101 and its neighbours). */
    private static final String RECEIPT = "EAC2590000101";

    @LocalServerPort
    int port;
    @Autowired
    Router router;
    @Autowired
    MovableClock clock;

    @Autowired
    JdbcClient jdbc;

    @BeforeEach
    void mondayMorningWhenTheLinesAreOpenWithNobodyInLine() {
        clock.set(MondayMorning.AT);
        // other tests in this application context leave contacts waiting and agents signed in
        jdbc.sql("delete from routing_interaction").update();
        jdbc.sql("delete from routing_agent").update();
    }

    private Http http() {
        return new Http(port);
    }

    private JsonNode as(String user, String method, String path, String body) {
        Http.Response r = "GET".equals(method) ? http().getAs(path, user, "demo") : http().sendJson(method, path, body, user, "demo");
        assertThat(r.status()).as(method + " " + path + ": " + r.body()).isLessThan(300);
        return r.body().isEmpty() ? null : r.json();
    }

    @AfterEach
    void everyoneOffline() {
        for (String agent : new String[] {"tier1", "tier2"}) {
            try {
                router.state(agent, AgentState.OFFLINE, null);
            } catch (Router.ConflictException e) {
                // still on a contact: the next test starts from its own
            }
        }
    }

    @Test
    void tierOneSeesThePublicStatusAndTierTwoTheFullCaseOnceTheCallerIsVerified() {
        as("tier1", "PUT", "/api/agents/me/state", "{\"state\":\"AVAILABLE\"}");
        UUID first = router.enqueue(new Router.NewInteraction("VOICE", "general-en", 0, null, router.node(),
                Map.of("line", "18003755283", "receipt", RECEIPT, "path", "main-menu>case-status-menu>agent"))).id();
        as("tier1", "POST", "/api/agents/me/interactions/" + first + "/accept", "{}");

        JsonNode tier1View = as("tier1", "GET", "/api/agents/me/interactions/" + first + "/case", null);
        assertThat(tier1View.path("level").asString()).isEqualTo("public");
        assertThat(tier1View.path("title").asString()).isNotBlank();
        assertThat(tier1View.has("applicantReference")).isFalse();
        assertThat(tier1View.has("history")).isFalse();

        as("tier1", "PUT", "/api/agents/me/interactions/" + first + "/notes", "{\"notes\":\"Wants to know why it is taking long\"}");
        JsonNode escalated = as("tier1", "POST", "/api/agents/me/interactions/" + first + "/escalate",
                "{\"note\":\"Case outside normal processing time\"}");
        UUID second = UUID.fromString(escalated.path("id").asString());
        assertThat(escalated.path("queue").asString()).isEqualTo("tier2-en");

        as("tier2", "PUT", "/api/agents/me/state", "{\"state\":\"AVAILABLE\"}");
        JsonNode offer = as("tier2", "GET", "/api/agents/me", null).path("interaction");
        assertThat(offer.path("id").asString()).isEqualTo(second.toString());
        assertThat(offer.path("attributes").path("escalationNote").asString()).isEqualTo("Case outside normal processing time");
        assertThat(offer.path("attributes").path("previousNotes").asString()).isEqualTo("Wants to know why it is taking long");
        as("tier2", "POST", "/api/agents/me/interactions/" + second + "/accept", "{}");

        JsonNode unverified = as("tier2", "GET", "/api/agents/me/interactions/" + second + "/case", null);
        assertThat(unverified.path("level").asString()).isEqualTo("public");
        assertThat(unverified.path("why").asString()).contains("Verify the caller's identity");

        as("tier2", "POST", "/api/agents/me/interactions/" + second + "/verify", "{\"method\":\"date of birth and A-number\"}");
        JsonNode full = as("tier2", "GET", "/api/agents/me/interactions/" + second + "/case", null);
        assertThat(full.path("level").asString()).isEqualTo("full");
        assertThat(full.path("history").isArray()).isTrue();
        assertThat(full.path("office").asString()).isNotBlank();

        // tier1 finished wrapping up: their contact is over, and their look at the case with it
        as("tier1", "PUT", "/api/agents/me/state", "{\"state\":\"AVAILABLE\"}");
        assertThat(http().getAs("/api/agents/me/interactions/" + first + "/case", "tier1", "demo").status()).isEqualTo(403);
        assertThat(http().getAs("/api/agents/me/interactions/" + second + "/case", "tier1", "demo").status()).isEqualTo(403);

        JsonNode audit = as("admin", "GET", "/api/audit/case-reads?receiptNumber=" + RECEIPT, null);
        assertThat(audit.valueStream().map(e -> e.path("username").asString() + ": " + e.path("detail").asString()).toList())
                .containsSubsequence("tier2: full details", "tier2: public status", "tier1: public status");
        assertThat(audit.valueStream().map(e -> e.path("purpose").asString()).toList())
                .contains("interaction " + first, "interaction " + second);
        assertThat(http().getAs("/api/audit/case-reads", "supervisor", "demo").status()).as("admins only").isEqualTo(403);

        router.contactEnded(second, "test over");
    }

    @Test
    void requestsThatComeTooLateOrNameNothingAreRefusedPlainly() {
        assertThat(http().sendJson("PUT", "/api/agents/me/state", "{\"state\":\"BUSY\"}", "tier1", "demo").status()).isEqualTo(422);
        assertThat(http().sendJson("PUT", "/api/agents/me/state", "{\"state\":\"DANCING\"}", "tier1", "demo").body())
                .contains("Unknown state");
        assertThat(http().sendJson("PUT", "/api/agents/me/state", "{nope", "tier1", "demo").status()).isEqualTo(400);
        assertThat(http().sendJson("POST", "/api/agents/me/interactions/" + UUID.randomUUID() + "/accept", "{}", "tier1", "demo")
                .status()).isEqualTo(409);
        assertThat(http().sendJson("POST", "/api/agents/me/interactions/not-a-uuid/accept", "{}", "tier1", "demo").status())
                .isEqualTo(400);
        assertThat(http().sendJson("PUT", "/api/agents/me/state", "{\"state\":\"AVAILABLE\"}", "supervisor", "demo").status())
                .as("supervisors take no contacts").isEqualTo(403);
        assertThat(http().getAs("/api/queues", "tier1", "demo").json().size()).isEqualTo(28); // ten call queues, four of chats, six written ones, the six office boxes and two of appointment requests
    }
}
