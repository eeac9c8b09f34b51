-- Customer e-mail (IN-5, CL-1): every customer-visible message from the platform to a customer with
-- an e-mail address is queued here in the transaction that wrote the message, and sent over SMTP
-- by the mailer afterwards (retried with backoff), so no notice is lost and none is sent twice.
create table email_outbox (
  id uuid primary key default gen_random_uuid(),
  message_id uuid not null unique references messages(id),
  case_id uuid not null references cases(id),
  to_address text not null,
  locale text not null check (locale in ('zh-CN', 'en-US')),
  status text not null default 'pending' check (status in ('pending', 'sent', 'failed')),
  attempts integer not null default 0,
  next_attempt_at timestamptz not null,
  last_error text,
  created_at timestamptz not null,
  sent_at timestamptz
);
create index email_outbox_due_idx on email_outbox (next_attempt_at) where status = 'pending';
create index email_outbox_case_idx on email_outbox (case_id);
