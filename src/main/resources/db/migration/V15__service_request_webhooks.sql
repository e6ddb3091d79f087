-- servicerequests: an office whose own case system wants to hear of its requests names a URL and a
-- secret; each event (filed, answered, closed) becomes a delivery, POSTed with an HMAC-SHA256 of the
-- body under that secret, tried again later and later until it is taken (2xx) or the attempts run out.
create table service_request_webhook
(
    office_code text primary key,
    url         text        not null check (url ~ '^https?://'),
    secret      text        not null,
    enabled     boolean     not null default true,
    changed_by  text        not null,
    changed_at  timestamptz not null
);

create table service_request_webhook_delivery
(
    id              bigint generated always as identity primary key,
    office_code     text        not null,
    event           text        not null,
    -- the event it reports, once: a listener told twice (after a crash) does not deliver twice
    event_key       text        not null unique,
    body            text        not null,
    status          text        not null check (status in ('PENDING', 'DELIVERED', 'FAILED')),
    attempts        int         not null default 0,
    next_attempt_at timestamptz not null,
    last_status     int,
    last_error      text,
    created_at      timestamptz not null,
    delivered_at    timestamptz
);
create index service_request_webhook_due on service_request_webhook_delivery (next_attempt_at) where status = 'PENDING';
create index service_request_webhook_by_office on service_request_webhook_delivery (office_code, id);
