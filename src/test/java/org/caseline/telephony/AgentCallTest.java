package org.caseline.telephony;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.caseline.ivr.flow.FlowFiles;
import org.caseline.support.Baresip;
import org.caseline.support.CaseLineTest;
import org.caseline.support.Http;
import org.caseline.support.KeypadCapture;
import org.caseline.support.MondayMorning;
import org.caseline.support.MovableClock;
import org.caseline.support.KeypadCapture.Press;
import org.caseline.support.PhoneTest;
import org.caseline.support.Sipp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import java.time.Duration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A caller reaches a live agent: the agent's softphone (SIPp, baresip) signs in with the staff user
 * name and password, the agent goes available, the caller (SIPp) asks for a person through the
 * menu, the agent's phone rings with the offer as the desk shows it, answering it accepts, and the
 * two are bridged and hear each other. Declining on the phone rejects; an offer that rings out stops ringing.
 */
@CaseLineTest
@Import(MovableClock.Settable.class)
class AgentCallTest {

    static final int PORT = PhoneTest.freeUdpAndTcpPort();
    /** The carrier's trunk, where calls to callers go out: a SIPp phone answers there. */
    static final int TRUNK_PORT = PhoneTest.freeUdpAndTcpPort();


    @DynamicPropertySource
    static void sip(DynamicPropertyRegistry properties) {
        PhoneTest.sipOn(properties, PORT, 43000, 43999);
        properties.add("caseline.sip.outbound-proxy", () -> "127.0.0.1:" + TRUNK_PORT);
    }

    @LocalServerPort
    int httpPort;

    @Autowired
    MovableClock clock;

    @Autowired
    org.caseline.routing.Router router;

    @BeforeEach
    void mondayMorning() {
        clock.set(MondayMorning.AT); // every line and queue open
    }

    @AfterEach
    void signOut() {
        Http http = new Http(httpPort);
        for (String agent : List.of("tier1", "tier2")) {
            http.sendJson("PUT", "/api/agents/me/state", "{\"state\":\"OFFLINE\"}", agent, "demo");
            http.sendJson("PUT", "/api/agents/me/phone", "{\"autoAnswer\":false}", agent, "demo");
        }
    }

    private Sipp.Result register(String user, String password, int contactPort, String expect) {
        return Sipp.call("agent-register.xml", Map.of("USER", user, "PASSWORD", password,
                "CONTACT_PORT", String.valueOf(contactPort), "EXPECT", expect), user, PORT, "register-" + UUID.randomUUID());
    }

    @Test
    void aWrongPasswordOrAnAccountThatTakesNoCallsCannotSignAPhoneIn() {
        assertThat(register("tier1", "not-the-password", 5999, "403").succeeded()).isTrue();
        assertThat(register("supervisor", "demo", 5999, "403").succeeded()).as("supervisors take no calls").isTrue();
    }

    @Test
    void aCallerReachesTheAgentsPhoneThroughTheMenuAndAnsweringItAcceptsWithNobodyClickingAnything() throws IOException {
        Http http = new Http(httpPort);
        int phonePort = PhoneTest.freeUdpAndTcpPort();
        Path agentVoice = Path.of("/usr/share/sip-tester/g711a.pcap"); // 7 s of speech, PCMA
        Sipp.Running phone = Sipp.serve("agent-phone.xml", Map.of("AUDIO", agentVoice.toString(), "TALK", "9000",
                "RING", "3000"), phonePort);
        Sipp.Result registered = register("tier1", "demo", phonePort, "200");
        assertThat(registered.succeeded()).as(registered.output()).isTrue();
        assertThat(http.getAs("/api/agents/me/phone", "tier1", "demo").json().path("ringsWithOffers").asBoolean()).isTrue();
        assertThat(http.sendJson("PUT", "/api/agents/me/state", "{\"state\":\"AVAILABLE\"}", "tier1", "demo").status())
                .isEqualTo(200);

        String callId = "agent-" + UUID.randomUUID();
        Sipp.Calling caller = Sipp.askingForAPerson("18003755283", PORT, callId, 3000, 12_000, 60_000);

        // while the phone rings, the desk has the same offer: who is calling and why
        JsonNode offer = awaitOffer(http);
        assertThat(offer.path("channel").asString()).isEqualTo("VOICE");
        assertThat(offer.path("queue").asString()).isEqualTo("general-en");
        assertThat(offer.path("attributes").path("line").asString()).isEqualTo("18003755283");
        assertThat(offer.path("attributes").path("path").asString()).contains("agent");
        String interaction = offer.path("id").asString();
        String reference = offer.path("attributes").path("contactReference").asString();
        assertThat(org.caseline.platform.KeyableReference.holds(reference)).as("a reference with its check digit: " + reference).isTrue();
        assertThat(reference).hasSize(8);

        Sipp.Result agentSide = phone.finish(60);
        Sipp.Result callerSide = caller.result(90);
        assertThat(agentSide.succeeded()).as(agentSide.output()).isTrue();
        assertThat(callerSide.succeeded()).as(callerSide.output()).isTrue();

        JsonNode media = PhoneTest.callRecord(http, callId).path("media");
        assertThat(media.path("agent").asString()).isEqualTo("tier1");
        assertThat(media.path("hungUpBy").asString()).isEqualTo("agent");
        // both ways: the agent's speech reached the caller, the caller's the agent (50 packets a second)
        assertThat(media.path("packetsRelayedToCaller").asLong()).as(media.toString()).isGreaterThan(100);
        assertThat(media.path("packetsRelayedToAgent").asLong()).as(media.toString()).isGreaterThan(100);

        JsonNode me = http.getAs("/api/agents/me", "tier1", "demo").json();
        assertThat(me.path("agent").path("state").asString()).isEqualTo("WRAP_UP");
        JsonNode decisions = decisions(http, interaction);
        assertThat(decisions.valueStream().map(d -> d.path("kind").asString()).toList())
                .containsSubsequence("QUEUED", "OFFERED", "ACCEPTED", "BRIDGED", "ENDED");
        assertThat(reason(decisions, "ACCEPTED")).startsWith("answered on the phone");

        // the caller heard the reference before the hand-off; the agent has a public ID to give; staff find the contact by it
        assertThat(PhoneTest.prompts(PhoneTest.callRecord(http, callId))).anySatisfy(p -> assertThat(p)
                .startsWith("Your contact reference is " + org.caseline.ivr.engine.Interpreter.spell(reference) + "."));
        String publicId = me.path("agent").path("publicId").asString();
        assertThat(publicId).matches("\\d{5}");
        JsonNode found = http.getAs("/api/contacts/" + reference.substring(0, 4) + "-" + reference.substring(4), "tier2", "demo").json();
        assertThat(found.path("parts").get(0).path("agentPublicId").asString()).isEqualTo(publicId);
        assertThat(found.path("parts").get(0).path("channel").asString()).isEqualTo("VOICE");
        String wrong = reference.substring(0, 7) + (char) ('0' + (reference.charAt(7) - '0' + 1) % 10);
        assertThat(http.getAs("/api/contacts/" + wrong, "tier2", "demo").status()).as("a mistyped digit is caught").isEqualTo(422);
    }

    @Test
    void declinedOnThePhoneTheOfferIsRejectedAndTheCallerIsOfferedAgain() throws IOException {
        Http http = new Http(httpPort);
        int phonePort = PhoneTest.freeUdpAndTcpPort();
        Sipp.Running phone = Sipp.serve("agent-phone-declines.xml", Map.of("RING", "1000"), phonePort);
        assertThat(register("tier1", "demo", phonePort, "200").succeeded()).isTrue();
        http.sendJson("PUT", "/api/agents/me/state", "{\"state\":\"AVAILABLE\"}", "tier1", "demo");

        String callId = "declined-" + UUID.randomUUID();
        Thread caller = callAndWait(callId, 15_000);
        String interaction = awaitOffer(http).path("id").asString();
        assertThat(phone.finish(30).succeeded()).as("the phone rang and declined").isTrue();
        awaitDecision(http, interaction, "REJECTED");
        JsonNode decisions = decisions(http, interaction);
        assertThat(reason(decisions, "REJECTED")).contains("declined on the agent's phone").contains("486");
        // back in line at its place, and offered again (to the only agent there is)
        assertThat(decisions.valueStream().map(d -> d.path("kind").asString()).toList())
                .containsSubsequence("OFFERED", "REJECTED", "OFFERED");
        join(caller);
    }

    @Test
    void anOfferThatRingsOutStopsRingingOnThePhoneAndCountsAsMissed() throws IOException {
        Http http = new Http(httpPort);
        int phonePort = PhoneTest.freeUdpAndTcpPort();
        Sipp.Running phone = Sipp.serve("agent-phone-rings-out.xml", Map.of(), phonePort);
        assertThat(register("tier1", "demo", phonePort, "200").succeeded()).isTrue();
        http.sendJson("PUT", "/api/agents/me/state", "{\"state\":\"AVAILABLE\"}", "tier1", "demo");

        String callId = "rang-out-" + UUID.randomUUID();
        Thread caller = callAndWait(callId, 15_000);
        String interaction = awaitOffer(http).path("id").asString();
        clock.advance(Duration.ofSeconds(21)); // past the 20 s offer timeout

        Sipp.Result ringing = phone.finish(30);
        assertThat(ringing.succeeded()).as("the phone got CANCEL: " + ringing.output()).isTrue();
        JsonNode decisions = decisions(http, interaction);
        assertThat(decisions.valueStream().map(d -> d.path("kind").asString()).toList()).contains("RANG_OUT");
        assertThat(reason(decisions, "RANG_OUT")).contains("1 in a row");
        join(caller);
    }

    @Test
    void aBaresipSoftphoneSetToAnswerByItselfTakesTheCallItRingsWith() throws IOException {
        Http http = new Http(httpPort);
        try (Baresip.AgentPhone phone = Baresip.agent("tier1", "demo", PORT, Baresip.tone(90))) {
            awaitSignedIn(http, "tier1", phone);
            http.sendJson("PUT", "/api/agents/me/state", "{\"state\":\"AVAILABLE\"}", "tier1", "demo");

            String callId = "baresip-agent-" + UUID.randomUUID();
            Sipp.Calling caller = Sipp.askingForAPerson("18003755283", PORT, callId, 2000, 20_000, 60_000);

            String interaction = awaitContact(http, "tier1").path("id").asString();
            awaitDecision(http, interaction, "BRIDGED");
            phone.awaitLog("Call established", 10_000);
            PhoneTest.sleepQuietly(5000); // they talk for five seconds; then the agent hangs up
            phone.close();
            Sipp.Result callerSide = caller.result(60);
            assertThat(callerSide.succeeded()).as(callerSide.output() + "\n--- baresip ---\n" + phone.log()).isTrue();

            JsonNode media = PhoneTest.callRecord(http, callId).path("media");
            assertThat(media.path("agent").asString()).isEqualTo("tier1");
            assertThat(media.path("hungUpBy").asString()).isEqualTo("agent");
            assertThat(media.path("packetsRelayedToCaller").asLong()).as(media.toString()).isGreaterThan(100);
            assertThat(media.path("packetsRelayedToAgent").asLong()).as(media.toString()).isGreaterThan(100);
            assertThat(reason(decisions(http, interaction), "ACCEPTED")).startsWith("answered on the phone");
        }
    }

    @Test
    void phoneSettingsAreRefusedPlainlyWhenTheyNameNothing() {
        Http http = new Http(httpPort);
        assertThat(http.sendJson("PUT", "/api/agents/me/phone", "{}", "tier1", "demo").status()).isEqualTo(422);
        assertThat(http.sendJson("PUT", "/api/agents/nobody/phone", "{\"autoAnswer\":true}", "supervisor", "demo").status())
                .isEqualTo(422);
        assertThat(http.sendJson("PUT", "/api/agents/tier2/phone", "{\"autoAnswer\":true}", "tier1", "demo").status())
                .as("an agent sets only their own phone").isEqualTo(403);
        JsonNode set = http.sendJson("PUT", "/api/agents/tier1/phone", "{\"autoAnswer\":true}", "supervisor", "demo").json();
        assertThat(set.path("autoAnswer").asBoolean()).isTrue();
        assertThat(http.getAs("/api/agents/me/phone", "tier1", "demo").json().path("autoAnswer").asBoolean()).isTrue();
    }

    private static void awaitSignedIn(Http http, String agent, Baresip.AgentPhone phone) {
        try {
            await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100))
                    .until(() -> http.getAs("/api/agents/me/phone", agent, "demo").json().path("signedIn").asBoolean());
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError(agent + "'s baresip never signed in:\n" + phone.log(), e);
        }
    }

    @Test
    void aWaitingCallerWhoKeysAnotherNumberForTheCallbackIsAskedAgainForANumberNoCallCanReach() throws IOException {
        Http http = new Http(httpPort);
        assertThat(register("tier1", "demo", PhoneTest.freeUdpAndTcpPort(), "200").succeeded()).isTrue();
        http.sendJson("PUT", "/api/agents/me/state", "{\"state\":\"BREAK\",\"reason\":\"meeting\"}", "tier1", "demo");

        // 1 English, 0 a person; waiting: 1 a callback, 2 another number; 000 555 0143 (no such area code),
        // then the country code and 202 555 0199; 1 confirms the number read back
        List<Press> presses = new java.util.ArrayList<>(List.of(new Press('1', 0), new Press('0', 1000),
                new Press('1', 5000), new Press('2', 8000)));
        presses.addAll(KeypadCapture.evenly("0005550143", 11_000, 250));
        presses.addAll(KeypadCapture.evenly("12025550199", 17_000, 250));
        presses.add(new Press('1', 24_000));
        Path keys = Files.createTempFile("keys", ".pcap");
        KeypadCapture.telephoneEvents(keys, presses);
        Sipp.Result caller = Sipp.call("call-keys-rfc4733.xml", Map.of("KEYS", keys.toString(), "WAIT", "60000"),
                "18003755283", PORT, "callback-other-" + UUID.randomUUID());
        assertThat(caller.succeeded()).as(caller.output()).isTrue();

        JsonNode callback = http.getAs("/api/callbacks", "supervisor", "demo").json().valueStream()
                .filter(c -> "WAITING".equals(c.path("state").asString()) && c.path("maskedNumber").asString().endsWith("0199"))
                .findFirst().orElseThrow(() -> new AssertionError("no callback to the number keyed"));
        assertThat(callback.path("maskedNumber").asString()).as("ten digits, the country code dropped").isEqualTo("******0199");
        assertThat(http.getAs("/api/callbacks", "supervisor", "demo").json().valueStream()
                .filter(c -> "WAITING".equals(c.path("state").asString()) && c.path("maskedNumber").asString().endsWith("0143")))
                .as("no callback to the number no call can reach").isEmpty();
        router.contactEnded(UUID.fromString(callback.path("id").asString()), "the test is over"); // not offered to later tests
    }

    @Test
    void anAdministratorRewordsWhatAWaitingCallerHearsAndTheNextCallerInLineHearsItWithoutARestart() throws IOException {
        Http http = new Http(httpPort);
        assertThat(register("tier1", "demo", PhoneTest.freeUdpAndTcpPort(), "200").succeeded()).isTrue();
        http.sendJson("PUT", "/api/agents/me/state", "{\"state\":\"BREAK\",\"reason\":\"meeting\"}", "tier1", "demo");
        String shipped = FlowFiles.read("classpath:ivr").get("prompts.yaml");
        String reworded = shipped.replace("To be called back instead of waiting, press 1. You will keep your place in line.",
                "If you would rather we call you, press 1. Your place in line is kept.");
        assertThat(reworded).isNotEqualTo(shipped);
        assertThat(changePrompts(http, reworded).status()).isEqualTo(201);
        try {
            String callId = "reworded-" + UUID.randomUUID();
            waitingCallerChoosesACallback(callId);

            JsonNode steps = PhoneTest.callRecord(http, callId).path("steps");
            List<String> heard = steps.valueStream().filter(s -> "PROMPT".equals(s.path("kind").asString()))
                    .map(s -> s.path("detail").asString()).toList();
            assertThat(heard).contains("You are number 1 in line.", "If you would rather we call you, press 1. Your place in line is kept.")
                    .doesNotContain("To be called back instead of waiting, press 1. You will keep your place in line.");
            assertThat(steps.valueStream().map(s -> s.path("kind").asString()).toList())
                    .as("what the caller did while waiting is on the call's record")
                    .containsSubsequence("TRANSFER", "POSITION", "KEY", "CALLBACK");
        } finally {
            assertThat(changePrompts(http, shipped).status()).isEqualTo(201);
            http.getAs("/api/callbacks", "supervisor", "demo").json().valueStream()
                    .filter(c -> "WAITING".equals(c.path("state").asString()))
                    .forEach(c -> router.contactEnded(UUID.fromString(c.path("id").asString()), "the test is over"));
        }
    }

    /**
     * A caller (SIPp, calling from 202 555 0143) who presses 1 for English and 0 for a person and,
     * waiting in line, 1 for a callback and 1 to confirm the number read back; CaseLine hangs up.
     */
    private static void waitingCallerChoosesACallback(String callId) throws IOException {
        Path keys = Files.createTempFile("keys", ".pcap");
        KeypadCapture.telephoneEvents(keys, List.of(new Press('1', 0), new Press('0', 1000), new Press('1', 5000),
                new Press('1', 8000)));
        Sipp.Result caller = Sipp.call("call-keys-rfc4733.xml", Map.of("KEYS", keys.toString(), "WAIT", "60000"),
                "18003755283", PORT, callId);
        assertThat(caller.succeeded()).as(caller.output()).isTrue();
    }

    private static Http.Response changePrompts(Http http, String prompts) {
        String body = tools.jackson.databind.json.JsonMapper.builder().build()
                .writeValueAsString(Map.of("files", Map.of("prompts.yaml", prompts), "note", "what a waiting caller hears"));
        return http.sendJson("PUT", "/api/ivr/flows", body, "admin", "demo");
    }

    @Test
    void aWaitingCallerChoosesACallbackKeepsTheirPlaceAndIsCalledBackWithTheAgentOnTheLine() throws IOException {
        Http http = new Http(httpPort);
        int phonePort = PhoneTest.freeUdpAndTcpPort();
        assertThat(register("tier1", "demo", phonePort, "200").succeeded()).isTrue();
        // signed in, but on break: the queue is open, and nobody is free to answer
        http.sendJson("PUT", "/api/agents/me/state", "{\"state\":\"BREAK\",\"reason\":\"meeting\"}", "tier1", "demo");

        String callId = "callback-" + UUID.randomUUID();
        waitingCallerChoosesACallback(callId);

        Sipp.Running agentPhone = Sipp.serve("agent-phone.xml",
                Map.of("AUDIO", "/usr/share/sip-tester/g711a.pcap", "TALK", "5000"), phonePort);
        Sipp.Running callersPhone = Sipp.serve("caller-phone.xml",
                Map.of("AUDIO", "/usr/share/sip-tester/g711a.pcap", "NUMBER", "2025550143"), TRUNK_PORT);
        http.sendJson("PUT", "/api/agents/me/state", "{\"state\":\"AVAILABLE\"}", "tier1", "demo");
        JsonNode offer = awaitOffer(http);
        assertThat(offer.path("channel").asString()).isEqualTo("CALLBACK");
        assertThat(offer.path("attributes").path("callbackNumber").asString()).isEqualTo("2025550143");
        assertThat(offer.path("attributes").path("originalCallId").asString()).isEqualTo(callId);
        String interaction = offer.path("id").asString();
        http.sendJson("POST", "/api/agents/me/interactions/" + interaction + "/accept", "{}", "tier1", "demo");

        Sipp.Result agentSide = agentPhone.finish(60);
        Sipp.Result callerSide = callersPhone.finish(60);
        assertThat(agentSide.succeeded()).as(agentSide.output()).isTrue();
        assertThat(callerSide.succeeded()).as("the caller's number was called: " + callerSide.output()).isTrue();
        JsonNode decisions = http.getAs("/api/interactions/" + interaction + "/decisions", "supervisor", "demo").json();
        assertThat(decisions.valueStream().map(d -> d.path("kind").asString()).toList())
                .containsSubsequence("QUEUED", "CALLBACK_REQUESTED", "OFFERED", "ACCEPTED", "CALLBACK_CONNECTED", "ENDED");
        assertThat(PhoneTest.callRecord(http, callId).path("media").path("hungUpBy").asString()).isEqualTo("caseline");
        JsonNode report = http.getAs("/api/callbacks", "supervisor", "demo").json();
        JsonNode reported = report.valueStream().filter(c -> c.path("id").asString().equals(interaction)).findFirst().orElseThrow();
        assertThat(reported.path("maskedNumber").asString()).isEqualTo("******0143");
        assertThat(reported.path("attempts").asInt()).isZero();
        assertThat(reported.path("agent").asString()).isEqualTo("tier1");
    }

    @Test
    void tierOneEscalatesALiveCallAndTheCallerTalksToTheTierTwoOfficerWhoSeesWhy() throws IOException {
        Http http = new Http(httpPort);
        int tier1Port = PhoneTest.freeUdpAndTcpPort();
        int tier2Port = PhoneTest.freeUdpAndTcpPort();
        String pcap = "/usr/share/sip-tester/g711a.pcap";
        // tier1's phone talks until CaseLine takes the call away; tier2's talks 4 s and hangs up
        Sipp.Running tier1Phone = Sipp.serve("caller-phone.xml", Map.of("AUDIO", pcap, "NUMBER", "tier1"), tier1Port);
        // tier2 works on a headset: the phone is asked to answer by itself, and it checks that it is
        String autoAnswerCheck = "<ereg regexp=\"answer-after=0\" search_in=\"hdr\" header=\"Call-Info:\" check_it=\"true\" assign_to=\"auto\"/>";
        Sipp.Running tier2Phone = Sipp.serve("agent-phone.xml", Map.of("AUDIO", pcap, "TALK", "4000",
                "INVITE_CHECK", autoAnswerCheck, "INVITE_CHECKED", "<Reference variables=\"auto\"/>"), tier2Port);
        JsonNode setting = http.sendJson("PUT", "/api/agents/me/phone", "{\"autoAnswer\":true}", "tier2", "demo").json();
        assertThat(setting.path("autoAnswer").asBoolean()).isTrue();
        assertThat(register("tier1", "demo", tier1Port, "200").succeeded()).isTrue();
        assertThat(register("tier2", "demo", tier2Port, "200").succeeded()).isTrue();
        http.sendJson("PUT", "/api/agents/me/state", "{\"state\":\"AVAILABLE\"}", "tier1", "demo");
        http.sendJson("PUT", "/api/agents/me/state", "{\"state\":\"AVAILABLE\"}", "tier2", "demo");

        String callId = "escalated-" + UUID.randomUUID();
        Sipp.Calling caller = Sipp.askingForAPerson("18003755283", PORT, callId, 2000, 20_000, 90_000);

        // tier1's phone answers the offer: nobody clicks
        String first = awaitContact(http, "tier1").path("id").asString();
        awaitDecision(http, first, "BRIDGED");
        JsonNode escalation = http.sendJson("POST", "/api/agents/me/interactions/" + first + "/escalate",
                "{\"note\":\"Asks about a case outside processing times\"}", "tier1", "demo").json();
        assertThat(escalation.path("queue").asString()).isEqualTo("tier2-en");

        JsonNode offer = awaitContact(http, "tier2");
        assertThat(offer.path("id").asString()).isEqualTo(escalation.path("id").asString());
        assertThat(offer.path("attributes").path("escalatedBy").asString()).isEqualTo("tier1");
        assertThat(offer.path("attributes").path("escalationNote").asString()).isEqualTo("Asks about a case outside processing times");
        assertThat(offer.path("attributes").path("path").asString()).contains("agent");
        String reference = offer.path("attributes").path("contactReference").asString();
        assertThat(http.getAs("/api/contacts/" + reference, "supervisor", "demo").json().path("parts").size())
                .as("the escalation is the same contact, under the same reference").isEqualTo(2);

        assertThat(tier1Phone.finish(60).succeeded()).as("tier1's phone was hung up by CaseLine").isTrue();
        Sipp.Result tier2Side = tier2Phone.finish(60);
        assertThat(tier2Side.succeeded()).as(tier2Side.output()).isTrue();
        Sipp.Result callerSide = caller.result(90);
        assertThat(callerSide.succeeded()).as(callerSide.output()).isTrue();
        JsonNode media = PhoneTest.callRecord(http, callId).path("media");
        assertThat(media.path("agent").asString()).as("the last agent the caller talked to").isEqualTo("tier2");
        assertThat(media.path("hungUpBy").asString()).isEqualTo("agent");
        JsonNode decisions = http.getAs("/api/interactions/" + offer.path("id").asString() + "/decisions", "supervisor", "demo").json();
        assertThat(decisions.valueStream().map(d -> d.path("kind").asString()).toList())
                .containsSubsequence("QUEUED", "OFFERED", "ACCEPTED", "BRIDGED", "ENDED");
    }

    /** A caller who asks for a person (1 English, 0) and waits on the line up to {@code waitMillis}. */
    private Thread callAndWait(String callId, int waitMillis) throws IOException {
        Path keys = Files.createTempFile("keys", ".pcap");
        KeypadCapture.telephoneEvents(keys, List.of(new Press('1', 0), new Press('0', 1000)));
        return Thread.ofPlatform().start(() -> Sipp.call("call-keys-rfc4733.xml", Map.of("KEYS", keys.toString(),
                "WAIT", String.valueOf(waitMillis)), "18003755283", PORT, callId));
    }

    private static void join(Thread caller) {
        try {
            caller.join(60_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static JsonNode decisions(Http http, String interaction) {
        return http.getAs("/api/interactions/" + interaction + "/decisions", "supervisor", "demo").json();
    }

    private static String reason(JsonNode decisions, String kind) {
        return decisions.valueStream().filter(d -> kind.equals(d.path("kind").asString())).findFirst()
                .map(d -> d.path("reason").asString()).orElseThrow(() -> new AssertionError("no " + kind + " in " + decisions));
    }

    private static void awaitDecision(Http http, String interaction, String kind) {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .alias("a " + kind + " decision for " + interaction)
                .until(() -> decisions(http, interaction).valueStream().anyMatch(d -> kind.equals(d.path("kind").asString())));
    }

    private static JsonNode awaitOffer(Http http) {
        return awaitOffer(http, "tier1");
    }

    private static JsonNode awaitOffer(Http http, String agent) {
        return awaitInteraction(http, agent, List.of("OFFERED"));
    }

    /** The contact the agent was offered or is on: a phone that answers at once may have accepted already. */
    private static JsonNode awaitContact(Http http, String agent) {
        return awaitInteraction(http, agent, List.of("OFFERED", "CONNECTED"));
    }

    private static JsonNode awaitInteraction(Http http, String agent, List<String> states) {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .alias("an offer reaches " + agent)
                .until(() -> http.getAs("/api/agents/me", agent, "demo").json().path("interaction"),
                        interaction -> states.contains(interaction.path("state").asString()));
    }
}
