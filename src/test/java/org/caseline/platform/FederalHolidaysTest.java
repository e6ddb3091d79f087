package org.caseline.platform;

import java.time.LocalDate;

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

    @Test
    void fifteenBusinessDaysFromTheMondayBeforeThanksgivingSkipTheHolidayAndTheWeekends() {
        // 2026-11-23 (Mon) + 15: Thanksgiving (26th) and three weekends are skipped
        assertThat(FederalHolidays.addBusinessDays(LocalDate.of(2026, 11, 23), 15)).isEqualTo(LocalDate.of(2026, 12, 15));
    }

    @Test
    void christmasAndNewYearObservedOnFridaysAreNotWorked() {
        // 2027: Christmas on a Saturday is observed Friday 24 December; New Year 2028 on a Saturday,
        // Friday 31 December 2027
        assertThat(FederalHolidays.isBusinessDay(LocalDate.of(2027, 12, 24))).isFalse();
        assertThat(FederalHolidays.isBusinessDay(LocalDate.of(2027, 12, 31))).isFalse();
        assertThat(FederalHolidays.addBusinessDays(LocalDate.of(2027, 12, 22), 3)).isEqualTo(LocalDate.of(2027, 12, 28));
        assertThat(FederalHolidays.addBusinessDays(LocalDate.of(2027, 12, 30), 1)).isEqualTo(LocalDate.of(2028, 1, 3));
        assertThat(FederalHolidays.businessDaysBetween(LocalDate.of(2027, 12, 22), LocalDate.of(2028, 1, 3))).isEqualTo(6);
    }

    @Test
    void aRequestMadeOnASaturdayStartsCountingOnMonday() {
        assertThat(FederalHolidays.addBusinessDays(LocalDate.of(2026, 12, 5), 1)).isEqualTo(LocalDate.of(2026, 12, 7));
    }
}
