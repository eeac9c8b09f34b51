// A case changing hands between its merchant and the platform (ORG-3), whatever moves it: the
// clocks follow who holds it, the customer hears of it, the merchant's private reasons stay
// private, and what the platform decided the merchant cannot undo.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handleCaseEvent } from '../../src/modules/cases/case.jobs.ts';
import { PNG_1x1 } from '../helpers/files.ts';
import { createUserWithToken } from '../../src/modules/identity/index.ts';
import { client, makeShop, runTimers, type Shop, startTestApp, type TestApp } from '../helpers/harness.ts';

const DAY = 86_400_000;
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp('2026-11-10T10:00:00+08:00');
});
afterAll(async () => t.close());

type Clock = { metric: string; party: string; state: string };
type View = { state: string; queue: string; deadlines: Clock[]; timeline: { type: string; reason: string | null }[]; messages: { body: string; authorRole: string }[] };
const view = async (who: Shop['agent'], caseNo: string) => (await who.get(`/api/v1/cases/${caseNo}`)).body as View;
const running = (v: View) => v.deadlines.filter((d) => d.state === 'running').map((d) => `${d.metric}:${d.party}`).sort();
const freshShop = () => makeShop(t, { signedAt: new Date(t.clock.now().getTime() - DAY).toISOString() });
const fileReturn = async (shop: Shop, reason = 'no_reason') =>
  (await shop.customer.post('/api/v1/cases', { kind: 'return_refund', reason, items: [{ orderItemId: shop.orderItemId, quantity: 1 }], description: '尺码不合适' })).body.caseNo as string;

describe('moving a case by hand between merchant and platform', () => {
  it('moves its clocks both ways', async () => {
    const shop = await freshShop();
    const caseNo = await fileReturn(shop);
    expect(running(await view(shop.supervisor, caseNo))).toEqual(['first_response:merchant', 'merchant_review:merchant']);
    expect((await shop.supervisor.action(caseNo, 'assign', { queue: 'specialists' })).status).toBe(200);
    // The merchant's silence no longer grants it; the platform owes the plan and the first answer.
    expect(running(await view(shop.supervisor, caseNo))).toEqual(['first_response:platform', 'plan_due:platform']);
    expect((await shop.supervisor.action(caseNo, 'assign', { queue: 'merchant' })).status).toBe(200);
    expect(running(await view(shop.supervisor, caseNo))).toEqual(['first_response:merchant', 'merchant_review:merchant']);
    // The merchant is told both times, and no other merchant is.
    const told = async (who: Shop['merchant']) =>
      ((await who.get('/api/v1/notifications?limit=200')).body.items as { type: string; caseNo: string }[]).filter((n) => n.caseNo === caseNo).map((n) => n.type);
    expect(await told(shop.merchant)).toEqual(['case_handed_to_merchant', 'case_taken_by_platform', 'case_routed']);
    expect(await told((await freshShop()).merchant)).toEqual([]);
  });
});

describe('the platform stepping in', () => {
  it('tells the customer, keeps the merchant\'s reason from them, and owes no plan when one is already accepted', async () => {
    const shop = await freshShop();
    const caseNo = await fileReturn(shop);
    const asked = await shop.merchant.action(caseNo, 'appeal', { reason: '买家恶意退货，请平台处理' });
    expect(asked.status).toBe(200);
    const seen = await view(shop.customer, caseNo);
    expect(seen.timeline.find((e) => e.type === 'platform_intervention')?.reason).toBeNull();
    expect(seen.messages.map((m) => m.body).join()).toContain('商家已申请平台介入');
    expect(seen.messages.map((m) => m.body).join()).not.toContain('恶意');

    // An appeal on a case whose plan the customer already accepted owes no new plan.
    const other = await freshShop();
    const accepted = await fileReturn(other);
    expect((await other.merchant.action(accepted, 'approve_request', {})).body.state).toBe('awaiting_return');
    expect((await other.agent.action(accepted, 'appeal', { reason: '买家来电投诉商家态度差' })).status).toBe(200);
    expect(running(await view(other.supervisor, accepted)).filter((c) => c.startsWith('plan_due'))).toEqual([]);
  });

  it('tells the customer how to contest a refusal, and takes up a dispute of the merchant\'s result', async () => {
    const shop = await freshShop();
    const caseNo = await fileReturn(shop, 'quality');
    await shop.merchant.action(caseNo, 'reject_ineligible', { reason: '人为损坏' });
    // A refusal tells the buyer how to contest it.
    await t.runtime.deps.jobs.runPending('case-event', (data) => handleCaseEvent(t.runtime.deps.database.db, t.clock, data));
    const told = (await shop.customer.get('/api/v1/notifications')).body.items as { caseNo: string; body: Record<string, string> }[];
    expect(told.find((n) => n.caseNo === caseNo)?.body['zh-CN']).toContain('15 天内申请平台介入');

    // The merchant's result is not the last word either: the platform handles the case afresh.
    const shop2 = await freshShop();
    const done = await fileReturn(shop2, 'quality');
    await shop2.merchant.action(done, 'start_investigation', {});
    await shop2.merchant.action(done, 'propose_plan', { planType: 'apology', responsibility: 'no_fault', terms: { apology: true }, basis: '致歉' });
    await shop2.customer.action(done, 'accept_plan', {});
    expect((await shop2.merchant.action(done, 'notify_result', { message: '已致歉' })).body.state).toBe('result_notified');
    expect((await shop2.merchant.action(done, 'appeal', { reason: '请平台处理' })).body.code).toBe('forbidden_role');
    const disputed = await shop2.customer.action(done, 'appeal', { reason: '商家只道歉不退货，不满意' });
    expect(disputed.status, JSON.stringify(disputed.body)).toBe(200);
    expect(disputed.body.state).toBe('investigating');
    const after = await view(shop2.supervisor, done);
    expect(after.queue).not.toBe('merchant');
    expect(running(after)).toContain('plan_due:platform');
    expect(running(after).filter((c) => c.startsWith('customer_confirmation'))).toEqual([]);
  });

  it('lets the merchant fail the goods it inspects: the platform hears of it, decides what follows, and nothing passes them automatically', async () => {
    const shop = await freshShop();
    const caseNo = await fileReturn(shop);
    expect((await shop.agent.action(caseNo, 'appeal', { reason: '买家来电要求平台处理' })).status).toBe(200);
    expect((await shop.agent.action(caseNo, 'approve_request', {})).body.state).toBe('awaiting_return');
    await shop.customer.action(caseNo, 'ship_return', { carrier: '顺丰', trackingNo: `SF${shop.id}H`, shippingFeeFen: 1000 });
    expect((await shop.merchant.action(caseNo, 'receive_return', {})).body.state).toBe('return_received');
    expect(running(await view(shop.supervisor, caseNo))).toContain('merchant_inspection:merchant');
    const photo = await shop.merchant.upload(caseNo, { purpose: 'inspection' }, { name: 'scratch.png', bytes: PNG_1x1 });
    expect((await shop.merchant.action(caseNo, 'inspect', { passed: false, reason: '有划痕', photoAttachmentIds: [] })).body.code).toBe('photos_required');
    const failed = await shop.merchant.action(caseNo, 'inspect', { passed: false, reason: '屏幕有明显划痕', photoAttachmentIds: [photo.body.id] });
    expect(failed.status, JSON.stringify(failed.body)).toBe(200);
    expect(failed.body.state).toBe('inspection_failed');
    // The platform holds the case: its handlers are told, and owe what follows on their plan clock.
    const specialist = client(t, (await createUserWithToken(t.runtime.deps.database.db, { email: `spec-${shop.id}@test.local`, displayName: '专员', role: 'specialist' })).token);
    const told = ((await specialist.get('/api/v1/notifications?limit=200')).body.items as { type: string; caseNo: string; body: Record<string, string> }[])
      .find((n) => n.caseNo === caseNo && n.type === 'merchant_failed_inspection');
    expect(told?.body['zh-CN']).toContain('屏幕有明显划痕');
    expect(told?.body['zh-CN']).toMatch(/请在 .+ 前完成「给出方案」/);
    expect(running(await view(shop.supervisor, caseNo))).toEqual(['plan_due:platform']);
    expect((await shop.merchant.action(caseNo, 'propose_plan', { planType: 'apology', responsibility: 'no_fault', terms: { apology: true }, basis: '致歉' })).body.code).toBe('platform_handles');
    // The merchant's inspection clock has nothing left to pass, however long it waits.
    t.clock.advance(10 * DAY);
    await runTimers(t);
    const after = (await shop.supervisor.get(`/api/v1/cases/${caseNo}`)).body as { state: string; timeline: { type: string }[]; refunds: unknown[] };
    expect(after.state).toBe('inspection_failed');
    expect(after.timeline.filter((e) => e.type === 'inspection_passed')).toHaveLength(0);
    expect(after.refunds).toHaveLength(0);
  });
});
