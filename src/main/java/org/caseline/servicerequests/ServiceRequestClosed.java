package org.caseline.servicerequests;

import java.time.LocalDate;

import org.jmolecules.event.annotation.DomainEvent;

/** A request was closed, on time or late against its due date. */
@DomainEvent
public record ServiceRequestClosed(String reference, String type, String office, String outcome, LocalDate dueDate,
                                   LocalDate closedOn, boolean late) {
}
