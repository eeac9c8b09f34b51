// Shapes of the API's answers, as the presenters in src/ produce them. The OpenAPI document has no
// response schemas yet, so these are written by hand from src/modules/*/…presenter/routes.
import type { LocalizedText } from '../i18n/index.ts';
import type { CaseSla, Deadline, TimelineData } from './sla.types.ts';
import type { CaseIncident, CaseRouting, CaseTriage } from './casework.types.ts';
import type { MediaFlag, Retention } from './retention.types.ts';

export type Role = 'customer' | 'agent' | 'specialist' | 'supervisor' | 'compliance' | 'merchant' | 'finance' | 'department' | 'admin' | 'system';
export const CASE_KINDS = [
  'return_refund', 'refund_only', 'exchange', 'repair', 'reship', 'price_protection',
  'complaint', 'logistics_exception', 'consultation', 'tech_support',
] as const;
export type CaseKind = (typeof CASE_KINDS)[number];
export const REQUEST_REASONS = ['no_reason', 'quality', 'not_as_described', 'logistics'] as const;
export type RequestReason = (typeof REQUEST_REASONS)[number];
export const SEVERITIES = ['L1', 'L2', 'L3'] as const;
export const CASE_STATES = [
  'submitted', 'acknowledged', 'investigating', 'awaiting_customer', 'plan_pending_approval', 'plan_proposed',
  'compliance_review', 'awaiting_return', 'return_in_transit', 'return_received', 'inspection_failed', 'executing',
  'resolved', 'result_notified', 'closed', 'archived', 'rejected', 'withdrawn', 'merged',
] as const;
/** A case in one of these has ended: no clock runs (src/modules/cases/case.state.ts CLOSED_STATES). */
export const CLOSED_STATES: readonly string[] = ['closed', 'archived', 'rejected', 'withdrawn', 'merged'];
/** Archived and merged cases are records: the API refuses messages, files and changes on them (409 case-read-only). */
export const READ_ONLY_STATES: readonly string[] = ['archived', 'merged'];
export const PROGRESS_STAGES = ['review', 'return_shipment', 'inspection', 'refund_or_replacement', 'done'] as const;
export type ProgressStage = (typeof PROGRESS_STAGES)[number];
export const DESIRED_RESOLUTIONS = ['refund', 'exchange', 'repair', 'compensation', 'apology', 'reship', 'information', 'other'] as const;
export const STAFF_ROLES: readonly Role[] = ['agent', 'specialist', 'supervisor', 'compliance', 'finance', 'admin'];
export const FILING_ROLES: readonly Role[] = ['customer', 'agent', 'specialist', 'supervisor', 'admin'];

/** The console's sign-in: the cookie is set by the answer; the page keeps only who and the CSRF token. */
export interface SignInResult {
  expiresAt: string;
  csrfToken: string;
  user: { id: string; role: Role; displayName: string };
}

export interface CaseAction {
  action: string;
  label: LocalizedText;
}

export interface CaseSummary {
  id: string;
  caseNo: string;
  kind: CaseKind;
  state: string;
  stateLabel: LocalizedText;
  progressStage: ProgressStage;
  /** How often the customer reopened the case as not solved (CL-3). */
  reopenCount: number;
  progressStageLabel: LocalizedText;
  reason: string;
  channel: string;
  /** Severity, emotion, priority, queue and assignee: not given to the customer. */
  severity?: string | null;
  emotion?: string | null;
  priority?: string | null;
  /** The work queue the case sits in (frontline, specialists, …). */
  queue?: string;
  assigneeId?: string | null;
  /** Staff only: who holds the case (null: unassigned) and the queue's name. */
  assigneeName?: string | null;
  queueName?: LocalizedText | null;
  category: string | null;
  title: string | null;
  /** The customer the case is about (their card: GET /api/v1/customers/:id). */
  customerId: string;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  mergedIntoId: string | null;
  actions: CaseAction[];
  /** In lists only: the most urgent open SLA clock the caller may see. */
  sla?: CaseSla | null;
  mediaFlag?: MediaFlag | null;
  purgedAt?: string | null;
  /** RES-2: fraud found on the case holds every plan to triple compensation; `foundBy` for staff only. */
  fraudFinding?: { foundAt: string; foundBy?: string | null } | null;
}

export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
  hasMore: boolean;
}

export interface EligibilityReason {
  code: string;
  text: LocalizedText;
}

export interface ItemDecision {
  orderItemId: string;
  eligible: boolean;
  path: string;
  reasons: EligibilityReason[];
  deadline: string | null;
  returnRequired: boolean;
  returnShippingPaidBy: string | null;
  returnShippingReason: string;
  refund: { withinDays: number; dayType: string };
  advisedKind: CaseKind | null;
}

export interface EligibilityAnswer {
  eligible: boolean;
  items: ItemDecision[];
}

export type Terms = Partial<Record<'refundFen' | 'couponFen' | 'cashFen' | 'pointsAwarded' | 'extendedWarrantyMonths' | 'fraudCompensationFen', number>> &
  Partial<Record<'returnRequired' | 'keepItem' | 'replacement' | 'repair' | 'reshipParts' | 'apology', boolean>>;

export interface Offer {
  id: string;
  revision: number;
  proposerRole: string;
  status: string;
  planType: string;
  terms: Terms | null;
  responsibility: string | null;
  basis: string | null;
  goodwillReason?: string | null;
  expiresAt: string | null;
  answeredAt: string | null;
  answerReason: string | null;
  createdAt: string;
  /** The plan's own steps (RES-1), beside the tasks its terms imply. */
  steps?: PlanStep[];
  /** Made with fraud found (by this plan or earlier on the case): triple compensation is owed. */
  fraudFound?: boolean;
}

export interface PlanStep {
  task: string;
  ownerRole: string;
  dueInHours: number;
  verification: string;
}

export interface Task {
  id: string;
  type: string;
  /** A plan step's own name; null for tasks named by their type. */
  title: string | null;
  ownerRole: string;
  /** The money it moves to the customer (refund, compensation, reimbursement); null for other work. */
  amountFen: number | null;
  /** Open, and the caller may mark it done (the API decides who: money by finance…). */
  mayComplete: boolean;
  dueAt: string | null;
  verification: string | null;
  status: string;
  proof: Record<string, string> | null;
  doneAt: string | null;
}

export interface Attachment {
  id: string;
  purpose: string;
  uploaderRole: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  createdAt: string;
}

/** Where the buyer sends the goods back (the merchant's, RES-6). */
export interface ReturnAddress {
  recipient: string;
  phone: string;
  address: string;
}

export interface CaseDetail extends CaseSummary {
  /** EX-2: the steps the customer follows; a stopped case lists only those it went through. */
  progressSteps: { stage: ProgressStage; status: 'done' | 'current' | 'upcoming' | 'stopped' }[];
  /** What the customer is paid besides refunds (compensation, 假一赔三, return fee back, insurance). */
  order: { orderNo: string; placedAt: string | null; totalFen: number } | null;
  paymentsToCustomer: { id: string; entryType: string; instrument: string; points: number | null; amountFen: number; status: string }[];
  /** Shown to the buyer while the goods are to be sent back; null when the shop has sent none. */
  returnAddress: ReturnAddress | null;
  /** ID, card and phone numbers in it masked for the caller (RISK-2); compliance may reveal it. */
  description: string;
  descriptionMasked: boolean;
  desiredResolution: string | null;
  eligibility: { items?: ItemDecision[] } | null;
  responsibility: string | null;
  /**
   * `categoryName`: the name the shop gave the category code (the code itself when it has none);
   * `paidFen`: what the units the case claims cost; `orderLine`: the whole order line.
   */
  items: {
    id: string;
    orderItemId: string;
    name: string;
    category: string;
    categoryName: LocalizedText;
    quantity: number;
    paidFen: number;
    orderLine: { quantity: number; paidFen: number };
  }[];
  timeline: {
    seq: number;
    type: string;
    fromState: string | null;
    toState: string | null;
    actorRole: string;
    reason: string | null;
    reasonMasked: boolean;
    /** Staff only: the event's details (SLA clocks, severity, queue). */
    data?: TimelineData | null;
    occurredAt: string;
  }[];
  /** `masked`: numbers in the body are masked for the caller (RISK-2). */
  messages: { id: string; authorRole: string; visibility: 'public' | 'internal'; channel: string; body: string; masked: boolean; createdAt: string }[];
  attachments: Attachment[];
  links: { caseNo: string; caseId: string; state: string; linkType: string }[];
  offers: Offer[];
  tasks: Task[];
  refunds: { id: string; amountFen: number; currency: string; status: string; providerRef: string | null; createdAt: string; completedAt: string | null }[];
  ledger?: { id: string; entryType: string; instrument: string; points: number | null; amountFen: number; currency: string; borneBy: string; paidTo: string; responsibility: string | null; reason: string; status: string }[];
  shipments: Shipment[];
  /** SLA clocks the caller may see: staff all, a merchant its own, a customer theirs. */
  deadlines?: Deadline[];
  /** Staff only: why the case was graded as it is (TR-7). */
  triage?: CaseTriage | null;
  /** Staff only: the queue's name and who holds the case. */
  routing?: CaseRouting;
  /** The group complaint the case belongs to (not shown to customers). */
  incident?: CaseIncident | null;
  retention?: Retention;
}

export interface Shipment {
  id: string;
  direction: string;
  carrier: string | null;
  trackingNo: string | null;
  status: string;
  shippedAt: string | null;
  deliveredAt: string | null;
  /** A parcel of the after-sales case (return, replacement) rather than the order's own delivery. */
  ofCase: boolean;
  /** The carrier's promised delivery time, and whether the parcel is still on its way past it. */
  estimatedDeliveryAt: string | null;
  delayed: boolean;
  /** The carrier's reports, newest first. */
  events: ShipmentTraceEvent[];
}

export interface ShipmentTraceEvent {
  occurredAt: string;
  status: string;
  location: string | null;
  description: string | null;
}

export interface OrderSummary {
  id: string;
  orderNo: string;
  status: string;
  placedAt: string;
  totalFen: number;
  currency: string;
  merchantName: string;
  productNames: string[];
}

export interface OrderItem {
  id: string;
  productId: string;
  name: string;
  category: string;
  categoryName: LocalizedText;
  flags: string[];
  warrantyMonths: number | null;
  sku: string | null;
  quantity: number;
  unitPriceFen: number;
  paidFen: number;
}

export interface OrderDetail {
  id: string;
  orderNo: string;
  status: string;
  placedAt: string;
  totalFen: number;
  shippingFen: number | null;
  shippingInsurance: boolean;
  /** One line, as the shop system or the last self-service change wrote it. */
  shippingAddress?: string | null;
  addressChanges?: AddressChange[];
  items: OrderItem[];
  shipments: Shipment[];
  /** The order's payment records (not shown to merchants); card numbers in them come masked. */
  payments?: OrderPayment[];
}

export interface OrderPayment {
  id: string;
  method: string;
  amountFen: number;
  paidAt: string;
  reference: string | null;
}

export interface AddressParts {
  recipientName: string;
  phone: string;
  province: string;
  city: string;
  district: string;
  detail: string;
  postalCode?: string;
}

/** One change of the delivery address (who, when, why, from → to). */
export interface AddressChange {
  id: string;
  actorRole: Role;
  actorId: string | null;
  reason: string | null;
  from: string | null;
  to: string | null;
  toParts: AddressParts | null;
  changedAt: string;
}

export interface CreatedCase extends CaseSummary {
  duplicateOf: string | null;
}
