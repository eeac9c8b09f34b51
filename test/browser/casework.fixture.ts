// People and cases for the casework browser test: an agent and a supervisor who sign in, a
// customer's complaint for the agent to triage and answer, and a group complaint made the way it
// happens in the product — five customers filing the same quality problem on one product through
// the API, then the case-event worker (run by hand, as in the HTTP tests) opening the incident.
import { randomUUID } from 'node:crypto';
import { handleCaseEvent } from '../../src/modules/cases/case.jobs.ts';
import { createUserWithToken } from '../../src/modules/identity/index.ts';
import { client, type Client, makeShop, type Shop } from '../helpers/harness.ts';
import { type ConsoleApp, PASSWORD } from './fixture.ts';

export interface Casework {
  shop: Shop;
  agent: { email: string; userId: string; name: string };
  supervisor: { email: string; api: Client };
  /** The shop's customer's complaint (customer 张三, order shop.orderNo). */
  caseNo: string;
  /** endCases: each customer withdraws their case (an incident is resolved only once its cases ended). */
  incident: { incidentNo: string; caseNos: string[]; endCases: () => Promise<void> };
}

async function expectOk<T extends { status: number; body: unknown }>(what: string, call: Promise<T>): Promise<T> {
  const res = await call;
  if (res.status >= 300) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
  return res;
}

/** Another customer of `shop` who bought its product and received it. */
async function buyer(c: ConsoleApp, shop: Shop, n: number): Promise<{ customer: Client; orderItemId: string }> {
  const { db } = c.t.runtime.deps.database;
  const key = `${shop.id}-${n}`;
  const put = async (url: string, body: unknown) => (await expectOk(url, shop.admin.put(url, body))).body.id as string;
  const customerId = await put(`/api/v1/integration/customers/c-${key}`, { name: `买家${n}`, phone: '13900139000' });
  const placedAt = '2026-11-05T15:00:00+08:00';
  const orderId = await put(`/api/v1/integration/orders/o-${key}`, {
    orderNo: `DD${key}`, customerExternalId: `c-${key}`, merchantExternalId: `m-${shop.id}`, status: 'paid', placedAt, totalFen: shop.priceFen,
    items: [{ externalId: '1', productExternalId: `p-${shop.id}`, quantity: 1, unitPriceFen: shop.priceFen, paidFen: shop.priceFen }],
    payments: [{ externalId: `pay-${key}`, method: 'alipay', amountFen: shop.priceFen, paidAt: placedAt }],
  });
  await put(`/api/v1/integration/shipments/s-${key}`, {
    orderExternalId: `o-${key}`, carrier: 'SF', trackingNo: `SF${key}`, status: 'delivered', shippedAt: placedAt, deliveredAt: '2026-11-08T15:00:00+08:00',
  });
  const item = await db.selectFrom('order_items').select('id').where('order_id', '=', orderId).executeTakeFirstOrThrow();
  const user = await createUserWithToken(db, { email: `c-${key}@test.local`, displayName: `买家${n}`, role: 'customer', customerId });
  return { customer: client(c.t, user.token), orderItemId: item.id };
}

async function fileQualityComplaint(b: { customer: Client; orderItemId: string }): Promise<string> {
  const res = await expectOk('file a complaint', b.customer.post('/api/v1/cases', {
    kind: 'complaint', reason: 'quality', channel: 'app', items: [{ orderItemId: b.orderItemId, quantity: 1 }], description: '耳机右耳没有声音，充电也充不进去',
  }));
  return res.body.caseNo as string;
}

export async function makeCasework(c: ConsoleApp): Promise<Casework> {
  const { db } = c.t.runtime.deps.database;
  const id = randomUUID().slice(0, 8);
  const shop = await makeShop(c.t, { platformOperated: true });
  const agentEmail = `agent-${id}@test.local`;
  const agent = await createUserWithToken(db, { email: agentEmail, displayName: '客服小周', role: 'agent', password: PASSWORD });
  const supervisorEmail = `sup-${id}@test.local`;
  const supervisor = await createUserWithToken(db, { email: supervisorEmail, displayName: '主管老陈', role: 'supervisor', password: PASSWORD });
  const supervisorApi = client(c.t, supervisor.token);
  // The agent has a profile (skills, cap), so routing and supervisors can give them cases.
  await expectOk('agent profile', supervisorApi.put(`/api/v1/routing/agents/${agent.userId}`, { maxOpenCases: 50 }));

  const created = await expectOk('the complaint', shop.customer.post('/api/v1/cases', {
    kind: 'complaint', reason: 'quality', channel: 'web', items: [{ orderItemId: shop.orderItemId, quantity: 1 }],
    description: '耳机用了两天左耳就没声音了，希望给个说法',
  }));

  // Acknowledged, so the acknowledgement templates (which name the order) fit it.
  await expectOk('acknowledge', shop.agent.action(created.body.caseNo as string, 'acknowledge', {}));

  // Five customers, one product, the same problem, within the window: one incident (TR-6).
  const other = await makeShop(c.t, { platformOperated: true });
  const buyers = [{ customer: other.customer, orderItemId: other.orderItemId }];
  for (let n = 2; n <= 5; n += 1) buyers.push(await buyer(c, other, n));
  const caseNos: string[] = [];
  for (const b of buyers) {
    caseNos.push(await fileQualityComplaint(b));
    c.t.clock.advance(60 * 60_000);
  }
  const { deps } = c.t.runtime;
  await deps.jobs.runPending('case-event', (data) => handleCaseEvent(db, c.t.clock, data, deps));
  const last = await expectOk('incident case', supervisorApi.get(`/api/v1/cases/${caseNos[4]}`));
  const incidentNo = (last.body.incident as { incidentNo: string } | null)?.incidentNo;
  if (!incidentNo) throw new Error('five complaints did not open an incident');

  return {
    shop,
    agent: { email: agentEmail, userId: agent.userId, name: '客服小周' },
    supervisor: { email: supervisorEmail, api: supervisorApi },
    caseNo: created.body.caseNo as string,
    incident: {
      incidentNo,
      caseNos,
      endCases: async () => {
        for (const [i, b] of buyers.entries()) await expectOk('withdraw', b.customer.action(caseNos[i]!, 'withdraw', { reason: '已收到换新，撤销申请' }));
      },
    },
  };
}
