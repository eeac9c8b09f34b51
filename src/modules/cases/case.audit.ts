// Which case events go to the audit trail (RISK-6, CL-6): every change of a case's state, with
// who made it, from where, and the timeline event it belongs to; and the decisions that change a
// case without moving its state: money paid or refused, the media/regulator flag set or lifted, a
// grade overridden or raised. Pure: callers write the entries with recordAudit in the same
// statement batch as the events.
import type { AuditEntry } from '../audit/audit.service.ts';
import type { Actor } from '../identity/index.ts';
import { maskPiiInText } from '../privacy/pii.text.ts';
import type { CaseEventInput } from './case.repository.ts';

export const CASE_STATE_CHANGED = 'case.state_changed';

/** Events audited though the state stays: the action each is filed under. */
const DECISIONS: Readonly<Record<string, string>> = {
  task_completed: 'case.task_completed',
  refund_executed: 'case.refund_executed',
  refund_failed: 'case.refund_failed',
  refund_in_doubt: 'case.refund_in_doubt',
  media_flagged: 'case.media_flagged',
  media_unflagged: 'case.media_unflagged',
  triage_overridden: 'case.triage_overridden',
  triage_raised: 'case.triage_raised',
  severity_escalated: 'case.severity_escalated',
};
/** What of an audited decision's data is kept (never free text beyond the reason). */
const KEPT_DATA = ['taskId', 'taskType', 'amountFen', 'from', 'to'] as const;

function keptData(data: Record<string, unknown> | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of KEPT_DATA) if (data?.[key] !== undefined) out[key] = data[key];
  return out;
}

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
    const moves = e.toState != null && e.toState !== e.fromState;
    const decision = DECISIONS[e.type];
    if (!moves && !decision) return;
    // The trail keeps why, not the personal numbers a customer may have typed into it (RISK-2).
    const reason = e.reason ? { reason: maskPiiInText(e.reason, [c.caseNo]).text.slice(0, 500) } : {};
    out.push({
      at: now,
      actor: e.actor ?? actor,
      action: moves ? CASE_STATE_CHANGED : decision!,
      subjectType: 'case',
      subjectId: c.caseNo,
      detail: moves
        ? { caseId: c.id, event: e.type, seq: firstSeq + i, from: e.fromState, to: e.toState, ...reason }
        : { caseId: c.id, event: e.type, seq: firstSeq + i, state: e.toState ?? e.fromState, ...keptData(e.data as Record<string, unknown> | undefined), ...reason },
    });
  });
  return out;
}
