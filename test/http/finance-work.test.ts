// Finance's work list (RES-1, EX-4, SLA-10): finance holds no case, so "assigned to me" finds
// nothing; its work is the money tasks it owns. The case list filters by open tasks the caller's
// role can do now and by refunds whose outcome is unknown; finance hears of each money task once
// it can be done, and its deadline warning names the task and the amount.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileCase, makeShop, runTimers, type Shop, startTestApp, type TestApp } from '../helpers/harness.ts';

const DAY = 24 * 3_600_000;

type Task = { id: string; type: string; status: string; ownerRole: string; amountFen: number | null; dueAt: string | null };
type Notice = { type: string; caseNo: string; title: Record<string, string>; body: Record<string, string> };

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp('2026-11-12T10:00:00+08:00');
});
afterAll(async () => t.close());

const freshShop = () => makeShop(t, { signedAt: new Date(t.clock.now().getTime() - DAY).toISOString() });
const tasksOf = async (shop: Shop, caseNo: string) => (await shop.finance.get(`/api/v1/cases/${caseNo}`)).body.tasks as Task[];
const listed = async (shop: Shop, as: 'finance' | 'merchant' | 'agent', query: string) => {
  const res = await shop[as].get(`/api/v1/cases?${query}&limit=100`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return (res.body.items as { caseNo: string }[]).map((c) => c.caseNo);
};
const noticesOn = async (shop: Shop, caseNo: string) =>
  ((await shop.finance.get('/api/v1/notifications?limit=200')).body.items as Notice[]).filter((n) => n.caseNo === caseNo);

/** A partial refund the customer keeps the goods for: finance's refund task can be done at once. */
async function refundToPay(shop: Shop, refundFen: number) {
  const caseNo = await fileCase(shop, { kind: 'complaint', reason: 'quality', description: '耳机左耳没有声音' });
  await shop.agent.action(caseNo, 'start_investigation', {});
  const proposed = await shop.agent.action(caseNo, 'propose_plan', {
    planType: 'partial_refund', responsibility: 'quality_defect', terms: { refundFen, keepItem: true }, basis: '轻微质量问题，客户保留商品',
  });
  expect(proposed.body.state, JSON.stringify(proposed.body)).toBe('plan_proposed');
  expect((await shop.customer.action(caseNo, 'accept_plan', {})).body.state).toBe('executing');
  return caseNo;
}

/** A return and refund: the refund task waits for the goods to come back. */
async function refundAwaitingReturn(shop: Shop) {
  const caseNo = await fileCase(shop, { kind: 'return_refund', reason: 'quality', description: '耳机有杂音，申请退货退款' });
  const approved = await shop.merchant.action(caseNo, 'approve_request', {});
  expect(approved.body.state, JSON.stringify(approved.body)).toBe('awaiting_return');
  return caseNo;
}

describe("finance's work list", () => {
  it('lists the cases with a money task finance can do now, which "assigned to me" never finds', async () => {
    const shop = await freshShop();
    const ready = await refundToPay(shop, 12_000);
    const waiting = await refundAwaitingReturn(shop);

    const refund = (await tasksOf(shop, ready)).find((x) => x.type === 'refund')!;
    expect(refund).toMatchObject({ ownerRole: 'finance', status: 'open', amountFen: 12_000 });
    expect(refund.dueAt).not.toBeNull();
    const waitingRefund = (await tasksOf(shop, waiting)).find((x) => x.type === 'refund')!;
    expect(waitingRefund).toMatchObject({ amountFen: shop.priceFen, dueAt: null });

    expect(await listed(shop, 'finance', 'assignee=me&open=true')).not.toContain(ready);
    const mine = await listed(shop, 'finance', 'taskOwner=me');
    expect(mine).toContain(ready);
    // A refund waiting for the return is not work yet.
    expect(mine).not.toContain(waiting);
    // The agent owns none of these tasks; the merchant owns none on a plain refund.
    expect(await listed(shop, 'agent', 'taskOwner=me')).not.toContain(ready);
    expect(await listed(shop, 'merchant', 'taskOwner=me')).not.toContain(ready);

    // Paid: the case leaves finance's list.
    expect((await shop.finance.action(ready, 'complete_task', { taskId: refund.id })).status).toBe(200);
    expect(await listed(shop, 'finance', 'taskOwner=me')).not.toContain(ready);
    expect((await tasksOf(shop, ready)).find((x) => x.id === refund.id)).toMatchObject({ status: 'done', amountFen: 12_000 });
  });

  it("lists a merchant's own tasks: the replacement it owes once the goods passed", async () => {
    const shop = await freshShop();
    const caseNo = await fileCase(shop, { kind: 'exchange', reason: 'quality', description: '耳机有杂音，申请换新' });
    expect((await shop.merchant.action(caseNo, 'approve_request', {})).body.state).toBe('awaiting_return');
    expect((await shop.customer.action(caseNo, 'ship_return', { carrier: 'SF', trackingNo: `SF${shop.id}R1` })).status).toBe(200);
    expect((await shop.merchant.action(caseNo, 'receive_return', {})).status).toBe(200);
    expect(await listed(shop, 'merchant', 'taskOwner=me')).not.toContain(caseNo);
    expect((await shop.merchant.action(caseNo, 'inspect', { passed: true })).body.state).toBe('executing');
    expect(await listed(shop, 'merchant', 'taskOwner=me')).toEqual([caseNo]);
    expect(await listed(shop, 'finance', 'taskOwner=me')).not.toContain(caseNo);
    const shipment = (await tasksOf(shop, caseNo)).find((x) => x.type === 'ship_replacement')!;
    expect(shipment).toMatchObject({ ownerRole: 'merchant', amountFen: null });
  });

  it('tells finance of a money task once it can be done, and warns of its deadline by task and amount', async () => {
    const shop = await freshShop();
    const caseNo = await refundToPay(shop, 8_800);
    const told = await noticesOn(shop, caseNo);
    expect(told.map((n) => n.type)).toEqual(['task_ready']);
    expect(told[0]!.title['zh-CN']).toBe(`售后单 ${caseNo}：待执行「退款 ¥88.00」`);
    expect(told[0]!.body['en-US']).toContain('"Refund ¥88.00"');
    // Another command on the case does not tell it again.
    expect((await shop.agent.post(`/api/v1/cases/${caseNo}/messages`, { body: '退款正在处理中', visibility: 'internal' })).status).toBe(201);
    expect((await noticesOn(shop, caseNo)).map((n) => n.type)).toEqual(['task_ready']);

    const refund = (await tasksOf(shop, caseNo)).find((x) => x.type === 'refund')!;
    t.clock.advance(new Date(refund.dueAt!).getTime() - t.clock.now().getTime() - 30 * 60_000);
    await runTimers(t);
    const warning = (await noticesOn(shop, caseNo)).find((n) => n.type === 'sla_warning')!;
    expect(warning.title['zh-CN']).toBe('执行任务「退款 ¥88.00」即将超时');
    expect(warning.body['zh-CN']).toContain(`售后单 ${caseNo}：执行任务「退款 ¥88.00」将于`);
    expect(warning.title['en-US']).toBe('Execution task "Refund ¥88.00" due soon');
  });

  it('finds the cases whose refund outcome is unknown, for finance and not for customers', async () => {
    const shop = await freshShop();
    const caseNo = await refundToPay(shop, 5_000);
    const refund = (await tasksOf(shop, caseNo)).find((x) => x.type === 'refund')!;
    expect(await listed(shop, 'finance', 'refund=in_doubt')).not.toContain(caseNo);
    t.payments.loseAnswers(1);
    expect((await shop.finance.action(caseNo, 'complete_task', { taskId: refund.id })).status).toBe(502);
    expect(await listed(shop, 'finance', 'refund=in_doubt')).toContain(caseNo);
    // Still finance's to settle.
    expect(await listed(shop, 'finance', 'taskOwner=me')).toContain(caseNo);
    for (const query of ['refund=in_doubt', 'taskOwner=me']) {
      const refused = await shop.customer.get(`/api/v1/cases?${query}`);
      expect(refused.status).toBe(403);
    }
    expect((await shop.finance.action(caseNo, 'complete_task', { taskId: refund.id })).status).toBe(200);
    expect(await listed(shop, 'finance', 'refund=in_doubt')).not.toContain(caseNo);
  });
});
