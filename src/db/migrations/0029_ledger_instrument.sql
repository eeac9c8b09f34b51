-- Compensation is given in money, coupons or points, each its own ledger line: finance settles
-- cash, marketing issues coupons, the membership system credits points, and each is reconciled
-- apart. Points are recorded as their number and valued in fen (100 points to the yuan).
alter table ledger_entries add column instrument text not null default 'money' check (instrument in ('money', 'coupon', 'points'));
alter table ledger_entries add column points integer check (points is null or points > 0);
