// A refund whose answer is lost (gateway timeout, crash between asking and recording) is never
// paid twice (EX-4, RES-7): it is recorded as pending before the provider is asked, a retry asks
// again under the same refund id, no re-plan may replace its task while the outcome is unknown,
// and a scheduled reconciliation settles it without anyone's click.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reconcileRefunds } from '../../src/modules/execution/refund.reconcile.ts';
import { fileCase, makeShop, type Shop, startTestApp, type TestApp } from '../helpers/harness.ts';

const DAY = 24 * 3_600_000;

type Task = { id: string; type: string; status: string };
type View = { state: string; tasks: Task[]; refunds: { amountFen: number; status: string }[]; ledger: { entryType: string; amountFen: number; status: string }[] };

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp('2026-11-12T10:00:00+08:00');
});
afterAll(async () => t.close());

const freshShop = () => makeShop(t, { signedAt: new Date(t.clock.now().getTime() - DAY).toISOString() });
const view = async (shop: Shop, caseNo: string) => (await shop.finance.get(`/api/v1/cases/${caseNo}`)).body as View;
const refunds = (v: View) => v.refunds.map((r) => [r.amountFen, r.status]);

async function partialRefundInExecution(shop: Shop, refundFen: number) {
  const caseNo = await fileCase(shop, { kind: 'complaint', reason: 'quality', description: '耳机左耳没有声音' });
  await shop.agent.action(caseNo, 'start_investigation', {});
  const proposed = await shop.agent.action(caseNo, 'propose_plan', {
    planType: 'partial_refund', responsibility: 'quality_defect', terms: { refundFen, keepItem: true }, basis: '轻微质量问题，客户保留商品',
  });
  expect(proposed.body.state, JSON.stringify(proposed.body)).toBe('plan_proposed');
  expect((await shop.customer.action(caseNo, 'accept_plan', {})).body.state).toBe('executing');
  return { caseNo, task: (await view(shop, caseNo)).tasks.find((x) => x.type === 'refund' && x.status === 'open')! };
}

/** A refund task in execution whose next `lost` provider answers are lost; what the provider had paid before. */
async function refundWithLostAnswers(refundFen: number, lost = 1) {
  const shop = await freshShop();
  const { caseNo, task } = await partialRefundInExecution(shop, refundFen);
  const paidBefore = t.payments.executedCount;
  t.payments.loseAnswers(lost);
  return { shop, caseNo, task, paidBefore };
}

describe('a refund whose answer is lost', () => {
  it('stays pending, tells finance, and a retry settles it without paying again', async () => {
    const { shop, caseNo, task, paidBefore } = await refundWithLostAnswers(10_000);
    const lost = await shop.finance.action(caseNo, 'complete_task', { taskId: task.id });
    expect(lost.status).toBe(502);
    expect(lost.body.type).toBe('/problems/payment-provider-unavailable');
    // The money moved at the provider; Afterdesk knows it asked and that it does not know the answer.
    expect(t.payments.executedCount - paidBefore).toBe(1);
    let seen = await view(shop, caseNo);
    expect(refunds(seen)).toEqual([[10_000, 'pending']]);
    expect(seen.tasks.find((x) => x.id === task.id)?.status).toBe('open');
    const told = (await shop.finance.get('/api/v1/notifications?limit=200')).body.items as { type: string; caseNo: string }[];
    // Besides the refund's task, which it heard of when it could be done.
    expect(told.filter((n) => n.caseNo === caseNo).map((n) => n.type).sort()).toEqual(['refund_in_doubt', 'task_ready']);

    const retried = await shop.finance.action(caseNo, 'complete_task', { taskId: task.id });
    expect(retried.status, JSON.stringify(retried.body)).toBe(200);
    seen = await view(shop, caseNo);
    expect(seen.state).toBe('resolved');
    expect(refunds(seen)).toEqual([[10_000, 'succeeded']]);
    expect(seen.ledger.filter((l) => l.entryType === 'refund').map((l) => l.status)).toEqual(['executed']);
    expect(t.payments.executedCount - paidBefore).toBe(1);
  });

  it('answers a retry under the same Idempotency-Key with the settled result, and replays it after', async () => {
    const { shop, caseNo, task, paidBefore } = await refundWithLostAnswers(8_000);
    const key = { 'idempotency-key': `pay-${task.id}` };
    const url = `/api/v1/cases/${caseNo}/actions/complete_task`;
    expect((await shop.finance.post(url, { taskId: task.id }, key)).status).toBe(502);
    const second = await shop.finance.post(url, { taskId: task.id }, key);
    expect(second.status, JSON.stringify(second.body)).toBe(200);
    expect(second.body.state).toBe('resolved');
    const third = await shop.finance.post(url, { taskId: task.id }, key);
    expect(third.status).toBe(200);
    expect(third.body).toEqual(second.body);
    expect(refunds(await view(shop, caseNo))).toEqual([[8_000, 'succeeded']]);
    expect(t.payments.executedCount - paidBefore).toBe(1);
  });

  it('refuses a new plan while the outcome is unknown, so the refund cannot be asked for again under a new task', async () => {
    const { shop, caseNo, task, paidBefore } = await refundWithLostAnswers(10_000);
    expect((await shop.finance.action(caseNo, 'complete_task', { taskId: task.id })).status).toBe(502);

    expect((await shop.supervisor.action(caseNo, 'escalate_to_compliance', { reason: '客户要求全额退款' })).body.state).toBe('compliance_review');
    const replan = await shop.compliance.action(caseNo, 'propose_plan', {
      planType: 'full_refund', responsibility: 'quality_defect', terms: { refundFen: shop.priceFen - 10_000 }, basis: '退还剩余货款',
    });
    expect(replan.body.state, JSON.stringify(replan.body)).toBe('plan_proposed');
    const accepted = await shop.customer.action(caseNo, 'accept_plan', {});
    expect(accepted.status).toBe(409);
    expect(accepted.body.type).toBe('/problems/refund-outcome-unknown');
    expect(accepted.body.messages['zh-CN']).toContain('100 元');
    let seen = await view(shop, caseNo);
    expect(seen.state).toBe('plan_proposed');
    expect(seen.tasks.find((x) => x.id === task.id)?.status).toBe('open');

    // Nobody clicks: the scheduled reconciliation asks the provider again once the answer is overdue.
    expect((await reconcileRefunds(t.runtime.deps)).settled).toEqual([]);
    t.clock.advance(3 * 60_000);
    const run = await reconcileRefunds(t.runtime.deps);
    expect(run.stillInDoubt).toEqual([]);
    expect(run.settled).toHaveLength(1);
    seen = await view(shop, caseNo);
    expect(refunds(seen)).toEqual([[10_000, 'succeeded']]);
    expect(seen.tasks.find((x) => x.id === task.id)?.status).toBe('done');

    // Now the plan may change, and the new one pays only what is left.
    expect((await shop.customer.action(caseNo, 'accept_plan', {})).body.state).toBe('executing');
    for (const open of (await view(shop, caseNo)).tasks.filter((x) => x.type === 'refund' && x.status === 'open')) {
      expect((await shop.finance.action(caseNo, 'complete_task', { taskId: open.id })).status).toBe(200);
    }
    seen = await view(shop, caseNo);
    expect(refunds(seen)).toEqual([[10_000, 'succeeded'], [shop.priceFen - 10_000, 'succeeded']]);
    expect(t.payments.executedCount - paidBefore).toBe(2);
  });

  it('leaves a refund in doubt while the provider stays silent, and settles it when the provider answers', async () => {
    const { shop, caseNo, task } = await refundWithLostAnswers(5_000, 2);
    expect((await shop.finance.action(caseNo, 'complete_task', { taskId: task.id })).status).toBe(502);
    t.clock.advance(3 * 60_000);
    const silent = await reconcileRefunds(t.runtime.deps);
    expect(silent).toEqual({ settled: [], stillInDoubt: [expect.any(String)] });
    expect(refunds(await view(shop, caseNo))).toEqual([[5_000, 'pending']]);
    const settled = await reconcileRefunds(t.runtime.deps);
    expect(settled).toEqual({ settled: silent.stillInDoubt, stillInDoubt: [] });
    const seen = await view(shop, caseNo);
    expect(refunds(seen)).toEqual([[5_000, 'succeeded']]);
    expect(seen.state).toBe('resolved');
  });
});
