package org.caseline.telephony;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.caseline.support.KeypadCapture;
import org.caseline.support.KeypadCapture.Press;
import org.caseline.support.PhoneTest;
import org.caseline.support.Sipp;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** Phones that send keys other ways than RFC 4733: SIP INFO (both body types), and in-band tones. */
class OtherKeypadsTest extends PhoneTest {

    @Test
    void keysInSipInfoReachCaseStatus() throws IOException {
        String callId = "info-" + UUID.randomUUID();
        StringBuilder infos = new StringBuilder();
        String part = Files.readString(Path.of("src/test/resources/sipp/info-key.xml.part"));
        List<Press> presses = SippCallsTest.caseStatusThenHangUp('1', "3222590000101");
        int cseq = 2;
        for (Press press : presses) {
            // half the keys as dtmf-relay ("Signal=5"), half as application/dtmf ("5"): phones use both
            boolean relay = cseq % 2 == 0;
            infos.append(part.replace("@PAUSE@", cseq == 2 ? "500" : "300")
                    .replace("@CSEQ@", String.valueOf(cseq++))
                    .replace("@TYPE@", relay ? "application/dtmf-relay" : "application/dtmf")
                    .replace("@BODY@", relay ? "Signal=" + press.key() + "\n      Duration=160" : String.valueOf(press.key())));
        }

        Sipp.Result result = Sipp.call("call-keys-info.xml", Map.of("INFOS", infos.toString(), "WAIT", "60000"),
                "18003755283", SIP_PORT, callId);

        assertThat(result.succeeded()).as(result.output()).isTrue();
        JsonNode call = callRecord(callId);
        assertThat(nodes(call)).containsSubsequence("case-status-menu", "enter-receipt", "speak-status", "goodbye");
        assertThat(prompts(call)).anySatisfy(p -> assertThat(p).startsWith("The status of your case is: "));
        assertThat(call.path("media").path("codec").asString()).isEqualTo("PCMA");
        assertThat(call.path("media").path("digitMethods").toString()).isEqualTo("[\"sip-info\"]");
    }

    @Test
    void inBandTonesAreHeardWhenThePhoneOffersNoTelephoneEvents() throws IOException {
        String callId = "tones-" + UUID.randomUUID();
        Path capture = Files.createTempFile("tones", ".pcap");
        KeypadCapture.tones(capture, SippCallsTest.caseStatusThenHangUp('1', "3222590000101"), 13000);

        Sipp.Result result = Sipp.call("call-audio-only.xml", Map.of("KEYS", capture.toString(), "WAIT", "60000"),
                "18003755283", SIP_PORT, callId);

        assertThat(result.succeeded()).as(result.output()).isTrue();
        JsonNode call = callRecord(callId);
        assertThat(nodes(call)).containsSubsequence("case-status-menu", "enter-receipt", "speak-status", "goodbye");
        assertThat(call.path("media").path("digitMethods").toString()).isEqualTo("[\"inband\"]");
        assertThat(call.path("media").path("packetsReceived").asLong()).as("the caller's audio, 20 ms a packet")
                .isGreaterThanOrEqualTo(640);
    }
}
