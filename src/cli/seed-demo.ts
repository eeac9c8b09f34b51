// `afterdesk seed-demo` and `serve --demo`: a realistic demo shop whose history spreads over the
// past ~60 days — customers, merchants, products, orders with parcels, and cases in every kind
// and every lifecycle state. Everything goes through the real HTTP API with a manual clock set to
// when each step happens, so the demo obeys the same rules as real use. Deterministic: one
// seeded PRNG, times relative to the day it runs.
import { sql } from 'kysely';
import type { Config } from '../config.ts';
import { handleCaseEvent } from '../modules/cases/case.jobs.ts';
import { openMigratedDatabase, startRuntime } from '../runtime.ts';
import { handleSlaAction } from '../modules/sla/sla.actions.ts';
import { earliestFiring } from '../modules/sla/sla.repository.ts';
import { ManualClock } from '../shared/clock.ts';
import {
  createCustomerAccount, createDepartmentAccounts, createMerchantAccounts, createStaffAccounts, createStaffProfiles, DEMO_ACCOUNTS, type DemoAccount, demoAccounts,
} from './demo/accounts.ts';
import { type CaseRef, DemoApi } from './demo/api.ts';
import { playCollaborations } from './demo/collaborations.ts';
import { playGroupComplaint } from './demo/incident.ts';
import { CaseRun } from './demo/driver.ts';
import { buildScript } from './demo/plan.ts';
import { Progress } from './demo/progress.ts';
import { Random } from './demo/random.ts';
import { externalIds, shopRequestCount, writeProduct, writeShop } from './demo/shop.ts';
import type { DemoProduct } from './demo/catalog.ts';

export { DEMO_ACCOUNTS, type DemoAccount };
export { DEMO_PASSWORD } from './demo/accounts.ts';

export interface SeedOptions {
  progress?: boolean;
  /** 1 = the full demo (≥300 cases, ≥1,000 orders); smaller for tests. */
  scale?: number;
  /**
   * Lower-case letters and digits: prefixes every external id and order number and tags the
   * account e-mails (`agent+ns@afterdesk.demo`), so several demos can share one database (tests).
   */
  namespace?: string;
  /** No summary on stdout. */
  quiet?: boolean;
}

export interface SeedSummary {
  customers: number;
  orders: number;
  cases: number;
  byState: Record<string, number>;
  byKind: Record<string, number>;
  accounts: DemoAccount[];
  /** Collaboration requests on the demo's cases, by status (the system's own and the agents'). */
  collaborations: Record<string, number>;
  /** Open group complaints (incidents) on the demo's merchants. */
  openIncidents: number;
  requests: number;
  seconds: number;
}

const SEED = 20_260_110;

function prefixOf(namespace: string | undefined): string {
  if (namespace !== undefined && !/^[a-z0-9]{1,24}$/.test(namespace)) {
    throw new Error(`demo namespace must be 1–24 lower-case letters or digits, got "${namespace}"`);
  }
  return namespace ? `${namespace}-` : 'demo-';
}

export async function seedDemo(config: Config, options: SeedOptions = {}): Promise<SeedSummary> {
  const started = performance.now();
  const scale = options.scale ?? 1;
  if (!(scale > 0 && scale <= 10)) throw new Error(`demo scale must be above 0 and at most 10, got ${scale}`);
  const prefix = prefixOf(options.namespace);
  const now = new Date();
  const clock = new ManualClock(now);
  const progress = new Progress(options.progress ?? false);
  // The loader is one caller sending thousands of requests through the real pipeline: no throttle.
  const runtime = await startRuntime({ ...config, rateLimit: { perToken: 0, anonymousPerIp: 0, signInPerIp: 0, authFailuresPerIp: 0 } }, { clock });
  try {
    const { db } = runtime.deps.database;
    const existing = await db.selectFrom('customers').select('id').where('external_id', '=', externalIds(prefix).customer(1)).executeTakeFirst();
    if (existing) {
      throw new Error(`The demo shop is already loaded (customer ${externalIds(prefix).customer(1)} exists). Start from an empty DATA_DIR / database to load it again.`);
    }
    const rng = new Random(SEED);
    const orderNoPrefix = options.namespace ? `${options.namespace.toUpperCase()}-` : '';
    const script = buildScript(rng, { scale, prefix, orderNoPrefix, now });
    const api = new DemoApi(runtime.app);

    const staff = await createStaffAccounts(db, options.namespace);
    const departments = await createDepartmentAccounts(db, options.namespace);
    progress.phase('shop', shopRequestCount(script));
    const shop = await writeShop(api, db, staff.admin, prefix, script, now, progress);
    const merchantTokens = await createMerchantAccounts(db, options.namespace, shop.merchants);

    const customerTokens = new Map<number, { token: string; id: string }>();
    for (const index of [...new Set(script.cases.map((c) => c.customerIndex))].sort((a, b) => a - b)) {
      const id = shop.customers.get(index);
      const person = script.customers[index - 1];
      if (!id || !person) throw new Error(`demo seed: customer ${index} was not created`);
      const token = await createCustomerAccount(db, options.namespace, { index, id, name: person.name, externalId: externalIds(prefix).customer(index) });
      customerTokens.set(index, { token, id });
    }

    progress.phase('cases', script.cases.length);
    const deps = {
      api,
      clock,
      rng,
      now,
      staff,
      merchantToken: (no: number) => {
        const token = merchantTokens.get(no);
        if (!token) throw new Error(`demo seed: no account for merchant ${no}`);
        return token;
      },
      customer: (index: number) => {
        const customer = customerTokens.get(index);
        if (!customer) throw new Error(`demo seed: no account for customer ${index}`);
        return customer;
      },
      orderItemId: (orderExternalId: string, itemExternalId: string) => {
        const id = shop.items.get(`${orderExternalId}#${itemExternalId}`);
        if (!id) throw new Error(`demo seed: order item ${orderExternalId}#${itemExternalId} not found`);
        return id;
      },
      openTasks: (caseId: string) =>
        db.selectFrom('execution_tasks').select(['id', 'type']).where('case_id', '=', caseId).where('status', '=', 'open').execute(),
      // The queued job does the same when the server starts; it is idempotent, so the notice is
      // written once, at the case's own time.
      afterCreate: (caseId: string) => handleCaseEvent(db, clock, { caseId, seq: 1, type: 'case_submitted' }),
      lowerPrice: async (product: DemoProduct, priceFen: number) => {
        const ids = externalIds(prefix);
        const now = await db.selectFrom('products').select('price_fen').where('external_id', '=', ids.product(product.no)).executeTakeFirstOrThrow();
        if (now.price_fen > priceFen) await writeProduct(api, staff.admin, prefix, product, priceFen);
      },
    };
    const played: CaseRef[] = [];
    for (const plan of script.cases) {
      played.push(...(await new CaseRun(deps, plan).run()));
      progress.tick();
    }
    progress.stop();
    // Teamwork on top of the cases, before the timers replay so their clocks fire in time too.
    await playCollaborations({ api, db, clock, now, agentToken: staff.agent, departmentTokens: departments }, played);
    await playGroupComplaint({
      api, db, clock, now, adminToken: staff.admin, prefix, orderNoPrefix, customers: script.customers,
      externalCustomerId: (index) => externalIds(prefix).customer(index),
      externalProductId: (no) => externalIds(prefix).product(no),
      externalMerchantId: (no) => externalIds(prefix).merchant(no),
      customer: async (index) => {
        const known = customerTokens.get(index);
        if (known) return known;
        const id = shop.customers.get(index);
        const person = script.customers[index - 1];
        if (!id || !person) throw new Error(`demo seed: customer ${index} was not created`);
        const token = await createCustomerAccount(db, options.namespace, { index, id, name: person.name, externalId: externalIds(prefix).customer(index) });
        customerTokens.set(index, { token, id });
        return { token, id };
      },
      // The case-event job as the server's worker runs it: the receipt, then group-complaint detection.
      afterCreate: (caseId) => handleCaseEvent(db, clock, { caseId, seq: 1, type: 'case_submitted' }, runtime.deps),
    });
    await replayTimers(runtime, clock, now);
    await createStaffProfiles(db, options.namespace, now);

    const summary = await summarize(db, prefix);
    const result: SeedSummary = {
      ...summary,
      accounts: demoAccounts(options.namespace),
      requests: api.requestCount,
      seconds: Math.round((performance.now() - started) / 100) / 10,
    };
    if (!options.quiet) printSummary(result);
    return result;
  } finally {
    progress.stop();
    await runtime.close();
  }
}

type Db = Awaited<ReturnType<typeof startRuntime>>['deps']['database']['db'];

/**
 * The cases were played one after another, each on its own stretch of the clock, so no timer ran
 * meanwhile. Replay them in time order: each warning or breach fires at its own due time, and its
 * action (a notice, an escalation, an automatic outcome) happens then, as a running server would.
 */
async function replayTimers(runtime: Awaited<ReturnType<typeof startRuntime>>, clock: ManualClock, now: Date): Promise<void> {
  const { deps } = runtime;
  for (;;) {
    const at = await earliestFiring(deps.database.db);
    if (!at || at.getTime() > now.getTime()) break;
    // Earliest first, so the clock only moves forward from the first firing on.
    clock.set(at);
    await deps.scheduler.runDue();
    await deps.jobs.runPending('sla-action', (data) => handleSlaAction(deps, data));
  }
  clock.set(now);
}

async function summarize(db: Db, prefix: string) {
  const like = `${prefix}%`;
  const count = async (table: 'customers' | 'orders') =>
    Number((await db.selectFrom(table).select(sql<number>`count(*)`.as('n')).where('external_id', 'like', like).executeTakeFirstOrThrow()).n);
  const grouped = async (column: 'c.state' | 'c.kind') => {
    const rows = await db
      .selectFrom('cases as c')
      .innerJoin('customers as cu', 'cu.id', 'c.customer_id')
      .select((eb) => [eb.ref(column).as('key'), sql<number>`count(*)`.as('n')])
      .where('cu.external_id', 'like', like)
      .groupBy(column)
      .execute();
    return Object.fromEntries(rows.map((r) => [r.key, Number(r.n)]));
  };
  const byState = await grouped('c.state');
  const collaborations = await db
    .selectFrom('collaboration_requests as r')
    .innerJoin('cases as c', 'c.id', 'r.case_id')
    .innerJoin('customers as cu', 'cu.id', 'c.customer_id')
    .select(['r.status', sql<number>`count(*)`.as('n')])
    .where('cu.external_id', 'like', like)
    .groupBy('r.status')
    .execute();
  const incidents = await db
    .selectFrom('incidents as i')
    .innerJoin('merchants as m', 'm.id', 'i.merchant_id')
    .select(sql<number>`count(*)`.as('n'))
    .where('m.external_id', 'like', like)
    .where('i.status', '=', 'open')
    .executeTakeFirstOrThrow();
  return {
    collaborations: Object.fromEntries(collaborations.map((r) => [r.status, Number(r.n)])),
    openIncidents: Number(incidents.n),
    customers: await count('customers'),
    orders: await count('orders'),
    cases: Object.values(byState).reduce((sum, n) => sum + n, 0),
    byState,
    byKind: await grouped('c.kind'),
  };
}

function printSummary(s: SeedSummary): void {
  const lines = [
    `Demo shop loaded in ${s.seconds}s (${s.requests} API requests): ${s.customers} customers, ${s.orders} orders, ${s.cases} cases.`,
    `  by state: ${Object.entries(s.byState).map(([k, n]) => `${k} ${n}`).join(', ')}`,
    `  by kind:  ${Object.entries(s.byKind).map(([k, n]) => `${k} ${n}`).join(', ')}`,
    `  collaboration requests: ${Object.entries(s.collaborations).map(([k, n]) => `${k} ${n}`).join(', ')}; open group complaints: ${s.openIncidents}`,
    '  sign in (password demo1234):',
    ...s.accounts.map((a) => `    ${a.email.padEnd(36)} ${a.role.padEnd(11)} ${a.note}`),
  ];
  console.log(lines.join('\n'));
}

/**
 * `serve --demo`: loads the demo only into a database that has no customers yet (with a namespace:
 * none of that namespace), so restarting the server never loads it twice.
 */
export async function seedDemoOnFirstStart(config: Config, options: SeedOptions = {}): Promise<void> {
  const prefix = prefixOf(options.namespace);
  const database = await openMigratedDatabase(config);
  let empty: boolean;
  try {
    let query = database.db.selectFrom('customers').select('id').limit(1);
    if (options.namespace) query = query.where('external_id', 'like', `${prefix}%`);
    empty = (await query.executeTakeFirst()) === undefined;
  } finally {
    await database.close();
  }
  if (empty) await seedDemo(config, { progress: options.progress ?? Boolean(process.stderr.isTTY), ...options });
}
