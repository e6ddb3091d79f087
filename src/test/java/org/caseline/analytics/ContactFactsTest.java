package org.caseline.analytics;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.caseline.accounts.Role;
import org.caseline.accounts.StaffAccounts;
import org.caseline.ivr.CallEnded;
import org.caseline.ivr.IvrService;
import org.caseline.routing.AgentState;
import org.caseline.routing.InteractionFinished;
import org.caseline.routing.Router;
import org.caseline.servicerequests.Channel;
import org.caseline.servicerequests.ServiceRequestAnswered;
import org.caseline.servicerequests.ServiceRequestFiled;
import org.caseline.support.CaseLineTest;
import org.caseline.support.MovableClock;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The facts behind the reports, on hand-made histories whose figures are worked out by hand here,
 * on a line of their own so that nothing else recorded in the shared database counts.
 */
@CaseLineTest
@Import(MovableClock.Settable.class)
class ContactFactsTest {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    @Autowired
    ContactFacts facts;
    @Autowired
    Reports reports;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MovableClock clock;
    @Autowired
    IvrService ivr;
    @Autowired
    Router router;
    @Autowired
    StaffAccounts staff;

    private static Instant at(int year, int month, int day, int hour, int minute, int second) {
        return ZonedDateTime.of(year, month, day, hour, minute, second, 0, NEW_YORK).toInstant();
    }

    private static CallEnded call(String line, Instant start, String outcome, String exit, String caller) {
        return new CallEnded(UUID.randomUUID().toString(), line, "en", start, start.plusSeconds(90), outcome, null, exit, caller);
    }

    private static InteractionFinished contact(UUID id, String line, Instant entered, Integer waited, Integer talked,
                                               Integer wrapped, String state) {
        Instant answered = waited == null ? null : entered.plusSeconds(waited);
        Instant ended = answered == null ? entered.plusSeconds(60) : answered.plusSeconds(talked);
        return new InteractionFinished(id, "VOICE", "general-en", "en", line, null, answered == null ? null : "rep",
                state, entered, answered, ended, wrapped == null ? null : ended.plusSeconds(wrapped),
                answered == null ? null : "answered", null);
    }

    private Reports.Report day(String line, Instant from, String by) {
        return reports.report(from, from.plus(Duration.ofDays(1)), NEW_YORK, by, new Reports.Filter(line, null, null, null));
    }

    @Test
    void aQuarterHourOfCallsGivesTheFiguresWorkedOutByHand() {
        String line = "18005550101";
        Instant ten = at(2024, 6, 4, 10, 0, 0);
        facts.record(call(line, ten.plusSeconds(60), "SELF_SERVICE", null, "k1"));
        facts.record(call(line, ten.plusSeconds(120), "TRANSFERRED", "main:main-menu 0", "k2"));
        facts.record(call(line, ten.plusSeconds(180), "TRANSFERRED", "main:after-info 0", "k3"));
        facts.record(call(line, ten.plusSeconds(240), "ABANDONED", null, null));
        facts.record(call(line, ten.plusSeconds(16 * 60), "TRANSFERRED", "main:main-menu 0", "k4"));
        // waited 30 s (in the 60 s service level), talked 5 min, wrapped 30 s; waited 2 min, talked 3, wrapped 30 s;
        // gave up after a minute
        facts.record(contact(UUID.randomUUID(), line, ten.plusSeconds(60), 30, 300, 30, "ENDED"));
        facts.record(contact(UUID.randomUUID(), line, ten.plusSeconds(300), 120, 180, 30, "ENDED"));
        facts.record(contact(UUID.randomUUID(), line, ten.plusSeconds(480), null, null, null, "ABANDONED"));

        Reports.Report quarters = day(line, at(2024, 6, 4, 0, 0, 0), "interval");
        assertThat(quarters.rows()).hasSize(2);
        Reports.Counts first = quarters.rows().getFirst().counts();
        assertThat(quarters.rows().getFirst().local()).hasHour(10).hasMinute(0);
        assertThat(first.calls()).isEqualTo(4);
        assertThat(first.containment()).isEqualTo(0.25);
        assertThat(first.offered()).isEqualTo(3);
        assertThat(first.serviceLevel()).isEqualTo(1.0 / 3);
        assertThat(first.averageSpeedOfAnswerSeconds()).isEqualTo(75.0);
        assertThat(first.abandonment()).isEqualTo(1.0 / 3);
        assertThat(first.averageHandleSeconds()).isEqualTo(270.0);
        assertThat(quarters.rows().get(1).counts().calls()).isEqualTo(1);

        Reports.Report whole = day(line, at(2024, 6, 4, 0, 0, 0), "day");
        assertThat(whole.rows()).singleElement().satisfies(r -> assertThat(r.counts().containment()).isEqualTo(0.2));
        assertThat(whole.topExits()).containsExactly(new Reports.Exit("main:main-menu 0", 2),
                new Reports.Exit("main:after-info 0", 1));
    }

    @Test
    void aFactToldTwiceOrLateCountsOnce() {
        String line = "18005550102";
        Instant ten = at(2024, 6, 5, 10, 0, 0);
        UUID id = UUID.randomUUID();
        CallEnded call = call(line, ten, "TRANSFERRED", "main:main-menu 0", "k1");
        InteractionFinished talking = contact(id, line, ten, 20, 200, null, "WRAP_UP");
        InteractionFinished written = contact(id, line, ten, 20, 200, 40, "ENDED");

        facts.record(call);
        facts.record(talking);
        facts.record(written);
        facts.record(call);       // told again
        facts.record(written);    // told again
        facts.record(talking);    // the telling from before the wrap-up, arriving last

        Reports.Counts counts = day(line, at(2024, 6, 5, 0, 0, 0), "day").totals();
        assertThat(counts.calls()).isEqualTo(1);
        assertThat(counts.offered()).isEqualTo(1);
        assertThat(counts.averageHandleSeconds()).isEqualTo(240.0);
        assertThat(day(line, at(2024, 6, 5, 0, 0, 0), "day").topExits()).containsExactly(new Reports.Exit("main:main-menu 0", 1));
    }

    @Test
    void aNumberThatCallsAgainWithinSevenDaysWasNotResolvedAtFirstContact() {
        String line = "18005550103";
        Instant monday = at(2024, 6, 10, 9, 0, 0);
        facts.record(call(line, monday, "SELF_SERVICE", null, "again"));
        facts.record(call(line, monday.plus(Duration.ofDays(10)), "SELF_SERVICE", null, "again")); // 8 days after the next: a new matter
        facts.record(call(line, monday, "SELF_SERVICE", null, "once"));
        // told late, out of order: a call two days after the first one
        facts.record(call(line, monday.plus(Duration.ofDays(2)), "SELF_SERVICE", null, "again"));

        Reports.Counts week = reports.report(monday.minus(Duration.ofHours(9)), monday.plus(Duration.ofDays(14)), NEW_YORK, "week",
                new Reports.Filter(line, null, null, null)).totals();
        // four calls; the first "again" was followed by another within 7 days: three resolved
        assertThat(week.keyedCalls()).isEqualTo(4);
        assertThat(week.firstContactResolution()).isEqualTo(0.75);
    }

    @Test
    void onTheNightClocksGoBackTheDayHasTwentyFiveHoursAndBothOneFifteensAreTheirOwnQuarter() {
        String line = "18005550104";
        Instant firstOneFifteen = ZonedDateTime.of(2024, 11, 3, 1, 15, 0, 0, NEW_YORK).withEarlierOffsetAtOverlap().toInstant();
        Instant secondOneFifteen = ZonedDateTime.of(2024, 11, 3, 1, 15, 0, 0, NEW_YORK).withLaterOffsetAtOverlap().toInstant();
        facts.record(call(line, firstOneFifteen, "SELF_SERVICE", null, null));
        facts.record(call(line, secondOneFifteen, "SELF_SERVICE", null, null));
        facts.record(call(line, at(2024, 11, 3, 23, 50, 0), "SELF_SERVICE", null, null)); // 24 h 50 min after midnight
        facts.record(call(line, at(2024, 11, 4, 0, 5, 0), "SELF_SERVICE", null, null));  // the next day

        Instant midnight = at(2024, 11, 3, 0, 0, 0);
        Reports.Report quarters = reports.report(midnight, at(2024, 11, 4, 0, 0, 0), NEW_YORK, "interval",
                new Reports.Filter(line, null, null, null));
        assertThat(Duration.between(midnight, at(2024, 11, 4, 0, 0, 0))).hasHours(25);
        assertThat(quarters.rows()).extracting(Reports.Row::start).containsExactly(firstOneFifteen, secondOneFifteen,
                at(2024, 11, 3, 23, 45, 0));
        Reports.Report days = reports.report(midnight, at(2024, 11, 5, 0, 0, 0), NEW_YORK, "day",
                new Reports.Filter(line, null, null, null));
        assertThat(days.rows()).extracting(r -> r.counts().calls()).containsExactly(3L, 1L);
        assertThat(days.rows()).extracting(r -> r.local().toLocalDate().getDayOfMonth()).containsExactly(3, 4);
    }

    @Test
    void realCallsAndContactsArriveByTheirEventsAndARebuildFromTheRecordsGivesTheSameFigures() {
        Instant start = at(2024, 7, 9, 11, 0, 0); // a Tuesday morning: every line open
        clock.set(start);
        // a caller hears the main menu, asks for case status in English and hangs up
        String callId = "analytics-" + UUID.randomUUID();
        ivr.start("18003755283", "2025550143", "simulator", callId);
        ivr.keys(callId, "1");
        clock.advance(Duration.ofSeconds(20));
        ivr.hangUp(callId);
        // a contact answered by an agent after 45 s, talked with for 4 minutes, written up
        staff.createIfMissing("analyst-rep", "pw-analyst-rep", "Analyst Rep", Set.of(Role.TIER1));
        router.agent("analyst-rep");
        jdbc.sql("update routing_agent set state = 'OFFLINE' where username <> 'analyst-rep'").update(); // theirs alone
        // nobody another test left waiting in the shared database is offered to this agent first
        jdbc.sql("delete from routing_interaction where state in ('WAITING', 'OFFERED')").update();
        router.state("analyst-rep", AgentState.AVAILABLE, null);
        UUID contact = router.enqueue(new Router.NewInteraction("VOICE", "military-en", 0, null, router.node(),
                Map.of("line", "18772474645"))).id();
        assertThat(router.interaction(contact).orElseThrow().agent()).isEqualTo("analyst-rep");
        clock.advance(Duration.ofSeconds(45));
        router.accept("analyst-rep", contact);
        clock.advance(Duration.ofMinutes(4));
        router.contactEnded(contact, "caller hung up");
        clock.advance(Duration.ofSeconds(10));
        router.state("analyst-rep", AgentState.OFFLINE, null);

        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql("select count(*) from analytics_call where call_id = ?")
                .param(callId).query(Long.class).single() == 1
                && jdbc.sql("select count(*) from analytics_interaction where id = ? and final_state = 'ENDED'")
                .param(contact).query(Long.class).single() == 1);
        Instant from = at(2024, 7, 9, 0, 0, 0);
        Reports.Report told = reports.report(from, from.plus(Duration.ofDays(1)), NEW_YORK, "day",
                new Reports.Filter(null, "military-en", null, null));
        assertThat(told.totals().offered()).isEqualTo(1);
        assertThat(told.totals().averageSpeedOfAnswerSeconds()).isEqualTo(45.0);
        assertThat(told.totals().averageHandleSeconds()).isEqualTo(250.0);
        assertThat(jdbc.sql("select caller_key from analytics_call where call_id = ?").param(callId).query(String.class).single())
                .as("the caller's number is not kept, only a key to it").isNotBlank().doesNotContain("5550143");

        // the aggregates are lost; the records are not
        jdbc.sql("delete from analytics_interval where interval_start >= ? and interval_start < ?")
                .params(ContactFacts.ts(from), ContactFacts.ts(from.plus(Duration.ofDays(1)))).update();
        jdbc.sql("delete from analytics_interaction where id = ?").param(contact).update();
        facts.rebuild(from, from.plus(Duration.ofDays(1)));

        Reports.Report rebuilt = reports.report(from, from.plus(Duration.ofDays(1)), NEW_YORK, "day",
                new Reports.Filter(null, "military-en", null, null));
        assertThat(rebuilt.totals()).isEqualTo(told.totals());
        assertThat(reports.report(from, from.plus(Duration.ofDays(1)), NEW_YORK, "day",
                new Reports.Filter("18003755283", null, null, null)).totals().calls()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void aServiceRequestAnsweredByItsDueDateCountsAsInTimeAndALateOneDoesNot() {
        ZonedDateTime filed = ZonedDateTime.of(2024, 8, 5, 10, 0, 0, 0, NEW_YORK); // a Monday
        clock.set(filed);
        LocalDate due = filed.toLocalDate().plusDays(14);
        facts.record(new ServiceRequestFiled("90000001", "case-outside-processing-time", "EAC2490000001", "ANALYTICS-TEST",
                Channel.TIER1, due));
        facts.record(new ServiceRequestFiled("90000002", "case-outside-processing-time", "EAC2490000002", "ANALYTICS-TEST",
                Channel.PUBLIC, due));
        facts.record(new ServiceRequestFiled("90000002", "case-outside-processing-time", "EAC2490000002", "ANALYTICS-TEST",
                Channel.PUBLIC, due)); // told twice
        clock.set(filed.plusDays(3));
        facts.record(new ServiceRequestAnswered("90000001", "ANALYTICS-TEST", "RESOLVED", "officer"));
        clock.set(filed.plusDays(20));
        facts.record(new ServiceRequestAnswered("90000002", "ANALYTICS-TEST", "RESOLVED", "officer"));

        Reports.Counts counts = reports.report(filed.toLocalDate().atStartOfDay(NEW_YORK).toInstant(),
                filed.toLocalDate().plusDays(1).atStartOfDay(NEW_YORK).toInstant(), NEW_YORK, "day",
                new Reports.Filter(null, "ANALYTICS-TEST", null, "REQUEST")).totals();
        assertThat(counts.requestsFiled()).isEqualTo(2);
        assertThat(counts.requestsAnswered()).isEqualTo(2);
        assertThat(counts.requestsWithinBusinessDays()).isEqualTo(0.5);
    }
}
