package org.caseline.cases;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.StringLength;

import static org.assertj.core.api.Assertions.assertThat;

class ReceiptNumberProperties {

    private static final ReceiptPrefixes PREFIXES = ReceiptNumberTest.PREFIXES;

    @Property
    void anyValidNumberSurvivesHowPeopleWriteIt(@ForAll("receipts") String receipt, @ForAll("noise") String noise,
                                                @ForAll boolean lowerCase) {
        String typed = receipt.substring(0, 3) + noise + receipt.substring(3, 5) + noise + receipt.substring(5);
        typed = lowerCase ? typed.toLowerCase() : typed;
        assertThat(ReceiptNumber.parse(" " + typed + " ", PREFIXES).value()).isEqualTo(receipt);
    }

    @Property
    void whateverParsesIsThirteenCharactersWithAKnownPrefix(@ForAll @StringLength(max = 40) String anything) {
        try {
            ReceiptNumber receipt = ReceiptNumber.parse(anything, PREFIXES);
            assertThat(receipt.value()).matches("[A-Z]{3}[0-9]{10}");
            assertThat(PREFIXES.isKnown(receipt.prefix())).isTrue();
        } catch (InvalidReceiptNumberException expected) {
            assertThat(expected.problem()).isNotNull();
        }
    }

    @Property
    void aChangedDigitPlaceIsCaughtWithItsPosition(@ForAll("receipts") String receipt, @ForAll("digitPlaces") int place,
                                                   @ForAll("letters") char letter) {
        String broken = receipt.substring(0, place) + letter + receipt.substring(place + 1);
        try {
            ReceiptNumber.parse(broken, PREFIXES);
            throw new AssertionError("accepted " + broken);
        } catch (InvalidReceiptNumberException e) {
            assertThat(e.problem()).isEqualTo(InvalidReceiptNumberException.Problem.LETTER_IN_DIGITS);
            assertThat(e.position()).isEqualTo(place + 1);
        }
    }

    @Property
    void theMaskNeverShowsMoreThanFourCharacters(@ForAll("receipts") String receipt) {
        String masked = ReceiptNumber.parse(receipt, PREFIXES).masked();
        assertThat(masked.replace("*", "")).hasSize(4).isEqualTo(receipt.substring(9));
    }

    @Provide
    Arbitrary<String> receipts() {
        return Arbitraries.of(PREFIXES.all()).flatMap(prefix ->
                Arbitraries.strings().numeric().ofLength(10).map(digits -> prefix + digits));
    }

    @Provide
    Arbitrary<String> noise() {
        return Arbitraries.of("", " ", "-", " - ", "--");
    }

    @Provide
    Arbitrary<Integer> digitPlaces() {
        return Arbitraries.integers().between(3, 12);
    }

    @Provide
    Arbitrary<Character> letters() {
        return Arbitraries.chars().range('A', 'Z');
    }
}
