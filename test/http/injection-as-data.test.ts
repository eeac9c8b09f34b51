// Markup and SQL are data: case text, messages, names and evidence file names holding script
// tags, event handlers and SQL fragments are stored and returned verbatim, and the search and
// filter endpoints treat them as plain text (they match themselves, never everything, never fail).
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUserWithToken } from '../../src/modules/identity/index.ts';
import { PNG_1x1 } from '../helpers/files.ts';
import { INJECTION_PAYLOADS } from '../helpers/payloads.ts';
import { client, makeShop, type Shop, startTestApp, type TestApp } from '../helpers/harness.ts';

const PAYLOADS = INJECTION_PAYLOADS;

let t: TestApp;
let shop: Shop;
const cases = new Map<string, string>(); // payload → case number
beforeAll(async () => {
  t = await startTestApp('2026-11-10T10:00:00+08:00');
  shop = await makeShop(t);
  // Some ordinary cases too, so a filter that matched everything would show.
  for (const text of ['屏幕有坏点', '电池鼓包', '少发了充电线']) {
    const other = await makeShop(t);
    await other.customer.post('/api/v1/cases', { kind: 'consultation', reason: 'quality', title: text, description: text });
  }
}, 120_000);
afterAll(async () => {
  await t.close();
});

describe('injection payloads are data', () => {
  it.each(PAYLOADS)('stores and returns %s verbatim in case text, messages and file names', async (payload) => {
    const created = await shop.customer.post('/api/v1/cases', {
      kind: 'consultation',
      reason: 'quality',
      title: `标题 ${payload}`,
      description: `描述：${payload}`,
    });
    expect(created.status).toBe(201);
    expect(created.body.title).toBe(`标题 ${payload}`);
    const caseNo = created.body.caseNo as string;
    cases.set(payload, caseNo);

    const message = await shop.customer.post(`/api/v1/cases/${caseNo}/messages`, { body: payload });
    expect(message.status).toBe(201);
    const note = await shop.agent.post(`/api/v1/cases/${caseNo}/messages`, { body: `备注 ${payload}`, visibility: 'internal' });
    expect(note.status).toBe(201);
    const upload = await shop.customer.upload(caseNo, { supports: payload }, { name: payload, bytes: PNG_1x1, type: 'image/png' });
    expect(upload.status).toBe(201);
    expect(upload.body).toMatchObject({ fileName: payload, supports: payload });

    for (const caller of [shop.agent, shop.customer]) {
      const detail = await caller.get(`/api/v1/cases/${caseNo}`);
      expect(detail.status).toBe(200);
      expect(detail.body.title).toBe(`标题 ${payload}`);
      expect(detail.body.description).toBe(`描述：${payload}`);
      expect(detail.body.messages.map((m: { body: string }) => m.body)).toContain(payload);
      expect(detail.body.attachments.map((a: { fileName: string }) => a.fileName)).toEqual([payload]);
    }
    const staff = await shop.agent.get(`/api/v1/cases/${caseNo}`);
    expect(staff.body.messages.map((m: { body: string }) => m.body)).toContain(`备注 ${payload}`);
  });

  it('keeps the tables the SQL payloads name', async () => {
    const { db } = t.runtime.deps.database;
    const counted = await sql<{ n: number }>`select count(*)::int as n from cases`.execute(db);
    expect(counted.rows[0]!.n).toBeGreaterThanOrEqual(PAYLOADS.length + 3);
    const stored = await db.selectFrom('cases').select('description').where('case_no', '=', cases.get("'; drop table cases; --")!).executeTakeFirstOrThrow();
    expect(stored.description).toBe("描述：'; drop table cases; --");
  });

  it('searches for each payload as plain text: it finds its own case and nothing else', async () => {
    const all = await shop.agent.get('/api/v1/cases?limit=100');
    expect(all.body.total).toBeGreaterThan(PAYLOADS.length);
    for (const payload of PAYLOADS) {
      const res = await shop.agent.get(`/api/v1/cases?q=${encodeURIComponent(payload)}&limit=100`);
      expect(res.status, payload).toBe(200);
      expect(res.body.items.map((c: { caseNo: string }) => c.caseNo), payload).toEqual([cases.get(payload)]);
    }
    // LIKE wildcards are characters too.
    for (const wildcard of ['%', '_', '%%', '\\']) {
      const res = await shop.agent.get(`/api/v1/cases?q=${encodeURIComponent(wildcard)}&limit=100`);
      expect(res.status).toBe(200);
      expect(res.body.total, wildcard).toBe(0);
    }
  });

  it('filters by payload values without failing or matching everything', async () => {
    for (const payload of PAYLOADS) {
      for (const filter of ['state', 'queue', 'orderNo']) {
        const res = await shop.agent.get(`/api/v1/cases?${filter}=${encodeURIComponent(payload)}`);
        expect(res.status, `${filter}=${payload}`).toBe(200);
        expect(res.body.total, `${filter}=${payload}`).toBe(0);
      }
      const kind = await shop.agent.get(`/api/v1/cases?kind=${encodeURIComponent(payload)}`);
      expect(kind.status).toBe(400);
      expect(kind.body.type).toBe('/problems/validation-failed');
      const help = await shop.anonymous.get(`/api/v1/kb/articles?q=${encodeURIComponent(payload)}`);
      expect(help.status, payload).toBe(200);
    }
  });

  it('returns names verbatim: customers and products from the shop system, staff display names', async () => {
    const { db } = t.runtime.deps.database;
    for (const payload of PAYLOADS) {
      const id = Math.random().toString(36).slice(2, 10);
      expect((await shop.admin.put(`/api/v1/integration/customers/inj-${id}`, { name: payload, tier: 'regular' })).status).toBe(200);
      expect((await shop.admin.put(`/api/v1/integration/products/inj-${id}`, { merchantExternalId: `m-${shop.id}`, name: payload, category: 'electronics', priceFen: 100 })).status).toBe(200);
      const stored = await db.selectFrom('customers').select('name').where('external_id', '=', `inj-${id}`).executeTakeFirstOrThrow();
      expect(stored.name).toBe(payload);
      const user = await createUserWithToken(db, { email: `inj-${id}@test.local`, displayName: payload, role: 'agent' });
      expect((await client(t, user.token).get('/api/v1/me')).body.displayName).toBe(payload);
    }
    // The customer's name reaches reply suggestions as it is: rendering is the console's job.
    await shop.admin.put(`/api/v1/integration/customers/c-${shop.id}`, { name: PAYLOADS[1], tier: 'gold' });
    const caseNo = cases.get(PAYLOADS[0])!;
    const suggestions = await shop.agent.get(`/api/v1/cases/${caseNo}/suggested-replies`);
    expect(suggestions.status).toBe(200);
    expect(JSON.stringify(suggestions.body)).toContain(JSON.stringify(PAYLOADS[1]).slice(1, -1));
  });
});
