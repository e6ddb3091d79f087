package org.caseline.ivr;

import java.util.Map;

import org.caseline.ivr.flow.FlowFiles;
import org.caseline.support.CaseLineTest;
import org.caseline.support.Http;
import org.caseline.support.WebPhone;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** An administrator changes the phone menu by Monday, without a restart and without breaking calls. */
@CaseLineTest
@DirtiesContext
@TestPropertySource(properties = "caseline.test.context=flow-changes") // its own application: it changes the live flows
class FlowChangeTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    Http http;

    @org.springframework.beans.factory.annotation.Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    @org.springframework.beans.factory.annotation.Autowired
    Lines lines;

    @org.springframework.beans.factory.annotation.Autowired
    org.caseline.ivr.flow.FlowSet flows;

    @BeforeEach
    void connect() {
        http = new Http(port);
    }

    private String dial() {
        return new WebPhone(http, "tier1").dial("18003755283").get("callId").asString();
    }

    private String press(String call, String keys) {
        return WebPhone.heard(new WebPhone(http, "tier1").press(call, keys));
    }

    private Http.Response change(String user, Map<String, String> files, String note) {
        String body = JSON.writeValueAsString(Map.of("files", files, "note", note));
        return http.sendJson("PUT", "/api/ivr/flows", body, user, "demo");
    }

    private static String shippedPrompts() {
        return FlowFiles.read("classpath:ivr").get("prompts.yaml");
    }

    @Test
    void newCallsHearTheChangeWhileCallsInProgressFinishOnTheirVersion() {
        String before = dial();
        String changedPrompts = shippedPrompts().replace("Main menu. To check the status", "Main menu, now shorter. To check the status");

        var response = change("admin", Map.of("prompts.yaml", changedPrompts), "shorter main menu");

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.json().get("changedBy").asString()).isEqualTo("admin");
        assertThat(press(before, "1")).contains("Main menu. To check the status");
        assertThat(press(dial(), "1")).contains("Main menu, now shorter.");
        var history = http.send(http.request("/api/ivr/flows/versions").header("Authorization", Http.basic("admin", "demo")).GET());
        assertThat(history.json().get(0).get("note").asString()).isEqualTo("shorter main menu");
        assertThat(history.json().get(0).get("changedAt").asString()).isNotBlank();
    }

    @Test
    void aBrokenChangeIsRefusedWithItsFileAndLineAndNothingChanges() {
        String live = http.send(http.request("/api/ivr/flows").header("Authorization", Http.basic("admin", "demo")).GET())
                .json().get("number").asString();
        String broken = FlowFiles.read("classpath:ivr").get("flows/main.yaml").replace("type: collect", "type: colect");

        var response = change("admin", Map.of("flows/main.yaml", broken), "typo");

        assertThat(response.status()).isEqualTo(422);
        JsonNode problem = response.json().get("problems").get(0);
        assertThat(problem.get("file").asString()).isEqualTo("flows/main.yaml");
        assertThat(problem.get("line").asInt()).isGreaterThan(1);
        assertThat(problem.get("message").asString()).contains("unknown node type 'colect'");
        assertThat(http.send(http.request("/api/ivr/flows").header("Authorization", Http.basic("admin", "demo")).GET())
                .json().get("number").asString()).isEqualTo(live);
        assertThat(press(dial(), "111")).contains("enter your 13-character receipt number");
    }

    @Test
    void anUpgradeThatShipsNewFlowsAndPromptsKeepsWhatTheAdministratorChanged() {
        // what a release before the hold flow stored: no flows/hold.yaml, no hours sentence among the prompts
        Map<String, String> before = new java.util.TreeMap<>(FlowFiles.read("classpath:ivr"));
        before.remove("flows/hold.yaml");
        String prompts = before.get("prompts.yaml");
        prompts = prompts.substring(0, prompts.indexOf("# {hours}: the line's days")) + prompts.substring(prompts.indexOf("invalid-key:"));
        before.put("prompts.yaml", prompts.replace("Main menu. To check the status", "Main menu, as our administrator put it. To check the status"));
        jdbc.sql("insert into ivr_flow_version (files, changed_by, changed_at, note) values (cast(? as jsonb), 'admin', now(), 'ours')")
                .param(JSON.writeValueAsString(before)).update();

        FlowVersions restarted = new FlowVersions(jdbc, lines, java.time.Clock.systemUTC(), flows, "classpath:ivr");

        assertThat(restarted.current().flow(IvrService.HOLD_FLOW).nodes()).containsKey("offer-callback");
        assertThat(restarted.current().prompts().text("main-menu").orElseThrow().en()).startsWith("Main menu, as our administrator put it.");
        assertThat(restarted.current().prompts().has("hours-of-live-help")).isTrue();
        assertThat(restarted.currentVersion().note()).contains("flows/hold.yaml", "prompt hours-of-live-help");
        assertThat(press(dial(), "1")).contains("Main menu, as our administrator put it.");
        assertThat(change("admin", Map.of("prompts.yaml", shippedPrompts()), "as shipped").status()).isEqualTo(201);
    }

    @Test
    void onlyAdministratorsChangeTheMenus() {
        assertThat(change("tier1", Map.of("prompts.yaml", shippedPrompts()), "no").status()).isEqualTo(403);
    }
}
