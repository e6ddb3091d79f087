package org.caseline.telephony.sip;

import java.nio.charset.StandardCharsets;

import org.caseline.support.SipMessages;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** SDP offers as SIPp, baresip and other phones send them, and what we answer. */
class SdpTest {

    private static Sdp.Offer parse(String sdp) throws Sdp.UnusableOfferException {
        return Sdp.parse(sdp.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8));
    }

    /** What SIPp offers (our raw-SIP tests send the same): PCMU and telephone-events on port 40000. */
    private static final String SIPP = SipMessages.SDP;

    @Test
    void sippsOfferIsPcmuWithTelephoneEvents() throws Exception {
        Sdp.Offer offer = parse(SIPP);
        assertThat(offer.remote().getAddress().getHostAddress()).isEqualTo("127.0.0.1");
        assertThat(offer.remote().getPort()).isEqualTo(40000);
        assertThat(offer.payloadType()).isZero();
        assertThat(offer.codec()).isEqualTo("PCMU");
        assertThat(offer.telephoneEventType()).isEqualTo(101);
        assertThat(offer.onHold()).isFalse();
    }

    @Test
    void baresipsOfferListsManyCodecsAndTheFirstG711InItsOrderIsTaken() throws Exception {
        Sdp.Offer offer = parse("""
                v=0
                o=- 1804289383 846930886 IN IP4 127.0.0.1
                s=-
                c=IN IP4 127.0.0.1
                t=0 0
                a=tool:baresip 1.0.0
                m=audio 46012 RTP/AVP 96 9 8 0 101
                b=AS:106
                a=rtpmap:96 opus/48000/2
                a=rtpmap:9 G722/8000
                a=rtpmap:8 PCMA/8000
                a=rtpmap:0 PCMU/8000
                a=rtpmap:101 telephone-event/8000
                a=fmtp:101 0-15
                a=sendrecv
                a=label:1
                a=ssrc:1714636915 cname:sip:caller@127.0.0.1
                a=rtcp-rsize
                """);
        assertThat(offer.codec()).isEqualTo("PCMA");
        assertThat(offer.telephoneEventType()).isEqualTo(101);
        assertThat(offer.remote().getPort()).isEqualTo(46012);
    }

    @Test
    void staticPayloadTypesNeedNoRtpmapAndAPhoneWithoutTelephoneEventsIsHeardByTones() throws Exception {
        Sdp.Offer offer = parse("""
                v=0
                o=- 1 1 IN IP4 192.0.2.10
                s=-
                c=IN IP4 192.0.2.10
                t=0 0
                m=audio 4000 RTP/AVP 8
                """);
        assertThat(offer.codec()).isEqualTo("PCMA");
        assertThat(offer.telephoneEventType()).isEqualTo(-1);
    }

    @Test
    void theMediaLevelAddressAndDirectionWinOverTheSessionsAndHoldIsRecognisedBothWays() throws Exception {
        Sdp.Offer held = parse(SIPP.replace("t=0 0\n", "t=0 0\na=sendrecv\n")
                .replace("a=rtpmap:101 telephone-event/8000\n", "a=rtpmap:101 telephone-event/8000\nc=IN IP4 198.51.100.7\na=sendonly\n"));
        assertThat(held.remote().getAddress().getHostAddress()).isEqualTo("198.51.100.7");
        assertThat(held.onHold()).isTrue();
        assertThat(parse(SIPP.replace("c=IN IP4 127.0.0.1", "c=IN IP4 0.0.0.0")).onHold())
                .as("RFC 2543 hold: the address 0.0.0.0").isTrue();
    }

    @Test
    void aVideoStreamBesideTheAudioIsRefusedWithPortZeroInTheAnswer() throws Exception {
        Sdp.Offer offer = parse(SIPP + "m=video 40002 RTP/AVP 96\na=rtpmap:96 H264/90000\n");
        String answer = new String(Sdp.answer(offer, "192.0.2.2", 20000, 42, 1, false), StandardCharsets.US_ASCII);
        assertThat(answer).contains("c=IN IP4 192.0.2.2\r\n")
                .contains("m=audio 20000 RTP/AVP 0 101\r\n")
                .contains("a=rtpmap:101 telephone-event/8000\r\n")
                .contains("a=sendrecv\r\n")
                .contains("m=video 0 RTP/AVP 96\r\n");
        assertThat(answer.indexOf("m=audio")).isLessThan(answer.indexOf("m=video")).as("media lines keep the offer's order");
    }

    @Test
    void theAnswerMirrorsTheDirectionAndOurHoldAnswersRecvonly() throws Exception {
        Sdp.Offer sendonly = parse(SIPP + "a=sendonly\n");
        assertThat(new String(Sdp.answer(sendonly, "192.0.2.2", 20000, 1, 2, false), StandardCharsets.US_ASCII))
                .contains("a=recvonly\r\n").contains("o=CaseLine 1 2 IN IP4 192.0.2.2");
        assertThat(new String(Sdp.answer(parse(SIPP), "192.0.2.2", 20000, 1, 2, true), StandardCharsets.US_ASCII))
                .contains("a=recvonly\r\n");
    }

    @Test
    void ourLateOfferProposesBothG711LawsAndKeys() {
        String offer = new String(Sdp.offer("192.0.2.2", 20002, 7, 1), StandardCharsets.US_ASCII);
        assertThat(offer).contains("m=audio 20002 RTP/AVP 0 8 101\r\n").contains("a=rtpmap:101 telephone-event/8000\r\n");
    }

    @Test
    void unusableOffersSayWhatIsWrong() {
        assertThatThrownBy(() -> Sdp.parse(null)).hasMessage("no SDP");
        assertThatThrownBy(() -> parse("this is not SDP")).hasMessage("not SDP (no v= line)");
        assertThatThrownBy(() -> parse("v=0\nc=IN IP4 127.0.0.1\nm=video 6000 RTP/AVP 96\n")).hasMessage("no audio stream offered");
        assertThatThrownBy(() -> parse(SIPP.replace("RTP/AVP 0 101", "RTP/AVP 111").replace("a=rtpmap:0 PCMU/8000", "a=rtpmap:111 opus/48000/2")))
                .hasMessageStartingWith("no codec we speak (PCMU or PCMA)");
        assertThatThrownBy(() -> parse(SIPP.replace("c=IN IP4 127.0.0.1\n", ""))).hasMessage("no connection address");
        assertThatThrownBy(() -> parse(SIPP.replace("c=IN IP4 127.0.0.1", "c=IN IP4 phone.example")))
                .as("never a DNS lookup for a caller's name").hasMessage("the connection address is not an IP address");
        assertThatThrownBy(() -> parse(SIPP.replace("m=audio 40000", "m=audio 70000"))).hasMessage("no audio stream offered");
    }
}
