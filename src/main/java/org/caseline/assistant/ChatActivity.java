package org.caseline.assistant;

import java.util.UUID;

import org.jmolecules.event.annotation.DomainEvent;

/**
 * Something happened in a chat, heard on this node from whichever node it happened on: a message
 * ({@code kind} "message"), or someone typing ("typing"); {@code from} says who. Local to each node,
 * for the pages that show the chat (the visitor's widget, the agent's desk).
 */
@DomainEvent
public record ChatActivity(UUID chat, String kind, String from) {
}
