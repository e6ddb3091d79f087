-- ivr: every set of flows that went live, who put it live and when. The newest is the live one;
-- calls keep the version they started on.
create table ivr_flow_version
(
    version    int generated always as identity primary key,
    files      jsonb       not null,
    changed_by text        not null,
    changed_at timestamptz not null,
    note       text
);
