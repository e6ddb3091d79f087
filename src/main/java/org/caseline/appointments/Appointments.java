package org.caseline.appointments;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.caseline.cases.CaseStatusService;
import org.caseline.cases.InvalidReceiptNumberException;
import org.caseline.cases.ReceiptNumber;
import org.caseline.cases.StaffCaseReads;
import org.caseline.directory.DirectoryData;
import org.caseline.directory.Office;
import org.caseline.platform.KeyableReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Booking, moving and cancelling appointments at offices. A place in a slot is taken by one
 * conditional update ({@link AppointmentCalendar#take}), so a slot never holds more than its
 * capacity whoever books at once; the one who comes a moment late is told so, with the next free
 * slots. Moving one follows its type's rules (not after it, not within so many hours of it, not
 * more than so many times); cancelling frees its place at once.
 */
@Service
public class Appointments {

    private static final Logger log = LoggerFactory.getLogger(Appointments.class);
    private static final Set<String> ACCOMMODATIONS = Set.of("sign-language-interpreter", "wheelchair-access", "home-visit",
            "language-interpreter", "other");

    public record Appointment(UUID id, String reference, String receiptNumber, String office, String type, Instant start, Instant end,
                              String status, int reschedules, List<String> accommodations, Instant checkedInAt) {
    }

    /**
     * Who is told of an appointment, and in which language: a mail (with the date as a calendar
     * file) at {@code email}, a reminder call the day before at {@code phone}; either may be null.
     */
    public record Notify(String email, String phone, Locale language) {
        public static final Notify NOBODY = new Notify(null, null, Locale.ENGLISH);
    }

    /** A booking: for which case, where, what, when, with which accommodations, who is told, and who books. */
    public record Booking(String receiptNumber, String office, String type, Instant start, List<String> accommodations, Notify tell,
                          String by, String sourceEvent) {
    }

    public record FreeSlot(Instant start, Instant end, int free) {
    }

    /** Why nothing was booked or changed: the status, a code, a plain message, and the next free slots when it was full. */
    public static class Refused extends RuntimeException {
        private final int status;
        private final String code;
        private final List<FreeSlot> nextFree;

        public Refused(int status, String code, String message) {
            this(status, code, message, List.of());
        }

        Refused(int status, String code, String message, List<FreeSlot> nextFree) {
            super(message);
            this.status = status;
            this.code = code;
            this.nextFree = List.copyOf(nextFree);
        }

        public int status() {
            return status;
        }

        public String code() {
            return code;
        }

        public List<FreeSlot> nextFree() {
            return nextFree;
        }

        /** The answer a client gets: the code, the message, and the next free slots when there are. */
        public java.util.Map<String, Object> body() {
            java.util.Map<String, Object> body = new java.util.LinkedHashMap<>();
            body.put("code", code);
            body.put("message", getMessage());
            if (!nextFree.isEmpty()) {
                body.put("nextFree", nextFree);
            }
            return body;
        }
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final AppointmentCalendar calendar;
    private final AppointmentTypes types;
    private final DirectoryData directory;
    private final CaseStatusService cases;
    private final StaffCaseReads reads;
    private final Clock clock;
    private final AppointmentMails mails;

    Appointments(JdbcClient jdbc, TransactionTemplate tx, AppointmentCalendar calendar, AppointmentTypes types, DirectoryData directory,
                 CaseStatusService cases, StaffCaseReads reads, Clock clock, AppointmentMails mails) {
        this.mails = mails;
        this.jdbc = jdbc;
        this.tx = tx;
        this.calendar = calendar;
        this.types = types;
        this.directory = directory;
        this.cases = cases;
        this.reads = reads;
        this.clock = clock;
    }

    /** An office's free slots of a type between two days (its own calendar days), earliest first. */
    public List<FreeSlot> freeSlots(String officeCode, String typeCode, LocalDate from, LocalDate to) {
        Office office = office(officeCode);
        AppointmentTypes.Type type = offered(office, typeCode);
        LocalDate today = LocalDate.now(clock.withZone(ZoneId.of(office.timeZone())));
        if (from == null || to == null || to.isBefore(from)) {
            throw new Refused(422, "dates", "Give from and to as YYYY-MM-DD, from no later than to.");
        }
        LocalDate first = from.isBefore(today) ? today : from;
        LocalDate last = to.isAfter(today.plusDays(types.daysAhead())) ? today.plusDays(types.daysAhead()) : to;
        if (last.isBefore(first)) {
            return List.of();
        }
        return calendar.free(office, type, first, last, clock.instant(), 1000).stream().map(Appointments::free).toList();
    }

    /** Books a place for a case; {@code by} is who did (an officer, the holder, the case system). */
    public Appointment book(String receiptNumber, String officeCode, String typeCode, Instant start, List<String> accommodations, String by) {
        return book(new Booking(receiptNumber, officeCode, typeCode, start, accommodations, Notify.NOBODY, by, null));
    }

    /**
     * Books a place for a case and tells whom {@link Booking#tell()} names, by a mail that says
     * where and when (never anything of the case) with the date as a calendar file. A booking that
     * carries the case system's event id is made once, however often the event is sent.
     */
    public Appointment book(Booking booking) {
        if (booking.sourceEvent() != null) {
            Optional<Appointment> done = jdbc.sql(SELECT + " where a.source_event = ?").param(booking.sourceEvent())
                    .query(Appointments::appointment).optional();
            if (done.isPresent()) {
                return done.get();
            }
        }
        ReceiptNumber receipt = receipt(booking.receiptNumber());
        Office office = office(booking.office());
        AppointmentTypes.Type type = offered(office, booking.type());
        List<String> needs = accommodations(booking.accommodations());
        Instant start = booking.start();
        String by = booking.by();
        Notify notify = booking.tell() == null ? Notify.NOBODY : booking.tell();
        AppointmentCalendar.Slot slot = slot(office, type, start);
        if (reads.publicStatus(receipt, by, "appointment booking").isEmpty()) {
            throw new Refused(404, "no-case", "No case has the receipt number " + receipt.value() + ".");
        }
        UUID id = UUID.randomUUID();
        String reference = KeyableReference.random(9);
        tx.executeWithoutResult(status -> {
            boolean already = jdbc.sql("select count(*) from appointment where receipt_number = ? and type = ? and status = 'BOOKED'")
                    .params(receipt.value(), type.code()).query(Integer.class).single() > 0;
            if (already) {
                throw new Refused(409, "already-booked", "This case already has a " + type.code()
                        + " appointment: reschedule it instead of booking another.");
            }
            if (!calendar.take(slot.id())) {
                throw full(office, type, start);
            }
            jdbc.sql("""
                            insert into appointment (id, reference, receipt_number, office, type, slot_id, status, accommodations, booked_by,
                                booked_at, notify_email, notify_phone, language, source_event)
                            values (?, ?, ?, ?, ?, ?, 'BOOKED', ?, ?, ?, ?, ?, ?, ?)""")
                    .params(id, reference, receipt.value(), office.code(), type.code(), slot.id(), needs.toArray(String[]::new), by,
                            Timestamp.from(clock.instant()), notify.email(), notify.phone(), notify.language().getLanguage(),
                            booking.sourceEvent()).update();
            mails.booked(find(id).orElseThrow());
        });
        log.info("Appointment {} ({}) booked at {} for {} by {}", id, type.code(), office.code(), receipt.masked(), by);
        return find(id).orElseThrow();
    }

    /** Moves an appointment to another slot of its type (at its office, or another that offers it), under its type's rules. */
    public Appointment reschedule(UUID id, String officeCode, Instant start, String by) {
        Appointment current = find(id).orElseThrow(() -> new Refused(404, "no-appointment", "No appointment " + id + "."));
        if (!current.status().equals("BOOKED")) {
            throw new Refused(409, "not-booked", "This appointment is " + current.status().toLowerCase() + "; only a booked one can be moved.");
        }
        AppointmentTypes.Type type = types.type(current.type()).orElseThrow();
        AppointmentTypes.RescheduleRule rule = type.reschedule();
        Optional<Refused> refused = whyNotMovable(current);
        if (refused.isPresent()) {
            throw refused.get();
        }
        Office office = office(officeCode == null || officeCode.isBlank() ? current.office() : officeCode);
        offered(office, type.code());
        AppointmentCalendar.Slot slot = slot(office, type, start);
        tx.executeWithoutResult(status -> {
            int moved = jdbc.sql("select reschedules from appointment where id = ? and status = 'BOOKED' for update").param(id)
                    .query(Integer.class).optional().orElseThrow(() -> new Refused(409, "not-booked", "This appointment is no longer booked."));
            if (moved >= rule.atMost()) {
                throw new Refused(422, "moved-too-often", "This appointment was moved " + moved + " times already, the most allowed.");
            }
            if (!calendar.take(slot.id())) {
                throw full(office, type, start);
            }
            long old = jdbc.sql("select slot_id from appointment where id = ?").param(id).query(Long.class).single();
            calendar.release(old);
            // moved: a reminder for the new date is due again
            jdbc.sql("update appointment set slot_id = ?, office = ?, reschedules = reschedules + 1, reminded_at = null where id = ?")
                    .params(slot.id(), office.code(), id).update();
            mails.moved(find(id).orElseThrow());
        });
        log.info("Appointment {} moved to {} at {} by {}", id, start, office.code(), by);
        return find(id).orElseThrow();
    }

    /** Cancels an appointment; its place is free for someone else at once. */
    public Appointment cancel(UUID id, String by) {
        tx.executeWithoutResult(status -> {
            Long slot = jdbc.sql("select slot_id from appointment where id = ? and status = 'BOOKED' for update").param(id)
                    .query(Long.class).optional().orElse(null);
            if (slot == null) {
                throw find(id).isEmpty() ? new Refused(404, "no-appointment", "No appointment " + id + ".")
                        : new Refused(409, "not-booked", "This appointment is not booked any more.");
            }
            jdbc.sql("update appointment set status = 'CANCELLED', cancelled_at = ? where id = ?").params(Timestamp.from(clock.instant()), id).update();
            calendar.release(slot);
            mails.cancelled(find(id).orElseThrow());
        });
        log.info("Appointment {} cancelled by {}", id, by);
        return find(id).orElseThrow();
    }

    public Optional<Appointment> find(UUID id) {
        return jdbc.sql(SELECT + " where a.id = ?").param(id).query(Appointments::appointment).optional();
    }

    /** A case's appointments as staff read them: the look is audited like any staff read of a case. */
    public List<Appointment> ofCase(String receiptNumber, String by) {
        ReceiptNumber receipt = receipt(receiptNumber);
        reads.publicStatus(receipt, by, "appointments of the case");
        return ofCase(receipt.value());
    }

    /** A case's appointments, the next first. */
    public List<Appointment> ofCase(String receiptNumber) {
        return jdbc.sql(SELECT + " where a.receipt_number = ? order by s.starts_at").param(receipt(receiptNumber).value())
                .query(Appointments::appointment).list();
    }

    /** A case's booked appointments of a type still to come, the next first. */
    public Optional<Appointment> next(String receiptNumber, String typeCode) {
        return jdbc.sql(SELECT + " where a.receipt_number = ? and a.type = ? and a.status = 'BOOKED' and s.starts_at > ? order by s.starts_at limit 1")
                .params(receipt(receiptNumber).value(), typeCode, Timestamp.from(clock.instant()))
                .query(Appointments::appointment).optional();
    }

    /**
     * Free slots earlier than an appointment, for moving it: at its office and the two nearest
     * others of the same kind (the nearby centers a caller can reach), the earliest first, from
     * its type's notice on (a slot within {@code notWithinHours} of now could not be moved to).
     * Days are looked at one by one and the look stops once enough are found, so the calendar
     * is not made weeks ahead for an answer a caller waits for on the phone.
     */
    public List<FreeSlotAt> earlier(Appointment appointment, int count) {
        Office home = office(appointment.office());
        AppointmentTypes.Type type = types.type(appointment.type()).orElseThrow();
        Instant from = clock.instant().plus(Duration.ofHours(type.reschedule().notWithinHours()));
        List<Office> nearby = new java.util.ArrayList<>(directory.offices().offices().stream()
                .filter(o -> o.kind() == home.kind() && !o.code().equals(home.code()) && o.latitude() != null && home.latitude() != null)
                .sorted(java.util.Comparator.comparingDouble(o -> distance(home, o))).limit(2).toList());
        nearby.addFirst(home);
        List<FreeSlotAt> found = new java.util.ArrayList<>();
        for (Office office : nearby) {
            ZoneId zone = ZoneId.of(office.timeZone());
            LocalDate last = appointment.start().atZone(zone).toLocalDate();
            int atThisOffice = 0;
            for (LocalDate day = from.atZone(zone).toLocalDate(); !day.isAfter(last) && atThisOffice < count; day = day.plusDays(1)) {
                for (AppointmentCalendar.Slot slot : calendar.free(office, type, day, day, from, count - atThisOffice)) {
                    if (slot.start().isBefore(appointment.start())) {
                        found.add(new FreeSlotAt(office.code(), slot.start(), slot.end(), slot.free()));
                        atThisOffice++;
                    }
                }
            }
        }
        found.sort(java.util.Comparator.comparing(FreeSlotAt::start));
        return found.subList(0, Math.min(count, found.size()));
    }

    private static double distance(Office a, Office b) {
        double dLat = a.latitude() - b.latitude();
        double dLon = (a.longitude() - b.longitude()) * Math.cos(Math.toRadians(a.latitude()));
        return dLat * dLat + dLon * dLon;
    }

    /** Whether its holder may move it themselves (online or by phone): its type says so; when, its rule says on moving. */
    public boolean movableByHolder(Appointment appointment) {
        return types.type(appointment.type()).map(AppointmentTypes.Type::selfService).orElse(false);
    }

    /** An office's appointments of a day (its own calendar day), in order of time, cancelled ones left out. */
    public List<Appointment> dayList(String officeCode, LocalDate day) {
        Office office = office(officeCode);
        if (day == null) {
            throw new Refused(422, "day", "Give the day as YYYY-MM-DD.");
        }
        ZoneId zone = ZoneId.of(office.timeZone());
        return jdbc.sql(SELECT + " where a.office = ? and a.status <> 'CANCELLED' and s.starts_at >= ? and s.starts_at < ? order by s.starts_at, a.booked_at")
                .params(office.code(), Timestamp.from(day.atStartOfDay(zone).toInstant()), Timestamp.from(day.plusDays(1).atStartOfDay(zone).toInstant()))
                .query(Appointments::appointment).list();
    }

    /** The person came: staff at the office check them in, from an hour before the appointment to the end of its day. */
    public Appointment checkIn(UUID id, String by) {
        return attend(id, by, true);
    }

    /** The person did not come: recorded once the appointment's time has passed. */
    public Appointment noShow(UUID id, String by) {
        return attend(id, by, false);
    }

    private Appointment attend(UUID id, String by, boolean came) {
        Appointment a = find(id).orElseThrow(() -> new Refused(404, "no-appointment", "No appointment " + id + "."));
        if (!a.status().equals("BOOKED")) {
            throw new Refused(409, "not-booked", "This appointment is " + a.status().toLowerCase(Locale.ROOT) + " already.");
        }
        Instant now = clock.instant();
        if (came && now.isBefore(a.start().minus(Duration.ofHours(1)))) {
            throw new Refused(422, "too-early", "Check-in opens an hour before the appointment.");
        }
        if (!came && now.isBefore(a.end())) {
            throw new Refused(422, "not-yet", "A no-show is recorded once the appointment's time has passed.");
        }
        int changed = jdbc.sql("update appointment set status = ?, checked_in_at = ?, checked_in_by = ? where id = ? and status = 'BOOKED'")
                .params(came ? "ATTENDED" : "NO_SHOW", came ? Timestamp.from(now) : null, by, id).update();
        if (changed == 0) {
            throw new Refused(409, "not-booked", "Someone recorded this appointment a moment ago.");
        }
        log.info("Appointment {} {} by {}", id, came ? "checked in" : "recorded as a no-show", by);
        return find(id).orElseThrow();
    }

    /**
     * An office closes a day (training, a closure): no slot of it is offered from then on. A day
     * that has appointments booked is refused, naming how many: they are moved or cancelled first,
     * so nobody finds a closed door.
     */
    public void blackout(String officeCode, LocalDate day, String reason, String by) {
        Office office = office(officeCode);
        if (day == null || reason == null || reason.isBlank() || reason.length() > 200) {
            throw new Refused(422, "blackout", "Give the day (YYYY-MM-DD) and a reason of up to 200 characters.");
        }
        ZoneId zone = ZoneId.of(office.timeZone());
        tx.executeWithoutResult(s -> {
            // the office's slots of that day are locked first, so a booking cannot slip in between the count and the closing
            jdbc.sql("select id from appointment_slot where office = ? and starts_at >= ? and starts_at < ? for update")
                    .params(office.code(), Timestamp.from(day.atStartOfDay(zone).toInstant()), Timestamp.from(day.plusDays(1).atStartOfDay(zone).toInstant()))
                    .query(Long.class).list();
            int booked = jdbc.sql("""
                            select coalesce(sum(booked), 0) from appointment_slot where office = ? and starts_at >= ? and starts_at < ?""")
                    .params(office.code(), Timestamp.from(day.atStartOfDay(zone).toInstant()), Timestamp.from(day.plusDays(1).atStartOfDay(zone).toInstant()))
                    .query(Integer.class).single();
            if (booked > 0) {
                throw new Refused(409, "day-has-bookings", booked + " appointment(s) are booked at " + office.code() + " on " + day
                        + ": move or cancel them first.");
            }
            jdbc.sql("insert into appointment_blackout (office, day, reason) values (?, ?, ?) on conflict (office, day) do update set reason = excluded.reason")
                    .params(office.code(), day, reason.strip()).update();
            jdbc.sql("update appointment_slot set capacity = 0 where office = ? and starts_at >= ? and starts_at < ?")
                    .params(office.code(), Timestamp.from(day.atStartOfDay(zone).toInstant()), Timestamp.from(day.plusDays(1).atStartOfDay(zone).toInstant()))
                    .update();
        });
        log.info("{} closed {} for appointments by {}", office.code(), day, by);
    }

    /** A slot's capacity, set by the office (more staff that day, or fewer); never below what is booked in it. */
    public FreeSlot capacity(String officeCode, String typeCode, Instant start, int capacity, String by) {
        if (capacity < 0 || capacity > 100) {
            throw new Refused(422, "capacity", "A slot's capacity is 0 to 100.");
        }
        Office office = office(officeCode);
        AppointmentCalendar.Slot found = slot(office, offered(office, typeCode), start);
        long slotId = found.id();
        int changed = jdbc.sql("update appointment_slot set capacity = ? where id = ? and booked <= ?").params(capacity, slotId, capacity).update();
        AppointmentCalendar.Slot slot = calendar.byId(slotId).orElseThrow();
        if (changed == 0) {
            throw new Refused(409, "below-booked", slot.booked() + " are booked in this slot: its capacity cannot go below that.");
        }
        log.info("Slot {} of {} now takes {} (by {})", slotId, slot.office(), capacity, by);
        return free(slot);
    }

    /**
     * Why a booked appointment cannot be moved now, under its type's rule (after it, within so
     * many hours of it, moved too often already); empty when it can. The one place the rule is
     * read: moving checks it, and the IVR says it before offering any time.
     */
    public Optional<Refused> whyNotMovable(Appointment current) {
        AppointmentTypes.RescheduleRule rule = types.type(current.type()).orElseThrow().reschedule();
        Instant now = clock.instant();
        if (!now.isBefore(current.start())) {
            return Optional.of(new Refused(422, "after-appointment", "The appointment was on " + current.start()
                    + ": it can no longer be moved."));
        }
        if (Duration.between(now, current.start()).toMinutes() < rule.notWithinHours() * 60L) {
            return Optional.of(new Refused(422, "too-close", "An appointment cannot be moved within " + rule.notWithinHours() + " hours of it."));
        }
        if (current.reschedules() >= rule.atMost()) {
            return Optional.of(new Refused(422, "moved-too-often", "This appointment was moved " + current.reschedules()
                    + " times already, the most allowed."));
        }
        return Optional.empty();
    }

    /** A free slot at an office. */
    public record FreeSlotAt(String office, Instant start, Instant end, int free) {
    }

    private static final String SELECT = """
            select a.id, a.reference, a.receipt_number, a.office, a.type, s.starts_at, s.ends_at, a.status, a.reschedules, a.accommodations,
                   a.checked_in_at
            from appointment a join appointment_slot s on s.id = a.slot_id""";

    private AppointmentCalendar.Slot slot(Office office, AppointmentTypes.Type type, Instant start) {
        if (start == null) {
            throw new Refused(422, "start", "Give the slot's start, as an instant such as 2026-12-14T13:30:00Z.");
        }
        Instant now = clock.instant();
        if (!start.isAfter(now)) {
            throw new Refused(422, "past", "That time has passed: choose a slot from now on.");
        }
        ZoneId zone = ZoneId.of(office.timeZone());
        LocalDate day = start.atZone(zone).toLocalDate();
        if (day.isAfter(LocalDate.now(clock.withZone(zone)).plusDays(types.daysAhead()))) {
            throw new Refused(422, "too-far", "Appointments are booked at most " + types.daysAhead() + " days ahead.");
        }
        calendar.ensure(office, type, day, day);
        return calendar.at(office.code(), type.code(), start).orElseThrow(() -> new Refused(422, "not-a-slot",
                start + " is not the start of a " + type.code() + " slot at " + office.code()
                        + " (closed that day, or between slots): choose one from its free slots."));
    }

    private Refused full(Office office, AppointmentTypes.Type type, Instant start) {
        LocalDate day = start.atZone(ZoneId.of(office.timeZone())).toLocalDate();
        List<FreeSlot> next = calendar.free(office, type, day, day.plusDays(14), start, 5).stream().map(Appointments::free).toList();
        return new Refused(409, "slot-full", "Someone took the last place in that slot a moment ago. The next free ones are listed.", next);
    }

    private Office office(String code) {
        return directory.offices().office(code == null ? "" : code.strip().toUpperCase(java.util.Locale.ROOT))
                .orElseThrow(() -> new Refused(404, "no-office", "No office " + code + "."));
    }

    private AppointmentTypes.Type offered(Office office, String typeCode) {
        AppointmentTypes.Type type = types.type(typeCode).orElseThrow(() -> new Refused(422, "type", "No appointment type " + typeCode
                + "; the types are " + String.join(", ", types.all().stream().map(AppointmentTypes.Type::code).toList()) + "."));
        if (!type.offices().contains(office.kind())) {
            throw new Refused(422, "type-not-offered", office.code() + " does not offer " + type.code() + " appointments.");
        }
        return type;
    }

    private ReceiptNumber receipt(String raw) {
        try {
            return cases.parseReceipt(raw);
        } catch (InvalidReceiptNumberException e) {
            throw new Refused(422, "receipt", e.getMessage());
        }
    }

    static List<String> accommodations(List<String> asked) {
        List<String> needs = asked == null ? List.of() : asked.stream().distinct().toList();
        for (String need : needs) {
            if (!ACCOMMODATIONS.contains(need)) {
                throw new Refused(422, "accommodation", "Unknown accommodation " + need + "; ask for one of " + String.join(", ",
                        new java.util.TreeSet<>(ACCOMMODATIONS)) + ".");
            }
        }
        return needs;
    }

    private static FreeSlot free(AppointmentCalendar.Slot slot) {
        return new FreeSlot(slot.start(), slot.end(), slot.free());
    }

    static Appointment appointment(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        Timestamp checkedIn = rs.getTimestamp(11);
        return new Appointment(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getTimestamp(6).toInstant(), rs.getTimestamp(7).toInstant(), rs.getString(8), rs.getInt(9),
                List.of((String[]) rs.getArray(10).getArray()), checkedIn == null ? null : checkedIn.toInstant());
    }
}
