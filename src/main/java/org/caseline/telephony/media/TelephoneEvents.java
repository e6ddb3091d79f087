package org.caseline.telephony.media;

/**
 * Keypad digits from RFC 4733 telephone-event packets. One key press is one event: its packets
 * share an RTP timestamp (and SSRC), and the end packet is sent three times; so a digit is
 * reported the first time its (SSRC, timestamp) is seen, whichever of its packets that is, and
 * never again. Nothing assumes one SSRC per call or any packet interval.
 */
final class TelephoneEvents {

    private static final String KEYS = "0123456789*#ABCD";
    private static final int REMEMBERED = 32;

    private final long[] seen = new long[REMEMBERED];
    private int next;
    private int count;

    /** The key this event packet starts, or 0 when it continues one already reported (or is not a key). */
    char accept(int ssrc, long timestamp, byte[] payload, int offset, int length) {
        if (length < 4) {
            return 0;
        }
        int event = payload[offset] & 0xFF;
        if (event >= KEYS.length()) {
            return 0; // tones other than keys (RFC 4734 events) mean nothing to a menu
        }
        long id = ((long) ssrc << 32) | (timestamp & 0xFFFFFFFFL);
        for (int i = 0; i < count; i++) {
            if (seen[i] == id) {
                return 0;
            }
        }
        seen[next] = id;
        next = (next + 1) % REMEMBERED;
        count = Math.min(count + 1, REMEMBERED);
        return KEYS.charAt(event);
    }
}
