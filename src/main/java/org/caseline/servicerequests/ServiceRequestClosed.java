package org.caseline.servicerequests;

import java.time.LocalDate;

/** A request was closed, on time or late against its due date. */
public record ServiceRequestClosed(String reference, String type, String office, String outcome, LocalDate dueDate,
                                   LocalDate closedOn, boolean late) {
}
