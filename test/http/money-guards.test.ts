// Who may move money, on what, and how much (VER-1, RES-2, RES-3, RES-4, RES-5, POL-10): nothing is
// refunded on an order never paid; granting a request gives all of it or goes through the customer;
// a merchant cannot charge the platform or move its approval limit; finance releases money;
// 假一赔三 is owed once; points are goodwill; a case claims no more units than were bought.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PLATFORM_BASELINE } from '../../src/modules/policy/policy.rules.ts';
import { forgetPolicyVersions } from '../../src/modules/policy/policy.service.ts';
import { fileCase, makeShop, type Shop, startTestApp, type TestApp } from '../helpers/harness.ts';

const DAY = 86_400_000;
type Call = { status: number; body: Record<string, any> };

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp('2026-11-10T10:00:00+08:00');
});
afterAll(async () => t.close());

const freshShop = (options: Parameters<typeof makeShop>[1] = {}) =>
  makeShop(t, { signedAt: new Date(t.clock.now().getTime() - DAY).toISOString(), ...options });

function refused(call: Call, status: number, type: string, field?: string): void {
  expect(call.status, JSON.stringify(call.body)).toBe(status);
  expect(call.body.type).toBe(`/problems/${type}`);
  if (field) expect(call.body.field).toBe(field);
}

/** A second order of the shop's customer, in the given status, not shipped; returns its item. */
async function orderIn(shop: Shop, status: 'pending_payment' | 'paid' | 'cancelled', shippingFen = 0): Promise<string> {
  const external = `o-${shop.id}-${status}-${shippingFen}`;
  const res = await shop.admin.put(`/api/v1/integration/orders/${external}`, {
    orderNo: `DD${shop.id}${status.length}${shippingFen}`,
    customerExternalId: `c-${shop.id}`,
    merchantExternalId: `m-${shop.id}`,
    status,
    placedAt: new Date(t.clock.now().getTime() - DAY).toISOString(),
    totalFen: shop.priceFen + shippingFen,
    shippingFen,
    items: [{ externalId: '1', productExternalId: `p-${shop.id}`, quantity: 1, unitPriceFen: shop.priceFen, paidFen: shop.priceFen }],
    payments: status === 'pending_payment' ? [] : [{ externalId: `pay-${external}`, method: 'alipay', amountFen: shop.priceFen + shippingFen, paidAt: t.clock.now().toISOString() }],
  });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  const { db } = t.runtime.deps.database;
  const item = await db.selectFrom('order_items').select('id').where('order_id', '=', res.body.id).executeTakeFirstOrThrow();
  return item.id;
}

describe('orders with nothing paid (VER-1)', () => {
  it('refuses a refund on an unpaid order and on a cancelled one, with the reason, and files nothing', async () => {
    const shop = await freshShop();
    for (const [status, code] of [['pending_payment', 'order_not_paid'], ['cancelled', 'order_cancelled']] as const) {
      const orderItemId = await orderIn(shop, status);
      const preview = await shop.customer.post('/api/v1/eligibility', { kind: 'refund_only', reason: 'no_reason', orderItemIds: [orderItemId] });
      expect(preview.body.eligible).toBe(false);
      expect(preview.body.items[0].reasons.map((r: { code: string }) => r.code)).toEqual([code]);
      const filed = await shop.customer.post('/api/v1/cases', { kind: 'refund_only', reason: 'no_reason', items: [{ orderItemId, quantity: 1 }], description: '不要了' });
      expect(filed.status).toBe(422);
    }
    // The same refund on a paid order that has not shipped goes ahead.
    const paid = await orderIn(shop, 'paid');
    const filed = await shop.customer.post('/api/v1/cases', { kind: 'refund_only', reason: 'no_reason', items: [{ orderItemId: paid, quantity: 1 }], description: '不要了' });
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);
  });
});

/** A refund asked for on a paid order that has not shipped (未发货仅退款). */
async function unshippedRefund(shop: Shop, shippingFen = 0): Promise<string> {
  const orderItemId = await orderIn(shop, 'paid', shippingFen);
  const filed = await shop.customer.post('/api/v1/cases', { kind: 'refund_only', reason: 'no_reason', items: [{ orderItemId, quantity: 1 }], description: '不想要了，还没发货' });
  expect(filed.status, JSON.stringify(filed.body)).toBe(201);
  return filed.body.caseNo as string;
}

describe('granting a request as filed (RES-2, RES-5)', () => {
  it('refunds all of it; less is a plan for the customer to answer', async () => {
    const shop = await freshShop();
    const caseNo = await unshippedRefund(shop);
    refused(await shop.merchant.action(caseNo, 'approve_request', { refundFen: 100 }), 422, 'approve-less-than-requested', 'refundFen');
    expect((await shop.agent.get(`/api/v1/cases/${caseNo}`)).body.offers).toEqual([]);
    const full = await shop.merchant.action(caseNo, 'approve_request', { refundFen: shop.priceFen });
    expect(full.body.state, JSON.stringify(full.body)).toBe('executing');
    const detail = await shop.agent.get(`/api/v1/cases/${caseNo}`);
    expect(detail.body.ledger).toEqual([expect.objectContaining({ entryType: 'refund', amountFen: shop.priceFen })]);
  });
});

describe('the order’s shipping fee (RES-1)', () => {
  it('goes back with the whole order when it never shipped', async () => {
    const shop = await freshShop();
    const caseNo = await unshippedRefund(shop, 800);
    expect((await shop.merchant.action(caseNo, 'approve_request', {})).body.state).toBe('executing');
    const detail = await shop.agent.get(`/api/v1/cases/${caseNo}`);
    expect(detail.body.ledger).toEqual([expect.objectContaining({ entryType: 'refund', amountFen: shop.priceFen + 800 })]);
    const task = detail.body.tasks.find((x: { type: string }) => x.type === 'refund');
    expect((await shop.finance.action(caseNo, 'complete_task', { taskId: task.id })).body.state).toBe('resolved');
    expect((await shop.agent.get(`/api/v1/cases/${caseNo}`)).body.refunds).toEqual([expect.objectContaining({ amountFen: shop.priceFen + 800, status: 'succeeded' })]);
  });
});

describe('a merchant is a party to the case (RES-3, VER-5)', () => {
  it('cannot find the platform at fault, nor raise its own goodwill approval limit', async () => {
    const shop = await freshShop();
    // The merchant's own policy tries to lift the approval limit: refused, naming the clause.
    const lifted = await shop.merchant.put(`/api/v1/merchants/${shop.merchantId}/policy`, { rules: { ...PLATFORM_BASELINE, goodwill: { approvalThresholdFen: 1_000_000_000 } } });
    refused(lifted, 422, 'policy-below-baseline', 'rules.goodwill.approvalThresholdFen');
    const caseNo = await fileCase(shop, { kind: 'complaint', reason: 'quality', description: '耳机有杂音' });
    await shop.merchant.action(caseNo, 'start_investigation', {});
    const plan = (responsibility: string, cashFen: number) => ({
      planType: 'compensation', responsibility, terms: { keepItem: true, cashFen }, basis: '补偿', goodwillReason: '客户体验差',
    });
    refused(await shop.merchant.action(caseNo, 'propose_plan', plan('platform_error', 1_000)), 422, 'responsibility-not-yours', 'responsibility');
    // Platform staff may find the platform at fault.
    const agentPlan = await shop.agent.action(caseNo, 'propose_plan', plan('platform_error', 1_000));
    expect(agentPlan.body.state, JSON.stringify(agentPlan.body)).toBe('plan_proposed');
    const big = await shop.merchant.action(caseNo, 'propose_plan', plan('quality_defect', 500_000));
    expect(big.body.state).toBe('plan_pending_approval');
  });

  it('keeps the approval limit the platform’s: a merchant policy cannot set it, one stored with it changes nothing', async () => {
    const shop = await freshShop();
    const policyOf = (rules: object) => shop.merchant.put(`/api/v1/merchants/${shop.merchantId}/policy`, { rules });
    refused(await policyOf({ ...PLATFORM_BASELINE, versionBasis: 'delivered' }), 422, 'policy-below-baseline', 'rules.versionBasis');
    // The platform's own values sent back as they are (a form started from the baseline) are accepted, and not kept as the merchant's.
    expect((await policyOf(PLATFORM_BASELINE)).status).toBe(200);
    const { goodwill: _platformOnly, versionBasis: _basis, ...terms } = PLATFORM_BASELINE;
    expect((await policyOf(terms)).status).toBe(200);
    const versions = (await shop.merchant.get(`/api/v1/merchants/${shop.merchantId}/policy/versions`)).body.items as { rules: Record<string, unknown> }[];
    expect(versions.map((v) => [v.rules.goodwill, v.rules.versionBasis])).toEqual([[undefined, undefined], [undefined, undefined]]);

    // A merchant version that carries a lifted limit (published before merchants were refused it), in force when the order was placed.
    const older = await freshShop();
    const { db } = t.runtime.deps.database;
    const stored = await db
      .insertInto('policy_versions')
      .values({
        scope: 'merchant', merchant_id: older.merchantId, version: 1, effective_from: new Date('2026-01-01T00:00:00+08:00'), created_at: t.clock.now(),
        rules: JSON.stringify({ ...PLATFORM_BASELINE, goodwill: { approvalThresholdFen: 99_999_999 } }),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    forgetPolicyVersions();
    const shown = await older.anonymous.get(`/api/v1/merchants/${older.merchantId}/policy`);
    expect(shown.body.rules.goodwill).toEqual(PLATFORM_BASELINE.goodwill);
    expect(shown.body.violationsOfBaseline.map((v: { path: string }) => v.path)).toEqual(['goodwill.approvalThresholdFen']);
    const caseNo = await fileCase(older, { kind: 'complaint', reason: 'quality', description: '耳机有杂音' });
    expect((await older.agent.get(`/api/v1/cases/${caseNo}`)).body.policyVersionId).toBe(stored.id);
    await older.agent.action(caseNo, 'start_investigation', {});
    const coupon = await older.agent.action(caseNo, 'propose_plan', {
      planType: 'compensation', responsibility: 'quality_defect', terms: { keepItem: true, couponFen: 30_000 }, basis: '补偿', goodwillReason: '客户体验差',
    });
    expect(coupon.body.state, JSON.stringify(coupon.body)).toBe('plan_pending_approval');
  });

  it('an approval limit the admin lowers applies to cases already open (RES-3)', async () => {
    const shop = await freshShop();
    const caseNo = await fileCase(shop, { kind: 'complaint', reason: 'quality', description: '耳机有杂音' });
    await shop.agent.action(caseNo, 'start_investigation', {});
    const lowered = await shop.admin.put('/api/v1/policy', { rules: { ...PLATFORM_BASELINE, goodwill: { approvalThresholdFen: 10_000 } } });
    expect(lowered.status, JSON.stringify(lowered.body)).toBe(200);
    try {
      const coupon = await shop.agent.action(caseNo, 'propose_plan', {
        planType: 'compensation', responsibility: 'quality_defect', terms: { keepItem: true, couponFen: 15_000 }, basis: '补偿', goodwillReason: '客户体验差',
      });
      expect(coupon.body.state, JSON.stringify(coupon.body)).toBe('plan_pending_approval');
    } finally {
      expect((await shop.admin.put('/api/v1/policy', { rules: PLATFORM_BASELINE })).status).toBe(200);
    }
  });

  it('a plan above the goodwill limit waits on a supervisor, who is told; the plan clock runs until it is approved', async () => {
    const shop = await freshShop();
    const caseNo = await fileCase(shop, { kind: 'complaint', reason: 'quality', description: '耳机有杂音' });
    await shop.agent.action(caseNo, 'start_investigation', {});
    const big = await shop.agent.action(caseNo, 'propose_plan', {
      planType: 'compensation', responsibility: 'quality_defect', terms: { keepItem: true, cashFen: 50_000 }, basis: '补偿', goodwillReason: '老客户多次反馈',
    });
    expect(big.body.state).toBe('plan_pending_approval');
    const told = (await shop.supervisor.get('/api/v1/notifications')).body.items as { type: string; caseNo: string; body: Record<string, string> }[];
    expect(told.find((n) => n.type === 'plan_approval_requested' && n.caseNo === caseNo)?.body['zh-CN']).toContain('500.00');
    const planDue = async () => ((await shop.agent.get(`/api/v1/cases/${caseNo}`)).body.deadlines as { metric: string; state: string }[]).filter((d) => d.metric === 'plan_due').map((d) => d.state);
    expect(await planDue()).toEqual(['running']);
    expect((await shop.supervisor.action(caseNo, 'approve_plan', {})).body.state).toBe('plan_proposed');
    expect(await planDue()).toEqual(['met']);
  });

  it('cannot date its policy back to take a promise from orders already placed (POL-10)', async () => {
    const shop = await freshShop();
    const back = await shop.merchant.put(`/api/v1/merchants/${shop.merchantId}/policy`, {
      rules: PLATFORM_BASELINE, effectiveFrom: new Date(t.clock.now().getTime() - 2 * DAY).toISOString(),
    });
    refused(back, 422, 'policy-backdated', 'effectiveFrom');
    const ahead = await shop.merchant.put(`/api/v1/merchants/${shop.merchantId}/policy`, {
      rules: PLATFORM_BASELINE, effectiveFrom: new Date(t.clock.now().getTime() + DAY).toISOString(),
    });
    expect(ahead.status).toBe(200);
  });
});

describe('money leaves by finance’s hand (RES-4)', () => {
  it('refuses an agent or the merchant executing a refund, and lets finance do it', async () => {
    const shop = await freshShop();
    const caseNo = await unshippedRefund(shop);
    await shop.merchant.action(caseNo, 'approve_request', {});
    const task = (await shop.finance.get(`/api/v1/cases/${caseNo}`)).body.tasks.find((x: { type: string }) => x.type === 'refund');
    const paymentsBefore = t.payments.executedCount;
    for (const who of [shop.agent, shop.merchant]) refused(await who.action(caseNo, 'complete_task', { taskId: task.id }), 403, 'forbidden');
    expect(t.payments.executedCount).toBe(paymentsBefore);
    expect((await shop.finance.action(caseNo, 'complete_task', { taskId: task.id })).body.state).toBe('resolved');
  });
});

describe('假一赔三 is owed once (RES-2)', () => {
  it('is three times the price of the goods, without the shipping fee', async () => {
    const shop = await freshShop({ priceFen: 29_900 });
    const orderItemId = await orderIn(shop, 'paid', 1_000);
    const filed = await shop.customer.post('/api/v1/cases', { kind: 'refund_only', reason: 'no_reason', items: [{ orderItemId, quantity: 1 }], description: '商家发布虚假宣传' });
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);
    const caseNo = filed.body.caseNo as string;
    await shop.agent.action(caseNo, 'start_investigation', {});
    const plan = (fraudCompensationFen: number) => ({
      planType: 'fraud_compensation', responsibility: 'not_as_described', fraudFound: true,
      terms: { refundFen: 30_900, fraudCompensationFen }, basis: '经核实虚假宣传',
    });
    const below = await shop.agent.action(caseNo, 'propose_plan', plan(89_699));
    refused(below, 422, 'plan-below-statutory-rights');
    expect(below.body.messages['zh-CN']).toContain('897');
    // The refund gives the shipping fee back too; the statutory sum counts the goods only.
    expect((await shop.agent.action(caseNo, 'propose_plan', plan(89_700))).body.state).toBe('plan_proposed');
  });

  it('counts what was paid before a reopen: no second statutory sum, more is goodwill', async () => {
    const shop = await freshShop({ priceFen: 29_900 });
    const caseNo = await fileCase(shop, { kind: 'complaint', reason: 'not_as_described', description: '假货' });
    await shop.agent.action(caseNo, 'start_investigation', {});
    const fraudPlan = (fraudCompensationFen: number, extra: Record<string, unknown> = {}) => ({
      planType: 'fraud_compensation', responsibility: 'not_as_described', fraudFound: true,
      terms: { keepItem: true, fraudCompensationFen }, basis: '经核实为假货', ...extra,
    });
    expect((await shop.agent.action(caseNo, 'propose_plan', fraudPlan(89_700))).body.state).toBe('plan_proposed');
    await shop.customer.action(caseNo, 'accept_plan', {});
    const task = (await shop.finance.get(`/api/v1/cases/${caseNo}`)).body.tasks.find((x: { type: string }) => x.type === 'compensation');
    await shop.finance.action(caseNo, 'complete_task', { taskId: task.id, proof: { reference: 'TR-1' } });
    // The customer sees the payment itself, not only a message about it; not who bears it.
    const own = (await shop.customer.get(`/api/v1/cases/${caseNo}`)).body;
    expect(own.paymentsToCustomer).toEqual([expect.objectContaining({ entryType: 'fraud_compensation', amountFen: 89_700, status: 'executed' })]);
    expect(own.ledger).toBeUndefined();
    await shop.agent.action(caseNo, 'notify_result', { message: '已赔付' });
    await shop.customer.action(caseNo, 'reopen', { reason: '还想要道歉' });

    const apology = await shop.agent.action(caseNo, 'propose_plan', fraudPlan(0, { planType: 'apology', terms: { keepItem: true, apology: true } }));
    expect(apology.body.state, JSON.stringify(apology.body)).toBe('plan_proposed');
    // Paying the statutory sum again is goodwill now: it needs its reason (and, this high, approval).
    refused(await shop.agent.action(caseNo, 'propose_plan', fraudPlan(89_700)), 422, 'validation-failed', 'goodwillReason');
    const again = await shop.agent.action(caseNo, 'propose_plan', fraudPlan(89_700, { goodwillReason: '客户坚持' }));
    expect(again.body.state).toBe('plan_pending_approval');
  });
  it('owes 假一赔三 once per purchase: a second case on the same goods owes no second statutory sum', async () => {
    const shop = await freshShop({ priceFen: 29_900 });
    const first = await fileCase(shop, { kind: 'complaint', reason: 'not_as_described', description: '假货' });
    await shop.agent.action(first, 'start_investigation', {});
    const fraudPlan = (fraudCompensationFen: number) => ({
      planType: 'fraud_compensation', responsibility: 'not_as_described', fraudFound: true, terms: { keepItem: true, fraudCompensationFen }, basis: '经核实为假货',
    });
    await shop.agent.action(first, 'propose_plan', fraudPlan(89_700));
    await shop.customer.action(first, 'accept_plan', {});
    const task = (await shop.finance.get(`/api/v1/cases/${first}`)).body.tasks.find((x: { type: string }) => x.type === 'compensation');
    await shop.finance.action(first, 'complete_task', { taskId: task.id, proof: { reference: 'TR-2' } });
    await shop.agent.action(first, 'notify_result', { message: '已赔付' });
    await shop.customer.action(first, 'confirm_resolution', {});

    const second = await fileCase(shop, { kind: 'complaint', reason: 'not_as_described', description: '还是觉得是假货，再次投诉' });
    await shop.agent.action(second, 'start_investigation', {});
    // Nothing more is owed by law; paying it again would be goodwill.
    expect((await shop.agent.action(second, 'propose_plan', fraudPlan(0))).body.state).toBe('plan_proposed');
  });

  it('owes each unit its own: a second unit of the line complained of on its own is owed 假一赔三 for itself', async () => {
    const shop = await freshShop({ priceFen: 29_900, quantity: 2 });
    const fraudPlan = (fraudCompensationFen: number, extra: Record<string, unknown> = {}) => ({
      planType: 'fraud_compensation', responsibility: 'not_as_described', fraudFound: true, terms: { keepItem: true, fraudCompensationFen }, basis: '经核实为假货', ...extra,
    });
    const first = await fileCase(shop, { kind: 'complaint', reason: 'not_as_described', description: '第一件是假货' });
    await shop.agent.action(first, 'start_investigation', {});
    await shop.agent.action(first, 'propose_plan', fraudPlan(89_700));
    await shop.customer.action(first, 'accept_plan', {});
    const task = (await shop.finance.get(`/api/v1/cases/${first}`)).body.tasks.find((x: { type: string }) => x.type === 'compensation');
    await shop.finance.action(first, 'complete_task', { taskId: task.id, proof: { reference: 'TR-3' } });
    await shop.agent.action(first, 'notify_result', { message: '已赔付' });
    expect((await shop.customer.action(first, 'confirm_resolution', {})).body.state).toBe('closed');

    // The other unit: the first case paid for its own unit only.
    const second = await fileCase(shop, { kind: 'complaint', reason: 'not_as_described', description: '第二件也是假货' });
    await shop.agent.action(second, 'start_investigation', {});
    const apologyOnly = await shop.agent.action(second, 'propose_plan', fraudPlan(0, { planType: 'apology', terms: { keepItem: true, apology: true } }));
    refused(apologyOnly, 422, 'plan-below-statutory-rights', 'terms.fraudCompensationFen');
    expect(apologyOnly.body.messages['zh-CN']).toContain('897');
    expect((await shop.agent.action(second, 'propose_plan', fraudPlan(89_700))).body.state).toBe('plan_proposed');

    // A case about both units owes the unit not yet compensated.
    const both = await shop.customer.post('/api/v1/cases', { kind: 'complaint', reason: 'not_as_described', items: [{ orderItemId: shop.orderItemId, quantity: 2 }], description: '两件都是假货' });
    await shop.agent.action(both.body.caseNo, 'start_investigation', {});
    refused(await shop.agent.action(both.body.caseNo, 'propose_plan', fraudPlan(89_699)), 422, 'plan-below-statutory-rights');
    expect((await shop.agent.action(both.body.caseNo, 'propose_plan', fraudPlan(89_700))).body.state).toBe('plan_proposed');
  });
});

describe('price protection', () => {
  it('gives back the price drop, no more', async () => {
    const shop = await freshShop({ priceFen: 29_900 });
    // In force when the order was placed (only an admin may date a version back).
    const policy = await shop.admin.put(`/api/v1/merchants/${shop.merchantId}/policy`, {
      rules: { ...PLATFORM_BASELINE, priceProtection: { enabled: true, days: 30 } }, effectiveFrom: new Date(t.clock.now().getTime() - 30 * DAY).toISOString(),
    });
    expect(policy.status, JSON.stringify(policy.body)).toBe(200);
    // The shop lowers the price by 50 yuan.
    const cheaper = await shop.admin.put(`/api/v1/integration/products/p-${shop.id}`, {
      merchantExternalId: `m-${shop.id}`, name: '无线蓝牙耳机', category: 'electronics', priceFen: 24_900, warrantyMonths: 12, flags: [],
    });
    expect(cheaper.status).toBe(200);
    const caseNo = await fileCase(shop, { kind: 'price_protection', reason: 'no_reason', description: '买后三天降价 50 元，申请价保' });
    refused(await shop.merchant.action(caseNo, 'approve_request', { refundFen: 29_900 }), 422, 'validation-failed', 'refundFen');
    const granted = await shop.merchant.action(caseNo, 'approve_request', { refundFen: 5_000 });
    expect(granted.body.state, JSON.stringify(granted.body)).toBe('executing');
  });
});

describe('the return postage the customer states', () => {
  it('cannot be more than the goods sent back: nothing is written', async () => {
    const shop = await freshShop();
    const caseNo = await fileCase(shop, { kind: 'return_refund', reason: 'quality', description: '鼠标左键失灵' });
    expect((await shop.merchant.action(caseNo, 'approve_request', {})).body.state).toBe('awaiting_return');
    const inflated = await shop.customer.action(caseNo, 'ship_return', { carrier: '顺丰', trackingNo: `SF${shop.id}Z`, shippingFeeFen: shop.priceFen + 1 });
    refused(inflated, 422, 'validation-failed', 'shippingFeeFen');
    const after = (await shop.agent.get(`/api/v1/cases/${caseNo}`)).body as { state: string; shipments: { direction: string }[] };
    expect(after.state).toBe('awaiting_return');
    expect(after.shipments.filter((x) => x.direction === 'return')).toEqual([]);
    expect((await shop.customer.action(caseNo, 'ship_return', { carrier: '顺丰', trackingNo: `SF${shop.id}Z`, shippingFeeFen: 1_200 })).body.state).toBe('return_in_transit');
  });
});

describe('return postage paid back (EX-4)', () => {
  it('is capped per parcel by the platform, and paid above a small amount only with its receipt', async () => {
    const shop = await freshShop({ priceFen: 99_900 });
    const caseNo = await fileCase(shop, { kind: 'return_refund', reason: 'quality', description: '显示器有坏点' });
    expect((await shop.merchant.action(caseNo, 'approve_request', {})).body.state).toBe('awaiting_return');
    // The seller pays it back: 999 yuan of postage for a 999 yuan monitor is the customer's word alone.
    const inflated = await shop.customer.action(caseNo, 'ship_return', { carrier: '顺丰', trackingNo: `SF${shop.id}C1`, shippingFeeFen: 99_900 });
    refused(inflated, 422, 'validation-failed', 'shippingFeeFen');
    expect(inflated.body.messages['zh-CN']).toContain('50 元');
    expect((await shop.agent.get(`/api/v1/cases/${caseNo}`)).body.shipments.filter((x: { direction: string }) => x.direction === 'return')).toEqual([]);
    expect((await shop.customer.action(caseNo, 'ship_return', { carrier: '顺丰', trackingNo: `SF${shop.id}C1`, shippingFeeFen: 4_500 })).body.state).toBe('return_in_transit');
    await shop.merchant.action(caseNo, 'receive_return', {});
    expect((await shop.merchant.action(caseNo, 'inspect', { passed: true })).body.state).toBe('executing');

    const task = (await shop.finance.get(`/api/v1/cases/${caseNo}`)).body.tasks.find((x: { type: string }) => x.type === 'shipping_reimbursement');
    const paidBefore = t.payments.executedCount;
    refused(await shop.finance.action(caseNo, 'complete_task', { taskId: task.id }), 422, 'validation-failed', 'proof.reference');
    expect(t.payments.executedCount).toBe(paidBefore);
    const paid = await shop.finance.action(caseNo, 'complete_task', { taskId: task.id, proof: { reference: 'SF-FP-20261110-01' } });
    expect(paid.status, JSON.stringify(paid.body)).toBe(200);
    expect(t.payments.executedCount).toBe(paidBefore + 1);
    const done = (await shop.finance.get(`/api/v1/cases/${caseNo}`)).body.tasks.find((x: { id: string }) => x.id === task.id);
    expect(done.proof).toMatchObject({ receiptReference: 'SF-FP-20261110-01', reference: expect.any(String) });
  });

  it('is not capped when the customer bears it', async () => {
    const shop = await freshShop({ priceFen: 99_900 });
    const caseNo = await fileCase(shop, { kind: 'return_refund', reason: 'no_reason', description: '不想要了' });
    expect((await shop.merchant.action(caseNo, 'approve_request', {})).body.state).toBe('awaiting_return');
    expect((await shop.customer.action(caseNo, 'ship_return', { carrier: '德邦', trackingNo: `DB${shop.id}C2`, shippingFeeFen: 8_000 })).body.state).toBe('return_in_transit');
  });
});

describe('goods the customer damaged', () => {
  it('a refund after a customer-misuse finding is goodwill: a reason, approval above the limit, and no statutory full refund to meet', async () => {
    const shop = await freshShop();
    const caseNo = await fileCase(shop, { kind: 'return_refund', reason: 'quality', description: '屏幕有裂痕' });
    await shop.agent.action(caseNo, 'start_investigation', {});
    const plan = (refundFen: number, extra: Record<string, unknown> = {}) => ({
      planType: 'return_and_refund', responsibility: 'customer_misuse', terms: { refundFen, returnRequired: true }, basis: '鉴定为人为摔裂', ...extra,
    });
    refused(await shop.agent.action(caseNo, 'propose_plan', plan(10_000)), 422, 'validation-failed', 'goodwillReason');
    const partial = await shop.agent.action(caseNo, 'propose_plan', plan(10_000, { goodwillReason: '老客户，折价退货' }));
    expect(partial.body.state, JSON.stringify(partial.body)).toBe('plan_proposed');
    const full = await shop.agent.action(caseNo, 'propose_plan', plan(shop.priceFen, { goodwillReason: '老客户，全额退货' }));
    expect(full.body.state).toBe('plan_pending_approval');
  });
});

describe('points and quantities', () => {
  it('counts points as goodwill (100 points to the yuan): a reason, and approval above the limit', async () => {
    const shop = await freshShop();
    const caseNo = await fileCase(shop, { kind: 'complaint', reason: 'quality', description: '物流慢' });
    await shop.agent.action(caseNo, 'start_investigation', {});
    const points = (pointsAwarded: number, extra: Record<string, unknown> = {}) => ({
      planType: 'compensation', responsibility: 'merchant_error', terms: { keepItem: true, pointsAwarded }, basis: '积分补偿', ...extra,
    });
    refused(await shop.agent.action(caseNo, 'propose_plan', points(500)), 422, 'validation-failed', 'goodwillReason');
    expect((await shop.agent.action(caseNo, 'propose_plan', points(500, { goodwillReason: '致歉' }))).body.state).toBe('plan_proposed');
    expect((await shop.agent.action(caseNo, 'propose_plan', points(10_000_000, { goodwillReason: '致歉' }))).body.state).toBe('plan_pending_approval');
  });

  it('credits points as a task of their own with a ledger line naming them, apart from cash and coupons', async () => {
    const shop = await freshShop();
    const caseNo = await fileCase(shop, { kind: 'complaint', reason: 'quality', description: '包装破损' });
    await shop.agent.action(caseNo, 'start_investigation', {});
    const proposed = await shop.agent.action(caseNo, 'propose_plan', {
      planType: 'compensation', responsibility: 'merchant_error', terms: { keepItem: true, pointsAwarded: 800, couponFen: 1_000, cashFen: 500 },
      basis: '致歉补偿', goodwillReason: '包装破损致歉',
    });
    expect(proposed.body.state, JSON.stringify(proposed.body)).toBe('plan_proposed');
    expect((await shop.customer.action(caseNo, 'accept_plan', {})).body.state).toBe('executing');
    type Line = { entryType: string; instrument: string; points: number | null; amountFen: number; status: string };
    const detail = async () => (await shop.finance.get(`/api/v1/cases/${caseNo}`)).body as { tasks: { id: string; type: string }[]; ledger: Line[] };
    const seen = await detail();
    expect(seen.ledger.map((l) => [l.instrument, l.points, l.amountFen, l.status])).toEqual([
      ['money', null, 500, 'planned'], ['coupon', null, 1_000, 'planned'], ['points', 800, 800, 'planned'],
    ]);
    // The customer sees what they will get, points included.
    const mine = (await shop.customer.get(`/api/v1/cases/${caseNo}`)).body.paymentsToCustomer as Line[];
    expect(mine.map((l) => [l.instrument, l.points])).toEqual([['money', null], ['coupon', null], ['points', 800]]);
    const task = seen.tasks.find((x) => x.type === 'compensation')!;
    // EX-4: given only with its proof (coupon code, transfer reference).
    refused(await shop.finance.action(caseNo, 'complete_task', { taskId: task.id }), 422, 'validation-failed', 'proof.reference');
    expect((await shop.finance.action(caseNo, 'complete_task', { taskId: task.id, proof: { reference: 'CP-2026-1' } })).body.state).toBe('resolved');
    expect((await detail()).ledger.map((l) => l.status)).toEqual(['executed', 'executed', 'executed']);
  });

  it('refuses a case for more units than were bought', async () => {
    const shop = await freshShop();
    const filed = await shop.customer.post('/api/v1/cases', { kind: 'exchange', reason: 'quality', items: [{ orderItemId: shop.orderItemId, quantity: 9 }], description: '换货' });
    refused(filed, 422, 'validation-failed', 'items.0.quantity');
    expect(filed.body.messages['zh-CN']).toContain('1 件');
  });
});
