-- routing: every contact with a person has a reference the person can write down and key (digits
-- with a check digit, in the interaction's attributes as contactReference: a hand-off keeps it),
-- and every agent a public ID to give instead of their name (unless they choose to give their name).
alter table routing_agent
    add column public_id  text unique,
    add column shows_name boolean not null default false;
update routing_agent set public_id = (10000 + n)::text
from (select username, row_number() over (order by username) as n from routing_agent) numbered
where numbered.username = routing_agent.username;
create index routing_interaction_by_contact_reference on routing_interaction ((attributes ->> 'contactReference'));
