-- accounts: staff two-step verification with an authenticator app (required of admins,
-- supervisors and officers under the prod profile); the last time step accepted, each once
alter table staff_user add column totp_secret text;
alter table staff_user add column totp_enabled boolean not null default false;
alter table staff_user add column totp_last_step bigint;
