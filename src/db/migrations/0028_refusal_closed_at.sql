-- A refused case now records when it ended (closed_at), as a closed one does: the customer may
-- appeal a merchant's refusal within the reopen window, and retention counts from then. Cases
-- refused before take the time of their last change.
update cases set closed_at = updated_at where state = 'rejected' and closed_at is null;
