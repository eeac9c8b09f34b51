// Shapes of the casework answers the case page and the incident pages read: triage with its
// reasons (src/modules/cases/case.triage.ts), routing (queue, holder, queues, agents), suggested
// replies and the wording check (src/modules/replies), and incidents (src/modules/incidents).
import type { LocalizedText } from '../i18n/index.ts';

export const TRIAGE_CATEGORIES = [
  'product_quality', 'not_as_described', 'logistics', 'payment', 'return_process', 'service_attitude', 'process_error', 'privacy', 'other',
] as const;
export const EMOTIONS = ['normal', 'high'] as const;
export const PRIORITIES = ['P1', 'P2', 'P3', 'P4'] as const;
/** The fields a triage reason explains, in the order the card shows them. */
export const TRIAGE_FIELDS = ['category', 'severity', 'emotion', 'priority', 'kind'] as const;
export type TriageField = (typeof TRIAGE_FIELDS)[number];

/** Why one automatic decision was taken (TR-7): the rule or signal, and the words that fired it. */
export interface TriageReason {
  rule: string;
  field: TriageField;
  matched?: string[];
  text: LocalizedText;
}

export interface CaseTriage {
  category: string;
  categoryConfidence?: number;
  suggestedKind?: string;
  severity: string;
  emotion: string;
  priority: string;
  priorityScore?: number;
  reasons: TriageReason[];
  source: 'classifier' | 'override';
  overriddenBy?: string;
  overriddenAt?: string;
  overrideReason?: string;
}

/** Staff only: the case's queue by name and who holds it. */
export interface CaseRouting {
  queueName: LocalizedText | null;
  assignee: { id: string; displayName: string } | null;
}

/** The group complaint a case belongs to (staff and the merchant). */
export interface CaseIncident {
  incidentNo: string;
  status: 'open' | 'resolved';
}

export interface Queue {
  key: string;
  name: LocalizedText;
  role: string;
  active: boolean;
}

export interface AgentProfile {
  userId: string;
  displayName: string;
  role: string;
  maxOpenCases: number;
  available: boolean;
  senior: boolean;
  openCases: number;
}

export interface SuggestedReply {
  rank: number;
  templateId: string;
  name: string;
  locale: 'zh-CN' | 'en-US';
  match: string;
  matched: string[];
  text: string;
  filled: string[];
  missing: string[];
}

export interface SuggestedReplies {
  caseNo: string;
  locale: 'zh-CN' | 'en-US';
  variables: Record<string, string | null>;
  items: SuggestedReply[];
}

export interface WordingFlag {
  /** Which of the SOP's kinds of forbidden wording (src/modules/replies/reply.wording.ts). */
  rule: 'absolute-promise' | 'lifetime-promise' | 'guarantee' | 'policy-deflection' | 'escalation-deflection';
  phrase: string;
  index: number;
  alternative: LocalizedText;
}

export interface Incident {
  id: string;
  incidentNo: string;
  scope: 'product' | 'merchant';
  status: 'open' | 'resolved';
  category: string;
  categoryLabel: LocalizedText;
  product: { id: string; name: string | null } | null;
  merchant: { id: string; name: string };
  customers: number;
  caseCount: number;
  threshold: number;
  windowHours: number;
  summary: LocalizedText | null;
  openedAt: string;
  resolvedAt: string | null;
  resolutionNote: string | null;
}

export interface IncidentCase {
  caseId: string;
  caseNo: string;
  state: string;
  severity: string | null;
  kind: string;
  title: string | null;
  customerId: string;
  createdAt: string;
  joinedAt: string;
  founding: boolean;
}

export interface IncidentDetail extends Incident {
  cases: IncidentCase[];
}

/** Who may list incidents (GET /api/v1/incidents); any staff member may open one. */
export const INCIDENT_LIST_ROLES: readonly string[] = ['supervisor', 'compliance', 'admin'];
/** Who may resolve an incident (POST /api/v1/incidents/:incidentNo/resolve). */
export const INCIDENT_RESOLVE_ROLES: readonly string[] = ['supervisor'];
