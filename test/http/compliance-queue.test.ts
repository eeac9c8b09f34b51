// A case in compliance review stays with compliance (SLA-9): routing neither moves it on request
// nor when the customer's words raise it; and compliance, holding it, sees it through to the
// result and the close (CL-1, CL-5).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileCase, makeShop, type Shop, startTestApp, type TestApp } from '../helpers/harness.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp('2026-11-12T09:00:00+08:00');
});
afterAll(async () => {
  await t.close();
});

type Event = { type: string; data?: { queue?: string; reasons?: { rule: string }[] } };
const actionsOf = async (client: Shop['agent'], caseNo: string) =>
  ((await client.get(`/api/v1/cases/${caseNo}`)).body.actions as { action: string }[]).map((a) => a.action);

/** A merchant's complaint whose three plans the customer rejected: it is in compliance review. */
async function inComplianceReview(): Promise<{ shop: Shop; caseNo: string }> {
  const shop = await makeShop(t);
  const caseNo = await fileCase(shop, { kind: 'complaint', reason: 'quality', description: '耳机左耳没有声音' });
  await shop.agent.action(caseNo, 'start_investigation', {});
  for (const refundFen of [3000, 5000, 6000]) {
    await shop.agent.action(caseNo, 'propose_plan', {
      planType: 'partial_refund', responsibility: 'quality_defect', terms: { refundFen, keepItem: true }, basis: '商品存在轻微质量问题',
    });
    await shop.customer.action(caseNo, 'reject_plan', { reason: '补偿太少' });
  }
  const review = (await shop.compliance.get(`/api/v1/cases/${caseNo}`)).body;
  expect(review).toMatchObject({ state: 'compliance_review', queue: 'compliance' });
  return { shop, caseNo };
}

describe('a case in compliance review (SLA-9)', () => {
  it('is not routed away: a manual re-route is refused, and a raised severity leaves it with compliance', async () => {
    const { shop, caseNo } = await inComplianceReview();
    expect(await actionsOf(shop.agent, caseNo)).not.toContain('route');
    const rerouted = await shop.agent.action(caseNo, 'route', {});
    expect(rerouted.status).toBe(409);
    expect(rerouted.body.type).toBe('/problems/held-by-compliance');
    expect((await shop.agent.get(`/api/v1/cases/${caseNo}`)).body.queue).toBe('compliance');

    expect((await shop.compliance.action(caseNo, 'assign', {})).status).toBe(200);
    const raised = await shop.customer.post(`/api/v1/cases/${caseNo}/messages`, { body: '耳机充电时冒烟起火了，孩子手被烫伤', channel: 'web' });
    expect(raised.status).toBe(201);
    const after = (await shop.compliance.get(`/api/v1/cases/${caseNo}`)).body;
    expect(after).toMatchObject({ severity: 'L1', state: 'compliance_review', queue: 'compliance', assigneeId: expect.any(String) });
    const routed = (after.timeline as Event[]).filter((e) => e.type === 'case_routed').at(-1)!;
    expect(routed.data?.queue).toBe('compliance');
    expect(routed.data?.reasons?.map((r) => r.rule)).toContain('compliance_review');
  });

  it('is compliance’s to see through: once its plan is carried out, compliance tells the result and closes the case', async () => {
    const { shop, caseNo } = await inComplianceReview();
    await shop.compliance.action(caseNo, 'propose_plan', {
      planType: 'partial_refund', responsibility: 'quality_defect', terms: { refundFen: 10_000, keepItem: true }, basis: '合规评估后的最终方案',
    });
    expect((await shop.customer.action(caseNo, 'accept_plan', {})).body.state).toBe('executing');
    const task = (await shop.finance.get(`/api/v1/cases/${caseNo}`)).body.tasks.find((x: { type: string }) => x.type === 'refund');
    expect((await shop.finance.action(caseNo, 'complete_task', { taskId: task.id })).body).toMatchObject({ state: 'resolved', queue: 'compliance' });

    expect(await actionsOf(shop.compliance, caseNo)).toContain('notify_result');
    const told = await shop.compliance.action(caseNo, 'notify_result', { message: '退款 100 元已原路退回，请查收' });
    expect(told.status, JSON.stringify(told.body)).toBe(200);
    expect(told.body.state).toBe('result_notified');
    const closed = await shop.compliance.action(caseNo, 'close', { note: '客户电话确认已收到退款' });
    expect(closed.body.state, JSON.stringify(closed.body)).toBe('closed');
  });
});
