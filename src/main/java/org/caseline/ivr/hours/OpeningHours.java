package org.caseline.ivr.hours;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Set;

import org.caseline.platform.FederalHolidays;

/** When people answer a line: days, a daily window in the line's own time zone, federal holidays closed. */
public record OpeningHours(ZoneId zone, Set<DayOfWeek> days, LocalTime open, LocalTime close, boolean federalHolidaysClosed) {

    public enum State { OPEN, CLOSED, HOLIDAY }

    public State at(Instant instant) {
        ZonedDateTime local = instant.atZone(zone);
        if (federalHolidaysClosed && FederalHolidays.isHoliday(local.toLocalDate())) {
            return State.HOLIDAY;
        }
        LocalTime time = local.toLocalTime();
        boolean open = days.contains(local.getDayOfWeek()) && !time.isBefore(this.open) && time.isBefore(close);
        return open ? State.OPEN : State.CLOSED;
    }
}
