-- User management (ORG-1, ORG-2): admins create staff, department and merchant-staff accounts,
-- change their name, role, department or language, and deactivate or reactivate them.
-- A deactivated user cannot sign in and none of their tokens work (deactivation also revokes them).
alter table users add column deactivated_at timestamptz;
alter table users add column updated_at timestamptz not null default now();
-- Merchant staff belong to exactly one merchant; no one else has one.
alter table users add constraint users_merchant_role check (role = 'merchant' or merchant_id is null);
-- The admins' user list pages newest first.
create index users_created_idx on users (created_at desc, id);
