// 平台介入 after a merchant's refusal (ORG-3): the merchant's "no" is not the last word. Within the
// reopen window the customer brings the platform in, the case is investigated again by the
// platform, whose plan clock runs, and the merchant no longer decides it. A refusal the platform
// made itself, or one older than the window, cannot be appealed this way. On an open case the
// customer asks once the merchant has had its turn; a plan of the merchant's still pending is
// withdrawn, and the platform owes its own.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PNG_1x1 } from '../helpers/files.ts';
import { makeShop, type Shop, startTestApp, type TestApp } from '../helpers/harness.ts';

const DAY = 86_400_000;
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp('2026-11-10T10:00:00+08:00');
});
afterAll(async () => t.close());

type Detail = { state: string; queue: string; actions: { action: string }[]; timeline: { type: string; fromState: string; toState: string }[]; deadlines: { metric: string; party: string; state: string }[] };
const view = async (as: Shop['agent'], caseNo: string) => (await as.get(`/api/v1/cases/${caseNo}`)).body as Detail;
const actions = (d: Detail) => d.actions.map((a) => a.action);

async function refused(shop: Shop, by: 'merchant' | 'agent'): Promise<string> {
  const caseNo: string = (await shop.customer.post('/api/v1/cases', {
    kind: 'return_refund', reason: 'no_reason', items: [{ orderItemId: shop.orderItemId, quantity: 1 }], description: '尺码不合适，想退货',
  })).body.caseNo;
  const rejected = await shop[by].action(caseNo, 'reject_ineligible', { reason: '商品已拆封，影响二次销售' });
  expect(rejected.body.state, JSON.stringify(rejected.body)).toBe('rejected');
  return caseNo;
}

describe('appealing a refusal', () => {
  it('brings the platform in on a refusal the merchant made, and the platform decides from there', async () => {
    const shop = await makeShop(t, { signedAt: new Date(t.clock.now().getTime() - DAY).toISOString() });
    const caseNo = await refused(shop, 'merchant');
    expect(actions(await view(shop.customer, caseNo))).toContain('appeal');
    expect((await shop.customer.action(caseNo, 'appeal', {})).status).toBe(400);

    const appealed = await shop.customer.action(caseNo, 'appeal', { reason: '试穿不影响二次销售，商家驳回不合理' });
    expect(appealed.status, JSON.stringify(appealed.body)).toBe(200);
    expect(appealed.body.state).toBe('investigating');
    const staff = await view(shop.agent, caseNo);
    expect(staff.queue).toBe('specialists');
    expect(staff.timeline.map((e) => e.type)).toContain('platform_intervention');
    // The platform owes a plan of its own now.
    expect(staff.deadlines.find((d) => d.metric === 'plan_due' && d.state === 'running'), JSON.stringify([staff.deadlines, staff.timeline.map((e) => e.type)])).toBeDefined();
    // The merchant that refused no longer decides; the platform grants the statutory return.
    expect((await shop.merchant.action(caseNo, 'reject_ineligible', { reason: '再次驳回' })).body.code).toBe('platform_handles');
    expect((await shop.agent.action(caseNo, 'approve_request', {})).body.state).toBe('awaiting_return');
    const told = (await shop.merchant.get('/api/v1/notifications')).body.items as { type: string; caseNo: string }[];
    expect(told.some((n) => n.type === 'platform_intervention' && n.caseNo === caseNo)).toBe(true);
  });

  it('is not offered on a refusal the platform made itself', async () => {
    const shop = await makeShop(t, { platformOperated: true, signedAt: new Date(t.clock.now().getTime() - DAY).toISOString() });
    const caseNo = await refused(shop, 'agent');
    expect(actions(await view(shop.customer, caseNo))).not.toContain('appeal');
    const appealed = await shop.customer.action(caseNo, 'appeal', { reason: '不服' });
    expect(appealed.status).toBe(409);
    expect(appealed.body.code).toBe('not_merchant_refusal');
  });

  it('closes with the reopen window, and the refusal is archived only after it', async () => {
    const shop = await makeShop(t, { signedAt: new Date(t.clock.now().getTime() - DAY).toISOString() });
    const caseNo = await refused(shop, 'merchant');
    expect((await shop.agent.action(caseNo, 'archive', {})).body.code).toBe('reopen_window_open');
    t.clock.advance(16 * DAY);
    const late = await shop.customer.action(caseNo, 'appeal', { reason: '现在才看到' });
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('appeal_window_closed');
    expect(actions(await view(shop.customer, caseNo))).not.toContain('appeal');
    expect((await shop.agent.action(caseNo, 'archive', {})).body.state).toBe('archived');
  });
});

describe('asking the platform in on an open case (ORG-3)', () => {
  const complaint = async (shop: Shop) =>
    (await shop.customer.post('/api/v1/cases', {
      kind: 'complaint', reason: 'quality', items: [{ orderItemId: shop.orderItemId, quantity: 1 }], description: '耳机左耳没有声音',
    })).body.caseNo as string;
  const plan = (refundFen: number) => ({
    planType: 'partial_refund', responsibility: 'quality_defect', terms: { refundFen, keepItem: true }, basis: '商品存在轻微质量问题，客户可保留商品',
  });
  type Full = Detail & { rejectedPlans: number; offers: { id: string; proposerRole: string; status: string }[]; messages: { body: string }[] };

  it('is the customer’s once the merchant has had its turn, and says when that is', async () => {
    const shop = await makeShop(t, { signedAt: new Date(t.clock.now().getTime() - DAY).toISOString() });
    const filedAt = t.clock.now().getTime();
    const caseNo: string = (await shop.customer.post('/api/v1/cases', {
      kind: 'return_refund', reason: 'no_reason', items: [{ orderItemId: shop.orderItemId, quantity: 1 }], description: '尺码不合适，想退货',
    })).body.caseNo;
    expect(actions(await view(shop.customer, caseNo))).not.toContain('appeal');
    const early = await shop.customer.action(caseNo, 'appeal', { reason: '想让平台处理' });
    expect([early.status, early.body.type]).toEqual([409, '/problems/appeal-too-early']);
    // The merchant owes its first answer within 2 h: past that unanswered, the customer may ask.
    expect(new Date(early.body.availableFrom).getTime()).toBe(filedAt + 2 * 3_600_000);
    expect((await view(shop.agent, caseNo)).queue).toBe('merchant');
    t.clock.advance(2 * 3_600_000);
    expect(actions(await view(shop.customer, caseNo))).toContain('appeal');
    expect((await shop.customer.action(caseNo, 'appeal', { reason: '商家两小时未回复' })).status).toBe(200);
  });

  it('withdraws the merchant’s pending plan without counting a rejection, and starts the platform’s plan clock', async () => {
    const shop = await makeShop(t, { signedAt: new Date(t.clock.now().getTime() - DAY).toISOString() });
    const caseNo = await complaint(shop);
    await shop.merchant.action(caseNo, 'start_investigation', {});
    await shop.merchant.action(caseNo, 'propose_plan', plan(3000));
    expect((await shop.customer.action(caseNo, 'reject_plan', { reason: '补偿太少' })).status).toBe(200);
    expect((await shop.merchant.action(caseNo, 'propose_plan', plan(4000))).body.state).toBe('plan_proposed');

    // The customer rejected the merchant's plan once: they may ask the platform rather than answer the revision.
    const appealed = await shop.customer.action(caseNo, 'appeal', { reason: '商家方案仍不合理，申请平台介入' });
    expect(appealed.status, JSON.stringify(appealed.body)).toBe(200);
    expect(appealed.body.state).toBe('investigating');
    const after = (await view(shop.agent, caseNo)) as Full;
    expect(after.rejectedPlans).toBe(1);
    expect(after.offers.map((o) => [o.proposerRole, o.status])).toEqual([['merchant', 'rejected'], ['merchant', 'superseded']]);
    const clocks = after.deadlines.filter((d) => d.state === 'running').map((d) => `${d.metric}:${d.party}`);
    expect(clocks).toContain('plan_due:platform');
    expect(after.deadlines.find((d) => d.metric === 'plan_answer' && d.state === 'running')).toBeUndefined();
    expect(after.timeline.find((e) => e.type === 'platform_intervention')).toMatchObject({ fromState: 'plan_proposed', toState: 'investigating' });
    // Nothing is left for the customer to answer, and both sides are told why.
    expect((await shop.customer.action(caseNo, 'accept_plan', {})).status).toBe(409);
    expect(((await view(shop.customer, caseNo)) as Full).messages.map((m) => m.body).join()).toContain('方案已撤回');
    const told = (await shop.merchant.get('/api/v1/notifications?limit=200')).body.items as { type: string; caseNo: string; body: Record<string, string> }[];
    expect(told.find((n) => n.caseNo === caseNo && n.type === 'platform_intervention')?.body['zh-CN']).toContain('已撤回');
  });

  it('tells the merchant each time the platform steps in, also after handing the case back', async () => {
    const shop = await makeShop(t, { signedAt: new Date(t.clock.now().getTime() - DAY).toISOString() });
    const caseNo = await complaint(shop);
    expect((await shop.agent.action(caseNo, 'appeal', { reason: '买家来电要求平台处理' })).status).toBe(200);
    expect((await shop.supervisor.action(caseNo, 'assign', { queue: 'merchant' })).status).toBe(200);
    expect((await shop.agent.action(caseNo, 'appeal', { reason: '买家再次来电' })).status).toBe(200);
    const told = (await shop.merchant.get('/api/v1/notifications?limit=200')).body.items as { type: string; caseNo: string }[];
    expect(told.filter((n) => n.caseNo === caseNo && n.type === 'platform_intervention')).toHaveLength(2);
  });
});

describe('the merchant’s turn is read from the case’s history (ORG-3)', () => {
  const HOUR = 3_600_000;
  async function failedAndTold(shop: Shop): Promise<string> {
    const caseNo: string = (await shop.customer.post('/api/v1/cases', {
      kind: 'return_refund', reason: 'quality', items: [{ orderItemId: shop.orderItemId, quantity: 1 }], description: '屏幕有坏点',
    })).body.caseNo;
    expect((await shop.merchant.action(caseNo, 'approve_request', {})).body.state).toBe('awaiting_return');
    await shop.customer.action(caseNo, 'ship_return', { carrier: '顺丰', trackingNo: `SF${shop.id}AP`, shippingFeeFen: 0 });
    expect((await shop.merchant.action(caseNo, 'receive_return', {})).body.state).toBe('return_received');
    const photo = await shop.merchant.upload(caseNo, { purpose: 'inspection' }, { name: 'scratch.png', bytes: PNG_1x1 });
    expect((await shop.merchant.action(caseNo, 'inspect', { passed: false, reason: '人为摔坏', photoAttachmentIds: [photo.body.id] })).body.state).toBe('inspection_failed');
    // At once, before the customer could ask the platform in.
    expect((await shop.merchant.action(caseNo, 'notify_result', { message: '验货不通过，商品将寄回' })).body.state).toBe('result_notified');
    return caseNo;
  }

  it('a merchant that failed the goods and told its result at once cannot keep the customer from the platform', async () => {
    const shop = await makeShop(t, { signedAt: new Date(t.clock.now().getTime() - DAY).toISOString() });
    const caseNo = await failedAndTold(shop);
    expect(actions(await view(shop.customer, caseNo))).toContain('appeal');
    const appealed = await shop.customer.action(caseNo, 'appeal', { reason: '屏幕坏点是质量问题，不是摔坏' });
    expect(appealed.status, JSON.stringify(appealed.body)).toBe(200);
    expect(appealed.body.state).toBe('investigating');
    const staff = await view(shop.agent, caseNo);
    expect(staff.queue).not.toBe('merchant');
    expect(staff.timeline.find((e) => e.type === 'platform_intervention')).toMatchObject({ fromState: 'result_notified', toState: 'investigating' });
    expect(staff.deadlines.find((d) => d.metric === 'plan_due' && d.party === 'platform' && d.state === 'running')).toBeDefined();
  });

  it('nor after the customer reopened the case to the merchant, whose new clock has not run out', async () => {
    const shop = await makeShop(t, { signedAt: new Date(t.clock.now().getTime() - DAY).toISOString() });
    const caseNo = await failedAndTold(shop);
    expect((await shop.customer.action(caseNo, 'reopen', { reason: '验货结论不对' })).body.state).toBe('investigating');
    // The merchant's second handling clock runs, 2 h: its turn was the failed goods, not this.
    expect((await view(shop.agent, caseNo)).deadlines.some((d) => d.party === 'merchant' && d.state === 'running')).toBe(true);
    t.clock.advance(HOUR / 4);
    expect(actions(await view(shop.customer, caseNo))).toContain('appeal');
    const appealed = await shop.customer.action(caseNo, 'appeal', { reason: '商家坚持验货结论，申请平台介入' });
    expect(appealed.status, JSON.stringify(appealed.body)).toBe(200);
    expect((await view(shop.agent, caseNo)).queue).not.toBe('merchant');
  });
});
