// Fraud found on a case stays found (RES-1, RES-2): later plans owe 假一赔三, the customer's own 3×
// claim is no goodwill, only compliance withdraws the finding; and a plan's approval is the
// platform's own deliberation, which the customer does not see (RES-3, RISK-6).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileCase, makeShop, startTestApp, type TestApp } from '../helpers/harness.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp('2026-11-12T09:00:00+08:00');
});
afterAll(async () => {
  await t.close();
});

type Event = { type: string; actorRole: string; reason: string | null };
type Offer = { status: string; fraudFound: boolean; answerReason: string | null; terms: Record<string, unknown> };

const fraudPlan = (fraudCompensationFen: number, extra: Record<string, unknown> = {}) => ({
  planType: 'fraud_compensation', responsibility: 'not_as_described', fraudFound: true,
  terms: { keepItem: true, fraudCompensationFen }, basis: '认定虚假宣传', ...extra,
});
const couponPlan = {
  planType: 'compensation', responsibility: 'not_as_described', fraudFound: false,
  terms: { keepItem: true, couponFen: 2_000 }, basis: '给您一张优惠券', goodwillReason: '安抚客户',
};

describe('a fraud finding (RES-1, RES-2)', () => {
  it('stays on the case: the next plan owes 假一赔三 whatever it says, until compliance withdraws the finding', async () => {
    const shop = await makeShop(t, { priceFen: 10_000 });
    const caseNo = await fileCase(shop, { kind: 'complaint', reason: 'not_as_described', description: '商品宣传是真皮，实际是人造革' });
    await shop.merchant.action(caseNo, 'start_investigation', {});
    const found = await shop.merchant.action(caseNo, 'propose_plan', fraudPlan(50_000));
    expect(found.body.state, JSON.stringify(found.body)).toBe('plan_proposed');
    expect(found.body.fraudFinding).toMatchObject({ foundAt: expect.any(String) });
    const staff = (await shop.agent.get(`/api/v1/cases/${caseNo}`)).body;
    expect((staff.timeline as Event[]).find((e) => e.type === 'fraud_found')).toMatchObject({ actorRole: 'merchant' });
    expect(staff.offers[0].fraudFound).toBe(true);
    // The customer sees it on the plan they answer.
    expect((await shop.customer.get(`/api/v1/cases/${caseNo}`)).body.offers[0].fraudFound).toBe(true);
    await shop.customer.action(caseNo, 'reject_plan', { reason: '我要退款' });

    // A coupon in place of the statutory compensation is refused, fraudFound:false or not.
    const coupon = await shop.merchant.action(caseNo, 'propose_plan', couponPlan);
    expect(coupon.status).toBe(422);
    expect(coupon.body.type).toBe('/problems/plan-below-statutory-rights');
    expect(coupon.body.field).toBe('terms.fraudCompensationFen');
    const lawful = await shop.merchant.action(caseNo, 'propose_plan', { ...fraudPlan(50_000), fraudFound: false, terms: { refundFen: 10_000, keepItem: true, fraudCompensationFen: 50_000 } });
    expect(lawful.body.state, JSON.stringify(lawful.body)).toBe('plan_proposed');
    expect((await shop.agent.get(`/api/v1/cases/${caseNo}`)).body.offers.map((o: Offer) => o.fraudFound)).toEqual([true, true]);

    // Only compliance takes the finding back, with its reason on the timeline.
    expect((await shop.agent.get(`/api/v1/cases/${caseNo}`)).body.actions.map((a: { action: string }) => a.action)).not.toContain('withdraw_fraud_finding');
    expect((await shop.merchant.action(caseNo, 'withdraw_fraud_finding', { reason: '不是欺诈' })).status).toBe(403);
    expect((await shop.supervisor.action(caseNo, 'withdraw_fraud_finding', { reason: '不是欺诈' })).status).toBe(403);
    const noReason = await shop.compliance.action(caseNo, 'withdraw_fraud_finding', {});
    expect(noReason.status).toBe(400);
    expect(noReason.body.field).toBe('body.reason');
    expect((await shop.compliance.get(`/api/v1/cases/${caseNo}`)).body.actions.map((a: { action: string }) => a.action)).toContain('withdraw_fraud_finding');
    const withdrawn = await shop.compliance.action(caseNo, 'withdraw_fraud_finding', { reason: '经核实商品描述与实物一致，不构成欺诈' });
    expect(withdrawn.status, JSON.stringify(withdrawn.body)).toBe(200);
    expect(withdrawn.body).toMatchObject({ state: 'plan_proposed', fraudFinding: null });
    const record = (await shop.agent.get(`/api/v1/cases/${caseNo}`)).body.timeline as Event[];
    expect(record.find((e) => e.type === 'fraud_finding_withdrawn')).toMatchObject({ actorRole: 'compliance', reason: '经核实商品描述与实物一致，不构成欺诈' });
    expect((await shop.compliance.action(caseNo, 'withdraw_fraud_finding', { reason: '再撤一次' })).status).toBe(409);
    await shop.customer.action(caseNo, 'reject_plan', { reason: '还是不满意' });
    const after = await shop.merchant.action(caseNo, 'propose_plan', couponPlan);
    expect(after.body.state, JSON.stringify(after.body)).toBe('plan_proposed');
    expect((await shop.customer.get(`/api/v1/cases/${caseNo}`)).body.offers.at(-1).fraudFound).toBe(false);
  });

  it('makes the customer’s own claim to 3× the price statutory, not goodwill: staff accept it without a supervisor', async () => {
    const shop = await makeShop(t, { platformOperated: true, priceFen: 69_900 });
    const caseNo = await fileCase(shop, { kind: 'complaint', reason: 'not_as_described', description: '买到的是假货' });
    await shop.agent.action(caseNo, 'start_investigation', {});
    const found = await shop.agent.action(caseNo, 'propose_plan', fraudPlan(209_700, { terms: { refundFen: 69_900, returnRequired: true, fraudCompensationFen: 209_700 } }));
    expect(found.body.state, JSON.stringify(found.body)).toBe('plan_proposed');
    const countered = await shop.customer.action(caseNo, 'counter_offer', {
      reason: '假货不想再寄回，退款并三倍赔偿', planType: 'fraud_compensation', terms: { refundFen: 69_900, keepItem: true, fraudCompensationFen: 209_700 },
    });
    expect(countered.body.state, JSON.stringify(countered.body)).toBe('investigating');
    const accepted = await shop.agent.action(caseNo, 'accept_counter_offer', {});
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
    expect(accepted.body.state).toBe('executing');
    const ledger = (await shop.agent.get(`/api/v1/cases/${caseNo}`)).body.ledger as { entryType: string; amountFen: number }[];
    expect(ledger.map((l) => [l.entryType, l.amountFen])).toEqual(expect.arrayContaining([['refund', 69_900], ['fraud_compensation', 209_700]]));
  });
});

describe('a plan awaiting approval (RES-3, RISK-6)', () => {
  it('is the platform’s own business: the customer sees neither the draft, the decline nor its reason', async () => {
    const shop = await makeShop(t, { platformOperated: true });
    const caseNo = await fileCase(shop, { kind: 'complaint', reason: 'quality', description: '耳机左耳没有声音' });
    await shop.agent.action(caseNo, 'start_investigation', {});
    const generous = {
      planType: 'compensation', responsibility: 'quality_defect', terms: { keepItem: true, couponFen: 30_000 }, basis: '给您补偿', goodwillReason: '客户情绪激动',
    };
    expect((await shop.agent.action(caseNo, 'propose_plan', generous)).body.state).toBe('plan_pending_approval');
    const secret = '补偿过高，这个客户是老投诉户，给 50 元就够';
    expect((await shop.supervisor.action(caseNo, 'decline_plan_approval', { reason: secret })).body.state).toBe('investigating');
    expect((await shop.agent.action(caseNo, 'propose_plan', { ...generous, terms: { keepItem: true, couponFen: 25_000 } })).body.state).toBe('plan_pending_approval');
    expect((await shop.supervisor.action(caseNo, 'approve_plan', { note: '老客户，批准' })).body.state).toBe('plan_proposed');

    const own = (await shop.customer.get(`/api/v1/cases/${caseNo}`)).body;
    expect(JSON.stringify(own)).not.toContain('老投诉户');
    expect(JSON.stringify(own)).not.toContain('老客户，批准');
    const types = (own.timeline as Event[]).map((e) => e.type);
    expect(types).not.toContain('plan_submitted_for_approval');
    expect(types).not.toContain('plan_approval_declined');
    expect(types).not.toContain('plan_approved');
    // Only the plan that reached them, with its terms.
    expect((own.offers as Offer[]).map((o) => [o.status, o.terms.couponFen])).toEqual([['open', 25_000]]);
    // The merchant did not propose it either.
    const merchantView = (await shop.merchant.get(`/api/v1/cases/${caseNo}`)).body;
    expect(JSON.stringify(merchantView)).not.toContain('老投诉户');
    expect(merchantView.offers).toHaveLength(1);
    // Staff keep the whole record.
    const staff = (await shop.agent.get(`/api/v1/cases/${caseNo}`)).body;
    expect((staff.offers as Offer[]).map((o) => [o.status, o.answerReason])).toEqual([['declined', secret], ['open', null]]);
    expect((staff.timeline as Event[]).find((e) => e.type === 'plan_approval_declined')?.reason).toBe(secret);
  });
});
