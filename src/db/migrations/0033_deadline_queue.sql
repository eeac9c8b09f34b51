-- SLA-13, AN-1: the queue that held the case while a clock ran, so a clock's outcome is credited
-- to the queue whose work it measured and not to wherever the case sits now (a breached frontline
-- escalation moves the case to the specialists). Stamped when the clock starts, kept in step with
-- the case while the clock runs unbreached, frozen at the breach or the end.
alter table case_deadlines add column queue text;

-- Clocks written before: the queue the case was routed or reassigned to last before the clock
-- ended or breached, else (still running, or never moved) the case's queue now.
update case_deadlines d set queue = coalesce(
  (select coalesce(e.data->>'queue', e.data->>'to') from case_events e
    where e.case_id = d.case_id and e.type in ('case_routed', 'case_reassigned')
      and coalesce(e.data->>'queue', e.data->>'to') is not null
      and e.occurred_at < coalesce(d.breached_at, d.met_at, d.cancelled_at, 'infinity'::timestamptz)
    order by e.seq desc limit 1),
  (select c.queue from cases c where c.id = d.case_id));

alter table case_deadlines alter column queue set not null;
