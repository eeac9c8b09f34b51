-- RES-1, RES-2: fraud (假一赔三) found on a case stays found. The case records when and by whom, so
-- every later plan is held to the statutory compensation until compliance withdraws the finding
-- (an event with its reason); each offer records whether the finding stood when it was made.
alter table cases add column fraud_found_at timestamptz;
alter table cases add column fraud_found_by uuid references users(id);
alter table offers add column fraud_found boolean not null default false;
