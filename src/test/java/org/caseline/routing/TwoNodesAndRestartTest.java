package org.caseline.routing;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.zaxxer.hikari.HikariDataSource;
import org.caseline.CaseLineApplication;
import org.caseline.platform.db.EmbeddedPostgres;
import org.caseline.support.CaseLineProcess;
import org.caseline.support.MondayMorning;
import org.caseline.accounts.Role;
import org.caseline.accounts.StaffAccounts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Routing's promises hold beyond one process: two application nodes on one PostgreSQL never offer
 * a contact twice nor lose one, each hears the other's decisions, and what waits survives a restart.
 */
class TwoNodesAndRestartTest {

    /** A Monday morning: every queue is open. */
    private static final Clock MONDAY_10AM = Clock.fixed(MondayMorning.AT.toInstant(), ZoneId.of("UTC"));

    @TempDir
    Path dataRoot;

    private ConfigurableApplicationContext node(String name, String... extra) {
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--caseline.routing.node=" + name,
                "--caseline.database.embedded.data-dir=" + dataRoot.resolve("postgres"),
                "--caseline.database.embedded.clean=false", "--caseline.demo.cases=10"));
        args.addAll(List.of(extra));
        return new SpringApplicationBuilder(CaseLineApplication.class)
                .profiles("test")
                .initializers(context -> context.getBeanFactory().registerSingleton("clock", MONDAY_10AM))
                .run(args.toArray(String[]::new));
    }

    /** A second node on the first one's database. */
    private ConfigurableApplicationContext secondNode(ConfigurableApplicationContext first) {
        HikariDataSource db = first.getBean(HikariDataSource.class);
        return node("node-b", "--spring.datasource.url=" + db.getJdbcUrl(), "--spring.datasource.username=" + db.getUsername());
    }

    @Test
    void twoNodesOnOneDatabaseOfferEachContactOnceLoseNoneAndHearEachOther() throws Exception {
        try (var a = node("node-a"); var b = secondNode(a)) {
            Router routerA = a.getBean(Router.class);
            Router routerB = b.getBean(Router.class);
            ConcurrentLinkedQueue<RoutingUpdate> heardByB = new ConcurrentLinkedQueue<>();
            b.addApplicationListener((ApplicationListener<ApplicationEvent>) e -> {
                if (e instanceof PayloadApplicationEvent<?> p && p.getPayload() instanceof RoutingUpdate update) {
                    heardByB.add(update);
                }
            });

            StaffAccounts staff = a.getBean(StaffAccounts.class);
            List<String> agents = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                String name = "two-" + i;
                staff.createIfMissing(name, "pw", name, Set.of(i % 4 == 0 ? Role.TIER2 : Role.TIER1));
                agents.add(name);
            }
            agents.forEach(n -> (agents.indexOf(n) % 2 == 0 ? routerA : routerB).state(n, AgentState.BREAK, "getting ready"));
            List<UUID> contacts = new ArrayList<>();
            for (int i = 0; i < 150; i++) {
                Router node = i % 2 == 0 ? routerA : routerB;
                contacts.add(node.enqueue(new Router.NewInteraction("VOICE", i % 3 == 0 ? "general-es" : "general-en", 0, null,
                        node.node(), Map.of("n", String.valueOf(i)))).id());
            }

            // every agent works through contacts, alternating nodes, while both nodes' sweeps route too
            ExecutorService pool = Executors.newFixedThreadPool(agents.size());
            List<Future<?>> work = new ArrayList<>();
            for (String agent : agents) {
                work.add(pool.submit(() -> {
                    int turn = 0;
                    routerA.state(agent, AgentState.AVAILABLE, null);
                    while (true) {
                        Router node = turn++ % 2 == 0 ? routerA : routerB;
                        node.routeAgent(agent);
                        var mine = node.currentOf(agent).filter(i -> i.state() == InteractionState.OFFERED);
                        if (mine.isEmpty()) {
                            if (node.waiting().isEmpty() && node.currentOf(agent).isEmpty()) {
                                return null;
                            }
                            Thread.onSpinWait();
                            continue;
                        }
                        node.accept(agent, mine.get().id());
                        node.contactEnded(mine.get().id(), "answered");
                        node.state(agent, AgentState.AVAILABLE, null);
                    }
                }));
            }
            for (Future<?> f : work) {
                f.get();
            }
            pool.shutdown();

            JdbcClient db = a.getBean(JdbcClient.class);
            assertThat(db.sql("select count(*) from routing_interaction where state = 'ENDED'").query(Integer.class).single())
                    .as("every contact handled, none lost").isEqualTo(contacts.size());
            assertThat(db.sql("select count(*) from routing_decision where kind = 'OFFERED' group by interaction having count(*) > 1")
                    .query(Integer.class).list()).as("no contact offered twice").isEmpty();
            assertThat(db.sql("select distinct node from routing_decision where kind = 'OFFERED'").query(String.class).list())
                    .as("one node matches, the elected one: node B's work was decided there").containsExactly("node-a");
            assertThat(heardByB).as("node B hears node A's offers").anyMatch(u -> u.kind() == RoutingUpdate.Kind.OFFERED);

            // forty people booking the four places of one slot, half through each node: exactly four booked, none lost
            var ingestion = a.getBean(org.caseline.cases.CaseIngestion.class);
            java.time.Instant slot = MondayMorning.AT.plusDays(8).withHour(9).withMinute(0).toInstant(); // Tuesday next week, 9 a.m.
            List<Future<String>> bookings = new ArrayList<>();
            ExecutorService bookers = Executors.newFixedThreadPool(16);
            for (int i = 0; i < 40; i++) {
                String receipt = "EAC26990" + (10_000 + i);
                ingestion.upsert(new org.caseline.cases.ReceiptNumber(receipt), new org.caseline.cases.CaseIngestion.CaseData("I-485",
                        java.time.LocalDate.of(2025, 9, 1), "NBC", null, false, null, null));
                var appointments = (i % 2 == 0 ? a : b).getBean(org.caseline.appointments.Appointments.class);
                bookings.add(bookers.submit(() -> {
                    try {
                        return appointments.book(receipt, "BOSA", "biometrics", slot, null, "officer").status();
                    } catch (org.caseline.appointments.Appointments.Refused refused) {
                        return refused.code();
                    }
                }));
            }
            List<String> outcomes = new ArrayList<>();
            for (Future<String> f : bookings) {
                outcomes.add(f.get());
            }
            bookers.shutdown();
            assertThat(outcomes.stream().filter("BOOKED"::equals).count()).as(outcomes.toString()).isEqualTo(4);
            assertThat(outcomes.stream().filter("slot-full"::equals).count()).isEqualTo(36);
            assertThat(db.sql("select booked from appointment_slot where office = 'BOSA' and type = 'biometrics' and starts_at = ?")
                    .param(java.sql.Timestamp.from(slot)).query(Integer.class).single()).isEqualTo(4);

            // a case status node A has just shown moves on node B: node A shows the new status within moments,
            // and a case created on node B after node A said "no such case" is found on node A too
            var statusA = a.getBean(org.caseline.cases.CaseStatusService.class);
            var ingestionB = b.getBean(org.caseline.cases.CaseIngestion.class);
            var moving = new org.caseline.cases.ReceiptNumber("EAC2699010000");
            var later = new org.caseline.cases.ReceiptNumber("EAC2699020000");
            assertThat(statusA.findStatus(moving).orElseThrow().status().code()).isEqualTo("CASE_RECEIVED");
            assertThat(statusA.findStatus(later)).isEmpty();
            ingestionB.append(moving, new org.caseline.cases.CaseIngestion.StatusEvent("two-nodes-fingerprints",
                    "FINGERPRINT_FEE_RECEIVED", MondayMorning.AT.toInstant()));
            ingestionB.upsert(later, new org.caseline.cases.CaseIngestion.CaseData("I-485",
                    java.time.LocalDate.of(2025, 9, 1), "NBC", null, false, null, null));
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).untilAsserted(() -> {
                assertThat(statusA.findStatus(moving).orElseThrow().status().code()).isEqualTo("FINGERPRINT_FEE_RECEIVED");
                assertThat(statusA.findStatus(later)).isPresent();
            });
        }
    }

    /**
     * The node that matches is killed (SIGKILL) in the middle of a burst of agents taking calls: the
     * other node takes the election within seconds, starts from what the database says, and every
     * contact is offered exactly once, before the kill or after it.
     */
    @Test
    void whenTheMatchingNodeIsKilledMidBurstTheOtherMatchesAndEveryContactIsOfferedOnce() throws Exception {
        // both nodes on one moving Monday-morning clock (the killed node is a process of its own), offers ringing for long
        String monday = "--caseline.clock.offset=" + Duration.between(Instant.now(), MondayMorning.AT.toInstant());
        List<String> shared = List.of(monday, "--caseline.routing.offer-timeout=10m", "--caseline.demo.cases=10",
                "--caseline.demo.history.enabled=false");
        try (var db = EmbeddedPostgres.start(dataRoot.resolve("shared-postgres"), true, 0, Map.of("fsync", "off"))) {
            db.createDatabaseIfMissing("caseline");
            List<String> onTheDatabase = new ArrayList<>(List.of("--spring.datasource.url=" + db.jdbcUrl("caseline"),
                    "--spring.datasource.username=" + db.user()));
            onTheDatabase.addAll(shared);
            try (var b = CaseLineProcess.start(dataRoot.resolve("node-b"), "node-b", onTheDatabase)) {
                List<String> args = new ArrayList<>(List.of("--server.port=0", "--caseline.routing.node=node-a"));
                args.addAll(onTheDatabase);
                try (var a = new SpringApplicationBuilder(CaseLineApplication.class).profiles("test").run(args.toArray(String[]::new))) {
                    MatcherElection election = a.getBean(MatcherElection.class);
                    assertThat(election.leads()).as("node B started first and matches").isFalse();
                    assertThat(election.anotherLeads()).isTrue();
                    Router router = a.getBean(Router.class);
                    JdbcClient jdbc = a.getBean(JdbcClient.class);

                    StaffAccounts staff = a.getBean(StaffAccounts.class);
                    List<String> agents = new ArrayList<>();
                    for (int i = 0; i < 20; i++) {
                        String name = "burst-" + i;
                        staff.createIfMissing(name, "pw", name, Set.of(Role.TIER1));
                        router.state(name, AgentState.BREAK, "getting ready");
                        agents.add(name);
                    }
                    int contacts = 200;
                    for (int i = 0; i < contacts; i++) {
                        // no call held by a node: the lost-node rule is not what this test is about
                        router.enqueue(new Router.NewInteraction("VOICE", i % 3 == 0 ? "general-es" : "general-en", 0, null, null,
                                Map.of("n", String.valueOf(i))));
                    }

                    // each agent, on node A, takes a call, ends it and is free again; node A forwards each "free" to the matcher
                    ExecutorService pool = Executors.newFixedThreadPool(agents.size());
                    List<Future<?>> work = new ArrayList<>();
                    for (String agent : agents) {
                        work.add(pool.submit(() -> {
                            router.state(agent, AgentState.AVAILABLE, null);
                            while (true) {
                                var mine = router.currentOf(agent).filter(i -> i.state() == InteractionState.OFFERED);
                                if (mine.isEmpty()) {
                                    if (router.waiting().isEmpty() && router.currentOf(agent).isEmpty()) {
                                        return null;
                                    }
                                    Thread.sleep(20); // waiting for the next offer, not asserting anything
                                    continue;
                                }
                                router.accept(agent, mine.get().id());
                                router.contactEnded(mine.get().id(), "answered");
                                router.state(agent, AgentState.AVAILABLE, null);
                            }
                        }));
                    }
                    String ended = "select count(*) from routing_interaction where state = 'ENDED' and attributes ->> 'n' is not null";
                    await("a third of the burst handled").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(50))
                            .until(() -> jdbc.sql(ended).query(Integer.class).single() >= contacts / 3);
                    b.kill();
                    await("node A takes the election").atMost(Duration.ofSeconds(15)).until(election::leads);
                    for (Future<?> f : work) {
                        f.get(3, TimeUnit.MINUTES);
                    }
                    pool.shutdown();

                    assertThat(jdbc.sql(ended).query(Integer.class).single()).as("every contact handled, none lost").isEqualTo(contacts);
                    assertThat(jdbc.sql("select count(*) from routing_decision where kind = 'OFFERED' group by interaction having count(*) > 1")
                            .query(Integer.class).list()).as("no contact offered twice").isEmpty();
                    assertThat(jdbc.sql("select distinct node from routing_decision where kind = 'OFFERED'").query(String.class).list())
                            .as("node B matched until it was killed, node A after").containsExactlyInAnyOrder("node-a", "node-b");
                    assertThat(b.log()).contains("This node (node-b) matches routing now");
                }
            }
        }
    }

    @Test
    void contactsWaitingWhenTheNodeStopsAreStillWaitingWhenItStartsAgain() {
        UUID waiting;
        try (var first = node("node-a")) {
            Router router = first.getBean(Router.class);
            router.state("tier2", AgentState.BREAK, "meeting");
            waiting = router.enqueue(new Router.NewInteraction("VOICE", "general-en", 1, null, router.node(),
                    Map.of("subject", "Address change"))).id();
        }

        try (var again = node("node-a")) {
            Router router = again.getBean(Router.class);
            Router.Interaction kept = router.interaction(waiting).orElseThrow();
            assertThat(kept.state()).isEqualTo(InteractionState.WAITING);
            assertThat(kept.priority()).isEqualTo(1);
            assertThat(kept.attributes()).containsEntry("subject", "Address change");

            router.state("tier1", AgentState.AVAILABLE, null);
            assertThat(router.interaction(waiting).orElseThrow().agent()).isEqualTo("tier1");
        }
    }
}
