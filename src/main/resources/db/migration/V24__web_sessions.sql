-- platform: web sessions in the database (Spring Session JDBC, whose statements name these tables
-- and columns), so that every node knows a session and a holder can list and end their own.
-- principal_name is the account a session is signed in as, indexed for "where am I signed in".
create table spring_session
(
    primary_id            char(36) primary key,
    session_id            char(36) not null unique,
    creation_time         bigint   not null,
    last_access_time      bigint   not null,
    max_inactive_interval int      not null,
    expiry_time           bigint   not null,
    principal_name        varchar(100)
);
create index spring_session_by_expiry on spring_session (expiry_time);
create index spring_session_by_principal on spring_session (principal_name);

create table spring_session_attributes
(
    session_primary_id char(36)     not null references spring_session (primary_id) on delete cascade,
    attribute_name     varchar(200) not null,
    attribute_bytes    bytea        not null,
    primary key (session_primary_id, attribute_name)
);
