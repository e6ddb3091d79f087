package org.caseline.support;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * SIP requests written by hand, as a caller on this host at {@code 127.0.0.1:$PORT} sends them
 * ({@link RawSip} fills in {@code $PORT}): for tests that say exactly what goes on the wire.
 */
public final class SipMessages {

    /** An offer from a caller on this host: PCMU and telephone-events. */
    public static final String SDP = """
            v=0
            o=caller 1 1 IN IP4 127.0.0.1
            s=-
            c=IN IP4 127.0.0.1
            t=0 0
            m=audio 40000 RTP/AVP 0 101
            a=rtpmap:0 PCMU/8000
            a=rtpmap:101 telephone-event/8000
            """;

    private SipMessages() {
    }

    public static String invite(String number, String callId, String sdp) {
        return request("INVITE", number, callId, 1, null, "Content-Type: application/sdp\n", sdp);
    }

    public static String request(String method, String number, String callId, int cseq, String toTag, String extraHeaders) {
        return request(method, number, callId, cseq, toTag, extraHeaders, "");
    }

    public static String request(String method, String number, String callId, int cseq, String toTag, String extraHeaders,
                          String body) {
        String crlfBody = RawSip.crlf(body);
        return method + " sip:" + number + "@127.0.0.1 SIP/2.0\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:$PORT;branch=z9hG4bK" + UUID.randomUUID().toString().substring(0, 12) + "\n"
                + "Max-Forwards: 70\n"
                + "From: <sip:2025550143@127.0.0.1>;tag=caller1\n"
                + "To: <sip:" + number + "@127.0.0.1>" + (toTag == null ? "" : ";tag=" + toTag) + "\n"
                + "Call-ID: " + callId + "\n"
                + "CSeq: " + cseq + " " + method + "\n"
                + "Contact: <sip:2025550143@127.0.0.1:$PORT>\n"
                + extraHeaders
                + "Content-Length: " + crlfBody.getBytes(StandardCharsets.UTF_8).length + "\n\n" + body;
    }

    public static String toTag(String response) {
        for (String line : response.split("\r\n")) {
            if (line.regionMatches(true, 0, "To:", 0, 3) || line.startsWith("t:")) {
                return line.replaceAll(".*;tag=([^;>\\s]+).*", "$1");
            }
        }
        throw new AssertionError("no To header in " + response);
    }

    public static String inDialog(String method, String ok, String callId, int cseq) {
        return inDialog(method, ok, callId, cseq, null);
    }

    public static String inDialog(String method, String ok, String callId, int cseq, String sdp) {
        return sdp == null ? request(method, "18003755283", callId, cseq, toTag(ok), "")
                : request(method, "18003755283", callId, cseq, toTag(ok), "Content-Type: application/sdp\n", sdp);
    }

    public static void ack(RawSip sip, String ok, String callId) {
        ack(sip, ok, callId, 1);
    }

    public static void ack(RawSip sip, String ok, String callId, int cseq) {
        sip.send(request("ACK", "18003755283", callId, cseq, toTag(ok), "").replace("$PORT", String.valueOf(sip.localPort())));
    }
}
