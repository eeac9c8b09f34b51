// Plans as offers (RES-1..7): quality exchange with the platform paying shipping, plans revised
// after rejection until compliance takes over, goodwill approvals, and statutory floors.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeShop, type Shop, startTestApp, type TestApp } from '../helpers/harness.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp('2026-11-12T09:00:00+08:00');
});
afterAll(async () => {
  await t.close();
});

async function fileCase(shop: Shop, body: Record<string, unknown>) {
  const res = await shop.customer.post('/api/v1/cases', { items: [{ orderItemId: shop.orderItemId, quantity: 1 }], description: '耳机左耳没有声音', ...body });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.caseNo as string;
}

/** A complaint whose first two plans the customer rejected: the next rejection would go to compliance. */
async function complaintRejectedTwice(): Promise<{ shop: Shop; caseNo: string }> {
  const shop = await makeShop(t);
  const caseNo = await fileCase(shop, { kind: 'complaint', reason: 'quality' });
  await shop.agent.action(caseNo, 'start_investigation', {});
  for (const refundFen of [3000, 5000]) {
    await shop.agent.action(caseNo, 'propose_plan', plan({ terms: { refundFen, keepItem: true } }));
    await shop.customer.action(caseNo, 'reject_plan', { reason: '补偿太少' });
  }
  return { shop, caseNo };
}

const plan = (overrides: Record<string, unknown> = {}) => ({
  planType: 'partial_refund',
  responsibility: 'quality_defect',
  terms: { refundFen: 5000, keepItem: true },
  basis: '商品存在轻微质量问题，客户可保留商品',
  ...overrides,
});

describe('quality exchange sold by the platform (POL-4)', () => {
  it('has the platform bear return shipping and ships a replacement with its tracking number as proof', async () => {
    const shop = await makeShop(t, { platformOperated: true, signedAt: '2026-11-02T10:00:00+08:00' });
    const caseNo = await fileCase(shop, { kind: 'exchange', reason: 'quality' });
    const approved = await shop.agent.action(caseNo, 'approve_request', {});
    expect(approved.body.state).toBe('awaiting_return');
    await shop.customer.action(caseNo, 'ship_return', { carrier: '京东物流', trackingNo: 'JD0001234567', shippingFeeFen: 1500 });
    await shop.agent.action(caseNo, 'receive_return', {});
    const photo = await shop.agent.upload(caseNo, { purpose: 'inspection' }, { name: 'left.png', bytes: (await import('../helpers/files.ts')).PNG_1x1 });
    const inspected = await shop.agent.action(caseNo, 'inspect', { passed: true, reason: '左耳无声，确认质量问题', photoAttachmentIds: [photo.body.id] });
    expect(inspected.body.state).toBe('executing');
    const detail = await shop.agent.get(`/api/v1/cases/${caseNo}`);
    const task = detail.body.tasks.find((x: { type: string }) => x.type === 'ship_replacement');
    const noProof = await shop.agent.action(caseNo, 'complete_task', { taskId: task.id });
    expect(noProof.status).toBe(422);
    expect(noProof.body.field).toBe('proof.trackingNo');
    const done = await shop.agent.action(caseNo, 'complete_task', { taskId: task.id, proof: { carrier: '京东物流', trackingNo: 'JD0009876543' } });
    expect(done.body.state).toBe('executing');
    // The customer advanced the return fee: finance pays it back through the payment provider.
    const reimbursement = detail.body.tasks.find((x: { type: string }) => x.type === 'shipping_reimbursement');
    expect(reimbursement.ownerRole).toBe('finance');
    expect((await shop.customer.action(caseNo, 'complete_task', { taskId: reimbursement.id })).status).toBe(409);
    const paid = await shop.finance.action(caseNo, 'complete_task', { taskId: reimbursement.id });
    expect(paid.body.state).toBe('resolved');
    const final = await shop.agent.get(`/api/v1/cases/${caseNo}`);
    expect(final.body.ledger.find((l: { entryType: string }) => l.entryType === 'return_shipping')).toMatchObject({
      borneBy: 'platform',
      amountFen: 1500,
      paidTo: 'customer',
      status: 'executed',
    });
    expect(final.body.refunds).toEqual([expect.objectContaining({ amountFen: 1500, status: 'succeeded' })]);
    // The order's own delivery first, then the case's parcels.
    expect(final.body.shipments.map((s: { direction: string; trackingNo: string }) => [s.direction, s.trackingNo])).toEqual([
      ['outbound', `SF${shop.id}`],
      ['return', 'JD0001234567'],
      ['replacement', 'JD0009876543'],
    ]);
  });
});

describe('rejected plans (SLA-9, RES-5)', () => {
  it('allows two revised plans, then sends the case to compliance, who may propose the last one', async () => {
    const shop = await makeShop(t);
    const caseNo = await fileCase(shop, { kind: 'complaint', reason: 'quality' });
    await shop.agent.action(caseNo, 'start_investigation', {});
    const amounts = [3000, 5000, 8000];
    for (const [index, refundFen] of amounts.entries()) {
      const proposed = await shop.agent.action(caseNo, 'propose_plan', plan({ terms: { refundFen, keepItem: true } }));
      expect(proposed.body.state, JSON.stringify(proposed.body)).toBe('plan_proposed');
      const rejected = await shop.customer.action(caseNo, 'reject_plan', { reason: `补偿太少（第${index + 1}次）` });
      expect(rejected.status).toBe(200);
      expect(rejected.body.rejectedPlans).toBe(index + 1);
      expect(rejected.body.state).toBe(index < 2 ? 'investigating' : 'compliance_review');
    }
    const agentAgain = await shop.agent.action(caseNo, 'propose_plan', plan());
    expect(agentAgain.status).toBe(409);
    // It waits in compliance's queue, compliance is told, and no handler's clock runs on it.
    const inReview = await shop.compliance.get(`/api/v1/cases/${caseNo}`);
    expect(inReview.body).toMatchObject({ state: 'compliance_review', queue: 'compliance', assigneeId: null });
    const running = inReview.body.deadlines.filter((d: { metric: string; state: string }) => d.metric === 'reinvestigation' && ['running', 'warning'].includes(d.state));
    expect(running).toEqual([]);
    const notices = (await shop.compliance.get('/api/v1/notifications')).body.items as { type: string; caseNo: string }[];
    expect(notices.some((n) => n.type === 'compliance_review' && n.caseNo === caseNo)).toBe(true);
    const frontline = await shop.agent.get(`/api/v1/cases/${caseNo}`);
    expect(frontline.body.actions.map((a: { action: string }) => a.action)).not.toContain('reject_plan');
    const compliance = await shop.compliance.action(caseNo, 'propose_plan', plan({ terms: { refundFen: 10000, keepItem: true }, basis: '合规评估后的最终方案' }));
    expect(compliance.body.state).toBe('plan_proposed');
    const history = await shop.customer.get(`/api/v1/cases/${caseNo}`);
    expect(history.body.offers.map((o: { status: string }) => o.status)).toEqual(['rejected', 'rejected', 'rejected', 'open']);
    expect(history.body.offers[0].answerReason).toBe('补偿太少（第1次）');
  });

  it('keeps the case with compliance: it asks legal, a declined plan comes back to it, and it may give its final word', async () => {
    const { shop, caseNo } = await complaintRejectedTwice();
    await shop.agent.action(caseNo, 'propose_plan', plan({ terms: { refundFen: 6000, keepItem: true } }));
    expect((await shop.customer.action(caseNo, 'reject_plan', { reason: '要求三倍赔偿' })).body.state).toBe('compliance_review');
    const asked = await shop.compliance.post(`/api/v1/cases/${caseNo}/collaborations`, { department: 'legal', question: '三倍赔偿的要求是否有法律依据？' });
    expect(asked.status, JSON.stringify(asked.body)).toBe(201);
    const generous = await shop.compliance.action(caseNo, 'propose_plan', plan({
      planType: 'compensation', terms: { keepItem: true, cashFen: 50_000 }, basis: '补偿', goodwillReason: '避免舆情',
    }));
    expect(generous.body.state).toBe('plan_pending_approval');
    expect((await shop.supervisor.action(caseNo, 'decline_plan_approval', { reason: '补偿过高' })).body.state).toBe('compliance_review');
    expect((await shop.agent.action(caseNo, 'propose_plan', plan())).status).toBe(409);
    // The demand goes beyond the law: compliance says so in writing, and the customer may still reopen.
    const final = await shop.compliance.action(caseNo, 'notify_result', { message: '经评估，您的三倍赔偿要求缺乏法律依据；维持此前方案，如有异议可向12315反映。' });
    expect(final.body.state, JSON.stringify(final.body)).toBe('result_notified');
    expect((await shop.agent.action(caseNo, 'notify_result', { message: 'x' })).status).toBe(409);
  });

  it('lets compliance, not frontline, accept a counter-offer that was the third answer', async () => {
    const { shop, caseNo } = await complaintRejectedTwice();
    await shop.agent.action(caseNo, 'propose_plan', plan({ terms: { refundFen: 6000, keepItem: true } }));
    const countered = await shop.customer.action(caseNo, 'counter_offer', { reason: '退 70 元我就接受', planType: 'partial_refund', terms: { refundFen: 7000, keepItem: true } });
    expect(countered.body.state).toBe('compliance_review');
    const frontline = await shop.agent.action(caseNo, 'accept_counter_offer', {});
    expect(frontline.status).toBe(409);
    expect(frontline.body.code).toBe('forbidden_role');
    const accepted = await shop.compliance.action(caseNo, 'accept_counter_offer', {});
    expect(accepted.body.state, JSON.stringify(accepted.body)).toBe('executing');
    const detail = await shop.agent.get(`/api/v1/cases/${caseNo}`);
    expect(detail.body.ledger).toEqual([expect.objectContaining({ entryType: 'refund', amountFen: 7000 })]);
  });

  it('refuses to accept an expired offer, and lets staff put a fresh one in its place', async () => {
    const shop = await makeShop(t);
    const caseNo = await fileCase(shop, { kind: 'complaint', reason: 'quality' });
    await shop.agent.action(caseNo, 'start_investigation', {});
    await shop.agent.action(caseNo, 'propose_plan', plan({ expiresInHours: 24 }));
    t.clock.advance(25 * 3_600_000);
    const late = await shop.customer.action(caseNo, 'accept_plan', {});
    expect(late.status).toBe(409);
    expect(late.body.type).toBe('/problems/offer-expired');
    const fresh = await shop.agent.action(caseNo, 'propose_plan', plan({ terms: { refundFen: 6000, keepItem: true }, expiresInHours: 24 }));
    expect(fresh.body.state, JSON.stringify(fresh.body)).toBe('plan_proposed');
    const accepted = await shop.customer.action(caseNo, 'accept_plan', {});
    expect(accepted.body.state).toBe('executing');
    const detail = await shop.agent.get(`/api/v1/cases/${caseNo}`);
    expect(detail.body.offers.map((o: { status: string }) => o.status)).toEqual(['superseded', 'accepted']);
    // Replacing an unanswered plan is not a rejection: no step towards compliance review.
    expect(detail.body.rejectedPlans).toBe(0);
    expect(detail.body.ledger).toEqual([expect.objectContaining({ entryType: 'refund', amountFen: 6000 })]);
  });

  it('gives the customer the whole answer window from the approval, not from the draft', async () => {
    const shop = await makeShop(t);
    const caseNo = await fileCase(shop, { kind: 'complaint', reason: 'quality' });
    await shop.agent.action(caseNo, 'start_investigation', {});
    const drafted = await shop.agent.action(caseNo, 'propose_plan', plan({ terms: { refundFen: 5000, keepItem: true, couponFen: 30000 }, goodwillReason: '多次投诉', expiresInHours: 24 }));
    expect(drafted.body.state).toBe('plan_pending_approval');
    t.clock.advance(20 * 3_600_000);
    await shop.supervisor.action(caseNo, 'approve_plan', {});
    t.clock.advance(10 * 3_600_000);
    const accepted = await shop.customer.action(caseNo, 'accept_plan', {});
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
  });

  it('records a counter-offer and lets staff accept it', async () => {
    const shop = await makeShop(t);
    const caseNo = await fileCase(shop, { kind: 'complaint', reason: 'quality' });
    await shop.agent.action(caseNo, 'start_investigation', {});
    await shop.agent.action(caseNo, 'propose_plan', plan());
    const countered = await shop.customer.action(caseNo, 'counter_offer', { reason: '希望退款 80 元', terms: { refundFen: 8000, keepItem: true } });
    expect(countered.body.state).toBe('investigating');
    const accepted = await shop.agent.action(caseNo, 'accept_counter_offer', {});
    expect(accepted.body.state).toBe('executing');
    const detail = await shop.agent.get(`/api/v1/cases/${caseNo}`);
    expect(detail.body.offers.map((o: { status: string; proposerRole: string }) => [o.proposerRole, o.status])).toEqual([
      ['agent', 'countered'],
      ['customer', 'accepted'],
    ]);
    expect(detail.body.ledger).toEqual([expect.objectContaining({ entryType: 'refund', amountFen: 8000, borneBy: 'merchant' })]);
  });
});

describe('a counter-offer above the approval limit (RES-3)', () => {
  /** A merchant's case whose customer answered the merchant's plan with one above the platform's limit. */
  async function counteredAboveLimit() {
    const shop = await makeShop(t, { signedAt: new Date(t.clock.now().getTime() - 86_400_000).toISOString() });
    const caseNo = await fileCase(shop, { kind: 'complaint', reason: 'quality' });
    await shop.merchant.action(caseNo, 'start_investigation', {});
    expect((await shop.merchant.action(caseNo, 'propose_plan', plan({ terms: { refundFen: 3000, keepItem: true } }))).body.state).toBe('plan_proposed');
    const countered = await shop.customer.action(caseNo, 'counter_offer', {
      reason: '退 50 元并补一张 300 元优惠券', planType: 'partial_refund', terms: { refundFen: 5000, keepItem: true, couponFen: 30000 },
    });
    expect(countered.body.state).toBe('investigating');
    return { shop, caseNo };
  }
  type Detail = { state: string; offers: { proposerRole: string; status: string }[]; timeline: { type: string }[]; actions: { action: string }[] };

  it('the merchant’s acceptance waits on a supervisor, whose approval agrees it with the customer', async () => {
    const { shop, caseNo } = await counteredAboveLimit();
    expect(((await shop.merchant.get(`/api/v1/cases/${caseNo}`)).body as Detail).actions.map((a) => a.action)).toContain('accept_counter_offer');
    const accepted = await shop.merchant.action(caseNo, 'accept_counter_offer', {});
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
    expect(accepted.body.state).toBe('plan_pending_approval');
    const asked = (await shop.supervisor.get('/api/v1/notifications?limit=200')).body.items as { type: string; caseNo: string }[];
    expect(asked.some((n) => n.caseNo === caseNo && n.type === 'plan_approval_requested')).toBe(true);
    // The customer sees the merchant agreed, pending the platform.
    expect(((await shop.customer.get(`/api/v1/cases/${caseNo}`)).body as Detail).timeline.map((e) => e.type)).toContain('counter_offer_submitted_for_approval');

    const approved = await shop.supervisor.action(caseNo, 'approve_plan', {});
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    // The customer proposed it: approved, it is agreed and carried out, with nothing for them to answer.
    expect(approved.body.state).toBe('executing');
    const detail = (await shop.agent.get(`/api/v1/cases/${caseNo}`)).body as Detail & { ledger: { entryType: string; amountFen: number }[] };
    expect(detail.offers.map((o) => [o.proposerRole, o.status])).toEqual([['merchant', 'countered'], ['customer', 'accepted']]);
    expect(detail.ledger).toEqual(expect.arrayContaining([expect.objectContaining({ entryType: 'refund', amountFen: 5000 })]));
    expect(((await shop.customer.get(`/api/v1/cases/${caseNo}`)).body as Detail).timeline.map((e) => e.type)).toContain('counter_offer_accepted');
  });

  it('declined, the case goes back to the merchant for a new plan', async () => {
    const { shop, caseNo } = await counteredAboveLimit();
    expect((await shop.merchant.action(caseNo, 'accept_counter_offer', {})).body.state).toBe('plan_pending_approval');
    expect((await shop.supervisor.action(caseNo, 'decline_plan_approval', { reason: '优惠券超出额度' })).body.state).toBe('investigating');
    expect((await shop.merchant.action(caseNo, 'accept_counter_offer', {})).status).toBe(409);
    expect((await shop.merchant.action(caseNo, 'propose_plan', plan({ terms: { refundFen: 5000, keepItem: true } }))).body.state).toBe('plan_proposed');
  });
});

describe('a plan’s own steps (RES-1, RES-4)', () => {
  it('become tasks with the plan’s owner, deadline and verification, and the case resolves only when they are done', async () => {
    const shop = await makeShop(t);
    const caseNo = await fileCase(shop, { kind: 'complaint', reason: 'quality' });
    await shop.agent.action(caseNo, 'start_investigation', {});
    const step = { task: '回访客户确认耳机可正常使用', ownerRole: 'supervisor', dueInHours: 48, verification: '电话回访录音编号' };
    const bad = await shop.agent.action(caseNo, 'propose_plan', plan({ steps: [{ ...step, ownerRole: 'compliance' }] }));
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('body.steps.0.ownerRole');
    await shop.agent.action(caseNo, 'propose_plan', plan({ terms: { keepItem: true, apology: true }, planType: 'apology', steps: [step] }));
    const acceptedAt = t.clock.now().getTime();
    const accepted = await shop.customer.action(caseNo, 'accept_plan', {});
    // Without the step, an apology alone would resolve the case at once.
    expect(accepted.body.state).toBe('executing');
    const detail = await shop.agent.get(`/api/v1/cases/${caseNo}`);
    const task = detail.body.tasks.find((x: { type: string }) => x.type === 'plan_step');
    expect(task).toMatchObject({ title: step.task, ownerRole: 'supervisor', verification: step.verification, status: 'open' });
    expect(new Date(task.dueAt).getTime()).toBe(acceptedAt + 48 * 3_600_000);
    // The supervisor's step is the supervisor's: not the merchant's, nor a frontline agent's.
    expect(task.mayComplete).toBe(false);
    // Nor is "complete a task" offered to whoever has none of the open tasks to complete.
    expect(detail.body.actions.map((x: { action: string }) => x.action)).not.toContain('complete_task');
    const asSupervisor = await shop.supervisor.get(`/api/v1/cases/${caseNo}`);
    expect(asSupervisor.body.tasks.find((x: { id: string }) => x.id === task.id).mayComplete).toBe(true);
    expect(asSupervisor.body.actions.map((x: { action: string }) => x.action)).toContain('complete_task');
    for (const who of [shop.merchant, shop.agent]) {
      const notYours = await who.action(caseNo, 'complete_task', { taskId: task.id, proof: { note: '已回访' } });
      expect(notYours.status).toBe(403);
      expect(notYours.body.messages['zh-CN']).toBe('该任务由售后主管负责完成');
    }
    const unverified = await shop.supervisor.action(caseNo, 'complete_task', { taskId: task.id });
    expect(unverified.status).toBe(422);
    expect(unverified.body.field).toBe('proof.note');
    expect(unverified.body.messages['zh-CN']).toContain(step.verification);
    const done = await shop.supervisor.action(caseNo, 'complete_task', { taskId: task.id, proof: { note: '录音 REC-0042，客户确认可用' } });
    expect(done.body.state).toBe('resolved');
  });
});

describe('a merchant’s plan (RES-4, ORG-3)', () => {
  it('names steps for the merchant only: the platform’s staff are not the merchant’s to task', async () => {
    const shop = await makeShop(t);
    const caseNo = await fileCase(shop, { kind: 'complaint', reason: 'quality' });
    await shop.merchant.action(caseNo, 'start_investigation', {});
    const step = (ownerRole: string) => ({ task: `由${ownerRole}跟进`, ownerRole, dueInHours: 24, verification: '跟进记录' });
    const toSupervisor = await shop.merchant.action(caseNo, 'propose_plan', plan({ steps: [step('supervisor')] }));
    expect([toSupervisor.status, toSupervisor.body.field]).toEqual([422, 'steps.0.ownerRole']);
    expect(toSupervisor.body.messages['zh-CN']).toContain('只能由商家负责');
    const toFinance = await shop.merchant.action(caseNo, 'propose_plan', plan({ steps: [step('merchant'), step('finance')] }));
    expect([toFinance.status, toFinance.body.field]).toEqual([422, 'steps.1.ownerRole']);
    // Refused plans leave nothing behind.
    const before = await shop.agent.get(`/api/v1/cases/${caseNo}`);
    expect([before.body.state, before.body.offers]).toEqual(['investigating', []]);
    expect((await shop.merchant.action(caseNo, 'propose_plan', plan({ steps: [step('merchant')] }))).body.state).toBe('plan_proposed');
  });
});

describe('goodwill and statutory floors (RES-2, RES-3)', () => {
  it('asks for a reason for goodwill, and a supervisor above the threshold', async () => {
    const shop = await makeShop(t);
    const caseNo = await fileCase(shop, { kind: 'complaint', reason: 'quality' });
    await shop.agent.action(caseNo, 'start_investigation', {});
    const noReason = await shop.agent.action(caseNo, 'propose_plan', plan({ terms: { refundFen: 5000, keepItem: true, couponFen: 3000 } }));
    expect(noReason.status).toBe(422);
    expect(noReason.body.field).toBe('goodwillReason');
    const big = await shop.agent.action(caseNo, 'propose_plan', plan({ terms: { refundFen: 5000, keepItem: true, couponFen: 30000 }, goodwillReason: '金卡会员，多次投诉' }));
    expect(big.body.state).toBe('plan_pending_approval');
    expect((await shop.customer.action(caseNo, 'accept_plan', {})).status).toBe(409);
    expect((await shop.agent.action(caseNo, 'approve_plan', {})).status).toBe(409);
    expect((await shop.supervisor.action(caseNo, 'approve_plan', { note: '同意' })).body.state).toBe('plan_proposed');
    const accepted = await shop.customer.action(caseNo, 'accept_plan', {});
    expect(accepted.body.state).toBe('executing');
    const detail = await shop.agent.get(`/api/v1/cases/${caseNo}`);
    expect(detail.body.ledger.map((l: { entryType: string; amountFen: number }) => [l.entryType, l.amountFen])).toEqual([
      ['refund', 5000],
      ['compensation', 30000],
    ]);
  });

  it('refuses a return plan below a full refund on a statutory return, and a fraud plan below 3× / 500 yuan', async () => {
    const shop = await makeShop(t, { priceFen: 10000 });
    const caseNo = await fileCase(shop, { kind: 'return_refund', reason: 'no_reason', description: '不想要了' });
    await shop.agent.action(caseNo, 'start_investigation', {});
    const partial = await shop.agent.action(caseNo, 'propose_plan', plan({ planType: 'return_and_refund', responsibility: 'no_fault', terms: { refundFen: 8000, returnRequired: true } }));
    expect(partial.status).toBe(422);
    expect(partial.body.type).toBe('/problems/plan-below-statutory-rights');
    const fraud = await shop.agent.action(
      caseNo,
      'propose_plan',
      plan({ planType: 'fraud_compensation', responsibility: 'not_as_described', fraudFound: true, terms: { refundFen: 10000, returnRequired: true, fraudCompensationFen: 30000 } }),
    );
    expect(fraud.status).toBe(422);
    expect(fraud.body.field).toBe('terms.fraudCompensationFen');
    const lawful = await shop.agent.action(
      caseNo,
      'propose_plan',
      plan({ planType: 'fraud_compensation', responsibility: 'not_as_described', fraudFound: true, terms: { refundFen: 10000, returnRequired: true, fraudCompensationFen: 50000 } }),
    );
    expect(lawful.body.state).toBe('plan_proposed');
  });
});

describe('dissatisfied customer (CL-3)', () => {
  it('reopens a closed case and the case is handled again', async () => {
    const shop = await makeShop(t);
    const caseNo = await fileCase(shop, { kind: 'complaint', reason: 'quality' });
    await shop.agent.action(caseNo, 'start_investigation', {});
    await shop.agent.action(caseNo, 'propose_plan', plan({ planType: 'apology', terms: { apology: true } }));
    expect((await shop.customer.action(caseNo, 'accept_plan', {})).body.state).toBe('resolved');
    // A return visit follows the result, not before.
    expect((await shop.agent.action(caseNo, 'log_return_visit', { outcome: 'satisfied', note: '提前回访' })).body.type).toBe('/problems/visit-not-due');
    await shop.agent.action(caseNo, 'notify_result', { message: '已向您致歉并反馈质检部门' });
    expect((await shop.customer.action(caseNo, 'confirm_resolution', { rating: 2, comment: '态度还行，问题没解决' })).body.state).toBe('closed');
    // A poor rating is not satisfaction: a supervisor is asked to call back.
    const lowRating = ((await shop.supervisor.get('/api/v1/notifications')).body.items as { type: string; caseNo: string; body: Record<string, string> }[])
      .find((n) => n.type === 'low_rating' && n.caseNo === caseNo);
    expect(lowRating?.body['zh-CN']).toContain('2 星');
    // The supervisor calls back (回访) and records what was heard; the customer's timeline keeps the call off it.
    expect((await shop.agent.action(caseNo, 'log_return_visit', { outcome: 'unreachable', note: '电话未接通' })).body.state).toBe('closed');
    expect((await shop.merchant.action(caseNo, 'log_return_visit', { outcome: 'dissatisfied', note: 'x' })).status).toBe(403);
    const visit = await shop.supervisor.action(caseNo, 'log_return_visit', { outcome: 'dissatisfied', rating: 2, note: '电话回访：耳机仍无声音，客户将申请重新处理' });
    expect(visit.status, JSON.stringify(visit.body)).toBe(200);
    const staffTimeline = (await shop.agent.get(`/api/v1/cases/${caseNo}`)).body.timeline as { type: string; data?: Record<string, unknown> }[];
    expect(staffTimeline.filter((e) => e.type === 'return_visit_logged').map((e) => e.data?.outcome)).toEqual(['unreachable', 'dissatisfied']);
    const customerTimeline = (await shop.customer.get(`/api/v1/cases/${caseNo}`)).body.timeline as { type: string; reason: string | null }[];
    expect(customerTimeline.map((e) => e.type)).not.toContain('return_visit_logged');
    // Still dissatisfied: the case is handled again (S4 step 4.2), the call's note kept from the customer.
    expect(visit.body).toMatchObject({ state: 'investigating', reopenCount: 1, resultNotifiedAt: null, closedAt: null });
    expect(customerTimeline.find((e) => e.type === 'case_reopened')?.reason).toBeNull();
    const detail = await shop.agent.get(`/api/v1/cases/${caseNo}`);
    const [reopenEvent, clocks] = detail.body.timeline.slice(-2);
    expect(reopenEvent).toMatchObject({ type: 'case_reopened', fromState: 'closed', toState: 'investigating', reason: '电话回访：耳机仍无声音，客户将申请重新处理' });
    // SLA-11: second handling starts within 2 h of the dissatisfied customer's reopening.
    expect(clocks.type).toBe('sla_started');
    expect(clocks.data.deadlines.map((d: { metric: string }) => d.metric)).toContain('second_handling');
    t.clock.advance(30 * 86_400_000);
  });

  it('negotiates afresh after a reopen, and lets staff record an answer the customer gave by phone', async () => {
    const { shop, caseNo } = await complaintRejectedTwice();
    await shop.agent.action(caseNo, 'propose_plan', plan({ planType: 'apology', terms: { apology: true } }));
    await shop.customer.action(caseNo, 'accept_plan', {});
    await shop.agent.action(caseNo, 'notify_result', { message: '已致歉' });
    const reopened = await shop.customer.action(caseNo, 'reopen', { reason: '问题没有解决' });
    expect(reopened.body).toMatchObject({ state: 'investigating', rejectedPlans: 0 });

    await shop.agent.action(caseNo, 'propose_plan', plan({ terms: { refundFen: 6000, keepItem: true } }));
    // The customer answers on the hotline; the agent records it. The merchant cannot answer for them.
    const byMerchant = await shop.merchant.action(caseNo, 'reject_plan', { reason: '客户不接受' });
    expect(byMerchant.status).toBe(409);
    expect(byMerchant.body.code).toBe('forbidden_role');
    const byPhone = await shop.agent.action(caseNo, 'reject_plan', { reason: '客户来电：仍嫌补偿太少' });
    expect(byPhone.body).toMatchObject({ state: 'investigating', rejectedPlans: 1 });
    const detail = await shop.agent.get(`/api/v1/cases/${caseNo}`);
    const rejection = detail.body.timeline.filter((e: { type: string }) => e.type === 'plan_rejected').at(-1);
    expect(rejection).toMatchObject({ reason: '客户来电：仍嫌补偿太少', actorRole: 'agent' });
  });

  /** A consultation answered and told, then a question from the customer about the answer. */
  async function answeredWithAQuestion() {
    const shop = await makeShop(t);
    const caseNo = await fileCase(shop, { kind: 'consultation', reason: 'quality', items: [] });
    await shop.agent.action(caseNo, 'start_investigation', {});
    await shop.agent.action(caseNo, 'propose_plan', plan({ planType: 'answer', terms: {} }));
    await shop.customer.action(caseNo, 'accept_plan', {});
    await shop.agent.action(caseNo, 'notify_result', { message: '说明书第 5 页有配对方法' });
    await shop.customer.post(`/api/v1/cases/${caseNo}/messages`, { body: '那保修怎么办？' });
    return { shop, caseNo };
  }

  it('blocks closing while the customer has an unanswered question (CL-5)', async () => {
    const { shop, caseNo } = await answeredWithAQuestion();
    const blocked = await shop.agent.action(caseNo, 'close', { note: '客户在线确认接受' });
    expect(blocked.status).toBe(409);
    expect(blocked.body.code).toBe('close_blocked_unanswered');
    await shop.agent.post(`/api/v1/cases/${caseNo}/messages`, { body: '保修一年，凭订单即可' });
    // CL-3: staff say how the customer confirmed or accepted the result.
    const unsaid = await shop.agent.action(caseNo, 'close', {});
    expect([unsaid.status, unsaid.body.field]).toEqual([400, 'body.note']);
    expect((await shop.agent.action(caseNo, 'close', { note: '客户在线确认接受' })).body.state).toBe('closed');
  });

  it('lets the customer confirm over their own question: the confirmation settles it', async () => {
    const { shop, caseNo } = await answeredWithAQuestion();
    expect((await shop.customer.get(`/api/v1/cases/${caseNo}`)).body.actions.map((a: { action: string }) => a.action)).toContain('confirm_resolution');
    const confirmed = await shop.customer.action(caseNo, 'confirm_resolution', { rating: 5, comment: '我自己查到了，谢谢' });
    expect(confirmed.body.state).toBe('closed');
    expect((await shop.agent.get(`/api/v1/cases/${caseNo}`)).body.unansweredCustomerMessages).toBe(0);
    // A question after the close reaches whoever held the case (CL-5), not an empty list.
    expect((await shop.customer.post(`/api/v1/cases/${caseNo}/messages`, { body: '还想问一下发票的事' })).status).toBe(201);
    const told = async (who: typeof shop.agent) =>
      ((await who.get('/api/v1/notifications?limit=200')).body.items as { type: string; caseNo: string }[]).some((n) => n.caseNo === caseNo && n.type === 'message_on_ended_case');
    expect([await told(shop.merchant), await told(shop.agent)].filter(Boolean)).toHaveLength(1);
  });
});

describe('a warranty repair (RES-1, RES-4)', () => {
  it('ships the item back only once the repair is done', async () => {
    const shop = await makeShop(t, { signedAt: '2026-10-02T10:00:00+08:00' });
    const caseNo = await fileCase(shop, { kind: 'repair', reason: 'quality' });
    expect((await shop.agent.action(caseNo, 'approve_request', {})).body.state).toBe('awaiting_return');
    await shop.customer.action(caseNo, 'ship_return', { carrier: '顺丰', trackingNo: 'SF0001112223', shippingFeeFen: 0 });
    await shop.agent.action(caseNo, 'receive_return', {});
    const photo = await shop.agent.upload(caseNo, { purpose: 'inspection' }, { name: 'board.png', bytes: (await import('../helpers/files.ts')).PNG_1x1 });
    expect((await shop.agent.action(caseNo, 'inspect', { passed: true, reason: '主板故障，保修期内免费维修', photoAttachmentIds: [photo.body.id] })).body.state).toBe('executing');
    const tasks = (await shop.agent.get(`/api/v1/cases/${caseNo}`)).body.tasks as { id: string; type: string }[];
    const repair = tasks.find((x) => x.type === 'repair')!;
    const shipBack = tasks.find((x) => x.type === 'ship_back_repaired')!;

    const early = await shop.merchant.action(caseNo, 'complete_task', { taskId: shipBack.id, proof: { carrier: '顺丰', trackingNo: 'SF0001112224' } });
    expect(early.status).toBe(409);
    expect(early.body.type).toBe('/problems/task-out-of-order');
    expect(early.body.title).toBeTruthy();
    const untouched = await shop.agent.get(`/api/v1/cases/${caseNo}`);
    expect(untouched.body.shipments.some((s: { direction: string }) => s.direction === 'repaired')).toBe(false);

    expect((await shop.merchant.action(caseNo, 'complete_task', { taskId: repair.id, proof: { note: '已更换主板' } })).status).toBe(200);
    const back = await shop.merchant.action(caseNo, 'complete_task', { taskId: shipBack.id, proof: { carrier: '顺丰', trackingNo: 'SF0001112224' } });
    expect(back.status).toBe(200);
    expect(back.body.state).toBe('resolved');
  });
});
