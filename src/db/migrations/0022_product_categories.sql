-- The names of product categories, keyed by the shop system's own category code (products.category).
-- A shop's codes are often numbers or English keys; customers and staff read the name, in zh-CN and,
-- when the shop has one, en-US. A code with no row here is shown as it is.
create table product_categories (
  id uuid primary key default gen_random_uuid(),
  external_id text not null unique,
  name_zh text not null,
  name_en text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
