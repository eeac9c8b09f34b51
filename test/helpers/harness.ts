// Starts the real product for a test file: PGlite in memory by default, or the PostgreSQL
// server named by TEST_DATABASE_URL (CI runs the suite both ways). Time is a manual clock.
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import { loadConfig } from '../../src/config.ts';
import { LocalPaymentProvider } from '../../src/modules/execution/payment.provider.ts';
import { createUserWithToken } from '../../src/modules/identity/index.ts';
import { handleSlaAction } from '../../src/modules/sla/sla.actions.ts';
import { type Runtime, type RuntimeOptions, startRuntime } from '../../src/runtime.ts';
import { ManualClock } from '../../src/shared/clock.ts';
import { multipart } from './files.ts';

export interface TestApp {
  runtime: Runtime;
  clock: ManualClock;
  payments: LocalPaymentProvider;
  close(): Promise<void>;
}

/**
 * On PostgreSQL each test file gets a database of its own: timers and jobs are swept database-wide,
 * so files running side by side must not see (and fire) each other's deadlines.
 */
export async function freshTestDatabase(): Promise<{ url: string | undefined; drop(): Promise<void> }> {
  const base = process.env.TEST_DATABASE_URL;
  if (!base) return { url: undefined, drop: async () => undefined };
  const name = `afterdesk_t_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

/** `env` adds or overrides configuration variables (e.g. RETENTION_YEARS); `options.mail` is where e-mail goes. */
export async function startTestApp(start = '2026-11-10T10:00:00+08:00', env: Record<string, string> = {}, options: Pick<RuntimeOptions, 'mail'> = {}): Promise<TestApp> {
  const dataDir = mkdtempSync(join(tmpdir(), 'afterdesk-test-'));
  const database = await freshTestDatabase();
  const config = loadConfig({ ...process.env, DATA_DIR: dataDir, DATABASE_URL: database.url, LOG_LEVEL: 'silent', MAX_UPLOAD_BYTES: String(2 * 1024 * 1024), ...env });
  const clock = new ManualClock(start);
  const payments = new LocalPaymentProvider();
  const runtime = await startRuntime(config, { clock, payments, inMemory: true, ...options });
  return {
    runtime,
    clock,
    payments,
    close: async () => {
      await runtime.close();
      await database.drop();
    },
  };
}

export interface Call {
  status: number;
  body: any;
  headers: LightMyRequestResponse['headers'];
}

/** A client bound to one bearer token. */
export function client(t: TestApp, token: string | null) {
  const request = async (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown, headers: Record<string, string> = {}): Promise<Call> => {
    const response = await t.runtime.app.inject({
      method,
      url,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
      ...(payload !== undefined ? { payload: payload as object } : {}),
    });
    const text = response.body;
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      // non-JSON bodies stay text
    }
    return { status: response.statusCode, body, headers: response.headers };
  };
  return {
    token,
    /** Multipart upload of one file to a case. */
    upload: async (caseNo: string, fields: Record<string, string>, file: { name: string; bytes: Buffer; type?: string }): Promise<Call> => {
      const form = multipart(fields, file);
      const response = await t.runtime.app.inject({
        method: 'POST',
        url: `/api/v1/cases/${caseNo}/attachments`,
        headers: { ...form.headers, ...(token ? { authorization: `Bearer ${token}` } : {}) },
        payload: form.payload,
      });
      return { status: response.statusCode, body: JSON.parse(response.body), headers: response.headers };
    },
    get: (url: string, headers?: Record<string, string>) => request('GET', url, undefined, headers),
    post: (url: string, payload: unknown = {}, headers?: Record<string, string>) => request('POST', url, payload, headers),
    put: (url: string, payload: unknown, headers?: Record<string, string>) => request('PUT', url, payload, headers),
    delete: (url: string, headers?: Record<string, string>) => request('DELETE', url, undefined, headers),
    action: (caseNo: string, action: string, payload: unknown = {}, headers?: Record<string, string>) =>
      request('POST', `/api/v1/cases/${caseNo}/actions/${action}`, payload, headers),
  };
}
export type Client = ReturnType<typeof client>;

/** A fresh shop (merchant, customer, staff, products, a delivered order) unique to the caller. */
export async function makeShop(
  t: TestApp,
  options: { signedAt?: string; platformOperated?: boolean; shippingInsurance?: boolean; flags?: string[]; category?: string; priceFen?: number; quantity?: number } = {},
) {
  const id = randomUUID().slice(0, 8);
  const { db } = t.runtime.deps.database;
  const admin = await createUserWithToken(db, { email: `admin-${id}@test.local`, displayName: 'Admin', role: 'admin' });
  const api = client(t, admin.token);
  const put = async (url: string, body: unknown) => {
    const res = await api.put(url, body);
    if (res.status !== 200) throw new Error(`${url}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.id as string;
  };
  const merchantId = await put(`/api/v1/integration/merchants/m-${id}`, {
    name: `测试商家${id}`,
    platformOperated: options.platformOperated ?? false,
    returnAddress: { recipient: '售后仓', phone: '0571-88880000', address: `浙江省杭州市余杭区良睦路 ${id} 号` },
  });
  const customerId = await put(`/api/v1/integration/customers/c-${id}`, { name: '张三', phone: '13800138000', tier: 'gold' });
  const priceFen = options.priceFen ?? 29_900;
  const productId = await put(`/api/v1/integration/products/p-${id}`, {
    merchantExternalId: `m-${id}`,
    name: '无线蓝牙耳机',
    category: options.category ?? 'electronics',
    priceFen,
    warrantyMonths: 12,
    flags: options.flags ?? [],
  });
  const quantity = options.quantity ?? 1;
  const placedAt = new Date(new Date(options.signedAt ?? '2026-11-08T15:00:00+08:00').getTime() - 3 * 86_400_000);
  const orderId = await put(`/api/v1/integration/orders/o-${id}`, {
    orderNo: `DD${id}`,
    customerExternalId: `c-${id}`,
    merchantExternalId: `m-${id}`,
    status: 'paid',
    placedAt: placedAt.toISOString(),
    totalFen: priceFen * quantity,
    shippingInsurance: options.shippingInsurance ?? false,
    items: [{ externalId: '1', productExternalId: `p-${id}`, quantity, unitPriceFen: priceFen, paidFen: priceFen * quantity }],
    payments: [{ externalId: `pay-${id}`, method: 'alipay', amountFen: priceFen * quantity, paidAt: placedAt.toISOString() }],
  });
  await put(`/api/v1/integration/shipments/s-${id}`, {
    orderExternalId: `o-${id}`,
    carrier: 'SF',
    trackingNo: `SF${id}`,
    status: 'delivered',
    shippedAt: placedAt.toISOString(),
    deliveredAt: options.signedAt ?? '2026-11-08T15:00:00+08:00',
  });
  const item = await db.selectFrom('order_items').select('id').where('order_id', '=', orderId).executeTakeFirstOrThrow();
  const customer = await createUserWithToken(db, { email: `c-${id}@test.local`, displayName: '张三', role: 'customer', customerId });
  const merchant = await createUserWithToken(db, { email: `m-${id}@test.local`, displayName: '商家客服', role: 'merchant', merchantId });
  const agent = await createUserWithToken(db, { email: `agent-${id}@test.local`, displayName: '客服小王', role: 'agent' });
  const supervisor = await createUserWithToken(db, { email: `sup-${id}@test.local`, displayName: '主管', role: 'supervisor' });
  const compliance = await createUserWithToken(db, { email: `comp-${id}@test.local`, displayName: '合规', role: 'compliance' });
  const finance = await createUserWithToken(db, { email: `fin-${id}@test.local`, displayName: '财务', role: 'finance' });
  return {
    id,
    merchantId,
    customerId,
    productId,
    orderId,
    orderNo: `DD${id}`,
    orderItemId: item.id,
    priceFen,
    admin: api,
    customer: client(t, customer.token),
    merchant: client(t, merchant.token),
    agent: client(t, agent.token),
    supervisor: client(t, supervisor.token),
    compliance: client(t, compliance.token),
    finance: client(t, finance.token),
    anonymous: client(t, null),
  };
}
export type Shop = Awaited<ReturnType<typeof makeShop>>;

/**
 * Fires every deadline due at the test clock's now and runs the actions they enqueue, as the
 * server's scheduler and workers would; repeats while an action makes something else due.
 */
export async function runTimers(t: TestApp): Promise<{ fired: number; actions: number }> {
  const { deps } = t.runtime;
  let fired = 0;
  let actions = 0;
  for (;;) {
    const f = await deps.scheduler.runDue();
    const a = await deps.jobs.runPending('sla-action', (data) => handleSlaAction(deps, data));
    fired += f;
    actions += a;
    if (f === 0 && a === 0) return { fired, actions };
  }
}

/** Files a case for the shop's order item as its customer; returns the case number. */
export async function fileCase(shop: Shop, fields: Record<string, unknown>): Promise<string> {
  const created = await shop.customer.post('/api/v1/cases', { items: [{ orderItemId: shop.orderItemId, quantity: 1 }], ...fields });
  if (created.status !== 201) throw new Error(`filing a case: ${created.status} ${JSON.stringify(created.body)}`);
  return created.body.caseNo as string;
}
