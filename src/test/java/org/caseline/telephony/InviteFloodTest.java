package org.caseline.telephony;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.caseline.support.CaseLineTest;
import org.caseline.support.PhoneTest;
import org.caseline.support.RawSip;
import org.caseline.support.SipMessages;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * More INVITEs than the node may hold: the calls within capacity are answered, every other one
 * gets 503 with Retry-After at once (so a SIP proxy tries another node), and once the calls end
 * the line answers again.
 */
@CaseLineTest
class InviteFloodTest {

    static final int PORT = PhoneTest.freeUdpAndTcpPort();
    static final int MAX_CALLS = 10;

    @DynamicPropertySource
    static void smallNode(DynamicPropertyRegistry properties) {
        PhoneTest.sipOn(properties, PORT, 41000, 41999);
        properties.add("caseline.sip.max-calls", () -> MAX_CALLS);
    }

    @Test
    void invitesBeyondCapacityAreAnswered503WithRetryAfter() {
        Map<String, String> answered = new HashMap<>();
        List<String> refused = new ArrayList<>();
        try (RawSip sip = new RawSip(PORT)) {
            List<String> callIds = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                String callId = "flood-" + i + "-" + UUID.randomUUID();
                callIds.add(callId);
                sip.send(SipMessages.invite("18003755283", callId, SipMessages.SDP)
                        .replace("$PORT", String.valueOf(sip.localPort())));
            }
            long deadline = System.currentTimeMillis() + 15_000;
            while (answered.size() + refused.size() < callIds.size() && System.currentTimeMillis() < deadline) {
                for (String response : sip.responses(500)) {
                    int status = RawSip.status(response);
                    String callId = RawSip.callId(response);
                    if (status == 200) {
                        answered.put(callId, response);
                    } else if (status >= 300) {
                        assertThat(status).as(response).isEqualTo(503);
                        assertThat(response).containsIgnoringCase("Retry-After: 5");
                        refused.add(callId);
                    }
                }
            }
            assertThat(answered).hasSize(MAX_CALLS);
            assertThat(refused).hasSize(100 - MAX_CALLS);

            for (var call : answered.entrySet()) {
                SipMessages.ack(sip, call.getValue(), call.getKey());
                assertThat(sip.exchange(SipMessages.inDialog("BYE", call.getValue(), call.getKey(), 2))).isEqualTo(200);
            }
            // the calls' places come free as they finish; a caller told "Retry-After" gets in again
            String again = null;
            String ok = null;
            for (int attempt = 0; attempt < 20 && RawSip.status(ok == null ? "" : ok) != 200; attempt++) {
                PhoneTest.sleepQuietly(250);
                again = "after-" + UUID.randomUUID();
                ok = sip.lastFinal(SipMessages.invite("18003755283", again, SipMessages.SDP));
            }
            assertThat(RawSip.status(ok)).isEqualTo(200);
            SipMessages.ack(sip, ok, again);
            assertThat(sip.exchange(SipMessages.inDialog("BYE", ok, again, 2))).isEqualTo(200);
        }
    }
}
