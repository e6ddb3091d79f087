package org.caseline.routing;

import java.util.Map;

import org.caseline.accounts.SecureMessageReceived;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * An account holder's secure message becomes a written contact: a question about a case in the
 * Tier 2 written queue of their language, any other in the Tier 1 one. A thread already waiting
 * or in an agent's hands is not queued twice: its agent sees the new message in it.
 */
@Component
class SecureMessageRouting {

    private final Messages messages;
    private final JdbcClient jdbc;
    private final String generalQueue;
    private final String caseQueue;

    SecureMessageRouting(Messages messages, JdbcClient jdbc,
                         @Value("${caseline.routing.secure-messages.queue:secure-{language}}") String generalQueue,
                         @Value("${caseline.routing.secure-messages.case-queue:case-messages-{language}}") String caseQueue) {
        this.messages = messages;
        this.jdbc = jdbc;
        this.generalQueue = generalQueue;
        this.caseQueue = caseQueue;
    }

    @ApplicationModuleListener
    void received(SecureMessageReceived message) {
        boolean inHand = jdbc.sql("""
                        select count(*) from routing_interaction where channel = 'MESSAGE' and attributes->>'thread' = ?
                          and state in ('WAITING', 'OFFERED', 'CONNECTED')""")
                .param(message.thread().toString()).query(Integer.class).single() > 0;
        if (!inHand) {
            String queue = (message.aboutACase() ? caseQueue : generalQueue).replace("{language}", message.language());
            messages.enqueue(queue, message.answerBy(), Map.of("kind", "secure-message", "thread", message.thread().toString(),
                    "reference", message.thread().toString().substring(0, 8), "language", message.language(),
                    "aboutACase", String.valueOf(message.aboutACase())));
        }
    }
}
