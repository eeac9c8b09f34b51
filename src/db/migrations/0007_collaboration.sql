-- Cross-department collaboration (ORG-2, SLA-7, TR-3): a case handler asks a department a
-- question with a deadline; the department's users answer it. Department users are a role of
-- their own, tied to one department; notices can be addressed to a department.

alter table users drop constraint users_role_check;
alter table users add constraint users_role_check
  check (role in ('customer','agent','specialist','supervisor','compliance','merchant','finance','department','admin'));
alter table users add column department text
  check (department in ('supply_chain','logistics','finance','legal','pr','compliance'));
-- A department user belongs to exactly one department; no one else has one.
alter table users add constraint users_department_role check ((role = 'department') = (department is not null));

create table collaboration_requests (
  id uuid primary key default gen_random_uuid(),
  case_id uuid not null references cases(id),
  department text not null check (department in ('supply_chain','logistics','finance','legal','pr','compliance')),
  question text not null,
  -- null when the system asked (routing may open requests on its own).
  asked_by uuid references users(id),
  asked_by_role text not null,
  asked_at timestamptz not null,
  -- The asker fixed the deadline (minutes after asking); null: the collaboration_reply target sets it.
  due_minutes integer check (due_minutes > 0),
  due_at timestamptz not null,
  status text not null default 'open' check (status in ('open','answered','cancelled')),
  answer text,
  answered_by uuid references users(id),
  answered_at timestamptz,
  cancelled_by uuid references users(id),
  cancelled_at timestamptz,
  check ((status = 'answered') = (answer is not null and answered_at is not null)),
  check ((status = 'cancelled') = (cancelled_at is not null))
);
create index collaboration_requests_case_idx on collaboration_requests (case_id, asked_at);
create index collaboration_requests_department_idx on collaboration_requests (department, status, due_at);

-- A notice to role 'department' names the department it is for.
alter table notifications add column department text;
