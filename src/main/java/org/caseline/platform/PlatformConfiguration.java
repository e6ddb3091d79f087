package org.caseline.platform;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.scheduling.annotation.EnableScheduling;

@Configuration(proxyBeanMethods = false)
@EnableScheduling
class PlatformConfiguration {

    /**
     * Every clock read goes through this bean, so tests can set the time, and a trainer can start
     * the application at another instant ({@code caseline.clock.start}) to show live help, queues
     * and agents out of hours without touching the machine's clock. Several nodes of one
     * demonstration share one time with {@code caseline.clock.offset} instead: each starts at its
     * own moment, and "start at" would put them seconds apart.
     */
    @Bean
    @ConditionalOnMissingBean
    Clock clock(@Value("${caseline.clock.start:}") String start, @Value("${caseline.clock.offset:}") String offset,
                Environment environment) {
        boolean production = environment.acceptsProfiles(Profiles.of("prod | production"));
        if (offset != null && !offset.isBlank()) {
            if (start != null && !start.isBlank()) {
                throw new IllegalStateException("caseline.clock.start and caseline.clock.offset say two times; set one");
            }
            return offsetFrom(offset, production, Clock.systemUTC());
        }
        return clockFrom(start, production, Clock.systemUTC());
    }

    /** The machine's clock moved by {@code offset} (an ISO-8601 duration such as {@code P2DT-3H}); refused in production. */
    static Clock offsetFrom(String offset, boolean production, Clock system) {
        if (production) {
            throw new IllegalStateException("caseline.clock.offset is for demonstrations and drills; "
                    + "it is refused under a production profile");
        }
        try {
            return Clock.offset(system, Duration.parse(offset.strip()));
        } catch (DateTimeParseException e) {
            throw new IllegalStateException("caseline.clock.offset must be a duration such as PT-5H or P2DT3H, not \""
                    + offset + "\"");
        }
    }

    /**
     * The system clock, or, with {@code start} set, a clock that reads {@code start} now and moves
     * on in real time from there. Refused under a production profile: callers would be told the
     * wrong hours, and records would carry the wrong times.
     */
    static Clock clockFrom(String start, boolean production, Clock system) {
        if (start == null || start.isBlank()) {
            return system;
        }
        if (production) {
            throw new IllegalStateException("caseline.clock.start is for demonstrations and drills; "
                    + "it is refused under a production profile");
        }
        Instant at;
        try {
            at = Instant.parse(start.strip());
        } catch (DateTimeParseException e) {
            throw new IllegalStateException("caseline.clock.start must be an instant in UTC such as "
                    + "2026-12-01T15:00:00Z, not \"" + start + "\"");
        }
        return Clock.offset(system, Duration.between(system.instant(), at));
    }
}
