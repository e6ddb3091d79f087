-- analytics: the facts of every contact, written once (idempotently) from the events of the modules
-- that handled it, and 15-minute aggregates kept by triggers as facts arrive, change or go.

-- one row per IVR call, from ivr's CallEnded
create table analytics_call
(
    call_id     text primary key,
    line        text        not null,
    language    text        not null,
    started_at  timestamptz not null,
    ended_at    timestamptz not null,
    outcome     text        not null,
    detail      text,
    -- where the caller left the menus for a person: "flow:node key" of the last key pressed
    exit_point  text,
    -- the caller's number, hashed: enough to tell a repeat contact, never the number
    caller_key  text,
    -- the same number called again within 7 days (not resolved at first contact)
    repeated    boolean     not null default false
);
create index analytics_call_started on analytics_call (started_at);
create index analytics_call_caller on analytics_call (caller_key, started_at) where caller_key is not null;

-- one row per routing interaction (a call's time in a queue, a callback, a message, a chat), from routing's InteractionFinished
create table analytics_interaction
(
    id              uuid primary key,
    channel         text        not null,
    queue           text        not null,
    language        text        not null,
    line            text        not null default '',
    call_id         text,
    agent           text,
    final_state     text        not null,
    entered_at      timestamptz not null,
    answered_at     timestamptz,
    ended_at        timestamptz,
    wrapped_at      timestamptz,
    disposition     text,
    answer_by       timestamptz,
    -- the service-level threshold in force when the contact was recorded: changing it does not rewrite history
    sl_seconds      int         not null
);
create index analytics_interaction_entered on analytics_interaction (entered_at);

-- one row per service request, from servicerequests' ServiceRequestFiled and ServiceRequestAnswered
create table analytics_request
(
    reference        text primary key,
    type             text        not null,
    office           text        not null,
    channel          text        not null,
    filed_at         timestamptz not null,
    due_date         date        not null,
    answered_at      timestamptz,
    -- answered on or before its due date, in the business days its type promises
    answered_in_time boolean
);
create index analytics_request_filed on analytics_request (filed_at);

-- the figures of each 15-minute interval (UTC-aligned, so every zone's quarter hours fall on them)
create table analytics_interval
(
    interval_start     timestamptz not null,
    channel            text        not null,
    line               text        not null,
    queue              text        not null,
    language           text        not null,
    agent              text        not null,
    calls              int         not null default 0,
    self_service       int         not null default 0,
    transferred        int         not null default 0,
    callback_requested int         not null default 0,
    ivr_abandoned      int         not null default 0,
    keyed_calls        int         not null default 0,
    first_contact      int         not null default 0,
    offered            int         not null default 0,
    answered           int         not null default 0,
    answered_in_sl     int         not null default 0,
    abandoned          int         not null default 0,
    overflowed         int         not null default 0,
    wait_seconds       bigint      not null default 0,
    abandon_seconds    bigint      not null default 0,
    talk_seconds       bigint      not null default 0,
    wrap_seconds       bigint      not null default 0,
    handled            int         not null default 0,
    escalated          int         not null default 0,
    handed_on          int         not null default 0,
    written_due        int         not null default 0,
    written_in_promise int         not null default 0,
    requests_filed     int         not null default 0,
    requests_answered  int         not null default 0,
    requests_in_time   int         not null default 0,
    primary key (interval_start, channel, line, queue, language, agent)
);

-- reports read everyone's rows (agent ''); an agent's own rows are as many as the contacts they answer
create index analytics_interval_everyone on analytics_interval (interval_start) where agent = '';

-- transfers to a person by where in the menus the caller asked, per interval
create table analytics_exit
(
    interval_start timestamptz not null,
    line           text        not null,
    language       text        not null,
    exit_point     text        not null,
    calls          int         not null default 0,
    primary key (interval_start, line, language, exit_point)
);

create function analytics_quarter(at timestamptz) returns timestamptz
    language sql immutable as $$ select date_bin('15 minutes', at, timestamptz '2000-01-01 00:00:00+00') $$;

-- What one fact adds to its interval; the triggers and the rebuild both use these, so the
-- definition of every figure is written once.
create function analytics_call_measures(c analytics_call, s int) returns analytics_interval
    language sql immutable as $$
select analytics_quarter(c.started_at), 'VOICE', c.line, '', c.language, '',
       s, s * coalesce(c.outcome = 'SELF_SERVICE', false)::int, s * coalesce(c.outcome = 'TRANSFERRED', false)::int,
       s * coalesce(c.outcome = 'CALLBACK_REQUESTED', false)::int, s * coalesce(c.outcome = 'ABANDONED', false)::int,
       s * coalesce(c.caller_key is not null, false)::int, s * coalesce(c.caller_key is not null and not c.repeated, false)::int,
       0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0
$$;

create function analytics_interaction_measures(i analytics_interaction, s int) returns analytics_interval
    language sql immutable as $$
select analytics_quarter(i.entered_at), i.channel, i.line, i.queue, i.language, coalesce(i.agent, ''),
       0, 0, 0, 0, 0, 0, 0,
       s,
       s * coalesce(i.answered_at is not null, false)::int,
       s * coalesce(i.answered_at is not null and i.answered_at - i.entered_at <= make_interval(secs => i.sl_seconds), false)::int,
       s * coalesce(i.final_state = 'ABANDONED', false)::int,
       s * coalesce(i.final_state = 'OVERFLOWED', false)::int,
       s * coalesce(round(extract(epoch from i.answered_at - i.entered_at)), 0)::bigint,
       s * case when i.final_state = 'ABANDONED' then coalesce(round(extract(epoch from i.ended_at - i.entered_at)), 0) else 0 end::bigint,
       s * coalesce(round(extract(epoch from i.ended_at - i.answered_at)), 0)::bigint,
       s * coalesce(round(extract(epoch from i.wrapped_at - i.ended_at)), 0)::bigint,
       s * coalesce(i.answered_at is not null and i.ended_at is not null, false)::int,
       s * coalesce(i.disposition = 'escalated', false)::int,
       s * coalesce(i.disposition in ('escalated', 'transferred'), false)::int,
       s * coalesce(i.answer_by is not null, false)::int,
       s * coalesce(i.answer_by is not null and i.final_state = 'ENDED' and i.ended_at <= i.answer_by, false)::int,
       0, 0, 0
$$;

create function analytics_request_measures(r analytics_request, s int) returns analytics_interval
    language sql immutable as $$
select analytics_quarter(r.filed_at), 'REQUEST', '', r.office, '', '',
       0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
       s, s * (r.answered_at is not null)::int, s * coalesce(r.answered_in_time, false)::int
$$;

create function analytics_add(m analytics_interval) returns void
    language sql as $$
insert into analytics_interval values (m.*)
on conflict (interval_start, channel, line, queue, language, agent) do update set
    calls = analytics_interval.calls + excluded.calls,
    self_service = analytics_interval.self_service + excluded.self_service,
    transferred = analytics_interval.transferred + excluded.transferred,
    callback_requested = analytics_interval.callback_requested + excluded.callback_requested,
    ivr_abandoned = analytics_interval.ivr_abandoned + excluded.ivr_abandoned,
    keyed_calls = analytics_interval.keyed_calls + excluded.keyed_calls,
    first_contact = analytics_interval.first_contact + excluded.first_contact,
    offered = analytics_interval.offered + excluded.offered,
    answered = analytics_interval.answered + excluded.answered,
    answered_in_sl = analytics_interval.answered_in_sl + excluded.answered_in_sl,
    abandoned = analytics_interval.abandoned + excluded.abandoned,
    overflowed = analytics_interval.overflowed + excluded.overflowed,
    wait_seconds = analytics_interval.wait_seconds + excluded.wait_seconds,
    abandon_seconds = analytics_interval.abandon_seconds + excluded.abandon_seconds,
    talk_seconds = analytics_interval.talk_seconds + excluded.talk_seconds,
    wrap_seconds = analytics_interval.wrap_seconds + excluded.wrap_seconds,
    handled = analytics_interval.handled + excluded.handled,
    escalated = analytics_interval.escalated + excluded.escalated,
    handed_on = analytics_interval.handed_on + excluded.handed_on,
    written_due = analytics_interval.written_due + excluded.written_due,
    written_in_promise = analytics_interval.written_in_promise + excluded.written_in_promise,
    requests_filed = analytics_interval.requests_filed + excluded.requests_filed,
    requests_answered = analytics_interval.requests_answered + excluded.requests_answered,
    requests_in_time = analytics_interval.requests_in_time + excluded.requests_in_time
$$;

create function analytics_add_exit(c analytics_call, s int) returns void
    language sql as $$
insert into analytics_exit
select analytics_quarter(c.started_at), c.line, c.language, c.exit_point, s
where c.exit_point is not null and c.outcome in ('TRANSFERRED', 'CALLBACK_REQUESTED')
on conflict (interval_start, line, language, exit_point) do update set calls = analytics_exit.calls + excluded.calls
$$;


-- a call from a number that called in the 7 days before makes that earlier call a repeat;
-- one that arrives late (out of order) is itself a repeat if the number called again within 7 days
create function analytics_call_repeats() returns trigger
    language plpgsql as $$
begin
    -- a bulk load sets every repeat at once afterwards (analytics_reaggregate)
    if new.caller_key is not null and current_setting('caseline.analytics_bulk', true) is distinct from 'on' then
        new.repeated := exists (select 1 from analytics_call c where c.caller_key = new.caller_key and c.call_id <> new.call_id
                                and c.started_at > new.started_at and c.started_at <= new.started_at + interval '7 days');
    end if;
    return new;
end
$$;
create trigger analytics_call_repeats before insert on analytics_call
    for each row execute function analytics_call_repeats();

create function analytics_call_marks_earlier() returns trigger
    language plpgsql as $$
begin
    if new.caller_key is not null and current_setting('caseline.analytics_bulk', true) is distinct from 'on' then
        update analytics_call set repeated = true
        where caller_key = new.caller_key and call_id <> new.call_id and not repeated
          and started_at < new.started_at and started_at >= new.started_at - interval '7 days';
    end if;
    return null;
end
$$;
create trigger analytics_call_marks_earlier after insert on analytics_call
    for each row execute function analytics_call_marks_earlier();

-- an answered contact counts for its agent and for everyone (agent ''): reports of a queue read
-- the rows of everyone and never sum over agents
create function analytics_add_both(m analytics_interval) returns void
    language plpgsql as $$
begin
    perform analytics_add(m);
    if m.agent <> '' then
        m.agent := '';
        perform analytics_add(m);
    end if;
end
$$;



-- One trigger for every fact table: what the old row added is taken back, what the new one adds is
-- added. Bulk loads (the demo history, a rebuild) set caseline.analytics_bulk and recompute afterwards.
create function analytics_fact_changed() returns trigger
    language plpgsql as $$
begin
    if current_setting('caseline.analytics_bulk', true) = 'on' then
        return null;
    end if;
    if tg_op in ('UPDATE', 'DELETE') then
        case tg_table_name
            when 'analytics_call' then
                perform analytics_add(analytics_call_measures(old, -1));
                perform analytics_add_exit(old, -1);
            when 'analytics_interaction' then
                perform analytics_add_both(analytics_interaction_measures(old, -1));
            else
                perform analytics_add(analytics_request_measures(old, -1));
        end case;
    end if;
    if tg_op in ('INSERT', 'UPDATE') then
        case tg_table_name
            when 'analytics_call' then
                perform analytics_add(analytics_call_measures(new, 1));
                perform analytics_add_exit(new, 1);
            when 'analytics_interaction' then
                perform analytics_add_both(analytics_interaction_measures(new, 1));
            else
                perform analytics_add(analytics_request_measures(new, 1));
        end case;
    end if;
    return null;
end
$$;
create trigger analytics_call_changed after insert or update or delete on analytics_call
    for each row execute function analytics_fact_changed();
create trigger analytics_interaction_changed after insert or update or delete on analytics_interaction
    for each row execute function analytics_fact_changed();
create trigger analytics_request_changed after insert or update or delete on analytics_request
    for each row execute function analytics_fact_changed();

-- the aggregates of [from, to) recomputed from the facts, in one statement per table; a call's
-- repeat depends on the 7 days after it, so the week before `from` is recomputed too
create function analytics_reaggregate(period_from timestamptz, to_at timestamptz) returns void
    language plpgsql as $$
declare
    from_at timestamptz := period_from - interval '7 days';
begin
    update analytics_call c set repeated = exists (
        select 1 from analytics_call l where l.caller_key = c.caller_key and l.call_id <> c.call_id
          and l.started_at > c.started_at and l.started_at <= c.started_at + interval '7 days')
    where c.caller_key is not null and c.started_at >= from_at and c.started_at < to_at;
    delete from analytics_interval where interval_start >= analytics_quarter(from_at) and interval_start < to_at;
    delete from analytics_exit where interval_start >= analytics_quarter(from_at) and interval_start < to_at;
    insert into analytics_interval
    select m.interval_start, m.channel, m.line, m.queue, m.language, m.agent,
           sum(m.calls), sum(m.self_service), sum(m.transferred), sum(m.callback_requested), sum(m.ivr_abandoned),
           sum(m.keyed_calls), sum(m.first_contact), sum(m.offered), sum(m.answered), sum(m.answered_in_sl),
           sum(m.abandoned), sum(m.overflowed), sum(m.wait_seconds), sum(m.abandon_seconds), sum(m.talk_seconds),
           sum(m.wrap_seconds), sum(m.handled), sum(m.escalated), sum(m.handed_on), sum(m.written_due),
           sum(m.written_in_promise), sum(m.requests_filed), sum(m.requests_answered), sum(m.requests_in_time)
    -- lateral: a composite function expanded with (f(x)).* would run once per column
    from (select m.* from analytics_call c, lateral analytics_call_measures(c, 1) m
          where c.started_at >= analytics_quarter(from_at) and c.started_at < to_at
          union all
          select m.* from analytics_interaction i, lateral analytics_interaction_measures(i, 1) m
          where i.entered_at >= analytics_quarter(from_at) and i.entered_at < to_at
          union all
          select m.* from analytics_interaction i,
                 lateral analytics_interaction_measures(jsonb_populate_record(i, '{"agent": null}'), 1) m
          where i.entered_at >= analytics_quarter(from_at) and i.entered_at < to_at and coalesce(i.agent, '') <> ''
          union all
          select m.* from analytics_request r, lateral analytics_request_measures(r, 1) m
          where r.filed_at >= analytics_quarter(from_at) and r.filed_at < to_at) m
    group by m.interval_start, m.channel, m.line, m.queue, m.language, m.agent;
    insert into analytics_exit
    select analytics_quarter(c.started_at), c.line, c.language, c.exit_point, count(*)
    from analytics_call c
    where c.exit_point is not null and c.outcome in ('TRANSFERRED', 'CALLBACK_REQUESTED')
      and c.started_at >= analytics_quarter(from_at) and c.started_at < to_at
    group by 1, 2, 3, 4;
end
$$;
