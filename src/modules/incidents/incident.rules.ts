// Group complaints (TR-6, S4 step 1.3 "群体性投诉（同一问题≥5人反馈）"): when does a new case open an
// incident, join one, or neither. Pure: the decision is a function of the case, the recent cases
// that could match it, the open incidents and the settings.
//
// "The same problem" is the same complaint category (cases.category) on the same product, or, failing
// that and for problems that are the merchant's rather than a product's (shipping, payment,
// service, process), on the same merchant:
//   - product scope: ≥ productThreshold (default 5) distinct customers whose cases share the
//     category and include the product, all created within windowHours (default 72) of each other;
//   - merchant scope: ≥ merchantThreshold (default 10) distinct customers with the same category on
//     any of one merchant's products within the window. A merchant sells many products, so five
//     quality complaints spread over its catalogue are ordinary volume rather than one problem; the
//     merchant threshold is therefore twice the product one by default (admins may set it to 5, or
//     switch the merchant scope off).
// Customers are counted, not cases: one customer filing twice counts once. A plain 7-day
// no-reason return, a consultation, a price-protection request and the catch-all "other" category
// report no problem and never count. Cases already in an incident are explained by it and do not
// count towards a new one; an open incident takes every later matching case, inside the window or not,
// until a supervisor resolves it.

export const INCIDENT_SCOPES = ['product', 'merchant'] as const;
export type IncidentScope = (typeof INCIDENT_SCOPES)[number];

export interface IncidentSettings {
  productThreshold: number;
  merchantThreshold: number;
  windowHours: number;
  merchantScope: boolean;
}

export const DEFAULT_INCIDENT_SETTINGS: IncidentSettings = { productThreshold: 5, merchantThreshold: 10, windowHours: 72, merchantScope: true };

/** The rule that fired, recorded on every case it raises (TR-7). */
export const GROUP_COMPLAINT_RULE_ID = 'l1.group_complaint';

/** What detection needs to know about one case. */
export interface CaseFacts {
  caseId: string;
  customerId: string;
  merchantId: string | null;
  category: string | null;
  kind: string;
  reason: string;
  productIds: readonly string[];
  createdAt: Date;
}

export interface OpenIncidentFacts {
  id: string;
  incidentNo: string;
  scope: IncidentScope;
  productId: string | null;
  merchantId: string;
  category: string;
  openedAt: Date;
}

export type IncidentDecision =
  | { action: 'none'; why: 'not_a_problem_report' | 'below_threshold' }
  | { action: 'join'; incident: OpenIncidentFacts }
  | {
      action: 'open';
      scope: IncidentScope;
      productId: string | null;
      merchantId: string;
      category: string;
      /** The cases the incident starts with (the new one among them), oldest first. */
      caseIds: string[];
      customers: number;
      threshold: number;
      windowHours: number;
      from: Date;
      to: Date;
    };

const NOT_A_PROBLEM_KINDS = new Set(['consultation', 'price_protection']);
/**
 * A fault in the goods or their description belongs to one product: complaints of that kind spread
 * over a merchant's catalogue are ordinary volume, never one problem. Shipping, payment, service and
 * process problems are the merchant's whatever the product, so only they have a merchant scope.
 */
const PRODUCT_ONLY_CATEGORIES = new Set(['product_quality', 'not_as_described']);
const NOT_A_PROBLEM_CATEGORIES = new Set(['other']);

/** Whether a case reports a problem that could be shared with other customers. */
export function reportsProblem(c: Pick<CaseFacts, 'category' | 'kind' | 'reason' | 'merchantId'>): boolean {
  if (!c.category || !c.merchantId) return false;
  if (NOT_A_PROBLEM_KINDS.has(c.kind) || NOT_A_PROBLEM_CATEGORIES.has(c.category)) return false;
  // A 7-day no-reason return is a right, not a problem report (its category is the return process).
  if (c.reason === 'no_reason' && c.category === 'return_process') return false;
  return true;
}

const HOUR_MS = 3_600_000;

interface Window {
  cases: CaseFacts[];
  customers: number;
  from: Date;
  to: Date;
}

function byTime(a: CaseFacts, b: CaseFacts): number {
  return a.createdAt.getTime() - b.createdAt.getTime() || (a.caseId < b.caseId ? -1 : a.caseId > b.caseId ? 1 : 0);
}

function distinctCustomers(cases: readonly CaseFacts[]): number {
  return new Set(cases.map((c) => c.customerId)).size;
}

/**
 * The stretch of at most `windowMs` that contains the subject and the most distinct customers
 * (the earliest such stretch on a tie). Every window starting at a case no later than the subject
 * and no earlier than one window before it is tried, so cases filed after the subject count too
 * (their jobs may run first).
 */
function bestWindow(subject: CaseFacts, pool: readonly CaseFacts[], windowMs: number): Window {
  const all = [subject, ...pool.filter((c) => c.caseId !== subject.caseId)].sort(byTime);
  const t = subject.createdAt.getTime();
  let best: Window | null = null;
  for (const start of all) {
    const s = start.createdAt.getTime();
    if (s > t || s < t - windowMs) continue;
    const cases = all.filter((c) => c.createdAt.getTime() >= s && c.createdAt.getTime() <= s + windowMs);
    const customers = distinctCustomers(cases);
    if (!best || customers > best.customers) {
      best = { cases, customers, from: start.createdAt, to: cases.at(-1)!.createdAt };
    }
  }
  return best ?? { cases: [subject], customers: 1, from: subject.createdAt, to: subject.createdAt };
}

/** Cases that can count with the subject: same merchant and category, problem reports. */
function comparable(subject: CaseFacts, c: CaseFacts): boolean {
  return c.caseId !== subject.caseId && c.merchantId === subject.merchantId && c.category === subject.category && reportsProblem(c);
}

/**
 * Decides for one new (or newly categorised) case. `recent` holds the other cases that could
 * match it and are in no incident yet (a superset is fine: this filters again); `open` the open
 * incidents of its merchant.
 */
export function decideIncident(
  subject: CaseFacts,
  recent: readonly CaseFacts[],
  open: readonly OpenIncidentFacts[],
  settings: IncidentSettings,
): IncidentDecision {
  if (!reportsProblem(subject)) return { action: 'none', why: 'not_a_problem_report' };
  const merchantId = subject.merchantId!;
  const category = subject.category!;
  const products = [...new Set(subject.productIds)].sort();
  const merchantScoped = settings.merchantScope && !PRODUCT_ONLY_CATEGORIES.has(category);

  const windowMs = settings.windowHours * HOUR_MS;
  // An open incident for the same problem takes the case: the product's first, then the merchant's.
  // Only a case of its time: one filed long before it opened (handled late, or reopened) is not
  // part of the same wave.
  const matching = open
    .filter((i) => i.merchantId === merchantId && i.category === category)
    .filter((i) => subject.createdAt.getTime() >= i.openedAt.getTime() - windowMs)
    .filter((i) => (i.scope === 'product' ? i.productId !== null && products.includes(i.productId) : merchantScoped))
    .sort((a, b) => (a.scope === b.scope ? a.openedAt.getTime() - b.openedAt.getTime() : a.scope === 'product' ? -1 : 1));
  if (matching[0]) return { action: 'join', incident: matching[0] };

  const pool = recent.filter((c) => comparable(subject, c));

  let best: (Window & { productId: string }) | null = null;
  for (const productId of products) {
    const w = bestWindow(subject, pool.filter((c) => c.productIds.includes(productId)), windowMs);
    if (w.customers >= settings.productThreshold && (!best || w.customers > best.customers)) best = { ...w, productId };
  }
  if (best) return opened('product', best.productId, merchantId, category, best, settings.productThreshold, settings.windowHours);

  if (merchantScoped) {
    const w = bestWindow(subject, pool, windowMs);
    if (w.customers >= settings.merchantThreshold) return opened('merchant', null, merchantId, category, w, settings.merchantThreshold, settings.windowHours);
  }
  return { action: 'none', why: 'below_threshold' };
}

function opened(
  scope: IncidentScope,
  productId: string | null,
  merchantId: string,
  category: string,
  w: Window,
  threshold: number,
  windowHours: number,
): IncidentDecision {
  return {
    action: 'open',
    scope,
    productId,
    merchantId,
    category,
    caseIds: w.cases.map((c) => c.caseId),
    customers: w.customers,
    threshold,
    windowHours,
    from: w.from,
    to: w.to,
  };
}
