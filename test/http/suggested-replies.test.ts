// Suggested replies through the real app (AN-5): the default templates ranked for a case with its
// own values filled in, access by role and merchant, and admin maintenance of the templates.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PNG_1x1 } from '../helpers/files.ts';
import { fileCase, makeShop, type Shop, startTestApp, type TestApp } from '../helpers/harness.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp('2026-11-10T10:00:00+08:00');
});
afterAll(async () => t.close());

type Suggestion = { rank: number; templateId: string; name: string; locale: string; match: string; matched: string[]; text: string; filled: string[]; missing: string[] };

async function logisticsCase(shop: Shop): Promise<string> {
  const created = await shop.customer.post('/api/v1/cases', {
    kind: 'complaint',
    reason: 'logistics',
    channel: 'web',
    items: [{ orderItemId: shop.orderItemId, quantity: 1 }],
    description: '包裹显示已签收，但我没有收到',
  });
  expect(created.status).toBe(201);
  const caseNo: string = created.body.caseNo;
  expect((await shop.agent.action(caseNo, 'acknowledge', {})).status).toBe(200);
  return caseNo;
}

async function suggestions(c: Shop['agent'], caseNo: string, query = ''): Promise<Suggestion[]> {
  const res = await c.get(`/api/v1/cases/${caseNo}/suggested-replies${query}`);
  expect(res.status).toBe(200);
  return res.body.items;
}

describe('suggested replies for a case', () => {
  let shop: Shop;
  let caseNo: string;

  beforeAll(async () => {
    shop = await makeShop(t);
    caseNo = await logisticsCase(shop);
  });

  it('a logistics case just acknowledged gets the logistics acknowledgement first, filled in', async () => {
    const res = await shop.agent.get(`/api/v1/cases/${caseNo}/suggested-replies`);
    expect(res.status).toBe(200);
    expect(res.body.locale).toBe('zh-CN');
    const [first, ...rest] = res.body.items as Suggestion[];
    expect(first).toMatchObject({ rank: 1, name: '受理确认 · 物流问题', locale: 'zh-CN', match: 'partial', matched: ['category', 'state'] });
    expect(first!.text).toContain('张三您好');
    expect(first!.text).toContain(caseNo);
    expect(first!.text).toContain(shop.orderNo);
    expect(first!.text).not.toContain('{{');
    expect(first!.filled).toEqual(expect.arrayContaining(['customerName', 'caseNo', 'orderNo', 'dueAt']));
    expect(first!.missing).toEqual([]);
    // {{dueAt}}: the most urgent open clock, in Beijing time (the logistics follow-up, 2 h after acknowledgement).
    expect(first!.text).toContain('2026-11-10 12:00');
    // Then partial matches, generic last; nothing for another category or state; zh-CN before en-US.
    const names = rest.map((s) => s.name);
    expect(names).toContain('受理确认 · 通用');
    expect(names).not.toContain('受理确认 · 商品质量');
    expect(names).not.toContain('补充凭证 · 物流破损');
    expect(rest.findIndex((s) => s.locale === 'en-US')).toBeGreaterThan(rest.findLastIndex((s) => s.locale === 'zh-CN'));
    const generic = rest.findIndex((s) => s.match === 'generic');
    expect(rest.slice(0, generic).every((s) => s.match !== 'generic')).toBe(true);
  });

  it('a variable without a value for the case stays visible and is reported missing', async () => {
    const items = await suggestions(shop.agent, caseNo, '?limit=50');
    const apology = items.find((s) => s.name === '致歉与跟进')!;
    expect(apology.missing).toEqual([]);
    const res = await shop.admin.post('/api/v1/reply-templates', {
      name: '退款说明（测试）', locale: 'zh-CN', category: 'logistics', state: 'acknowledged', body: '退款 {{refundAmount}} 将退回，运单 {{trackingNo}}。',
    });
    expect(res.status).toBe(201);
    expect(res.body.unknownVariables).toEqual(['trackingNo']);
    const shown = (await suggestions(shop.agent, caseNo, '?limit=50')).find((s) => s.templateId === res.body.id)!;
    expect(shown.text).toBe('退款 {{refundAmount}} 将退回，运单 {{trackingNo}}。');
    expect(shown.missing).toEqual(['refundAmount', 'trackingNo']);
    await shop.admin.put(`/api/v1/reply-templates/${res.body.id}`, { ...res.body, active: false });
  });

  it('asks for the English templates when told, or when the customer reads English', async () => {
    const en = await suggestions(shop.agent, caseNo, '?locale=en-US');
    expect(en[0]).toMatchObject({ name: 'Acknowledgement · logistics', locale: 'en-US' });
    expect(en[0]!.text).toContain('Dear 张三');
    const customer = `/api/v1/integration/customers/c-${shop.id}`;
    expect((await shop.admin.put(customer, { name: '张三', phone: '13800138000', tier: 'gold', locale: 'en-US' })).status).toBe(200);
    const res = await shop.agent.get(`/api/v1/cases/${caseNo}/suggested-replies`);
    expect(res.body.locale).toBe('en-US');
    expect(res.body.items[0].name).toBe('Acknowledgement · logistics');
    await shop.admin.put(customer, { name: '张三', phone: '13800138000', tier: 'gold', locale: 'zh-CN' });
  });

  it('staff and the case merchant may ask; customers and other merchants may not', async () => {
    expect((await shop.customer.get(`/api/v1/cases/${caseNo}/suggested-replies`)).status).toBe(403);
    expect((await shop.anonymous.get(`/api/v1/cases/${caseNo}/suggested-replies`)).status).toBe(401);
    expect((await shop.finance.get(`/api/v1/cases/${caseNo}/suggested-replies`)).status).toBe(403);
    const own = await shop.merchant.get(`/api/v1/cases/${caseNo}/suggested-replies`);
    expect(own.status).toBe(200);
    expect(own.body.items[0].name).toBe('受理确认 · 物流问题');
    const other = await makeShop(t);
    expect((await other.merchant.get(`/api/v1/cases/${caseNo}/suggested-replies`)).status).toBe(404);
    expect((await shop.supervisor.get('/api/v1/cases/AS000/suggested-replies')).status).toBe(404);
  });
});

describe('template maintenance', () => {
  it('a template an admin adds appears for matching cases only, ranked by how well it fits', async () => {
    const shop = await makeShop(t);
    const caseNo = await logisticsCase(shop);
    const created = await shop.admin.post('/api/v1/reply-templates', {
      name: '物流投诉专项受理',
      locale: 'zh-CN',
      category: 'logistics',
      kind: 'complaint',
      state: 'acknowledged',
      body: '{{customerName}}您好，您的物流投诉（售后单 {{caseNo}}）已由物流专项小组受理，我们将在 {{dueAt}} 前回复您。',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ version: 1, active: true, variables: ['customerName', 'caseNo', 'dueAt'], unknownVariables: [] });
    const items = await suggestions(shop.agent, caseNo);
    expect(items[0]).toMatchObject({ templateId: created.body.id, match: 'exact', matched: ['category', 'state', 'kind'] });
    expect(items[0]!.text).toContain(`售后单 ${caseNo}`);
    expect(items[1]!.name).toBe('受理确认 · 物流问题');

    // Not for a case it does not fit: a quality complaint.
    const quality = await shop.customer.post('/api/v1/cases', {
      kind: 'repair', reason: 'quality', channel: 'web', items: [{ orderItemId: shop.orderItemId, quantity: 1 }], description: '无法开机',
    });
    expect(quality.status).toBe(201);
    expect((await suggestions(shop.agent, quality.body.caseNo, '?limit=50')).some((s) => s.templateId === created.body.id)).toBe(false);

    // Changed, it bumps its version; deactivated, it is no longer suggested.
    const changed = await shop.admin.put(`/api/v1/reply-templates/${created.body.id}`, { ...created.body, body: `${created.body.body}（物流专线）`, active: false });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ version: 2, active: false });
    expect((await suggestions(shop.agent, caseNo, '?limit=50')).some((s) => s.templateId === created.body.id)).toBe(false);
  });

  it('refuses wording the SOP forbids, with the compliant alternative (RISK-1)', async () => {
    const shop = await makeShop(t);
    const res = await shop.admin.post('/api/v1/reply-templates', { name: '承诺', locale: 'zh-CN', body: '{{customerName}}您好，我们的商品绝对正品，终身保修。' });
    expect(res.status).toBe(422);
    expect(res.body.type).toContain('non-compliant-wording');
    expect(res.body.detail ?? res.body.title).toContain('符合国家质检标准');
  });

  it('lists the default templates to admins only', async () => {
    const shop = await makeShop(t);
    const all = await shop.admin.get('/api/v1/reply-templates');
    expect(all.status).toBe(200);
    const defaults = all.body.items.filter((i: { slug: string | null }) => i.slug !== null);
    expect(defaults.length).toBeGreaterThanOrEqual(25);
    expect((await shop.admin.get('/api/v1/reply-templates?locale=en-US')).body.items.every((i: { locale: string }) => i.locale === 'en-US')).toBe(true);
    expect((await shop.agent.get('/api/v1/reply-templates')).status).toBe(403);
    expect((await shop.agent.post('/api/v1/reply-templates', { name: 'x', locale: 'zh-CN', body: 'x' })).status).toBe(403);
    expect((await shop.admin.put('/api/v1/reply-templates/00000000-0000-4000-8000-000000000000', { name: 'x', locale: 'zh-CN', body: 'x' })).status).toBe(404);
  });
});

describe('wording check while a reply is written (RISK-1)', () => {
  it('flags each risky phrase where it is, with the compliant alternative; staff and merchants; the text is validated', async () => {
    const shop = await makeShop(t);
    const text = '您好，本店绝对正品，终身保修。';
    const res = await shop.agent.post('/api/v1/replies/check-wording', { text });
    expect(res.status).toBe(200);
    expect(res.body.flags).toEqual([
      { rule: 'absolute-promise', phrase: '绝对正品', index: text.indexOf('绝对正品'), alternative: { 'zh-CN': '符合国家质检标准', 'en-US': expect.any(String) } },
      { rule: 'lifetime-promise', phrase: '终身保修', index: text.indexOf('终身保修'), alternative: { 'zh-CN': '提供X年质保服务', 'en-US': expect.any(String) } },
    ]);
    const clean = await shop.supervisor.post('/api/v1/replies/check-wording', { text: '您好，商品符合国家质检标准，提供1年质保服务。' });
    expect(clean.body.flags).toEqual([]);

    expect((await shop.customer.post('/api/v1/replies/check-wording', { text })).status).toBe(403);
    // Merchants write to customers too.
    const merchant = await shop.merchant.post('/api/v1/replies/check-wording', { text });
    expect(merchant.status).toBe(200);
    expect(merchant.body.flags.map((f: { phrase: string }) => f.phrase)).toEqual(['绝对正品', '终身保修']);
    expect((await shop.anonymous.post('/api/v1/replies/check-wording', { text })).status).toBe(401);
    const missing = await shop.agent.post('/api/v1/replies/check-wording', {});
    expect(missing.status).toBe(400);
    expect(missing.body.field).toBe('body.text');
    expect((await shop.agent.post('/api/v1/replies/check-wording', { text: 'x'.repeat(5001) })).status).toBe(400);
  });
});

describe('staff texts to the customer are checked on the server (RISK-1)', () => {
  const refusedFor = (res: { status: number; body: { type: string; field: string; flags: { phrase: string; rule: string }[] } }) => {
    expect(res.status).toBe(422);
    expect(res.body.type).toBe('/problems/non-compliant-wording');
    return [res.body.field, ...res.body.flags.map((f) => `${f.rule}:${f.phrase}`)];
  };

  it('refuses a reply, a result and a plan basis with forbidden wording, stores nothing, and takes the fixed text', async () => {
    const shop = await makeShop(t);
    const caseNo = await logisticsCase(shop);
    const messages = async () => (await shop.agent.get(`/api/v1/cases/${caseNo}`)).body.messages.map((m: { body: string }) => m.body);
    const before = await messages();

    expect(refusedFor(await shop.agent.post(`/api/v1/cases/${caseNo}/messages`, { body: '这个是公司的规定，我需要向领导请示一下', visibility: 'public' }))).toEqual([
      'body', 'policy-deflection:这个是公司的规定', 'escalation-deflection:我需要向领导请示一下',
    ]);
    expect(refusedFor(await shop.merchant.post(`/api/v1/cases/${caseNo}/messages`, { body: '按照公司规定只能这样', visibility: 'public' }))).toEqual(['body', 'policy-deflection:按照公司规定']);
    // An internal note is not said to the customer; the customer's own words are not the platform's.
    expect((await shop.agent.post(`/api/v1/cases/${caseNo}/messages`, { body: '客户说这是公司规定，需核实', visibility: 'internal' })).status).toBe(201);
    expect((await shop.customer.post(`/api/v1/cases/${caseNo}/messages`, { body: '客服说这是公司规定，我不接受' })).status).toBe(201);

    expect((await shop.agent.action(caseNo, 'start_investigation', {})).status).toBe(200);
    const plan = { planType: 'apology', responsibility: 'merchant_error', terms: { apology: true } };
    expect(refusedFor(await shop.agent.action(caseNo, 'propose_plan', { ...plan, basis: '公司有规定，终生保修' }))).toEqual([
      'basis', 'policy-deflection:公司有规定', 'lifetime-promise:终生保修',
    ]);
    expect((await shop.agent.action(caseNo, 'propose_plan', { ...plan, basis: '物流延误，向您致歉' })).status).toBe(200);
    expect((await shop.customer.action(caseNo, 'accept_plan', {})).status).toBe(200);

    const result = await shop.agent.action(caseNo, 'notify_result', { message: '这是公司规定的最高赔偿' });
    expect(refusedFor(result)).toEqual(['message', 'policy-deflection:这是公司规定']);
    expect(result.body.messages['zh-CN']).toContain('「这是公司规定」→ 建议改为「我们会尽力帮您争取最优方案」');
    const detail = (await shop.agent.get(`/api/v1/cases/${caseNo}`)).body;
    expect(detail.state).toBe('resolved');
    expect(await messages()).toEqual([...before, '客户说这是公司规定，需核实', '客服说这是公司规定，我不接受']);
    // The compliant text goes out.
    expect((await shop.agent.action(caseNo, 'notify_result', { message: '我们已尽力帮您争取最优方案，退款保证金已原路退回' })).body.state).toBe('result_notified');
  });

  it('refuses it in every note on the customer\'s timeline and in plan steps: receipt, inspection, merge, close', async () => {
    const shop = await makeShop(t, { signedAt: new Date(t.clock.now().getTime() - 24 * 3_600_000).toISOString() });
    const caseNo = (await shop.customer.post('/api/v1/cases', {
      kind: 'return_refund', reason: 'no_reason', items: [{ orderItemId: shop.orderItemId, quantity: 1 }], description: '吊牌还在，不想要了',
    })).body.caseNo as string;
    const complaint = await fileCase(shop, { kind: 'complaint', reason: 'quality', description: '同一件商品的投诉' });
    expect(refusedFor(await shop.agent.action(complaint, 'merge_into', { targetCaseNo: caseNo, reason: '公司有规定，同一问题只处理一次' }))).toEqual([
      'reason', 'policy-deflection:公司有规定',
    ]);
    expect((await shop.agent.action(complaint, 'merge_into', { targetCaseNo: caseNo, reason: '同一商品的问题，合并处理' })).body.state).toBe('merged');

    expect((await shop.merchant.action(caseNo, 'approve_request', {})).body.state).toBe('awaiting_return');
    await shop.customer.action(caseNo, 'ship_return', { carrier: '中通', trackingNo: `ZT${shop.id}W`, shippingFeeFen: 0 });
    expect(refusedFor(await shop.merchant.action(caseNo, 'receive_return', { note: '按照本店规定，拆封不退' }))).toEqual(['note', 'policy-deflection:按照本店规定']);
    expect((await shop.merchant.action(caseNo, 'receive_return', { note: '已收到退货，将尽快验货' })).body.state).toBe('return_received');
    const photo = await shop.merchant.upload(caseNo, { purpose: 'inspection' }, { name: 'tag.png', bytes: PNG_1x1 });
    const inspect = (reason: string) => shop.merchant.action(caseNo, 'inspect', { passed: false, reason, photoAttachmentIds: [photo.body.id] });
    expect(refusedFor(await inspect('这是公司规定，吊牌剪了就不能退，我需要请示领导'))).toEqual([
      'reason', 'policy-deflection:这是公司规定', 'escalation-deflection:我需要请示领导',
    ]);
    expect((await inspect('吊牌已剪断，影响二次销售')).body.state).toBe('inspection_failed');
    const timeline = (await shop.customer.get(`/api/v1/cases/${caseNo}`)).body.timeline.map((e: { reason: string | null }) => e.reason).filter(Boolean);
    expect(timeline).toEqual(expect.arrayContaining(['已收到退货，将尽快验货', '吊牌已剪断，影响二次销售']));
    expect(JSON.stringify(timeline)).not.toMatch(/规定|请示/);

    // Plan steps are shown to the customer with the plan; a close note on their timeline.
    const other = await logisticsCase(shop);
    expect((await shop.agent.action(other, 'start_investigation', {})).status).toBe(200);
    const step = { task: '补发商品', ownerRole: 'agent', dueInHours: 24, verification: '上传补发运单' };
    const plan = { planType: 'apology', responsibility: 'merchant_error', terms: { apology: true }, basis: '物流延误，向您致歉' };
    expect(refusedFor(await shop.agent.action(other, 'propose_plan', { ...plan, steps: [step, { ...step, task: '按照公司规定补发' }] }))).toEqual([
      'steps.1.task', 'policy-deflection:按照公司规定',
    ]);
    expect(refusedFor(await shop.agent.action(other, 'propose_plan', { ...plan, steps: [{ ...step, verification: '这个我得请示一下老板' }] }))).toEqual([
      'steps.0.verification', 'escalation-deflection:我得请示一下老板',
    ]);
    expect((await shop.agent.action(other, 'propose_plan', plan)).body.state).toBe('plan_proposed');
    // A rejection staff record for the customer (given by phone) is in the customer's own words.
    expect((await shop.agent.action(other, 'reject_plan', { reason: '客户来电：客服说这是公司规定，不接受' })).body.state).toBe('investigating');
    expect((await shop.agent.action(other, 'propose_plan', plan)).body.state).toBe('plan_proposed');
    await shop.customer.action(other, 'accept_plan', {});
    expect((await shop.agent.action(other, 'notify_result', { message: '已向您致歉' })).body.state).toBe('result_notified');
    expect(refusedFor(await shop.agent.action(other, 'close', { note: '公司规定是这样的，没办法' }))).toEqual(['note', 'policy-deflection:公司规定是这样的，没办法']);
    expect((await shop.agent.action(other, 'close', { note: '客户电话确认问题已解决' })).body.state).toBe('closed');
  });
});

describe('the safety escalation reply', () => {
  const complaint = (shop: Shop, description: string) =>
    shop.customer.post('/api/v1/cases', { kind: 'complaint', reason: 'quality', channel: 'web', items: [{ orderItemId: shop.orderItemId, quantity: 1 }], description });

  it('is offered first on an urgent safety complaint, and not at all on a quality complaint without danger', async () => {
    const burning = await makeShop(t);
    const urgent = await complaint(burning, '充电时耳机仓冒烟起火，把桌子烧黑了，孩子手也烫伤了');
    expect(urgent.status).toBe(201);
    expect((await burning.agent.get(`/api/v1/cases/${urgent.body.caseNo}`)).body).toMatchObject({ severity: 'L1', category: 'product_quality' });
    const [first] = await suggestions(burning.agent, urgent.body.caseNo);
    expect(first).toMatchObject({ name: '人身安全问题升级（一级）', matched: ['category', 'severity', 'kind'] });

    const noisy = await makeShop(t);
    const routine = await complaint(noisy, '耳机右耳有杂音，音质明显不如宣传');
    expect(routine.status).toBe(201);
    expect((await noisy.agent.get(`/api/v1/cases/${routine.body.caseNo}`)).body.severity).toMatch(/^L[23]$/);
    const names = (await suggestions(noisy.agent, routine.body.caseNo)).map((s) => s.name);
    expect(names.length).toBeGreaterThan(0);
    expect(names).not.toContain('人身安全问题升级（一级）');
  });
});
