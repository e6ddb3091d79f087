package org.caseline.routing;

/** Where a contact stands in routing; the last three end it. */
public enum InteractionState {
    /** In line, waiting for an agent. */
    WAITING,
    /** Offered to one agent, ringing at their desk (and phone) until accepted, rejected or rung out. */
    OFFERED,
    /** An agent has it: talking, or calling back. */
    CONNECTED,
    /** The conversation is over; the agent is writing it up. */
    WRAP_UP,
    /** Done with. */
    ENDED,
    /** The contact left while waiting or offered (the caller hung up). */
    ABANDONED,
    /** Its queue could not take it (closed, or waited past the maximum): the contact got a message. */
    OVERFLOWED
}
