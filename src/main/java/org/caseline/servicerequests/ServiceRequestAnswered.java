package org.caseline.servicerequests;

import org.jmolecules.event.annotation.DomainEvent;

/** The office answered a request; the answer went to the requester. */
@DomainEvent
public record ServiceRequestAnswered(String reference, String office, String outcome, String answeredBy) {
}
