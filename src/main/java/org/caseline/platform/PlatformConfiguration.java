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
     * and agents out of hours without touching the machine's clock.
     */
    @Bean
    @ConditionalOnMissingBean
    Clock clock(@Value("${caseline.clock.start:}") String start, Environment environment) {
        return clockFrom(start, environment.acceptsProfiles(Profiles.of("prod | production")), Clock.systemUTC());
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
