-- Knowledge base and self-service (IN-6, IN-7): FAQ articles searched by segmented full text,
-- the history of every published version, "did this solve it" answers (deflections), and the
-- audit trail of what customers and staff change on an order themselves.

-- Chinese has no spaces: the application cuts title, tags and body into words (jieba) and stores
-- them space-separated in search_tokens; the 'simple' configuration then only splits on spaces and
-- lower-cases, so the same words work for Chinese and English without any extension.
create table kb_articles (
  id uuid primary key default gen_random_uuid(),
  slug text not null check (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' and length(slug) <= 120),
  locale text not null check (locale in ('zh-CN','en-US')),
  category text not null check (category in ('product_quality','not_as_described','logistics','payment','return_process','service_attitude','process_error','privacy','other')),
  title text not null,
  body text not null,
  tags text[] not null default '{}',
  status text not null default 'draft' check (status in ('draft','published','archived')),
  version integer not null default 1 check (version > 0),
  search_tokens text not null default '',
  title_tokens text not null default '',
  search tsvector generated always as (to_tsvector('simple', search_tokens)) stored,
  published_at timestamptz,
  created_at timestamptz not null,
  created_by uuid references users(id),
  updated_at timestamptz not null,
  updated_by uuid references users(id),
  unique (locale, slug)
);
create index kb_articles_search_idx on kb_articles using gin (search);
create index kb_articles_listing_idx on kb_articles (status, locale, category);

-- Every version that was ever published, as it was published (history is evidence of what
-- customers were told).
create table kb_article_versions (
  id uuid primary key default gen_random_uuid(),
  article_id uuid not null references kb_articles(id),
  version integer not null,
  slug text not null,
  locale text not null,
  category text not null,
  title text not null,
  body text not null,
  tags text[] not null default '{}',
  published_at timestamptz not null,
  published_by uuid references users(id),
  unique (article_id, version)
);

-- A customer's answer to "did this solve your problem?"; solved = true is a deflection: the
-- question was answered by self-service and no case was filed.
create table kb_deflections (
  id uuid primary key default gen_random_uuid(),
  article_id uuid not null references kb_articles(id),
  customer_id uuid references customers(id),
  query text not null default '',
  solved boolean not null,
  channel text not null default 'web',
  created_at timestamptz not null
);
create index kb_deflections_article_idx on kb_deflections (article_id, created_at);
create index kb_deflections_created_idx on kb_deflections (created_at);

-- What was changed on an order outside the shop system (IN-7): who, when, from → to.
create table order_events (
  id uuid primary key default gen_random_uuid(),
  order_id uuid not null references orders(id),
  type text not null,
  actor_id uuid references users(id),
  actor_role text not null,
  reason text,
  data jsonb not null default '{}',
  occurred_at timestamptz not null
);
create index order_events_order_idx on order_events (order_id, occurred_at);
create trigger order_events_append_only before update or delete on order_events
  for each row execute function forbid_change();
