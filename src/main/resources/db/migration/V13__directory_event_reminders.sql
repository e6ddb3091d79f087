-- directory: when a registrant was reminded of their event (the day before), so that no one is
-- reminded twice, whichever node sends it.
alter table directory_event_registration add column reminded_at timestamptz;
