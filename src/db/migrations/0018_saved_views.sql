-- A user's saved case-list views (filters and sort under a name), shown beside the built-in ones.
create table saved_views (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references users(id),
  name text not null,
  filters jsonb not null,
  created_at timestamptz not null,
  unique (user_id, name)
);
