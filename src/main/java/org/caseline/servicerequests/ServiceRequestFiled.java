package org.caseline.servicerequests;

import java.time.LocalDate;

import org.jmolecules.event.annotation.DomainEvent;

/** A request was filed (not a duplicate). Receipt numbers travel whole: listeners are inside the agency. */
@DomainEvent
public record ServiceRequestFiled(String reference, String type, String receiptNumber, String office, Channel channel,
                                  LocalDate dueDate) {
}
