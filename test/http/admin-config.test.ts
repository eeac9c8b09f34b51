// The admin console's API: merchants with their policy history (who published which version when),
// a refused merchant policy naming its fields, template filters, pages and previews, and an audit
// row for every configuration change (policies, SLA targets and calendars, routing rules, queues and
// agent profiles, reply templates, help articles) written in the change's own transaction — a
// refused change leaves none.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUserWithToken } from '../../src/modules/identity/index.ts';
import { PLATFORM_BASELINE } from '../../src/modules/policy/policy.rules.ts';
import { client, makeShop, startTestApp, type TestApp } from '../helpers/harness.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp('2026-11-10T10:00:00+08:00');
});
afterAll(async () => t.close());

/** The audit rows of one subject, oldest first. */
async function auditOf(subjectType: string, subjectId: string) {
  return t.runtime.deps.database.db
    .selectFrom('audit_log')
    .selectAll()
    .where('subject_type', '=', subjectType)
    .where('subject_id', '=', subjectId)
    .orderBy('id')
    .execute();
}

async function auditCount(action: string): Promise<number> {
  const rows = await t.runtime.deps.database.db.selectFrom('audit_log').select('id').where('action', '=', action).execute();
  return rows.length;
}

const generous = { ...PLATFORM_BASELINE, noReasonReturn: { ...PLATFORM_BASELINE.noReasonReturn, days: 15 } };

describe('policies in the admin console', () => {
  it('lists merchants with their newest policy version; a merchant sees only its own', async () => {
    const shop = await makeShop(t);
    const other = await makeShop(t);
    expect((await shop.merchant.put(`/api/v1/merchants/${shop.merchantId}/policy`, { rules: generous })).status).toBe(200);

    const found = await shop.admin.get(`/api/v1/merchants?q=${encodeURIComponent(shop.id)}`);
    expect(found.status).toBe(200);
    expect(found.body.total).toBe(1);
    expect(found.body.items[0]).toMatchObject({ id: shop.merchantId, latestVersion: 1, platformOperated: false });
    expect(found.body.items[0].latestPublishedAt).toBe(t.clock.now().toISOString());

    const page = await shop.admin.get('/api/v1/merchants?limit=1&offset=1');
    expect(page.body.items).toHaveLength(1);
    expect(page.body.total).toBeGreaterThanOrEqual(2);

    const own = await shop.merchant.get('/api/v1/merchants');
    expect(own.body.total).toBe(1);
    expect(own.body.items.map((m: { id: string }) => m.id)).toEqual([shop.merchantId]);
    expect((await other.merchant.get(`/api/v1/merchants?q=${encodeURIComponent(shop.id)}`)).body.items).toEqual([]);
    expect((await shop.agent.get('/api/v1/merchants')).status).toBe(403);
  });

  it('shows who published each version and when, and audits the publication', async () => {
    const shop = await makeShop(t);
    const first = await shop.merchant.put(`/api/v1/merchants/${shop.merchantId}/policy`, { rules: generous });
    t.clock.advance(60_000);
    const second = await shop.admin.put(`/api/v1/merchants/${shop.merchantId}/policy`, {
      rules: { ...generous, freeReturnShipping: true }, effectiveFrom: '2026-12-01T00:00:00+08:00',
    });
    expect(second.status).toBe(200);

    const history = await shop.compliance.get(`/api/v1/merchants/${shop.merchantId}/policy/versions`);
    expect(history.status).toBe(200);
    expect(history.body.merchant.id).toBe(shop.merchantId);
    expect(history.body.items.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    expect(history.body.items[0]).toMatchObject({ createdBy: { displayName: 'Admin', role: 'admin' }, effectiveFrom: '2026-11-30T16:00:00.000Z' });
    expect(history.body.items[0].rules.freeReturnShipping).toBe(true);
    expect(history.body.items[1]).toMatchObject({ createdBy: { displayName: '商家客服', role: 'merchant' } });
    expect(new Date(history.body.items[0].createdAt).getTime() - new Date(history.body.items[1].createdAt).getTime()).toBe(60_000);

    expect((await shop.merchant.get(`/api/v1/merchants/${shop.merchantId}/policy/versions`)).status).toBe(200);
    const other = await makeShop(t);
    expect((await other.merchant.get(`/api/v1/merchants/${shop.merchantId}/policy/versions`)).status).toBe(403);

    const audit = await auditOf('policy_version', first.body.id);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'config.policy.published', actor_role: 'merchant', outcome: 'ok' });
    expect(audit[0]!.detail).toMatchObject({ scope: 'merchant', merchantId: shop.merchantId, version: 1 });
    expect((await auditOf('policy_version', second.body.id))[0]).toMatchObject({ actor_role: 'admin', actor_label: 'Admin' });

    const platform = await shop.admin.get('/api/v1/policy/versions');
    expect(platform.body.items[0]).toHaveProperty('createdAt');
  });

  it('a policy below the baseline is refused with a field error per clause, and leaves no version and no audit row', async () => {
    const shop = await makeShop(t);
    const before = await auditCount('config.policy.published');
    const weaker = { ...PLATFORM_BASELINE, qualityExchange: { days: 20 }, reship: { days: 3 }, fraudCompensation: { multiplier: 3, minimumFen: 60_000 } };
    const refused = await shop.merchant.put(`/api/v1/merchants/${shop.merchantId}/policy`, { rules: weaker });
    expect(refused.status).toBe(422);
    expect(refused.body.type).toBe('/problems/policy-below-baseline');
    expect(refused.body.errors.map((e: { field: string }) => e.field)).toEqual(['rules.reship.days']);
    expect(refused.body.field).toBe('rules.reship.days');
    expect(refused.body.errors[0].messages['zh-CN']).toContain('缺件补发');

    const belowLaw = await shop.admin.put(`/api/v1/merchants/${shop.merchantId}/policy`, {
      rules: { ...PLATFORM_BASELINE, noReasonReturn: { ...PLATFORM_BASELINE.noReasonReturn, days: 5 }, qualityReturn: { days: 3 } },
    });
    expect(belowLaw.body.type).toBe('/problems/policy-below-law');
    expect(belowLaw.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['rules.noReasonReturn.days', 'rules.qualityReturn.days']);

    expect((await shop.admin.get(`/api/v1/merchants/${shop.merchantId}/policy/versions`)).body.items).toEqual([]);
    expect(await auditCount('config.policy.published')).toBe(before);
  });
});

describe('SLA configuration is audited', () => {
  it('records a target created and changed (before and after), and nothing for a refused one', async () => {
    const shop = await makeShop(t);
    const created = await shop.admin.post('/api/v1/sla/targets', { metric: 'plan_due', match: { merchantId: shop.merchantId }, duration: { amount: 12, unit: 'hours' } });
    expect(created.status).toBe(201);
    const changed = await shop.admin.put(`/api/v1/sla/targets/${created.body.id}`, { ...created.body, duration: { amount: 8, unit: 'working_hours' } });
    expect(changed.status).toBe(200);
    const rows = await auditOf('sla_target', created.body.id);
    expect(rows.map((r) => r.action)).toEqual(['config.sla_target.created', 'config.sla_target.updated']);
    expect(rows[1]!.detail).toMatchObject({ before: { duration: { amount: 12, unit: 'hours' } }, after: { duration: { amount: 8, unit: 'working_hours' }, version: 2 } });
    expect(rows[1]!.actor_role).toBe('admin');
    expect(rows[1]!.request_id).toBeTruthy();

    const before = await auditCount('config.sla_target.created');
    const ghost = await shop.admin.post('/api/v1/sla/targets', { metric: 'plan_due', duration: { amount: 1, unit: 'hours' }, calendarId: randomUUID() });
    expect(ghost.status).toBe(422);
    expect(await auditCount('config.sla_target.created')).toBe(before);
    expect((await shop.admin.put(`/api/v1/sla/targets/${randomUUID()}`, created.body)).status).toBe(404);
  });

  it('records a calendar added and changed', async () => {
    const shop = await makeShop(t);
    const spec = { timeZone: 'Asia/Shanghai', workingHours: [{ start: '09:00', end: '18:00' }], chineseHolidays: true, closures: [], extraWorkingDays: [] };
    const created = await shop.admin.post('/api/v1/sla/calendars', { name: `仓库-${shop.id}`, spec });
    expect(created.status).toBe(201);
    const changed = await shop.admin.put(`/api/v1/sla/calendars/${created.body.id}`, { name: `仓库-${shop.id}`, spec: { ...spec, closures: ['2026-11-11'] } });
    expect(changed.status).toBe(200);
    const rows = await auditOf('sla_calendar', created.body.id);
    expect(rows.map((r) => r.action)).toEqual(['config.sla_calendar.created', 'config.sla_calendar.updated']);
    expect(rows[1]!.detail).toMatchObject({ before: { spec: { closures: [] } }, after: { spec: { closures: ['2026-11-11'] } } });
    // A clash of names changes nothing, in the audit trail either.
    const clash = await shop.admin.post('/api/v1/sla/calendars', { name: `仓库-${shop.id}`, spec });
    expect(clash.status).toBe(409);
    expect(await auditOf('sla_calendar', created.body.id)).toHaveLength(2);
  });
});

describe('routing configuration is audited', () => {
  it('records the rule list, queues and agent profiles', async () => {
    const shop = await makeShop(t);
    const current = await shop.admin.get('/api/v1/routing/rules');
    const rules = current.body.items.map((r: { key: string; active: boolean }) => (r.key === 'l3-frontline' ? { ...r, active: false } : r));
    const saved = await shop.admin.put('/api/v1/routing/rules', { version: current.body.version, rules });
    expect(saved.status).toBe(200);
    const ruleAudit = await auditOf('routing_rules', String(saved.body.version));
    expect(ruleAudit).toHaveLength(1);
    expect(ruleAudit[0]).toMatchObject({ action: 'config.routing_rules.updated' });
    expect(ruleAudit[0]!.detail).toMatchObject({ fromVersion: current.body.version, version: saved.body.version });
    const after = (ruleAudit[0]!.detail as { after: { key: string; active: boolean }[] }).after;
    expect(after.find((r) => r.key === 'l3-frontline')?.active).toBe(false);
    // Put the list back for the other tests of this file.
    await shop.admin.put('/api/v1/routing/rules', { version: saved.body.version, rules: current.body.items });

    const key = `q${shop.id.replace(/[^a-z0-9]/g, '')}`;
    expect((await shop.admin.post('/api/v1/routing/queues', { key, name: { 'zh-CN': '大客户', 'en-US': 'VIP' }, role: 'specialist' })).status).toBe(201);
    expect((await shop.admin.put(`/api/v1/routing/queues/${key}`, { name: { 'zh-CN': '大客户组', 'en-US': 'VIP desk' }, role: 'specialist', active: false })).status).toBe(200);
    const queueAudit = await auditOf('queue', key);
    expect(queueAudit.map((r) => r.action)).toEqual(['config.routing_queue.created', 'config.routing_queue.updated']);
    expect(queueAudit[1]!.detail).toMatchObject({ before: { active: true }, after: { active: false, name: { 'en-US': 'VIP desk' } } });

    const agent = await createUserWithToken(t.runtime.deps.database.db, { email: `a-${shop.id}@test.local`, displayName: '客服甲', role: 'agent' });
    const listed = async (include: string) =>
      ((await shop.admin.get(`/api/v1/routing/agents?include=${include}`)).body.items as { userId: string; hasProfile: boolean; maxOpenCases: number }[]).find((p) => p.userId === agent.userId);
    // Staff without a profile are listed (with the defaults) only when asked for.
    expect(await listed('profiles')).toBeUndefined();
    expect(await listed('all')).toMatchObject({ hasProfile: false, maxOpenCases: 20 });
    expect((await shop.admin.put(`/api/v1/routing/agents/${agent.userId}`, { maxOpenCases: 7, skills: { categories: ['logistics'] } })).status).toBe(200);
    expect(await listed('profiles')).toMatchObject({ hasProfile: true, maxOpenCases: 7 });
    expect((await client(t, agent.token).put(`/api/v1/routing/agents/${agent.userId}`, { available: false })).status).toBe(200);
    const refused = await client(t, agent.token).put(`/api/v1/routing/agents/${agent.userId}`, { maxOpenCases: 99 });
    expect(refused.status).toBe(403);
    const profileAudit = await auditOf('agent_profile', agent.userId);
    expect(profileAudit.map((r) => [r.action, r.actor_role])).toEqual([
      ['config.agent_profile.created', 'admin'],
      ['config.agent_profile.updated', 'agent'],
    ]);
    expect(profileAudit[1]!.detail).toMatchObject({ before: { available: true, maxOpenCases: 7 }, after: { available: false, maxOpenCases: 7 } });
  });
});

describe('reply templates in the admin console', () => {
  it('filters by language, category, kind and state a page at a time, and audits each change', async () => {
    const shop = await makeShop(t);
    const name = `退货物流-${shop.id}`;
    const created = await shop.admin.post('/api/v1/reply-templates', {
      name, locale: 'zh-CN', category: 'logistics', kind: 'return_refund', state: 'awaiting_return', body: '{{customerName}}您好，请在{{dueAt}}前寄回商品。',
    });
    expect(created.status).toBe(201);
    const found = await shop.admin.get('/api/v1/reply-templates?locale=zh-CN&category=logistics&kind=return_refund&state=awaiting_return');
    expect(found.body.items.map((i: { id: string }) => i.id)).toContain(created.body.id);
    expect(found.body.items.every((i: { state: string }) => i.state === 'awaiting_return')).toBe(true);
    expect((await shop.admin.get(`/api/v1/reply-templates?q=${encodeURIComponent(shop.id)}`)).body).toMatchObject({ total: 1, items: [{ id: created.body.id }] });

    const all = await shop.admin.get('/api/v1/reply-templates');
    const page = await shop.admin.get('/api/v1/reply-templates?limit=5&offset=5');
    expect(page.body.items).toHaveLength(5);
    expect(page.body.total).toBe(all.body.total);
    expect(page.body.items.map((i: { id: string }) => i.id)).toEqual(all.body.items.slice(5, 10).map((i: { id: string }) => i.id));

    const changed = await shop.admin.put(`/api/v1/reply-templates/${created.body.id}`, { ...created.body, active: false });
    expect(changed.body.version).toBe(2);
    const rows = await auditOf('reply_template', created.body.id);
    expect(rows.map((r) => r.action)).toEqual(['config.reply_template.created', 'config.reply_template.updated']);
    expect(rows[1]!.detail).toMatchObject({ before: { active: true, version: 1 }, after: { active: false, version: 2 } });

    const before = await auditCount('config.reply_template.created');
    expect((await shop.admin.post('/api/v1/reply-templates', { name: 'x', locale: 'zh-CN', body: '绝对正品' })).status).toBe(422);
    expect(await auditCount('config.reply_template.created')).toBe(before);
  });

  it('previews a template with sample values or a case, and flags forbidden wording, saving nothing', async () => {
    const shop = await makeShop(t);
    const sample = await shop.admin.post('/api/v1/reply-templates/preview', { body: '{{customerName}}您好，订单{{orderNo}}：{{refundAmount}}，{{oops}}', locale: 'zh-CN' });
    expect(sample.status).toBe(200);
    expect(sample.body).toMatchObject({ source: 'sample', unknown: ['oops'], filled: ['customerName', 'orderNo', 'refundAmount'] });
    expect(sample.body.text).toContain(sample.body.values.customerName);
    expect(sample.body.text).toContain('{{oops}}');
    expect(Object.keys(sample.body.values).sort()).toEqual(['caseNo', 'customerName', 'dueAt', 'orderNo', 'productName', 'refundAmount']);

    const caseNo: string = (await shop.customer.post('/api/v1/cases', {
      kind: 'complaint', reason: 'quality', items: [{ orderItemId: shop.orderItemId, quantity: 1 }], description: '耳机有杂音',
    })).body.caseNo;
    const withCase = await shop.admin.post('/api/v1/reply-templates/preview', { body: '{{customerName}}，售后单{{caseNo}}（{{orderNo}}）绝对正品', locale: 'zh-CN', caseNo });
    expect(withCase.body.source).toBe('case');
    expect(withCase.body.text).toContain(`张三，售后单${caseNo}（${shop.orderNo}）`);
    expect(withCase.body.wordingFlags[0]).toMatchObject({ phrase: '绝对正品' });
    expect((await shop.admin.post('/api/v1/reply-templates/preview', { body: 'x', caseNo: 'AS20990101000001' })).status).toBe(404);
    expect((await shop.agent.post('/api/v1/reply-templates/preview', { body: 'x' })).status).toBe(403);
  });
});

describe('help articles are audited', () => {
  it('records writing, editing, archiving and publishing, and names who published each version', async () => {
    const shop = await makeShop(t);
    const slug = `admin-${shop.id.replace(/[^a-z0-9]/g, '')}`;
    const v1 = await shop.admin.post('/api/v1/kb/articles', { slug, locale: 'zh-CN', category: 'payment', publish: true, title: '发票怎么开', body: '在订单详情页申请电子发票。' });
    expect(v1.status).toBe(201);
    const v2 = await shop.admin.put(`/api/v1/kb/articles/${v1.body.id}`, { slug, locale: 'zh-CN', category: 'payment', title: '发票怎么开？', body: '在订单详情页申请电子发票，开具后发送到邮箱。', expectedVersion: 1 });
    expect(v2.body.version).toBe(2);
    expect((await shop.admin.post(`/api/v1/kb/articles/${v1.body.id}/archive`)).status).toBe(200);
    expect((await shop.admin.post(`/api/v1/kb/articles/${v1.body.id}/publish`)).status).toBe(200);
    const stale = await shop.admin.put(`/api/v1/kb/articles/${v1.body.id}`, { slug, locale: 'zh-CN', category: 'payment', title: 'x', body: 'y', expectedVersion: 1 });
    expect(stale.status).toBe(409);

    const rows = await auditOf('kb_article', v1.body.id);
    expect(rows.map((r) => r.action)).toEqual(['config.kb_article.created', 'config.kb_article.updated', 'config.kb_article.archived', 'config.kb_article.published']);
    expect(rows[1]!.detail).toMatchObject({ before: { version: 1, title: '发票怎么开' }, after: { version: 2, title: '发票怎么开？' } });

    const versions = await shop.admin.get(`/api/v1/kb/articles/${v1.body.id}/versions`);
    expect(versions.body.items.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    expect(versions.body.items[0].publishedByName).toBe('Admin');
  });
});
