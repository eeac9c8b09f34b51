// Money in proportion to the goods (POL-1, RES-2, RES-7): a price drop is given back once, price
// protection lowers the price of every unit it covered, a case shows what its own units cost, a
// complaint's plan that takes the goods back owes the return they had, and compensation out of
// proportion to the goods is flagged and approved by someone other than who proposed it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUserWithToken } from '../../src/modules/identity/index.ts';
import { PLATFORM_BASELINE } from '../../src/modules/policy/policy.rules.ts';
import { client, makeShop, type Shop, startTestApp, type TestApp } from '../helpers/harness.ts';

const DAY = 86_400_000;
type Call = { status: number; body: Record<string, any> };
type Detail = { state: string; tasks: { id: string; type: string; status: string }[]; offers: { status: string; terms: { refundFen: number } }[]; timeline: { type: string; data?: Record<string, any> }[] };

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp('2026-11-10T10:00:00+08:00');
});
afterAll(async () => t.close());

const shopDelivered = (daysAgo: number, options: Parameters<typeof makeShop>[1] = {}) =>
  makeShop(t, { signedAt: new Date(t.clock.now().getTime() - daysAgo * DAY).toISOString(), ...options });

function refused(call: Call, status: number, type: string, field?: string): void {
  expect(call.status, JSON.stringify(call.body)).toBe(status);
  expect(call.body.type).toBe(`/problems/${type}`);
  if (field) expect(call.body.field).toBe(field);
}

async function fileFor(shop: Shop, quantity: number, fields: Record<string, unknown>): Promise<string> {
  const created = await shop.customer.post('/api/v1/cases', { items: [{ orderItemId: shop.orderItemId, quantity }], ...fields });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body.caseNo as string;
}

const detail = async (shop: Shop, caseNo: string) => (await shop.finance.get(`/api/v1/cases/${caseNo}`)).body as Detail;

async function priceNow(shop: Shop, priceFen: number): Promise<void> {
  const res = await shop.admin.put(`/api/v1/integration/products/p-${shop.id}`, {
    merchantExternalId: `m-${shop.id}`, name: '无线蓝牙耳机', category: 'electronics', priceFen, warrantyMonths: 12, flags: [],
  });
  expect(res.status).toBe(200);
}

/** A price protection on both units, granted and paid; the case is then closed. */
async function priceProtectionPaid(shop: Shop, refundFen: number): Promise<string> {
  const caseNo = await fileFor(shop, 2, { kind: 'price_protection', reason: 'no_reason', description: '买后降价，申请价保' });
  expect((await shop.merchant.action(caseNo, 'approve_request', { refundFen })).body.state).toBe('executing');
  const task = (await detail(shop, caseNo)).tasks.find((x) => x.type === 'refund' && x.status === 'open')!;
  expect((await shop.finance.action(caseNo, 'complete_task', { taskId: task.id })).body.state).toBe('resolved');
  await shop.agent.action(caseNo, 'notify_result', { message: '差价已退' });
  expect((await shop.customer.action(caseNo, 'confirm_resolution', {})).body.state).toBe('closed');
  return caseNo;
}

/** Two units at 399 yuan under a policy with 30 days of price protection, now sold at 349. */
async function twoSpeakers(): Promise<Shop> {
  const shop = await shopDelivered(1, { priceFen: 39_900, quantity: 2 });
  const policy = await shop.admin.put(`/api/v1/merchants/${shop.merchantId}/policy`, {
    rules: { ...PLATFORM_BASELINE, priceProtection: { enabled: true, days: 30 } }, effectiveFrom: new Date(t.clock.now().getTime() - 30 * DAY).toISOString(),
  });
  expect(policy.status, JSON.stringify(policy.body)).toBe(200);
  await priceNow(shop, 34_900);
  return shop;
}

describe('price protection counts what it already paid (POL-1, RES-7)', () => {
  it('a second claim after a further drop gives back only the rest of the drop', async () => {
    const shop = await twoSpeakers();
    await priceProtectionPaid(shop, 10_000);
    await priceNow(shop, 32_900);
    const again = await fileFor(shop, 2, { kind: 'price_protection', reason: 'no_reason', description: '又降价了，再次申请价保' });
    const twice = await shop.merchant.action(again, 'approve_request', { refundFen: 14_000 });
    refused(twice, 422, 'validation-failed', 'refundFen');
    expect(twice.body.messages['zh-CN']).toContain('最多还可退 40 元');
    expect((await detail(shop, again)).tasks).toEqual([]);
    expect((await shop.merchant.action(again, 'approve_request', { refundFen: 4_000 })).body.state).toBe('executing');
  });

  it('a plan refunding more than the drop gives the rest as goodwill: its reason, and approval above the limit (RES-3)', async () => {
    const shop = await twoSpeakers();
    const caseNo = await fileFor(shop, 2, { kind: 'price_protection', reason: 'no_reason', description: '买后降价，申请价保' });
    await shop.merchant.action(caseNo, 'start_investigation', {});
    const plan = (refundFen: number, extra: Record<string, unknown> = {}) => ({
      planType: 'partial_refund', responsibility: 'no_fault', terms: { refundFen, keepItem: true }, basis: '价格保护', ...extra,
    });
    // The drop itself (2 × 50 yuan) is owed: no reason, no approval.
    expect((await shop.merchant.action(caseNo, 'propose_plan', plan(10_000))).body.state).toBe('plan_proposed');
    refused(await shop.merchant.action(caseNo, 'propose_plan', plan(70_000)), 422, 'validation-failed', 'goodwillReason');
    const generous = await shop.merchant.action(caseNo, 'propose_plan', plan(70_000, { goodwillReason: '老客户' }));
    expect(generous.body.state, JSON.stringify(generous.body)).toBe('plan_pending_approval');
    const submitted = (await detail(shop, caseNo)).timeline.filter((e) => e.type === 'plan_submitted_for_approval').at(-1)!;
    expect(submitted.data?.goodwillFen).toBe(60_000);
  });

  it('a unit returned after price protection gives back its price less its share of it', async () => {
    const shop = await twoSpeakers();
    await priceProtectionPaid(shop, 10_000);
    const returned = await fileFor(shop, 1, { kind: 'return_refund', reason: 'no_reason', description: '退一个' });
    expect((await shop.merchant.action(returned, 'approve_request', {})).body.state).toBe('awaiting_return');
    const [offer] = (await detail(shop, returned)).offers;
    expect(offer!.terms.refundFen).toBe(34_900);
  });
});

describe('a case with part of a line (IN-3)', () => {
  it('shows what the units it claims cost, and the whole order line beside it', async () => {
    const shop = await shopDelivered(1, { priceFen: 99_900, quantity: 2 });
    const caseNo = await fileFor(shop, 1, { kind: 'return_refund', reason: 'no_reason', description: '退一副耳机' });
    for (const viewer of [shop.customer, shop.agent]) {
      const items = (await viewer.get(`/api/v1/cases/${caseNo}`)).body.items;
      expect(items).toEqual([expect.objectContaining({ quantity: 1, paidFen: 99_900, orderLine: { quantity: 2, paidFen: 199_800 } })]);
    }
  });
});

describe('a complaint keeps the customer’s return right (RES-2)', () => {
  const plan = (terms: Record<string, unknown>, planType = 'return_and_refund') => ({ planType, responsibility: 'quality_defect', terms, basis: '音箱有杂音' });

  it('a plan taking back goods delivered 4 days earlier refunds them in full; an apology or a repair stays open', async () => {
    const shop = await shopDelivered(4, { priceFen: 39_900 });
    const caseNo = await fileFor(shop, 1, { kind: 'complaint', reason: 'quality', description: '音箱买来就有杂音，投诉' });
    await shop.merchant.action(caseNo, 'start_investigation', {});
    refused(await shop.merchant.action(caseNo, 'propose_plan', plan({ returnRequired: true, refundFen: 20_000 })), 422, 'plan-below-statutory-rights', 'terms.refundFen');
    const full = await shop.merchant.action(caseNo, 'propose_plan', plan({ returnRequired: true, refundFen: 39_900 }));
    expect(full.body.state, JSON.stringify(full.body)).toBe('plan_proposed');
    const repair = await shop.merchant.action(caseNo, 'propose_plan', plan({ returnRequired: true, repair: true }, 'repair'));
    expect(repair.body.state, JSON.stringify(repair.body)).toBe('plan_proposed');
    const apology = await shop.merchant.action(caseNo, 'propose_plan', { ...plan({ keepItem: true, apology: true, couponFen: 2_000 }, 'apology'), goodwillReason: '致歉' });
    expect(apology.body.state, JSON.stringify(apology.body)).toBe('plan_proposed');
  });

  it('past the return days a partial refund for the goods may be offered', async () => {
    const shop = await shopDelivered(20, { priceFen: 39_900 });
    const caseNo = await fileFor(shop, 1, { kind: 'complaint', reason: 'quality', description: '音箱用了半个月出现杂音' });
    await shop.merchant.action(caseNo, 'start_investigation', {});
    const partial = await shop.merchant.action(caseNo, 'propose_plan', plan({ returnRequired: true, refundFen: 20_000 }));
    expect(partial.body.state, JSON.stringify(partial.body)).toBe('plan_proposed');
  });
});

describe('excessive compensation (RES-7)', () => {
  const cash = (cashFen: number) => ({
    planType: 'compensation', responsibility: 'merchant_error', terms: { keepItem: true, cashFen }, basis: '补偿', goodwillReason: '客户多次投诉',
  });

  it('is flagged, and waits on a supervisor other than the one who proposed it', async () => {
    const shop = await shopDelivered(1, { priceFen: 23_300 });
    const caseNo = await fileFor(shop, 1, { kind: 'complaint', reason: 'quality', description: '客服态度差，投诉' });
    await shop.supervisor.action(caseNo, 'start_investigation', {});
    // Above the approval threshold but within the goods' value: the supervisor's own word is enough.
    expect((await shop.supervisor.action(caseNo, 'propose_plan', cash(23_000))).body.state).toBe('plan_proposed');
    const excessive = await shop.supervisor.action(caseNo, 'propose_plan', cash(1_000_000));
    expect(excessive.body.state, JSON.stringify(excessive.body)).toBe('plan_pending_approval');
    const submitted = (await detail(shop, caseNo)).timeline.filter((e) => e.type === 'plan_submitted_for_approval').at(-1)!;
    expect(submitted.data?.excessiveGoodwill).toEqual({ goodwillFen: 1_000_000, limitFen: 23_300, goodsValueFen: 23_300, multiple: 1 });
    refused(await shop.supervisor.action(caseNo, 'approve_plan', {}), 403, 'forbidden');
    expect((await detail(shop, caseNo)).state).toBe('plan_pending_approval');
    // The proposer is not offered the approval; another supervisor is.
    const offered = async (who: { get: typeof shop.supervisor.get }) => ((await who.get(`/api/v1/cases/${caseNo}`)).body.actions as { action: string }[]).map((a) => a.action);
    expect(await offered(shop.supervisor)).not.toContain('approve_plan');
    const second = await createUserWithToken(t.runtime.deps.database.db, { email: `sup2-${shop.id}@test.local`, displayName: '主管二', role: 'supervisor' });
    expect(await offered(client(t, second.token))).toContain('approve_plan');
    expect((await client(t, second.token).action(caseNo, 'approve_plan', {})).body.state).toBe('plan_proposed');
  });

  it('in a counter-offer waits on the same second approver as in a plan, however senior who takes it up', async () => {
    const shop = await shopDelivered(1, { priceFen: 10_000 });
    const caseNo = await fileFor(shop, 1, { kind: 'complaint', reason: 'quality', description: '耳机有杂音，投诉' });
    await shop.agent.action(caseNo, 'start_investigation', {});
    const coupon = await shop.agent.action(caseNo, 'propose_plan', {
      planType: 'compensation', responsibility: 'quality_defect', terms: { keepItem: true, couponFen: 1_000 }, basis: '致歉', goodwillReason: '致歉',
    });
    expect(coupon.body.state).toBe('plan_proposed');
    const countered = await shop.customer.action(caseNo, 'counter_offer', { reason: '要求赔偿 2000 元', planType: 'compensation', terms: { keepItem: true, cashFen: 200_000 } });
    expect(countered.body.state).toBe('investigating');
    const paidBefore = t.payments.executedCount;
    const taken = await shop.supervisor.action(caseNo, 'accept_counter_offer', {});
    expect(taken.body.state, JSON.stringify(taken.body)).toBe('plan_pending_approval');
    const seen = await detail(shop, caseNo);
    expect(seen.tasks).toEqual([]);
    const submitted = seen.timeline.filter((e) => e.type === 'counter_offer_submitted_for_approval').at(-1)!;
    expect(submitted.data?.excessiveGoodwill).toMatchObject({ goodwillFen: 200_000, goodsValueFen: 10_000 });
    // Not by who took it up; by another supervisor, whose approval agrees the customer's own terms.
    refused(await shop.supervisor.action(caseNo, 'approve_plan', {}), 403, 'forbidden');
    const second = await createUserWithToken(t.runtime.deps.database.db, { email: `sup3-${shop.id}@test.local`, displayName: '主管三', role: 'supervisor' });
    expect((await client(t, second.token).action(caseNo, 'approve_plan', {})).body.state).toBe('executing');
    expect(t.payments.executedCount).toBe(paidBefore);
  });

  it('is counted over every case about the same goods: a new case does not renew the limits (RES-3)', async () => {
    const shop = await shopDelivered(1, { priceFen: 5_000 });
    const first = await fileFor(shop, 1, { kind: 'complaint', reason: 'quality', description: '杯子漏水，投诉' });
    await shop.agent.action(first, 'start_investigation', {});
    expect((await shop.agent.action(first, 'propose_plan', cash(19_000))).body.state).toBe('plan_proposed');
    expect((await shop.customer.action(first, 'accept_plan', {})).body.state).toBe('executing');
    const task = (await detail(shop, first)).tasks.find((x) => x.type === 'compensation')!;
    await shop.finance.action(first, 'complete_task', { taskId: task.id, proof: { reference: 'TR-GW-1' } });
    await shop.agent.action(first, 'notify_result', { message: '已补偿' });
    expect((await shop.customer.action(first, 'confirm_resolution', {})).body.state).toBe('closed');

    const second = await fileFor(shop, 1, { kind: 'complaint', reason: 'quality', description: '还是漏水，再次投诉' });
    await shop.agent.action(second, 'start_investigation', {});
    const again = await shop.agent.action(second, 'propose_plan', cash(19_000));
    expect(again.body.state, JSON.stringify(again.body)).toBe('plan_pending_approval');
    const submitted = (await detail(shop, second)).timeline.filter((e) => e.type === 'plan_submitted_for_approval').at(-1)!;
    expect(submitted.data?.excessiveGoodwill).toMatchObject({ goodwillFen: 38_000, limitFen: 20_000, goodsValueFen: 5_000 });
  });

  it('does not count the statutory fraud compensation, which is not goodwill', async () => {
    const shop = await shopDelivered(1, { priceFen: 23_300 });
    const caseNo = await fileFor(shop, 1, { kind: 'complaint', reason: 'not_as_described', description: '买到假货' });
    await shop.supervisor.action(caseNo, 'start_investigation', {});
    const fraud = await shop.supervisor.action(caseNo, 'propose_plan', {
      planType: 'fraud_compensation', responsibility: 'not_as_described', fraudFound: true, terms: { keepItem: true, fraudCompensationFen: 69_900 }, basis: '经核实为假货',
    });
    expect(fraud.body.state, JSON.stringify(fraud.body)).toBe('plan_proposed');
  });
});
