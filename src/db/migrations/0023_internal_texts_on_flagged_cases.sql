-- RISK-5, a single external voice: on a case where media or a regulator is involved, a plan's
-- basis written by someone other than PR or compliance stays inside the platform. The customer sees
-- the plan and its terms, not that text (event reasons are marked the same way, in case_events.data).
alter table offers add column basis_internal boolean not null default false;
