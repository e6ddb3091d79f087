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

    enum Phase { NONE, MENU, ENTRY, CONFIRM }

    final String id;
    final Lines.Line line;
    final FlowSet flows;
    final Instant startedAt;
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

    CallSession(String id, Lines.Line line, FlowSet flows, Instant startedAt) {
        this.id = id;
        this.line = line;
        this.flows = flows;
        this.startedAt = startedAt;
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
