package org.caseline.appointments;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import org.caseline.directory.DirectoryData;
import org.caseline.directory.Office;
import org.caseline.platform.KeyableReference;
import org.caseline.platform.Languages;
import org.springframework.stereotype.Component;

/**
 * An appointment as a person reads or hears it, in their language: the type's name, the office
 * and its address, and the day and time in the office's own time zone (where the person will be).
 */
@Component
public class AppointmentWording {

    /** The words for one appointment; {@code when} is day and time, {@code day} the day alone, {@code time} the time alone. */
    public record Said(String type, String office, String address, String when, String day, String time, String reference) {
    }

    private static final DateTimeFormatter ENGLISH_TIME = DateTimeFormatter.ofPattern("h:mm a", Locale.ENGLISH);
    private static final DateTimeFormatter SPANISH_TIME = DateTimeFormatter.ofPattern("H:mm", Languages.SPANISH);
    private static final DateTimeFormatter ENGLISH_WEEKDAY = DateTimeFormatter.ofPattern("EEEE", Locale.ENGLISH);
    private static final DateTimeFormatter SPANISH_WEEKDAY = DateTimeFormatter.ofPattern("EEEE", Languages.SPANISH);

    private final AppointmentTypes types;
    private final DirectoryData directory;

    AppointmentWording(AppointmentTypes types, DirectoryData directory) {
        this.types = types;
        this.directory = directory;
    }

    public Said of(Appointments.Appointment appointment, Locale language) {
        Office office = directory.offices().office(appointment.office()).orElseThrow();
        String type = types.type(appointment.type()).map(t -> t.name().in(language)).orElse(appointment.type());
        ZonedDateTime at = appointment.start().atZone(ZoneId.of(office.timeZone()));
        return new Said(type, office.name().in(language), office.address().oneLine(), when(office.code(), appointment.start(), language),
                day(at, language), time(at, language), appointment.reference() == null ? "" : KeyableReference.grouped(appointment.reference()));
    }

    /** A slot at an office, as a caller hears it: "Tuesday, December 8, 2026, at 9:15 AM". */
    public String when(String officeCode, java.time.Instant start, Locale language) {
        Office office = directory.offices().office(officeCode).orElseThrow();
        return when(start.atZone(ZoneId.of(office.timeZone())), language);
    }

    /** A local day and time as said: "Tuesday, December 8, 2026, at 9:15 AM", "martes, 8 de diciembre de 2026, a las 9:15". */
    public static String when(ZonedDateTime at, Locale language) {
        return day(at, language) + (Languages.isSpanish(language) ? ", a las " : ", at ") + time(at, language);
    }

    public String officeName(String officeCode, Locale language) {
        return directory.offices().office(officeCode).map(o -> o.name().in(language)).orElse(officeCode);
    }

    private static String day(ZonedDateTime at, Locale language) {
        return (Languages.isSpanish(language) ? SPANISH_WEEKDAY : ENGLISH_WEEKDAY).format(at) + ", "
                + Languages.longDate(at.toLocalDate(), language);
    }

    private static String time(ZonedDateTime at, Locale language) {
        return (Languages.isSpanish(language) ? SPANISH_TIME : ENGLISH_TIME).format(at);
    }
}
