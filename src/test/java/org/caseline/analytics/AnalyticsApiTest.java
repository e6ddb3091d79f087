package org.caseline.analytics;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.caseline.ivr.IvrService;
import org.caseline.routing.InteractionFinished;
import org.caseline.support.CaseLineTest;
import org.caseline.support.Http;
import org.caseline.support.MovableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The analytics API as its clients use it: the staffing calculator, the forecast and the day's
 * plan on a series built with a known pattern, and the best time to call on a history built to
 * have one, which the public API, the site's sentence and a caller facing a long wait all tell.
 */
@CaseLineTest
@Import(MovableClock.Settable.class)
class AnalyticsApiTest {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    @LocalServerPort
    int port;
    @Autowired
    MovableClock clock;
    @Autowired
    ContactFacts facts;
    @Autowired
    Forecasts forecasts;
    @Autowired
    IvrService ivr;

    Http http;

    @BeforeEach
    void setUp() {
        http = new Http(port);
    }

    private static InteractionFinished answered(String queue, String line, String language, Instant entered, long waited, long handled) {
        Instant answered = entered.plusSeconds(waited);
        return new InteractionFinished(UUID.randomUUID(), "VOICE", queue, language, line, null, "rep", "ENDED", entered, answered,
                answered.plusSeconds(handled - 20), answered.plusSeconds(handled), "answered", null);
    }

    @Test
    void theCalculatorAnswersTheTextbookExampleAndGrossesUpForShrinkage() {
        JsonNode plain = http.get("/api/analytics/staffing?contacts=100&intervalMinutes=30&handleSeconds=180&targetSeconds=20&serviceLevel=0.8").json();
        assertThat(plain.get("agents").asInt()).isEqualTo(14);
        assertThat(plain.get("serviceLevel").asDouble()).isCloseTo(0.8884, within(1e-4));
        assertThat(plain.get("probabilityOfWaiting").asDouble()).isCloseTo(0.1741, within(1e-4));
        assertThat(plain.get("averageSpeedOfAnswerSeconds").asDouble()).isCloseTo(7.84, within(0.01));
        assertThat(plain.get("occupancy").asDouble()).isCloseTo(10.0 / 14, within(1e-6));

        // 30 % of paid time off the phones: 14 on the phones need 20 scheduled
        JsonNode shrunk = http.get("/api/analytics/staffing?contacts=100&intervalMinutes=30&handleSeconds=180&targetSeconds=20&serviceLevel=0.8&shrinkage=0.3").json();
        assertThat(shrunk.get("agents").asInt()).isEqualTo(20);
        assertThat(shrunk.get("agentsOnPhones").asInt()).isEqualTo(14);

        // callers who give up after two minutes on average: Erlang A, and no more agents than Erlang C
        JsonNode patient = http.get("/api/analytics/staffing?contacts=100&intervalMinutes=30&handleSeconds=180&targetSeconds=20&serviceLevel=0.8&patienceSeconds=120").json();
        assertThat(patient.get("model").asString()).isEqualTo("erlang-a");
        assertThat(patient.get("agents").asInt()).isBetween(11, 14);
        assertThat(patient.get("serviceLevel").asDouble()).isGreaterThanOrEqualTo(0.8);
    }

    @Test
    void aQuestionTheCalculatorCannotAnswerIsRefusedPlainly() {
        for (String query : List.of("contacts=-1&handleSeconds=180&targetSeconds=20", "contacts=100&handleSeconds=180&targetSeconds=20&serviceLevel=1.5",
                "contacts=100&targetSeconds=20", "contacts=lots&handleSeconds=180&targetSeconds=20",
                "contacts=100&handleSeconds=180&targetSeconds=20&shrinkage=1", "contacts=100000&intervalMinutes=5&handleSeconds=14400&targetSeconds=20")) {
            Http.Response r = http.get("/api/analytics/staffing?" + query);
            assertThat(r.status()).as(query).isEqualTo(400);
            assertThat(r.json().get("message").asString()).as(query).isNotBlank();
        }
    }

    @Test
    void theForecastRepeatsAKnownWeeklyPatternAndSkipsHolidays() {
        String queue = "forecast-test";
        // ten weeks before Monday 16 September 2024: at 10:00 each weekday, 6 contacts on Mondays, 4
        // the other days; none on Labor Day (2 September), when the center was closed
        LocalDate monday = LocalDate.of(2024, 9, 16);
        List<InteractionFinished> series = new ArrayList<>();
        for (LocalDate day = monday.minusWeeks(10); day.isBefore(monday); day = day.plusDays(1)) {
            if (day.getDayOfWeek().getValue() > 5 || day.equals(LocalDate.of(2024, 9, 2))) {
                continue;
            }
            int contacts = day.getDayOfWeek() == DayOfWeek.MONDAY ? 6 : 4;
            for (int i = 0; i < contacts; i++) {
                series.add(answered(queue, "", "en", day.atTime(10, 5 + i).atZone(NEW_YORK).toInstant(), 30, 400));
            }
        }
        facts.recordAll(List.of(), series);

        Reports.Filter filter = new Reports.Filter(null, queue, null, null);
        List<Forecasts.Slot> week = forecasts.forecast(filter, monday, 7, 30, NEW_YORK);
        assertThat(week).hasSize(7 * 48);
        assertThat(slot(week, monday, 10).contacts()).isCloseTo(6, within(1e-9));
        assertThat(slot(week, monday, 10).handleSeconds()).isCloseTo(400, within(1e-9));
        assertThat(slot(week, monday.plusDays(1), 10).contacts()).isCloseTo(4, within(1e-9));
        assertThat(slot(week, monday, 11).contacts()).isZero();
        assertThat(slot(week, monday.plusDays(5), 10).contacts()).isZero();
        // Columbus Day is forecast closed
        assertThat(slot(forecasts.forecast(filter, LocalDate.of(2024, 10, 14), 1, 30, NEW_YORK), LocalDate.of(2024, 10, 14), 10)
                .contacts()).isZero();
        // a pattern this regular is forecast without error on weeks held out
        Forecasts.Accuracy heldOut = forecasts.heldOut(filter, monday, 2, 30, NEW_YORK);
        // the weeks of 9 and 2 September: 6 + 4 × 4 contacts, and 4 × 4 with Labor Day closed (and forecast closed)
        assertThat(heldOut.actualContacts()).isEqualTo(22 + 16);
        assertThat(heldOut.wape()).isCloseTo(0, within(1e-9));

        // the plan for that Monday, as a supervisor reads it
        JsonNode plan = http.send(http.request("/api/analytics/staffing-plan?date=2024-09-16&queue=" + queue
                + "&targetSeconds=20&serviceLevel=0.8&shrinkage=0.25").header("Authorization", Http.basic("supervisor", "demo"))).json();
        JsonNode ten = null;
        for (JsonNode n : plan.get("intervals")) {
            if (n.get("start").asString().startsWith("2024-09-16T10:00")) {
                ten = n;
            }
        }
        assertThat(ten).isNotNull();
        Erlang.Result expected = Staffing.required(6, 30, 400, new Staffing.Goal(20, 0.8, 0.25), null);
        assertThat(ten.get("contacts").asDouble()).isEqualTo(6.0);
        assertThat(ten.get("agents").asInt()).isEqualTo(expected.agents());
        assertThat(ten.get("scheduled").asInt()).isEqualTo(Staffing.scheduled(expected.agents(), 0.25));
        assertThat(plan.get("model").asString()).isEqualTo("erlang-c");
        assertThat(http.get("/api/analytics/staffing-plan?date=2024-09-16").status()).as("supervisors only").isEqualTo(401);
    }

    private static Forecasts.Slot slot(List<Forecasts.Slot> slots, LocalDate day, int hour) {
        return slots.stream().filter(s -> s.start().toLocalDate().equals(day) && s.start().getHour() == hour && s.start().getMinute() == 0)
                .findFirst().orElseThrow();
    }

    @Test
    void theBestTimeToCallComesFromOurOwnCallsAndIsToldOnTheSiteAndToACallerFacingALongWait() {
        String line = "18003755283";
        // eight weeks of Spanish calls before Wednesday 6 March 2024: Tuesdays at 9 answered in 30 s,
        // Thursdays at 3 p.m. in 15 minutes, every other hour of live help in 5
        ZonedDateTime now = ZonedDateTime.of(2024, 3, 6, 10, 0, 0, 0, NEW_YORK);
        List<InteractionFinished> history = new ArrayList<>();
        for (LocalDate day = now.toLocalDate().minusWeeks(8); day.isBefore(now.toLocalDate()); day = day.plusDays(1)) {
            if (day.getDayOfWeek().getValue() > 5) {
                continue;
            }
            for (int hour = 8; hour < 21; hour++) {
                long wait = day.getDayOfWeek() == DayOfWeek.TUESDAY && hour == 9 ? 30
                        : day.getDayOfWeek() == DayOfWeek.THURSDAY && hour == 15 ? 900 : 300;
                history.add(answered("general-es", line, "es", day.atTime(hour, 10).atZone(NEW_YORK).toInstant(), wait, 300));
            }
        }
        facts.recordAll(List.of(), history);
        clock.set(now);

        JsonNode best = http.get("/api/analytics/best-time-to-call?line=" + line + "&language=es").json();
        assertThat(best.get("best").get(0).get("day").asString()).isEqualTo("TUESDAY");
        assertThat(best.get("best").get(0).get("hour").asInt()).isEqualTo(9);
        assertThat(best.get("best").get(0).get("expectedWaitSeconds").asLong()).isEqualTo(30);
        assertThat(best.get("worst").get(0).get("day").asString()).isEqualTo("THURSDAY");
        assertThat(best.get("worst").get(0).get("hour").asInt()).isEqualTo(15);
        assertThat(best.get("basedOnWeeks").asInt()).isEqualTo(8);
        assertThat(http.get("/api/analytics/best-time-to-call?line=18009999999&language=es").status()).isEqualTo(404);
        assertThat(http.get("/api/analytics/best-time-to-call?line=" + line + "&language=fr").status()).isEqualTo(400);

        Http.Response page = http.send(http.request("/best-time-to-call?line=" + line).header("Accept-Language", "es"));
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("Las llamadas suelen contestarse más rápido el martes 9 a.m.");

        // a Spanish caller put in line with a 25-minute wait hears when to call instead
        String callId = "best-time-" + UUID.randomUUID();
        ivr.start(line, "2025550143", "simulator", callId);
        ivr.keys(callId, "2");
        IvrService.Turn transferred = ivr.keys(callId, "0");
        assertThat(transferred.transferQueue()).isEqualTo("general-es");
        IvrService.Turn inLine = ivr.hold(callId, IvrService.HoldEntry.IN_LINE, "es", new IvrService.Waiting() {
            @Override
            public Optional<IvrService.Place> place() {
                return Optional.of(new IvrService.Place(12, Duration.ofMinutes(25)));
            }

            @Override
            public boolean callbackPossible() {
                return false;
            }
        });
        assertThat(inLine.prompts()).extracting(IvrService.Spoken::text)
                .contains("Las llamadas a esta línea suelen contestarse más rápido alrededor de las 9 a.m. los martes.");
        ivr.hangUp(callId);
    }

    @Test
    void theLiveQueueFiguresAreMetricsAndTheGrafanaDashboardReadsOnlyMetricsThatExist() throws Exception {
        String dashboard = java.nio.file.Files.readString(java.nio.file.Path.of("deploy/grafana/caseline-queues.json"));
        java.util.Set<String> read = new java.util.TreeSet<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("caseline_queue_[a-z_]+").matcher(dashboard);
        while (m.find()) {
            read.add(m.group());
        }
        assertThat(read).contains("caseline_queue_waiting", "caseline_queue_longest_wait_seconds", "caseline_queue_agents",
                "caseline_queue_service_level_today");
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            String scrape = http.send(http.request("/actuator/prometheus").header("Authorization", Http.basic("admin", "demo"))).body();
            assertThat(scrape).contains("caseline_queue_waiting{language=\"en\",queue=\"general-en\"}");
            assertThat(scrape).contains("caseline_queue_agents{");
            for (String metric : read) {
                if (!metric.equals("caseline_queue_service_level_today")) { // only once a queue has answered today
                    assertThat(scrape).as(metric).contains(metric + "{");
                }
            }
        });
    }
}
