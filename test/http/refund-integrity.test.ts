// Money never leaves twice for one price (RES-1, RES-7, EX-1, EX-4): a new plan replaces what an
// earlier one left undone, a lapsed return leaves no refund planned behind it, each refund task
// pays its own plan's line, and the case's refunds never exceed what the customer paid.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { fileCase, makeShop, runTimers, type Shop, startTestApp, type TestApp } from '../helpers/harness.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

type Task = { id: string; type: string; status: string };
type Line = { entryType: string; amountFen: number; status: string };
type Refund = { amountFen: number; status: string };
type Event = { type: string; data?: Record<string, unknown> };

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp('2026-11-10T10:00:00+08:00');
});
afterAll(async () => t.close());

/** The clock moves on across tests: each shop's order was delivered the day before "now". */
const freshShop = () => makeShop(t, { signedAt: new Date(t.clock.now().getTime() - DAY).toISOString() });

async function view(shop: Shop, caseNo: string) {
  const res = await shop.finance.get(`/api/v1/cases/${caseNo}`);
  expect(res.status).toBe(200);
  return res.body as { state: string; tasks: Task[]; ledger: Line[]; refunds: Refund[]; timeline: Event[] };
}

const refundLines = (ledger: Line[]) => ledger.filter((l) => l.entryType === 'refund').map((l) => [l.amountFen, l.status]);
const succeeded = (refunds: Refund[]) => refunds.filter((r) => r.status === 'succeeded').map((r) => r.amountFen);

async function payOpenRefunds(shop: Shop, caseNo: string) {
  for (const task of (await view(shop, caseNo)).tasks.filter((x) => x.status === 'open' && x.type === 'refund')) {
    const paid = await shop.finance.action(caseNo, 'complete_task', { taskId: task.id });
    expect(paid.status, JSON.stringify(paid.body)).toBe(200);
  }
}

async function complaintInExecution(shop: Shop, terms: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  const caseNo = await fileCase(shop, { kind: 'complaint', reason: 'quality', description: '耳机左耳没有声音' });
  await shop.agent.action(caseNo, 'start_investigation', {});
  const proposed = await shop.agent.action(caseNo, 'propose_plan', {
    planType: 'partial_refund', responsibility: 'quality_defect', terms, basis: '轻微质量问题，客户保留商品', ...extra,
  });
  expect(proposed.body.state, JSON.stringify(proposed.body)).toBe('plan_proposed');
  expect((await shop.customer.action(caseNo, 'accept_plan', {})).body.state).toBe('executing');
  return caseNo;
}

describe('a new plan replaces the one under way', () => {
  it('cancels the earlier plan’s open refund when compliance re-plans an executing case: only the new refund is paid', async () => {
    const shop = await freshShop();
    const caseNo = await complaintInExecution(shop, { refundFen: 10_000, keepItem: true });
    const first = (await view(shop, caseNo)).tasks.find((x) => x.type === 'refund')!;
    expect((await shop.supervisor.action(caseNo, 'escalate_to_compliance', { reason: '客户威胁媒体曝光' })).body.state).toBe('compliance_review');
    const full = await shop.compliance.action(caseNo, 'propose_plan', {
      planType: 'full_refund', responsibility: 'quality_defect', terms: { refundFen: shop.priceFen }, basis: '合规评估后全额退款',
    });
    expect(full.body.state, JSON.stringify(full.body)).toBe('plan_proposed');
    expect((await shop.customer.action(caseNo, 'accept_plan', {})).body.state).toBe('executing');

    let seen = await view(shop, caseNo);
    expect(seen.tasks.filter((x) => x.type === 'refund').map((x) => [x.id === first.id, x.status])).toEqual([[true, 'cancelled'], [false, 'open']]);
    expect(refundLines(seen.ledger)).toEqual([[10_000, 'cancelled'], [shop.priceFen, 'planned']]);
    const accepted = seen.timeline.filter((e) => e.type === 'plan_accepted').at(-1)!;
    expect(accepted.data?.cancelledTaskIds).toEqual([first.id]);

    const before = t.payments.executedCount;
    await payOpenRefunds(shop, caseNo);
    seen = await view(shop, caseNo);
    expect(seen.state).toBe('resolved');
    expect(succeeded(seen.refunds)).toEqual([shop.priceFen]);
    expect(t.payments.executedCount - before).toBe(1);
    expect(refundLines(seen.ledger)).toEqual([[10_000, 'cancelled'], [shop.priceFen, 'executed']]);
  });

  it('keeps what the earlier plan already paid, counts it, and refunds only the remainder', async () => {
    const shop = await freshShop();
    const caseNo = await complaintInExecution(shop, { refundFen: 10_000, keepItem: true, couponFen: 2_000 }, { goodwillReason: '金卡会员' });
    const firstPlan = await view(shop, caseNo);
    const compensation = firstPlan.tasks.find((x) => x.type === 'compensation')!;
    await payOpenRefunds(shop, caseNo);
    expect((await view(shop, caseNo)).state).toBe('executing');
    await shop.supervisor.action(caseNo, 'escalate_to_compliance', { reason: '法律风险' });

    const tooMuch = await shop.compliance.action(caseNo, 'propose_plan', {
      planType: 'full_refund', responsibility: 'quality_defect', terms: { refundFen: shop.priceFen }, basis: '全额退款',
    });
    expect(tooMuch.status).toBe(422);
    expect(tooMuch.body.type).toBe('/problems/refund-above-refundable');
    expect(tooMuch.body.field).toBe('terms.refundFen');
    expect(tooMuch.body.messages['en-US']).toContain('199 yuan');
    expect(tooMuch.body.messages['zh-CN']).toContain('已退 100 元');

    const rest = await shop.compliance.action(caseNo, 'propose_plan', {
      planType: 'full_refund', responsibility: 'quality_defect', terms: { refundFen: shop.priceFen - 10_000 }, basis: '退还剩余货款',
    });
    expect(rest.body.state, JSON.stringify(rest.body)).toBe('plan_proposed');
    await shop.customer.action(caseNo, 'accept_plan', {});
    let seen = await view(shop, caseNo);
    // The earlier plan's coupon was not given yet: it ends with its planned line.
    expect(seen.tasks.find((x) => x.id === compensation.id)?.status).toBe('cancelled');
    expect(seen.ledger.filter((l) => l.entryType === 'compensation').map((l) => l.status)).toEqual(['cancelled']);

    await payOpenRefunds(shop, caseNo);
    seen = await view(shop, caseNo);
    expect(seen.state).toBe('resolved');
    expect(succeeded(seen.refunds)).toEqual([10_000, shop.priceFen - 10_000]);
    expect(refundLines(seen.ledger)).toEqual([[10_000, 'executed'], [shop.priceFen - 10_000, 'executed']]);
  });
});

describe('a lapsed return, reopened and settled differently', () => {
  it('pays the newly agreed amount, not the lapsed plan’s refund', async () => {
    const shop = await freshShop();
    const caseNo = await fileCase(shop, { kind: 'return_refund', reason: 'no_reason', description: '不合适，想退货' });
    expect((await shop.merchant.action(caseNo, 'approve_request', {})).body.state).toBe('awaiting_return');
    t.clock.advance(8 * DAY);
    await runTimers(t);
    let seen = await view(shop, caseNo);
    expect(seen.state).toBe('result_notified');
    // The lapse ends the refund task and the money it would have paid.
    expect(seen.tasks.map((x) => x.status)).toEqual(['cancelled']);
    expect(refundLines(seen.ledger)).toEqual([[shop.priceFen, 'cancelled']]);

    expect((await shop.customer.action(caseNo, 'reopen', { reason: '我已经寄出了，忘了填单号' })).body.state).toBe('investigating');
    const keep = await shop.agent.action(caseNo, 'propose_plan', {
      planType: 'partial_refund', responsibility: 'no_fault', terms: { refundFen: 5_000, keepItem: true }, basis: '协商部分退款，客户保留商品',
    });
    expect(keep.body.state, JSON.stringify(keep.body)).toBe('plan_proposed');
    expect((await shop.customer.action(caseNo, 'accept_plan', {})).body.state).toBe('executing');
    await payOpenRefunds(shop, caseNo);

    seen = await view(shop, caseNo);
    expect(seen.state).toBe('resolved');
    expect(succeeded(seen.refunds)).toEqual([5_000]);
    expect(refundLines(seen.ledger)).toEqual([[shop.priceFen, 'cancelled'], [5_000, 'executed']]);
  });
});

describe('refunds are capped at what was paid', () => {
  it('after a full refund and a reopen, refuses another refund in any form but still allows compensation', async () => {
    const shop = await freshShop();
    const caseNo = await fileCase(shop, { kind: 'return_refund', reason: 'no_reason', description: '不合适，想退货' });
    await shop.merchant.action(caseNo, 'approve_request', {});
    await shop.customer.action(caseNo, 'ship_return', { carrier: 'SF', trackingNo: 'SF20261110001', shippingFeeFen: 0 });
    await shop.merchant.action(caseNo, 'receive_return', {});
    expect((await shop.merchant.action(caseNo, 'inspect', { passed: true, reason: '商品完好' })).body.state).toBe('executing');
    await payOpenRefunds(shop, caseNo);
    await shop.agent.action(caseNo, 'notify_result', { message: '已退款' });
    expect((await shop.customer.action(caseNo, 'confirm_resolution', {})).body.state).toBe('closed');
    expect((await shop.customer.action(caseNo, 'reopen', { reason: '没收到钱' })).body.state).toBe('investigating');
    const paymentsBefore = t.payments.executedCount;

    // Granting the request again: nothing is left of the price to refund.
    const again = await shop.merchant.action(caseNo, 'approve_request', {});
    expect(again.status).toBe(422);
    expect(again.body).toMatchObject({ type: '/problems/refund-above-refundable', field: 'refundFen' });
    expect(again.body.messages['zh-CN']).toContain('已全部退款');
    expect(again.body.messages['en-US']).toContain('nothing is left to refund');
    const some = await shop.merchant.action(caseNo, 'approve_request', { refundFen: 100 });
    expect(some.status).toBe(422);
    expect(some.body).toMatchObject({ type: '/problems/refund-above-refundable', field: 'refundFen' });

    const full = await shop.agent.action(caseNo, 'propose_plan', {
      planType: 'full_refund', responsibility: 'no_fault', terms: { refundFen: shop.priceFen }, basis: '再次全额退款',
    });
    expect(full.status).toBe(422);
    expect(full.body).toMatchObject({ type: '/problems/refund-above-refundable', field: 'terms.refundFen' });
    expect(full.body.errors.map((e: { field: string }) => e.field)).toEqual(['terms.refundFen']);

    // Compensation is not a refund of the price: it stays possible (with its goodwill reason).
    const coupon = await shop.agent.action(caseNo, 'propose_plan', {
      planType: 'compensation', responsibility: 'no_fault', terms: { couponFen: 2_000, cashFen: 1_000 }, basis: '补偿优惠券和现金', goodwillReason: '到账延迟致歉',
    });
    expect(coupon.body.state, JSON.stringify(coupon.body)).toBe('plan_proposed');
    // Nor may the customer's counter-offer ask for more of the price back.
    const counter = await shop.customer.action(caseNo, 'counter_offer', { reason: '再退 50 元', planType: 'partial_refund', terms: { refundFen: 5_000, keepItem: true } });
    expect(counter.status).toBe(422);
    expect(counter.body).toMatchObject({ type: '/problems/refund-above-refundable', field: 'terms.refundFen' });

    expect((await shop.customer.action(caseNo, 'accept_plan', {})).body.state).toBe('executing');
    const task = (await view(shop, caseNo)).tasks.find((x) => x.status === 'open')!;
    expect(task.type).toBe('compensation');
    expect((await shop.finance.action(caseNo, 'complete_task', { taskId: task.id, proof: { reference: 'CP-001' } })).body.state).toBe('resolved');
    const seen = await view(shop, caseNo);
    expect(succeeded(seen.refunds)).toEqual([shop.priceFen]);
    expect(t.payments.executedCount).toBe(paymentsBefore);
    expect(seen.ledger.filter((l) => l.entryType === 'compensation').map((l) => [l.amountFen, l.status])).toEqual([[1_000, 'executed'], [2_000, 'executed']]);
  });

  it('counts what an earlier case refunded on the same goods: a second case cannot refund the price again', async () => {
    const shop = await freshShop();
    const first = await complaintInExecution(shop, { refundFen: 6_000, keepItem: true });
    await payOpenRefunds(shop, first);
    await shop.agent.action(first, 'notify_result', { message: '已部分退款' });
    expect((await shop.customer.action(first, 'confirm_resolution', {})).body.state).toBe('closed');

    const second = await fileCase(shop, { kind: 'complaint', reason: 'quality', description: '耳机右耳也没有声音了' });
    expect(second).not.toBe(first);
    await shop.agent.action(second, 'start_investigation', {});
    const plan = (refundFen: number) => ({
      planType: 'partial_refund', responsibility: 'quality_defect', terms: { refundFen, keepItem: true }, basis: '右耳同样故障',
    });
    const tooMuch = await shop.agent.action(second, 'propose_plan', plan(shop.priceFen - 6_000 + 1));
    expect(tooMuch.status).toBe(422);
    expect(tooMuch.body).toMatchObject({ type: '/problems/refund-above-refundable', field: 'terms.refundFen' });
    const rest = await shop.agent.action(second, 'propose_plan', plan(shop.priceFen - 6_000));
    expect(rest.body.state, JSON.stringify(rest.body)).toBe('plan_proposed');
    expect((await shop.customer.action(second, 'accept_plan', {})).body.state).toBe('executing');
    await payOpenRefunds(shop, second);
    expect(succeeded((await view(shop, second)).refunds)).toEqual([shop.priceFen - 6_000]);
  });

  it('pays each task its own plan’s line, and refuses to execute a refund that would take the case above what was paid, changing nothing', async () => {
    const shop = await freshShop();
    const caseNo = await complaintInExecution(shop, { refundFen: 10_000, keepItem: true });
    const first = (await view(shop, caseNo)).tasks.find((x) => x.type === 'refund')!;
    await shop.supervisor.action(caseNo, 'escalate_to_compliance', { reason: '法律风险' });
    await shop.compliance.action(caseNo, 'propose_plan', {
      planType: 'full_refund', responsibility: 'quality_defect', terms: { refundFen: shop.priceFen }, basis: '合规评估后全额退款',
    });
    await shop.customer.action(caseNo, 'accept_plan', {});
    // As the double-plan defect left cases before it was fixed: both plans' refunds open at once.
    const { db } = t.runtime.deps.database;
    await db.updateTable('execution_tasks').set({ status: 'open', done_at: null }).where('id', '=', first.id).execute();
    const firstOffer = await db.selectFrom('execution_tasks').select('offer_id').where('id', '=', first.id).executeTakeFirstOrThrow();
    await db.updateTable('ledger_entries').set({ status: 'planned' }).where('offer_id', '=', firstOffer.offer_id).execute();

    const second = (await view(shop, caseNo)).tasks.find((x) => x.type === 'refund' && x.id !== first.id)!;
    expect((await shop.finance.action(caseNo, 'complete_task', { taskId: second.id })).status).toBe(200);
    const before = await view(shop, caseNo);
    // Each task pays its own plan's line, not the oldest planned refund on the case.
    expect(succeeded(before.refunds)).toEqual([shop.priceFen]);
    expect(refundLines(before.ledger)).toEqual([[10_000, 'planned'], [shop.priceFen, 'executed']]);
    const paymentsBefore = t.payments.executedCount;

    const refused = await shop.finance.action(caseNo, 'complete_task', { taskId: first.id });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ type: '/problems/refund-exceeds-paid', amountFen: 10_000, paidFen: shop.priceFen, refundedFen: shop.priceFen, refundableFen: 0 });
    expect(refused.body.messages['zh-CN']).toContain('超过实付金额');
    expect(refused.body.messages['en-US']).toContain('above what was paid');
    const after = await view(shop, caseNo);
    expect(t.payments.executedCount).toBe(paymentsBefore);
    expect(after.refunds).toEqual(before.refunds);
    expect(after.tasks.find((x) => x.id === first.id)?.status).toBe('open');
    expect(refundLines(after.ledger)).toEqual(refundLines(before.ledger));
    expect(after.timeline.length).toBe(before.timeline.length);
  });
});

describe('a task completed twice', () => {
  it('says the task is done already instead of that it does not exist, and pays once', async () => {
    const shop = await freshShop();
    const caseNo = await complaintInExecution(shop, { refundFen: 10_000, keepItem: true });
    const refund = (await view(shop, caseNo)).tasks.find((x) => x.type === 'refund')!;
    expect((await shop.finance.action(caseNo, 'complete_task', { taskId: refund.id })).status).toBe(200);
    const again = await shop.finance.action(caseNo, 'complete_task', { taskId: refund.id });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ type: '/problems/task-not-open', status: 409, taskStatus: 'done' });
    expect(again.body.messages['zh-CN']).toContain('已完成');
    expect(succeeded((await view(shop, caseNo)).refunds)).toEqual([10_000]);
    const unknown = await shop.finance.action(caseNo, 'complete_task', { taskId: '00000000-0000-4000-8000-000000000000' });
    expect(unknown.status).toBe(404);
  });
});

describe('a refund the payment provider refuses', () => {
  it('tells finance, who retries it; it is paid once', async () => {
    const shop = await freshShop();
    const caseNo = await complaintInExecution(shop, { refundFen: 10_000, keepItem: true });
    const refund = (await view(shop, caseNo)).tasks.find((x) => x.type === 'refund')!;
    // The edge of the world: the provider refuses this one attempt.
    vi.spyOn(t.payments, 'refund').mockResolvedValueOnce({ status: 'failed', providerRef: null, failureReason: 'account closed' });
    const first = await shop.finance.action(caseNo, 'complete_task', { taskId: refund.id });
    expect(first.body.state).toBe('executing');
    const told = (await shop.finance.get('/api/v1/notifications')).body.items as { type: string; caseNo: string; body: Record<string, string> }[];
    expect(told.find((n) => n.type === 'refund_failed' && n.caseNo === caseNo)?.body['zh-CN']).toContain('account closed');
    expect((await shop.finance.action(caseNo, 'complete_task', { taskId: refund.id })).body.state).toBe('resolved');
    expect(succeeded((await view(shop, caseNo)).refunds)).toEqual([10_000]);
  });
});

describe('a new plan once the goods are already back', () => {
  it('does not ask for the goods a second time: the refund is due from the plan, not from a return', async () => {
    const shop = await makeShop(t, { signedAt: new Date(t.clock.now().getTime() - DAY).toISOString(), platformOperated: true });
    const caseNo = await fileCase(shop, { kind: 'exchange', reason: 'quality', description: '屏幕有坏点，想换一台' });
    await shop.agent.action(caseNo, 'start_investigation', {});
    const exchange = await shop.agent.action(caseNo, 'propose_plan', {
      planType: 'exchange', responsibility: 'quality_defect', terms: { replacement: true, returnRequired: true }, basis: '质量问题换货',
    });
    expect(exchange.body.state, JSON.stringify(exchange.body)).toBe('plan_proposed');
    expect((await shop.customer.action(caseNo, 'accept_plan', {})).body.state).toBe('awaiting_return');
    await shop.customer.action(caseNo, 'ship_return', { carrier: '顺丰', trackingNo: 'SF1122334455' });
    expect((await shop.agent.action(caseNo, 'receive_return', {})).body.state).toBe('return_received');
    expect((await shop.agent.action(caseNo, 'inspect', { passed: true, reason: '坏点属实' })).body.state).toBe('executing');

    // Out of stock: the supervisor sends it to compliance, who refunds instead.
    expect((await shop.supervisor.action(caseNo, 'escalate_to_compliance', { reason: '换货商品缺货' })).body.state).toBe('compliance_review');
    const refund = await shop.compliance.action(caseNo, 'propose_plan', {
      planType: 'return_and_refund', responsibility: 'quality_defect', terms: { refundFen: shop.priceFen, returnRequired: true }, basis: '缺货改为退款',
    });
    expect(refund.body.state, JSON.stringify(refund.body)).toBe('plan_proposed');
    const accepted = await shop.customer.action(caseNo, 'accept_plan', {});
    expect(accepted.body.state).toBe('executing');
    const seen = (await shop.finance.get(`/api/v1/cases/${caseNo}`)).body as { tasks: (Task & { dueAt: string | null })[] };
    const open = seen.tasks.filter((x) => x.status === 'open');
    expect(open.map((x) => x.type)).toEqual(['refund']);
    expect(open[0]!.dueAt).not.toBeNull();
    await payOpenRefunds(shop, caseNo);
    expect((await view(shop, caseNo)).state).toBe('resolved');
  });
});
