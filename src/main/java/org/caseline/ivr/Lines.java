package org.caseline.ivr;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.caseline.ivr.hours.OpeningHours;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The phone lines callers dial ({@code caseline.ivr.lines}): each with its number, its entry
 * flow, and the hours people answer it. The IVR itself answers around the clock.
 */
@ConfigurationProperties("caseline.ivr")
public record Lines(List<Line> lines) {

    /** The zone in which "today" and a report's days are counted: the first line's (UTC without lines). */
    public java.time.ZoneId reportingZone() {
        return lines.isEmpty() ? java.time.ZoneOffset.UTC : java.time.ZoneId.of(lines.getFirst().timeZone());
    }

    public record Line(String number, String name, String flow, String queue, String timeZone, Set<DayOfWeek> days,
                       LocalTime opens, LocalTime closes, @DefaultValue("true") boolean federalHolidaysClosed,
                       String afterHoursEmail) {

        public OpeningHours hours() {
            return new OpeningHours(ZoneId.of(timeZone), days, opens, closes, federalHolidaysClosed);
        }

        /** Whether people answer the line at that moment (not on its days, hours or a federal holiday: no). */
        public boolean openAt(java.time.Instant instant) {
            return hours().at(instant) == OpeningHours.State.OPEN;
        }
    }

    public Lines {
        lines = lines == null ? List.of() : List.copyOf(lines);
    }

    /** Where calls enter the flows: each line's flow, and the hold flow at each of its entries. */
    public List<String> entries() {
        return entriesOf(lines.stream().map(Line::flow).distinct().toList());
    }

    /** The entries of lines that enter {@code flows}, with the hold flow's. */
    public static List<String> entriesOf(List<String> flows) {
        List<String> entries = new java.util.ArrayList<>(flows);
        for (IvrService.HoldEntry entry : IvrService.HoldEntry.values()) {
            entries.add(entry.node() == null ? IvrService.HOLD_FLOW : IvrService.HOLD_FLOW + ":" + entry.node());
        }
        return List.copyOf(entries);
    }

    /** The line for a dialed number, written any way ("+1 800-375-5283", "18003755283", "8003755283"). */
    public Optional<Line> byNumber(String dialed) {
        String digits = normalise(dialed);
        return lines.stream().filter(l -> normalise(l.number()).equals(digits)).findFirst();
    }

    public static String normalise(String number) {
        if (number == null) {
            return "";
        }
        String digits = number.replaceAll("[^0-9]", "");
        return digits.length() == 10 ? "1" + digits : digits;
    }
}
