-- SLA engine (SLA-1..15): business calendars, targets as data, one deadline row per running
-- clock, in-app notifications, and who holds a case.

create table business_calendars (
  id uuid primary key default gen_random_uuid(),
  name text not null unique,
  spec jsonb not null,
  is_default boolean not null default false,
  updated_at timestamptz not null,
  updated_by uuid
);
create unique index business_calendars_one_default on business_calendars (is_default) where is_default;

create table sla_targets (
  id uuid primary key default gen_random_uuid(),
  metric text not null,
  -- Match keys: null matches anything; the most specific active target wins.
  channel text,
  kind text,
  category text,
  severity text,
  tier text,
  merchant_id uuid references merchants(id),
  duration_amount integer not null check (duration_amount > 0),
  duration_unit text not null check (duration_unit in ('minutes','hours','days','working_hours','working_days')),
  warn_before_minutes integer not null default 0 check (warn_before_minutes >= 0),
  pause_states jsonb not null default '[]',
  breach_actions jsonb not null default '[]',
  reassign_queue text,
  party text not null check (party in ('platform','merchant','customer','department')),
  auto_outcome text,
  calendar_id uuid references business_calendars(id),
  active boolean not null default true,
  version integer not null default 1,
  updated_at timestamptz not null,
  updated_by uuid
);
create index sla_targets_metric_idx on sla_targets (metric) where active;

alter table cases add column queue text not null default 'frontline';
alter table cases add column assignee_id uuid references users(id);

-- One row per clock on a case (or on one of its tasks). `next_fire_at` is the next warning or
-- breach still to fire, null once nothing is left to fire: the scheduler reads only the partial
-- index, so met, paused and cancelled clocks cost it nothing however many there are.
create table case_deadlines (
  id uuid primary key default gen_random_uuid(),
  case_id uuid not null references cases(id),
  metric text not null,
  subject_id uuid,
  target_id uuid references sla_targets(id),
  target_version integer,
  party text not null,
  auto_outcome text,
  unit text not null,
  calendar_id uuid references business_calendars(id),
  status text not null check (status in ('running','paused','met','cancelled')),
  started_at timestamptz not null,
  -- Time budget and what was used of it, in the target's basis (natural or working ms).
  budget_ms bigint not null,
  consumed_ms bigint not null default 0,
  segment_started_at timestamptz,
  warn_before_ms bigint not null default 0,
  due_at timestamptz not null,
  warn_at timestamptz,
  warned_at timestamptz,
  breached_at timestamptz,
  paused_at timestamptz,
  met_at timestamptz,
  cancelled_at timestamptz,
  next_fire_at timestamptz,
  late boolean not null default false
);
create index case_deadlines_fire_idx on case_deadlines (next_fire_at) where next_fire_at is not null;
create index case_deadlines_case_idx on case_deadlines (case_id);
create unique index case_deadlines_one_open on case_deadlines (case_id, metric, coalesce(subject_id, case_id))
  where status in ('running','paused');
create index case_deadlines_breached_idx on case_deadlines (breached_at) where breached_at is not null;

create table notifications (
  id uuid primary key default gen_random_uuid(),
  -- A notice for one user, for everyone in a role, or for a merchant's staff.
  recipient_user_id uuid references users(id),
  recipient_role text,
  merchant_id uuid references merchants(id),
  case_id uuid references cases(id),
  type text not null,
  title jsonb not null,
  body jsonb not null,
  dedupe_key text not null unique,
  created_at timestamptz not null,
  read_at timestamptz
);
create index notifications_user_idx on notifications (recipient_user_id, created_at desc);
create index notifications_role_idx on notifications (recipient_role, created_at desc);
create index notifications_merchant_idx on notifications (merchant_id, created_at desc);
