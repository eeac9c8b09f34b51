-- Indexes that held an entry for every new case without ever being searched for it. Intake writes
-- each case with its notices in one statement, so every index entry it need not write counts.
--
-- Retention looks for cases closed or archived before a cutoff (coalesce(...) <= cutoff implies
-- the value is not null), so open cases need no entry. A notice is addressed to a person, a role
-- or a merchant: the new-case notice to a merchant has neither a person nor a role, and the
-- lookups by person or by role never ask for null.
drop index cases_retention_idx;
create index cases_retention_idx on cases (coalesce(archived_at, closed_at))
  where purged_at is null and legal_hold_at is null and coalesce(archived_at, closed_at) is not null;

drop index notifications_user_idx;
create index notifications_user_idx on notifications (recipient_user_id, created_at desc) where recipient_user_id is not null;

drop index notifications_role_idx;
create index notifications_role_idx on notifications (recipient_role, created_at desc) where recipient_role is not null;
