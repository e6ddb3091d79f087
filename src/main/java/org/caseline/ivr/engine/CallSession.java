package org.caseline.ivr.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.caseline.ivr.Lines;
import org.caseline.ivr.flow.FlowSet;
import org.caseline.platform.Languages;

/** The state of one call in the IVR. Only its driver touches it, one event at a time. */
public final class CallSession {

    /** One thing that happened, for the call record. */
    public record Step(Instant at, String kind, String flow, String node, String detail) {
    }

    public enum Outcome { IN_PROGRESS, SELF_SERVICE, TRANSFERRED, CALLBACK_REQUESTED, ABANDONED, ERROR }

    enum Phase { NONE, MENU, ENTRY, CONFIRM, WAIT }

    final String id;
    final Lines.Line line;
    final FlowSet flows;
    final Instant startedAt;
    /** The number the call comes from, as its caller ID gave it (null when unknown). */
    final String callerNumber;
    /** A caller waiting in line (the hold flow): what routing says of their wait; null in the IVR. */
    final org.caseline.ivr.IvrService.Waiting waiting;
    /** Where the call enters its flows: the line's flow at its start, or a node of the hold flow. */
    final FlowSet.Position enters;
    /** Whether the node the call is at has offered the caller's own number (it is offered once). */
    boolean offered;
    Locale language = Languages.ENGLISH;
    FlowSet.Position position;
    Phase phase = Phase.NONE;
    int attempts;
    final StringBuilder entry = new StringBuilder();
    String pending;
    final Map<String, String> values = new HashMap<>();
    final List<Step> steps = new ArrayList<>();
    Outcome outcome = Outcome.IN_PROGRESS;
    String outcomeDetail;
    Instant endedAt;

    CallSession(String id, Lines.Line line, FlowSet flows, Instant startedAt, String callerNumber,
                org.caseline.ivr.IvrService.Waiting waiting, FlowSet.Position entry) {
        this.id = id;
        this.line = line;
        this.flows = flows;
        this.startedAt = startedAt;
        this.callerNumber = callerNumber;
        this.waiting = waiting;
        this.enters = entry;
    }

    public String id() {
        return id;
    }

    public Lines.Line line() {
        return line;
    }

    public Locale language() {
        return language;
    }

    public List<Step> steps() {
        return List.copyOf(steps);
    }

    public Outcome outcome() {
        return outcome;
    }

    public String outcomeDetail() {
        return outcomeDetail;
    }

    public boolean ended() {
        return outcome != Outcome.IN_PROGRESS;
    }

    public Instant startedAt() {
        return startedAt;
    }

    public Instant endedAt() {
        return endedAt;
    }

    /** Where the call is now (for the simulator's path view). */
    public FlowSet.Position position() {
        return position;
    }
}
