package org.caseline.accounts;

import java.time.Instant;
import java.util.UUID;

import org.jmolecules.event.annotation.DomainEvent;

/**
 * An account holder wrote in a secure thread (new, or again): it waits for an answer until
 * {@code answerBy}. {@code aboutACase}: the thread is about one of their linked cases, for Tier 2.
 * No content travels: the agent reads the thread inside the agency.
 */
@DomainEvent
public record SecureMessageReceived(UUID thread, String language, boolean aboutACase, Instant answerBy) {
}
