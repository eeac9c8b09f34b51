// Every change to a case's timeline goes through here: the SLA clocks move with the same events,
// in the same transaction, and their own events follow the command's on the timeline. Events that
// change the case's state are also written to the audit trail, in one statement.
import type { Kysely } from 'kysely';
import type { CaseRow, DB } from '../../db/schema.ts';
import type { AppDeps } from '../../http/deps.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { type Actor, SYSTEM_ACTOR } from '../identity/index.ts';
import { stateChangeAudits } from './case.audit.ts';
import { appendEvents, type CaseEventInput } from './case.repository.ts';

type CaseChanges = Partial<Omit<CaseRow, 'id' | 'version'>>;

/** Appends the events (and the SLA events they cause) and applies the case changes; returns the new version. */
export async function recordCaseEvents(
  deps: Pick<AppDeps, 'sla'>,
  trx: Kysely<DB>,
  row: CaseRow,
  actor: Actor,
  events: CaseEventInput[],
  now: Date,
  changes: CaseChanges = {},
  options: { rebudgetClocks?: boolean } = {},
): Promise<number> {
  const after = { ...row, ...changes };
  const slaEvents = await deps.sla.onCaseChange(trx, {
    row,
    after,
    events: events.map((e) => ({ type: e.type, actorRole: (e.actor ?? actor).role, toState: e.toState ?? after.state, ...(e.happenedAt ? { happenedAt: e.happenedAt } : {}) })),
    now,
    rebudget: options.rebudgetClocks ?? false,
  });
  const caused: CaseEventInput[] = slaEvents.map((e) => ({
    type: e.type,
    fromState: after.state,
    toState: after.state,
    data: e.data,
    actor: SYSTEM_ACTOR,
  }));
  const all = [...events, ...caused];
  // A recomputation that moved nothing leaves the case as it was.
  if (all.length === 0 && Object.keys(changes).length === 0) return row.version;
  const version = await appendEvents(trx, row, actor, all, now, changes);
  await recordAudit(trx, stateChangeAudits({ id: row.id, caseNo: row.case_no }, actor, events, row.version + 1, now));
  return version;
}
