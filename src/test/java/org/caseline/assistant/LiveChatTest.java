package org.caseline.assistant;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

import org.caseline.messaging.mail.EmbeddedMailServer;
import org.caseline.routing.AgentState;
import org.caseline.routing.InteractionState;
import org.caseline.routing.Router;
import org.caseline.support.CaseLineTest;
import org.caseline.support.Http;
import org.caseline.support.Mailbox;
import org.caseline.support.MovableClock;
import org.caseline.support.WrittenContacts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Live chat through the public API and the desk's: a visitor who asks for a person, in any words,
 * reaches a Tier 1 agent with the whole conversation; after hours they are offered a message; an
 * agent has up to three chats, and no call while they do; the visitor's chat is theirs alone.
 */
@CaseLineTest
@Import(MovableClock.Settable.class)
class LiveChatTest {

    static final ZonedDateTime MONDAY_MORNING = ZonedDateTime.of(2026, 11, 30, 10, 0, 0, 0, ZoneId.of("America/New_York"));

    @LocalServerPort
    int port;
    @Autowired
    MovableClock clock;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Router router;
    @Autowired
    EmbeddedMailServer mailServer;

    Http http;

    record Chat(String id, String token) {
    }

    @BeforeEach
    void setUp() {
        http = new Http(port);
        clock.set(MONDAY_MORNING);
        WrittenContacts.nothingWaitsAndNoOneIsThere(jdbc, router);
    }

    @AfterEach
    void tearDown() {
        for (Router.Interaction chat : router.chatsOf("tier1")) {
            router.closeChat("tier1", chat.id(), "other");
        }
        WrittenContacts.nothingWaitsAndNoOneIsThere(jdbc, router);
    }

    Chat start(String language) {
        Http.Response r = http.sendJson("POST", "/api/chats", "{\"language\": \"" + language + "\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(r.json().get("socket").asString()).isEqualTo("/ws/chats/" + r.json().get("chatId").asString());
        return new Chat(r.json().get("chatId").asString(), r.json().get("token").asString());
    }

    Http.Response say(Chat chat, String text) {
        return http.send(http.request("/api/chats/" + chat.id() + "/messages").header("Content-Type", "application/json")
                .header("X-Chat-Token", chat.token()).POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"text\": " + Http.quoted(text) + "}")));
    }

    JsonNode transcript(Chat chat) {
        Http.Response r = http.send(http.request("/api/chats/" + chat.id()).header("X-Chat-Token", chat.token()).GET());
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    @Test
    void askingForAPersonReachesATier1AgentsDeskWithTheWholeConversation() throws Exception {
        router.state("tier1", AgentState.AVAILABLE, null);
        Chat chat = start("en");
        List<String> heard = new CopyOnWriteArrayList<>();
        WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create("ws://localhost:" + port + "/ws/chats/" + chat.id()), new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                        heard.add(data.toString());
                        ws.request(1);
                        return null;
                    }
                }).join();
        socket.sendText("{\"type\": \"hello\", \"token\": \"" + chat.token() + "\"}", true).join();

        JsonNode answered = say(chat, "how do I change my address").json();
        assertThat(answered.get(1).get("from").asString()).isEqualTo("assistant");
        assertThat(answered.get(1).get("extra").get("article").asString()).isEqualTo("change-of-address");
        say(chat, "my receipt number is EAC2590000101");
        say(chat, "I'd like to talk to a real person please");

        await().atMost(Duration.ofSeconds(10)).until(() -> router.chatsOf("tier1").size() == 1);
        JsonNode desk = http.getAs("/api/agents/me/chats", "tier1", "demo").json().get(0);
        assertThat(desk.get("understood").asString()).contains("change-of-address", "handoff");
        assertThat(desk.get("messages").toString()).contains("how do I change my address", "within 10 days of moving",
                "talk to a real person");
        String interaction = desk.get("interaction").asString();
        JsonNode panel = http.getAs("/api/agents/me/interactions/" + interaction + "/case", "tier1", "demo").json();
        assertThat(panel.get("level").asString()).as("Tier 1 sees the public status of the case named in the chat").isEqualTo("public");
        assertThat(panel.get("title").asString()).isEqualTo("Case Was Received");

        Http.Response wrote = http.sendJson("POST", "/api/agents/me/chats/" + interaction + "/messages",
                "{\"text\": \"Hello, I can help with your address.\"}", "tier1", "demo");
        assertThat(wrote.status()).as(wrote.body()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> heard.stream().anyMatch(h -> h.contains("Hello, I can help with your address.")));
        assertThat(heard).anyMatch(h -> h.contains("\"state\":\"CONNECTED\""));
        assertThat(transcript(chat).get("state").asString()).isEqualTo("CONNECTED");
        assertThat(transcript(chat).get("agent").asString()).isEqualTo(router.agent("tier1").publicId());

        assertThat(http.sendJson("POST", "/api/agents/me/chats/" + interaction + "/close", "{\"disposition\": \"answered\"}",
                "tier1", "demo").status()).isEqualTo(204);
        assertThat(transcript(chat).get("state").asString()).isEqualTo("ENDED");
        assertThat(transcript(chat).get("messages").toString()).contains("The representative ended the chat");
        assertThat(router.interaction(java.util.UUID.fromString(interaction)).orElseThrow().disposition()).isEqualTo("answered");
        socket.abort();
    }

    @Test
    void aSpanishVisitorWaitsInTheSpanishChatQueueSeesTheirPlaceAndPastTheMaximumWaitIsOfferedAMessage() {
        Chat chat = start("es");
        router.state("tier1", AgentState.BREAK, "lunch"); // signed in, so the queue is staffed, but away

        say(chat, "quiero hablar con un agente");

        JsonNode t = transcript(chat);
        assertThat(t.get("state").asString()).isEqualTo("WAITING");
        assertThat(t.get("position").asInt()).isEqualTo(1);
        assertThat(t.get("waitSeconds").asLong()).isPositive();
        assertThat(t.get("messages").toString()).contains("Lo comunico", "Está en espera");
        String queue = jdbc.sql("select queue from routing_interaction where attributes->>'chat' = ?").param(chat.id()).query(String.class).single();
        assertThat(queue).isEqualTo("chat-es");

        clock.advance(Duration.ofMinutes(16)); // past the chat queue's maximum wait
        router.sweep();

        await().atMost(Duration.ofSeconds(10)).until(() -> "NO_ONE".equals(transcript(chat).get("state").asString()));
        JsonNode after = transcript(chat);
        JsonNode last = after.get("messages").get(after.get("messages").size() - 1);
        assertThat(last.get("extra").get("offer").asString()).as("a message is offered instead").isEqualTo("message");
        assertThat(last.get("text").asString()).startsWith("Nadie puede atender su chat ahora");
    }

    @Test
    void afterHoursTheVisitorIsOfferedAMessageAndTheHours() {
        clock.set(ZonedDateTime.of(2026, 11, 28, 22, 0, 0, 0, ZoneId.of("America/New_York")));
        Chat chat = start("en");

        say(chat, "connect me to a representative");

        JsonNode t = transcript(chat);
        assertThat(t.get("state").asString()).isEqualTo("NO_ONE");
        JsonNode last = t.get("messages").get(t.get("messages").size() - 1);
        assertThat(last.get("extra").get("offer").asString()).isEqualTo("message");
        assertThat(t.get("messages").toString()).contains("Monday to Friday, 8 a.m. to 9 p.m. Eastern time");
        assertThat(jdbc.sql("select count(*) from routing_interaction where attributes->>'chat' = ?").param(chat.id())
                .query(Integer.class).single()).isZero();
    }

    @Test
    void anAgentHasUpToThreeChatsAndNoCallWhileTheyDo() {
        router.state("tier1", AgentState.AVAILABLE, null);
        List<Chat> visitors = List.of(start("en"), start("en"), start("en"), start("en"));
        for (Chat c : visitors) {
            http.send(http.request("/api/chats/" + c.id() + "/person").header("X-Chat-Token", c.token())
                    .POST(java.net.http.HttpRequest.BodyPublishers.noBody()));
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> router.chatsOf("tier1").size() == 3);
        assertThat(transcript(visitors.get(3)).get("state").asString()).isEqualTo("WAITING");
        Router.Interaction call = router.enqueue(new Router.NewInteraction("VOICE", "general-en", 0, "chat-test-call", router.node(),
                Map.of("line", "18003755283")));
        router.routeAll();
        assertThat(router.interaction(call.id()).orElseThrow().state()).as("no call while chatting").isEqualTo(InteractionState.WAITING);

        router.closeChat("tier1", router.chatsOf("tier1").getFirst().id(), "answered");

        await().atMost(Duration.ofSeconds(10)).until(() -> "CONNECTED".equals(transcript(visitors.get(3)).get("state").asString()));
        assertThat(router.chatsOf("tier1")).hasSize(3);
        router.contactEnded(call.id(), "test over");
    }

    @Test
    void theTranscriptSurvivesAReloadAndIsTheVisitorsAlone() {
        Chat chat = start("en");
        say(chat, "what is a receipt number");

        JsonNode reloaded = transcript(chat);
        assertThat(reloaded.get("messages").size()).isEqualTo(3); // greeting, question, answer
        assertThat(reloaded.get("messages").get(2).get("text").asString()).contains("13 characters");

        assertThat(http.send(http.request("/api/chats/" + chat.id()).header("X-Chat-Token", "not-the-token").GET()).status()).isEqualTo(404);
        assertThat(http.send(http.request("/api/chats/" + chat.id()).GET()).status()).isEqualTo(404);
        assertThat(http.send(http.request("/api/chats/not-a-chat").header("X-Chat-Token", chat.token()).GET()).status()).isEqualTo(404);
        assertThat(say(chat, "").status()).isEqualTo(422);
        assertThat(say(chat, "x".repeat(5000)).status()).isEqualTo(422);
    }

    @Test
    void theVisitorGetsTheTranscriptByEmailWithReceiptNumbersMasked() {
        Chat chat = start("en");
        say(chat, "status of EAC2590000101");
        String address = "visitor-" + System.nanoTime() + "@example.com";

        Http.Response sent = http.send(http.request("/api/chats/" + chat.id() + "/transcript-email").header("Content-Type", "application/json")
                .header("X-Chat-Token", chat.token()).POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"email\": \"" + address + "\"}")));
        assertThat(sent.status()).isEqualTo(202);

        Mailbox.Received mail = new Mailbox(mailServer.host(), mailServer.imapPort(), address).awaitMails(1).getFirst();
        assertThat(mail.subject()).isEqualTo("Your chat conversation");
        assertThat(mail.body()).contains("You: status of *********0101").doesNotContain("2590000101");
    }
}
