-- Suggested replies (AN-5): templates per category, kind and state with {{variables}}, ranked for
-- the case at hand. Defaults are loaded at start-up into an empty table; admins edit them after.

create table reply_templates (
  id uuid primary key default gen_random_uuid(),
  slug text unique,
  name text not null,
  locale text not null check (locale in ('zh-CN','en-US')),
  -- Match keys: null matches any case.
  category text,
  kind text,
  state text,
  body text not null check (length(body) between 1 and 4000),
  active boolean not null default true,
  version integer not null default 1,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  updated_by uuid references users(id)
);
create index reply_templates_active_idx on reply_templates (locale) where active;
