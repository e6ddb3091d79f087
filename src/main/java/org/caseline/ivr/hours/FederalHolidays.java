package org.caseline.ivr.hours;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.time.temporal.TemporalAdjusters;
import java.util.Set;
import java.util.TreeSet;

/**
 * United States federal holidays (5 U.S.C. 6103), computed for any year, on the days they are
 * observed: a holiday on a Saturday is observed the Friday before, one on a Sunday the Monday after.
 */
public final class FederalHolidays {

    private FederalHolidays() {
    }

    public static boolean isHoliday(LocalDate date) {
        // New Year's Day of the next year can be observed on December 31.
        return observed(date.getYear()).contains(date) || observed(date.getYear() + 1).contains(date);
    }

    public static Set<LocalDate> observed(int year) {
        Set<LocalDate> days = new TreeSet<>();
        days.add(observe(LocalDate.of(year, Month.JANUARY, 1)));
        days.add(nth(year, Month.JANUARY, DayOfWeek.MONDAY, 3));    // Birthday of Martin Luther King, Jr.
        days.add(nth(year, Month.FEBRUARY, DayOfWeek.MONDAY, 3));   // Washington's Birthday
        days.add(LocalDate.of(year, Month.MAY, 1).with(TemporalAdjusters.lastInMonth(DayOfWeek.MONDAY))); // Memorial Day
        if (year >= 2021) {
            days.add(observe(LocalDate.of(year, Month.JUNE, 19)));   // Juneteenth
        }
        days.add(observe(LocalDate.of(year, Month.JULY, 4)));
        days.add(nth(year, Month.SEPTEMBER, DayOfWeek.MONDAY, 1));  // Labor Day
        days.add(nth(year, Month.OCTOBER, DayOfWeek.MONDAY, 2));    // Columbus Day
        days.add(observe(LocalDate.of(year, Month.NOVEMBER, 11)));  // Veterans Day
        days.add(nth(year, Month.NOVEMBER, DayOfWeek.THURSDAY, 4)); // Thanksgiving Day
        days.add(observe(LocalDate.of(year, Month.DECEMBER, 25)));
        return days;
    }

    private static LocalDate nth(int year, Month month, DayOfWeek day, int n) {
        return LocalDate.of(year, month, 1).with(TemporalAdjusters.dayOfWeekInMonth(n, day));
    }

    private static LocalDate observe(LocalDate date) {
        return switch (date.getDayOfWeek()) {
            case SATURDAY -> date.minusDays(1);
            case SUNDAY -> date.plusDays(1);
            default -> date;
        };
    }
}
