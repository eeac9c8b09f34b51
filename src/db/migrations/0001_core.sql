-- Afterdesk core schema: shop data, policies, cases and their timeline, money.
-- Money is integer fen (bigint); every time is timestamptz.

create table users (
  id uuid primary key default gen_random_uuid(),
  email text not null unique,
  display_name text not null,
  role text not null check (role in ('customer','agent','specialist','supervisor','compliance','merchant','finance','admin')),
  password_hash text,
  customer_id uuid,
  merchant_id uuid,
  locale text not null default 'zh-CN' check (locale in ('zh-CN','en-US')),
  created_at timestamptz not null default now(),
  check (role <> 'customer' or customer_id is not null),
  check (role <> 'merchant' or merchant_id is not null)
);

create table api_tokens (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references users(id),
  name text not null,
  token_hash text not null unique,
  created_at timestamptz not null default now(),
  expires_at timestamptz,
  revoked_at timestamptz
);

create table customers (
  id uuid primary key default gen_random_uuid(),
  external_id text not null unique,
  name text not null,
  phone text,
  email text,
  tier text not null default 'regular' check (tier in ('regular','silver','gold','platinum')),
  locale text not null default 'zh-CN' check (locale in ('zh-CN','en-US')),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create table merchants (
  id uuid primary key default gen_random_uuid(),
  external_id text not null unique,
  name text not null,
  platform_operated boolean not null default false,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

alter table users add foreign key (customer_id) references customers(id);
alter table users add foreign key (merchant_id) references merchants(id);

create table products (
  id uuid primary key default gen_random_uuid(),
  external_id text not null unique,
  merchant_id uuid not null references merchants(id),
  name text not null,
  category text not null,
  price_fen bigint not null check (price_fen >= 0),
  warranty_months integer check (warranty_months >= 0),
  flags text[] not null default '{}',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index products_merchant_idx on products (merchant_id);

create table orders (
  id uuid primary key default gen_random_uuid(),
  external_id text not null unique,
  order_no text not null unique,
  customer_id uuid not null references customers(id),
  merchant_id uuid not null references merchants(id),
  status text not null check (status in ('pending_payment','paid','shipped','delivered','completed','cancelled')),
  placed_at timestamptz not null,
  total_fen bigint not null check (total_fen >= 0),
  shipping_fen bigint not null default 0 check (shipping_fen >= 0),
  currency text not null default 'CNY',
  shipping_insurance boolean not null default false,
  shipping_address text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index orders_customer_idx on orders (customer_id, placed_at desc);
create index orders_merchant_idx on orders (merchant_id, placed_at desc);

create table order_items (
  id uuid primary key default gen_random_uuid(),
  order_id uuid not null references orders(id),
  external_id text not null,
  product_id uuid not null references products(id),
  sku text,
  quantity integer not null check (quantity > 0),
  unit_price_fen bigint not null check (unit_price_fen >= 0),
  paid_fen bigint not null check (paid_fen >= 0),
  unique (order_id, external_id)
);
create index order_items_product_idx on order_items (product_id);

create table payments (
  id uuid primary key default gen_random_uuid(),
  external_id text not null unique,
  order_id uuid not null references orders(id),
  method text not null,
  amount_fen bigint not null check (amount_fen >= 0),
  paid_at timestamptz not null,
  provider_ref text
);
create index payments_order_idx on payments (order_id);

create table cases (
  id uuid primary key default gen_random_uuid(),
  case_no text not null unique,
  kind text not null,
  state text not null,
  reason text not null,
  channel text not null,
  customer_id uuid not null references customers(id),
  merchant_id uuid references merchants(id),
  order_id uuid references orders(id),
  title text not null,
  description text not null,
  desired_resolution text,
  severity text not null default 'L3' check (severity in ('L1','L2','L3')),
  category text,
  policy_version_id uuid,
  eligibility jsonb,
  responsibility text,
  rejected_plans integer not null default 0,
  reopen_count integer not null default 0,
  result_notified_at timestamptz,
  unanswered_customer_messages integer not null default 0,
  pending_counter_offer_id uuid,
  merged_into_id uuid references cases(id),
  -- Set while the case is open, cleared when it leaves the open states: the unique index
  -- makes a second open case for the same customer, kind and items impossible (IN-8).
  open_dedupe_key text,
  version integer not null default 1,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  closed_at timestamptz,
  archived_at timestamptz
);
create unique index cases_open_dedupe_idx on cases (open_dedupe_key) where open_dedupe_key is not null;
create index cases_customer_idx on cases (customer_id, created_at desc);
create index cases_merchant_idx on cases (merchant_id, created_at desc);
create index cases_state_idx on cases (state, created_at desc);
create index cases_order_idx on cases (order_id);
create sequence case_no_seq;

create table case_items (
  id uuid primary key default gen_random_uuid(),
  case_id uuid not null references cases(id),
  order_item_id uuid not null references order_items(id),
  quantity integer not null check (quantity > 0)
);
create index case_items_case_idx on case_items (case_id);
create index case_items_order_item_idx on case_items (order_item_id);

create table case_events (
  id bigint generated always as identity primary key,
  case_id uuid not null references cases(id),
  seq integer not null,
  type text not null,
  from_state text,
  to_state text,
  actor_id uuid,
  actor_role text not null,
  reason text,
  data jsonb not null default '{}',
  occurred_at timestamptz not null,
  unique (case_id, seq)
);

-- The timeline is append-only: history is evidence.
create function forbid_change() returns trigger language plpgsql as $$
begin
  raise exception 'table % is append-only', tg_table_name using errcode = '42501';
end $$;
create trigger case_events_append_only before update or delete on case_events
  for each row execute function forbid_change();

create table case_links (
  case_id uuid not null references cases(id),
  linked_case_id uuid not null references cases(id),
  link_type text not null check (link_type in ('duplicate','related','merged')),
  created_at timestamptz not null,
  created_by uuid,
  primary key (case_id, linked_case_id)
);

create table messages (
  id uuid primary key default gen_random_uuid(),
  case_id uuid not null references cases(id),
  author_id uuid,
  author_role text not null,
  visibility text not null check (visibility in ('public','internal')),
  channel text not null,
  body text not null,
  created_at timestamptz not null
);
create index messages_case_idx on messages (case_id, created_at);

create table attachments (
  id uuid primary key default gen_random_uuid(),
  case_id uuid not null references cases(id),
  case_item_id uuid references case_items(id),
  purpose text not null check (purpose in ('evidence','inspection','execution_proof','other')),
  -- The claim this evidence supports (a request reason such as 'quality', or free text).
  supports text,
  uploaded_by uuid,
  uploader_role text not null,
  file_name text not null,
  content_type text not null,
  size_bytes bigint not null,
  sha256 text not null,
  storage_key text not null unique,
  created_at timestamptz not null
);
create index attachments_case_idx on attachments (case_id);

create table idempotency_keys (
  principal text not null,
  key text not null,
  operation text not null,
  request_hash text not null,
  status_code integer not null,
  response jsonb not null,
  created_at timestamptz not null,
  primary key (principal, key)
);
