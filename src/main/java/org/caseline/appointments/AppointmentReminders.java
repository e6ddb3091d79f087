package org.caseline.appointments;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The day before an appointment, its person is reminded by mail, once: the appointment is marked
 * in the same transaction that queues the mail, rows another node is marking are skipped, and a
 * moved appointment is reminded again of its new date. Not within the last hour (too late to help).
 */
@Component
class AppointmentReminders {

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Appointments appointments;
    private final AppointmentMails mails;
    private final Clock clock;

    AppointmentReminders(JdbcClient jdbc, TransactionTemplate tx, Appointments appointments, AppointmentMails mails, Clock clock) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.appointments = appointments;
        this.mails = mails;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${caseline.appointments.reminder-check:1m}", initialDelayString = "${caseline.appointments.reminder-check:1m}")
    void remind() {
        remindDue();
    }

    /** Reminds of every appointment due within a day that has not been; how many it reminded. */
    int remindDue() {
        Instant now = clock.instant();
        Integer done = tx.execute(s -> {
            List<UUID> due = jdbc.sql("""
                            update appointment set reminded_at = ?
                            where id in (select a.id from appointment a join appointment_slot t on t.id = a.slot_id
                                         where a.status = 'BOOKED' and a.reminded_at is null and t.starts_at > ? and t.starts_at <= ?
                                         limit 500 for update of a skip locked)
                            returning id""")
                    .params(Timestamp.from(now), Timestamp.from(now.plus(Duration.ofHours(1))), Timestamp.from(now.plus(Duration.ofDays(1))))
                    .query(UUID.class).list();
            due.forEach(id -> mails.reminder(appointments.find(id).orElseThrow()));
            return due.size();
        });
        return done == null ? 0 : done;
    }
}
