// Intake rules: duplicates (IN-8), idempotency keys, scope (merchants and customers see only
// their own cases), and malformed input refused as problem+json with nothing written.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handleCaseEvent } from '../../src/modules/cases/case.jobs.ts';
import { makeShop, type Shop, startTestApp, type TestApp } from '../helpers/harness.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp('2026-11-10T10:00:00+08:00');
});
afterAll(async () => {
  await t.close();
});

const body = (shop: Shop, extra: Record<string, unknown> = {}) => ({
  kind: 'return_refund',
  reason: 'quality',
  items: [{ orderItemId: shop.orderItemId, quantity: 1 }],
  description: '屏幕有坏点',
  ...extra,
});

async function countCases(shop: Shop): Promise<number> {
  const row = await t.runtime.deps.database.db
    .selectFrom('cases')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('customer_id', '=', shop.customerId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

describe('the channel a request came in by', () => {
  it('is a self-service one for a customer: phone or API is what staff and the shop system record', async () => {
    const shop = await makeShop(t);
    for (const channel of ['phone', 'api', 'email']) {
      const refused = await shop.customer.post('/api/v1/cases', body(shop, { channel }));
      expect(refused.status).toBe(422);
      expect(refused.body.field).toBe('channel');
    }
    expect(await countCases(shop)).toBe(0);
    expect((await shop.agent.post('/api/v1/cases', body(shop, { channel: 'phone' }))).status).toBe(201);
  });
});

describe('duplicates (IN-8)', () => {
  it('links a second request for the same item and kind to the open case instead of creating one', async () => {
    const shop = await makeShop(t);
    const first = await shop.customer.post('/api/v1/cases', body(shop));
    expect(first.status).toBe(201);
    const second = await shop.customer.post('/api/v1/cases', body(shop, { description: '补充：右下角也有坏点', channel: 'app' }));
    expect(second.status).toBe(200);
    expect(second.body.caseNo).toBe(first.body.caseNo);
    expect(second.body.duplicateOf).toBe(first.body.caseNo);
    expect(await countCases(shop)).toBe(1);
    const detail = await shop.agent.get(`/api/v1/cases/${first.body.caseNo}`);
    expect(detail.body.messages.map((m: { body: string; channel: string }) => [m.channel, m.body])).toContainEqual(['app', '补充：右下角也有坏点']);
    expect(detail.body.timeline.map((e: { type: string }) => e.type)).toContain('duplicate_request_linked');
    expect(detail.body.unansweredCustomerMessages).toBe(1);
  });

  it('allows a new case once the first is closed, and merges duplicates filed through another channel', async () => {
    const shop = await makeShop(t);
    const first = await shop.customer.post('/api/v1/cases', body(shop));
    await shop.customer.action(first.body.caseNo, 'withdraw', { reason: '先不退了' });
    const again = await shop.customer.post('/api/v1/cases', body(shop));
    expect(again.status).toBe(201);
    expect(again.body.caseNo).not.toBe(first.body.caseNo);
    // The hotline logs the same problem as a complaint: a different kind, merged by staff.
    const phone = await shop.agent.post('/api/v1/cases', { kind: 'complaint', reason: 'quality', channel: 'phone', items: [{ orderItemId: shop.orderItemId, quantity: 1 }], description: '来电：屏幕坏点，要求尽快处理' });
    expect(phone.status).toBe(201);
    const self = await shop.agent.action(phone.body.caseNo, 'merge_into', { targetCaseNo: phone.body.caseNo });
    expect(self.status).toBe(409);
    const merged = await shop.agent.action(phone.body.caseNo, 'merge_into', { targetCaseNo: again.body.caseNo, reason: '同一问题' });
    expect(merged.body.state).toBe('merged');
    const target = await shop.agent.get(`/api/v1/cases/${again.body.caseNo}`);
    expect(target.body.links).toContainEqual(expect.objectContaining({ caseNo: phone.body.caseNo, linkType: 'duplicate' }));
    expect(target.body.timeline.map((e: { type: string }) => e.type)).toContain('duplicate_merged_in');
    expect((await shop.agent.action(phone.body.caseNo, 'acknowledge', {})).status).toBe(409);
  });
});

describe('idempotency keys', () => {
  it('returns the first result for a retry, refuses the key with other content, and creates one case under concurrency', async () => {
    const shop = await makeShop(t);
    const key = { 'idempotency-key': `key-${shop.id}-1` };
    const a = await shop.customer.post('/api/v1/cases', body(shop), key);
    const b = await shop.customer.post('/api/v1/cases', body(shop), key);
    expect(a.status).toBe(201);
    expect(b.status).toBe(201);
    expect(b.headers['idempotent-replayed']).toBe('true');
    expect(b.body.caseNo).toBe(a.body.caseNo);
    const other = await shop.customer.post('/api/v1/cases', body(shop, { description: '不同的内容' }), key);
    expect(other.status).toBe(422);
    expect(other.body.type).toBe('/problems/idempotency-key-reused');

    const shop2 = await makeShop(t);
    const key2 = { 'idempotency-key': `key-${shop2.id}-2` };
    const results = await Promise.all(Array.from({ length: 5 }, () => shop2.customer.post('/api/v1/cases', body(shop2), key2)));
    expect(new Set(results.map((r) => r.body.caseNo)).size).toBe(1);
    expect(await countCases(shop2)).toBe(1);
  });

  it('replays the first answer for a retry even after the window has closed since', async () => {
    const shop = await makeShop(t);
    const key = { 'idempotency-key': `late-${shop.id}` };
    const first = await shop.customer.post('/api/v1/cases', body(shop), key);
    expect(first.status).toBe(201);
    const start = t.clock.now();
    t.clock.advance(7 * 86_400_000);
    try {
      const retry = await shop.customer.post('/api/v1/cases', body(shop), key);
      expect(retry.status).toBe(201);
      expect(retry.body.caseNo).toBe(first.body.caseNo);
      const now = await shop.customer.post('/api/v1/eligibility', { kind: 'return_refund', reason: 'quality', orderItemIds: [shop.orderItemId] });
      expect(now.body.eligible).toBe(false);
    } finally {
      t.clock.set(start);
    }
  });

  it('answers each of many concurrent creates correctly when they are committed together', async () => {
    const shops = await Promise.all(Array.from({ length: 6 }, () => makeShop(t)));
    const dup = shops[0]!;
    const clash = shops[1]!;
    const requests = [
      ...shops.map((shop) => shop.customer.post('/api/v1/cases', body(shop))),
      dup.customer.post('/api/v1/cases', body(dup, { description: '同一商品再次申请' })),
      clash.customer.post('/api/v1/cases', body(clash, { kind: 'exchange' }), { 'idempotency-key': `clash-${clash.id}` }),
      clash.customer.post('/api/v1/cases', body(clash, { kind: 'repair' }), { 'idempotency-key': `clash-${clash.id}` }),
    ];
    const results = await Promise.all(requests);
    const firsts = results.slice(0, 6);
    expect(firsts.every((r) => r.status === 201 || r.status === 200)).toBe(true);
    expect(new Set(firsts.map((r) => r.body.caseNo)).size).toBe(6);
    const [a, b] = [results[0]!, results[6]!];
    expect([a.status, b.status].sort()).toEqual([200, 201]);
    expect(b.body.caseNo).toBe(a.body.caseNo);
    const [c, d] = [results[7]!, results[8]!];
    expect([c.status, d.status].sort()).toEqual([201, 422]);
    expect(await countCases(dup)).toBe(1);
    expect(await countCases(clash)).toBe(2);
  });

  it('writes nothing twice when a batch holds a retry: the retry replays, the others are created once, whole', async () => {
    const shops = await Promise.all(Array.from({ length: 4 }, () => makeShop(t)));
    const retried = shops[0]!;
    const key = { 'idempotency-key': `batch-retry-${retried.id}` };
    const first = await retried.customer.post('/api/v1/cases', body(retried), key);
    expect(first.status).toBe(201);
    const results = await Promise.all([
      retried.customer.post('/api/v1/cases', body(retried), key),
      ...shops.slice(1).map((shop) => shop.customer.post('/api/v1/cases', body(shop), { 'idempotency-key': `batch-new-${shop.id}` })),
    ]);
    expect(results.map((r) => r.status)).toEqual([201, 201, 201, 201]);
    expect(results[0]!.headers['idempotent-replayed']).toBe('true');
    expect(results[0]!.body).toEqual(first.body);
    for (const shop of shops) expect(await countCases(shop)).toBe(1);
    const db = t.runtime.deps.database.db;
    for (const [n, shop] of shops.slice(1).entries()) {
      const created = results[n + 1]!;
      expect(created.headers['idempotent-replayed']).toBeUndefined();
      // The answer is the case as stored, and its timeline holds each first event once.
      const stored = await shop.agent.get(`/api/v1/cases/${created.body.caseNo}`);
      expect(stored.body.version).toBe(created.body.version);
      expect(stored.body.createdAt).toBe(created.body.createdAt);
      const events = await db
        .selectFrom('case_events as e')
        .innerJoin('cases as c', 'c.id', 'e.case_id')
        .select('e.seq')
        .where('c.case_no', '=', created.body.caseNo)
        .execute();
      expect(events.map((e) => e.seq).sort((a, b) => a - b)).toEqual(Array.from({ length: created.body.version }, (_, i) => i + 1));
      const keys = await db.selectFrom('idempotency_keys').select(['status_code', 'response']).where('key', '=', `batch-new-${shop.id}`).execute();
      expect(keys.map((k) => [k.status_code, (k.response as { caseNo: string }).caseNo])).toEqual([[201, created.body.caseNo]]);
    }
  });

  it('asks an L2 case\'s departments at once when it is committed with others, and replays that very answer', async () => {
    const shops = await Promise.all(Array.from({ length: 4 }, () => makeShop(t)));
    const l2 = shops[0]!;
    const key = { 'idempotency-key': `l2-batch-${l2.id}` };
    const l2Body = body(l2, { description: '屏幕有坏点，三天内不解决我就去12315投诉' });
    const results = await Promise.all([
      l2.customer.post('/api/v1/cases', l2Body, key),
      ...shops.slice(1).map((shop) => shop.customer.post('/api/v1/cases', body(shop))),
    ]);
    expect(results.map((r) => r.status)).toEqual([201, 201, 201, 201]);
    const first = results[0]!;
    expect((await l2.agent.get(`/api/v1/cases/${first.body.caseNo}`)).body.severity).toBe('L2');
    const asked = await t.runtime.deps.database.db
      .selectFrom('collaboration_requests as r')
      .innerJoin('cases as c', 'c.id', 'r.case_id')
      .select(['r.department', 'c.version'])
      .where('c.case_no', '=', first.body.caseNo)
      .execute();
    expect(asked.length).toBeGreaterThan(0);
    expect(first.body.version).toBe(asked[0]!.version);
    const retry = await l2.customer.post('/api/v1/cases', l2Body, key);
    expect(retry.status).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.body).toEqual(first.body);
  });

  it('never posts a message twice for one key', async () => {
    const shop = await makeShop(t);
    const created = await shop.customer.post('/api/v1/cases', body(shop));
    const key = { 'idempotency-key': `msg-${shop.id}` };
    await shop.customer.post(`/api/v1/cases/${created.body.caseNo}/messages`, { body: '请问进度？' }, key);
    await shop.customer.post(`/api/v1/cases/${created.body.caseNo}/messages`, { body: '请问进度？' }, key);
    const detail = await shop.agent.get(`/api/v1/cases/${created.body.caseNo}`);
    expect(detail.body.messages.filter((m: { body: string }) => m.body === '请问进度？')).toHaveLength(1);
  });
});

describe('scope (ORG-3, RISK-6)', () => {
  it("refuses a merchant reading or acting on another merchant's case, and a customer another customer's", async () => {
    const mine = await makeShop(t);
    const theirs = await makeShop(t);
    const created = await theirs.customer.post('/api/v1/cases', body(theirs));
    const caseNo = created.body.caseNo;
    const read = await mine.merchant.get(`/api/v1/cases/${caseNo}`);
    expect(read.status).toBe(404);
    expect(read.headers['content-type']).toContain('application/problem+json');
    expect((await mine.merchant.action(caseNo, 'acknowledge', {})).status).toBe(404);
    expect((await mine.customer.get(`/api/v1/cases/${caseNo}`)).status).toBe(404);
    expect((await theirs.merchant.get(`/api/v1/cases/${caseNo}`)).status).toBe(200);
    const list = await mine.merchant.get('/api/v1/cases?limit=100');
    expect(list.body.items.map((c: { caseNo: string }) => c.caseNo)).not.toContain(caseNo);
    const stolen = await mine.customer.post('/api/v1/cases', body(theirs));
    expect(stolen.status).toBe(404);
    expect((await mine.anonymous.get(`/api/v1/cases/${caseNo}`)).status).toBe(401);
    expect((await mine.merchant.post('/api/v1/cases', body(mine))).status).toBe(403);
  });

  it('hides internal notes from the customer and the merchant', async () => {
    const shop = await makeShop(t);
    const created = await shop.customer.post('/api/v1/cases', body(shop));
    await shop.agent.post(`/api/v1/cases/${created.body.caseNo}/messages`, { body: '疑似职业索赔，注意留存证据', visibility: 'internal' });
    expect((await shop.customer.post(`/api/v1/cases/${created.body.caseNo}/messages`, { body: 'x', visibility: 'internal' })).status).toBe(403);
    for (const who of [shop.customer, shop.merchant]) {
      const seen = await who.get(`/api/v1/cases/${created.body.caseNo}`);
      expect(seen.body.messages.map((m: { body: string }) => m.body)).not.toContain('疑似职业索赔，注意留存证据');
      expect(seen.body.timeline.map((e: { type: string }) => e.type)).not.toContain('internal_note_added');
    }
    const staff = await shop.agent.get(`/api/v1/cases/${created.body.caseNo}`);
    expect(staff.body.messages.map((m: { body: string }) => m.body)).toContain('疑似职业索赔，注意留存证据');
  });
});

describe('malformed input', () => {
  it('is refused with problem+json naming the field, in both languages, and writes nothing', async () => {
    const shop = await makeShop(t);
    const cases = [
      { payload: body(shop, { kind: 'teleport' }), field: 'body.kind', zh: '取值不在允许范围内' },
      { payload: body(shop, { items: [{ orderItemId: 'not-a-uuid', quantity: 1 }] }), field: 'body.items.0.orderItemId', zh: '格式不正确' },
      { payload: body(shop, { items: [] }), field: 'body.items' },
      // A bound is said with its figure.
      { payload: { ...body(shop), description: '' }, field: 'body.description', zh: '至少 1 个字符' },
      { payload: body(shop, { items: [{ orderItemId: shop.orderItemId, quantity: 0 }] }), field: 'body.items.0.quantity', zh: '不能小于 1' },
    ];
    for (const c of cases) {
      const res = await shop.customer.post('/api/v1/cases', c.payload);
      expect(res.status, JSON.stringify(res.body)).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.body).toMatchObject({ type: '/problems/validation-failed', status: 400, field: c.field });
      expect(res.body.messages['zh-CN']).toContain(c.zh ?? '');
      expect(res.body.messages['en-US']).toBeTruthy();
      expect(res.body.correlationId).toBe(res.headers['x-request-id']);
    }
    const notJson = await t.runtime.app.inject({
      method: 'POST',
      url: '/api/v1/cases',
      headers: { authorization: `Bearer ${shop.customer.token}`, 'content-type': 'application/json' },
      payload: '{"kind":',
    });
    expect(notJson.statusCode).toBe(400);
    expect(JSON.parse(notJson.body).type).toBe('/problems/bad-request');
    expect(await countCases(shop)).toBe(0);
  });

  it('answers an illegal transition with 409 and the reason, changing nothing', async () => {
    const shop = await makeShop(t);
    const created = await shop.customer.post('/api/v1/cases', body(shop));
    const before = await shop.agent.get(`/api/v1/cases/${created.body.caseNo}`);
    const res = await shop.customer.action(created.body.caseNo, 'ship_return', { carrier: '顺丰', trackingNo: 'SF0000000001' });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ type: '/problems/transition-refused', code: 'illegal_transition', state: 'submitted' });
    expect(res.body.messages['zh-CN']).toContain('已提交');
    const detail = await shop.agent.get(`/api/v1/cases/${created.body.caseNo}`);
    expect(detail.body.state).toBe('submitted');
    expect(detail.body.timeline).toEqual(before.body.timeline);
    expect(detail.body.timeline[0].type).toBe('case_submitted');
    expect(detail.body.shipments.filter((s: { ofCase: boolean }) => s.ofCase)).toHaveLength(0);
  });
});

describe('follow-up jobs (transactional outbox)', () => {
  const jobsFor = async (caseId: string) => {
    const { rows } = await sql<{ type: string }>`select data->>'type' as type from pgboss.job where name = 'case-event' and data->>'caseId' = ${caseId} order by created_on`.execute(
      t.runtime.deps.database.db,
    );
    return rows.map((r) => r.type);
  };

  it('commits a job with each change and none for a refused command', async () => {
    const shop = await makeShop(t);
    const created = await shop.customer.post('/api/v1/cases', body(shop));
    expect(await jobsFor(created.body.id)).toEqual(['case_submitted']);
    expect((await shop.customer.action(created.body.caseNo, 'confirm_resolution', {})).status).toBe(409);
    expect(await jobsFor(created.body.id)).toEqual(['case_submitted']);
    await shop.agent.action(created.body.caseNo, 'acknowledge', {});
    expect(await jobsFor(created.body.id)).toEqual(['case_submitted', 'acknowledged']);
  });
});

describe('the same units asked for twice (IN-8)', () => {
  it('refuses an exchange of the unit an open return holds, naming the case; takes it once the return has ended', async () => {
    const shop = await makeShop(t);
    const item = [{ orderItemId: shop.orderItemId, quantity: 1 }];
    const ret = await shop.customer.post('/api/v1/cases', { kind: 'return_refund', reason: 'no_reason', items: item, description: '不想要了' });
    expect(ret.status).toBe(201);
    const exchange = await shop.customer.post('/api/v1/cases', { kind: 'exchange', reason: 'quality', items: item, description: '换一个' });
    expect(exchange.status).toBe(409);
    expect(exchange.body).toMatchObject({ type: '/problems/item-in-open-case', field: 'items.0.orderItemId', caseNo: ret.body.caseNo });
    expect(exchange.body.messages['zh-CN']).toContain(ret.body.caseNo);
    await shop.customer.action(ret.body.caseNo, 'withdraw', {});
    expect((await shop.customer.post('/api/v1/cases', { kind: 'exchange', reason: 'quality', items: item, description: '换一个' })).status).toBe(201);
  });

  it('files the other units of a line as a claim of their own, links a repeat of the same units, and refuses more than were bought', async () => {
    const shop = await makeShop(t, { quantity: 3 });
    const ret = (quantity: number) => ({ kind: 'return_refund', reason: 'no_reason', items: [{ orderItemId: shop.orderItemId, quantity }], description: '不想要了' });
    const first = await shop.customer.post('/api/v1/cases', ret(1));
    expect(first.status).toBe(201);
    const repeat = await shop.customer.post('/api/v1/cases', ret(1));
    expect(repeat.status).toBe(200);
    expect(repeat.body.duplicateOf).toBe(first.body.caseNo);
    const others = await shop.customer.post('/api/v1/cases', ret(2));
    expect(others.status, JSON.stringify(others.body)).toBe(201);
    expect(others.body.caseNo).not.toBe(first.body.caseNo);
    expect((await shop.customer.get(`/api/v1/cases/${others.body.caseNo}`)).body.items[0].quantity).toBe(2);
    const tooMany = await shop.customer.post('/api/v1/cases', ret(3));
    expect(tooMany.status).toBe(409);
    expect(tooMany.body.type).toBe('/problems/item-in-open-case');
  });
});

describe('a request about a whole order (no items)', () => {
  it('belongs to the order it names; an order that is not the customer’s, or none, is refused on the field', async () => {
    const shop = await makeShop(t);
    const complaint = (orderNo: string) => ({ kind: 'complaint', reason: 'logistics', orderNo, description: '快递员态度差，包裹被扔在门口' });
    const filed = await shop.customer.post('/api/v1/cases', complaint(shop.orderNo));
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);
    expect(filed.body).toMatchObject({ orderId: shop.orderId, merchantId: shop.merchantId });
    // Both sides see which order it is about, and the same complaint again joins it (IN-8).
    for (const who of [shop.customer, shop.agent]) {
      expect((await who.get(`/api/v1/cases/${filed.body.caseNo}`)).body.order).toMatchObject({ orderNo: shop.orderNo, totalFen: shop.priceFen });
    }
    const again = await shop.customer.post('/api/v1/cases', complaint(shop.orderNo));
    expect([again.status, again.body.duplicateOf]).toEqual([200, filed.body.caseNo]);
    const stranger = await makeShop(t);
    for (const orderNo of [stranger.orderNo, 'DD-NO-SUCH-ORDER']) {
      const refused = await shop.customer.post('/api/v1/cases', complaint(orderNo));
      expect(refused.status).toBe(404);
      expect(refused.body.field).toBe('orderNo');
    }
    // Staff filing for the buyer by phone name the order the same way.
    const byPhone = await shop.agent.post('/api/v1/cases', { ...complaint(stranger.orderNo), channel: 'phone' });
    expect(byPhone.body).toMatchObject({ orderId: stranger.orderId, customerId: stranger.customerId });
  });
});

describe('links between cases', () => {
  it('lets staff link related cases both ways without changing their state', async () => {
    const shop = await makeShop(t);
    const a = await shop.customer.post('/api/v1/cases', body(shop));
    const b = await shop.customer.post('/api/v1/cases', { kind: 'complaint', reason: 'logistics', items: [], description: '快递员态度差' });
    expect((await shop.merchant.action(a.body.caseNo, 'link', { caseNo: b.body.caseNo })).status).toBe(403);
    const linked = await shop.agent.action(a.body.caseNo, 'link', { caseNo: b.body.caseNo, note: '同一订单' });
    expect(linked.status).toBe(200);
    expect(linked.body.state).toBe('submitted');
    const other = await shop.agent.get(`/api/v1/cases/${b.body.caseNo}`);
    expect(other.body.links).toContainEqual(expect.objectContaining({ caseNo: a.body.caseNo, linkType: 'related' }));
    expect((await shop.agent.get(`/api/v1/cases/${a.body.caseNo}`)).body.timeline.at(-1)).toMatchObject({ type: 'case_linked' });
  });

  it('shows a customer or a merchant only the linked cases that are theirs', async () => {
    const shop = await makeShop(t);
    const stranger = await makeShop(t);
    const mine = await shop.customer.post('/api/v1/cases', body(shop));
    const theirs = await stranger.customer.post('/api/v1/cases', body(stranger));
    expect((await shop.agent.action(mine.body.caseNo, 'link', { caseNo: theirs.body.caseNo, note: '同一批次问题' })).status).toBe(200);
    expect((await shop.agent.get(`/api/v1/cases/${mine.body.caseNo}`)).body.links).toHaveLength(1);
    expect((await shop.customer.get(`/api/v1/cases/${mine.body.caseNo}`)).body.links).toEqual([]);
    expect((await shop.merchant.get(`/api/v1/cases/${mine.body.caseNo}`)).body.links).toEqual([]);
    expect((await stranger.customer.get(`/api/v1/cases/${theirs.body.caseNo}`)).body.links).toEqual([]);
  });
});

describe('acknowledgement of receipt (IN-5)', () => {
  it('tells the customer, in their language, once even if the job runs twice', async () => {
    const shop = await makeShop(t);
    const created = await shop.customer.post('/api/v1/cases', body(shop));
    const job = { caseId: created.body.id, seq: 1, type: 'case_submitted' };
    await handleCaseEvent(t.runtime.deps.database.db, t.clock, job);
    await handleCaseEvent(t.runtime.deps.database.db, t.clock, job);
    const detail = await shop.customer.get(`/api/v1/cases/${created.body.caseNo}`);
    const receipts = detail.body.messages.filter((m: { authorRole: string }) => m.authorRole === 'system');
    expect(receipts).toHaveLength(1);
    expect(receipts[0].body).toContain(created.body.caseNo);
    // The merchant holds it: the receipt names the merchant's review deadline (48 h from 2026-11-10 10:00).
    expect(receipts[0].body).toContain('商家将在 2026-11-12 10:00 前处理');
  });

  it('names the merchant\'s plan deadline on a complaint the merchant holds', async () => {
    const shop = await makeShop(t);
    const created = await shop.customer.post('/api/v1/cases', { ...body(shop), kind: 'complaint', reason: 'quality', description: '耳机左耳没有声音' });
    await handleCaseEvent(t.runtime.deps.database.db, t.clock, { caseId: created.body.id, seq: 1, type: 'case_submitted' });
    const receipt = (await shop.customer.get(`/api/v1/cases/${created.body.caseNo}`)).body.messages.find((m: { authorRole: string }) => m.authorRole === 'system');
    expect(receipt.body).toContain('商家将在 2026-11-11 10:00 前给出处理方案；逾期未处理的，平台将介入');
  });

  it('names the platform\'s plan deadline when the platform holds the case', async () => {
    const shop = await makeShop(t, { platformOperated: true });
    const created = await shop.customer.post('/api/v1/cases', body(shop));
    await handleCaseEvent(t.runtime.deps.database.db, t.clock, { caseId: created.body.id, seq: 1, type: 'case_submitted' });
    const detail = await shop.customer.get(`/api/v1/cases/${created.body.caseNo}`);
    const receipt = detail.body.messages.find((m: { authorRole: string }) => m.authorRole === 'system');
    expect(receipt.body).toContain('并在 2026-11-11 10:00 前给出处理方案');
  });

  it('promises progress reports, not a plan in 24 h, on a complex complaint (SLA-6)', async () => {
    const shop = await makeShop(t, { platformOperated: true });
    const created = await shop.customer.post('/api/v1/cases', { ...body(shop), kind: 'complaint', reason: 'quality', description: '充电器冒烟了，差点起火' });
    await handleCaseEvent(t.runtime.deps.database.db, t.clock, { caseId: created.body.id, seq: 1, type: 'case_submitted' });
    const detail = (await shop.agent.get(`/api/v1/cases/${created.body.caseNo}`)).body;
    expect(detail.severity).toBe('L1');
    const running = detail.deadlines.filter((d: { state: string }) => d.state === 'running').map((d: { metric: string }) => d.metric);
    expect(running).toContain('staged_feedback');
    expect(running).not.toContain('plan_due');
    const receipt = detail.messages.find((m: { authorRole: string }) => m.authorRole === 'system');
    expect(receipt.body).toContain('前向您反馈处理进展');
    // SLA-5: an urgent complaint promises a contact within hours, not only a report days later.
    const firstContact = detail.deadlines
      .filter((d: { state: string; metric: string }) => d.state === 'running' && ['first_response', 'follow_up', 'acknowledgement'].includes(d.metric))
      .map((d: { dueAt: string }) => d.dueAt)
      .sort()[0];
    expect(firstContact).toBeDefined();
    const hours = (new Date(firstContact).getTime() - t.clock.now().getTime()) / 3_600_000;
    expect(hours).toBeLessThanOrEqual(4);
    expect(receipt.body).toMatch(/专人将在 \d{4}-\d{2}-\d{2} \d{2}:\d{2} 前与您联系/);
  });

  it('tells the buyer in the bell of each step that asks something of them or changes what they can expect, once', async () => {
    const shop = await makeShop(t);
    const created = await shop.customer.post('/api/v1/cases', body(shop));
    const caseNo = created.body.caseNo as string;
    const { db } = t.runtime.deps.database;
    const runJobs = () => t.runtime.deps.jobs.runPending('case-event', (data) => handleCaseEvent(db, t.clock, data));
    await shop.merchant.action(caseNo, 'approve_request', {});
    await runJobs();
    await runJobs();
    const bell = async () => (await shop.customer.get('/api/v1/notifications')).body.items as { type: string; caseNo: string; body: Record<string, string> }[];
    const first = await bell();
    expect(first.filter((n) => n.caseNo === caseNo).map((n) => n.type)).toEqual(['customer_request_approved']);
    expect(first[0]?.body['zh-CN']).toContain('退货地址');
    // The buyer's own step is not announced to them; another buyer hears nothing of this case.
    await shop.customer.action(caseNo, 'ship_return', { carrier: '顺丰', trackingNo: `SF${shop.id}N1`, shippingFeeFen: 0 });
    await shop.merchant.action(caseNo, 'receive_return', {});
    await runJobs();
    expect((await bell()).filter((n) => n.caseNo === caseNo).map((n) => n.type).sort()).toEqual(['customer_request_approved', 'customer_return_received']);
    const stranger = await makeShop(t);
    expect((await stranger.customer.get('/api/v1/notifications')).body.items.filter((n: { caseNo: string }) => n.caseNo === caseNo)).toEqual([]);
    // The refund names its amount.
    await shop.merchant.action(caseNo, 'inspect', { passed: true, reason: '完好' });
    const refund = ((await shop.finance.get(`/api/v1/cases/${caseNo}`)).body.tasks as { id: string; type: string }[]).find((x) => x.type === 'refund')!;
    await shop.finance.action(caseNo, 'complete_task', { taskId: refund.id });
    await runJobs();
    const paid = (await bell()).find((n) => n.caseNo === caseNo && n.type === 'customer_refund_executed');
    expect(paid?.body['zh-CN']).toContain(`${(shop.priceFen / 100).toFixed(2)} 元`);

    // A request granted without a return asks nothing to be shipped.
    const other = await makeShop(t);
    const broken = (await other.customer.post('/api/v1/cases', { kind: 'refund_only', reason: 'logistics', items: [{ orderItemId: other.orderItemId, quantity: 1 }], description: '快递压坏了，杯子碎了' })).body.caseNo as string;
    expect((await other.merchant.action(broken, 'approve_request', {})).status).toBe(200);
    await runJobs();
    const told = ((await other.customer.get('/api/v1/notifications')).body.items as { type: string; caseNo: string; body: Record<string, string> }[]).find((n) => n.caseNo === broken && n.type === 'customer_request_approved');
    expect(told?.body['zh-CN']).toContain('无需寄回');
    expect(told?.body['zh-CN']).not.toContain('退货地址');
  });

  it('tells the buyer of a reply, an accepted counter-offer and a closed case', async () => {
    const shop = await makeShop(t);
    const { db } = t.runtime.deps.database;
    const runJobs = () => t.runtime.deps.jobs.runPending('case-event', (data) => handleCaseEvent(db, t.clock, data));
    const bell = async (caseNo: string) =>
      ((await shop.customer.get('/api/v1/notifications?limit=200')).body.items as { type: string; caseNo: string }[]).filter((n) => n.caseNo === caseNo).map((n) => n.type);
    const caseNo = (await shop.customer.post('/api/v1/cases', { kind: 'complaint', reason: 'quality', items: [{ orderItemId: shop.orderItemId, quantity: 1 }], description: '耳机左耳有杂音' })).body.caseNo as string;
    await shop.merchant.action(caseNo, 'start_investigation', {});
    expect((await shop.merchant.post(`/api/v1/cases/${caseNo}/messages`, { body: '您好，请问杂音是一直都有吗？' })).status).toBe(201);
    await runJobs();
    expect(await bell(caseNo)).toContain('customer_message_added');

    const plan = await shop.merchant.action(caseNo, 'propose_plan', { planType: 'compensation', responsibility: 'quality_defect', terms: { keepItem: true, couponFen: 1_000 }, basis: '杂音属质量问题，补偿优惠券', goodwillReason: '致歉' });
    expect(plan.status, JSON.stringify(plan.body)).toBe(200);
    const countered = await shop.customer.action(caseNo, 'counter_offer', { reason: '希望部分退款', planType: 'partial_refund', terms: { keepItem: true, refundFen: 3_000 } });
    expect(countered.status, JSON.stringify(countered.body)).toBe(200);
    expect((await shop.merchant.action(caseNo, 'accept_counter_offer', {})).status).toBe(200);
    await runJobs();
    expect(await bell(caseNo)).toContain('customer_counter_offer_accepted');
    const refund = ((await shop.finance.get(`/api/v1/cases/${caseNo}`)).body.tasks as { id: string; type: string }[]).find((x) => x.type === 'refund')!;
    await shop.finance.action(caseNo, 'complete_task', { taskId: refund.id });
    await shop.merchant.action(caseNo, 'notify_result', { message: '已为您部分退款 30 元。' });
    const closed = await shop.agent.action(caseNo, 'close', { note: '客户电话确认已解决' });
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);
    await runJobs();
    expect(await bell(caseNo)).toContain('customer_case_closed');
  });

  it('tells the buyer a replacement shipped, with its tracking number', async () => {
    const shop = await makeShop(t, { platformOperated: true });
    const caseNo = (await shop.customer.post('/api/v1/cases', { kind: 'exchange', reason: 'quality', items: [{ orderItemId: shop.orderItemId, quantity: 1 }], description: '屏幕坏点' })).body.caseNo as string;
    const { db } = t.runtime.deps.database;
    const runJobs = () => t.runtime.deps.jobs.runPending('case-event', (data) => handleCaseEvent(db, t.clock, data));
    await shop.agent.action(caseNo, 'approve_request', {});
    await shop.customer.action(caseNo, 'ship_return', { carrier: '顺丰', trackingNo: `SF${shop.id}X1` });
    await shop.agent.action(caseNo, 'receive_return', {});
    // The replacement can go out only after the inspection: its 48 h run from there, not from arrival.
    t.clock.advance(30 * 3_600_000);
    await shop.agent.action(caseNo, 'inspect', { passed: true, reason: '坏点属实' });
    const task = ((await shop.agent.get(`/api/v1/cases/${caseNo}`)).body.tasks as { id: string; type: string; dueAt: string }[]).find((x) => x.type === 'ship_replacement')!;
    expect(new Date(task.dueAt).getTime()).toBe(t.clock.now().getTime() + 48 * 3_600_000);
    expect((await shop.agent.action(caseNo, 'complete_task', { taskId: task.id, proof: { carrier: '顺丰', trackingNo: 'SF5566778899' } })).status).toBe(200);
    await runJobs();
    const items = (await shop.customer.get('/api/v1/notifications')).body.items as { type: string; caseNo: string; body: Record<string, string> }[];
    const shipped = items.find((n) => n.caseNo === caseNo && n.type === 'customer_task_completed');
    expect(shipped?.body['zh-CN']).toContain('顺丰 SF5566778899');
  });
});
