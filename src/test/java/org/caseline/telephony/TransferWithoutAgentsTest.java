package org.caseline.telephony;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.caseline.support.CaseLineTest;
import org.caseline.support.Http;
import org.caseline.support.KeypadCapture;
import org.caseline.support.MondayMorning;
import org.caseline.support.KeypadCapture.Press;
import org.caseline.support.PhoneTest;
import org.caseline.support.Sipp;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * During the line's hours, 0 asks for a person. With no agent signed in to the queue, the caller
 * is told, in full, that nobody can take the call, and then goodbye; the call is not just cut off.
 */
@CaseLineTest
@Import(MondayMorning.class)
class TransferWithoutAgentsTest {

    static final int PORT = PhoneTest.freeUdpAndTcpPort();


    @DynamicPropertySource
    static void sip(DynamicPropertyRegistry properties) {
        PhoneTest.sipOn(properties, PORT, 42000, 42999);
    }

    @LocalServerPort
    int httpPort;

    @Test
    void aCallerWhoAsksForAPersonWhenNobodyIsSignedInHearsSoAndGoodbye() throws IOException {
        String callId = "transfer-" + UUID.randomUUID();
        Path capture = Files.createTempFile("keys", ".pcap");
        KeypadCapture.telephoneEvents(capture, List.of(new Press('1', 0), new Press('0', 1000)));

        Sipp.Result result = Sipp.call("call-keys-rfc4733.xml", Map.of("KEYS", capture.toString(), "WAIT", "60000"),
                "18003755283", PORT, callId);

        assertThat(result.succeeded()).as(result.output()).isTrue();
        JsonNode call = PhoneTest.callRecord(new Http(httpPort), callId);
        assertThat(call.path("outcome").asString()).isEqualTo("TRANSFERRED");
        assertThat(call.path("media").path("hungUpBy").asString()).isEqualTo("caseline");
        // "please hold", "no representative can take your call right now ...", "goodbye": some 15 s of speech
        assertThat(call.path("media").path("packetsSent").asLong()).isGreaterThan(50L * 12);
    }
}
