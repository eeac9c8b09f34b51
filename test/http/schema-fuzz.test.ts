// Schema fuzzing: every operation in /openapi.json is called, as a user of a role the route allows,
// with generated inputs — arbitrary JSON, and values built from the route's own body, query and
// path schemas with wrong types, huge strings, odd unicode, NUL characters and nulls. No answer may
// be a 5xx, and an answer in the 4xx range must have written nothing (row counts of the main tables
// and the sum of case versions are the same before and after). Deterministic: one seed per route.
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { declaredRoutes } from '../../src/http/access.matrix.ts';
import { createUserWithToken, type RouteAccess } from '../../src/modules/identity/index.ts';
import type { Role } from '../../src/shared/vocabulary.ts';
import { PNG_1x1 } from '../helpers/files.ts';
import { makeShop, type Shop, startTestApp, type TestApp } from '../helpers/harness.ts';
import { type JsonSchema, jsonBody, pathValue, queryValues } from '../helpers/schema-arbitraries.ts';

// Deterministic by default; AFTERDESK_FUZZ_SEED and AFTERDESK_FUZZ_RUNS explore further by hand.
const RUNS_PER_ROUTE = Number(process.env.AFTERDESK_FUZZ_RUNS ?? 12);
const SEED = Number(process.env.AFTERDESK_FUZZ_SEED ?? 0);

/** Tables whose rows a refused request must leave alone (the audit trail may record a denial). */
const TABLES = [
  'cases', 'case_items', 'case_events', 'case_links', 'messages', 'attachments', 'offers', 'execution_tasks', 'refunds',
  'ledger_entries', 'shipments', 'shipment_events', 'customers', 'merchants', 'products', 'orders', 'order_items', 'payments',
  'order_events', 'users', 'api_tokens', 'policy_versions', 'sla_targets', 'business_calendars', 'case_deadlines', 'notifications',
  'collaboration_requests', 'queues', 'agent_profiles', 'routing_rules', 'kb_articles', 'kb_article_versions', 'kb_deflections',
  'incidents', 'incident_cases', 'reply_templates', 'idempotency_keys',
] as const;

/** Which role calls a route: the first of these its declaration allows. */
const PREFERRED: Role[] = ['admin', 'supervisor', 'compliance', 'specialist', 'agent', 'customer', 'merchant', 'finance', 'department'];

interface Operation {
  method: string;
  path: string;
  params: { name: string; in: string; schema: JsonSchema }[];
  body: JsonSchema | null;
}

let t: TestApp;
let shop: Shop;
const tokens = new Map<Role, string>();
const real = new Map<string, string>();
let operations: Operation[] = [];

async function snapshot(): Promise<Record<string, number>> {
  const columns = TABLES.map((table) => sql`(select count(*) from ${sql.table(table)})::int as ${sql.ref(table)}`);
  const result = await sql<Record<string, number>>`select ${sql.join(columns)}, (select coalesce(sum(version), 0) from cases)::int as case_versions`.execute(
    t.runtime.deps.database.db,
  );
  return result.rows[0]!;
}

function callerFor(access: RouteAccess): Role | null {
  if (access === 'public' || access === 'authenticated') return 'admin';
  return PREFERRED.find((role) => access.includes(role)) ?? null;
}

/** A real value for a path parameter, so handlers run past their lookups: by name, or for `id` by what precedes it. */
function realParam(path: string, name: string): string | undefined {
  if (name !== 'id') return real.get(name);
  const owner = /\/([a-z-]+)\/\{id\}/.exec(path)?.[1];
  return real.get(`id:${owner}`);
}

beforeAll(async () => {
  t = await startTestApp('2026-11-10T10:00:00+08:00');
  shop = await makeShop(t);
  const { db } = t.runtime.deps.database;
  const specialist = await createUserWithToken(db, { email: `fz-spec-${shop.id}@test.local`, displayName: '专员', role: 'specialist' });
  const department = await createUserWithToken(db, { email: `fz-dept-${shop.id}@test.local`, displayName: '公关部', role: 'department', department: 'pr' });
  for (const [role, c] of [['customer', shop.customer], ['agent', shop.agent], ['supervisor', shop.supervisor], ['compliance', shop.compliance], ['merchant', shop.merchant], ['finance', shop.finance], ['admin', shop.admin]] as const) {
    tokens.set(role, c.token!);
  }
  tokens.set('specialist', specialist.token);
  tokens.set('department', department.token);

  const created = await shop.customer.post('/api/v1/cases', {
    kind: 'return_refund', reason: 'quality', items: [{ orderItemId: shop.orderItemId, quantity: 1 }], description: '屏幕有坏点',
  });
  const caseNo = created.body.caseNo as string;
  const photo = await shop.customer.upload(caseNo, {}, { name: 'a.png', bytes: PNG_1x1 });
  const collaboration = await shop.agent.post(`/api/v1/cases/${caseNo}/collaborations`, { department: 'logistics', question: '请核实物流' });
  const me = await shop.agent.get('/api/v1/me');
  const article = await db.selectFrom('kb_articles').select(['id', 'slug']).executeTakeFirst();
  const calendar = await db.selectFrom('business_calendars').select('id').executeTakeFirst();
  const target = await db.selectFrom('sla_targets').select('id').executeTakeFirst();
  const template = await db.selectFrom('reply_templates').select('id').executeTakeFirst();
  const queue = await db.selectFrom('queues').select('key').executeTakeFirst();
  const values: Record<string, string | undefined> = {
    caseNo,
    attachmentId: photo.body.id,
    orderNo: shop.orderNo,
    merchantId: shop.merchantId,
    productId: shop.productId,
    externalId: `c-${shop.id}`,
    userId: me.body.userId,
    slug: article?.slug,
    key: queue?.key,
    'id:articles': article?.id,
    'id:calendars': calendar?.id,
    'id:targets': target?.id,
    'id:reply-templates': template?.id,
    'id:collaborations': collaboration.body.id,
  };
  for (const [name, value] of Object.entries(values)) if (value) real.set(name, value);

  const doc = JSON.parse((await t.runtime.app.inject({ method: 'GET', url: '/openapi.json' })).body) as {
    paths: Record<string, Record<string, { parameters?: { name: string; in: string; schema: JsonSchema }[]; requestBody?: { content?: Record<string, { schema?: JsonSchema }> } }>>;
  };
  operations = Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => ({
      method: method.toUpperCase(),
      path,
      params: (op.parameters ?? []).filter((p) => p.in === 'path' || p.in === 'query'),
      body: op.requestBody?.content?.['application/json']?.schema ?? null,
    })),
  );
}, 120_000);

afterAll(async () => {
  await t?.close();
});

/** A stable seed per route, so a failure replays exactly. */
function seedOf(key: string): number {
  let h = 2166136261 ^ SEED;
  for (const ch of key) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
  return h >>> 0;
}

describe('schema fuzzing of every route', () => {
  it('answers generated inputs without a 5xx, and a refused request writes nothing', async () => {
    const access = new Map(declaredRoutes(t.runtime.app).map((r) => [`${r.method} ${r.url}`, r.access]));
    expect(operations.length).toBeGreaterThan(90);
    const failures: string[] = [];
    let requests = 0;
    let refused = 0;
    let slowest = { key: '', ms: 0 };
    for (const op of operations) {
      const key = `${op.method} ${op.path}`;
      const declared = access.get(`${op.method} ${op.path.replace(/\{([^}]+)\}/g, ':$1')}`);
      const role = declared ? callerFor(declared) : null;
      if (!role) {
        failures.push(`${key}: no role can call it`);
        continue;
      }
      const token = tokens.get(role)!;
      const pathParams = op.params.filter((p) => p.in === 'path');
      const input = fc.record({
        path: fc.tuple(...pathParams.map((p) => pathValue(p.schema, realParam(op.path, p.name)))),
        query: queryValues(op.params.filter((p) => p.in === 'query')),
        body: op.method === 'GET' || op.method === 'DELETE' ? fc.constant(undefined) : jsonBody(op.body),
      });
      const started = performance.now();
      let before: Record<string, number> | null = null;
      try {
        await fc.assert(
          fc.asyncProperty(input, async ({ path, query, body }) => {
            let i = 0;
            const url = op.path.replace(/\{[^}]+\}/g, () => encodeURIComponent(path[i++] ?? '')) + query;
            before ??= await snapshot();
            const res = await t.runtime.app.inject({
              method: op.method as 'GET',
              url,
              headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
              ...(body !== undefined ? { payload: body } : {}),
            });
            requests += 1;
            if (res.statusCode >= 500) throw new Error(`${res.statusCode} for ${url} ${String(body).slice(0, 300)}: ${res.body.slice(0, 300)}`);
            if (res.statusCode >= 400) {
              refused += 1;
              const after = await snapshot();
              const changed = Object.keys(after).filter((k) => after[k] !== before![k]);
              before = after;
              if (changed.length > 0) throw new Error(`${res.statusCode} for ${url} but ${changed.join(', ')} changed: ${res.body.slice(0, 200)}`);
            } else {
              before = null; // a success may write; count afresh next time
            }
          }),
          { numRuns: RUNS_PER_ROUTE, seed: seedOf(key), endOnFailure: true },
        );
      } catch (error) {
        // fast-check names the input; the cause says what went wrong with it.
        const cause = (error as Error).cause instanceof Error ? ((error as Error).cause as Error).message : '';
        failures.push(`${key} as ${role}: ${cause}\n${String((error as Error).message).slice(0, 1200)}`);
      }
      const ms = performance.now() - started;
      if (ms > slowest.ms) slowest = { key, ms };
    }
    expect(failures, failures.join('\n\n')).toEqual([]);
    expect(requests).toBe(operations.length * RUNS_PER_ROUTE);
    // Most generated inputs are refused (the point is that refusals are clean), some get through.
    expect(refused).toBeGreaterThan(requests / 2);
    expect(slowest.ms, `slowest route ${slowest.key}`).toBeLessThan(30_000);
  }, 600_000);
});
