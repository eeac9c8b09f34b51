// ORG-3: a case about a merchant's goods goes to that merchant first. The customer brings the
// platform in (平台介入) once the merchant has had its turn: it failed the goods, the customer
// rejected its plan, or it let one of its clocks run out (a first answer, a plan, a review). Before
// that the customer is told when it becomes possible. A refusal is appealed through the state
// machine (`appeal` from `rejected`); the merchant's own request and staff's are not limited here.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { conflict } from '../../shared/errors.ts';
import { formatLocalDateTime } from '../../shared/time.ts';

/** One of the merchant's clocks on the case, as the rule reads it. */
export interface MerchantClock {
  status: string;
  due_at: Date;
  breached_at: Date | null;
}

export interface AppealFacts {
  state: string;
  rejected_plans: number;
}

/** Open now, or not yet, with the earliest moment the merchant's silence would open it (null: none running). */
export type AppealOpening = { open: true } | { open: false; from: Date | null };

/** Pure: whether the merchant has had its turn, from the case and the merchant's clocks on it. */
export function customerAppealOpening(row: AppealFacts, clocks: readonly MerchantClock[], now: Date): AppealOpening {
  if (row.state === 'inspection_failed' || row.rejected_plans > 0) return { open: true };
  const running = clocks.filter((c) => c.status === 'running');
  if (clocks.some((c) => c.breached_at !== null) || running.some((c) => c.due_at.getTime() <= now.getTime())) return { open: true };
  const next = running.reduce<Date | null>((min, c) => (min === null || c.due_at < min ? c.due_at : min), null);
  return { open: false, from: next };
}

/** The merchant's clocks that can still open an appeal: running or paused, or breached at some point. */
export function merchantClocks(db: Kysely<DB>, caseId: string): Promise<MerchantClock[]> {
  return db
    .selectFrom('case_deadlines')
    .select(['status', 'due_at', 'breached_at'])
    .where('case_id', '=', caseId)
    .where('party', '=', 'merchant')
    .where((eb) => eb.or([eb('status', 'in', ['running', 'paused']), eb('breached_at', 'is not', null)]))
    .execute();
}

/** Refuses (409) a customer's appeal before the merchant has had its turn, saying when it can come. */
export async function assertCustomerMayAppeal(db: Kysely<DB>, row: AppealFacts & { id: string }, now: Date): Promise<void> {
  const opening = customerAppealOpening(row, await merchantClocks(db, row.id), now);
  if (opening.open) return;
  const at = opening.from ? formatLocalDateTime(opening.from) : null;
  throw conflict('appeal-too-early', {
    'zh-CN': `售后单先由商家处理：商家驳回申请、您拒绝商家的方案或商家超过处理时限后，才可申请平台介入。${at ? `商家应在 ${at} 前答复，届时仍未答复即可申请。` : ''}`,
    'en-US': `The merchant handles the case first: you can ask the platform to step in once the merchant refuses your request, you reject its plan, or it misses a deadline.${at ? ` It must answer by ${at} (China time); if it has not by then, you can ask.` : ''}`,
  }, { availableFrom: opening.from?.toISOString() ?? null });
}
