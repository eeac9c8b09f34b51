// Which case events go to the audit trail (RISK-6, CL-6): every change of a case's state, with
// who made it, from where, and the timeline event it belongs to. Pure: callers write the entries
// with recordAudit in the same statement batch as the events.
import type { AuditEntry } from '../audit/audit.service.ts';
import type { Actor } from '../identity/index.ts';
import type { CaseEventInput } from './case.repository.ts';

export const CASE_STATE_CHANGED = 'case.state_changed';

/**
 * Audit entries for the events that change the case's state. `firstSeq` is the sequence number
 * the first event gets on the timeline.
 */
export function stateChangeAudits(
  c: { id: string; caseNo: string },
  actor: Actor,
  events: readonly CaseEventInput[],
  firstSeq: number,
  now: Date,
): AuditEntry[] {
  const out: AuditEntry[] = [];
  events.forEach((e, i) => {
    if (e.toState == null || e.toState === e.fromState) return;
    out.push({
      at: now,
      actor: e.actor ?? actor,
      action: CASE_STATE_CHANGED,
      subjectType: 'case',
      subjectId: c.caseNo,
      detail: { caseId: c.id, event: e.type, seq: firstSeq + i, from: e.fromState, to: e.toState, ...(e.reason ? { reason: e.reason.slice(0, 500) } : {}) },
    });
  });
  return out;
}
