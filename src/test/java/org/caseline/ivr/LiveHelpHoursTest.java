package org.caseline.ivr;

import java.time.ZoneId;
import java.time.ZonedDateTime;

import org.caseline.support.MovableClock;
import org.caseline.support.CaseLineTest;
import org.caseline.support.Http;
import org.caseline.support.WebPhone;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** 0 reaches a person during the line's hours; otherwise the caller hears the hours and stays. */
@CaseLineTest
@Import(MovableClock.Settable.class)
class LiveHelpHoursTest {

    private static final ZoneId EASTERN = ZoneId.of("America/New_York");

    @LocalServerPort
    int port;

    @Autowired
    MovableClock clock;

    @AfterEach
    void realTime() {
        clock.set(ZonedDateTime.now());
    }

    private JsonNode call(String line, String keys) {
        var phone = new WebPhone(new Http(port), "tier1");
        return phone.press(phone.dial(line).get("callId").asString(), keys);
    }

    private static String heard(JsonNode turn) {
        return WebPhone.heard(turn);
    }

    @Test
    void onAWeekdayMorningZeroTransfersToTheLinesQueueInTheCallersLanguage() {
        clock.set(ZonedDateTime.of(2026, 11, 30, 10, 0, 0, 0, EASTERN)); // a Monday

        JsonNode english = call("18003755283", "10");
        JsonNode spanish = call("18003755283", "20");
        JsonNode tty = call("18007671833", "10");

        assertThat(english.get("state").asString()).isEqualTo("TRANSFERRED");
        assertThat(english.get("transferQueue").asString()).isEqualTo("general-en");
        assertThat(heard(english)).contains("Please hold while we transfer you");
        assertThat(spanish.get("transferQueue").asString()).isEqualTo("general-es");
        assertThat(tty.get("transferQueue").asString()).isEqualTo("tty-en");
        assertThat(english.get("transferAttributes").get("path").asString()).contains("main-menu>agent>transfer-to-agent");
    }

    @Test
    void atTenAtNightTheCallerHearsTheHoursAndStaysInSelfService() {
        clock.set(ZonedDateTime.of(2026, 11, 30, 22, 0, 0, 0, EASTERN));

        JsonNode turn = call("18003755283", "10");

        assertThat(turn.get("state").asString()).isEqualTo("IN_PROGRESS");
        assertThat(heard(turn)).contains("Monday to Friday, 8 a.m. to 9 p.m. Eastern time", "open 24 hours a day");
    }

    @Test
    void onThanksgivingTheCallerHearsItIsAHoliday() {
        clock.set(ZonedDateTime.of(2026, 11, 26, 10, 0, 0, 0, EASTERN));

        assertThat(heard(call("18003755283", "20"))).contains("día feriado federal");
    }

    @Test
    void theMilitaryLineKeepsCentralHoursAndGivesAnEmailAfterHours() {
        clock.set(ZonedDateTime.of(2026, 11, 30, 16, 30, 0, 0, ZoneId.of("America/Chicago")));

        JsonNode turn = call("18772474645", "10");

        assertThat(heard(turn)).contains("8 a.m. to 4 p.m. Central time", "militaryinfo@caseline.example");
        clock.set(ZonedDateTime.of(2026, 11, 30, 15, 30, 0, 0, ZoneId.of("America/Chicago")));
        assertThat(call("18772474645", "10").get("transferQueue").asString()).isEqualTo("military-en");
    }
}
