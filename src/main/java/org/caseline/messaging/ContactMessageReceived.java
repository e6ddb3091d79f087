package org.caseline.messaging;

import java.time.Instant;

import org.jmolecules.event.annotation.DomainEvent;

/**
 * A message from the public was taken and acknowledged: it waits in {@code queue} (a written
 * queue of routing) until {@code answerBy}. Published in the transaction that stored it.
 */
@DomainEvent
public record ContactMessageReceived(String reference, String queue, String topic, String language, Instant answerBy) {
}
