// Lifecycle guards through the API: withdrawal and merging only before execution started, even
// after compliance review (goods and money are never stranded), and a withdrawal ends the plan that
// waited for the return; a reopened case takes its duplicate slot back (IN-8); archived and merged
// cases are read-only records (409 case-read-only), and a closed case is archived only after the
// customer's reopen window (CL-3 before CL-6).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUserWithToken } from '../../src/modules/identity/index.ts';
import { PNG_1x1 } from '../helpers/files.ts';
import { type Call, client, fileCase, makeShop, type Shop, startTestApp, type TestApp } from '../helpers/harness.ts';

const START = '2026-11-10T10:00:00+08:00';
const DAY = 86_400_000;

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp(START);
});
afterAll(async () => {
  await t.close();
});

const ok = (call: Call, state?: string): Call => {
  if (call.status !== 200) throw new Error(`expected 200, got ${call.status}: ${JSON.stringify(call.body)}`);
  if (state) expect(call.body.state).toBe(state);
  return call;
};

const actionsOf = async (client: Shop['agent'], caseNo: string): Promise<string[]> =>
  (await client.get(`/api/v1/cases/${caseNo}`)).body.actions.map((a: { action: string }) => a.action);

const detail = async (shop: Shop, caseNo: string) => (await shop.agent.get(`/api/v1/cases/${caseNo}`)).body;

/** A complaint whose accepted partial refund is being executed (no return needed). */
async function executingComplaint(shop: Shop): Promise<string> {
  const caseNo = await fileCase(shop, { kind: 'complaint', reason: 'quality', description: '耳机右耳没有声音' });
  ok(await shop.agent.action(caseNo, 'start_investigation', {}));
  ok(await shop.agent.action(caseNo, 'propose_plan', {
    planType: 'partial_refund', responsibility: 'quality_defect', terms: { refundFen: 5_000, keepItem: true }, basis: '质量问题，部分退款',
  }), 'plan_proposed');
  ok(await shop.customer.action(caseNo, 'accept_plan', {}), 'executing');
  return caseNo;
}

/** A return the merchant approved: the refund waits for the goods (awaiting_return). */
async function approvedReturn(shop: Shop): Promise<string> {
  const caseNo = await fileCase(shop, { kind: 'return_refund', reason: 'quality', description: '耳机外壳开裂' });
  ok(await shop.merchant.action(caseNo, 'approve_request', {}), 'awaiting_return');
  return caseNo;
}

/** A complaint settled with an apology and confirmed by the customer: closed now. */
async function closedComplaint(shop: Shop): Promise<string> {
  const caseNo = await fileCase(shop, { kind: 'complaint', reason: 'quality', description: '客服态度不好' });
  ok(await shop.agent.action(caseNo, 'start_investigation', {}));
  ok(await shop.agent.action(caseNo, 'propose_plan', { planType: 'apology', responsibility: 'merchant_error', terms: { apology: true }, basis: '致歉' }));
  ok(await shop.customer.action(caseNo, 'accept_plan', {}), 'resolved');
  ok(await shop.agent.action(caseNo, 'notify_result', { message: '已向您致歉' }), 'result_notified');
  ok(await shop.customer.action(caseNo, 'confirm_resolution', { rating: 3 }), 'closed');
  return caseNo;
}

function expectRefused(call: Call, type: string): void {
  expect(call.status).toBe(409);
  expect(call.headers['content-type']).toContain('application/problem+json');
  expect(call.body.type).toBe(`/problems/${type}`);
  expect(call.body.messages['zh-CN']).toBeTruthy();
  expect(call.body.messages['en-US']).toBeTruthy();
}

describe('withdrawal and merging after execution started', () => {
  it('refuses them through compliance review once a refund is under way, and changes nothing', async () => {
    const shop = await makeShop(t);
    const caseNo = await executingComplaint(shop);
    const other = await fileCase(shop, { kind: 'consultation', reason: 'quality', description: '如何保修' });
    ok(await shop.supervisor.action(caseNo, 'escalate_to_compliance', { reason: '客户威胁媒体曝光' }), 'compliance_review');
    const before = await detail(shop, caseNo);
    expect(await actionsOf(shop.customer, caseNo)).not.toContain('withdraw');
    expect(await actionsOf(shop.agent, caseNo)).not.toContain('merge_into');

    const withdraw = await shop.customer.action(caseNo, 'withdraw', { reason: '不想等了' });
    expectRefused(withdraw, 'transition-refused');
    expect(withdraw.body.code).toBe('execution_started');
    const merge = await shop.agent.action(caseNo, 'merge_into', { targetCaseNo: other });
    expectRefused(merge, 'transition-refused');
    expect(merge.body.code).toBe('execution_started');

    const after = await detail(shop, caseNo);
    expect(after.state).toBe('compliance_review');
    expect(after.version).toBe(before.version);
    expect(after.tasks.map((x: { type: string; status: string }) => [x.type, x.status])).toEqual([['refund', 'open']]);
  });

  it('refuses withdrawal once the goods are on their way back, even after an escalation', async () => {
    const shop = await makeShop(t);
    const caseNo = await approvedReturn(shop);
    ok(await shop.customer.action(caseNo, 'ship_return', { carrier: 'SF', trackingNo: 'SF20261110001', shippingFeeFen: 0 }), 'return_in_transit');
    ok(await shop.supervisor.action(caseNo, 'escalate_to_compliance', { reason: '客户投诉升级' }), 'compliance_review');
    const withdraw = await shop.customer.action(caseNo, 'withdraw', {});
    expect(withdraw.status).toBe(409);
    expect(withdraw.body.code).toBe('execution_started');
    const d = await detail(shop, caseNo);
    expect(d.state).toBe('compliance_review');
    expect(d.shipments.some((s: { direction: string }) => s.direction === 'return')).toBe(true);
  });

  it('withdrawing before the customer ships cancels the waiting tasks and the planned money', async () => {
    const shop = await makeShop(t);
    const caseNo = await approvedReturn(shop);
    const waiting = await detail(shop, caseNo);
    expect(waiting.tasks.map((x: { status: string }) => x.status)).toEqual(['open']);
    expect(waiting.ledger.map((l: { status: string }) => l.status)).toEqual(['planned']);

    ok(await shop.customer.action(caseNo, 'withdraw', { reason: '不想退了' }), 'withdrawn');
    const d = await detail(shop, caseNo);
    expect(d.tasks.map((x: { status: string }) => x.status)).toEqual(['cancelled']);
    expect(d.ledger.map((l: { status: string }) => l.status)).toEqual(['cancelled']);
    const event = d.timeline.find((e: { type: string }) => e.type === 'case_withdrawn');
    expect(event.data.cancelledTaskIds).toEqual([waiting.tasks[0].id]);
  });

  it('withdrawing through compliance review before shipping also cancels them', async () => {
    const shop = await makeShop(t);
    const caseNo = await approvedReturn(shop);
    ok(await shop.supervisor.action(caseNo, 'escalate_to_compliance', { reason: '评估法律风险' }), 'compliance_review');
    ok(await shop.customer.action(caseNo, 'withdraw', {}), 'withdrawn');
    const d = await detail(shop, caseNo);
    expect(d.tasks.map((x: { status: string }) => x.status)).toEqual(['cancelled']);
    expect(d.ledger.map((l: { status: string }) => l.status)).toEqual(['cancelled']);
  });

  it('refuses to merge a return into a case of another kind, where it would go unanswered; the other way round works', async () => {
    const shop = await makeShop(t);
    const caseNo = await approvedReturn(shop);
    const target = await fileCase(shop, { kind: 'complaint', reason: 'quality', description: '同一问题的投诉' });
    expectRefused(await shop.agent.action(caseNo, 'merge_into', { targetCaseNo: target, reason: '同一问题' }), 'merge-would-drop-request');
    const d = await detail(shop, caseNo);
    expect(d.state).toBe('awaiting_return');
    expect(d.tasks.map((x: { status: string }) => x.status)).toEqual(['open']);
    expect(d.ledger.map((l: { status: string }) => l.status)).toEqual(['planned']);
    // The complaint about the same goods joins the return instead.
    ok(await shop.agent.action(target, 'merge_into', { targetCaseNo: caseNo, reason: '同一问题' }), 'merged');
  });
});

describe('reopening and the duplicate slot (IN-8)', () => {
  it('links a new request for the same item and kind to the reopened case', async () => {
    const shop = await makeShop(t);
    const caseNo = await closedComplaint(shop);
    ok(await shop.customer.action(caseNo, 'reopen', { reason: '还是不满意' }), 'investigating');
    const again = await shop.customer.post('/api/v1/cases', { kind: 'complaint', reason: 'quality', items: [{ orderItemId: shop.orderItemId, quantity: 1 }], description: '再次投诉' });
    expect(again.status).toBe(200);
    expect(again.body.duplicateOf).toBe(caseNo);
    const cases = await t.runtime.deps.database.db.selectFrom('cases').select('case_no').where('customer_id', '=', shop.customerId).execute();
    expect(cases.map((c) => c.case_no)).toEqual([caseNo]);
  });

  it('still reopens when a newer open case took the slot, linking the two as duplicates', async () => {
    const shop = await makeShop(t);
    const caseNo = await closedComplaint(shop);
    const newer = await fileCase(shop, { kind: 'complaint', reason: 'quality', description: '又出问题了' });
    ok(await shop.customer.action(caseNo, 'reopen', { reason: '问题没有解决' }), 'investigating');

    const reopened = await detail(shop, caseNo);
    expect(reopened.links).toContainEqual(expect.objectContaining({ caseNo: newer, linkType: 'duplicate' }));
    expect(reopened.timeline.find((e: { type: string }) => e.type === 'case_reopened').data).toMatchObject({ duplicateOf: newer });
    expect((await detail(shop, newer)).links).toContainEqual(expect.objectContaining({ caseNo, linkType: 'duplicate' }));
    // The newer case keeps the slot: a third request joins it.
    const third = await shop.customer.post('/api/v1/cases', { kind: 'complaint', reason: 'quality', items: [{ orderItemId: shop.orderItemId, quantity: 1 }], description: '第三次' });
    expect(third.status).toBe(200);
    expect(third.body.duplicateOf).toBe(newer);
  });
});

describe('archived and merged cases are read-only', () => {
  it('refuses messages, evidence and every change on an archived case, which stays readable', async () => {
    const shop = await makeShop(t);
    const caseNo = await fileCase(shop, { kind: 'return_refund', reason: 'quality', description: '耳机外壳开裂' });
    ok(await shop.customer.action(caseNo, 'withdraw', {}), 'withdrawn');
    ok(await shop.agent.action(caseNo, 'archive', { note: '撤销后归档' }), 'archived');
    const other = await fileCase(shop, { kind: 'complaint', reason: 'quality', description: '另一个问题' });
    const before = await detail(shop, caseNo);
    expect(before.actions).toEqual([]);

    const message = await shop.customer.post(`/api/v1/cases/${caseNo}/messages`, { body: '耳机充电时漏电着火了，我要投诉到12315', channel: 'web' }, { 'accept-language': 'en-US' });
    expectRefused(message, 'case-read-only');
    expect(message.body.detail).toBe(message.body.messages['en-US']);
    expect(message.body.state).toBe('archived');
    expectRefused(await shop.merchant.post(`/api/v1/cases/${caseNo}/messages`, { body: '您好' }), 'case-read-only');
    expectRefused(await shop.agent.post(`/api/v1/cases/${caseNo}/messages`, { body: '备注', visibility: 'internal' }), 'case-read-only');
    expectRefused(await shop.customer.upload(caseNo, { purpose: 'evidence' }, { name: '照片.png', bytes: PNG_1x1 }), 'case-read-only');
    expectRefused(await shop.agent.action(caseNo, 'retriage', { severity: 'L1', reason: '客户反映漏电' }), 'case-read-only');
    expectRefused(await shop.agent.action(caseNo, 'link', { caseNo: other }), 'case-read-only');
    expectRefused(await shop.agent.action(caseNo, 'flag_media', { reason: '记者来电' }), 'case-read-only');
    expectRefused(await shop.customer.action(caseNo, 'reopen', { reason: '还要退' }), 'case-read-only');

    const after = await detail(shop, caseNo);
    expect(after).toMatchObject({ state: 'archived', version: before.version, severity: before.severity, queue: before.queue, unansweredCustomerMessages: 0 });
    expect(after.messages).toHaveLength(before.messages.length);
    expect((await shop.customer.get(`/api/v1/cases/${caseNo}`)).status).toBe(200);

    // An open case may still note its relation to the archived one, which itself stays as it was.
    ok(await shop.agent.action(other, 'link', { caseNo }));
    expect((await detail(shop, other)).links).toContainEqual(expect.objectContaining({ caseNo }));
    expect((await detail(shop, caseNo)).links).toEqual([]);
  });

  it('takes no answer to a collaboration request of a case that ended: withdrawing the case withdrew it', async () => {
    const shop = await makeShop(t);
    const caseNo = await fileCase(shop, { kind: 'complaint', reason: 'quality', description: '书桌颜色与详情页不一致' });
    const asked = await shop.agent.post(`/api/v1/cases/${caseNo}/collaborations`, { department: 'supply_chain', question: '请确认这批货的色号' });
    expect(asked.status).toBe(201);
    ok(await shop.customer.action(caseNo, 'withdraw', {}), 'withdrawn');
    ok(await shop.agent.action(caseNo, 'archive', {}), 'archived');
    const user = await createUserWithToken(t.runtime.deps.database.db, { email: `sc-${shop.id}@test.local`, displayName: '供应链', role: 'department', department: 'supply_chain' });
    const answer = await client(t, user.token).post(`/api/v1/collaborations/${asked.body.id}/answer`, { answer: '色号一致' });
    expectRefused(answer, 'collaboration-not-open');
    const request = (await detail(shop, caseNo)).collaborations.find((r: { id: string }) => r.id === asked.body.id);
    expect(request.status).toBe('cancelled');
  });

  it('refuses messages on a merged case, pointing to the case it was merged into', async () => {
    const shop = await makeShop(t);
    const caseNo = await fileCase(shop, { kind: 'complaint', reason: 'quality', description: '投诉' });
    const target = await fileCase(shop, { kind: 'consultation', reason: 'quality', description: '咨询同一问题' });
    ok(await shop.agent.action(caseNo, 'merge_into', { targetCaseNo: target }), 'merged');
    const message = await shop.customer.post(`/api/v1/cases/${caseNo}/messages`, { body: '进度如何？' });
    expectRefused(message, 'case-read-only');
    expect(message.body.mergedIntoId).toBe((await detail(shop, target)).id);
    expectRefused(await shop.agent.action(caseNo, 'retriage', { category: 'other', reason: 'x' }), 'case-read-only');
    expect((await shop.customer.get(`/api/v1/cases/${caseNo}`)).body.state).toBe('merged');
  });
});

describe('archiving waits for the reopen window (CL-3, CL-6)', () => {
  it('refuses to archive a closed case while the customer may still reopen it, and archives it after', async () => {
    t.clock.set(START);
    const shop = await makeShop(t);
    const caseNo = await closedComplaint(shop);
    expect(await actionsOf(shop.agent, caseNo)).not.toContain('archive');
    expect(await actionsOf(shop.customer, caseNo)).toContain('reopen');
    const early = await shop.agent.action(caseNo, 'archive', {});
    expectRefused(early, 'transition-refused');
    expect(early.body.code).toBe('reopen_window_open');
    expect(early.body.messages['zh-CN']).toContain('15 天');
    expect((await detail(shop, caseNo)).state).toBe('closed');

    t.clock.advance(15 * DAY);
    expect(await actionsOf(shop.agent, caseNo)).not.toContain('archive'); // the last day is still the customer's
    t.clock.advance(60_000);
    expect(await actionsOf(shop.agent, caseNo)).toContain('archive');
    expect((await shop.customer.action(caseNo, 'reopen', { reason: '太晚了吗' })).body.code).toBe('reopen_window_closed');
    ok(await shop.agent.action(caseNo, 'archive', {}), 'archived');
  });
});

describe('a question is settled by its answer (IN-1, CL-1, CL-5)', () => {
  it('staff answer a consultation and it goes to the customer to confirm; a return is not settled that way', async () => {
    const shop = await makeShop(t);
    const question = await fileCase(shop, { kind: 'consultation', reason: 'quality', description: '耳机怎么恢复出厂设置？' });
    // The merchant holds it: the answer is its to give, with the answer itself as the result.
    ok(await shop.merchant.action(question, 'acknowledge', {}), 'acknowledged');
    expect(await actionsOf(shop.merchant, question)).toContain('notify_result');
    ok(await shop.merchant.action(question, 'notify_result', { message: '长按电源键 10 秒至指示灯闪烁，即可恢复出厂设置。' }), 'result_notified');
    const seen = await detail(shop, question);
    expect(seen.messages.at(-1)).toMatchObject({ visibility: 'public', body: expect.stringContaining('恢复出厂设置') });
    ok(await shop.customer.action(question, 'confirm_resolution', { rating: 5 }), 'closed');

    // Signed for yesterday, whatever earlier tests did to the clock.
    const other = await makeShop(t, { signedAt: new Date(t.clock.now().getTime() - DAY).toISOString() });
    const ret = await fileCase(other, { kind: 'return_refund', reason: 'no_reason', description: '不想要了' });
    ok(await other.merchant.action(ret, 'start_investigation', {}), 'investigating');
    expect(await actionsOf(other.merchant, ret)).not.toContain('notify_result');
    const refused = await other.merchant.action(ret, 'notify_result', { message: '已处理' });
    expect(refused.status).toBe(409);
  });
});

