package org.caseline.ivr.records;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedDeque;

import org.caseline.ivr.engine.CallSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

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
    private final JdbcTemplate jdbcTemplate;
    private final TransactionTemplate transactions;

    CallRecords(JdbcClient jdbc, JdbcTemplate jdbcTemplate, PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.jdbcTemplate = jdbcTemplate;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    /** A call's row as it stood at one moment, and the steps it had added since the last save. */
    private record Write(String id, String lineNumber, String lineName, String callerNumber, String channel,
                         String language, Instant startedAt, Instant endedAt, String outcome, String outcomeDetail,
                         int firstStep, List<CallSession.Step> steps, String media) {
    }

    private static final Logger log = LoggerFactory.getLogger(CallRecords.class);
    private static final int MAX_PENDING = 200_000;

    /** Written behind, in batches: a busy phone line must not wait on a transaction per key. */
    private final Deque<Write> pending = new ConcurrentLinkedDeque<>();

    /**
     * Records the call's row and the steps after the first {@code alreadySaved}; returns the new
     * count. The write happens within a tenth of a second, with others; reads here see it at once.
     */
    public int save(CallSession call, String callerNumber, String channel, int alreadySaved) {
        List<CallSession.Step> steps = call.steps();
        pending.add(new Write(call.id(), call.line().number(), call.line().name(), callerNumber, channel,
                call.language().getLanguage(), call.startedAt(), call.endedAt(), call.outcome().name(),
                call.outcomeDetail(), alreadySaved, List.copyOf(steps.subList(alreadySaved, steps.size())), null));
        return steps.size();
    }

    /**
     * Adds a later part of the call to its record (what a caller waiting in line heard and
     * pressed) without touching the call's outcome: the steps of {@code part} after its first
     * {@code alreadySaved}, numbered on from {@code offset}. Returns the new count, as {@link #save}.
     */
    public int saveSteps(CallSession part, int offset, int alreadySaved) {
        List<CallSession.Step> steps = part.steps();
        pending.add(new Write(part.id(), null, null, null, null, null, null, null, null, null, offset + alreadySaved,
                List.copyOf(steps.subList(alreadySaved, steps.size())), null));
        return steps.size();
    }

    /** What the phone line saw of the call: codec, digit methods, packets, who hung up. */
    public void recordMedia(String id, Map<String, Object> facts) {
        pending.add(new Write(id, null, null, null, null, null, null, null, null, null, 0, List.of(),
                JSON.writeValueAsString(facts)));
    }

    /** Writes everything pending in one transaction; on failure keeps it for the next try. */
    @Scheduled(fixedDelay = 100)
    public synchronized void flush() {
        List<Write> batch = new ArrayList<>();
        Write w;
        while ((w = pending.poll()) != null) {
            batch.add(w);
        }
        if (batch.isEmpty()) {
            return;
        }
        try {
            transactions.executeWithoutResult(status -> write(batch));
        } catch (RuntimeException e) {
            log.warn("{} call record writes wait for the database: {}", batch.size(), e.toString());
            if (pending.size() < MAX_PENDING) {
                for (int i = batch.size() - 1; i >= 0; i--) {
                    pending.addFirst(batch.get(i));
                }
            }
        }
    }

    private void write(List<Write> batch) {
        Map<String, Write> rows = new LinkedHashMap<>();
        List<Object[]> steps = new ArrayList<>();
        List<Object[]> media = new ArrayList<>();
        for (Write w : batch) {
            if (w.media() != null) {
                media.add(new Object[] {w.media(), w.id()});
                continue;
            }
            if (w.lineNumber() != null) {
                rows.put(w.id(), w); // the latest state of each call wins
            }
            for (int i = 0; i < w.steps().size(); i++) {
                CallSession.Step s = w.steps().get(i);
                steps.add(new Object[] {w.id(), w.firstStep() + i, Timestamp.from(s.at()), s.kind(), s.flow(), s.node(),
                        s.detail()});
            }
        }
        List<Object[]> upserts = new ArrayList<>();
        for (Write r : rows.values()) {
            upserts.add(new Object[] {r.id(), r.lineNumber(), r.lineName(), r.callerNumber(), r.channel(), r.language(),
                    Timestamp.from(r.startedAt()), r.endedAt() == null ? null : Timestamp.from(r.endedAt()), r.outcome(),
                    r.outcomeDetail()});
        }
        jdbcTemplate.batchUpdate("""
                insert into ivr_call (id, line_number, line_name, caller_number, channel, language, started_at,
                                      ended_at, outcome, outcome_detail)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (id) do update set language = excluded.language, ended_at = excluded.ended_at,
                    outcome = excluded.outcome, outcome_detail = excluded.outcome_detail""", upserts);
        jdbcTemplate.batchUpdate("insert into ivr_call_step (call_id, seq, at, kind, flow, node, detail) values (?, ?, ?, ?, ?, ?, ?)"
                + " on conflict do nothing", steps);
        jdbcTemplate.batchUpdate("update ivr_call set media = ?::jsonb where id = ?", media);
    }

    /** How many calls entered each node, keyed "flow:node". */
    public Map<String, Long> nodeVisits() {
        flush();
        Map<String, Long> visits = new java.util.HashMap<>();
        jdbc.sql("select flow, node, count(*) from ivr_call_step where kind = 'NODE' group by flow, node")
                .query(rs -> {
                    visits.put(rs.getString(1) + ":" + rs.getString(2), rs.getLong(3));
                });
        return visits;
    }

    public Optional<CallView> find(String id) {
        flush();
        List<StepView> steps = jdbc.sql("select at, kind, flow, node, detail from ivr_call_step where call_id = ? order by seq")
                .param(id)
                .query((rs, n) -> new StepView(rs.getTimestamp(1).toInstant(), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getString(5)))
                .list();
        return jdbc.sql("select * from ivr_call where id = ?").param(id)
                .query((rs, n) -> view(rs, steps)).optional();
    }

    public List<CallView> list(String lineNumber, String outcome, Instant from, Instant to, int limit) {
        flush();
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
