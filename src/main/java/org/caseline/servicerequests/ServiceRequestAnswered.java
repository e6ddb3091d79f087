package org.caseline.servicerequests;

/** The office answered a request; the answer went to the requester. */
public record ServiceRequestAnswered(String reference, String office, String outcome, String answeredBy) {
}
