package org.caseline.ivr;

import java.time.LocalDate;

import org.caseline.ivr.hours.FederalHolidays;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FederalHolidaysTest {

    @Test
    void theElevenHolidaysOf2026OnTheDaysTheyAreObserved() {
        assertThat(FederalHolidays.observed(2026)).containsExactly(
                LocalDate.of(2026, 1, 1), LocalDate.of(2026, 1, 19), LocalDate.of(2026, 2, 16),
                LocalDate.of(2026, 5, 25), LocalDate.of(2026, 6, 19),
                LocalDate.of(2026, 7, 3),   // July 4 is a Saturday
                LocalDate.of(2026, 9, 7), LocalDate.of(2026, 10, 12), LocalDate.of(2026, 11, 11),
                LocalDate.of(2026, 11, 26), LocalDate.of(2026, 12, 25));
    }

    @Test
    void aSundayHolidayIsObservedOnMonday() {
        assertThat(FederalHolidays.isHoliday(LocalDate.of(2022, 12, 26))).isTrue(); // Christmas 2022 was a Sunday
        assertThat(FederalHolidays.isHoliday(LocalDate.of(2022, 12, 25))).isFalse();
    }

    @Test
    void newYearsDayOnASaturdayIsObservedTheYearBefore() {
        assertThat(FederalHolidays.isHoliday(LocalDate.of(2021, 12, 31))).isTrue(); // January 1, 2022 was a Saturday
    }

    @Test
    void anOrdinaryWorkdayIsNotAHoliday() {
        assertThat(FederalHolidays.isHoliday(LocalDate.of(2026, 11, 30))).isFalse();
    }
}
