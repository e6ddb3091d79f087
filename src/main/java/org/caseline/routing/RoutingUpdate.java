package org.caseline.routing;

import java.util.UUID;

import org.jmolecules.event.annotation.DomainEvent;

/**
 * Something changed in routing, heard by every node (PostgreSQL NOTIFY): an offer made, accepted
 * or withdrawn, an interaction ended or moved, an agent's state. {@code node} is the node that
 * holds the interaction's contact (its call), the one that must act on an acceptance.
 */
@DomainEvent
public record RoutingUpdate(Kind kind, UUID interaction, String agent, String node, String callId) {

    public enum Kind {
        /** An interaction was offered to {@code agent}. */
        OFFERED,
        /** The offer to {@code agent} was taken back (rejected, rung out, the caller left). */
        OFFER_WITHDRAWN,
        /** {@code agent} accepted: the node holding the contact connects them. */
        ACCEPTED,
        /** The interaction left {@code agent} for another queue (escalation, transfer): the contact waits again. */
        REQUEUED,
        /** The contact ended (hung up, or left the queue by overflow). */
        ENDED,
        /** The agent's state changed. */
        AGENT
    }
}
