package org.caseline.routing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.caseline.accounts.Role;
import org.caseline.accounts.StaffAccounts;
import org.caseline.support.CaseLineTest;
import org.caseline.support.MondayMorning;
import org.caseline.support.MovableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/** The routing policy, on a clock the test moves: who gets which contact, and why. */
@CaseLineTest
@Import(MovableClock.Settable.class)
class RoutingTest {


    @Autowired
    Router router;
    @Autowired
    MovableClock clock;
    @Autowired
    StaffAccounts staff;
    @Autowired
    JdbcClient jdbc;

    @BeforeEach
    void emptyQueuesAndAgentsAtTenOnAMonday() {
        clock.set(MondayMorning.AT); // every queue open
        jdbc.sql("delete from routing_interaction").update();
        jdbc.sql("delete from routing_decision").update();
        jdbc.sql("delete from routing_agent").update();
        // a queue with nobody signed in is handled as closed: an officer on break keeps every queue open
        agent("standby", Role.TIER2);
        router.state("standby", AgentState.BREAK, "meeting");
    }

    private String agent(String name, Role tier) {
        staff.createIfMissing(name, "pw-" + name, name, Set.of(tier));
        router.agent(name);
        return name;
    }

    private String available(String name, Role tier) {
        agent(name, tier);
        router.state(name, AgentState.AVAILABLE, null);
        return name;
    }

    private UUID call(String queue, int priority) {
        return router.enqueue(new Router.NewInteraction("VOICE", queue, priority, null, router.node(),
                Map.of("line", "18003755283", "receipt", "EAC2590000101"))).id();
    }

    private Router.Interaction get(UUID id) {
        return router.interaction(id).orElseThrow();
    }

    private void later(int seconds) {
        clock.advance(Duration.ofSeconds(seconds));
    }

    @Test
    void aFreeAgentTakesTheLongestWaitingContactAcrossAllTheQueuesTheyServe() {
        UUID spanish = call("general-es", 0);
        later(30);
        UUID english = call("military-en", 0);
        later(30);

        available("rep-a", Role.TIER1);

        assertThat(get(spanish).state()).isEqualTo(InteractionState.OFFERED);
        assertThat(get(spanish).agent()).isEqualTo("rep-a");
        assertThat(get(english).state()).isEqualTo(InteractionState.WAITING);
        assertThat(router.decisions(spanish)).last().satisfies(d -> {
            assertThat(d.kind()).isEqualTo("OFFERED");
            assertThat(d.reason()).contains("first in line").contains("general-es").contains("waiting 60 s");
        });
    }

    @Test
    void priorityMovesAContactAheadOfThoseWhoCameEarlier() {
        UUID first = call("general-en", 0);
        later(60);
        UUID urgent = call("general-en", 2); // two points: two minutes ahead

        available("rep-a", Role.TIER1);

        assertThat(get(urgent).agent()).isEqualTo("rep-a");
        assertThat(get(first).state()).isEqualTo(InteractionState.WAITING);
    }

    @Test
    void aNewContactGoesToTheAgentIdleLongestAndTierOneBeforeTierTwo() {
        available("officer", Role.TIER2);
        later(10);
        available("rep-a", Role.TIER1);
        later(10);
        available("rep-b", Role.TIER1);
        later(10);

        UUID general = call("general-en", 0);
        UUID escalated = call("tier2-en", 0);

        assertThat(get(general).agent()).as("Tier 1 idle longest").isEqualTo("rep-a");
        assertThat(get(escalated).agent()).as("only Tier 2 takes the Tier 2 queue").isEqualTo("officer");
        assertThat(router.decisions(general)).last().extracting(Router.Decision::reason).asString()
                .contains("idle longest (20 s)");
    }

    @Test
    void tierTwoTakesATierOneQueueOnlyAfterItsWideningWait() {
        available("officer", Role.TIER2);
        UUID waiting = call("general-en", 0);
        assertThat(get(waiting).state()).isEqualTo(InteractionState.WAITING);

        later(9 * 60);
        router.sweep();
        assertThat(get(waiting).state()).isEqualTo(InteractionState.WAITING);

        later(60); // general-en widens to Tier 2 after 10 minutes
        // this sweep, or the node's own running beside it (which may hold the rows a moment), offers it
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5)).until(() -> {
            router.sweep();
            return get(waiting).state() == InteractionState.OFFERED;
        });
        assertThat(get(waiting).agent()).isEqualTo("officer");
    }

    @Test
    void anEscalatedCallerGoesAheadOfTheTierTwoLineWithEverythingTheRepresentativeLearned() {
        UUID alreadyWaiting = call("tier2-en", 0);
        later(120);
        available("rep-a", Role.TIER1);
        UUID caller = call("general-en", 0);
        router.accept("rep-a", caller);
        router.annotate("rep-a", caller, null, "Asked about an I-485 interview notice");

        Router.Interaction escalated = router.escalate("rep-a", caller, "Needs an officer: notice not received");
        available("officer", Role.TIER2);

        assertThat(get(escalated.id()).agent()).isEqualTo("officer");
        assertThat(get(alreadyWaiting).state()).isEqualTo(InteractionState.WAITING);
        assertThat(escalated.attributes())
                .containsEntry("receipt", "EAC2590000101")
                .containsEntry("escalatedBy", "rep-a")
                .containsEntry("escalationNote", "Needs an officer: notice not received")
                .containsEntry("previousNotes", "Asked about an I-485 interview notice");
        assertThat(escalated.escalatedFrom()).isEqualTo(caller);
        assertThat(router.findAgent("rep-a").orElseThrow().state()).isEqualTo(AgentState.WRAP_UP);
    }

    @Test
    void afterAConversationTheAgentWrapsUpForTheConfiguredTimeThenIsOfferedAgain() {
        available("rep-a", Role.TIER1);
        UUID first = call("general-en", 0);
        router.accept("rep-a", first);
        UUID next = call("general-en", 0);
        later(180);
        router.contactEnded(first, "caller hung up");

        assertThat(router.findAgent("rep-a").orElseThrow().state()).isEqualTo(AgentState.WRAP_UP);
        later(29);
        router.sweep();
        assertThat(get(next).state()).isEqualTo(InteractionState.WAITING);

        later(1);
        router.sweep();
        assertThat(get(first).state()).isEqualTo(InteractionState.ENDED);
        assertThat(get(next).agent()).isEqualTo("rep-a");
    }

    @Test
    void anOfferLeftRingingGoesToTheNextAgentAndTwoInARowPutTheAgentOnBreak() {
        available("rep-a", Role.TIER1);
        later(5);
        UUID caller = call("general-en", 0);
        assertThat(get(caller).agent()).isEqualTo("rep-a");

        later(21);
        router.sweep();
        Router.Agent a = router.findAgent("rep-a").orElseThrow();
        assertThat(a.missedOffers()).isEqualTo(1);
        assertThat(get(caller).agent()).as("offered again: nobody else is free").isEqualTo("rep-a");

        available("rep-b", Role.TIER1);
        later(21);
        router.sweep();
        assertThat(router.findAgent("rep-a").orElseThrow().state()).isEqualTo(AgentState.BREAK);
        assertThat(router.findAgent("rep-a").orElseThrow().reason()).isEqualTo("missed-offers");
        // the node's own sweep runs beside this one: the caller reaches rep-b by one or the other
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5)).until(() -> "rep-b".equals(get(caller).agent()));
        assertThat(router.decisions(caller)).extracting(Router.Decision::kind)
                .containsSubsequence("QUEUED", "OFFERED", "RANG_OUT", "OFFERED", "RANG_OUT", "OFFERED");
    }

    @Test
    void aCallerWhoHangsUpWhileOfferedFreesTheAgentAndIsCountedAsAbandoned() {
        available("rep-a", Role.TIER1);
        UUID caller = call("general-en", 0);
        router.contactEnded(caller, "caller hung up");

        assertThat(get(caller).state()).isEqualTo(InteractionState.ABANDONED);
        assertThat(router.findAgent("rep-a").orElseThrow().state()).isEqualTo(AgentState.AVAILABLE);
    }

    @Test
    void aQueueWithNobodySignedInIsHandledAsClosed() {
        router.state("standby", AgentState.OFFLINE, null);

        Router.Interaction call = router.enqueue(new Router.NewInteraction("VOICE", "general-en", 0, null, router.node(), Map.of()));

        assertThat(call.state()).isEqualTo(InteractionState.OVERFLOWED);
        assertThat(router.decisions(call.id())).singleElement().extracting(Router.Decision::reason).asString()
                .contains("nobody signed in").contains("message");
    }

    @Test
    void anUnansweredCallbackIsTriedAgainAfterItsDelayAndGivenUpAfterTheLastAttempt() {
        UUID caller = call("general-en", 0);
        assertThat(router.toCallback(caller, "2025550143")).isTrue();
        available("rep-a", Role.TIER1);

        for (int attempt = 1; attempt <= 3; attempt++) {
            assertThat(get(caller).agent()).as("attempt %d offered", attempt).isEqualTo("rep-a");
            router.accept("rep-a", caller);
            router.callbackFailed(caller, "no answer");
            if (attempt < 3) {
                later(4 * 60);
                router.sweep();
                assertThat(get(caller).state()).as("not before its retry time").isEqualTo(InteractionState.WAITING);
                later(60);
                router.sweep();
            }
        }

        assertThat(get(caller).state()).isEqualTo(InteractionState.ENDED);
        assertThat(get(caller).disposition()).isEqualTo("callback-unanswered");
        assertThat(get(caller).channel()).isEqualTo("CALLBACK");
        assertThat(router.decisions(caller)).extracting(Router.Decision::kind)
                .containsSubsequence("CALLBACK_REQUESTED", "ACCEPTED", "CALLBACK_UNANSWERED", "ACCEPTED", "CALLBACK_UNANSWERED",
                        "ACCEPTED", "CALLBACK_GIVEN_UP");
        assertThat(router.findAgent("rep-a").orElseThrow().state()).isEqualTo(AgentState.AVAILABLE);
    }

    @Test
    void atTheMaximumWaitACallerWithAKnownNumberIsCalledBackInsteadAndOneWithoutHearsAMessage() {
        UUID known = router.enqueue(new Router.NewInteraction("VOICE", "general-en", 0, "call-1", router.node(),
                Map.of("callerNumber", "2025550143"))).id();
        UUID unknown = call("general-en", 0);

        later(30 * 60 + 1); // general-en: 30 minutes at most, then a callback
        router.sweep();

        assertThat(get(known).state()).isEqualTo(InteractionState.WAITING);
        assertThat(get(known).channel()).isEqualTo("CALLBACK");
        assertThat(get(known).attributes()).containsEntry("callbackNumber", "2025550143").containsEntry("originalCallId", "call-1");
        assertThat(get(unknown).state()).isEqualTo(InteractionState.OVERFLOWED);
        assertThat(router.decisions(unknown)).last().extracting(Router.Decision::reason).asString().contains("message");
    }

    @Test
    void aCallHeldByANodeThatStoppedIsEndedRatherThanOfferedToAnAgent() {
        UUID lost = router.enqueue(new Router.NewInteraction("VOICE", "general-en", 0, "call-lost", "node-that-stopped",
                Map.of())).id();
        UUID message = router.enqueueMessage("messages-en", java.time.Instant.now().plus(java.time.Duration.ofHours(1)), Map.of()).id();

        router.sweep();
        available("rep-a", Role.TIER1);

        assertThat(get(lost).state()).isEqualTo(InteractionState.ABANDONED);
        assertThat(router.decisions(lost)).last().extracting(Router.Decision::reason).asString()
                .contains("the node holding the call stopped");
        assertThat(get(message).agent()).as("a written contact needs no node: it is offered").isEqualTo("rep-a");
    }

    @Test
    void manyRoutersAtOnceNeverOfferOneContactTwiceNorGiveAnAgentTwoContacts() throws Exception {
        List<UUID> calls = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            calls.add(call(i % 2 == 0 ? "general-en" : "general-es", 0));
        }
        for (int i = 0; i < 40; i++) {
            agent("rep-" + i, Role.TIER1);
        }
        jdbc.sql("update routing_agent set state = 'AVAILABLE'").update();

        ExecutorService pool = Executors.newFixedThreadPool(6);
        List<Future<Integer>> runs = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            runs.add(pool.submit(router::routeAll));
        }
        for (Future<Integer> run : runs) {
            run.get();
        }
        pool.shutdown();

        List<String> offeredTo = calls.stream().map(this::get).filter(i -> i.state() == InteractionState.OFFERED)
                .map(Router.Interaction::agent).toList();
        assertThat(offeredTo).hasSize(40).doesNotHaveDuplicates();
        assertThat(jdbc.sql("select count(*) from routing_decision where kind = 'OFFERED' group by interaction having count(*) > 1")
                .query(Integer.class).list()).isEmpty();
    }

    @Test
    void theQueueFiguresShowWhoWaitsAndWhoIsFree() {
        available("rep-a", Role.TIER1);
        router.state("rep-a", AgentState.BREAK, "lunch");
        call("general-en", 0);
        later(45);
        call("general-en", 0);

        Router.QueueFigures general = router.figures().stream().filter(q -> q.id().equals("general-en")).findFirst().orElseThrow();
        assertThat(general.waiting()).isEqualTo(2);
        assertThat(general.longestWaitSeconds()).isEqualTo(45);
        assertThat(general.agents()).as("rep-a and the standby officer").containsEntry("BREAK", 2)
                .containsEntry("AVAILABLE", 0);
        assertThat(router.waitOf(router.waiting().getLast().id()).position()).isEqualTo(2);
    }
}
