package org.caseline.support;

import org.springframework.jdbc.core.simple.JdbcClient;

/** For tests of written contacts that share a context: what other tests left waiting would take an agent's room. */
public final class WrittenContacts {

    private WrittenContacts() {
    }

    /** Ends every written contact not yet done, so a test starts with none waiting or held. */
    public static void endAll(JdbcClient jdbc) {
        jdbc.sql("""
                        update routing_interaction set state = 'ENDED', ended_at = now()
                        where channel = 'MESSAGE' and state in ('WAITING', 'OFFERED', 'CONNECTED')""").update();
    }
}
