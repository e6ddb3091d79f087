-- directory: every set of directory files (offices, filing addresses, forms, news, civil surgeons,
-- legal help) that went live, who put it live and when. The newest is the live one.
create table directory_version
(
    version    int generated always as identity primary key,
    files      jsonb       not null,
    changed_by text        not null,
    changed_at timestamptz not null,
    note       text
);
