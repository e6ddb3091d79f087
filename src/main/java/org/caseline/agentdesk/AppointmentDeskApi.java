package org.caseline.agentdesk;

import java.security.Principal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.caseline.appointments.AppointmentRequests;
import org.caseline.appointments.Appointments;
import org.caseline.routing.InteractionState;
import org.caseline.routing.Router;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The officer's side of an appointment request they hold: book a slot (the requester is told, with
 * a calendar file) or decline with a reason the requester reads. Either decides the request and
 * closes the work item, which makes room for the next. Only the officer holding it, opened, may.
 */
@RestController
class AppointmentDeskApi {

    record Booking(String office, String start) {
    }

    record Declining(String reason) {
    }

    private final Router router;
    private final AppointmentRequests requests;

    AppointmentDeskApi(Router router, AppointmentRequests requests) {
        this.router = router;
        this.requests = requests;
    }

    @PostMapping("/api/agents/me/interactions/{id}/appointment")
    Map<String, Object> book(Principal me, @PathVariable UUID id, @RequestBody(required = false) Booking booking) {
        UUID request = held(me, id);
        Instant start;
        try {
            start = booking == null || booking.start() == null ? null : Instant.parse(booking.start());
        } catch (DateTimeParseException e) {
            throw new Appointments.Refused(422, "start", "start is an instant such as 2026-12-14T13:30:00Z, not " + booking.start() + ".");
        }
        Appointments.Appointment made = requests.book(request, booking == null ? null : booking.office(), start, me.getName());
        router.closeMessage(me.getName(), id, "appointment-booked");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("appointment", made);
        body.put("reference", made.reference());
        return body;
    }

    @PostMapping("/api/agents/me/interactions/{id}/decline")
    AppointmentRequests.Request decline(Principal me, @PathVariable UUID id, @RequestBody(required = false) Declining declining) {
        UUID request = held(me, id);
        AppointmentRequests.Request declined = requests.decline(request, declining == null ? null : declining.reason(), me.getName());
        router.closeMessage(me.getName(), id, "appointment-declined");
        return declined;
    }

    private UUID held(Principal me, UUID id) {
        Router.Interaction work = router.heldMessage(me.getName(), id);
        if (!"appointment-request".equals(work.attributes().get("kind"))) {
            throw new Router.ConflictException("What you hold as " + id + " is not an appointment request");
        }
        if (work.state() != InteractionState.CONNECTED) {
            throw new Router.ConflictException("Open the request (accept) before deciding it");
        }
        return UUID.fromString(work.attributes().get("request"));
    }

    @ExceptionHandler(Router.ConflictException.class)
    ResponseEntity<Map<String, String>> conflict(Router.ConflictException e) {
        return ResponseEntity.status(409).body(Map.of("code", "conflict", "message", e.getMessage()));
    }
}
