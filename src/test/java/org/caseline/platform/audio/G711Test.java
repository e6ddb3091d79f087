package org.caseline.platform.audio;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** G.711 against the values of ITU-T G.711's tables, and the properties companding must keep. */
class G711Test {

    @Test
    void muLawEncodesTheReferencePoints() {
        assertThat(G711.linearToUlaw(0)).isEqualTo((byte) 0xFF);
        assertThat(G711.linearToUlaw(-1)).isEqualTo((byte) 0x7F);
        assertThat(G711.linearToUlaw(32767)).isEqualTo((byte) 0x80);
        assertThat(G711.linearToUlaw(-32768)).isEqualTo((byte) 0x00);
        assertThat(G711.linearToUlaw(1000)).isEqualTo((byte) 0xCE);
    }

    @Test
    void muLawDecodesTheReferencePoints() {
        assertThat(G711.ulawToLinear((byte) 0xFF)).isEqualTo((short) 0);
        assertThat(G711.ulawToLinear((byte) 0x80)).isEqualTo((short) 32124);
        assertThat(G711.ulawToLinear((byte) 0x00)).isEqualTo((short) -32124);
        assertThat(G711.ulawToLinear((byte) 0xCE)).isEqualTo((short) 988);
    }

    @Test
    void aLawDecodesTheReferencePoints() {
        assertThat(G711.alawToLinear((byte) 0xD5)).isEqualTo((short) 8);
        assertThat(G711.alawToLinear((byte) 0x55)).isEqualTo((short) -8);
        assertThat(G711.alawToLinear((byte) 0xAA)).isEqualTo((short) 32256);
        assertThat(G711.alawToLinear((byte) 0x2A)).isEqualTo((short) -32256);
    }

    @Test
    void everyMuLawCodeSurvivesDecodingAndEncodingButNegativeZero() {
        for (int code = 0; code < 256; code++) {
            byte b = (byte) code;
            byte again = G711.linearToUlaw(G711.ulawToLinear(b));
            assertThat(again).as("code %02X", code).isEqualTo(code == 0x7F ? (byte) 0xFF : b);
        }
    }

    @Test
    void silenceIsSilenceInBothLaws() {
        assertThat(G711.ulawToLinear(G711.ULAW_SILENCE)).isEqualTo((short) 0);
        assertThat(Math.abs(G711.alawToLinear(G711.ulawToAlaw(G711.ULAW_SILENCE)))).isLessThanOrEqualTo((short) 8);
    }

    @Property
    void encodingKeepsTheSignAndStaysWithinTheStepOfItsSegment(@ForAll @IntRange(min = -32768, max = 32767) int sample) {
        short decoded = G711.ulawToLinear(G711.linearToUlaw(sample));
        int clipped = Math.max(-32635, Math.min(32635, sample));
        // mu-law's steps grow with the segment: at most 1/16 of the magnitude, plus the bias near zero
        assertThat(Math.abs(decoded - clipped)).isLessThanOrEqualTo(Math.abs(clipped) / 16 + 8 + 32767 - 32635);
        if (Math.abs(sample) > 8) {
            assertThat(Integer.signum(decoded)).isEqualTo(Integer.signum(sample));
        }
    }

    @Property
    void translatingBetweenTheLawsChangesALoudSampleByLittle(@ForAll @IntRange(min = 0, max = 255) int code) {
        byte ulaw = (byte) code;
        short direct = G711.ulawToLinear(ulaw);
        short viaAlaw = G711.alawToLinear(G711.ulawToAlaw(ulaw));
        assertThat(Math.abs(direct - viaAlaw)).isLessThanOrEqualTo(Math.max(16, Math.abs(direct) / 16));
    }
}
