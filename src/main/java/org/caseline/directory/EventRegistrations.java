package org.caseline.directory;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Registrations for outreach events: up to the event's capacity they are registered, beyond it
 * they wait in order, and a cancellation moves the first who waits up. One event's registrations
 * are decided one at a time (a transaction-scoped advisory lock on the event), on any node.
 */
@Service
public class EventRegistrations {

    public enum Status { REGISTERED, WAITLISTED, CANCELLED }

    /** A registration: the reference the registrant quotes, their own token to cancel, where they stand. */
    public record Registration(String eventId, String reference, String token, String name, Status status,
                               Integer waitlistPosition) {
    }

    /** How many are registered and waiting. */
    public record Counts(int registered, int waitlisted) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final DirectoryData data;
    private final EventMails mails;

    EventRegistrations(JdbcClient jdbc, TransactionTemplate tx, Clock clock, DirectoryData data, EventMails mails) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.clock = clock;
        this.data = data;
        this.mails = mails;
    }

    /**
     * Registers someone for an event; past its capacity they wait.
     *
     * @throws Directory.NotFoundException  when there is no such event, or it is over
     * @throws Directory.MalformedException when the name or email is missing or malformed, or the email is registered already
     */
    public Registration register(String eventId, String name, String email, Locale language) {
        Events.Event event = data.events().event(eventId)
                .orElseThrow(() -> new Directory.NotFoundException("No event " + eventId, "closed"));
        if (!event.end().toInstant().isAfter(clock.instant())) {
            throw new Directory.NotFoundException("The event " + eventId + " is over", "closed");
        }
        String who = name == null ? "" : name.strip();
        if (who.isEmpty() || who.length() > 100) {
            throw new Directory.MalformedException("name is required, at most 100 characters", "name");
        }
        String address = email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
        if (address.length() > 254 || !address.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
            throw new Directory.MalformedException("email must be an email address, like name@example.com", "email");
        }
        return tx.execute(status -> {
            lock(eventId);
            boolean already = jdbc.sql("select exists (select 1 from directory_event_registration where event_id = ? and email = ? and status <> 'CANCELLED')")
                    .params(eventId, address).query(Boolean.class).single();
            if (already) {
                throw new Directory.MalformedException(address + " is registered for this event already", "already");
            }
            Counts counts = counts(eventId);
            Status state = counts.registered() < event.capacity() ? Status.REGISTERED : Status.WAITLISTED;
            String reference = "EV-" + HexFormat.of().withUpperCase().formatHex(bytes(4));
            String token = HexFormat.of().formatHex(bytes(16));
            Timestamp now = Timestamp.from(clock.instant());
            jdbc.sql("""
                            insert into directory_event_registration (event_id, reference, token, name, email, language, status,
                                registered_at, changed_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(eventId, reference, token, who, address, language.getLanguage(), state.name(), now, now).update();
            Registration registration = find(eventId, token).orElseThrow();
            mails.send(state == Status.REGISTERED ? EventMails.Kind.REGISTERED : EventMails.Kind.WAITLISTED, event,
                    data.events().rule(), new EventMails.Registrant(who, address, language, reference, token,
                            registration.waitlistPosition()));
            return registration;
        });
    }

    /**
     * Cancels a registration by its token; the first who waits moves up into the freed place.
     *
     * @throws Directory.NotFoundException when no registration of the event has that token
     */
    public Registration cancel(String eventId, String token) {
        Events.Event event = data.events().event(eventId)
                .orElseThrow(() -> new Directory.NotFoundException("No event " + eventId, "closed"));
        return tx.execute(status -> {
            lock(eventId);
            Registration registration = find(eventId, token)
                    .orElseThrow(() -> new Directory.NotFoundException("No registration for " + eventId + " has that link"));
            if (registration.status() == Status.CANCELLED) {
                return registration;
            }
            Timestamp now = Timestamp.from(clock.instant());
            EventMails.Registrant cancelled = jdbc.sql("""
                            update directory_event_registration set status = 'CANCELLED', changed_at = ? where token = ?
                            returning name, email, language, reference, token""")
                    .params(now, token).query(EventRegistrations::registrant).single();
            mails.send(EventMails.Kind.CANCELLED, event, data.events().rule(), cancelled);
            if (registration.status() == Status.REGISTERED) {
                jdbc.sql("""
                                update directory_event_registration set status = 'REGISTERED', changed_at = ?
                                where id = (select id from directory_event_registration
                                            where event_id = ? and status = 'WAITLISTED' order by id limit 1)
                                returning name, email, language, reference, token""")
                        .params(now, eventId).query(EventRegistrations::registrant).optional()
                        .ifPresent(promoted -> mails.send(EventMails.Kind.PROMOTED, event, data.events().rule(), promoted));
            }
            return find(eventId, token).orElseThrow();
        });
    }

    public Optional<Registration> find(String eventId, String token) {
        return jdbc.sql("""
                        select r.reference, r.token, r.name, r.status,
                               (select count(*) from directory_event_registration w
                                where w.event_id = r.event_id and w.status = 'WAITLISTED' and w.id <= r.id) as place
                        from directory_event_registration r where r.event_id = ? and r.token = ?""")
                .params(eventId, token)
                .query((rs, n) -> {
                    Status s = Status.valueOf(rs.getString(4));
                    return new Registration(eventId, rs.getString(1), rs.getString(2), rs.getString(3), s,
                            s == Status.WAITLISTED ? rs.getInt(5) : null);
                })
                .optional();
    }

    public Counts counts(String eventId) {
        return jdbc.sql("""
                        select count(*) filter (where status = 'REGISTERED'), count(*) filter (where status = 'WAITLISTED')
                        from directory_event_registration where event_id = ?""")
                .param(eventId).query((rs, n) -> new Counts(rs.getInt(1), rs.getInt(2))).single();
    }

    /**
     * Reminds everyone registered for the events that start within a day, once each (the day
     * before, or at once for a registration made later than that). Returns how many were reminded.
     */
    public int remindOfUpcoming() {
        java.time.Instant now = clock.instant();
        int reminded = 0;
        for (Events.Event event : data.events().all()) {
            java.time.Instant start = event.start().toInstant();
            if (!start.isAfter(now) || start.minus(java.time.Duration.ofDays(1)).isAfter(now)) {
                continue;
            }
            reminded += tx.execute(status -> {
                List<EventMails.Registrant> due = jdbc.sql("""
                                update directory_event_registration set reminded_at = ?
                                where event_id = ? and status = 'REGISTERED' and reminded_at is null
                                returning name, email, language, reference, token""")
                        .params(Timestamp.from(now), event.id()).query(EventRegistrations::registrant).list();
                due.forEach(r -> mails.send(EventMails.Kind.REMINDER, event, data.events().rule(), r));
                return due.size();
            });
        }
        return reminded;
    }

    private static EventMails.Registrant registrant(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new EventMails.Registrant(rs.getString(1), rs.getString(2), Locale.forLanguageTag(rs.getString(3)),
                rs.getString(4), rs.getString(5), null);
    }

    private void lock(String eventId) {
        jdbc.sql("select pg_advisory_xact_lock(hashtext(?))").param("directory-event:" + eventId).query((rs, n) -> 1).list();
    }

    private static byte[] bytes(int count) {
        byte[] b = new byte[count];
        RANDOM.nextBytes(b);
        return b;
    }
}
