package org.caseline.ivr;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

import org.caseline.ivr.engine.CallSession;
import org.caseline.platform.PhoneNumber;
import org.jmolecules.event.annotation.DomainEvent;

/**
 * A call left the IVR: answered by itself, handed to a person, a callback asked, or hung up.
 * Published once per call when it ends; the same facts are read back from the call records for a
 * rebuild ({@link CallHistory}). The caller's number travels only as a key (a hash): enough to
 * tell that a number called again, never the number.
 *
 * @param exitPoint where a caller who wanted a person asked for one: "flow:node key", the last key
 *                  pressed before the call left the menus; null for other outcomes
 */
@DomainEvent
public record CallEnded(String callId, String line, String language, Instant startedAt, Instant endedAt, String outcome,
                        String detail, String exitPoint, String callerKey) {

    static CallEnded of(CallSession call, String callerNumber) {
        return new CallEnded(call.id(), call.line().number(), call.language().getLanguage(), call.startedAt(), call.endedAt(),
                call.outcome().name(), call.outcomeDetail(), exitPoint(call.outcome().name(), lastKey(call.steps())),
                callerKey(callerNumber));
    }

    private static CallSession.Step lastKey(List<CallSession.Step> steps) {
        for (int i = steps.size() - 1; i >= 0; i--) {
            if ("KEY".equals(steps.get(i).kind())) {
                return steps.get(i);
            }
        }
        return null;
    }

    static String exitPoint(String outcome, CallSession.Step key) {
        boolean toPerson = "TRANSFERRED".equals(outcome) || "CALLBACK_REQUESTED".equals(outcome);
        return !toPerson || key == null ? null : key.flow() + ":" + key.node() + " " + key.detail();
    }

    /** A stable key for a caller's number (the same number the same key), or null without one. */
    static String callerKey(String number) {
        return PhoneNumber.parse(number).map(n -> {
            try {
                byte[] hash = MessageDigest.getInstance("SHA-256").digest(("caseline-caller:" + n.digits())
                        .getBytes(StandardCharsets.UTF_8));
                return HexFormat.of().formatHex(hash, 0, 12);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }).orElse(null);
    }
}
