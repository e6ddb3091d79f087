package org.caseline.cases;

import java.time.Instant;

/** A case moved to a new current status (published after the change commits). */
public record CaseStatusChanged(ReceiptNumber receipt, String formNumber, String previousStatus,
                                String newStatus, Instant at) {
}
