package org.caseline.platform;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The one rule for a number a caller can be called back at. */
class PhoneNumberTest {

    @Test
    void keyedDigitsCallerIdsAndWrittenNumbersAreOneNumber() {
        for (String written : new String[] {"2025550143", "12025550143", "+12025550143", "+1 (202) 555-0143", "202.555.0143"}) {
            assertThat(PhoneNumber.parse(written)).as(written).contains(new PhoneNumber("2025550143"));
        }
    }

    @Test
    void anAreaCodeOrExchangeStartingWithZeroOrOneIsNoNumberACallCanGoTo() {
        assertThat(PhoneNumber.parse("0005550143")).isEmpty();
        assertThat(PhoneNumber.parse("1205550143")).as("ten digits starting 1: no area code 120").isEmpty();
        assertThat(PhoneNumber.parse("2021550143")).as("exchange 155").isEmpty();
        assertThat(PhoneNumber.parse("2020550143")).isEmpty();
    }

    @Test
    void tooFewTooManyOrNoDigitsAreNoNumber() {
        assertThat(PhoneNumber.parse("202555014")).isEmpty();
        assertThat(PhoneNumber.parse("22025550143")).as("eleven digits not starting with 1").isEmpty();
        assertThat(PhoneNumber.parse("anonymous")).isEmpty();
        assertThat(PhoneNumber.parse(null)).isEmpty();
        assertThatThrownBy(() -> new PhoneNumber("12345")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aNumberInALogLineShowsOnlyItsLastFourDigits() {
        assertThat(new PhoneNumber("2025550143").toString()).isEqualTo("******0143");
    }
}
