package org.caseline.appointments;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.caseline.cases.CaseStatusService;
import org.caseline.cases.InvalidReceiptNumberException;
import org.caseline.cases.ReceiptNumber;
import org.caseline.cases.StaffCaseReads;
import org.caseline.directory.DirectoryData;
import org.caseline.directory.Office;
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

    public record Appointment(UUID id, String receiptNumber, String office, String type, Instant start, Instant end, String status,
                              int reschedules, List<String> accommodations) {
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
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final AppointmentCalendar calendar;
    private final AppointmentTypes types;
    private final DirectoryData directory;
    private final CaseStatusService cases;
    private final StaffCaseReads reads;
    private final Clock clock;

    Appointments(JdbcClient jdbc, TransactionTemplate tx, AppointmentCalendar calendar, AppointmentTypes types, DirectoryData directory,
                 CaseStatusService cases, StaffCaseReads reads, Clock clock) {
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
        ReceiptNumber receipt = receipt(receiptNumber);
        Office office = office(officeCode);
        AppointmentTypes.Type type = offered(office, typeCode);
        List<String> needs = accommodations(accommodations);
        AppointmentCalendar.Slot slot = slot(office, type, start);
        if (reads.publicStatus(receipt, by, "appointment booking").isEmpty()) {
            throw new Refused(404, "no-case", "No case has the receipt number " + receipt.value() + ".");
        }
        UUID id = UUID.randomUUID();
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
                            insert into appointment (id, receipt_number, office, type, slot_id, status, accommodations, booked_by, booked_at)
                            values (?, ?, ?, ?, ?, 'BOOKED', ?, ?, ?)""")
                    .params(id, receipt.value(), office.code(), type.code(), slot.id(), needs.toArray(String[]::new), by,
                            Timestamp.from(clock.instant())).update();
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
        Instant now = clock.instant();
        if (!now.isBefore(current.start())) {
            throw new Refused(422, "after-appointment", "The appointment was on " + current.start() + ": it can no longer be moved.");
        }
        if (Duration.between(now, current.start()).toMinutes() < rule.notWithinHours() * 60L) {
            throw new Refused(422, "too-close", "An appointment cannot be moved within " + rule.notWithinHours() + " hours of it.");
        }
        if (current.reschedules() >= rule.atMost()) {
            throw new Refused(422, "moved-too-often", "This appointment was moved " + current.reschedules()
                    + " times already, the most allowed.");
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
            jdbc.sql("update appointment set slot_id = ?, office = ?, reschedules = reschedules + 1 where id = ?")
                    .params(slot.id(), office.code(), id).update();
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
        });
        log.info("Appointment {} cancelled by {}", id, by);
        return find(id).orElseThrow();
    }

    public Optional<Appointment> find(UUID id) {
        return jdbc.sql(SELECT + " where a.id = ?").param(id).query(Appointments::appointment).optional();
    }

    /** A case's appointments, the next first. */
    public List<Appointment> ofCase(String receiptNumber) {
        return jdbc.sql(SELECT + " where a.receipt_number = ? order by s.starts_at").param(receipt(receiptNumber).value())
                .query(Appointments::appointment).list();
    }

    private static final String SELECT = """
            select a.id, a.receipt_number, a.office, a.type, s.starts_at, s.ends_at, a.status, a.reschedules, a.accommodations
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

    private static List<String> accommodations(List<String> asked) {
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

    private static Appointment appointment(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new Appointment(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4), rs.getTimestamp(5).toInstant(),
                rs.getTimestamp(6).toInstant(), rs.getString(7), rs.getInt(8), List.of((String[]) rs.getArray(9).getArray()));
    }
}
