-- POL-2: the no-reason days may count from the buyer's confirmation of receipt (确认收货), which the
-- shop system sends with the order. POL-10: the platform chooses whether an order is judged under the
-- policy in force at placement or at delivery.
alter table orders add column receipt_confirmed_at timestamptz;

-- Versions published before the start event was configurable counted from sign-off.
update policy_versions
   set rules = jsonb_set(rules, '{noReasonReturn,startsAt}', '"sign_off"')
 where not (rules -> 'noReasonReturn') ? 'startsAt';
update policy_versions
   set rules = rules || '{"versionBasis":"order_placed"}'::jsonb
 where scope = 'platform' and not rules ? 'versionBasis';
