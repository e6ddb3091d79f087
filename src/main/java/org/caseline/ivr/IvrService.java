package org.caseline.ivr;

import java.util.List;
import java.util.Map;

/** Calls through the IVR, for every driver: a phone line, the web simulator, tests. */
public interface IvrService {

    /** The flow a caller waiting in line hears ({@code flows/hold.yaml}): their place, the wait, a callback. */
    String HOLD_FLOW = "hold";

    /** A prompt as the caller hears it. */
    record Spoken(String promptId, String text, String language) {
    }

    /**
     * What one event produced: what was said, and where the call stands. In the hold flow a
     * callback keeps the caller's place: {@code callbackNumber} is the number they confirmed.
     */
    record Turn(String callId, List<Spoken> prompts, State state, String outcome, String transferQueue,
                Map<String, String> transferAttributes, String flow, String node, int listenForKeys,
                int listenTimeoutSeconds, String callbackNumber) {
    }

    /** Where a waiting caller stands: their place in line and the wait expected. */
    record Place(int position, java.time.Duration estimate) {
    }

    /** What the hold flow asks the driver of a waiting caller, each time it speaks. */
    interface Waiting {
        /** The caller's place now; empty when routing cannot say. */
        java.util.Optional<Place> place();

        /** Whether calls can be placed to callers here (only then is a callback offered). */
        boolean callbackPossible();
    }

    /** Where the hold flow is entered: its start (just put in line), or one of these nodes. */
    enum HoldEntry {
        /** Put in line, just now. */
        IN_LINE(null),
        /** Moved to another line (escalated, transferred) after talking to someone. */
        MOVED("moved"),
        /** Back at their place after the agent's phone could not be reached. */
        BACK_IN_LINE("back-in-line");

        private final String node;

        HoldEntry(String node) {
            this.node = node;
        }

        /** The node entered, or null for the flow's start. */
        public String node() {
            return node;
        }
    }

    enum State { IN_PROGRESS, TRANSFERRED, CALLBACK_REQUESTED, ENDED }

    /** @throws UnknownLineException when no line has that number */
    Turn start(String dialedNumber, String callerNumber, String channel, String callId);

    /** @throws UnknownCallException when the call is not in progress here */
    Turn keys(String callId, String keys);

    Turn noInput(String callId);

    /**
     * A caller the IVR transferred now waits in line: the line's hold flow (the newest version)
     * speaks to them in {@code language} from {@code entry}, and takes their keys through
     * {@link #keys}, {@link #noInput} and {@link #hangUp} like any call, until {@link #hangUp}.
     *
     * @throws UnknownCallException when no call with that id went through the IVR here
     */
    Turn hold(String callId, HoldEntry entry, String language, Waiting waiting);

    /**
     * The caller leaves the line without hanging up (a person is ready, the wait passed its
     * maximum, the call ended from our side): the hold flow stops, {@code why} goes on record.
     * Nothing happens when the call is not waiting here.
     */
    void leaveHold(String callId, String why);

    Turn hangUp(String callId);

    /** A prompt of the live flows, said outside a flow (a phone line's hold message, its goodbye). */
    Spoken say(String promptId, String language);

    /** The same, with the prompt's placeholders filled ("{position}" → "3"). */
    Spoken say(String promptId, String language, Map<String, String> values);

    /** Digits as a prompt reads them back, one by one ("2 0 2"). */
    static String spell(String digits) {
        return org.caseline.ivr.engine.Interpreter.spell(digits);
    }

    /** Adds what the driver saw of a call (a phone line: codec, digit methods, packets) to its record. */
    void recordMedia(String callId, Map<String, Object> facts);

    class UnknownLineException extends RuntimeException {
        public UnknownLineException(String number) {
            super("No line has the number " + number);
        }
    }

    class UnknownCallException extends RuntimeException {
        public UnknownCallException(String id) {
            super("No call " + id + " is in progress");
        }
    }
}
