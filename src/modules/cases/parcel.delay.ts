// EX-6: a delay is a logistics exception nobody reports. A parcel still on its way when the
// carrier's promised delivery time has passed is noticed by a pg-boss cron, once per promise, and
// told like any other parcel trouble to the case waiting on it (see recordParcelTrouble).
import type { AppDeps } from '../../http/deps.ts';
import { recordParcelTrouble } from './case.carrier.ts';
import { SHIPMENT_ON_THE_WAY } from '../orders/orders.schemas.ts';

export const PARCEL_DELAY_CRON = '*/30 * * * *';
const BATCH = 200;

/** Notices the parcels past their promised delivery time; returns their shipment ids. */
export async function noticeDelayedParcels(deps: AppDeps): Promise<string[]> {
  const { db } = deps.database;
  const now = deps.clock.now();
  const overdue = await db
    .selectFrom('shipments')
    .select(['id', 'case_id', 'order_id', 'direction', 'estimated_delivery_at'])
    .where('estimated_delivery_at', '<', now)
    .where('delay_noticed_at', 'is', null)
    .where('delivered_at', 'is', null)
    .where('status', 'in', SHIPMENT_ON_THE_WAY)
    .orderBy('estimated_delivery_at')
    .limit(BATCH)
    .execute();
  const noticed: string[] = [];
  for (const parcel of overdue) {
    await db.transaction().execute(async (trx) => {
      // Claimed first: two processes sweeping at once notice a parcel once.
      const claimed = await trx
        .updateTable('shipments')
        .set({ delay_noticed_at: now })
        .where('id', '=', parcel.id)
        .where('delay_noticed_at', 'is', null)
        .where('status', 'in', SHIPMENT_ON_THE_WAY)
        .returning('id')
        .executeTakeFirst();
      if (!claimed) return;
      await recordParcelTrouble(deps, trx, parcel, { status: 'delayed', description: null, occurredAt: now, promisedAt: parcel.estimated_delivery_at }, now);
      noticed.push(parcel.id);
    });
  }
  return noticed;
}
