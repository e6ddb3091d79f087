-- accounts: sign-in attempts that matter for throttling and audit: every failure, every refusal
-- for too many failures, and a success that follows failures (it ends the run of failures)
create table sign_in_attempt
(
    id       bigint generated always as identity primary key,
    at       timestamptz not null,
    username text        not null,
    address  text        not null,
    outcome  text        not null check (outcome in ('FAILED', 'THROTTLED', 'SUCCEEDED'))
);
create index sign_in_attempt_by_user on sign_in_attempt (username, at);
create index sign_in_attempt_by_address on sign_in_attempt (address, at);
