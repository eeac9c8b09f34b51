-- Policies, shipments, negotiation, execution and money.

create table policy_versions (
  id uuid primary key default gen_random_uuid(),
  scope text not null check (scope in ('platform','merchant')),
  merchant_id uuid references merchants(id),
  version integer not null,
  rules jsonb not null,
  effective_from timestamptz not null,
  created_by uuid,
  created_at timestamptz not null,
  check ((scope = 'platform') = (merchant_id is null))
);
create unique index policy_versions_scope_idx on policy_versions (scope, coalesce(merchant_id, '00000000-0000-0000-0000-000000000000'::uuid), version);

create table shipments (
  id uuid primary key default gen_random_uuid(),
  external_id text not null unique,
  order_id uuid references orders(id),
  case_id uuid references cases(id),
  direction text not null check (direction in ('outbound','return','replacement','repaired')),
  carrier text not null,
  tracking_no text not null,
  status text not null check (status in ('created','in_transit','out_for_delivery','delivered','exception','lost','returned')),
  shipped_at timestamptz,
  delivered_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index shipments_order_idx on shipments (order_id);
create index shipments_case_idx on shipments (case_id);

create table shipment_events (
  id uuid primary key default gen_random_uuid(),
  shipment_id uuid not null references shipments(id),
  external_id text not null,
  occurred_at timestamptz not null,
  status text not null,
  location text,
  description text,
  unique (shipment_id, external_id)
);

create table offers (
  id uuid primary key default gen_random_uuid(),
  case_id uuid not null references cases(id),
  revision integer not null,
  parent_offer_id uuid references offers(id),
  proposed_by uuid,
  proposer_role text not null,
  status text not null check (status in ('pending_approval','open','accepted','rejected','countered','expired','superseded','declined')),
  plan_type text not null,
  terms jsonb not null,
  steps jsonb not null default '[]',
  responsibility text,
  basis text,
  goodwill_reason text,
  expires_at timestamptz,
  answered_at timestamptz,
  answer_reason text,
  approved_by uuid,
  created_at timestamptz not null
);
create index offers_case_idx on offers (case_id, created_at);

create table execution_tasks (
  id uuid primary key default gen_random_uuid(),
  case_id uuid not null references cases(id),
  offer_id uuid references offers(id),
  type text not null,
  owner_role text not null,
  due_at timestamptz,
  verification text not null,
  status text not null check (status in ('open','done','cancelled')),
  proof jsonb,
  done_at timestamptz,
  done_by uuid,
  created_at timestamptz not null
);
create index execution_tasks_case_idx on execution_tasks (case_id);

create table refunds (
  id uuid primary key default gen_random_uuid(),
  case_id uuid not null references cases(id),
  task_id uuid references execution_tasks(id),
  amount_fen bigint not null check (amount_fen > 0),
  currency text not null default 'CNY',
  status text not null check (status in ('pending','succeeded','failed')),
  provider text not null,
  provider_ref text,
  failure_reason text,
  requested_by uuid,
  created_at timestamptz not null,
  completed_at timestamptz
);
create index refunds_case_idx on refunds (case_id);
-- A refund task is paid once, whatever retries happen.
create unique index refunds_task_once_idx on refunds (task_id) where status <> 'failed';

create table ledger_entries (
  id uuid primary key default gen_random_uuid(),
  case_id uuid not null references cases(id),
  entry_type text not null check (entry_type in ('refund','return_shipping','compensation','shipping_insurance','fraud_compensation','price_difference')),
  amount_fen bigint not null check (amount_fen >= 0),
  currency text not null default 'CNY',
  borne_by text not null check (borne_by in ('merchant','platform','carrier','customer','insurer')),
  paid_to text not null check (paid_to in ('customer','merchant','platform','carrier')),
  responsibility text,
  reason text not null,
  status text not null check (status in ('planned','executed','cancelled')),
  offer_id uuid references offers(id),
  refund_id uuid references refunds(id),
  created_at timestamptz not null
);
create index ledger_entries_case_idx on ledger_entries (case_id);
