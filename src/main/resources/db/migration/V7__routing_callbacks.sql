-- routing: a callback that went unanswered waits again, but not before its retry time
alter table routing_interaction add column not_before timestamptz;
alter table routing_interaction add column attempts int not null default 0;
