// 三包 (POL-11, the law's repair ladder): after two repairs that did not fix a fault, the customer
// may have the goods replaced or refunded. The platform counts the repairs it carried out itself;
// a customer's own claim does not skip the ladder, staff may add repairs done elsewhere.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PNG_1x1 } from '../helpers/files.ts';
import { fileCase, makeShop, runTimers, type Shop, startTestApp, type TestApp } from '../helpers/harness.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp('2026-11-10T10:00:00+08:00');
});
afterAll(async () => t.close());

/** A warranty repair from request to close: sent in, inspected, repaired, sent back, confirmed. */
async function repairedOnce(shop: Shop, round: number): Promise<void> {
  const caseNo = await fileCase(shop, { kind: 'repair', reason: 'quality', description: `第${round}次故障：无法开机` });
  expect((await shop.agent.action(caseNo, 'approve_request', {})).body.state).toBe('awaiting_return');
  await shop.customer.action(caseNo, 'ship_return', { carrier: '顺丰', trackingNo: `SF${shop.id}${round}0`, shippingFeeFen: 0 });
  await shop.agent.action(caseNo, 'receive_return', {});
  const photo = await shop.agent.upload(caseNo, { purpose: 'inspection' }, { name: 'board.png', bytes: PNG_1x1 });
  await shop.agent.action(caseNo, 'inspect', { passed: true, reason: '主板故障', photoAttachmentIds: [photo.body.id] });
  const tasks = (await shop.agent.get(`/api/v1/cases/${caseNo}`)).body.tasks as { id: string; type: string }[];
  const repairTask = tasks.find((x) => x.type === 'repair')!.id;
  expect((await shop.merchant.action(caseNo, 'complete_task', { taskId: repairTask })).body.field).toBe('proof.reference');
  await shop.merchant.action(caseNo, 'complete_task', { taskId: repairTask, proof: { note: '更换主板' } });
  // The repaired item goes back on its own clock, from when the repair was done.
  const sendBack = ((await shop.agent.get(`/api/v1/cases/${caseNo}`)).body.tasks as { type: string; dueAt: string | null }[]).find((x) => x.type === 'ship_back_repaired')!;
  expect(new Date(sendBack.dueAt!).getTime()).toBe(t.clock.now().getTime() + 48 * 3_600_000);
  const back = await shop.merchant.action(caseNo, 'complete_task', {
    taskId: tasks.find((x) => x.type === 'ship_back_repaired')!.id, proof: { carrier: '顺丰', trackingNo: `SF${shop.id}${round}1` },
  });
  expect(back.body.state).toBe('resolved');
  await shop.agent.action(caseNo, 'notify_result', { message: '已修好寄回' });
  expect((await shop.customer.action(caseNo, 'confirm_resolution', {})).body.state).toBe('closed');
}

const preview = (shop: Shop, by: Shop['customer'], failedRepairs?: number) =>
  by.post('/api/v1/eligibility', { kind: 'return_refund', reason: 'quality', orderItemIds: [shop.orderItemId], ...(failedRepairs === undefined ? {} : { failedRepairs }) });

describe('the repair ladder (三包)', () => {
  it('offers a refund after two repairs the platform carried out, not on the customer’s word alone', async () => {
    // Signed for 40 days ago: the 7-day quality return is over, the 12-month warranty is not.
    const shop = await makeShop(t, { signedAt: new Date(t.clock.now().getTime() - 40 * 86_400_000).toISOString() });
    const claimed = await preview(shop, shop.customer, 2);
    expect(claimed.body.eligible).toBe(false);
    expect(claimed.body.items[0].reasons.map((r: { code: string }) => r.code)).toContain('repair_available');

    await repairedOnce(shop, 1);
    expect((await preview(shop, shop.customer)).body.eligible).toBe(false);
    // Staff who have seen a service centre's record of another repair may count it.
    const withRecord = await preview(shop, shop.agent, 2);
    expect(withRecord.body).toMatchObject({ eligible: true, items: [expect.objectContaining({ path: 'three_guarantees_replacement' })] });

    await repairedOnce(shop, 2);
    const after = await preview(shop, shop.customer);
    expect(after.body).toMatchObject({ eligible: true, items: [expect.objectContaining({ path: 'three_guarantees_replacement' })] });
    const filed = await shop.customer.post('/api/v1/cases', { kind: 'return_refund', reason: 'quality', items: [{ orderItemId: shop.orderItemId, quantity: 1 }], description: '修了两次还是坏' });
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);
  });

  it('starts the warranty again from a replacement, and counts only the repairs since', async () => {
    // Signed for 11 months ago: one month of the 12-month warranty is left.
    const shop = await makeShop(t, { signedAt: new Date(t.clock.now().getTime() - 335 * 86_400_000).toISOString() });
    await repairedOnce(shop, 1);
    await repairedOnce(shop, 2);
    // The ladder's replacement: exchanged, the new unit shipped.
    const caseNo = await fileCase(shop, { kind: 'exchange', reason: 'quality', description: '修了两次还是坏，要求换新' });
    expect((await shop.agent.action(caseNo, 'approve_request', {})).body.state).toBe('awaiting_return');
    await shop.customer.action(caseNo, 'ship_return', { carrier: '顺丰', trackingNo: `SF${shop.id}X0`, shippingFeeFen: 0 });
    await shop.agent.action(caseNo, 'receive_return', {});
    await shop.agent.action(caseNo, 'inspect', { passed: true, reason: '确认故障' });
    const task = ((await shop.agent.get(`/api/v1/cases/${caseNo}`)).body.tasks as { id: string; type: string }[]).find((x) => x.type === 'ship_replacement')!;
    expect((await shop.merchant.action(caseNo, 'complete_task', { taskId: task.id, proof: { carrier: '顺丰', trackingNo: `SF${shop.id}X1` } })).body.state).toBe('resolved');
    await shop.agent.action(caseNo, 'notify_result', { message: '新机已发出' });
    await shop.customer.action(caseNo, 'confirm_resolution', {});

    // Two months on, past the first warranty: the new unit's own 12 months cover it, from the day after the exchange.
    t.clock.advance(60 * 86_400_000);
    const repair = await shop.customer.post('/api/v1/eligibility', { kind: 'repair', reason: 'quality', orderItemIds: [shop.orderItemId] });
    expect(repair.body.eligible, JSON.stringify(repair.body)).toBe(true);
    expect(repair.body.items[0].reasons[0].text['zh-CN']).toContain('换货次日起12个月');
    // The repairs of the old unit do not count towards the new one's ladder.
    const ladder = await preview(shop, shop.customer);
    expect(ladder.body.items[0].path).not.toBe('three_guarantees_replacement');
  });
});

describe('the ladder on a repair case (三包 第十条, 第十四条)', () => {
  it('refuses a third repair or a coupon, and a replacement given there restarts the warranty', async () => {
    const shop = await makeShop(t, { signedAt: new Date(t.clock.now().getTime() - 300 * 86_400_000).toISOString() });
    await repairedOnce(shop, 1);
    await repairedOnce(shop, 2);
    const caseNo = await fileCase(shop, { kind: 'repair', reason: 'quality', description: '修了两次还是无法开机' });
    await shop.agent.action(caseNo, 'start_investigation', {});
    const plan = (planType: string, terms: Record<string, unknown>) => ({ planType, responsibility: 'quality_defect', terms, basis: '两次修理仍有故障' });
    for (const [planType, terms] of [['repair', { repair: true, returnRequired: true }], ['compensation', { couponFen: 5000 }]] as const) {
      const refused = await shop.agent.action(caseNo, 'propose_plan', plan(planType, terms));
      expect(refused.status, JSON.stringify(refused.body)).toBe(422);
      expect(refused.body).toMatchObject({ type: '/problems/plan-below-statutory-rights', field: 'terms' });
      expect(refused.body.messages['zh-CN']).toContain('三包');
    }
    expect((await shop.agent.action(caseNo, 'propose_plan', plan('exchange', { replacement: true, returnRequired: true }))).status).toBe(200);
    expect((await shop.customer.action(caseNo, 'accept_plan', {})).body.state).toBe('awaiting_return');
    await shop.customer.action(caseNo, 'ship_return', { carrier: '顺丰', trackingNo: `SF${shop.id}L0`, shippingFeeFen: 0 });
    await shop.agent.action(caseNo, 'receive_return', {});
    await shop.agent.action(caseNo, 'inspect', { passed: true, reason: '确认故障' });
    const task = ((await shop.agent.get(`/api/v1/cases/${caseNo}`)).body.tasks as { id: string; type: string }[]).find((x) => x.type === 'ship_replacement')!;
    expect((await shop.merchant.action(caseNo, 'complete_task', { taskId: task.id, proof: { carrier: '顺丰', trackingNo: `SF${shop.id}L1` } })).body.state).toBe('resolved');

    // Past the first unit's 12 months: the replacement's own warranty covers it, with no repairs counted.
    t.clock.advance(90 * 86_400_000);
    const repair = await shop.customer.post('/api/v1/eligibility', { kind: 'repair', reason: 'quality', orderItemIds: [shop.orderItemId] });
    expect(repair.body.eligible, JSON.stringify(repair.body)).toBe(true);
    expect(repair.body.items[0].reasons[0].text['zh-CN']).toContain('换货次日起12个月');
    expect((await preview(shop, shop.customer)).body.items[0].path).not.toBe('three_guarantees_replacement');
  });
});

describe('a merchant silent on a ladder repair request', () => {
  it('brings the platform in: the request may not be granted as filed (a third repair)', async () => {
    const shop = await makeShop(t, { signedAt: new Date(t.clock.now().getTime() - 200 * 86_400_000).toISOString() });
    // A month apart: three cases on one order within 30 days would be a repeated contact (L2, the platform's).
    await repairedOnce(shop, 1);
    t.clock.advance(31 * 86_400_000);
    await repairedOnce(shop, 2);
    t.clock.advance(31 * 86_400_000);
    const caseNo = await fileCase(shop, { kind: 'repair', reason: 'quality', description: '修了两次还是无法开机' });
    expect((await shop.agent.get(`/api/v1/cases/${caseNo}`)).body.queue).toBe('merchant');
    t.clock.advance(49 * 3_600_000);
    await runTimers(t);
    const view = (await shop.agent.get(`/api/v1/cases/${caseNo}`)).body as { queue: string; state: string; timeline: { type: string; data?: Record<string, unknown> }[] };
    expect(view.state).toBe('submitted');
    expect(view.queue).toBe('specialists');
    expect(view.timeline.find((e) => e.type === 'platform_intervention')?.data).toMatchObject({ trigger: 'merchant_missed_deadline', metric: 'merchant_review' });
  });
});
