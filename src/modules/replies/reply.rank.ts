// Suggested replies (AN-5): which templates fit the case at hand, best first. Pure.
// A template names a category, a severity, a kind and a state, each null for "any". One that names a
// value the case does not have never fits (a safety escalation for L1 never shows on a routine
// case). Among those that fit: the customer's language first, then the exact match (category +
// state + kind), then partial matches (the category counts most, then the severity, the state, the
// kind), then generic templates; the name breaks ties.

export interface RankableTemplate {
  id: string;
  name: string;
  locale: string;
  category: string | null;
  kind: string | null;
  state: string | null;
  severity: string | null;
  active: boolean;
}

export interface CaseMatchKey {
  category: string | null;
  severity: string;
  kind: string;
  state: string;
}

export type MatchLevel = 'exact' | 'partial' | 'generic';
export type MatchedField = 'category' | 'severity' | 'state' | 'kind';

export interface RankedTemplate<T extends RankableTemplate> {
  template: T;
  match: MatchLevel;
  matched: MatchedField[];
  sameLocale: boolean;
  score: number;
}

const WEIGHTS: Record<MatchedField, number> = { category: 8, severity: 4, state: 2, kind: 1 };
const FIELDS: MatchedField[] = ['category', 'severity', 'state', 'kind'];
/** Naming these three makes a match exact; the severity only adds to it. */
const EXACT: MatchedField[] = ['category', 'state', 'kind'];

/** The fields a template names and the case shares, or null when the template does not fit. */
export function matchTemplate(t: Pick<RankableTemplate, MatchedField>, key: CaseMatchKey): MatchedField[] | null {
  const matched: MatchedField[] = [];
  for (const field of FIELDS) {
    const wanted = t[field];
    if (wanted === null) continue;
    if (wanted !== key[field]) return null;
    matched.push(field);
  }
  return matched;
}

export function rankTemplates<T extends RankableTemplate>(templates: readonly T[], key: CaseMatchKey, locale: string): RankedTemplate<T>[] {
  const ranked: RankedTemplate<T>[] = [];
  for (const template of templates) {
    if (!template.active) continue;
    const matched = matchTemplate(template, key);
    if (!matched) continue;
    const score = matched.reduce((sum, f) => sum + WEIGHTS[f], 0);
    const match: MatchLevel = EXACT.every((f) => matched.includes(f)) ? 'exact' : matched.length === 0 ? 'generic' : 'partial';
    ranked.push({ template, match, matched, sameLocale: template.locale === locale, score });
  }
  return ranked.sort(
    (a, b) =>
      Number(b.sameLocale) - Number(a.sameLocale) ||
      b.score - a.score ||
      a.template.name.localeCompare(b.template.name, 'zh-CN') ||
      (a.template.id < b.template.id ? -1 : a.template.id > b.template.id ? 1 : 0),
  );
}
