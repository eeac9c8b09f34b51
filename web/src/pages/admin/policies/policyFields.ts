// The clauses of a policy as the admin pages show and edit them: one entry per field, named by its
// path in the API's `rules` (so a problem's `rules.reship.days` lands on the right form field),
// grouped as on the page. Money is edited in yuan and stored in fen.
import type { PolicyRules } from '../../../api/admin.types.ts';

export type ClauseKind = 'switch' | 'days' | 'months' | 'count' | 'times' | 'yuan' | 'flags' | 'categories' | 'choice';

export interface Clause {
  /** Path inside `rules`, e.g. ['noReasonReturn', 'days']. */
  path: string[];
  label: string;
  kind: ClauseKind;
  /** Shown only when this switch (a path) is on. */
  when?: string[];
  /** For 'choice': the values, each labelled by `admin.policy.<choiceLabels>.<value>`. */
  choices?: readonly string[];
  choiceLabels?: string;
  /** What applies when a version stored before the clause existed lacks it. */
  absent?: number;
}

export interface ClauseGroup {
  key: string;
  clauses: Clause[];
  /** The platform's own settings, not terms a merchant publishes (RES-3, POL-10): the API refuses a merchant's. */
  platformOnly?: boolean;
}

type Scope = 'platform' | 'merchant';

/** The groups a policy of this scope has: a merchant's leaves out the platform's own settings. */
export function groupsFor(scope: Scope): readonly ClauseGroup[] {
  return scope === 'platform' ? CLAUSE_GROUPS : CLAUSE_GROUPS.filter((g) => !g.platformOnly);
}

export const CLAUSE_GROUPS: readonly ClauseGroup[] = [
  {
    key: 'noReason',
    clauses: [
      { path: ['noReasonReturn', 'enabled'], label: 'noReasonEnabled', kind: 'switch' },
      { path: ['noReasonReturn', 'days'], label: 'noReasonDays', kind: 'days', when: ['noReasonReturn', 'enabled'] },
      {
        path: ['noReasonReturn', 'startsAt'],
        label: 'noReasonStartsAt',
        kind: 'choice',
        choices: ['sign_off', 'receipt_confirmed'],
        choiceLabels: 'startsAt',
        when: ['noReasonReturn', 'enabled'],
      },
      { path: ['noReasonReturn', 'buyerPaysShipping'], label: 'buyerPaysShipping', kind: 'switch' },
      { path: ['noReasonReturn', 'excludedFlags'], label: 'excludedFlags', kind: 'flags' },
      { path: ['noReasonReturn', 'excludedCategories'], label: 'excludedCategories', kind: 'categories' },
    ],
  },
  {
    key: 'windows',
    clauses: [
      { path: ['qualityReturn', 'days'], label: 'qualityReturnDays', kind: 'days' },
      { path: ['qualityExchange', 'days'], label: 'qualityExchangeDays', kind: 'days' },
      { path: ['notAsDescribed', 'days'], label: 'notAsDescribedDays', kind: 'days' },
      { path: ['logisticsClaim', 'days'], label: 'logisticsClaimDays', kind: 'days' },
      { path: ['reship', 'days'], label: 'reshipDays', kind: 'days' },
    ],
  },
  {
    key: 'repair',
    clauses: [
      { path: ['repair', 'warrantyFallbackMonths'], label: 'warrantyFallbackMonths', kind: 'months' },
      { path: ['repair', 'failedRepairsBeforeReplacement'], label: 'failedRepairsBeforeReplacement', kind: 'count' },
    ],
  },
  {
    key: 'refund',
    clauses: [
      { path: ['refund', 'withinDays'], label: 'refundWithinDays', kind: 'days' },
      { path: ['refund', 'dayType'], label: 'refundDayType', kind: 'choice', choices: ['working', 'natural'], choiceLabels: 'dayType' },
    ],
  },
  {
    key: 'extras',
    clauses: [
      { path: ['noReasonExchange', 'enabled'], label: 'noReasonExchangeEnabled', kind: 'switch' },
      { path: ['noReasonExchange', 'days'], label: 'noReasonExchangeDays', kind: 'days', when: ['noReasonExchange', 'enabled'] },
      { path: ['priceProtection', 'enabled'], label: 'priceProtectionEnabled', kind: 'switch' },
      { path: ['priceProtection', 'days'], label: 'priceProtectionDays', kind: 'days', when: ['priceProtection', 'enabled'] },
      { path: ['freeReturnShipping'], label: 'freeReturnShipping', kind: 'switch' },
    ],
  },
  {
    key: 'money',
    clauses: [
      { path: ['fraudCompensation', 'multiplier'], label: 'fraudMultiplier', kind: 'times' },
      { path: ['fraudCompensation', 'minimumFen'], label: 'fraudMinimum', kind: 'yuan' },
    ],
  },
  {
    key: 'approval',
    platformOnly: true,
    clauses: [
      { path: ['goodwill', 'approvalThresholdFen'], label: 'goodwillThreshold', kind: 'yuan' },
      { path: ['goodwill', 'excessiveMultiple'], label: 'goodwillExcessiveMultiple', kind: 'times', absent: 1 },
    ],
  },
  {
    key: 'versions',
    platformOnly: true,
    clauses: [{ path: ['versionBasis'], label: 'versionBasis', kind: 'choice', choices: ['order_placed', 'delivered'], choiceLabels: 'versionBasis' }],
  },
];

export const ALL_CLAUSES: readonly Clause[] = CLAUSE_GROUPS.flatMap((g) => g.clauses);

export function valueAt(rules: unknown, path: readonly string[]): unknown {
  let value: unknown = rules;
  for (const key of path) value = value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
  return value;
}

function setAt(target: Record<string, unknown>, path: readonly string[], value: unknown): void {
  let node = target;
  path.slice(0, -1).forEach((key) => {
    node[key] = { ...((node[key] as Record<string, unknown> | undefined) ?? {}) };
    node = node[key] as Record<string, unknown>;
  });
  node[path.at(-1)!] = value;
}

/** The form's values (money in yuan) from stored rules (money in fen). */
export function rulesToForm(rules: PolicyRules): PolicyRules {
  const copy = structuredClone(rules) as unknown as Record<string, unknown>;
  for (const c of ALL_CLAUSES) if (c.kind === 'yuan') setAt(copy, c.path, Number(valueAt(rules, c.path) ?? 0) / 100);
  return copy as unknown as PolicyRules;
}

/**
 * Rules to send from the form's values: yuan back to integer fen; every clause of `base` kept, except
 * that a merchant's leave out the platform's own settings (a merchant starting from the baseline gets them in `base`).
 */
export function formToRules(values: PolicyRules, base: PolicyRules, scope: Scope): PolicyRules {
  const out = structuredClone(base) as unknown as Record<string, unknown>;
  if (scope === 'merchant') {
    for (const g of CLAUSE_GROUPS) if (g.platformOnly) for (const c of g.clauses) delete out[c.path[0]!];
  }
  for (const c of groupsFor(scope).flatMap((g) => g.clauses)) {
    const value = valueAt(values, c.path);
    if (value === undefined || value === null) continue;
    setAt(out, c.path, c.kind === 'yuan' ? Math.round(Number(value) * 100) : value);
  }
  return out as unknown as PolicyRules;
}

/**
 * The form field a problem's clause belongs to: `rules.refund` (a refund slower across day types)
 * is shown on the number of days.
 */
export function clauseFieldOf(apiPath: string): string[] {
  const path = apiPath.replace(/^(body\.)?rules\./, '').split('.');
  if (path.length === 1 && path[0] === 'refund') return ['refund', 'withinDays'];
  return path;
}
