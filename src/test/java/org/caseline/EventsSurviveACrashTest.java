package org.caseline;

import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.caseline.ivr.CallbackRequested;
import org.caseline.support.Http;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.core.EventSerializer;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An event between modules that was committed is delivered even when the node died before its
 * listener ran: the event publication registry keeps it, a node that starts delivers it, once.
 */
class EventsSurviveACrashTest {

    @TempDir
    Path dataRoot;

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(CaseLineApplication.class)
                .profiles("test")
                .run("--server.port=0",
                        "--caseline.database.embedded.data-dir=" + dataRoot.resolve("postgres"),
                        "--caseline.database.embedded.clean=false",
                        "--caseline.demo.cases=20");
    }

    private static CallbackRequested callback(String callId) {
        return new CallbackRequested(callId, "18003755283", "general-en", "2025550143", "en", Map.of(), Instant.now());
    }

    private static int callbacksFor(JdbcClient jdbc, String callId) {
        return jdbc.sql("select count(*) from routing_interaction where channel = 'CALLBACK' and attributes->>'originalCallId' = ?")
                .param(callId).query(Integer.class).single();
    }

    @Test
    void aCallbackRequestCommittedByANodeThatDiedIsQueuedWhenANodeStartsAndOnlyOnce() {
        String delivered = "delivered-" + UUID.randomUUID();
        String crashed = "crashed-" + UUID.randomUUID();
        try (var first = start()) {
            JdbcClient jdbc = first.getBean(JdbcClient.class);
            first.getBean(TransactionTemplate.class).executeWithoutResult(s -> first.publishEvent(callback(delivered)));
            await().atMost(Duration.ofSeconds(10)).until(() -> callbacksFor(jdbc, delivered) == 1);
            // (the demo's service requests have their own events: this test is about the callback's)
            var listener = jdbc.sql("""
                            select listener_id, event_type from event_publication
                            where completion_date is not null and event_type like '%CallbackRequested'""")
                    .query((rs, n) -> new String[] {rs.getString(1), rs.getString(2)}).single();
            assertThat(listener[0]).contains("callbackRequested");

            // what a node leaves when it dies between its commit and the listener: publications with no completion,
            // here one never delivered, and one delivered whose completion was never written
            EventSerializer serializer = first.getBean(EventSerializer.class);
            for (String callId : new String[] {crashed, delivered}) {
                jdbc.sql("""
                                insert into event_publication (id, listener_id, event_type, serialized_event, publication_date, status)
                                values (?, ?, ?, ?, ?, 'PUBLISHED')""")
                        .params(UUID.randomUUID(), listener[0], listener[1], serializer.serialize(callback(callId)).toString(),
                                Timestamp.from(Instant.now()))
                        .update();
            }
            assertThat(callbacksFor(jdbc, crashed)).isZero();
            Http http = new Http(((WebServerApplicationContext) first).getWebServer().getPort());
            var incomplete = http.getAs("/api/event-publications/incomplete", "admin", "demo");
            assertThat(incomplete.status()).isEqualTo(200);
            assertThat(incomplete.json().valueStream().map(e -> e.path("event").asString())
                    .filter(e -> e.equals("CallbackRequested")).toList()).hasSize(2);
            assertThat(incomplete.body()).as("an event's contents are not shown").doesNotContain("2025550143");
            assertThat(http.getAs("/api/event-publications/incomplete", "supervisor", "demo").status()).isEqualTo(403);
        }

        try (var second = start()) {
            JdbcClient jdbc = second.getBean(JdbcClient.class);
            await().atMost(Duration.ofSeconds(20)).until(() -> callbacksFor(jdbc, crashed) == 1);
            await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql(
                    "select count(*) from event_publication where completion_date is null").query(Integer.class).single() == 0);
            assertThat(callbacksFor(jdbc, crashed)).isEqualTo(1);
            assertThat(callbacksFor(jdbc, delivered)).as("told twice, queued once").isEqualTo(1);
        }
    }
}
