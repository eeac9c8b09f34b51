-- The audit trail (RISK-2, RISK-6, CL-6): who did what to which thing, when, from where, with what
-- outcome. One row per fact; rows are only ever added.
create table audit_log (
  id bigint generated always as identity primary key,
  at timestamptz not null,
  actor_user_id uuid,
  actor_role text not null,
  actor_label text,
  -- Dotted verb, e.g. auth.sign_in, access.denied, case.state_changed, pii.revealed, config.sla_target.updated.
  action text not null,
  subject_type text,
  subject_id text,
  outcome text not null default 'ok' check (outcome in ('ok','denied','failed')),
  ip text,
  request_id text,
  detail jsonb not null default '{}'
);
create index audit_log_at_idx on audit_log (at desc);
create index audit_log_subject_idx on audit_log (subject_type, subject_id);
create index audit_log_actor_idx on audit_log (actor_user_id, at desc);
create index audit_log_action_idx on audit_log (action, at desc);
