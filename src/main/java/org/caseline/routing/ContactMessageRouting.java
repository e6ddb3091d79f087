package org.caseline.routing;

import java.util.Map;

import org.caseline.messaging.ContactMessageReceived;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * A message from the public becomes a written contact in its queue, due when its sender was
 * promised an answer. Told twice (a restart resubmits what was not delivered), it is queued once.
 */
@Component
class ContactMessageRouting {

    private final Messages messages;
    private final JdbcClient jdbc;

    ContactMessageRouting(Messages messages, JdbcClient jdbc) {
        this.messages = messages;
        this.jdbc = jdbc;
    }

    @ApplicationModuleListener
    void received(ContactMessageReceived message) {
        boolean queued = jdbc.sql("select count(*) from routing_interaction where channel = 'MESSAGE' and attributes->>'reference' = ?")
                .param(message.reference()).query(Integer.class).single() > 0;
        if (!queued) {
            messages.enqueue(message.queue(), message.answerBy(), Map.of("kind", "contact-message", "reference", message.reference(),
                    "topic", message.topic(), "language", message.language()));
        }
    }
}
