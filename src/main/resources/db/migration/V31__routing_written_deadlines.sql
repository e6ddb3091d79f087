-- routing: a written contact near its deadline is flagged (at_risk_at: supervisors see it, Tier 2
-- may take it too, an absent agent's hold on it ends), and once past it, flagged again (breached_at).
alter table routing_interaction add column at_risk_at timestamptz;
alter table routing_interaction add column breached_at timestamptz;
create index routing_interaction_written_live on routing_interaction (queue, answer_by)
    where channel = 'MESSAGE' and state in ('WAITING', 'OFFERED', 'CONNECTED');
