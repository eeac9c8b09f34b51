// Triage of a case (TR-1, TR-2, TR-5, TR-7): what the classifier decided at intake and why, what
// a later customer message raised, and what staff overrode. Severity never drops on its own:
// only a person lowers it, and that is an event with their reason.
import type { RequestReason } from '../../shared/vocabulary.ts';
import { classify, type TriageReason, type TriageResult } from '../triage/triage.classify.ts';
import { priorityOf } from '../triage/triage.priority.ts';
import { reason } from '../triage/triage.match.ts';
import { AUTHORITY_INVOLVED_RULE } from '../triage/triage.rules.ts';
import type { Category, Emotion, Priority } from '../triage/triage.vocabulary.ts';
import type { Severity } from '../../shared/vocabulary.ts';

/** The customer's stated reason names a category too; it decides when the text alone is unsure. */
export const CATEGORY_BY_REASON: Record<RequestReason, Category> = {
  quality: 'product_quality',
  not_as_described: 'not_as_described',
  logistics: 'logistics',
  no_reason: 'return_process',
};

const UNSURE_BELOW = 0.5;

export interface CaseTriage {
  category: Category;
  categoryConfidence: number;
  suggestedKind: string;
  severity: Severity;
  emotion: Emotion;
  priority: Priority;
  priorityScore: number;
  reasons: TriageReason[];
  /** Who decided last: the classifier, or a person's override. */
  source: 'classifier' | 'override';
}

function fromResult(result: TriageResult): CaseTriage {
  return {
    category: result.category,
    categoryConfidence: result.categoryConfidence,
    suggestedKind: result.kind,
    severity: result.severity,
    emotion: result.emotion,
    priority: result.priority,
    priorityScore: result.priorityScore,
    reasons: result.reasons,
    source: 'classifier',
  };
}

export function triageNewCase(input: {
  title?: string | undefined;
  description: string;
  channel: string;
  kind: string;
  reason: string;
  tier: string | null;
  previousContacts?: number;
}): CaseTriage {
  const text = [input.title, input.description].filter(Boolean).join('\n');
  const result = fromResult(classify({ text, channel: input.channel, tier: input.tier, kindHint: input.kind, previousContacts: input.previousContacts ?? 0 }));
  const byReason = CATEGORY_BY_REASON[input.reason as RequestReason];
  if (byReason && result.categoryConfidence < UNSURE_BELOW && byReason !== result.category) {
    return {
      ...result,
      category: byReason,
      reasons: [
        ...result.reasons.filter((r) => r.field !== 'category'),
        {
          rule: 'request_reason',
          field: 'category',
          text: {
            'zh-CN': `文本判断把握不足（${Math.round(result.categoryConfidence * 100)}%），按客户选择的申请原因归类`,
            'en-US': `The text alone was unsure (${Math.round(result.categoryConfidence * 100)}%): categorised by the reason the customer chose`,
          },
        },
      ],
    };
  }
  return result;
}

const SEVERITY_RANK: Record<Severity, number> = { L3: 0, L2: 1, L1: 2 };

export interface MessageTriage {
  severity: Severity;
  emotion: Emotion;
  priority: Priority;
  reasons: TriageReason[];
}

/**
 * A customer's message is classified too: a safety word or a threat raises the case, anger raises
 * its priority. Nothing here lowers anything. Returns null when the case stays as it is.
 */
export function triageMessage(
  current: { severity: Severity; emotion: Emotion; priority: Priority },
  message: { body: string; channel: string; tier: string | null },
): MessageTriage | null {
  const result = classify({ text: message.body, channel: message.channel, tier: message.tier });
  const severity = SEVERITY_RANK[result.severity] > SEVERITY_RANK[current.severity] ? result.severity : current.severity;
  const emotion: Emotion = result.emotion === 'high' || current.emotion === 'high' ? 'high' : 'normal';
  if (severity === current.severity && emotion === current.emotion) return null;
  const priority = priorityOf(severity, emotion, message.tier);
  const raised = result.reasons.filter((r) => (r.field === 'severity' && severity !== current.severity) || (r.field === 'emotion' && emotion !== current.emotion));
  return { severity, emotion, priority: priority.priority, reasons: [...raised, ...priority.reasons] };
}

/**
 * TR-2, RISK-5: staff who learn that the press or a regulator is already involved (a reporter
 * called, 12315 forwarded the complaint) raise the case as the words would have: L1, with the
 * involvement rule and their reason. Null when it is L1 already.
 */
export function triageForStaffFlag(
  current: { severity: Severity; emotion: Emotion; priority: Priority },
  tier: string | null,
  staffReason: string,
): MessageTriage | null {
  if (current.severity === 'L1') return null;
  const priority = priorityOf('L1', current.emotion, tier);
  return { severity: 'L1', emotion: current.emotion, priority: priority.priority, reasons: [reason(AUTHORITY_INVOLVED_RULE, 'severity', [staffReason]), ...priority.reasons] };
}
