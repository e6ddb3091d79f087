package org.caseline.servicerequests;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** A request as the office works it: what was asked, where it stands, what happened to it. */
public record ServiceRequest(ServiceReference reference, String type, String receiptNumber, String office, Channel channel,
                             Status status, Map<String, String> fields, Requester requester, String interactionId,
                             String filedBy, Instant filedAt, LocalDate dueDate, String claimedBy, Outcome outcome,
                             String answer, Instant closedAt, List<Step> history) {

    public enum Status { OPEN, WAITING, CLOSED }

    public enum Outcome { RESOLVED, ACTION_TAKEN, NO_ACTION_NEEDED }

    /** Who asked, and how to answer them; at least an email or a phone number. */
    public record Requester(String name, String email, String phone, String postalCode, String language) {
    }

    public record Step(Instant at, String actor, String action, String detail) {
    }

    public boolean overdue(LocalDate today) {
        return status != Status.CLOSED && today.isAfter(dueDate);
    }
}
