package org.caseline.appointments;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import net.fortuna.ical4j.data.CalendarOutputter;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.Location;
import net.fortuna.ical4j.model.property.Sequence;
import net.fortuna.ical4j.model.property.Status;
import net.fortuna.ical4j.model.property.Uid;
import org.caseline.messaging.Mail;
import org.caseline.messaging.Outbox;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What the person an appointment is for is told by mail, in their language: that it is booked,
 * moved or cancelled, that a request was declined, and the day before, a reminder. A mail says
 * where, when, what to bring and the appointment's reference, never anything of the case (a plain
 * mail can be read by anyone who sees it); a booked or moved one carries the date as a calendar
 * file, with one identity for the appointment so that a move replaces the entry. Called inside
 * the change it reports, so it goes only if that commits.
 */
@Component
class AppointmentMails {

    enum Kind { BOOKED, MOVED, CANCELLED, REMINDER }

    private final Outbox outbox;
    private final MessageSource messages;
    private final AppointmentWording wording;
    private final JdbcClient jdbc;

    AppointmentMails(Outbox outbox, MessageSource messages, AppointmentWording wording, JdbcClient jdbc) {
        this.outbox = outbox;
        this.messages = messages;
        this.wording = wording;
        this.jdbc = jdbc;
    }

    void booked(Appointments.Appointment appointment) {
        send(Kind.BOOKED, appointment);
    }

    void moved(Appointments.Appointment appointment) {
        send(Kind.MOVED, appointment);
    }

    void cancelled(Appointments.Appointment appointment) {
        send(Kind.CANCELLED, appointment);
    }

    void reminder(Appointments.Appointment appointment) {
        send(Kind.REMINDER, appointment);
    }

    /** A request declined: the officer's reason (held to the rule for plain mail before it gets here), and what to do next. */
    void declined(String to, Locale language, String requestReference, String reason) {
        String body = String.join("\n", text("appointment.mail.declined.lead", language, requestReference), "", reason, "",
                text("appointment.mail.declined.next", language), "", "-- ", text("mail.signature", language));
        outbox.send(new Mail(to, text("appointment.mail.declined.subject", language, requestReference), body, language,
                "appointment-declined"));
    }

    private void send(Kind kind, Appointments.Appointment appointment) {
        String[] notify = jdbc.sql("select notify_email, language from appointment where id = ?").param(appointment.id())
                .query((rs, n) -> new String[] {rs.getString(1), rs.getString(2)}).single();
        if (notify[0] == null) {
            return; // no address given (the case system booked it and sends its own notice)
        }
        Locale language = Locale.forLanguageTag(notify[1]);
        AppointmentWording.Said said = wording.of(appointment, language);
        String key = "appointment.mail." + kind.name().toLowerCase(Locale.ROOT);
        List<String> lines = new ArrayList<>();
        lines.add(text(key + ".lead", language, said.type()));
        lines.add("");
        lines.add(text("appointment.mail.when", language, said.when()));
        lines.add(text("appointment.mail.where", language, said.office() + ", " + said.address()));
        lines.add(text("appointment.mail.reference", language, said.reference()));
        if (kind != Kind.CANCELLED) {
            lines.add("");
            lines.add(text("appointment.mail.bring", language));
            lines.add(text("appointment.mail.change", language));
        }
        lines.add("");
        lines.add("-- ");
        lines.add(text("mail.signature", language));
        Mail mail = new Mail(notify[0], text(key + ".subject", language, said.type(), said.day()), String.join("\n", lines), language,
                "appointment-" + kind.name().toLowerCase(Locale.ROOT));
        outbox.send(kind == Kind.REMINDER ? mail : mail.withCalendar(calendar(appointment, said, kind == Kind.CANCELLED)));
    }

    /** The appointment as one calendar entry: the same identity each time, a higher sequence each move, cancelled when it is. */
    private static String calendar(Appointments.Appointment appointment, AppointmentWording.Said said, boolean cancelled) {
        VEvent event = new VEvent(appointment.start(), appointment.end(), said.type() + " (" + said.office() + ")");
        event.add(new Uid(appointment.id() + "@caseline"));
        event.add(new Location(said.office() + ", " + said.address()));
        event.add(new Sequence(appointment.reschedules() + (cancelled ? 1 : 0)));
        event.add(cancelled ? new Status(Status.VALUE_CANCELLED) : new Status(Status.VALUE_CONFIRMED));
        Calendar calendar = new Calendar().withProdId("-//CaseLine//Appointments//EN").withDefaults().getFluentTarget();
        calendar.add(event);
        StringWriter out = new StringWriter();
        try {
            new CalendarOutputter(false).output(calendar, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private String text(String key, Locale language, Object... args) {
        return messages.getMessage(key, args, language);
    }
}
