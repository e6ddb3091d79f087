package org.caseline;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.zaxxer.hikari.HikariDataSource;
import org.caseline.accounts.Role;
import org.caseline.accounts.StaffAccounts;
import org.caseline.support.CaseLineProcess;
import org.caseline.support.Http;
import org.caseline.support.Kamailio;
import org.caseline.support.MondayMorning;
import org.caseline.support.PhoneTest;
import org.caseline.support.Sipp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The production shape in small: Kamailio (deploy/kamailio) dispatching to two CaseLine nodes on
 * one PostgreSQL. Calls spread over both; agents' phones sign in through the dispatcher whichever
 * node answers each REGISTER; a node killed mid-call is taken out within seconds, new calls go to
 * the other, the callers it held are ended as the lost-node rule says, and the callers waiting on
 * the survivor are offered to agents exactly once.
 */
class TwoNodesBehindKamailioTest {

    private static final String MAIN_LINE = "18003755283";

    @TempDir
    Path dir;

    private final int sipA = PhoneTest.freeUdpAndTcpPort();
    private final int sipB = PhoneTest.freeUdpAndTcpPort();
    /** Both nodes read one time, a Monday morning when every queue is open, running on in real time. */
    private final String clockOffset = Duration.between(Instant.now(), MondayMorning.AT.toInstant()).toString();

    private List<String> settings(int sipPort, int rtpMin) {
        return List.of("--caseline.clock.offset=" + clockOffset, "--caseline.demo.cases=10",
                "--caseline.demo.history.enabled=false", "--caseline.sip.enabled=true", "--caseline.sip.port=" + sipPort,
                "--caseline.sip.rtp-port-min=" + rtpMin, "--caseline.sip.rtp-port-max=" + (rtpMin + 999));
    }

    private ConfigurableApplicationContext nodeA() {
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--caseline.routing.node=node-a",
                "--caseline.database.embedded.data-dir=" + dir.resolve("postgres")));
        args.addAll(settings(sipA, 48000));
        return new SpringApplicationBuilder(CaseLineApplication.class).profiles("test").run(args.toArray(String[]::new));
    }

    private CaseLineProcess nodeB(ConfigurableApplicationContext a) {
        HikariDataSource db = a.getBean(HikariDataSource.class);
        List<String> args = new ArrayList<>(List.of("--spring.datasource.url=" + db.getJdbcUrl(),
                "--spring.datasource.username=" + db.getUsername()));
        args.addAll(settings(sipB, 49000));
        return CaseLineProcess.start(dir.resolve("node-b"), "node-b", args);
    }

    @Test
    void callsSpreadOverBothNodesAndWhenOneIsKilledItsCallersAreEndedAndTheOthersServedOnce() {
        try (var a = nodeA(); var b = nodeB(a); var kamailio = Kamailio.dispatching(dir.resolve("kamailio"), List.of(sipA, sipB))) {
            JdbcClient db = a.getBean(JdbcClient.class);
            Http http = new Http(((WebServerApplicationContext) a).getWebServer().getPort());
            await("both nodes answer the dispatcher's probes").atMost(Duration.ofSeconds(20))
                    .until(() -> kamailio.sendsTo(sipA) && kamailio.sendsTo(sipB));

            StaffAccounts staff = a.getBean(StaffAccounts.class);
            for (String agent : List.of("kam-1", "kam-2")) {
                staff.createIfMissing(agent, "pw-" + agent, agent, Set.of(Role.TIER1));
            }

            // two agents, their phones signed in through the dispatcher: round robin sends each phone's
            // challenged REGISTER to one node and its answer to the other, which knows the nonce
            List<Sipp.Running> phones = List.of(phone("kam-1", kamailio), phone("kam-2", kamailio));
            available(http, "kam-1", "kam-2");

            // two callers through the dispatcher: one answered by each node, each reaching an agent
            String first = "kam-first-" + UUID.randomUUID();
            String second = "kam-second-" + UUID.randomUUID();
            Sipp.Calling firstCaller = Sipp.askingForAPerson(MAIN_LINE, kamailio.port(), first, 1000, 3000, 60_000);
            awaitWaitingOrLater(db, first);
            Sipp.Calling secondCaller = Sipp.askingForAPerson(MAIN_LINE, kamailio.port(), second, 1000, 3000, 60_000);
            for (Sipp.Running phone : phones) {
                Sipp.Result answered = phone.finish(90);
                assertThat(answered.succeeded()).as(answered.output()).isTrue();
            }
            for (Sipp.Calling caller : List.of(firstCaller, secondCaller)) {
                Sipp.Result talked = caller.result(90);
                assertThat(talked.succeeded()).as(talked.output() + "\n--- kamailio ---\n" + kamailio.log()).isTrue();
            }
            assertThat(List.of(nodeOf(db, first), nodeOf(db, second))).as("one call on each node")
                    .containsExactlyInAnyOrder("node-a", "node-b");
            for (String call : List.of(first, second)) {
                assertThat(decisionKinds(db, call)).containsSubsequence("QUEUED", "OFFERED", "ACCEPTED", "BRIDGED", "ENDED");
                await("the call's record names the node that held it").atMost(Duration.ofSeconds(20))
                        .until(() -> nodeOf(db, call).equals(db.sql("select coalesce(media->>'node', '') from ivr_call where id = ?")
                                .param(call).query(String.class).optional().orElse("")));
            }

            // nobody free now: callers wait, one on each node
            onBreak(http, "kam-1", "kam-2");
            String waitingOnA = null;
            String waitingOnB = null;
            List<Sipp.Calling> waiting = new ArrayList<>();
            for (int i = 0; i < 4 && (waitingOnA == null || waitingOnB == null); i++) {
                String call = "kam-waiting-" + i + "-" + UUID.randomUUID();
                waiting.add(Sipp.askingForAPerson(MAIN_LINE, kamailio.port(), call, 1000, 2000, 100_000));
                awaitWaitingOrLater(db, call);
                if (nodeOf(db, call).equals("node-a") && waitingOnA == null) {
                    waitingOnA = call;
                } else if (nodeOf(db, call).equals("node-b") && waitingOnB == null) {
                    waitingOnB = call;
                }
            }
            assertThat(waitingOnA).isNotNull();
            assertThat(waitingOnB).isNotNull();

            b.kill();
            await("the dispatcher takes the killed node out").atMost(Duration.ofSeconds(15))
                    .until(() -> !kamailio.sendsTo(sipB));
            assertThat(kamailio.sendsTo(sipA)).isTrue();

            // a new call goes to the node that is left, and waits there
            String afterwards = "kam-after-" + UUID.randomUUID();
            waiting.add(Sipp.askingForAPerson(MAIN_LINE, kamailio.port(), afterwards, 1000, 2000, 100_000));
            awaitWaitingOrLater(db, afterwards);
            assertThat(nodeOf(db, afterwards)).isEqualTo("node-a");

            // the killed node's caller is gone with it: given up once the node has been silent long enough
            String lost = waitingOnB;
            await("the killed node's caller ended").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> stateOf(db, lost).equals("ABANDONED"));
            assertThat(decisionKinds(db, lost)).doesNotContain("OFFERED");
            assertThat(db.sql("""
                            select reason from routing_decision d join routing_interaction i on i.id = d.interaction
                            where i.call_id = ? and d.kind = 'ABANDONED'""").param(lost).query(String.class).single())
                    .contains("node holding the call stopped");

            // the survivors' callers are served, each offered once, by the node that is left
            List<String> served = List.of(waitingOnA, afterwards);
            for (String call : served) {
                assertThat(stateOf(db, call)).isEqualTo("WAITING");
            }
            List<Sipp.Running> morePhones = List.of(phone("kam-1", kamailio), phone("kam-2", kamailio));
            available(http, "kam-1", "kam-2");
            for (Sipp.Running phone : morePhones) {
                Sipp.Result answered = phone.finish(90);
                assertThat(answered.succeeded()).as(answered.output()).isTrue();
            }
            for (String call : served) {
                await().atMost(Duration.ofSeconds(60)).until(() -> stateOf(db, call).equals("ENDED"));
                assertThat(decisionKinds(db, call)).containsSubsequence("QUEUED", "OFFERED", "ACCEPTED", "BRIDGED", "ENDED");
            }
            assertThat(db.sql("""
                            select i.call_id from routing_decision d join routing_interaction i on i.id = d.interaction
                            where d.kind = 'OFFERED' and i.call_id like 'kam-%' group by i.call_id having count(*) > 1""")
                    .query(String.class).list()).as("no caller offered twice").isEmpty();
            assertThat(db.sql("""
                            select count(*) from routing_interaction where call_id like 'kam-%'
                            and state not in ('ENDED', 'ABANDONED')""")
                    .query(Integer.class).single()).as("every caller served, or given up with the killed node; none left waiting").isZero();
            onBreak(http, "kam-1", "kam-2");
        }
    }

    /**
     * An agent's phone (SIPp) that answers one call, signed in through the dispatcher: the call
     * comes to it through the dispatcher too (the Path it registered by, RFC 3327), which records
     * its route, as a phone behind NAT can be reached from the dispatcher only.
     */
    private static Sipp.Running phone(String agent, Kamailio kamailio) {
        int phonePort = PhoneTest.freeUdpAndTcpPort();
        String throughTheDispatcher = "<ereg regexp=\"Record-Route: *<sip:127[.]0[.]0[.]1:" + kamailio.port()
                + ";lr\" search_in=\"msg\" check_it=\"true\" assign_to=\"dispatched\"/>";
        Sipp.Running phone = Sipp.serve("agent-phone.xml", Map.of("AUDIO", "/usr/share/sip-tester/g711a.pcap",
                "TALK", "2000", "RING", "500", "INVITE_CHECK", throughTheDispatcher.replace("<sip", "&lt;sip"),
                "INVITE_CHECKED", "<Reference variables=\"dispatched\"/>"), phonePort);
        Sipp.Result registered = Sipp.call("agent-register.xml", Map.of("USER", agent, "PASSWORD", "pw-" + agent,
                "CONTACT_PORT", String.valueOf(phonePort), "EXPECT", "200"), agent, kamailio.port(), "register-" + UUID.randomUUID());
        assertThat(registered.succeeded()).as("signed in without a stale challenge: " + registered.output()).isTrue();
        return phone;
    }

    private static void available(Http http, String... agents) {
        for (String agent : agents) {
            assertThat(http.sendJson("PUT", "/api/agents/me/state", "{\"state\":\"AVAILABLE\"}", agent, "pw-" + agent).status())
                    .isEqualTo(200);
        }
    }

    private static void onBreak(Http http, String... agents) {
        for (String agent : agents) {
            http.sendJson("PUT", "/api/agents/me/state", "{\"state\":\"BREAK\",\"reason\":\"meeting\"}", agent, "pw-" + agent);
        }
    }

    /** The call has reached the line for a person (and may be further along). */
    private static void awaitWaitingOrLater(JdbcClient db, String callId) {
        await("call " + callId + " in line").atMost(Duration.ofSeconds(60)).until(() -> !stateOf(db, callId).isEmpty());
    }

    private static String stateOf(JdbcClient db, String callId) {
        return db.sql("select state from routing_interaction where call_id = ?").param(callId).query(String.class)
                .optional().orElse("");
    }

    private static String nodeOf(JdbcClient db, String callId) {
        return db.sql("select node from routing_interaction where call_id = ?").param(callId).query(String.class).single();
    }

    private static List<String> decisionKinds(JdbcClient db, String callId) {
        return db.sql("""
                        select d.kind from routing_decision d join routing_interaction i on i.id = d.interaction
                        where i.call_id = ? order by d.at, d.id""").param(callId).query(String.class).list();
    }
}
