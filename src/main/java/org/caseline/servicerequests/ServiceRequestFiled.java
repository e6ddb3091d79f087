package org.caseline.servicerequests;

import java.time.LocalDate;

/** A request was filed (not a duplicate). Receipt numbers travel whole: listeners are inside the agency. */
public record ServiceRequestFiled(String reference, String type, String receiptNumber, String office, Channel channel,
                                  LocalDate dueDate) {
}
