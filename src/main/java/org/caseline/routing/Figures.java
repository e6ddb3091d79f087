package org.caseline.routing;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import static org.caseline.routing.Interactions.ts;

/** Queue figures: a waiting contact's place and expected wait, and each queue's live and daily numbers. */
@Component
class Figures {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final RoutingProperties settings;
    private final Queues queues;
    private final Interactions interactions;
    private final Roster roster;

    Figures(JdbcClient jdbc, Clock clock, RoutingProperties settings, Queues queues, Interactions interactions, Roster roster) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.settings = settings;
        this.queues = queues;
        this.interactions = interactions;
        this.roster = roster;
    }

    Router.Wait waitOf(UUID id) {
        Router.Interaction i = interactions.find(id).orElseThrow(() -> new Router.InvalidRequestException("No interaction " + id));
        int ahead = jdbc.sql("""
                        select count(*) from routing_interaction w, routing_interaction me
                        where me.id = ? and w.queue = me.queue and w.state = 'WAITING' and w.rank_at < me.rank_at""")
                .param(id).query(Integer.class).single();
        int position = ahead + 1;
        return new Router.Wait(position, estimate(i.queue(), position));
    }

    /**
     * The wait for the {@code position}th in line: that many handle times, shared among the agents
     * signed in who serve the queue (today's average handle time, or the configured default).
     */
    private Duration estimate(String queueId, int position) {
        RoutingProperties.Queue queue = queues.byId(queueId).orElseThrow();
        double average = jdbc.sql("""
                        select coalesce(avg(extract(epoch from ended_at - answered_at)), -1) from routing_interaction
                        where queue = ? and answered_at is not null and ended_at is not null and entered_at >= ?""")
                .params(queueId, ts(startOfDay())).query(Double.class).single();
        Duration handle = average < 0 ? settings.defaultHandleTime() : Duration.ofMillis((long) (average * 1000));
        // an agent works up to their chat capacity of chats at once
        long working = Math.max(1, roster.working(queue)) * (queue.chat() ? Math.max(1, settings.chatCapacity()) : 1L);
        return handle.multipliedBy(position).dividedBy(working);
    }

    Instant startOfDay() {
        return clock.instant().atZone(queues.reportingZone()).toLocalDate().atStartOfDay(queues.reportingZone()).toInstant();
    }

    List<Router.QueueFigures> figures() {
        Instant now = clock.instant();
        Timestamp today = ts(startOfDay());
        long slSeconds = settings.serviceLevel().toSeconds();
        Map<String, int[]> live = new LinkedHashMap<>();
        jdbc.sql("""
                        select queue,
                               count(*) filter (where state = 'WAITING'),
                               coalesce(extract(epoch from ? - min(entered_at) filter (where state = 'WAITING')), 0),
                               count(*) filter (where state = 'OFFERED'),
                               count(*) filter (where state = 'CONNECTED'),
                               count(*) filter (where answered_at is not null and entered_at >= ?),
                               count(*) filter (where state = 'ABANDONED' and entered_at >= ?),
                               count(*) filter (where answered_at is not null and entered_at >= ?
                                                 and answered_at - entered_at <= make_interval(secs => ?)),
                               count(*) filter (where state = 'WAITING' and channel = 'CALLBACK')
                        from routing_interaction where state in ('WAITING', 'OFFERED', 'CONNECTED') or entered_at >= ?
                        group by queue""")
                .params(ts(now), today, today, today, slSeconds, today)
                .query((rs, n) -> live.put(rs.getString(1), new int[] {rs.getInt(2), (int) rs.getDouble(3), rs.getInt(4),
                        rs.getInt(5), rs.getInt(6), rs.getInt(7), rs.getInt(8), rs.getInt(9)}))
                .list();
        Map<String, Router.WrittenFigures> written = new LinkedHashMap<>();
        jdbc.sql("""
                        select queue,
                               count(*) filter (where state in ('WAITING', 'OFFERED', 'CONNECTED')),
                               extract(epoch from min(answer_by) filter (where state in ('WAITING', 'OFFERED', 'CONNECTED')) - ?),
                               count(*) filter (where answer_by >= ? and answer_by <= ? and (ended_at is null or ended_at > answer_by)),
                               count(*) filter (where state = 'ENDED' and ended_at >= ? and ended_at <= answer_by),
                               count(*) filter (where state in ('WAITING', 'OFFERED', 'CONNECTED') and at_risk_at is not null)
                        from routing_interaction
                        where channel = 'MESSAGE' and (state in ('WAITING', 'OFFERED', 'CONNECTED') or ended_at >= ? or answer_by >= ?)
                        group by queue""")
                .params(ts(now), today, ts(now), today, today, today)
                .query((rs, n) -> {
                    double due = rs.getDouble(3);
                    Long dueIn = rs.wasNull() ? null : (long) Math.floor(due);
                    return written.put(rs.getString(1), new Router.WrittenFigures(rs.getInt(2), dueIn, rs.getInt(6), rs.getInt(4), rs.getInt(5)));
                })
                .list();
        List<Router.Agent> agents = roster.all();
        return queues.all().stream().map(q -> {
            int[] f = live.getOrDefault(q.id(), new int[8]);
            Map<String, Integer> byState = new LinkedHashMap<>();
            for (AgentState state : AgentState.values()) {
                byState.put(state.name(), 0);
            }
            for (Router.Agent a : agents) {
                if (a.skills().containsAll(q.skills()) && (q.tier() == 1 || a.tier() == 2)) {
                    byState.merge(a.state().name(), 1, Integer::sum);
                }
            }
            int answeredOrAbandoned = f[4] + f[5];
            Integer level = answeredOrAbandoned == 0 ? null : (int) Math.round(100.0 * f[6] / answeredOrAbandoned);
            return new Router.QueueFigures(q.id(), q.name().en(), q.name().es(), q.language(), q.tier(), queues.openAt(q, now),
                    f[0], f[1], f[2], f[3], f[4], f[5], level, estimate(q.id(), f[0] + 1).toSeconds(), f[7], byState,
                    q.written() ? written.getOrDefault(q.id(), new Router.WrittenFigures(0, null, 0, 0, 0)) : null);
        }).toList();
    }
}
