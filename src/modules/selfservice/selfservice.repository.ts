// The only SQL of self-service: the order row locked for a change, its audit trail
// (order_events, append-only) and the payment method a refund returns to.
import type { Kysely } from 'kysely';
import type { DB, OrderRow } from '../../db/schema.ts';
import type { OrderEventRow } from '../../db/schema.kb.ts';
import type { Actor } from '../identity/index.ts';

type Db = Kysely<DB>;

export const ADDRESS_CHANGED = 'shipping_address_changed';

/** The order, locked until the transaction ends (a concurrent dispatch waits, or is waited for). */
export async function lockOrderByNo(db: Db, orderNo: string): Promise<OrderRow | undefined> {
  return db.selectFrom('orders').selectAll().where('order_no', '=', orderNo).forUpdate().executeTakeFirst();
}

/** Sets the address only while the order is still merely paid; false when it moved on meanwhile. */
export async function setShippingAddress(db: Db, orderId: string, address: string, now: Date): Promise<boolean> {
  const result = await db
    .updateTable('orders')
    .set({ shipping_address: address, updated_at: now })
    .where('id', '=', orderId)
    .where('status', '=', 'paid')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function appendOrderEvent(
  db: Db,
  e: { orderId: string; type: string; actor: Actor; reason: string | null; data: Record<string, unknown>; now: Date },
): Promise<OrderEventRow> {
  return db
    .insertInto('order_events')
    .values({
      order_id: e.orderId,
      type: e.type,
      actor_id: e.actor.userId,
      actor_role: e.actor.role,
      reason: e.reason,
      data: JSON.stringify(e.data),
      occurred_at: e.now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function orderEvents(db: Db, orderId: string, type?: string): Promise<OrderEventRow[]> {
  let query = db.selectFrom('order_events').selectAll().where('order_id', '=', orderId);
  if (type) query = query.where('type', '=', type);
  return query.orderBy('occurred_at').orderBy('id').execute();
}

/** A change of address as the order detail shows it: who, when, why, from → to. */
export function presentAddressChange(e: OrderEventRow) {
  const data = (e.data ?? {}) as { from?: string | null; to?: string; toParts?: unknown };
  return {
    id: e.id,
    actorRole: e.actor_role,
    actorId: e.actor_id,
    reason: e.reason,
    from: data.from ?? null,
    to: data.to ?? null,
    toParts: data.toParts ?? null,
    changedAt: e.occurred_at.toISOString(),
  };
}

/** Every address change of an order, oldest first (for GET /api/v1/orders/:orderNo). */
export async function addressChangesOf(db: Db, orderId: string) {
  return (await orderEvents(db, orderId, ADDRESS_CHANGED)).map(presentAddressChange);
}

/** How the order was paid (the first payment): a refund returns there. */
export async function paymentMethodOf(db: Db, orderId: string | null): Promise<string | null> {
  if (!orderId) return null;
  const row = await db.selectFrom('payments').select('method').where('order_id', '=', orderId).orderBy('paid_at').limit(1).executeTakeFirst();
  return row?.method ?? null;
}
