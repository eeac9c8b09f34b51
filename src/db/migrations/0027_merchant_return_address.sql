-- RES-6: where the buyer sends goods back. The shop system sends each merchant's return address
-- (recipient, phone, address); the case shows it to the buyer while the goods are to be returned.
alter table merchants add column return_address jsonb;
