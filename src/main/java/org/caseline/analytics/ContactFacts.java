package org.caseline.analytics;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.caseline.ivr.CallEnded;
import org.caseline.ivr.CallHistory;
import org.caseline.routing.FinishedInteractions;
import org.caseline.routing.InteractionFinished;
import org.caseline.servicerequests.ServiceRequestAnswered;
import org.caseline.servicerequests.ServiceRequestFiled;
import org.caseline.servicerequests.ServiceRequestHistory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The facts of every contact, as the modules that handled it told them. Each fact is keyed by its
 * contact (the call, the interaction), so an event told twice, or late, changes nothing twice:
 * the later telling replaces the earlier, and the database's triggers move the 15-minute
 * aggregates by the difference. {@link #rebuild} recomputes a period from the source records.
 */
@Component
public class ContactFacts {

    private static final String CALL_UPSERT = """
            insert into analytics_call (call_id, line, language, started_at, ended_at, outcome, detail, exit_point, caller_key)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?)
            on conflict (call_id) do update set line = excluded.line, language = excluded.language,
                started_at = excluded.started_at, ended_at = excluded.ended_at, outcome = excluded.outcome,
                detail = excluded.detail, exit_point = excluded.exit_point, caller_key = excluded.caller_key
            where (analytics_call.line, analytics_call.language, analytics_call.started_at, analytics_call.ended_at,
                   analytics_call.outcome, analytics_call.detail, analytics_call.exit_point, analytics_call.caller_key)
                  is distinct from (excluded.line, excluded.language, excluded.started_at, excluded.ended_at,
                   excluded.outcome, excluded.detail, excluded.exit_point, excluded.caller_key)""";

    private static final String INTERACTION_UPSERT = """
            insert into analytics_interaction (id, channel, queue, language, line, call_id, agent, final_state, entered_at,
                                               answered_at, ended_at, wrapped_at, disposition, answer_by, sl_seconds)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            on conflict (id) do update set channel = excluded.channel, queue = excluded.queue, language = excluded.language,
                line = excluded.line, call_id = excluded.call_id, agent = excluded.agent, final_state = excluded.final_state,
                entered_at = excluded.entered_at, answered_at = excluded.answered_at, ended_at = excluded.ended_at,
                wrapped_at = excluded.wrapped_at, disposition = excluded.disposition, answer_by = excluded.answer_by
            where (analytics_interaction.final_state, analytics_interaction.agent, analytics_interaction.answered_at,
                   analytics_interaction.ended_at, analytics_interaction.wrapped_at, analytics_interaction.disposition,
                   analytics_interaction.queue, analytics_interaction.entered_at)
                  is distinct from (excluded.final_state, excluded.agent, excluded.answered_at, excluded.ended_at,
                   excluded.wrapped_at, excluded.disposition, excluded.queue, excluded.entered_at)
              -- a telling from before the wrap-up, arriving after it, is old news
              and not (analytics_interaction.final_state = 'ENDED' and excluded.final_state = 'WRAP_UP')""";

    private static final String REQUEST_FILED = """
            insert into analytics_request (reference, type, office, channel, filed_at, due_date) values (?, ?, ?, ?, ?, ?)
            on conflict (reference) do nothing""";

    private static final String REQUEST_ANSWERED = """
            update analytics_request set answered_at = ?, answered_in_time = ? <= due_date
            where reference = ? and answered_at is null""";

    private final JdbcClient jdbc;
    private final JdbcTemplate jdbcTemplate;
    private final TransactionTemplate tx;
    private final CallHistory calls;
    private final FinishedInteractions interactions;
    private final ServiceRequestHistory requests;
    private final int serviceLevelSeconds;
    private final java.time.Clock clock;
    private final java.time.ZoneId zone;

    ContactFacts(JdbcClient jdbc, JdbcTemplate jdbcTemplate, TransactionTemplate tx, CallHistory calls,
                 FinishedInteractions interactions, @Value("${caseline.routing.service-level:60s}") Duration serviceLevel,
                 java.time.Clock clock, org.caseline.ivr.Lines lines, ServiceRequestHistory requests) {
        this.requests = requests;
        this.clock = clock;
        this.zone = lines.reportingZone();
        this.jdbc = jdbc;
        this.jdbcTemplate = jdbcTemplate;
        this.tx = tx;
        this.calls = calls;
        this.interactions = interactions;
        this.serviceLevelSeconds = (int) serviceLevel.toSeconds();
    }

    @ApplicationModuleListener
    void on(CallEnded call) {
        record(call);
    }

    @ApplicationModuleListener
    void on(InteractionFinished interaction) {
        record(interaction);
    }

    /** A request filed: told once per reference (a repeat changes nothing); filed now, as the event is told at once. */
    @ApplicationModuleListener
    void on(ServiceRequestFiled filed) {
        record(filed);
    }

    public void record(ServiceRequestFiled filed) {
        jdbcTemplate.update(REQUEST_FILED, filed.reference(), filed.type(), filed.office(), filed.channel().name(),
                ts(clock.instant()), filed.dueDate());
    }

    /** The office answered: in time if on or before the due date, the day counted in the reporting zone. */
    @ApplicationModuleListener
    void on(ServiceRequestAnswered answered) {
        record(answered);
    }

    public void record(ServiceRequestAnswered answered) {
        java.time.Instant now = clock.instant();
        jdbcTemplate.update(REQUEST_ANSWERED, ts(now), now.atZone(zone).toLocalDate(), answered.reference());
    }

    public void record(CallEnded c) {
        jdbcTemplate.update(CALL_UPSERT, callRow(c));
    }

    public void record(InteractionFinished i) {
        jdbcTemplate.update(INTERACTION_UPSERT, interactionRow(i));
    }

    /** Many facts in one go (the demo history, a rebuild, a benchmark): the same upserts, batched. */
    public void recordAll(List<CallEnded> callFacts, List<InteractionFinished> interactionFacts) {
        jdbcTemplate.batchUpdate(CALL_UPSERT, callFacts.stream().map(ContactFacts::callRow).toList());
        jdbcTemplate.batchUpdate(INTERACTION_UPSERT, interactionFacts.stream().map(this::interactionRow).toList());
    }

    /**
     * Throws away the facts of contacts that started in [from, to) and reads them again from the
     * IVR's call records, routing's interactions and the service requests; the aggregates of the period are recomputed
     * in one pass at the end rather than fact by fact.
     */
    public void rebuild(Instant from, Instant to) {
        tx.executeWithoutResult(status -> {
            jdbc.sql("select set_config('caseline.analytics_bulk', 'on', true)").query(String.class).single();
            jdbc.sql("delete from analytics_call where started_at >= ? and started_at < ?").params(ts(from), ts(to)).update();
            jdbc.sql("delete from analytics_interaction where entered_at >= ? and entered_at < ?").params(ts(from), ts(to)).update();
            List<CallEnded> callFacts = new ArrayList<>();
            calls.endedBetween(from, to, callFacts::add);
            List<InteractionFinished> interactionFacts = new ArrayList<>();
            interactions.between(from, to, interactionFacts::add);
            recordAll(callFacts, interactionFacts);
            jdbc.sql("delete from analytics_request where filed_at >= ? and filed_at < ?").params(ts(from), ts(to)).update();
            List<Object[]> requestRows = new ArrayList<>();
            requests.filedBetween(from, to, r -> requestRows.add(new Object[] {r.reference(), r.type(), r.office(), r.channel().name(),
                    ts(r.filedAt()), r.dueDate(), ts(r.answeredAt()),
                    r.answeredAt() == null ? null : !r.answeredAt().atZone(zone).toLocalDate().isAfter(r.dueDate())}));
            jdbcTemplate.batchUpdate("""
                    insert into analytics_request (reference, type, office, channel, filed_at, due_date, answered_at, answered_in_time)
                    values (?, ?, ?, ?, ?, ?, ?, ?)""", requestRows);
            reaggregate(from, to);
        });
    }

    /** Recomputes the aggregates of [from, to) from the facts (after a bulk load). */
    void reaggregate(Instant from, Instant to) {
        jdbc.sql("select analytics_reaggregate(?, ?)").params(ts(from), ts(to)).query(Object.class).list();
    }

    private static Object[] callRow(CallEnded c) {
        return new Object[] {c.callId(), c.line(), c.language(), ts(c.startedAt()), ts(c.endedAt()), c.outcome(), c.detail(),
                c.exitPoint(), c.callerKey()};
    }

    private Object[] interactionRow(InteractionFinished i) {
        return new Object[] {i.id(), i.channel(), i.queue(), i.language(), i.line() == null ? "" : i.line(), i.callId(),
                i.agent(), i.state(), ts(i.enteredAt()), ts(i.answeredAt()), ts(i.endedAt()), ts(i.wrappedAt()),
                i.disposition(), ts(i.answerBy()), serviceLevelSeconds};
    }

    static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
