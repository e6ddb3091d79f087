package org.caseline.ivr;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.function.Consumer;

import org.caseline.ivr.engine.CallSession;
import org.caseline.ivr.records.CallRecords;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The calls that ended, read back from their records as the {@link CallEnded} they published: for rebuilding reports. */
@Component
public class CallHistory {

    private final JdbcClient jdbc;
    private final CallRecords records;

    CallHistory(JdbcClient jdbc, CallRecords records) {
        this.jdbc = jdbc;
        this.records = records;
    }

    /** Every call that started in [from, to) and has ended, oldest first; keys pressed while waiting in line are not the IVR's exit. */
    public void endedBetween(Instant from, Instant to, Consumer<CallEnded> each) {
        records.flush();
        jdbc.sql("""
                        select c.id, c.line_number, c.language, c.started_at, c.ended_at, c.outcome, c.outcome_detail,
                               c.caller_number, k.flow, k.node, k.detail
                        from ivr_call c
                        left join lateral (select s.flow, s.node, s.detail from ivr_call_step s
                                           where s.call_id = c.id and s.kind = 'KEY' and s.flow is distinct from ?
                                           order by s.seq desc limit 1) k on true
                        where c.started_at >= ? and c.started_at < ? and c.ended_at is not null and c.outcome <> 'IN_PROGRESS'
                        order by c.started_at""")
                .params(IvrService.HOLD_FLOW, Timestamp.from(from), Timestamp.from(to))
                .query(rs -> {
                    String outcome = rs.getString("outcome");
                    CallSession.Step key = rs.getString("flow") == null ? null
                            : new CallSession.Step(null, "KEY", rs.getString("flow"), rs.getString("node"), rs.getString("detail"));
                    each.accept(new CallEnded(rs.getString("id"), rs.getString("line_number"), rs.getString("language"),
                            rs.getTimestamp("started_at").toInstant(), rs.getTimestamp("ended_at").toInstant(), outcome,
                            rs.getString("outcome_detail"), CallEnded.exitPoint(outcome, key),
                            CallEnded.callerKey(rs.getString("caller_number"))));
                });
    }
}
