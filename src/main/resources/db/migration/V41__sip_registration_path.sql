-- RFC 3327: the proxies a REGISTER came through (a SIP dispatcher in front of the nodes), each a
-- Path header's address in the order received; a call to the phone is sent through them, as the
-- phone may be reachable only from the proxy (behind NAT, another network). Null: reached directly.
alter table sip_registration add column path text;
