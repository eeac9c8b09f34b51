-- The audit trail becomes tamper-evident (RISK-6, CL-6), and customers' sensitive personal data is
-- stored encrypted (RISK-2).
--
-- 1. audit_log and audit_seals refuse UPDATE, DELETE and TRUNCATE: rows are only ever added.
-- 2. Writers do not wait on each other: an insert into audit_log only queues its ids in
--    audit_pending (a statement trigger, so recordAudit stays one statement). A sealer, one at a
--    time under an advisory lock, takes the committed pending rows in id order and appends one
--    seal each to audit_seals: chain position, audit id, the previous seal's hash and
--    sha256(position, previous hash, canonical JSON of the row). A row committed late simply gets
--    a later position. audit_pending is a work queue, not evidence: emptying it by hand leaves rows
--    without seals, which verification reports.

create function audit_refuse_change() returns trigger language plpgsql as $$
begin
  raise exception 'the audit trail is append-only: % on % is refused', tg_op, tg_table_name using errcode = '42501';
end $$;

create trigger audit_log_append_only before update or delete on audit_log
  for each row execute function audit_refuse_change();
create trigger audit_log_no_truncate before truncate on audit_log
  for each statement execute function audit_refuse_change();

create table audit_pending (
  audit_id bigint primary key
);

create function audit_queue_for_seal() returns trigger language plpgsql as $$
begin
  insert into audit_pending (audit_id) select id from new_rows;
  return null;
end $$;

create trigger audit_log_queue_for_seal after insert on audit_log
  referencing new table as new_rows
  for each statement execute function audit_queue_for_seal();

create table audit_seals (
  position bigint primary key check (position >= 1),
  -- No foreign key on purpose: a deleted audit row must leave its seal behind as evidence.
  audit_id bigint not null unique,
  prev_hash text not null,
  hash text not null,
  sealed_at timestamptz not null default now()
);

create trigger audit_seals_append_only before update or delete on audit_seals
  for each row execute function audit_refuse_change();
create trigger audit_seals_no_truncate before truncate on audit_seals
  for each statement execute function audit_refuse_change();

-- Sensitive personal data on the customer (RISK-2). Ciphertexts are AES-256-GCM with the id of
-- the key that sealed them (v1.<kid>.<iv>.<tag>.<ct>); the masked forms are what roles see.
-- The address stays readable (shop feeds and labels need it) and is masked by role on display.
alter table customers
  add column address text,
  add column id_number_enc text,
  add column id_number_masked text,
  add column refund_bank text,
  add column refund_holder text,
  add column refund_card_enc text,
  add column refund_card_masked text;
