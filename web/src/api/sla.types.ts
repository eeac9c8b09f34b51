// Shapes of the SLA engine's answers: a case's deadlines (src/modules/sla/sla.presenter.ts), the
// notices (notifications.routes.ts) and the supervisors' reports (sla.reports.ts).
import type { LocalizedText } from '../i18n/index.ts';
import type { Role } from './types.ts';

export const SLA_STATES = ['running', 'warning', 'breached', 'paused', 'met', 'cancelled'] as const;
export type SlaState = (typeof SLA_STATES)[number];
/** The metrics in the server's order (src/modules/sla/sla.targets.ts): columns follow it. */
export const SLA_METRICS = [
  'first_response', 'acknowledgement', 'follow_up', 'plan_due', 'staged_feedback', 'collaboration_reply', 'frontline_escalation',
  'reinvestigation', 'compliance_review', 'second_handling', 'refund_after_receipt', 'task_deadline',
  'merchant_review', 'customer_ship_return', 'merchant_confirm_receipt', 'merchant_inspection', 'customer_evidence', 'plan_answer',
  'customer_confirmation', 'result_notice',
] as const;
/** The open-clock states the case list can filter by (slaState=…). */
export const SLA_FILTER_STATES = ['breached', 'warning', 'running', 'paused'] as const;
export type SlaParty = 'platform' | 'merchant' | 'customer' | 'department';
export const CHANNELS = ['web', 'app', 'mini_program', 'chat', 'phone', 'email', 'sms', 'social', 'forum', 'chatbot', 'qr_card', 'api'] as const;
/** Work queues a case can sit in; `frontline` by default, SLA breaches may move it up. */
export const QUEUES = ['frontline', 'specialists', 'supervisors'] as const;
/** Who may open the escalation queue (GET /api/v1/sla/escalations). */
export const ESCALATION_ROLES: readonly Role[] = ['supervisor', 'admin'];
/** Units counted in working time: their remaining time does not run down outside working hours. */
export const WORKING_UNITS = ['working_hours', 'working_days'];

export interface Deadline {
  id: string;
  metric: string;
  label: LocalizedText;
  subjectId: string | null;
  party: SlaParty;
  state: SlaState;
  unit: string;
  startedAt: string;
  dueAt: string;
  warnAt: string | null;
  /** Budget left when the case was read; negative once overdue; null when the clock has ended. */
  remainingMs: number | null;
  paused: boolean;
  breached: boolean;
  breachedAt: string | null;
  metAt: string | null;
  late: boolean;
  autoOutcome: string | null;
}

/** The most urgent open clock of a case in the list. */
export interface CaseSla {
  metric: string;
  label: LocalizedText | null;
  state: SlaState;
  dueAt: string;
  party: SlaParty;
}

export interface AppNotification {
  id: string;
  type: string;
  title: LocalizedText;
  body: LocalizedText;
  caseNo: string | null;
  createdAt: string;
  readAt: string | null;
}

export interface EscalatedBreach {
  metric: string;
  subjectId: string | null;
  party: string;
  paused: boolean;
  dueAt: string;
  breachedAt: string;
}

export interface Escalation {
  caseNo: string;
  kind: string;
  state: string;
  severity: string | null;
  queue: string;
  channel: string;
  title: string | null;
  assigneeId: string | null;
  /** Who holds the case; null while it waits unassigned in its queue. */
  assigneeName: string | null;
  queueName: LocalizedText | null;
  createdAt: string;
  latestBreachAt: string | null;
  breaches: EscalatedBreach[];
}

export interface MetricFigures {
  total: number;
  met: number;
  breached: number;
  metShare: number | null;
}

export interface Percentiles {
  medianMs: number | null;
  p90Ms: number | null;
  count: number;
}

export interface ComplianceGroup {
  group: string;
  cases: number;
  metrics: Record<string, MetricFigures>;
  firstResponse: Percentiles;
  resolution: Percentiles;
  breaches: number;
  missedTargets: string[];
}

export interface ComplianceFigures {
  from: string;
  to: string;
  groupBy: 'channel' | 'kind' | 'queue';
  threshold: number;
  groups: ComplianceGroup[];
  missed: { group: string; metric: string; metShare: number; total: number; breached: number }[];
}

export interface TimelineData {
  metric?: string;
  dueAt?: string;
  late?: boolean;
  autoOutcome?: string | null;
  from?: string | null;
  to?: string | null;
  deadlines?: { metric: string; dueAt: string; party: string; breached: boolean }[];
  /** A return visit's outcome and the rating the customer gave on the call. */
  outcome?: string;
  rating?: number | null;
  /** Parcel trouble: which parcel, what the carrier reported (or 'delayed'), its words, the promise passed. */
  direction?: string;
  status?: string;
  description?: string | null;
  promisedAt?: string | null;
  /** Why the platform stepped in: the customer's appeal, or the merchant's missed deadline. */
  trigger?: string;
}
