-- RISK-2: the case search matches a description as its caller reads it. A merchant who sees
-- "139****5678" must not find the case by "1391234"; those who read contact details (agents,
-- specialists, supervisors) search a form with ID and card numbers masked, everyone else one with
-- every personal number, e-mail and WeChat/QQ id masked. New cases get both forms from the
-- application's own masking (privacy/pii.text.ts). Cases filed before get a cautious stand-in here,
-- as SQL cannot run that masking: every run of 7 or more digits, e-mail address and labelled
-- WeChat/QQ id hidden (for contact readers, runs of 15 or more: ID and card numbers), so such a
-- case is still found by its words, never by a hidden number.
alter table cases add column description_contact text not null default '';
alter table cases add column description_masked text not null default '';
update cases set
  description_contact = regexp_replace(description, '[0-9０-９](?:[ -]?[0-9０-９]){14,}[XxＸｘ]?', '****', 'g'),
  description_masked = regexp_replace(
    regexp_replace(
      regexp_replace(description, '[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+', '***', 'g'),
      '(微信号?|威信|企鹅号?|wechat|weixin|vx|wx|qq)(\s*[:：=]?\s*)[A-Za-z0-9_-]{5,20}', '\1\2****', 'gi'),
    '[0-9０-９](?:[ -]?[0-9０-９]){6,}[XxＸｘ]?', '****', 'g');
