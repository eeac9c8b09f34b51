-- Group complaints (TR-6, TR-2, TR-3): when enough distinct customers report the same problem on
-- the same product (or merchant) within a window, their cases are linked into one incident and
-- raised to L1; later matching cases join it while it is open.

create table incidents (
  id uuid primary key default gen_random_uuid(),
  -- Readable: GC + local date + sequence, e.g. GC20261110000001.
  incident_no text not null unique,
  scope text not null check (scope in ('product','merchant')),
  product_id uuid references products(id),
  merchant_id uuid not null references merchants(id),
  category text not null,
  status text not null default 'open' check (status in ('open','resolved')),
  -- The rule as it stood when the incident opened (the settings may change later).
  threshold integer not null check (threshold >= 2),
  window_hours integer not null check (window_hours > 0),
  -- Distinct customers among its cases, kept current as cases join.
  customers integer not null default 0,
  summary jsonb not null,
  opened_at timestamptz not null,
  resolved_at timestamptz,
  resolved_by uuid references users(id),
  resolution_note text,
  check ((scope = 'product') = (product_id is not null))
);
-- At most one open incident per problem: two detections racing cannot open two.
create unique index incidents_one_open on incidents (scope, merchant_id, coalesce(product_id, merchant_id), category)
  where status = 'open';
create index incidents_opened_idx on incidents (opened_at desc);
create sequence incident_no_seq;

create table incident_cases (
  incident_id uuid not null references incidents(id),
  case_id uuid not null references cases(id),
  joined_at timestamptz not null,
  -- The case that opened the incident or joined it later.
  founding boolean not null default false,
  primary key (incident_id, case_id)
);
-- A case belongs to at most one incident.
create unique index incident_cases_case_idx on incident_cases (case_id);

-- One row of settings, admin-editable through the API.
create table incident_settings (
  id boolean primary key default true check (id),
  product_threshold integer not null check (product_threshold >= 2),
  merchant_threshold integer not null check (merchant_threshold >= 2),
  window_hours integer not null check (window_hours between 1 and 720),
  merchant_scope boolean not null,
  updated_at timestamptz not null,
  updated_by uuid references users(id)
);
insert into incident_settings (product_threshold, merchant_threshold, window_hours, merchant_scope, updated_at)
  values (5, 10, 72, true, now());

-- Detection reads the recent cases of one merchant and category.
create index cases_merchant_category_idx on cases (merchant_id, category, created_at);
