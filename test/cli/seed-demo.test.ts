// The demo shop, seeded small into its own data directory (or, in CI, into the shared PostgreSQL
// database under a namespace of its own, so only the demo's own rows are looked at).
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshTestDatabase } from '../helpers/harness.ts';
import { DEMO_ACCOUNTS, seedDemo, seedDemoOnFirstStart, type SeedSummary } from '../../src/cli/seed-demo.ts';
import { type Config, loadConfig } from '../../src/config.ts';
import { DEMO_CUSTOMER_ACCOUNTS } from '../../src/cli/demo/accounts.ts';
import { CASE_STATES } from '../../src/modules/cases/case.state.ts';
import { isValidIdNumber, maskIdNumber } from '../../src/modules/privacy/pii.fields.ts';
import { type Runtime, startRuntime } from '../../src/runtime.ts';
import { CASE_KINDS, DEPARTMENTS } from '../../src/shared/vocabulary.ts';

const SCALE = 0.08;
const namespace = `t${randomBytes(5).toString('hex')}`;
const prefix = `${namespace}-`;
let config: Config;
let summary: SeedSummary;

let database: Awaited<ReturnType<typeof freshTestDatabase>>;

function makeConfig(): Config {
  const dataDir = mkdtempSync(join(tmpdir(), 'afterdesk-demo-'));
  // Strict limits on purpose: the loader drives the real pipeline and must not be throttled by them.
  return loadConfig({ ...process.env, DATA_DIR: dataDir, DATABASE_URL: database.url, LOG_LEVEL: 'silent', RATE_LIMIT_PER_MINUTE: '5', RATE_LIMIT_ANONYMOUS_PER_MINUTE: '5' });
}

async function withRuntime<T>(cfg: Config, work: (runtime: Runtime) => Promise<T>): Promise<T> {
  const runtime = await startRuntime(cfg);
  try {
    return await work(runtime);
  } finally {
    await runtime.close();
  }
}

/** The demo's own rows: customers under its prefix and their cases. */
async function ownCounts(cfg: Config, ownPrefix: string) {
  return withRuntime(cfg, async (runtime) => {
    const { db } = runtime.deps.database;
    const customers = await db.selectFrom('customers').select('id').where('external_id', 'like', `${ownPrefix}%`).execute();
    const orders = await db.selectFrom('orders').select('id').where('external_id', 'like', `${ownPrefix}%`).execute();
    const cases = await db
      .selectFrom('cases as c')
      .innerJoin('customers as cu', 'cu.id', 'c.customer_id')
      .select(['c.state', 'c.kind'])
      .where('cu.external_id', 'like', `${ownPrefix}%`)
      .execute();
    return { customers: customers.length, orders: orders.length, cases };
  });
}

beforeAll(async () => {
  database = await freshTestDatabase();
  config = makeConfig();
  summary = await seedDemo(config, { scale: SCALE, namespace, quiet: true });
}, 180_000);

afterAll(async () => {
  await database.drop();
});

describe('seed-demo', () => {
  it('covers every case kind and every lifecycle state, even at a small scale', async () => {
    for (const state of CASE_STATES) expect(summary.byState[state] ?? 0, state).toBeGreaterThan(0);
    for (const kind of CASE_KINDS) expect(summary.byKind[kind] ?? 0, kind).toBeGreaterThan(0);
    const own = await ownCounts(config, prefix);
    expect(own.customers).toBe(summary.customers);
    expect(own.orders).toBe(summary.orders);
    expect(own.cases).toHaveLength(summary.cases);
    expect(new Set(own.cases.map((c) => c.state))).toEqual(new Set(CASE_STATES));
    expect(new Set(own.cases.map((c) => c.kind))).toEqual(new Set(CASE_KINDS));
  }, 60_000);

  it('runs the SLA clocks: breaches fired at their own due time, never late, and nothing left overdue', async () => {
    await withRuntime(config, async (runtime) => {
      const { db } = runtime.deps.database;
      const own = db
        .selectFrom('case_deadlines as d')
        .innerJoin('cases as c', 'c.id', 'd.case_id')
        .innerJoin('customers as cu', 'cu.id', 'c.customer_id')
        .where('cu.external_id', 'like', `${prefix}%`);
      const all = await own.select(['d.metric', 'd.breached_at', 'd.late', 'd.next_fire_at', 'd.due_at']).execute();
      expect(all.length).toBeGreaterThan(summary.cases);
      expect(all.filter((d) => d.breached_at !== null).length).toBeGreaterThan(0);
      expect(all.filter((d) => d.late)).toEqual([]);
      for (const d of all.filter((x) => x.breached_at !== null)) expect(d.breached_at!.getTime()).toBe(d.due_at.getTime());
      // Everything due before the seed's "now" has fired.
      const seededAt = Date.now();
      expect(all.filter((d) => d.next_fire_at !== null && d.next_fire_at.getTime() < seededAt - 600_000)).toEqual([]);
    });
  });

  it('leaves every piece of evidence a state needs (the failed inspection has its photo)', async () => {
    await withRuntime(config, async (runtime) => {
      const { db } = runtime.deps.database;
      const failed = await db
        .selectFrom('cases as c')
        .innerJoin('customers as cu', 'cu.id', 'c.customer_id')
        .select('c.id')
        .where('cu.external_id', 'like', `${prefix}%`)
        .where('c.state', '=', 'inspection_failed')
        .execute();
      expect(failed.length).toBeGreaterThan(0);
      for (const row of failed) {
        const photos = await db.selectFrom('attachments').select('content_type').where('case_id', '=', row.id).where('purpose', '=', 'inspection').execute();
        expect(photos.map((p) => p.content_type)).toContain('image/png');
      }
    });
  }, 60_000);

  it('lets the demo accounts sign in', async () => {
    expect(summary.accounts.map((a) => a.email)).toContain(`agent+${namespace}@afterdesk.demo`);
    expect(DEMO_ACCOUNTS.map((a) => a.email)).toEqual(expect.arrayContaining(['admin@afterdesk.demo', 'merchant1@afterdesk.demo', 'customer1@afterdesk.demo']));
    await withRuntime(config, async (runtime) => {
      for (const account of summary.accounts) {
        const res = await runtime.app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { email: account.email, password: account.password } });
        expect(res.statusCode, account.email).toBe(200);
        expect(res.json().user.role).toBe(account.role);
      }
      const customer = summary.accounts.find((a) => a.role === 'customer');
      if (!customer) throw new Error('no demo customer account');
      const signIn = await runtime.app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { email: customer.email, password: customer.password } });
      const cases = await runtime.app.inject({ method: 'GET', url: '/api/v1/cases', headers: { authorization: `Bearer ${signIn.json().token}` } });
      expect(cases.statusCode).toBe(200);
      expect(JSON.stringify(cases.json())).toMatch(/AS\d{8}\d{6}/);
    });
  }, 60_000);

  it('has a user for every department, who finds their requests; open and answered requests from agents', async () => {
    const departmentAccounts = summary.accounts.filter((a) => a.role === 'department');
    expect(departmentAccounts.map((a) => a.email)).toEqual(expect.arrayContaining([`logistics+${namespace}@afterdesk.demo`, `supplychain+${namespace}@afterdesk.demo`]));
    expect(DEMO_ACCOUNTS.filter((a) => a.role === 'department').map((a) => a.email)).toContain('logistics@afterdesk.demo');
    await withRuntime(config, async (runtime) => {
      const { db } = runtime.deps.database;
      const users = await db.selectFrom('users').select(['department', 'role']).where('email', 'in', departmentAccounts.map((a) => a.email)).execute();
      expect(users.every((u) => u.role === 'department')).toBe(true);
      expect(users.map((u) => u.department).sort()).toEqual([...DEPARTMENTS].sort());

      const requests = await db
        .selectFrom('collaboration_requests as r')
        .innerJoin('cases as c', 'c.id', 'r.case_id')
        .innerJoin('customers as cu', 'cu.id', 'c.customer_id')
        .select(['r.id', 'r.department', 'r.status', 'r.asked_by_role', 'r.answer', 'r.answered_by'])
        .where('cu.external_id', 'like', `${prefix}%`)
        .execute();
      const byAgents = requests.filter((r) => r.asked_by_role === 'agent');
      expect(byAgents.filter((r) => r.status === 'open').length).toBeGreaterThanOrEqual(2);
      const answered = byAgents.filter((r) => r.status === 'answered');
      expect(answered.length).toBeGreaterThanOrEqual(2);
      expect(answered.every((r) => r.answer && r.answered_by)).toBe(true);
      expect(summary.collaborations).toEqual(
        Object.fromEntries([...new Set(requests.map((r) => r.status))].map((status) => [status, requests.filter((r) => r.status === status).length])),
      );

      // The logistics user signs in and finds their department's requests (and no other's).
      const account = departmentAccounts.find((a) => a.email.startsWith('logistics+'))!;
      const signIn = await runtime.app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { email: account.email, password: account.password } });
      const inbox = await runtime.app.inject({ method: 'GET', url: '/api/v1/collaborations?limit=200', headers: { authorization: `Bearer ${signIn.json().token}` } });
      const items = inbox.json().items as { id: string; department: string }[];
      const own = requests.filter((r) => r.department === 'logistics').map((r) => r.id);
      expect(own.length).toBeGreaterThan(0);
      expect(items.map((i) => i.id)).toEqual(expect.arrayContaining(own));
      expect(items.every((i) => i.department === 'logistics')).toBe(true);
    });
  }, 60_000);

  it('has an open group complaint: five or more customers, one product, raised to L1 by detection', async () => {
    expect(summary.openIncidents).toBeGreaterThanOrEqual(1);
    await withRuntime(config, async (runtime) => {
      const { db } = runtime.deps.database;
      const incidents = await db
        .selectFrom('incidents as i')
        .innerJoin('merchants as m', 'm.id', 'i.merchant_id')
        .select(['i.id', 'i.incident_no', 'i.scope', 'i.product_id', 'i.customers', 'i.window_hours'])
        .where('m.external_id', 'like', `${prefix}%`)
        .where('i.status', '=', 'open')
        .execute();
      const product = incidents.find((i) => i.scope === 'product');
      if (!product) throw new Error('no open product-scope incident in the demo');
      const members = await db
        .selectFrom('incident_cases as ic')
        .innerJoin('cases as c', 'c.id', 'ic.case_id')
        .select(['c.id', 'c.customer_id', 'c.severity', 'c.created_at'])
        .where('ic.incident_id', '=', product.id)
        .execute();
      expect(new Set(members.map((m) => m.customer_id)).size).toBeGreaterThanOrEqual(5);
      expect(product.customers).toBe(new Set(members.map((m) => m.customer_id)).size);
      expect(members.every((m) => m.severity === 'L1')).toBe(true);
      const times = members.map((m) => m.created_at.getTime());
      expect(Math.max(...times) - Math.min(...times)).toBeLessThanOrEqual(product.window_hours * 3_600_000);
      // Every case names the rule that raised it (TR-7): the detection path, not rows put in place.
      const joined = await db
        .selectFrom('case_events')
        .select(['case_id', 'data'])
        .where('case_id', 'in', members.map((m) => m.id))
        .where('type', '=', 'incident_joined')
        .execute();
      expect(new Set(joined.map((e) => e.case_id)).size).toBe(members.length);
      expect(joined.every((e) => (e.data as { rule?: string; incidentNo?: string }).rule === 'l1.group_complaint')).toBe(true);
      expect(joined.every((e) => (e.data as { incidentNo?: string }).incidentNo === product.incident_no)).toBe(true);
    });
  }, 60_000);

  it('gives the sign-in customers and a few others an ID number and a refund card, stored encrypted with masked forms', async () => {
    await withRuntime(config, async (runtime) => {
      const { db } = runtime.deps.database;
      const rows = await db
        .selectFrom('customers')
        .select(['id', 'address', 'id_number_enc', 'id_number_masked', 'refund_card_enc', 'refund_card_masked', 'refund_bank'])
        .where('external_id', 'like', `${prefix}%`)
        .where('id_number_enc', 'is not', null)
        .execute();
      expect(rows.length).toBeGreaterThanOrEqual(DEMO_CUSTOMER_ACCOUNTS);
      for (const row of rows) {
        const idNumber = runtime.deps.pii.decrypt(row.id_number_enc!, 'customers.id_number');
        expect(isValidIdNumber(idNumber)).toBe(true);
        expect(row.id_number_masked).toBe(maskIdNumber(idNumber));
        expect(row.refund_card_masked).toMatch(/^\*{4} \d{4}$/);
        expect(row.refund_bank).toBeTruthy();
        expect(row.address).toMatch(/[区县]/);
      }
    });
  }, 60_000);

  it('does not load the demo twice', async () => {
    const before = await ownCounts(config, prefix);
    await seedDemoOnFirstStart(config, { scale: SCALE, namespace, quiet: true });
    await seedDemoOnFirstStart(config, { scale: SCALE, namespace, quiet: true });
    const after = await ownCounts(config, prefix);
    expect(after.customers).toBe(before.customers);
    expect(after.orders).toBe(before.orders);
    expect(after.cases).toHaveLength(before.cases.length);
    await expect(seedDemo(config, { scale: SCALE, namespace, quiet: true })).rejects.toThrow(/already loaded/);
  }, 120_000);

  it('loads the demo on first start into a database without it', async () => {
    const fresh = makeConfig();
    const other = `t${randomBytes(5).toString('hex')}`;
    await seedDemoOnFirstStart(fresh, { scale: 0.02, namespace: other, quiet: true });
    const own = await ownCounts(fresh, `${other}-`);
    expect(own.customers).toBeGreaterThan(0);
    expect(own.cases.length).toBeGreaterThan(0);
  }, 180_000);
});
