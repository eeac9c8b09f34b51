// ORG-3: a case about a merchant's goods goes to that merchant first. The customer brings the
// platform in (平台介入) once the merchant has had its turn: it failed the goods, the customer
// rejected its plan, it told its result, or it let one of its clocks run out (a first answer, a
// plan, a review, the result). The turn is read from the case's history, not its current state:
// a reopen negotiates afresh but does not give the merchant a new first turn, or a merchant could
// keep the customer out by failing the goods and telling its result at once. Before its turn the
// customer is told when the platform can be asked. A refusal, or the merchant's result, is
// appealed through the state machine (`appeal`); the merchant's own request and staff's are not
// limited here.
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { conflict } from '../../shared/errors.ts';
import { formatLocalDateTime } from '../../shared/time.ts';

/** One of the merchant's clocks on the case, as the rule reads it. */
export interface MerchantClock {
  status: string;
  due_at: Date;
  breached_at: Date | null;
}

/** What the case's history says of the merchant, for the appeal. */
export interface MerchantHistory {
  /** The merchant failed the goods, had a plan of its rejected or countered, or told its result. */
  decided: boolean;
  /** Its clocks that can still open an appeal: running or paused, or breached at some point. */
  clocks: readonly MerchantClock[];
}

/** Open now, or not yet, with the earliest moment the merchant's silence would open it (null: none running). */
export type AppealOpening = { open: true } | { open: false; from: Date | null };

/** Pure: whether the merchant has had its turn, from its history on the case. */
export function customerAppealOpening(history: MerchantHistory, now: Date): AppealOpening {
  if (history.decided) return { open: true };
  const { clocks } = history;
  const running = clocks.filter((c) => c.status === 'running');
  if (clocks.some((c) => c.breached_at !== null) || running.some((c) => c.due_at.getTime() <= now.getTime())) return { open: true };
  const next = running.reduce<Date | null>((min, c) => (min === null || c.due_at < min ? c.due_at : min), null);
  return { open: false, from: next };
}

/** The merchant's moves that were its say on the case: each stays on the timeline or in the negotiation history. */
const MERCHANT_DECISIONS = ['inspection_failed', 'result_notified'];
/** A merchant's plan the customer turned down (a counter-offer is a rejection with a proposal). */
const TURNED_DOWN = ['rejected', 'countered'];

export async function merchantHistory(db: Kysely<DB>, caseId: string): Promise<MerchantHistory> {
  const [clocks, decided] = await Promise.all([
    db
      .selectFrom('case_deadlines')
      .select(['status', 'due_at', 'breached_at'])
      .where('case_id', '=', caseId)
      .where('party', '=', 'merchant')
      .where((eb) => eb.or([eb('status', 'in', ['running', 'paused']), eb('breached_at', 'is not', null)]))
      .execute(),
    db
      .selectNoFrom((eb) => eb.or([
        eb.exists(eb.selectFrom('case_events').select(sql`1`.as('x')).where('case_id', '=', caseId)
          .where('actor_role', '=', 'merchant').where('type', 'in', MERCHANT_DECISIONS)),
        eb.exists(eb.selectFrom('offers').select(sql`1`.as('x')).where('case_id', '=', caseId)
          .where('proposer_role', '=', 'merchant').where('status', 'in', TURNED_DOWN)),
      ]).as('decided'))
      .executeTakeFirstOrThrow(),
  ]);
  return { decided: Boolean(decided.decided), clocks };
}

/** Refuses (409) a customer's appeal before the merchant has had its turn, saying when it can come. */
export async function assertCustomerMayAppeal(db: Kysely<DB>, caseId: string, now: Date): Promise<void> {
  const opening = customerAppealOpening(await merchantHistory(db, caseId), now);
  if (opening.open) return;
  const at = opening.from ? formatLocalDateTime(opening.from) : null;
  throw conflict('appeal-too-early', {
    'zh-CN': `售后单先由商家处理：商家驳回申请、验货不通过、告知处理结果、您拒绝商家的方案或商家超过处理时限后，才可申请平台介入。${at ? `商家应在 ${at} 前答复，届时仍未答复即可申请。` : ''}`,
    'en-US': `The merchant handles the case first: you can ask the platform to step in once the merchant refuses your request, fails the goods, tells you its result, you reject its plan, or it misses a deadline.${at ? ` It must answer by ${at} (China time); if it has not by then, you can ask.` : ''}`,
  }, { availableFrom: opening.from?.toISOString() ?? null });
}
