-- routing: the application nodes alive, each seen at every sweep; a voice contact held by a node
-- not seen for a while has lost its call with the node, and is ended rather than offered
create table routing_node
(
    name    text primary key,
    seen_at timestamptz not null
);
