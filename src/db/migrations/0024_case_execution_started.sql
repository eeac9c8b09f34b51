-- Withdrawing or merging a case is allowed only before its execution started (goods sent back, a
-- refund or replacement under way). The state alone cannot tell once a case moves on from
-- execution into compliance review or a new plan, so the case remembers when it first entered an
-- execution state; cases already there are dated from their timeline.
alter table cases add column execution_started_at timestamptz;

update cases c
   set execution_started_at = e.first_at
  from (
    select case_id, min(occurred_at) as first_at
      from case_events
     where to_state in ('return_in_transit', 'return_received', 'inspection_failed', 'executing')
     group by case_id
  ) e
 where e.case_id = c.id;
