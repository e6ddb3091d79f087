package org.caseline.telephony.sip;

import org.caseline.telephony.sip.InfoDigits.Key;
import org.caseline.telephony.sip.InfoDigits.NoKey;
import org.caseline.telephony.sip.InfoDigits.UnsupportedType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Keys in SIP INFO bodies, as the phones in the field send them. */
class InfoDigitsTest {

    @Test
    void dtmfRelayNamesTheKeyInItsSignalLine() {
        assertThat(InfoDigits.read("application/dtmf-relay", "Signal=5\r\nDuration=160\r\n")).isEqualTo(new Key('5'));
        assertThat(InfoDigits.read("application/dtmf-relay", "Duration=250\nSignal= #\n")).isEqualTo(new Key('#'));
        assertThat(InfoDigits.read("Application/DTMF-Relay", "signal=*")).isEqualTo(new Key('*'));
    }

    @Test
    void ciscoSendsStarAndPoundAsTenAndEleven() {
        assertThat(InfoDigits.read("application/dtmf-relay", "Signal=10\r\nDuration=100")).isEqualTo(new Key('*'));
        assertThat(InfoDigits.read("application/dtmf-relay", "Signal=11\r\nDuration=100")).isEqualTo(new Key('#'));
    }

    @Test
    void applicationDtmfIsTheKeyAlone() {
        assertThat(InfoDigits.read("application/dtmf", "7")).isEqualTo(new Key('7'));
        assertThat(InfoDigits.read("application/dtmf", " 0 \r\n")).isEqualTo(new Key('0'));
    }

    @Test
    void aBodyOfAReadTypeThatNamesNoKeyPressesNothing() {
        assertThat(InfoDigits.read("application/dtmf-relay", "Duration=160")).isEqualTo(new NoKey());
        assertThat(InfoDigits.read("application/dtmf-relay", "Signal=12")).isEqualTo(new NoKey());
        assertThat(InfoDigits.read("application/dtmf-relay", "Signal=A")).as("A-D are no keys of a phone's keypad").isEqualTo(new NoKey());
        assertThat(InfoDigits.read("application/dtmf", "12")).isEqualTo(new NoKey());
        assertThat(InfoDigits.read("application/dtmf", "")).isEqualTo(new NoKey());
    }

    @Test
    void anInfoWithoutABodyTypeIsASessionRefreshNotAKey() {
        assertThat(InfoDigits.read(null, "")).isEqualTo(new NoKey());
    }

    @Test
    void otherBodyTypesAreUnsupported() {
        assertThat(InfoDigits.read("application/media_control+xml", "<media_control/>"))
                .isEqualTo(new UnsupportedType("application/media_control+xml"));
        assertThat(InfoDigits.read("text/plain", "5")).isInstanceOf(UnsupportedType.class);
    }
}
