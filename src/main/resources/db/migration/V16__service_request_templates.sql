-- servicerequests: an office's own wording for answers, per request type and language; where an
-- office has none, the shipped default of the type (or the general one) is offered
create table service_request_template
(
    office_code text        not null,
    type        text        not null,
    language    text        not null check (language in ('en', 'es')),
    text        text        not null,
    changed_by  text        not null,
    changed_at  timestamptz not null,
    primary key (office_code, type, language)
);
