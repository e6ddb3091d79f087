package org.caseline.platform;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.caseline.support.MovableClock;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** caseline.clock.start: the application's time starts where a trainer says, and runs on from there. */
class DemonstrationClockTest {

    private static final Instant REAL_NOW = Instant.parse("2026-12-01T02:00:00Z"); // 9 p.m. in New York: live help closed

    @Test
    void withoutASettingTheSystemClockIsUsed() {
        Clock system = Clock.fixed(REAL_NOW, ZoneOffset.UTC);
        assertThat(PlatformConfiguration.clockFrom("", false, system)).isSameAs(system);
        assertThat(PlatformConfiguration.clockFrom(null, true, system)).isSameAs(system);
    }

    @Test
    void theClockStartsAtTheInstantGivenAndMovesOnInRealTime() {
        MovableClock system = new MovableClock();
        system.set(REAL_NOW);
        Clock demo = PlatformConfiguration.clockFrom("2026-12-01T15:00:00Z", false, system);
        assertThat(demo.instant()).isEqualTo(Instant.parse("2026-12-01T15:00:00Z")); // 10 a.m. in New York: open

        system.advance(Duration.ofMinutes(7));
        assertThat(demo.instant()).isEqualTo(Instant.parse("2026-12-01T15:07:00Z"));
    }

    @Test
    void productionRefusesIt() {
        assertThatThrownBy(() -> PlatformConfiguration.clockFrom("2026-12-01T15:00:00Z", true, Clock.systemUTC()))
                .hasMessageContaining("refused under a production profile");
    }

    @Test
    void anythingButAnInstantIsRefusedWithWhatToWrite() {
        assertThatThrownBy(() -> PlatformConfiguration.clockFrom("tomorrow at nine", false, Clock.systemUTC()))
                .hasMessage("caseline.clock.start must be an instant in UTC such as 2026-12-01T15:00:00Z, not \"tomorrow at nine\"");
    }

    @Test
    void nodesGivenOneOffsetReadOneTimeWhenEverTheyStarted() {
        MovableClock system = new MovableClock();
        system.set(REAL_NOW);
        Clock first = PlatformConfiguration.offsetFrom("PT13H", false, system);
        system.advance(Duration.ofSeconds(40)); // the second node starts later
        Clock second = PlatformConfiguration.offsetFrom("PT13H", false, system);
        assertThat(first.instant()).isEqualTo(second.instant()).isEqualTo(Instant.parse("2026-12-01T15:00:40Z"));
        assertThatThrownBy(() -> PlatformConfiguration.offsetFrom("PT13H", true, system))
                .hasMessageContaining("refused under a production profile");
        assertThatThrownBy(() -> PlatformConfiguration.offsetFrom("13 hours", false, system))
                .hasMessage("caseline.clock.offset must be a duration such as PT-5H or P2DT3H, not \"13 hours\"");
    }
}
