-- IN-8: an open case's duplicate slot names the units it claims, not only the order lines, so a
-- request for the remaining units of a line is judged as a claim of its own instead of being
-- linked to the first case as a repeat. Open cases get their slot in the new form.
update cases c set open_dedupe_key = c.customer_id::text || ':' || c.kind || ':' || (
  select string_agg(ci.order_item_id::text || 'x' || ci.quantity::text, ',' order by (ci.order_item_id::text || 'x' || ci.quantity::text) collate "C")
  from case_items ci where ci.case_id = c.id
)
where c.open_dedupe_key is not null;
