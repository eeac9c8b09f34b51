// RISK-5, a single external voice: once media or a regulator is involved in a case (TR-2 L1 signal
// "l1.authority.involved": 已投诉到12315, 记者已经联系我, 市场监管局已受理 …, or a person's flag),
// only PR and compliance write to the customer on it. Everyone else may still add internal notes;
// a refused reply answers 403 problem+json and leaves an `access.denied` audit row.
import type { CaseRow, MediaFlag } from '../../db/schema.ts';
import type { LocalizedText } from '../../shared/vocabulary.ts';
import { AuditedRefusal } from '../audit/audit.refusal.ts';
import type { Actor } from '../identity/index.ts';
import { normalize } from '../triage/triage.match.ts';
import { AUTHORITY_INVOLVED_RULE, authoritySignals } from '../triage/triage.rules.ts';
import type { TriageReason } from '../triage/triage.vocabulary.ts';

/** Departments that speak for the platform outside (S4 §四(二): 公关组 + 合规组). */
export const EXTERNAL_VOICE_DEPARTMENTS = ['pr', 'compliance'] as const;

export const SINGLE_EXTERNAL_VOICE = 'single-external-voice';

/** PR department users and compliance (the role, or the compliance department). */
export function isExternalVoice(actor: Pick<Actor, 'role' | 'department'>): boolean {
  if (actor.role === 'compliance') return true;
  return actor.role === 'department' && (EXTERNAL_VOICE_DEPARTMENTS as readonly string[]).includes(actor.department ?? '');
}

/** Whether the actor may write customer-visible text on the case. Customers always speak for themselves. */
export function mayWriteToCustomer(actor: Pick<Actor, 'role' | 'department'>, row: Pick<CaseRow, 'media_flag'>): boolean {
  if (!row.media_flag) return true;
  return actor.role === 'customer' || actor.role === 'system' || isExternalVoice(actor);
}

const REFUSAL: LocalizedText = {
  'zh-CN': '该售后单涉及媒体或监管机构，对外沟通统一由公关组和合规组负责；您可以添加内部备注',
  'en-US': 'Media or a regulator is involved in this case: only PR and compliance reply to the customer. You may add an internal note',
};

/** Throws the audited 403 when the actor may not write to the customer on this case. */
export function assertMayWriteToCustomer(actor: Actor, row: Pick<CaseRow, 'media_flag' | 'case_no'>, field = 'visibility'): void {
  if (mayWriteToCustomer(actor, row)) return;
  throw new AuditedRefusal({
    status: 403,
    type: SINGLE_EXTERNAL_VOICE,
    text: REFUSAL,
    field,
    extra: { caseNo: row.case_no },
    audit: {
      action: 'access.denied',
      subjectType: 'case',
      subjectId: row.case_no,
      reason: 'single_external_voice',
      detail: { mediaFlag: row.media_flag },
    },
  });
}

/** The flag a new case gets from its triage (the L1 "authority involved" reason), or null. */
export function mediaFlagFromTriage(reasons: readonly TriageReason[], now: Date): MediaFlag | null {
  const hit = reasons.find((r) => r.rule === AUTHORITY_INVOLVED_RULE.id);
  return hit ? { flaggedAt: now.toISOString(), source: 'triage', signals: [...(hit.matched ?? [])], reason: null } : null;
}

/** Media or regulator words in a later customer message that say they are already involved. */
export function mediaFlagFromMessage(body: string, now: Date): MediaFlag | null {
  const { involved } = authoritySignals(normalize(body));
  return involved.length > 0 ? { flaggedAt: now.toISOString(), source: 'message', signals: involved, reason: null } : null;
}

/**
 * The notices telling PR and compliance (the departments, and the compliance role) that a case
 * now speaks with their single voice: they write to the customer from here on (RISK-5).
 */
export function externalVoiceNotices(row: Pick<CaseRow, 'id' | 'case_no' | 'title'>, now: Date) {
  const title = { 'zh-CN': `售后单 ${row.case_no} 涉及媒体或监管`, 'en-US': `Case ${row.case_no} involves media or a regulator` };
  const body = {
    'zh-CN': `「${row.title}」：对外回复统一由公关组和合规组负责，请尽快跟进。`,
    'en-US': `"${row.title}": only PR and compliance reply to the customer now; please take it up.`,
  };
  const base = { caseId: row.id, type: 'media_flagged', title, body, now };
  return [
    ...EXTERNAL_VOICE_DEPARTMENTS.map((department) => ({ ...base, recipientRole: 'department', department, dedupeKey: `media:${row.id}:${department}` })),
    { ...base, recipientRole: 'compliance', dedupeKey: `media:${row.id}:compliance-role` },
  ];
}
