package org.caseline.support;

import java.time.Clock;
import java.time.ZoneId;
import java.time.ZonedDateTime;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/** Import this to stop the application's clock on a Monday at 10:00 in New York: every line and queue is open. */
@TestConfiguration
public class MondayMorning {

    public static final ZonedDateTime AT = ZonedDateTime.of(2026, 11, 30, 10, 0, 0, 0, ZoneId.of("America/New_York"));

    @Bean
    @Primary
    Clock mondayMorning() {
        return Clock.fixed(AT.toInstant(), ZoneId.of("UTC"));
    }
}
