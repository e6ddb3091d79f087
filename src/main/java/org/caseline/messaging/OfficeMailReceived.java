package org.caseline.messaging;

import java.time.Instant;

import org.jmolecules.event.annotation.DomainEvent;

/**
 * A person's mail to an office's box started a thread or was added to one (entry {@code entry}):
 * the thread waits in {@code queue} until {@code answerBy}, unless an agent already has it in hand.
 * Published in the transaction that stored the mail.
 */
@DomainEvent
public record OfficeMailReceived(String reference, long entry, String queue, String office, String language, Instant answerBy) {
}
