-- Sign-ins and integration tokens (RISK-2, RISK-6).
--
-- A sign-in is a person's password sign-in: the console's (an httpOnly cookie holding a random
-- sign-in id, with a CSRF token bound to it) or a script's (a bearer token). Only the SHA-256 of
-- the secret is kept. A sign-in ends at its expiry, after an idle stretch, on sign-out, or when the
-- person signs out everywhere.
create table sign_ins (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references users(id),
  secret_hash text not null unique,
  delivery text not null check (delivery in ('cookie','token')),
  -- The synchronizer token unsafe cookie-authenticated requests must echo in X-CSRF-Token.
  csrf_token text,
  user_agent text,
  ip text,
  created_at timestamptz not null,
  last_seen_at timestamptz not null,
  expires_at timestamptz not null,
  ended_at timestamptz,
  ended_reason text check (ended_reason in ('signed_out','signed_out_everywhere','ended','replaced')),
  check (delivery <> 'cookie' or csrf_token is not null),
  check ((ended_at is null) = (ended_reason is null))
);
create index sign_ins_user_idx on sign_ins (user_id, last_seen_at desc) where ended_at is null;

-- Failed sign-ins counted per account (keyed by the digest of the email as typed, whether or not
-- such an account exists, so the answer never tells) and per client address.
create table sign_in_failures (
  key text primary key,
  failures integer not null,
  window_started_at timestamptz not null,
  locked_until timestamptz
);

-- Integration tokens carry scopes; the ones that exist already keep every scope.
alter table api_tokens add column scopes text[] not null default array['cases:read','cases:write','orders:read','orders:write','admin'];
alter table api_tokens add column last_used_at timestamptz;
create index api_tokens_user_idx on api_tokens (user_id);

-- Password sign-ins used to be kept as tokens named 'sign-in': they become sign-ins (same secret,
-- so they keep working until they expire).
insert into sign_ins (user_id, secret_hash, delivery, created_at, last_seen_at, expires_at)
  select user_id, token_hash, 'token', created_at, now(), expires_at
  from api_tokens
  where name = 'sign-in' and revoked_at is null and expires_at is not null and expires_at > now();
delete from api_tokens where name = 'sign-in';
