package org.caseline.ivr;

import java.time.DayOfWeek;
import java.util.Optional;

/**
 * When calls on a line are usually answered fastest, from the line's own history: told to a
 * caller who faces a long wait. Implemented where the history is kept (analytics); without it,
 * callers are simply not told.
 */
public interface BestTimeToCall {

    /** A weekday and an hour of the day (0–23) in the line's time zone. */
    record Fastest(DayOfWeek day, int hour) {
    }

    Optional<Fastest> fastest(String lineNumber, String language);
}
