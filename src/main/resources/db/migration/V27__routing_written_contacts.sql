-- routing: written contacts (channel MESSAGE). An agent holds up to message_capacity of them at
-- once, beside (not instead of) one call; a message is ranked by the time it must be answered by
-- (rank_at = answer_by), not by its arrival, and its offer does not ring out.
alter table routing_agent add column message_capacity int not null default 5 check (message_capacity between 0 and 50);
alter table routing_interaction add column answer_by timestamptz;
create index routing_interaction_messages_held on routing_interaction (agent) where channel = 'MESSAGE' and state in ('OFFERED', 'CONNECTED');
