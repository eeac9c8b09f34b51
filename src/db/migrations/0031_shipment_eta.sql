-- EX-5/EX-6: the carrier's promised delivery time (it may revise it with any event), and when a
-- parcel still on its way past that time was noticed as delayed (once per promise: a later
-- promise clears it). The partial index serves the sweep that looks for late parcels.
alter table shipments add column estimated_delivery_at timestamptz;
alter table shipments add column delay_noticed_at timestamptz;
create index shipments_overdue_idx on shipments (estimated_delivery_at)
  where delay_noticed_at is null and delivered_at is null;
