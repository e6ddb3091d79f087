package org.caseline.ivr;

import java.time.Instant;
import java.util.Map;

import org.jmolecules.event.annotation.DomainEvent;

/**
 * A caller chose to be called back instead of holding: routing keeps their place in the queue
 * and places the call when a person is free. The number was read back and confirmed by keypad.
 */
@DomainEvent
public record CallbackRequested(String callId, String lineNumber, String queue, String phoneNumber, String language,
                                Map<String, String> attributes, Instant at) {
}
