package org.caseline.routing;

import java.time.Instant;
import java.util.UUID;

import org.jmolecules.event.annotation.DomainEvent;

/**
 * An interaction's record is complete: it ended (answered and written up, abandoned, overflowed,
 * handed on). Published with the change that completed it; a contact written up after it ended
 * is published again then, with its wrap-up, and listeners keep the latest (they are told by id).
 *
 * @param line the phone line a call or callback came in on, "" for written contacts and chats
 */
@DomainEvent
public record InteractionFinished(UUID id, String channel, String queue, String language, String line, String callId,
                                  String agent, String state, Instant enteredAt, Instant answeredAt, Instant endedAt,
                                  Instant wrappedAt, String disposition, Instant answerBy) {
}
