package org.caseline.support;

import org.caseline.routing.AgentState;
import org.caseline.routing.Router;
import org.springframework.jdbc.core.simple.JdbcClient;

/** For tests of written contacts that share a context: what other tests left waiting would take an agent's room. */
public final class WrittenContacts {

    private WrittenContacts() {
    }

    /** Ends every written contact and chat not yet done, so a test starts with none waiting or held. */
    public static void endAll(JdbcClient jdbc) {
        jdbc.sql("""
                        update routing_interaction set state = 'ENDED', ended_at = now()
                        where channel in ('MESSAGE', 'CHAT') and state in ('WAITING', 'OFFERED', 'CONNECTED')""").update();
    }

    /** Nothing written waits, and the demo agents are signed out: the test signs in whom it needs. */
    public static void nothingWaitsAndNoOneIsThere(JdbcClient jdbc, Router router) {
        endAll(jdbc);
        for (String agent : new String[] {"tier1", "tier2"}) {
            router.agent(agent);
            router.state(agent, AgentState.OFFLINE, null);
        }
        // and whoever else an earlier test of the shared context left signed in (RoutingTest's own agents)
        // (their offers were ended with everything else above, so their rows are simply signed out)
        jdbc.sql("update routing_agent set state = 'OFFLINE', interaction = null, state_since = now() where state <> 'OFFLINE'").update();
    }

    /** The agent closes whatever they still hold and signs out, so the next test finds their room free. */
    public static void leavesWithNothingInHand(Router router, String agent) {
        for (Router.Interaction held : router.messagesOf(agent)) {
            router.openMessage(agent, held.id());
            router.closeMessage(agent, held.id(), "other");
        }
        router.state(agent, AgentState.OFFLINE, null);
    }
}
