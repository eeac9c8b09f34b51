-- Live case pages (console): a change to a case's timeline or conversation is announced on the
-- channel afterdesk_case_changed (delivered at commit), and who has a case open, and whether they
-- are editing it, is kept per case so a second handler is warned.

-- One notification per statement, not per row: intake writes whole batches. A long list of cases
-- is announced as '*' (everyone watching refreshes) to stay under NOTIFY's payload limit.
create function notify_case_changed() returns trigger language plpgsql as $$
declare
  ids text;
  n integer;
begin
  select count(distinct case_id), string_agg(distinct case_id::text, ',') into n, ids from changed_rows;
  if n = 0 then
    return null;
  end if;
  perform pg_notify('afterdesk_case_changed', case when n > 100 then '*' else ids end);
  return null;
end $$;

create trigger case_events_announce after insert on case_events
  referencing new table as changed_rows for each statement execute function notify_case_changed();
create trigger messages_announce after insert on messages
  referencing new table as changed_rows for each statement execute function notify_case_changed();

create table case_presence (
  case_id uuid not null references cases(id),
  user_id uuid not null references users(id),
  display_name text not null,
  role text not null,
  editing boolean not null default false,
  seen_at timestamptz not null,
  primary key (case_id, user_id)
);
