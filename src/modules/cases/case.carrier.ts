// The carrier says a return was delivered: the merchant's clock to confirm receipt starts
// (an obligation clock; if it runs out, receipt is confirmed and the refund executed for them).
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { AppDeps } from '../../http/deps.ts';
import { SYSTEM_ACTOR } from '../identity/index.ts';
import { recordCaseEvents } from './case.events.ts';

export async function recordReturnDelivered(deps: Pick<AppDeps, 'sla'>, trx: Kysely<DB>, caseId: string, deliveredAt: Date, now: Date): Promise<void> {
  const row = await trx.selectFrom('cases').selectAll().where('id', '=', caseId).forUpdate().executeTakeFirst();
  if (!row || row.state !== 'return_in_transit') return;
  // Once per shipment: a carrier may report delivery more than once.
  const already = await trx
    .selectFrom('case_events')
    .select('seq')
    .where('case_id', '=', caseId)
    .where('type', '=', 'return_delivered')
    .where('seq', '>', (eb) => eb.selectFrom('case_events').select((e) => e.fn.max('seq').as('s')).where('case_id', '=', caseId).where('type', '=', 'return_shipped'))
    .executeTakeFirst();
  if (already) return;
  await recordCaseEvents(deps, trx, row, SYSTEM_ACTOR, [
    { type: 'return_delivered', fromState: row.state, toState: row.state, data: { deliveredAt: deliveredAt.toISOString() }, happenedAt: deliveredAt },
  ], now);
}
