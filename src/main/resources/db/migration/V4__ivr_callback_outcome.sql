-- ivr: a call can end with the caller asking to be called back.
alter table ivr_call drop constraint ivr_call_outcome_check;
alter table ivr_call add constraint ivr_call_outcome_check
    check (outcome in ('IN_PROGRESS', 'SELF_SERVICE', 'TRANSFERRED', 'CALLBACK_REQUESTED', 'ABANDONED', 'ERROR'));
