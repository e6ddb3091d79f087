-- appointments: slots of an office's calendar, made from its opening hours when first needed. A
-- slot can never hold more than its capacity: the check is the database's, so no number of
-- agents, visitors or nodes booking at once can overbook it.
create table appointment_slot
(
    id        bigint generated always as identity primary key,
    office    text        not null,
    type      text        not null,
    starts_at timestamptz not null,
    ends_at   timestamptz not null,
    capacity  int         not null check (capacity >= 0),
    booked    int         not null default 0,
    check (booked >= 0 and booked <= capacity),
    unique (office, type, starts_at)
);

-- the days an office closes beyond weekends and federal holidays
create table appointment_blackout
(
    office text not null,
    day    date not null,
    reason text not null,
    primary key (office, day)
);

create table appointment
(
    id             uuid primary key,
    receipt_number char(13)    not null,
    office         text        not null,
    type           text        not null,
    slot_id        bigint      not null references appointment_slot (id),
    status         text        not null check (status in ('BOOKED', 'CANCELLED', 'ATTENDED', 'NO_SHOW')),
    reschedules    int         not null default 0,
    accommodations text[]      not null default '{}',
    booked_by      text        not null,
    booked_at      timestamptz not null,
    cancelled_at   timestamptz
);
create index appointment_by_receipt on appointment (receipt_number);
