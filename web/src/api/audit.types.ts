// Shapes of the audit trail and customer card answers (src/modules/audit/audit.queries.ts,
// src/modules/privacy/customer.card.ts).
import type { Role } from './types.ts';

/** Who may open the audit page (GET /api/v1/audit). */
export const AUDIT_ROLES: readonly Role[] = ['admin', 'compliance'];
export const AUDIT_OUTCOMES = ['ok', 'denied', 'failed'] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];
export type SealStatus = 'verified' | 'pending' | 'broken';

export interface AuditRecord {
  id: number;
  at: string;
  actor: { userId: string | null; role: string; label: string | null };
  action: string;
  subjectType: string | null;
  subjectId: string | null;
  outcome: AuditOutcome;
  ip: string | null;
  requestId: string | null;
  detail: Record<string, unknown>;
  seal: SealStatus;
  chainPosition: number | null;
}

export interface AuditFilters {
  from?: string | undefined;
  to?: string | undefined;
  actorUserId?: string | undefined;
  actorRole?: string | undefined;
  action?: string | undefined;
  subjectType?: string | undefined;
  subjectId?: string | undefined;
  outcome?: string | undefined;
}
export const AUDIT_FILTER_KEYS = ['from', 'to', 'actorUserId', 'actorRole', 'action', 'subjectType', 'subjectId', 'outcome'] as const satisfies readonly (keyof AuditFilters)[];

export interface AuditPage {
  items: AuditRecord[];
  nextCursor: number | null;
}

export const PII_FIELDS = ['phone', 'email', 'address', 'idNumber', 'bankCard'] as const;
export type PiiField = (typeof PII_FIELDS)[number];

export interface ShownValue {
  value: string;
  masked: boolean;
}

export interface CustomerCard {
  id: string;
  name: string;
  tier: string;
  locale: string;
  phone: ShownValue | null;
  email: ShownValue | null;
  address: ShownValue | null;
  idNumber: ShownValue | null;
  refundAccount: { bankName: string | null; holderName: string | null; cardNumber: ShownValue } | null;
  revealable: PiiField[];
  /** CRM-1: orders and after-sales cases (a merchant sees its own shop's only). */
  history: { orders: number; casesLast90Days: number; latestCases: { caseNo: string; kind: string; state: string; createdAt: string }[] };
}

/** What compliance may reveal: a field of the customer's card, or a text of their case as written. */
export type RevealTarget = PiiField | 'caseText';
