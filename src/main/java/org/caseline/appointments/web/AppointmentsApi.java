package org.caseline.appointments.web;

import java.net.URI;
import java.security.Principal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.caseline.appointments.Appointments;
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

    private final Appointments appointments;

    AppointmentsApi(Appointments appointments) {
        this.appointments = appointments;
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
    List<Appointments.Appointment> ofCase(@RequestParam(required = false) String receiptNumber) {
        return appointments.ofCase(receiptNumber);
    }

    @ExceptionHandler(Appointments.Refused.class)
    ResponseEntity<Map<String, Object>> refused(Appointments.Refused e) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", e.code());
        body.put("message", e.getMessage());
        if (!e.nextFree().isEmpty()) {
            body.put("nextFree", e.nextFree());
        }
        return ResponseEntity.status(e.status()).body(body);
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<Map<String, Object>> unreadable(HttpMessageNotReadableException e) {
        return refused(new Appointments.Refused(400, "body", "The body is not the JSON this call takes."));
    }

    private static LocalDate day(String text, String name) {
        try {
            return text == null ? null : LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new Appointments.Refused(422, "dates", name + " is a day as YYYY-MM-DD, not " + text + ".");
        }
    }

    private static Instant instant(String text) {
        try {
            return text == null ? null : Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new Appointments.Refused(422, "start", "start is an instant such as 2026-12-14T13:30:00Z, not " + text + ".");
        }
    }
}
