-- Suggested replies match the case's severity too: the safety escalation (L1) template fitted every
-- product-quality complaint and was offered first on cases with no safety signal at all.
alter table reply_templates add column severity text check (severity in ('L1','L2','L3'));
update reply_templates set severity = 'L1' where slug in ('safety.escalation', 'safety.escalation.en');
