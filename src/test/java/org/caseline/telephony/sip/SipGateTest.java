package org.caseline.telephony.sip;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The gate in front of the SIP stack lets odd but valid requests through (RFC 4475, 3.1.1). */
class SipGateTest {

    /** RFC 4475 3.1.1.1, "A Short Tortuous INVITE": folded lines, odd spacing, compact forms; valid. */
    private static final String WSINV = """
            INVITE sip:vivekg@chair-dnrc.example.com;unknownparam SIP/2.0
            TO :
             sip:vivekg@chair-dnrc.example.com ;   tag    = 1918181833n
            from   : "J Rosenberg \\\\\\""       <sip:jdrosen@example.com>
              ;
              tag = 98asjd8
            MaX-fOrWaRdS: 0068
            Call-ID: wsinv.ndaksdj@192.0.2.1
            Content-Length   : 0
            cseq: 0009
              INVITE
            Via  : SIP  /   2.0
             /UDP
                192.0.2.2;branch=390skdjuw
            s :
            NewFangledHeader:   newfangled value
             continued newfangled value
            UnknownHeaderWithUnusualValue: ;;,,;;,;
            Route:
             <sip:services.example.com;lr;unknownwith=value;unknown-no-value>
            m:"Quoted string \\"\\"" <sip:jdrosen@example.com> ; newparam =
                  newvalue ;
              secondparam ; q = 0.33

            """;

    @Test
    void aTortuousButValidInviteGoesThrough() {
        assertThat(check(WSINV).admit()).isTrue();
    }

    @Test
    void aMalformedRequestIsAnsweredWithItsOwnHeaders() {
        String bad = """
                OPTIONS  sip:18003755283@127.0.0.1 SIP/2.0
                Via: SIP/2.0/UDP 127.0.0.1:5062;branch=z9hG4bKabc
                From: <sip:a@example.com>;tag=1
                To: <sip:b@example.com>
                Call-ID: gate-1
                CSeq: 1 OPTIONS
                Content-Length: 0

                """;
        SipGate.Verdict verdict = check(bad);
        assertThat(verdict.admit()).isFalse();
        String response = new String(verdict.response(), StandardCharsets.UTF_8);
        assertThat(response).startsWith("SIP/2.0 400 ").contains("Via: SIP/2.0/UDP 127.0.0.1:5062;branch=z9hG4bKabc")
                .contains("Call-ID: gate-1").contains("To: <sip:b@example.com>;tag=");
    }

    @Test
    void aRequestWithoutViaIsDroppedForThereIsNowhereToAnswer() {
        SipGate.Verdict verdict = check("FOO  bar SIP/2.0\nCall-ID: x\n\n");
        assertThat(verdict.admit()).isFalse();
        assertThat(verdict.response()).isNull();
    }

    private static SipGate.Verdict check(String message) {
        byte[] bytes = message.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
        return SipGate.check(bytes, 0, bytes.length);
    }
}
