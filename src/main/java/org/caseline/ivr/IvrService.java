package org.caseline.ivr;

import java.util.List;
import java.util.Map;

/** Calls through the IVR, for every driver: a phone line, the web simulator, tests. */
public interface IvrService {

    /** A prompt as the caller hears it. */
    record Spoken(String promptId, String text, String language) {
    }

    /** What one event produced: what was said, and where the call stands. */
    record Turn(String callId, List<Spoken> prompts, State state, String outcome, String transferQueue,
                Map<String, String> transferAttributes, String flow, String node, int listenForKeys,
                int listenTimeoutSeconds) {
    }

    enum State { IN_PROGRESS, TRANSFERRED, CALLBACK_REQUESTED, ENDED }

    /** @throws UnknownLineException when no line has that number */
    Turn start(String dialedNumber, String callerNumber, String channel, String callId);

    /** @throws UnknownCallException when the call is not in progress here */
    Turn keys(String callId, String keys);

    Turn noInput(String callId);

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
