// CRM-1: who the customer is to the shop — how many orders, how many after-sales cases lately,
// and the latest of them — beside their card. Scoped as cases are: a merchant sees the history
// with its own shop only.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Actor } from '../identity/index.ts';

const LATEST = 10;
const RECENT_DAYS = 90;

export interface CustomerHistory {
  orders: number;
  casesLast90Days: number;
  latestCases: { caseNo: string; kind: string; state: string; createdAt: string }[];
}

export async function customerHistory(db: Kysely<DB>, actor: Actor, customerId: string, now: Date): Promise<CustomerHistory> {
  const shop = actor.role === 'merchant' ? (actor.merchantId ?? '00000000-0000-0000-0000-000000000000') : null;
  let orders = db.selectFrom('orders').select((eb) => eb.fn.countAll<string>().as('n')).where('customer_id', '=', customerId);
  let cases = db.selectFrom('cases').where('customer_id', '=', customerId);
  if (shop) {
    orders = orders.where('merchant_id', '=', shop);
    cases = cases.where('merchant_id', '=', shop);
  }
  const since = new Date(now.getTime() - RECENT_DAYS * 86_400_000);
  const [orderCount, recent, latest] = await Promise.all([
    orders.executeTakeFirstOrThrow(),
    cases.select((eb) => eb.fn.countAll<string>().as('n')).where('created_at', '>', since).executeTakeFirstOrThrow(),
    cases.select(['case_no', 'kind', 'state', 'created_at']).orderBy('created_at', 'desc').limit(LATEST).execute(),
  ]);
  return {
    orders: Number(orderCount.n),
    casesLast90Days: Number(recent.n),
    latestCases: latest.map((c) => ({ caseNo: c.case_no, kind: c.kind, state: c.state, createdAt: c.created_at.toISOString() })),
  };
}
