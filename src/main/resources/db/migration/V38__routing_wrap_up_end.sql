-- routing: when the agent finished writing a contact up (handle time is talk plus wrap-up)
alter table routing_interaction add column wrapped_at timestamptz;
