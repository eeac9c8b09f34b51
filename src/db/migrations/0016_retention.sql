-- Retention, legal hold and the single external voice (CL-6, RISK-5).

-- RISK-5: set when media or a regulator is involved (triage of the request or of a later customer
-- message, or a person's flag): {"flaggedAt","source":"triage"|"message"|"staff","signals":[…],"reason"}.
-- While set, only PR and compliance write to the customer.
alter table cases add column media_flag jsonb;
-- CL-6: a case under legal hold is never purged, whatever its age.
alter table cases add column legal_hold_at timestamptz;
alter table cases add column legal_hold_reason text;
alter table cases add column legal_hold_by uuid references users(id);
-- CL-6: set when the retention period ended and the case's personal data was removed; the row stays
-- as anonymised statistics (kind, category, severity, channel, merchant, times, SLA clocks, money).
alter table cases add column purged_at timestamptz;
alter table cases add column purge_summary jsonb;
alter table cases add constraint cases_legal_hold_reason check ((legal_hold_at is null) = (legal_hold_reason is null));

-- The purge job looks for closed cases whose retention may have ended.
create index cases_retention_idx on cases (coalesce(archived_at, closed_at)) where purged_at is null and legal_hold_at is null;

-- Cases flagged by triage before this migration keep their flag.
update cases
   set media_flag = jsonb_build_object('flaggedAt', created_at, 'source', 'triage', 'signals', '[]'::jsonb, 'reason', null)
 where triage -> 'reasons' @> '[{"rule":"l1.authority.involved"}]';

-- The timeline stays append-only. The one exception is the retention purge, which erases what
-- people wrote (reason, data) and who the customer was (actor_id) from a case's events, inside its
-- own transaction after `set_config('afterdesk.purging', 'on', true)`; the shape of the timeline
-- (case, sequence, type, states, role, time) can never change, and rows are never deleted.
create function case_events_guard() returns trigger language plpgsql as $$
begin
  if tg_op = 'UPDATE'
     and coalesce(current_setting('afterdesk.purging', true), '') = 'on'
     and new.id = old.id and new.case_id = old.case_id and new.seq = old.seq and new.type = old.type
     and new.from_state is not distinct from old.from_state and new.to_state is not distinct from old.to_state
     and new.actor_role = old.actor_role and new.occurred_at = old.occurred_at then
    return new;
  end if;
  raise exception 'table % is append-only', tg_table_name using errcode = '42501';
end $$;
drop trigger case_events_append_only on case_events;
create trigger case_events_append_only before update or delete on case_events
  for each row execute function case_events_guard();
