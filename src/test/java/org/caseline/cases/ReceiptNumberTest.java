package org.caseline.cases;

import java.util.Map;

import org.caseline.cases.InvalidReceiptNumberException.Problem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReceiptNumberTest {

    static final ReceiptPrefixes PREFIXES = ReceiptPrefixes.of(Map.of(
            "EAC", "VSC", "WAC", "CSC", "LIN", "NSC", "SRC", "TSC", "MSC", "NBC", "IOE", "ELIS", "YSC", "PSC"));

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "EAC2590000101      | EAC2590000101",
            "  eac2590000101    | EAC2590000101",
            "EAC-25-900-00101   | EAC2590000101",
            "EAC 25 900 00101   | EAC2590000101",
            "ｅａｃ２５９０００01０1 | EAC2590000101",
            "Eac–2590000101     | EAC2590000101"})
    void whatPeopleTypeIsNormalised(String typed, String expected) {
        assertThat(ReceiptNumber.parse(typed, PREFIXES).value()).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
            "NULL            | EMPTY             | 0",
            "'   '           | EMPTY             | 0",
            "EAC259000010    | TOO_SHORT         | 12",
            "EAC25900001011  | TOO_LONG          | 14",
            "EAC25900O0101   | LETTER_IN_DIGITS  | 9",
            "E1C2590000101   | DIGIT_IN_PREFIX   | 2",
            "EAC259000010*   | INVALID_CHARACTER | 13",
            "EAC/2590000101  | INVALID_CHARACTER | 4",
            "ABC2590000101   | UNKNOWN_PREFIX    | 1"})
    void eachProblemIsNamedWithWhereItIs(String typed, Problem problem, int position) {
        assertThatThrownBy(() -> ReceiptNumber.parse(typed, PREFIXES))
                .isInstanceOfSatisfying(InvalidReceiptNumberException.class, e -> {
                    assertThat(e.problem()).isEqualTo(problem);
                    assertThat(e.position()).isEqualTo(position);
                });
    }

    @Test
    void logsSeeOnlyTheLastFourCharacters() {
        ReceiptNumber receipt = ReceiptNumber.parse("EAC2590000101", PREFIXES);
        assertThat(receipt.masked()).isEqualTo("*********0101");
        assertThat(receipt.toString()).doesNotContain("EAC2590000101");
    }

    @Test
    void theConfiguredTableDecidesWhichPrefixesExist() {
        ReceiptPrefixes agencyWithOnePrefix = ReceiptPrefixes.of(Map.of("ABC", "HQ"));
        assertThat(ReceiptNumber.parse("ABC2590000101", agencyWithOnePrefix).prefix()).isEqualTo("ABC");
        assertThatThrownBy(() -> ReceiptNumber.parse("EAC2590000101", agencyWithOnePrefix))
                .isInstanceOf(InvalidReceiptNumberException.class);
    }
}
