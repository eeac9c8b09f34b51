// CL-6 commands: legal holds (compliance), the admin delete that only a finished retention period
// allows, the scheduled purge, and what the case view says about retention.
import { z } from 'zod';
import type { CaseRow } from '../../db/schema.ts';
import type { AppDeps } from '../../http/deps.ts';
import { conflict, notFound } from '../../shared/errors.ts';
import type { LocalizedText } from '../../shared/vocabulary.ts';
import { AuditedRefusal } from '../audit/audit.refusal.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { CASE_NOT_FOUND } from '../cases/case.access.ts';
import { recordCaseEvents } from '../cases/case.events.ts';
import { findCaseByNo } from '../cases/case.repository.ts';
import { CLOSED_STATES } from '../cases/case.state.ts';
import { type Actor, SYSTEM_ACTOR } from '../identity/index.ts';
import { assertNotPurged } from './retention.guard.ts';
import { decisionFor, type PurgeSummary, purgeCaseIfDue, removeFiles } from './retention.purge.ts';
import { addYears, effectiveRetentionYears, type KeepReason } from './retention.rules.ts';

type Deps = Pick<AppDeps, 'database' | 'clock' | 'config' | 'sla' | 'jobs' | 'evidence'>;

export interface RequestContext {
  ip: string | null;
  requestId: string | null;
}

function presentHold(row: Pick<CaseRow, 'legal_hold_at' | 'legal_hold_reason' | 'legal_hold_by'>) {
  return row.legal_hold_at ? { placedAt: row.legal_hold_at.toISOString(), reason: row.legal_hold_reason, placedBy: row.legal_hold_by } : null;
}

/** Retention as the case view shows it to staff: when it started, until when it is kept and why. */
export function presentRetention(row: CaseRow, now: Date, retentionYears: number) {
  const decision = decisionFor(row, now, retentionYears);
  return {
    retentionYears: effectiveRetentionYears({ retentionYears }),
    startedAt: decision.retentionStartedAt?.toISOString() ?? null,
    keepUntil: decision.keepUntil?.toISOString() ?? null,
    purgeable: decision.action === 'purge',
    keepReason: decision.action === 'keep' ? decision.reason : null,
    legalHold: presentHold(row),
    purgedAt: row.purged_at?.toISOString() ?? null,
  };
}

export const legalHoldSchema = z.object({ reason: z.string().trim().min(1).max(2000) });

/** Places (hold=true) or releases a legal hold: an event on the case and an audit row, in one transaction. */
export async function setLegalHold(deps: Deps, actor: Actor, caseNo: string, hold: boolean, reason: string, context: RequestContext) {
  const now = deps.clock.now();
  return deps.database.db.transaction().execute(async (trx) => {
    const row = await findCaseByNo(trx, caseNo, true);
    if (!row) throw notFound(CASE_NOT_FOUND, 'caseNo');
    assertNotPurged(row);
    if ((row.legal_hold_at !== null) === hold) {
      throw conflict(
        'legal-hold-unchanged',
        hold
          ? { 'zh-CN': '该售后单已处于法律保全状态', 'en-US': 'The case is already under legal hold' }
          : { 'zh-CN': '该售后单没有法律保全', 'en-US': 'The case is not under legal hold' },
        { caseNo },
      );
    }
    const changes = hold
      ? { legal_hold_at: now, legal_hold_reason: reason, legal_hold_by: actor.userId }
      : { legal_hold_at: null, legal_hold_reason: null, legal_hold_by: null };
    const type = hold ? 'legal_hold_placed' : 'legal_hold_released';
    await recordCaseEvents(deps, trx, row, actor, [{ type, fromState: row.state, toState: row.state, reason, data: {} }], now, changes);
    await recordAudit(trx, {
      at: now,
      actor,
      action: hold ? 'case.legal_hold.placed' : 'case.legal_hold.released',
      subjectType: 'case',
      subjectId: row.case_no,
      ip: context.ip,
      requestId: context.requestId,
      detail: { reason, ...(hold ? {} : { placedAt: row.legal_hold_at?.toISOString(), placedReason: row.legal_hold_reason }) },
    });
    const after = { ...row, ...changes };
    return { caseNo: row.case_no, legalHold: presentHold(after), retention: presentRetention(after, now, deps.config.retentionYears) };
  });
}

const KEEP_TEXT: Record<Exclude<KeepReason, 'already_purged'>, (keepUntil: string | null) => LocalizedText> = {
  open: () => ({ 'zh-CN': '售后单尚未结束，不能删除', 'en-US': 'The case is still open and cannot be deleted' }),
  legal_hold: () => ({ 'zh-CN': '售后单处于法律保全状态，不能删除', 'en-US': 'The case is under legal hold and cannot be deleted' }),
  not_archived: () => ({ 'zh-CN': '售后单尚未归档，保存期限尚未开始，不能删除', 'en-US': 'The case was never archived: its retention period has not started, so it cannot be deleted' }),
  retention_running: (until) => ({
    'zh-CN': `归档售后单至少保存 3 年，保存期至 ${until ?? '—'}，之前不能删除`,
    'en-US': `Archived cases are kept at least 3 years; this one is kept until ${until ?? '—'} and cannot be deleted before`,
  }),
};

/** The admin delete: purges now if the retention rule allows it, otherwise an audited 409. */
export async function deleteCase(deps: Deps, actor: Actor, caseNo: string, context: RequestContext): Promise<PurgeSummary> {
  const found = await findCaseByNo(deps.database.db, caseNo);
  if (!found) throw notFound(CASE_NOT_FOUND, 'caseNo');
  if (found.purge_summary) return found.purge_summary as PurgeSummary; // deleting twice changes nothing
  const outcome = await purgeCaseIfDue(deps, found.id, actor, { by: 'admin', ...context });
  if (!outcome) throw notFound(CASE_NOT_FOUND, 'caseNo');
  if (outcome.purged) return outcome.summary;
  const { decision, row } = outcome;
  if (decision.reason === 'already_purged') return row.purge_summary as PurgeSummary;
  const keepUntil = decision.keepUntil?.toISOString() ?? null;
  throw new AuditedRefusal({
    status: 409,
    type: 'retention-not-over',
    text: KEEP_TEXT[decision.reason](keepUntil),
    field: 'caseNo',
    extra: { caseNo, reason: decision.reason, retentionStartedAt: decision.retentionStartedAt?.toISOString() ?? null, keepUntil },
    audit: { action: 'retention.purge_refused', subjectType: 'case', subjectId: caseNo, reason: decision.reason, detail: { keepUntil } },
  });
}

/** When the purge runs: every night at 03:30 China time, a quiet hour. */
export const RETENTION_PURGE_CRON = '30 3 * * *';

/**
 * The scheduled purge (pg-boss cron, daily): every closed case whose retention is over on the
 * injected clock and that is not held. The query only narrows the candidates (a day of margin);
 * retentionDecision decides each one on its locked row. Returns the case numbers purged.
 */
export async function runRetentionPurge(deps: Deps, options: { batchSize?: number } = {}): Promise<string[]> {
  const now = deps.clock.now();
  const cutoff = new Date(addYears(now, -effectiveRetentionYears({ retentionYears: deps.config.retentionYears })).getTime() + 86_400_000);
  const purged: string[] = [];
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const batch = await deps.database.db
      .selectFrom('cases')
      .select('id')
      .where('purged_at', 'is', null)
      .where('legal_hold_at', 'is', null)
      .where('state', 'in', [...CLOSED_STATES])
      .where((eb) => eb(eb.fn.coalesce('archived_at', 'closed_at'), '<=', cutoff))
      .where('id', '>', after)
      .orderBy('id')
      .limit(options.batchSize ?? 200)
      .execute();
    for (const { id } of batch) {
      const outcome = await purgeCaseIfDue(deps, id, SYSTEM_ACTOR, { by: 'retention-job' });
      if (outcome?.purged) purged.push(outcome.summary.caseNo);
    }
    if (batch.length < (options.batchSize ?? 200)) return purged;
    after = batch.at(-1)!.id;
  }
}

/** The `evidence-purge` job: deletes the files a committed purge named (again, if already gone). */
export async function handleEvidencePurge(deps: Pick<AppDeps, 'evidence'>, data: unknown): Promise<void> {
  const { storageKeys } = z.object({ storageKeys: z.array(z.string().uuid()) }).parse(data);
  await removeFiles(deps, storageKeys);
}
