package org.caseline.ivr.records;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.caseline.ivr.engine.CallSession;
import tools.jackson.databind.json.JsonMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** The record of every IVR call: written as the call goes, read by staff. */
@Repository
public class CallRecords {

    public record StepView(Instant at, String kind, String flow, String node, String detail) {
    }

    public record CallView(String id, String lineNumber, String lineName, String callerNumber, String channel,
                           String language, Instant startedAt, Instant endedAt, Long durationSeconds, String outcome,
                           String outcomeDetail, Map<String, Object> media, List<StepView> steps) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;

    CallRecords(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** What the phone line saw of the call: codec, digit methods, packets, who hung up. */
    public void recordMedia(String id, Map<String, Object> facts) {
        jdbc.sql("update ivr_call set media = ?::jsonb where id = ?").params(JSON.writeValueAsString(facts), id).update();
    }

    /** Saves the call's row and the steps after the first {@code alreadySaved}; returns the new count. */
    @Transactional
    public int save(CallSession call, String callerNumber, String channel, int alreadySaved) {
        jdbc.sql("""
                        insert into ivr_call (id, line_number, line_name, caller_number, channel, language, started_at,
                                              ended_at, outcome, outcome_detail)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        on conflict (id) do update set language = excluded.language, ended_at = excluded.ended_at,
                            outcome = excluded.outcome, outcome_detail = excluded.outcome_detail""")
                .params(call.id(), call.line().number(), call.line().name(), callerNumber, channel,
                        call.language().getLanguage(), Timestamp.from(call.startedAt()),
                        call.endedAt() == null ? null : Timestamp.from(call.endedAt()), call.outcome().name(),
                        call.outcomeDetail())
                .update();
        List<CallSession.Step> steps = call.steps();
        for (int i = alreadySaved; i < steps.size(); i++) {
            CallSession.Step s = steps.get(i);
            jdbc.sql("insert into ivr_call_step (call_id, seq, at, kind, flow, node, detail) values (?, ?, ?, ?, ?, ?, ?)")
                    .params(call.id(), i, Timestamp.from(s.at()), s.kind(), s.flow(), s.node(), s.detail())
                    .update();
        }
        return steps.size();
    }

    public Optional<CallView> find(String id) {
        List<StepView> steps = jdbc.sql("select at, kind, flow, node, detail from ivr_call_step where call_id = ? order by seq")
                .param(id)
                .query((rs, n) -> new StepView(rs.getTimestamp(1).toInstant(), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getString(5)))
                .list();
        return jdbc.sql("select * from ivr_call where id = ?").param(id)
                .query((rs, n) -> view(rs, steps)).optional();
    }

    public List<CallView> list(String lineNumber, String outcome, Instant from, Instant to, int limit) {
        StringBuilder sql = new StringBuilder("select * from ivr_call where true");
        List<Object> params = new ArrayList<>();
        if (lineNumber != null) {
            sql.append(" and line_number = ?");
            params.add(lineNumber);
        }
        if (outcome != null) {
            sql.append(" and outcome = ?");
            params.add(outcome);
        }
        if (from != null) {
            sql.append(" and started_at >= ?");
            params.add(Timestamp.from(from));
        }
        if (to != null) {
            sql.append(" and started_at < ?");
            params.add(Timestamp.from(to));
        }
        sql.append(" order by started_at desc limit ?");
        params.add(limit);
        return jdbc.sql(sql.toString()).params(params).query((rs, n) -> view(rs, null)).list();
    }

    private static CallView view(java.sql.ResultSet rs, List<StepView> steps) throws java.sql.SQLException {
        Instant started = rs.getTimestamp("started_at").toInstant();
        Instant ended = rs.getTimestamp("ended_at") == null ? null : rs.getTimestamp("ended_at").toInstant();
        String media = rs.getString("media");
        @SuppressWarnings("unchecked")
        Map<String, Object> facts = media == null ? null : JSON.readValue(media, Map.class);
        return new CallView(rs.getString("id"), rs.getString("line_number"), rs.getString("line_name"),
                rs.getString("caller_number"), rs.getString("channel"), rs.getString("language"), started, ended,
                ended == null ? null : java.time.Duration.between(started, ended).toSeconds(), rs.getString("outcome"),
                rs.getString("outcome_detail"), facts, steps);
    }
}
