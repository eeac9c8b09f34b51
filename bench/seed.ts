// Benchmark data, written with direct SQL (generate_series) so that preparing tens of thousands
// of orders takes seconds: one merchant, one product, a few customers with API tokens, and
// batches of delivered orders with one order item each — every request files on a fresh item.
import type { Kysely } from 'kysely';
import type { DB } from '../src/db/schema.ts';
import { createUserWithToken } from '../src/modules/identity/index.ts';
import type { LoadItem } from './load.ts';
import type { Sql } from './targets.ts';

export type BenchActor = 'customer' | 'agent';

export interface Shop {
  merchantId: string;
  productId: string;
  customerIds: string[];
  /** Bearer token per customer id (actor "customer") — customers file on their own orders only. */
  tokenFor(customerId: string): string;
}

const PRICE_FEN = 29_900;
const DAY_MS = 86_400_000;

/** Postgres array literal for a uuid[] parameter (works the same on pg and PGlite). */
const uuidArray = (ids: string[]) => `{${ids.join(',')}}`;

export async function seedShop(sql: Sql, db: Kysely<DB>, options: { customers: number; actor: BenchActor; runId: string }): Promise<Shop> {
  const { runId } = options;
  const [merchant] = await sql.query<{ id: string }>(
    'insert into merchants (external_id, name, platform_operated) values ($1, $2, false) returning id',
    [`bench-m-${runId}`, '压测商家'],
  );
  const [product] = await sql.query<{ id: string }>(
    `insert into products (external_id, merchant_id, name, category, price_fen, warranty_months)
     values ($1, $2, $3, 'apparel', $4, 0) returning id`,
    [`bench-p-${runId}`, merchant!.id, '纯棉短袖T恤', PRICE_FEN],
  );
  const customers = await sql.query<{ id: string; n: number }>(
    `insert into customers (external_id, name, phone, tier)
     select $1 || '-' || g, '顾客' || g, '138' || lpad(g::text, 8, '0'), 'regular' from generate_series(1, $2::int) g
     returning id, substring(external_id from '[0-9]+$')::int as n`,
    [`bench-c-${runId}`, options.customers],
  );
  customers.sort((a, b) => a.n - b.n);
  const customerIds = customers.map((c) => c.id);

  const tokens = new Map<string, string>();
  if (options.actor === 'customer') {
    for (const [index, customerId] of customerIds.entries()) {
      const { token } = await createUserWithToken(db, {
        email: `bench-c${index}-${runId}@bench.local`,
        displayName: `顾客${index}`,
        role: 'customer',
        customerId,
      });
      tokens.set(customerId, token);
    }
  }
  const agent =
    options.actor === 'agent'
      ? (await createUserWithToken(db, { email: `bench-agent-${runId}@bench.local`, displayName: '压测客服', role: 'agent' })).token
      : null;
  return {
    merchantId: merchant!.id,
    productId: product!.id,
    customerIds,
    tokenFor(customerId) {
      const token = agent ?? tokens.get(customerId);
      if (!token) throw new Error(`no token for customer ${customerId}`);
      return token;
    },
  };
}

/**
 * `count` orders (placed 3 days ago, delivered yesterday, so a no-reason return is within its
 * 7 days), spread over the customers, each with one order item, one payment and one delivered
 * outbound shipment. Returns the items with the token that may file on them.
 */
export async function prepareItems(sql: Sql, shop: Shop, batch: string, count: number): Promise<LoadItem[]> {
  const now = Date.now();
  const placedAt = new Date(now - 3 * DAY_MS).toISOString();
  const deliveredAt = new Date(now - DAY_MS).toISOString();
  const rows = await sql.query<{ item_id: string; customer_id: string }>(
    `with o as (
       insert into orders (external_id, order_no, customer_id, merchant_id, status, placed_at, total_fen, shipping_insurance)
       select 'bench-' || $1 || '-' || g, 'BN' || $1 || '-' || g, ($2::uuid[])[1 + (g % $3::int)], $4::uuid, 'delivered', $5::timestamptz, $6::bigint, false
       from generate_series(0, $7::int - 1) g
       returning id, external_id, customer_id
     ), i as (
       insert into order_items (order_id, external_id, product_id, quantity, unit_price_fen, paid_fen)
       select o.id, '1', $8::uuid, 1, $6::bigint, $6::bigint from o
       returning id, order_id
     ), s as (
       insert into shipments (external_id, order_id, direction, carrier, tracking_no, status, shipped_at, delivered_at)
       select 's-' || o.external_id, o.id, 'outbound', 'SF', 'SF' || o.external_id, 'delivered', $5::timestamptz, $9::timestamptz from o
     ), p as (
       insert into payments (external_id, order_id, method, amount_fen, paid_at)
       select 'pay-' || o.external_id, o.id, 'alipay', $6::bigint, $5::timestamptz from o
     )
     select i.id as item_id, o.customer_id from i join o on o.id = i.order_id`,
    [batch, uuidArray(shop.customerIds), shop.customerIds.length, shop.merchantId, placedAt, PRICE_FEN, count, shop.productId, deliveredAt],
  );
  if (rows.length !== count) throw new Error(`prepared ${rows.length} order items, expected ${count}`);
  // As pgbench does before a run. Without it the step that follows pays for the fixture: the
  // planner's statistics still describe the tables before this bulk insert until autovacuum
  // catches up during the step (PostgreSQL CPU per case 1.16 → 0.42 ms in bench/profile.intake.ts
  // on a 2-CPU VM). A shop's orders arrive a few at a time, and autovacuum keeps pace with them.
  await sql.query('vacuum (analyze) orders, order_items, shipments, payments');
  return rows.map((r) => ({ orderItemId: r.item_id, token: shop.tokenFor(r.customer_id) }));
}
