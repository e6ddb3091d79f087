-- How CaseLine rings each agent's phone. auto_answer: the phone is asked to answer by itself
-- (Call-Info answer-after=0, Alert-Info auto-answer), for agents on a headset.
create table agent_phone_setting
(
    username    text primary key references staff_user (username) on delete cascade,
    auto_answer boolean not null default false
);
