package org.caseline.telephony;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.util.UUID;

import org.caseline.support.PhoneTest;
import org.caseline.support.RawSip;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.caseline.support.SipMessages.SDP;
import static org.caseline.support.SipMessages.ack;
import static org.caseline.support.SipMessages.inDialog;
import static org.caseline.support.SipMessages.invite;
import static org.caseline.support.SipMessages.request;
import static org.caseline.support.SipMessages.toTag;

/** What the SIP endpoint answers, request by request, written by hand over UDP. */
class SipSignallingTest extends PhoneTest {


    @Test
    void optionsIsAnswered200ForHealthProbes() {
        try (RawSip sip = new RawSip(SIP_PORT)) {
            String response = sip.lastFinal(request("OPTIONS", "18003755283", "opt-" + UUID.randomUUID(), 1, null, ""));
            assertThat(RawSip.status(response)).isEqualTo(200);
            assertThat(response).containsIgnoringCase("Allow: INVITE").contains("OPTIONS");
        }
    }

    @Test
    void aNumberNoLineHasIsAnswered404() {
        try (RawSip sip = new RawSip(SIP_PORT)) {
            assertThat(sip.exchange(invite("18005550100", "nf-" + UUID.randomUUID(), SDP))).isEqualTo(404);
        }
    }

    @Test
    void theDialedNumberMayCarryAPlus() {
        String callId = "plus-" + UUID.randomUUID();
        try (RawSip sip = new RawSip(SIP_PORT)) {
            String ok = sip.lastFinal(invite("+18003755283", callId, SDP));
            assertThat(RawSip.status(ok)).isEqualTo(200);
            ack(sip, ok, callId);
            assertThat(sip.exchange(inDialog("BYE", ok, callId, 2))).isEqualTo(200);
        }
        JsonNode call = callRecord(callId);
        assertThat(call.path("lineName").asString()).isEqualTo("Contact Center");
        assertThat(call.path("outcome").asString()).isEqualTo("ABANDONED");
        assertThat(call.path("media").path("hungUpBy").asString()).isEqualTo("caller");
    }

    @Test
    void anOfferWithoutG711IsAnswered488AndNoCallIsRecorded() {
        String callId = "opus-" + UUID.randomUUID();
        String opusOnly = SDP.replace("m=audio 40000 RTP/AVP 0 101", "m=audio 40000 RTP/AVP 111")
                .replace("a=rtpmap:0 PCMU/8000", "a=rtpmap:111 opus/48000/2");
        try (RawSip sip = new RawSip(SIP_PORT)) {
            assertThat(sip.exchange(invite("18003755283", callId, opusOnly))).isEqualTo(488);
            assertThat(sip.exchange(invite("18003755283", "junk-" + UUID.randomUUID(), "this is not SDP"))).isEqualTo(488);
        }
        assertThat(http().getAs("/api/calls/" + callId, "admin", "demo").status()).isEqualTo(404);
    }

    @Test
    void methodsWeDoNotServeAre405AndRequiredExtensions420() {
        try (RawSip sip = new RawSip(SIP_PORT)) {
            String subscribe = sip.lastFinal(request("SUBSCRIBE", "18003755283", "sub-" + UUID.randomUUID(), 1, null, ""));
            assertThat(RawSip.status(subscribe)).isEqualTo(405);
            assertThat(subscribe).containsIgnoringCase("Allow:");
            String required = sip.lastFinal(request("OPTIONS", "18003755283", "req-" + UUID.randomUUID(), 1, null,
                    "Require: nothing-we-know\n"));
            assertThat(RawSip.status(required)).isEqualTo(420);
            assertThat(required).containsIgnoringCase("Unsupported: nothing-we-know");
        }
    }

    @Test
    void aByeForNoCallIs481() {
        try (RawSip sip = new RawSip(SIP_PORT)) {
            assertThat(sip.exchange(request("BYE", "18003755283", "none-" + UUID.randomUUID(), 2, "abc", ""))).isEqualTo(481);
        }
    }

    @Test
    void holdAndResumeByReInvite() {
        String callId = "hold-" + UUID.randomUUID();
        try (RawSip sip = new RawSip(SIP_PORT)) {
            String ok = sip.lastFinal(invite("18003755283", callId, SDP));
            ack(sip, ok, callId);
            String held = sip.lastFinal(inDialog("INVITE", ok, callId, 2, SDP.replace("t=0 0\n", "t=0 0\na=sendonly\n")));
            assertThat(RawSip.status(held)).isEqualTo(200);
            assertThat(held).contains("a=recvonly");
            ack(sip, held, callId, 2);
            String resumed = sip.lastFinal(inDialog("INVITE", ok, callId, 3, SDP));
            assertThat(resumed).contains("a=sendrecv");
            ack(sip, resumed, callId, 3);
            assertThat(sip.exchange(inDialog("BYE", ok, callId, 4))).isEqualTo(200);
        }
        assertThat(callRecord(callId).path("media").path("hungUpBy").asString()).isEqualTo("caller");
    }

    @Test
    void anInviteWithoutSdpGetsOurOfferAndTheAckCarriesTheAnswer() throws IOException {
        String callId = "late-" + UUID.randomUUID();
        try (RawSip sip = new RawSip(SIP_PORT)) {
            String ok = sip.lastFinal(request("INVITE", "18003755283", callId, 1, null, ""));
            assertThat(RawSip.status(ok)).isEqualTo(200);
            assertThat(ok).contains("m=audio ").contains("RTP/AVP 0 8 101").contains("a=rtpmap:101 telephone-event/8000");
            try (DatagramSocket media = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
                media.setSoTimeout(5000);
                String answer = SDP.replace("m=audio 40000 RTP/AVP 0 101", "m=audio " + media.getLocalPort() + " RTP/AVP 8 101")
                        .replace("a=rtpmap:0 PCMU/8000", "a=rtpmap:8 PCMA/8000");
                sip.send(request("ACK", "18003755283", callId, 1, toTag(ok), "Content-Type: application/sdp\n", answer)
                        .replace("$PORT", String.valueOf(sip.localPort())));
                DatagramPacket packet = new DatagramPacket(new byte[2048], 2048);
                media.receive(packet); // our audio, where the answer in the ACK said
                assertThat(packet.getData()[1] & 0x7F).as("payload type: PCMA, as answered").isEqualTo(8);
            }
            assertThat(sip.exchange(inDialog("BYE", ok, callId, 2))).isEqualTo(200);
        }
        JsonNode call = callRecord(callId);
        assertThat(call.path("media").path("codec").asString()).isEqualTo("PCMA");
    }
}
