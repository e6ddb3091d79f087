package org.caseline.routing;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import static org.caseline.routing.Interactions.instant;
import static org.caseline.routing.Interactions.ts;

/** Every step routing takes with a contact, and why: "why did this call go to this agent". */
@Component
class DecisionLog {

    private final JdbcClient jdbc;
    private final RoutingNotifications notifications;

    DecisionLog(JdbcClient jdbc, RoutingNotifications notifications) {
        this.jdbc = jdbc;
        this.notifications = notifications;
    }

    void decide(Instant at, UUID interaction, String agent, String kind, String reason) {
        jdbc.sql("insert into routing_decision (at, interaction, agent, kind, reason, node) values (?, ?, ?, ?, ?, ?)")
                .params(ts(at), interaction, agent, kind, reason, notifications.node()).update();
    }

    /** Oldest first. */
    List<Router.Decision> of(UUID interaction) {
        return jdbc.sql("select * from routing_decision where interaction = ? order by id").param(interaction)
                .query((rs, n) -> new Router.Decision(instant(rs.getTimestamp("at")), rs.getObject("interaction", UUID.class),
                        rs.getString("agent"), rs.getString("kind"), rs.getString("reason"), rs.getString("node")))
                .list();
    }
}
