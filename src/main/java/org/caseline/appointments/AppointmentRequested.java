package org.caseline.appointments;

import java.time.Instant;
import java.util.UUID;

import org.jmolecules.event.annotation.DomainEvent;

/**
 * Someone asked for an appointment (an account holder, or Tier 1 for a caller): a Tier 2 officer
 * is to book it or decline it by {@code answerBy}. No content travels: the officer reads the
 * request inside the agency.
 */
@DomainEvent
public record AppointmentRequested(UUID request, String reference, String type, String language, Instant answerBy) {
}
