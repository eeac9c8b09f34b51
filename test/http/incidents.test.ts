// Group complaints through the real app (TR-6, TR-2, TR-3): five customers report the same quality
// problem on one product within 72 h → one incident, every case at L1 and linked, supervisor and
// compliance told once; a sixth joins; the incident API and its access rules; detection that runs
// twice, or for several cases at once, still opens one incident.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handleCaseEvent } from '../../src/modules/cases/case.jobs.ts';
import { createUserWithToken } from '../../src/modules/identity/index.ts';
import { checkCaseForIncident } from '../../src/modules/incidents/incident.service.ts';
import { client, type Client, makeShop, type Shop, startTestApp, type TestApp } from '../helpers/harness.ts';

const HOUR = 3_600_000;
type Text = { 'zh-CN': string; 'en-US': string };

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp('2026-11-10T10:00:00+08:00');
});
afterAll(async () => t.close());

/** Another customer of the shop who bought the same product (delivered). */
async function buyer(shop: Shop, n: number): Promise<{ customer: Client; orderItemId: string }> {
  const { db } = t.runtime.deps.database;
  const key = `${shop.id}-${n}`;
  const put = async (url: string, body: unknown) => {
    const res = await shop.admin.put(url, body);
    if (res.status !== 200) throw new Error(`${url}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.id as string;
  };
  const customerId = await put(`/api/v1/integration/customers/c-${key}`, { name: `买家${n}`, phone: '13900139000' });
  const placedAt = '2026-11-05T15:00:00+08:00';
  const orderId = await put(`/api/v1/integration/orders/o-${key}`, {
    orderNo: `DD${key}`,
    customerExternalId: `c-${key}`,
    merchantExternalId: `m-${shop.id}`,
    status: 'paid',
    placedAt,
    totalFen: shop.priceFen,
    items: [{ externalId: '1', productExternalId: `p-${shop.id}`, quantity: 1, unitPriceFen: shop.priceFen, paidFen: shop.priceFen }],
    payments: [{ externalId: `pay-${key}`, method: 'alipay', amountFen: shop.priceFen, paidAt: placedAt }],
  });
  await put(`/api/v1/integration/shipments/s-${key}`, {
    orderExternalId: `o-${key}`, carrier: 'SF', trackingNo: `SF${key}`, status: 'delivered', shippedAt: placedAt, deliveredAt: '2026-11-08T15:00:00+08:00',
  });
  const item = await db.selectFrom('order_items').select('id').where('order_id', '=', orderId).executeTakeFirstOrThrow();
  const user = await createUserWithToken(db, { email: `c-${key}@test.local`, displayName: `买家${n}`, role: 'customer', customerId });
  return { customer: client(t, user.token), orderItemId: item.id };
}

async function buyers(shop: Shop, count: number) {
  const out = [{ customer: shop.customer, orderItemId: shop.orderItemId }];
  for (let n = 2; n <= count; n += 1) out.push(await buyer(shop, n));
  return out;
}

async function fileQualityComplaint(b: { customer: Client; orderItemId: string }): Promise<{ id: string; caseNo: string }> {
  const res = await b.customer.post('/api/v1/cases', {
    kind: 'complaint',
    reason: 'quality',
    channel: 'app',
    items: [{ orderItemId: b.orderItemId, quantity: 1 }],
    description: '耳机右耳没有声音，充电也充不进去',
  });
  expect(res.status).toBe(201);
  return { id: res.body.id, caseNo: res.body.caseNo };
}

/** The server's 'case-event' worker, run by hand. */
const runCaseEvents = () =>
  t.runtime.deps.jobs.runPending('case-event', (data) => handleCaseEvent(t.runtime.deps.database.db, t.clock, data, t.runtime.deps));

async function detail(shop: Shop, caseNo: string) {
  const res = await shop.agent.get(`/api/v1/cases/${caseNo}`);
  expect(res.status).toBe(200);
  return res.body;
}

async function notices(c: Client, type: string) {
  const res = await c.get('/api/v1/notifications?limit=200');
  expect(res.status).toBe(200);
  return (res.body.items as { type: string; caseNo: string; title: Text; body: Text }[]).filter((n) => n.type === type);
}

describe('a group complaint on one product (TR-6)', () => {
  let shop: Shop;
  let people: Awaited<ReturnType<typeof buyers>>;
  const cases: { id: string; caseNo: string }[] = [];
  let incidentNo: string;

  beforeAll(async () => {
    shop = await makeShop(t);
    people = await buyers(shop, 6);
  });

  it('four customers are not yet an incident', async () => {
    for (const b of people.slice(0, 4)) {
      cases.push(await fileQualityComplaint(b));
      t.clock.advance(10 * HOUR);
    }
    await runCaseEvents();
    for (const c of cases) {
      const d = await detail(shop, c.caseNo);
      expect(d.severity).toBe('L3');
      expect(d.incident).toBeNull();
    }
    expect(await notices(shop.supervisor, 'incident_opened')).toHaveLength(0);
  });

  it('the fifth within 72 hours opens an incident: all five linked, raised to L1, supervisor and compliance told once', async () => {
    t.clock.advance(20 * HOUR); // 60 h after the first
    cases.push(await fileQualityComplaint(people[4]!));
    await runCaseEvents();
    const last = await detail(shop, cases[4]!.caseNo);
    expect(last.incident).toMatchObject({ status: 'open' });
    incidentNo = last.incident.incidentNo;
    expect(incidentNo).toMatch(/^GC\d{8}\d{6}$/);

    for (const [index, c] of cases.entries()) {
      const d = await detail(shop, c.caseNo);
      expect(d.severity).toBe('L1');
      // TR-5: an L1 case is P1, so the raise moves the case up the work lists too.
      expect(d.priority).toBe('P1');
      expect(d.incident).toEqual({ incidentNo, status: 'open' });
      const joined = d.timeline.find((e: { type: string }) => e.type === 'incident_joined');
      expect(joined.data).toMatchObject({ incidentNo, from: 'L3', to: 'L1', rule: 'l1.group_complaint' });
      expect(d.timeline.find((e: { type: string }) => e.type === 'severity_escalated').data).toMatchObject({ from: 'L3', to: 'L1', incidentNo, priority: { to: 'P1' } });
      // Every case is linked to the earliest one, which is linked to all.
      const linked = d.links.map((l: { caseNo: string; linkType: string }) => `${l.caseNo}:${l.linkType}`);
      if (index === 0) expect(linked.sort()).toEqual(cases.slice(1).map((x) => `${x.caseNo}:related`).sort());
      else expect(linked).toEqual([`${cases[0]!.caseNo}:related`]);
    }

    // The job running again (a retry) changes nothing.
    await handleCaseEvent(t.runtime.deps.database.db, t.clock, { caseId: cases[4]!.id, seq: 1, type: 'case_submitted' }, t.runtime.deps);
    expect(await checkCaseForIncident(t.runtime.deps, cases[2]!.id)).toEqual({ outcome: 'already', incidentNo });
    const again = await detail(shop, cases[0]!.caseNo);
    expect(again.timeline.filter((e: { type: string }) => e.type === 'incident_joined')).toHaveLength(1);

    for (const staff of [shop.supervisor, shop.compliance]) {
      const opened = (await notices(staff, 'incident_opened')).filter((n) => n.title['zh-CN'].includes(incidentNo));
      expect(opened).toHaveLength(1);
      expect(opened[0]!.body['zh-CN']).toContain('5 位客户');
      expect(opened[0]!.body['zh-CN']).toContain('2 小时内');
    }
    // Frontline agents are not addressed.
    expect((await notices(shop.agent, 'incident_opened')).filter((n) => n.title['zh-CN'].includes(incidentNo))).toHaveLength(0);
  });

  it('keeps the incident internal: the customer sees neither the incident nor its events', async () => {
    const seen = await shop.customer.get(`/api/v1/cases/${cases[0]!.caseNo}`);
    expect(seen.status).toBe(200);
    expect(seen.body.incident).toBeNull();
    expect(seen.body.timeline.some((e: { type: string }) => e.type === 'incident_joined')).toBe(false);
    expect((await shop.merchant.get(`/api/v1/cases/${cases[0]!.caseNo}`)).body.incident).toEqual({ incidentNo, status: 'open' });
  });

  it('a sixth matching case joins the incident, even after the window', async () => {
    t.clock.advance(30 * HOUR); // 90 h after the first
    const sixth = await fileQualityComplaint(people[5]!);
    await runCaseEvents();
    const d = await detail(shop, sixth.caseNo);
    expect(d.severity).toBe('L1');
    expect(d.incident).toEqual({ incidentNo, status: 'open' });
    expect(d.links).toEqual([expect.objectContaining({ caseNo: cases[0]!.caseNo, linkType: 'related' })]);
    cases.push(sixth);
    for (const staff of [shop.supervisor, shop.compliance]) {
      const joined = (await notices(staff, 'incident_case_joined')).filter((n) => n.caseNo === sixth.caseNo);
      expect(joined).toHaveLength(1);
      expect(joined[0]!.body['zh-CN']).toContain('6 位客户');
    }
  });

  it('any staff member reads the incident with its cases; customers and merchants may not', async () => {
    const res = await shop.agent.get(`/api/v1/incidents/${incidentNo}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      incidentNo, scope: 'product', status: 'open', category: 'product_quality', customers: 6, caseCount: 6, threshold: 5, windowHours: 72,
      product: { id: shop.productId, name: '无线蓝牙耳机' }, merchant: { id: shop.merchantId },
    });
    expect(res.body.summary['zh-CN']).toContain('无线蓝牙耳机');
    expect(res.body.cases.map((c: { caseNo: string }) => c.caseNo)).toEqual(cases.map((c) => c.caseNo));
    expect(res.body.cases.filter((c: { founding: boolean }) => c.founding)).toHaveLength(5);
    expect(res.body.cases.every((c: { severity: string }) => c.severity === 'L1')).toBe(true);

    expect((await shop.customer.get(`/api/v1/incidents/${incidentNo}`)).status).toBe(403);
    expect((await shop.merchant.get(`/api/v1/incidents/${incidentNo}`)).status).toBe(403);
    expect((await shop.anonymous.get(`/api/v1/incidents/${incidentNo}`)).status).toBe(401);
    expect((await shop.agent.get('/api/v1/incidents/GC00000000000000')).status).toBe(404);

    expect((await shop.agent.get('/api/v1/incidents')).status).toBe(403);
    const list = await shop.compliance.get('/api/v1/incidents?status=open');
    expect(list.status).toBe(200);
    expect(list.body.items.map((i: { incidentNo: string }) => i.incidentNo)).toContain(incidentNo);
  });

  it('a supervisor resolves it once every case in it has ended, once', async () => {
    expect((await shop.agent.post(`/api/v1/incidents/${incidentNo}/resolve`, { note: '批次问题已下架' })).status).toBe(403);
    // TR-6: not while customers still wait on its cases; nothing changes.
    const early = await shop.supervisor.post(`/api/v1/incidents/${incidentNo}/resolve`, { note: '批次问题已下架' });
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({ type: '/problems/incident-cases-open', openCases: 6 });
    expect(early.body.detail).toContain('6 个售后单未结束');
    expect((await shop.supervisor.get(`/api/v1/incidents/${incidentNo}`)).body.status).toBe('open');
    for (const [i, c] of cases.entries()) {
      expect((await people[i]!.customer.action(c.caseNo, 'withdraw', { reason: '已自行解决' })).status).toBe(200);
      if (i === 4) {
        const one = await shop.supervisor.post(`/api/v1/incidents/${incidentNo}/resolve`, { note: '批次问题已下架' });
        expect(one.body).toMatchObject({ type: '/problems/incident-cases-open', openCases: 1 });
      }
    }
    const res = await shop.supervisor.post(`/api/v1/incidents/${incidentNo}/resolve`, { note: '该批次已下架并完成召回' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'resolved', resolutionNote: '该批次已下架并完成召回' });
    expect((await shop.supervisor.post(`/api/v1/incidents/${incidentNo}/resolve`, { note: '再次' })).status).toBe(409);
    expect((await detail(shop, cases[0]!.caseNo)).incident).toEqual({ incidentNo, status: 'resolved' });
    const resolved = await shop.supervisor.get('/api/v1/incidents?status=resolved');
    expect(resolved.body.items.map((i: { incidentNo: string }) => i.incidentNo)).toContain(incidentNo);
  });
});

describe('detection under concurrency and settings', () => {
  it('six cases checked at the same time open exactly one incident', async () => {
    const shop = await makeShop(t);
    const people = await buyers(shop, 6);
    const filed = [];
    for (const b of people) filed.push(await fileQualityComplaint(b));
    const results = await Promise.all(filed.map((c) => checkCaseForIncident(t.runtime.deps, c.id)));
    const numbers = new Set(results.map((r) => r.incidentNo).filter((n) => n !== null));
    expect(numbers.size).toBe(1);
    expect(results.filter((r) => r.outcome === 'opened')).toHaveLength(1);
    const [incidentNo] = [...numbers];
    const res = await shop.supervisor.get(`/api/v1/incidents/${incidentNo}`);
    expect(res.body).toMatchObject({ customers: 6, caseCount: 6 });
    const { db } = t.runtime.deps.database;
    const open = await db.selectFrom('incidents').select('id').where('product_id', '=', shop.productId).where('status', '=', 'open').execute();
    expect(open).toHaveLength(1);
    await runCaseEvents(); // the jobs that follow find the work done
    expect((await shop.supervisor.get(`/api/v1/incidents/${incidentNo}`)).body.caseCount).toBe(6);
  });

  it('admins set the threshold and window; others may not', async () => {
    const shop = await makeShop(t);
    expect((await shop.admin.get('/api/v1/incidents/settings')).body).toMatchObject({ productThreshold: 5, merchantThreshold: 10, windowHours: 72, merchantScope: true });
    expect((await shop.supervisor.get('/api/v1/incidents/settings')).status).toBe(403);
    expect((await shop.supervisor.put('/api/v1/incidents/settings', { productThreshold: 3, merchantThreshold: 10, windowHours: 24, merchantScope: true })).status).toBe(403);
    expect((await shop.admin.put('/api/v1/incidents/settings', { productThreshold: 1, merchantThreshold: 10, windowHours: 24, merchantScope: true })).status).toBe(400);
    const saved = await shop.admin.put('/api/v1/incidents/settings', { productThreshold: 3, merchantThreshold: 10, windowHours: 24, merchantScope: false });
    expect(saved.status).toBe(200);
    expect((await shop.admin.get('/api/v1/incidents/settings')).body).toMatchObject({ productThreshold: 3, windowHours: 24, merchantScope: false });

    // Three customers now make an incident, and it records the rule it opened under.
    const people = await buyers(shop, 3);
    const filed = [];
    for (const b of people) filed.push(await fileQualityComplaint(b));
    await runCaseEvents();
    const d = await detail(shop, filed[2]!.caseNo);
    expect(d.incident).toMatchObject({ status: 'open' });
    expect((await shop.supervisor.get(`/api/v1/incidents/${d.incident.incidentNo}`)).body).toMatchObject({ threshold: 3, windowHours: 24, customers: 3 });
    await shop.admin.put('/api/v1/incidents/settings', { productThreshold: 5, merchantThreshold: 10, windowHours: 72, merchantScope: true });
  });
});
