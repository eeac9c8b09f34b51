-- Triage (TR-1, TR-2, TR-5, TR-7): every case carries its emotion and priority next to its
-- severity and category, and why each was decided (rules, matched words, the model's confidence)
-- or who overrode it.
alter table cases add column emotion text not null default 'normal' check (emotion in ('normal', 'high'));
alter table cases add column priority text not null default 'P3' check (priority in ('P1', 'P2', 'P3', 'P4'));
alter table cases add column triage jsonb;
create index cases_priority_idx on cases (priority, created_at) where closed_at is null;
