// The fields each case action asks for, from the request body schemas in /openapi.json.
// Money fields are typed in yuan and sent in fen; a dotted name becomes a nested object.
import { yuanToFen } from '../../lib/money.ts';

export type FieldKind = 'text' | 'textarea' | 'yuan' | 'integer' | 'boolean' | 'rating' | 'select' | 'passed' | 'task' | 'photos' | 'steps';

export interface FieldSpec {
  /** The API's field name; "terms.refundFen" is { terms: { refundFen } }. */
  name: string;
  kind: FieldKind;
  required?: boolean;
  max?: number;
  min?: number;
  /** Vocabulary group of a select's options, e.g. "planType" → t("planType.full_refund"). */
  group?: string;
  options?: readonly string[];
  pattern?: RegExp;
  initial?: string | number | boolean;
  /** The text reaches the customer: its wording is checked as it is written (RISK-1). */
  customerFacing?: boolean;
  /** Shown only once a task of a type it is for is chosen (complete_task's proof). */
  forTask?: (taskType: string) => boolean;
}

/** Tasks proved by a parcel: the carrier and tracking number are their proof. */
const SHIPMENT_TASKS: readonly string[] = ['ship_replacement', 'ship_back_repaired'];
/** Money paid through the payment provider: its reference is the provider's, not typed in. */
const PROVIDER_PAID_TASKS: readonly string[] = ['refund', 'shipping_reimbursement'];
const isShipment = (type: string) => SHIPMENT_TASKS.includes(type);

const PLAN_TYPES = [
  'full_refund', 'partial_refund', 'return_and_refund', 'exchange', 'repair', 'reship_parts',
  'compensation', 'apology', 'extended_warranty', 'fraud_compensation', 'answer',
] as const;
const RESPONSIBILITIES = [
  'quality_defect', 'packaging', 'logistics_damage', 'customer_misuse', 'not_as_described', 'merchant_error', 'platform_error', 'no_fault',
] as const;
const CHANNELS = ['web', 'app', 'mini_program', 'chat', 'phone', 'email', 'sms', 'social', 'forum', 'chatbot', 'qr_card'] as const;

const note = (max = 2000): FieldSpec => ({ name: 'note', kind: 'textarea', max });
const reason = (required: boolean): FieldSpec => ({ name: 'reason', kind: 'textarea', required, max: 2000 });

export const TERMS_FIELDS: readonly FieldSpec[] = [
  { name: 'terms.refundFen', kind: 'yuan' },
  { name: 'terms.couponFen', kind: 'yuan' },
  { name: 'terms.cashFen', kind: 'yuan' },
  { name: 'terms.fraudCompensationFen', kind: 'yuan' },
  { name: 'terms.pointsAwarded', kind: 'integer', min: 0, max: 10_000_000 },
  { name: 'terms.extendedWarrantyMonths', kind: 'integer', min: 0, max: 60 },
  { name: 'terms.returnRequired', kind: 'boolean', initial: false },
  { name: 'terms.keepItem', kind: 'boolean', initial: false },
  { name: 'terms.replacement', kind: 'boolean', initial: false },
  { name: 'terms.repair', kind: 'boolean', initial: false },
  { name: 'terms.reshipParts', kind: 'boolean', initial: false },
  { name: 'terms.apology', kind: 'boolean', initial: false },
];

export const ACTION_FIELDS: Record<string, readonly FieldSpec[]> = {
  acknowledge: [{ name: 'message', kind: 'textarea', max: 2000, customerFacing: true }],
  start_investigation: [note()],
  request_evidence: [{ name: 'question', kind: 'textarea', required: true, max: 2000, customerFacing: true }],
  provide_evidence: [note(5000)],
  reject_ineligible: [{ ...reason(true), customerFacing: true }],
  notify_result: [
    { name: 'message', kind: 'textarea', required: true, max: 2000, customerFacing: true },
    { name: 'channel', kind: 'select', group: 'channel', options: CHANNELS, initial: 'web' },
  ],
  confirm_resolution: [
    { name: 'rating', kind: 'rating' },
    { name: 'comment', kind: 'textarea', max: 2000 },
  ],
  log_return_visit: [
    { name: 'outcome', kind: 'select', group: 'visitOutcome', options: ['satisfied', 'dissatisfied', 'unreachable'], required: true },
    { name: 'rating', kind: 'rating' },
    { name: 'note', kind: 'textarea', required: true, max: 2000 },
  ],
  close: [{ ...note(), required: true }],
  reopen: [reason(true)],
  withdraw: [reason(false)],
  merge_into: [{ name: 'targetCaseNo', kind: 'text', required: true, max: 32 }, reason(false)],
  archive: [note()],
  escalate_to_compliance: [reason(true)],
  withdraw_fraud_finding: [reason(true)],
  approve_request: [{ name: 'refundFen', kind: 'yuan' }, note()],
  propose_plan: [
    { name: 'planType', kind: 'select', required: true, group: 'planType', options: PLAN_TYPES },
    { name: 'responsibility', kind: 'select', required: true, group: 'responsibility', options: RESPONSIBILITIES },
    ...TERMS_FIELDS,
    { name: 'fraudFound', kind: 'boolean', initial: false },
    { name: 'basis', kind: 'textarea', required: true, max: 4000, customerFacing: true },
    { name: 'goodwillReason', kind: 'textarea', max: 2000 },
    { name: 'expiresInHours', kind: 'integer', min: 1, max: 720, initial: 72 },
    { name: 'steps', kind: 'steps' },
  ],
  approve_plan: [note()],
  decline_plan_approval: [reason(true)],
  accept_plan: [],
  reject_plan: [reason(true)],
  counter_offer: [
    reason(true),
    { name: 'planType', kind: 'select', group: 'planType', options: PLAN_TYPES, initial: 'compensation' },
    ...TERMS_FIELDS,
  ],
  accept_counter_offer: [],
  ship_return: [
    { name: 'carrier', kind: 'text', required: true, max: 64 },
    { name: 'trackingNo', kind: 'text', required: true, pattern: /^[A-Za-z0-9-]{6,40}$/ },
    { name: 'shippingFeeFen', kind: 'yuan', max: 100_000 },
  ],
  receive_return: [note()],
  inspect: [
    { name: 'passed', kind: 'passed', required: true },
    // Needed when the goods fail; the API names the field if it is missing.
    { name: 'reason', kind: 'textarea', max: 2000 },
    { name: 'photoAttachmentIds', kind: 'photos' },
  ],
  // Actions beside the lifecycle: linking a case (IN-8) and routing (assign has its own form).
  link: [
    { name: 'caseNo', kind: 'text', required: true, max: 32 },
    { name: 'linkType', kind: 'select', group: 'linkType', options: ['related', 'duplicate'], initial: 'related' },
    note(),
  ],
  unassign: [note()],
  route: [note()],
  appeal: [reason(true)],
  complete_task: [
    { name: 'taskId', kind: 'task', required: true },
    { name: 'proof.reference', kind: 'text', max: 128, forTask: (type) => !isShipment(type) && !PROVIDER_PAID_TASKS.includes(type) },
    { name: 'proof.carrier', kind: 'text', max: 64, forTask: isShipment },
    { name: 'proof.trackingNo', kind: 'text', max: 64, required: true, forTask: isShipment },
    { name: 'proof.note', kind: 'textarea', max: 2000 },
  ],
};

/** Actions whose body must contain an object even when none of its fields is filled. */
const REQUIRED_OBJECTS: Record<string, readonly string[]> = { propose_plan: ['terms'], counter_offer: ['terms'] };

export const PRIMARY_ACTIONS = new Set([
  'acknowledge', 'approve_request', 'propose_plan', 'approve_plan', 'accept_plan', 'accept_counter_offer', 'ship_return',
  'receive_return', 'inspect', 'complete_task', 'notify_result', 'confirm_resolution', 'provide_evidence',
]);
export const DANGER_ACTIONS = new Set(['reject_ineligible', 'withdraw', 'reject_plan', 'decline_plan_approval', 'escalate_to_compliance', 'withdraw_fraud_finding']);

export function fieldsOf(action: string): readonly FieldSpec[] {
  return ACTION_FIELDS[action] ?? [];
}

/** The fields to show now: those for a task only once such a task is chosen. */
export function shownFields(specs: readonly FieldSpec[], taskType: string | undefined): readonly FieldSpec[] {
  return specs.filter((spec) => !spec.forTask || (taskType !== undefined && spec.forTask(taskType)));
}

export const formName = (spec: FieldSpec): string[] => spec.name.split('.');

export function initialValues(specs: readonly FieldSpec[]): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const spec of specs) if (spec.initial !== undefined) setPath(values, formName(spec), spec.initial);
  return values;
}

function getPath(values: Record<string, unknown>, path: string[]): unknown {
  let current: unknown = values;
  for (const key of path) {
    if (!current || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

function setPath(target: Record<string, unknown>, path: string[], value: unknown): void {
  let current = target;
  for (const key of path.slice(0, -1)) {
    const next = current[key];
    current = next && typeof next === 'object' ? (next as Record<string, unknown>) : (current[key] = {});
  }
  const last = path[path.length - 1];
  if (last !== undefined) current[last] = value;
}

/** Who may own a plan step (the API's TASK_OWNER_ROLES). */
export const STEP_OWNER_ROLES = ['agent', 'specialist', 'finance', 'merchant', 'supervisor'] as const;

function trimmedStrings(row: unknown): unknown {
  if (!row || typeof row !== 'object') return row;
  return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, typeof v === 'string' ? v.trim() : v]));
}

/** Form values → request body: trims text, drops empty and hidden fields, converts yuan to fen. */
export function toBody(action: string, values: Record<string, unknown>, specs: readonly FieldSpec[] = fieldsOf(action)): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const name of REQUIRED_OBJECTS[action] ?? []) body[name] = {};
  for (const spec of specs) {
    let value = getPath(values, formName(spec));
    if (typeof value === 'string') value = value.trim();
    if (spec.kind === 'steps' && Array.isArray(value)) value = value.map(trimmedStrings);
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value) && value.length === 0 && spec.kind !== 'photos') continue;
    if (spec.kind === 'yuan' && typeof value === 'number') value = yuanToFen(value);
    setPath(body, formName(spec), value);
  }
  return body;
}
