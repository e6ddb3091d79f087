package org.caseline.appointments.web;

import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.caseline.accounts.Applicants;
import org.caseline.appointments.AppointmentRequests;
import org.caseline.appointments.Appointments;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * An account holder's appointments, for the cases linked to their account only: the list (with
 * their requests), the slots they may move one to (earlier ones at nearby centers), moving it under
 * its type's rules, cancelling it, and asking for one (Tier 2 books it). Behind the account's own
 * session, two steps and CSRF token ({@code /api/account/**}).
 */
@RestController
class AccountAppointmentsApi {

    record Asking(String receiptNumber, String type, String office, String reason, String evidence, List<String> accommodations,
                  String phone) {
    }

    private final Appointments appointments;
    private final AppointmentRequests requests;
    private final Applicants applicants;

    AccountAppointmentsApi(Appointments appointments, AppointmentRequests requests, Applicants applicants) {
        this.appointments = appointments;
        this.requests = requests;
        this.applicants = applicants;
    }

    @GetMapping("/api/account/appointments")
    Map<String, Object> mine(Authentication who) {
        UUID me = id(who);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("appointments", applicants.cases(me).stream().flatMap(c -> appointments.ofCase(c.receiptNumber()).stream()).toList());
        body.put("requests", requests.ofAccount(me));
        return body;
    }

    @GetMapping("/api/account/appointments/{id}/slots")
    List<Appointments.FreeSlotAt> slots(Authentication who, @PathVariable UUID id) {
        return appointments.earlier(own(who, id), 12);
    }

    @PostMapping("/api/account/appointments/{id}/reschedule")
    Appointments.Appointment reschedule(Authentication who, @PathVariable UUID id, @RequestBody(required = false) AppointmentsApi.Move move) {
        Appointments.Appointment appointment = own(who, id);
        if (!appointments.movableByHolder(appointment)) {
            throw new Appointments.Refused(422, "not-online", "This appointment can be moved only by an officer: call the Contact Center.");
        }
        if (move == null) {
            throw new Appointments.Refused(422, "body", "Send the new start as JSON: {\"start\": ...}.");
        }
        return appointments.reschedule(id, move.office(), instant(move.start()), who.getName());
    }

    @PostMapping("/api/account/appointments/{id}/cancel")
    Appointments.Appointment cancel(Authentication who, @PathVariable UUID id) {
        own(who, id);
        return appointments.cancel(id, who.getName());
    }

    @PostMapping("/api/account/appointment-requests")
    ResponseEntity<AppointmentRequests.Request> ask(Authentication who, @RequestBody(required = false) Asking asking) {
        if (asking == null) {
            throw new Appointments.Refused(422, "body", "Send receiptNumber, type and reason as JSON.");
        }
        UUID me = id(who);
        if (applicants.linked(me, asking.receiptNumber()).isEmpty()) {
            throw new Appointments.Refused(404, "not-linked", "No case " + asking.receiptNumber() + " is linked to your account.");
        }
        Applicants.Account account = applicants.account(me).orElseThrow();
        AppointmentRequests.Request made = requests.request(new AppointmentRequests.NewRequest(asking.receiptNumber(), asking.type(),
                asking.office(), asking.reason(), asking.evidence(), asking.accommodations(),
                new AppointmentRequests.Requester(null, account.email(), asking.phone(), Locale.forLanguageTag(account.language()), me),
                AppointmentRequests.Channel.ACCOUNT, "account " + me));
        return ResponseEntity.created(URI.create("/api/account/appointment-requests/" + made.id())).body(made);
    }

    /** One of the holder's own appointments; another's is answered as if it did not exist. */
    private Appointments.Appointment own(Authentication who, UUID id) {
        UUID me = id(who);
        return appointments.find(id).filter(a -> applicants.linked(me, a.receiptNumber()).isPresent())
                .orElseThrow(() -> new Appointments.Refused(404, "no-appointment", "No appointment " + id + " on your cases."));
    }

    static Instant instant(String text) {
        try {
            return text == null ? null : Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new Appointments.Refused(422, "start", "start is an instant such as 2026-12-14T13:30:00Z, not " + text + ".");
        }
    }

    private static UUID id(Authentication who) {
        return UUID.fromString(who.getName());
    }

    @ExceptionHandler(Applicants.Refused.class)
    ResponseEntity<Map<String, String>> refused(Applicants.Refused e) {
        return ResponseEntity.status(e.status()).body(Map.of("code", e.code(), "message", e.getMessage()));
    }
}
