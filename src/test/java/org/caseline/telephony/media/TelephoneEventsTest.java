package org.caseline.telephony.media;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** RFC 4733 keys: one press is one event, however many packets carry it and in whatever order. */
class TelephoneEventsTest {

    /** What a packet that starts no new key press yields. */
    private static final char NOTHING = 0;

    private final TelephoneEvents events = new TelephoneEvents();

    private static byte[] payload(int event, boolean end, int duration) {
        return new byte[] {(byte) event, (byte) ((end ? 0x80 : 0) | 10), (byte) (duration >> 8), (byte) duration};
    }

    private char packet(int ssrc, long timestamp, int event, boolean end) {
        byte[] p = payload(event, end, 160);
        return events.accept(ssrc, timestamp, p, 0, p.length);
    }

    @Test
    void aPressIsHeardOnceAcrossItsPacketsAndItsThreeEndPackets() {
        assertThat(packet(1, 1000, 5, false)).isEqualTo('5');
        assertThat(packet(1, 1000, 5, false)).isEqualTo(NOTHING);
        for (int i = 0; i < 3; i++) {
            assertThat(packet(1, 1000, 5, true)).isEqualTo(NOTHING);
        }
    }

    @Test
    void theSameKeyPressedAgainHasItsOwnTimestampAndIsHeardAgain() {
        assertThat(packet(1, 1000, 1, false)).isEqualTo('1');
        assertThat(packet(1, 2600, 1, false)).isEqualTo('1');
    }

    @Test
    void aPressWhoseFirstPacketsWereLostIsHeardFromItsEndPacket() {
        assertThat(packet(1, 4000, 9, true)).isEqualTo('9');
        assertThat(packet(1, 4000, 9, true)).isEqualTo(NOTHING);
    }

    @Test
    void outOfOrderPressesAreEachHeardOnce() {
        assertThat(packet(1, 3000, 3, false)).isEqualTo('3');
        assertThat(packet(1, 2000, 2, false)).isEqualTo('2');
        assertThat(packet(1, 3000, 3, true)).isEqualTo(NOTHING);
        assertThat(packet(1, 2000, 2, true)).isEqualTo(NOTHING);
    }

    @Test
    void aNewSsrcIsANewSourceEvenAtTheSameTimestamp() {
        assertThat(packet(1, 1000, 4, false)).isEqualTo('4');
        assertThat(packet(2, 1000, 4, false)).isEqualTo('4');
    }

    @Test
    void timestampsWrapAroundThirtyTwoBits() {
        assertThat(packet(1, 0xFFFFFF60L, 6, false)).isEqualTo('6');
        assertThat(packet(1, 0x00000040L, 7, false)).isEqualTo('7');
        assertThat(packet(1, 0xFFFFFF60L, 6, true)).isEqualTo(NOTHING);
    }

    @Test
    void theStarPoundAndLetterKeysAreKeysAndOtherToneEventsAreNot() {
        assertThat(packet(1, 100, 10, false)).isEqualTo('*');
        assertThat(packet(1, 200, 11, false)).isEqualTo('#');
        assertThat(packet(1, 300, 12, false)).isEqualTo('A');
        assertThat(packet(1, 400, 32, false)).as("RFC 4734's modem and fax tones are no keys").isEqualTo(NOTHING);
    }

    @Test
    void aPayloadTooShortToBeAnEventIsIgnored() {
        assertThat(events.accept(1, 100, new byte[] {5, 10}, 0, 2)).isEqualTo(NOTHING);
    }
}
