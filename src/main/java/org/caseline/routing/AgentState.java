package org.caseline.routing;

/** Where an agent stands. Only AVAILABLE agents are offered work. */
public enum AgentState {
    OFFLINE, AVAILABLE, OFFERED, BUSY, WRAP_UP, BREAK;

    /** The states an agent may choose; the others follow from calls. */
    public boolean chosenByAgent() {
        return this == OFFLINE || this == AVAILABLE || this == BREAK;
    }
}
