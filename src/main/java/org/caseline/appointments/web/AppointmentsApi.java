package org.caseline.appointments.web;

import java.net.URI;
import java.security.Principal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.caseline.accounts.Role;
import org.caseline.accounts.StaffAccounts;
import org.caseline.appointments.AppointmentRequests;
import org.caseline.appointments.Appointments;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Appointments over HTTP: an office's free slots (public: they say nothing about anyone), and
 * booking, moving, cancelling and listing a case's appointments (Tier 2 officers).
 */
@RestController
class AppointmentsApi {

    record Booking(String receiptNumber, String office, String type, String start, List<String> accommodations) {
    }

    record Move(String start, String office) {
    }

    record Requester(String name, String email, String phone, String language) {
    }

    record Asking(String receiptNumber, String type, String office, String reason, String evidence, List<String> accommodations,
                  Requester requester) {
    }

    /** The case system's event: it scheduled an appointment (the first biometrics). */
    record Scheduled(String eventId, String type, String office, String start, List<String> accommodations) {
    }

    record Closing(String office, String day, String reason) {
    }

    record Capacity(String office, String type, String start, Integer capacity) {
    }

    private final Appointments appointments;
    private final AppointmentRequests requests;
    private final StaffAccounts staff;

    AppointmentsApi(Appointments appointments, AppointmentRequests requests, StaffAccounts staff) {
        this.appointments = appointments;
        this.requests = requests;
        this.staff = staff;
    }

    @GetMapping("/api/offices/{code}/slots")
    Map<String, Object> slots(@PathVariable String code, @RequestParam(required = false) String type,
                              @RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        List<Appointments.FreeSlot> free = appointments.freeSlots(code, type, day(from, "from"), day(to, "to"));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("office", code.toUpperCase(java.util.Locale.ROOT));
        body.put("type", type);
        body.put("slots", free);
        return body;
    }

    @PostMapping("/api/appointments")
    ResponseEntity<Appointments.Appointment> book(Principal me, @RequestBody(required = false) Booking booking) {
        if (booking == null) {
            throw new Appointments.Refused(422, "body", "Send receiptNumber, office, type and start as JSON.");
        }
        Appointments.Appointment made = appointments.book(booking.receiptNumber(), booking.office(), booking.type(),
                instant(booking.start()), booking.accommodations(), me.getName());
        return ResponseEntity.created(URI.create("/api/appointments/" + made.id())).body(made);
    }

    @PostMapping("/api/appointments/{id}/reschedule")
    Appointments.Appointment reschedule(Principal me, @PathVariable UUID id, @RequestBody(required = false) Move move) {
        if (move == null) {
            throw new Appointments.Refused(422, "body", "Send the new start as JSON: {\"start\": ...}.");
        }
        return appointments.reschedule(id, move.office(), instant(move.start()), me.getName());
    }

    @DeleteMapping("/api/appointments/{id}")
    Appointments.Appointment cancel(Principal me, @PathVariable UUID id) {
        return appointments.cancel(id, me.getName());
    }

    @GetMapping("/api/appointments")
    List<Appointments.Appointment> ofCase(Principal me, @RequestParam(required = false) String receiptNumber) {
        return appointments.ofCase(receiptNumber, me.getName());
    }

    /** A request taken on a call (Tier 1, who cannot book) or by an officer, for Tier 2 to book or decline. */
    @PostMapping("/api/appointment-requests")
    ResponseEntity<AppointmentRequests.Request> ask(Authentication me, @RequestBody(required = false) Asking asking) {
        if (asking == null) {
            throw new Appointments.Refused(422, "body", "Send receiptNumber, type, reason and requester as JSON.");
        }
        Requester who = asking.requester() == null ? new Requester(null, null, null, null) : asking.requester();
        boolean officer = me.getAuthorities().stream().anyMatch(a -> a.getAuthority().equals(Role.TIER2.authority()));
        AppointmentRequests.Request made = requests.request(new AppointmentRequests.NewRequest(asking.receiptNumber(), asking.type(),
                asking.office(), asking.reason(), asking.evidence(), asking.accommodations(),
                new AppointmentRequests.Requester(who.name(), who.email(), who.phone(),
                        who.language() == null ? null : Locale.forLanguageTag(who.language()), null),
                officer ? AppointmentRequests.Channel.TIER2 : AppointmentRequests.Channel.TIER1, me.getName()));
        return ResponseEntity.created(URI.create("/api/appointment-requests/" + made.id())).body(made);
    }

    /** The case system scheduled an appointment; the same event sent again books nothing more. */
    @PostMapping("/api/cases/{receipt}/appointments")
    ResponseEntity<Appointments.Appointment> scheduled(Authentication me, @PathVariable String receipt,
                                                       @RequestBody(required = false) Scheduled event) {
        if (event == null || event.eventId() == null || event.eventId().isBlank() || event.eventId().length() > 100) {
            throw new Appointments.Refused(422, "eventId", "Send the event as JSON with its eventId (up to 100 characters), type, office and start.");
        }
        Appointments.Appointment made = appointments.book(new Appointments.Booking(receipt, event.office(), event.type(), instant(event.start()),
                event.accommodations(), Appointments.Notify.NOBODY, "case system (" + me.getName() + ")", event.eventId().strip()));
        return ResponseEntity.created(URI.create("/api/appointments/" + made.id())).body(made);
    }

    /** An office's day list: who comes when, for what, with what they need (accommodations), and who has come. */
    @GetMapping("/api/appointments/day")
    List<Appointments.Appointment> dayList(Authentication me, @RequestParam(required = false) String office,
                                           @RequestParam(required = false) String day) {
        ofTheOffice(me, office);
        return appointments.dayList(office, day(day, "day"));
    }

    @PostMapping("/api/appointments/{id}/check-in")
    Appointments.Appointment checkIn(Authentication me, @PathVariable UUID id) {
        ofTheOffice(me, officeOf(id));
        return appointments.checkIn(id, me.getName());
    }

    @PostMapping("/api/appointments/{id}/no-show")
    Appointments.Appointment noShow(Authentication me, @PathVariable UUID id) {
        ofTheOffice(me, officeOf(id));
        return appointments.noShow(id, me.getName());
    }

    @PostMapping("/api/appointments/blackouts")
    Map<String, Object> blackout(Authentication me, @RequestBody(required = false) Closing closing) {
        if (closing == null) {
            throw new Appointments.Refused(422, "body", "Send office, day and reason as JSON.");
        }
        ofTheOffice(me, closing.office());
        appointments.blackout(closing.office(), day(closing.day(), "day"), closing.reason(), me.getName());
        return Map.of("office", closing.office().toUpperCase(Locale.ROOT), "day", closing.day(), "closed", true);
    }

    @PutMapping("/api/appointments/slots")
    Appointments.FreeSlot capacity(Authentication me, @RequestBody(required = false) Capacity change) {
        if (change == null || change.capacity() == null) {
            throw new Appointments.Refused(422, "body", "Send office, type, start and capacity as JSON.");
        }
        ofTheOffice(me, change.office());
        return appointments.capacity(change.office(), change.type(), instant(change.start()), change.capacity(), me.getName());
    }

    /** Office staff keep their own office's calendar and day list; supervisors, administrators and officers any office's. */
    private void ofTheOffice(Authentication me, String office) {
        boolean wider = me.getAuthorities().stream().map(a -> a.getAuthority()).anyMatch(a -> a.equals(Role.SUPERVISOR.authority())
                || a.equals(Role.ADMIN.authority()) || a.equals(Role.TIER2.authority()));
        if (!wider && !staff.officeOf(me.getName()).map(mine -> mine.equalsIgnoreCase(office == null ? "" : office.strip())).orElse(false)) {
            throw new Appointments.Refused(403, "not-your-office", "Office staff keep their own office's appointments only.");
        }
    }

    private String officeOf(UUID id) {
        return appointments.find(id).map(Appointments.Appointment::office)
                .orElseThrow(() -> new Appointments.Refused(404, "no-appointment", "No appointment " + id + "."));
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<Map<String, Object>> unreadable(HttpMessageNotReadableException e) {
        Appointments.Refused refused = new Appointments.Refused(400, "body", "The body is not the JSON this call takes.");
        return ResponseEntity.status(refused.status()).body(refused.body());
    }

    private static LocalDate day(String text, String name) {
        try {
            return text == null ? null : LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new Appointments.Refused(422, "dates", name + " is a day as YYYY-MM-DD, not " + text + ".");
        }
    }

    private static Instant instant(String text) {
        return AccountAppointmentsApi.instant(text);
    }
}
