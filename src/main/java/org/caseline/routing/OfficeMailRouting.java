package org.caseline.routing;

import java.util.Map;

import org.caseline.messaging.OfficeMailReceived;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Mail to an office's box becomes a written contact in that box's queue. A thread already waiting
 * or in an agent's hands is not queued again (its agent sees the new mail in it), and a mail told
 * twice (a restart resubmits what was not delivered) is queued once.
 */
@Component
class OfficeMailRouting {

    private final Messages messages;
    private final JdbcClient jdbc;

    OfficeMailRouting(Messages messages, JdbcClient jdbc) {
        this.messages = messages;
        this.jdbc = jdbc;
    }

    @ApplicationModuleListener
    void received(OfficeMailReceived mail) {
        boolean queued = jdbc.sql("""
                        select count(*) from routing_interaction where channel = 'MESSAGE' and attributes->>'reference' = ?
                          and (state in ('WAITING', 'OFFERED', 'CONNECTED') or attributes->>'entry' = ?)""")
                .params(mail.reference(), Long.toString(mail.entry())).query(Integer.class).single() > 0;
        if (!queued) {
            messages.enqueue(mail.queue(), mail.answerBy(), Map.of("kind", "office-mail", "reference", mail.reference(),
                    "office", mail.office(), "language", mail.language(), "entry", Long.toString(mail.entry())));
        }
    }
}
