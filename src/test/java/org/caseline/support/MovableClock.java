package org.caseline.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/** A clock a test can set and move; everything else reads it like the real one. */
public final class MovableClock extends Clock {

    /** Import this to give the application the movable clock. */
    @TestConfiguration
    public static class Settable {
        @Bean
        @Primary
        MovableClock movableClock() {
            return new MovableClock();
        }
    }

    private volatile Instant now = Instant.now();

    public void set(ZonedDateTime time) {
        now = time.toInstant();
    }

    public void set(Instant time) {
        now = time;
    }

    public void advance(Duration duration) {
        now = now.plus(duration);
    }

    @Override
    public ZoneId getZone() {
        return ZoneId.of("UTC");
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return Clock.fixed(now, zone);
    }

    @Override
    public Instant instant() {
        return now;
    }
}
