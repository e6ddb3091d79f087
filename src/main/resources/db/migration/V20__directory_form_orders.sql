-- directory: paper forms ordered by mail (from the Contact Center or the web): who, where to, which form
create table directory_form_order
(
    id          bigint generated always as identity primary key,
    reference   text        not null unique,
    form_number text        not null,
    name        text        not null,
    street      text        not null,
    city        text        not null,
    state       text        not null,
    zip         text        not null,
    email       text,
    language    text        not null,
    ordered_by  text,
    ordered_at  timestamptz not null
);
