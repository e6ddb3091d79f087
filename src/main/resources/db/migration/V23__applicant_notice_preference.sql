-- accounts: a holder chooses whether to be mailed when a linked case changes (opt-in: off until chosen)
alter table applicant_account add column case_update_mail boolean not null default false;

-- the last authenticator time step accepted: a code is good once, however quickly it is typed again
alter table applicant_account add column totp_last_step bigint;
