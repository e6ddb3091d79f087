package org.caseline.telephony.sip;

import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.caseline.support.PhoneTest;
import org.caseline.support.RawSip;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.caseline.support.SipMessages.SDP;
import static org.caseline.support.SipMessages.ack;
import static org.caseline.support.SipMessages.inDialog;
import static org.caseline.support.SipMessages.invite;

/**
 * A phone that receives our 200, ACKs it and at once sends a re-INVITE (hold, a codec change, a
 * session refresh: real phones do this within milliseconds) must get 200, however slowly the
 * thread that sent our 200 runs on. Here that thread is held right after the send, as a busy
 * machine may hold it, for as long as the phone takes to be answered.
 */
class ReInviteRightAfterAckTest extends PhoneTest {

    @Autowired
    SipEndpoint sip;

    @AfterEach
    void release() {
        sip.afterAnswerSent = callId -> {
        };
    }

    @Test
    void aReInviteSentTheMomentTheCallIsAnsweredIsAnswered200() throws InterruptedException {
        String callId = "reinvite-race-" + UUID.randomUUID();
        CountDownLatch phoneDone = new CountDownLatch(1);
        CountDownLatch held = new CountDownLatch(1);
        sip.afterAnswerSent = id -> {
            if (id.equals(callId)) {
                held.countDown();
                try {
                    phoneDone.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        try (RawSip phone = new RawSip(SIP_PORT)) {
            String ok = phone.lastFinal(invite("18003755283", callId, SDP));
            assertThat(ok).isNotNull();
            assertThat(RawSip.status(ok)).isEqualTo(200);
            assertThat(held.await(5, TimeUnit.SECONDS)).as("the answering thread is held after its 200").isTrue();
            ack(phone, ok, callId);
            String held200 = phone.lastFinal(inDialog("INVITE", ok, callId, 2, SDP.replace("t=0 0\n", "t=0 0\na=sendonly\n")));
            phoneDone.countDown();
            assertThat(held200).as("the answer to the re-INVITE").isNotNull();
            assertThat(RawSip.status(held200)).as(held200).isEqualTo(200);
            assertThat(held200).contains("a=recvonly");
            ack(phone, held200, callId, 2);
            assertThat(phone.exchange(inDialog("BYE", ok, callId, 3))).isEqualTo(200);
        } finally {
            phoneDone.countDown();
        }
        assertThat(callRecord(callId).path("media").path("hungUpBy").asString()).isEqualTo("caller");
    }
}
