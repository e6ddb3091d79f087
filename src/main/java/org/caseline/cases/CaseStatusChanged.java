package org.caseline.cases;

import java.time.Instant;

import org.jmolecules.event.annotation.DomainEvent;

/** A case moved to a new current status (published after the change commits). */
@DomainEvent
public record CaseStatusChanged(ReceiptNumber receipt, String formNumber, String previousStatus,
                                String newStatus, Instant at) {
}
