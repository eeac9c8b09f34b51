-- Routing and assignment (TR-3, TR-4, TR-7, ORG-3): the queues cases wait in, the agents who
-- work them (skills, a cap on open cases, availability), and the ordered routing rules as data.
-- Default queues and rules are written at start-up into empty tables (routing.repository.ts).

create table queues (
  key text primary key check (key ~ '^[a-z][a-z0-9_-]{1,63}$'),
  -- {"zh-CN": "...", "en-US": "..."}
  name jsonb not null,
  -- The role that works the queue: its people are the candidates for assignment (the API checks
  -- it against the roles of the vocabulary, which grows; no CHECK here to keep in step).
  role text not null,
  active boolean not null default true,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  updated_by uuid references users(id)
);

create table agent_profiles (
  user_id uuid primary key references users(id),
  -- Skills: an agent is a candidate only when they hold every skill a routing decision needs.
  categories text[] not null default '{}',
  kinds text[] not null default '{}',
  languages text[] not null default '{}',
  product_categories text[] not null default '{}',
  max_open_cases integer not null default 20 check (max_open_cases >= 0),
  available boolean not null default true,
  senior boolean not null default false,
  updated_at timestamptz not null,
  updated_by uuid references users(id)
);

-- Evaluated in `position` order, first match wins. The whole list is replaced at once; every row
-- of a list carries the list's version.
create table routing_rules (
  id uuid primary key default gen_random_uuid(),
  key text not null unique,
  position integer not null unique,
  name jsonb not null,
  active boolean not null default true,
  conditions jsonb not null default '{}',
  actions jsonb not null,
  version integer not null default 1,
  updated_at timestamptz not null,
  updated_by uuid references users(id)
);

-- Open cases per assignee (the load that assignment balances) is one grouped read of this index.
create index cases_assignee_idx on cases (assignee_id) where assignee_id is not null;
