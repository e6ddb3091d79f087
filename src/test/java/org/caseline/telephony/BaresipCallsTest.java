package org.caseline.telephony;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.caseline.support.Baresip;
import org.caseline.support.KeypadCapture;
import org.caseline.support.KeypadCapture.Press;
import org.caseline.support.PhoneTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real softphone (baresip) calls each line, keys its way to case status, and records what it
 * hears: wherever the call record says a prompt began, the caller heard speech, not silence.
 */
class BaresipCallsTest extends PhoneTest {

    /** Loudness (RMS) that speech at the level of our prompts is well above, and line silence far below. */
    private static final double SPEECH = 400;

    @ParameterizedTest(name = "{0}")
    @CsvSource({"18003755283, 3222590000101", "18007671833, 4632590000202", "18772474645, 5462590000303",
            "18663155718, 6722590000404"})
    void theCallerHearsEveryPromptOnTheWayToCaseStatus(String line, String receiptKeys) {
        Instant before = Instant.now();
        List<Press> presses = new ArrayList<>();
        presses.add(new Press('1', 3000));   // English (the welcome is cut short)
        presses.add(new Press('1', 5000));   // case status
        presses.add(new Press('1', 7000));   // I know my receipt number
        presses.addAll(KeypadCapture.evenly(receiptKeys, 9000, 300));
        presses.add(new Press('1', 14000));  // that is my number
        presses.add(new Press('3', 19000));  // end the call, once the status has been heard

        Baresip.Heard heard = Baresip.call(line, SIP_PORT, presses, 40);

        JsonNode call = callRecord(latestCallId(line, before));
        assertThat(nodes(call)).containsSubsequence("case-status-menu", "enter-receipt", "speak-status", "goodbye");
        assertThat(call.path("media").path("digitMethods").toString()).isEqualTo("[\"rfc4733\"]");
        Instant started = Instant.parse(call.path("startedAt").asString());
        int prompts = 0;
        for (JsonNode step : call.path("steps")) {
            if ("PROMPT".equals(step.path("kind").asString())) {
                long at = Duration.between(started, Instant.parse(step.path("at").asString())).toMillis();
                assertThat(heard.level(at + 300, 700)).as("heard at %d ms, where \"%s\" began", at,
                        step.path("detail").asString()).isGreaterThan(SPEECH);
                prompts++;
            }
        }
        assertThat(prompts).isGreaterThanOrEqualTo(7);
        assertThat(heard.seconds()).as(heard.log()).isGreaterThan(19);
    }

    private String latestCallId(String line, Instant since) {
        JsonNode calls = http().getAs("/api/calls?line=" + line + "&from=" + since + "&limit=1", "admin", "demo").json();
        assertThat(calls.size()).isEqualTo(1);
        return calls.get(0).path("id").asString();
    }
}
