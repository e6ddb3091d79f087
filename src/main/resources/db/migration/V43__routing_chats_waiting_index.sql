-- The sweep asks which available agents serve a chat that is waiting. With no index for waiting
-- chats, PostgreSQL scanned every interaction once per available agent: 2.4 s a sweep with 1,556
-- agents available and 10,000 calls waiting (auto_explain during bench/routing.sh), twice a second,
-- on every node. Partial: it holds only the chats in line, usually few.
create index routing_interaction_chats_waiting on routing_interaction (rank_at) where state = 'WAITING' and channel = 'CHAT';
