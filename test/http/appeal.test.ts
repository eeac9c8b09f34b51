// 平台介入 after a merchant's refusal (ORG-3): the merchant's "no" is not the last word. Within the
// reopen window the customer brings the platform in, the case is investigated again by the
// platform, whose plan clock runs, and the merchant no longer decides it. A refusal the platform
// made itself, or one older than the window, cannot be appealed this way.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeShop, type Shop, startTestApp, type TestApp } from '../helpers/harness.ts';

const DAY = 86_400_000;
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp('2026-11-10T10:00:00+08:00');
});
afterAll(async () => t.close());

type Detail = { state: string; queue: string; actions: { action: string }[]; timeline: { type: string }[]; deadlines: { metric: string; state: string }[] };
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
