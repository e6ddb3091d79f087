-- telephony: the key SIP digest nonces are signed with, one for every node, so that a phone whose
-- challenge came from one node and whose answer a dispatcher sends to another is not challenged again.
create table sip_nonce_key
(
    id     int primary key check (id = 1),
    secret bytea not null check (length(secret) = 32)
);
