package org.caseline.platform;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.time.temporal.TemporalAdjusters;
import java.util.Set;
import java.util.TreeSet;

/**
 * United States federal holidays (5 U.S.C. 6103), computed for any year, on the days they are
 * observed: a holiday on a Saturday is observed the Friday before, one on a Sunday the Monday after.
 * The calendar of the lines' hours and of business-day deadlines.
 */
public final class FederalHolidays {

    private FederalHolidays() {
    }

    public static boolean isHoliday(LocalDate date) {
        // New Year's Day of the next year can be observed on December 31.
        return observed(date.getYear()).contains(date) || observed(date.getYear() + 1).contains(date);
    }

    /** A weekday that is not a federal holiday: a day offices work. */
    public static boolean isBusinessDay(LocalDate date) {
        return date.getDayOfWeek() != DayOfWeek.SATURDAY && date.getDayOfWeek() != DayOfWeek.SUNDAY && !isHoliday(date);
    }

    /**
     * The business day {@code days} business days after {@code from}: what "answered within 15
     * business days" of a request made on {@code from} means. The day itself does not count.
     */
    public static LocalDate addBusinessDays(LocalDate from, int days) {
        LocalDate date = from;
        for (int left = days; left > 0; ) {
            date = date.plusDays(1);
            if (isBusinessDay(date)) {
                left--;
            }
        }
        return date;
    }

    /** How many business days after {@code from} the day {@code to} is (0 for the same day or before). */
    public static int businessDaysBetween(LocalDate from, LocalDate to) {
        int count = 0;
        for (LocalDate date = from.plusDays(1); !date.isAfter(to); date = date.plusDays(1)) {
            if (isBusinessDay(date)) {
                count++;
            }
        }
        return count;
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
