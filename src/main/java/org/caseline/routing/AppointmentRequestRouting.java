package org.caseline.routing;

import java.util.Map;

import org.caseline.appointments.AppointmentRequested;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * An appointment request becomes work for a Tier 2 officer of the requester's language: like a
 * written contact, it waits in its own queue ranked by when it must be decided, and is held beside
 * the officer's one call, booked or declined in their own time within the deadline.
 */
@Component
class AppointmentRequestRouting {

    private final Messages messages;
    private final String queue;

    AppointmentRequestRouting(Messages messages, @Value("${caseline.routing.appointment-requests.queue:appointment-requests-{language}}") String queue) {
        this.messages = messages;
        this.queue = queue;
    }

    @ApplicationModuleListener
    void requested(AppointmentRequested request) {
        // the request's own reference is the contact's: the one the requester was given, and sees in their account
        messages.enqueue(queue.replace("{language}", request.language()), request.answerBy(), Map.of("kind", "appointment-request",
                "request", request.request().toString(), "reference", request.reference(), "contactReference", request.reference(),
                "language", request.language(), "appointmentType", request.type()));
    }
}
