// The labelled corpus (corpus/triage/corpus.*.jsonl) and its fixed held-out split (corpus/triage/heldout.json).
// The held-out ids were chosen once with `chooseHeldout` (per category, the 20% of ids with the lowest
// FNV-1a hash) and are committed, so the evaluation always runs on the same examples.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CASE_KINDS, SEVERITIES } from '../../shared/vocabulary.ts';
import type { CaseKind, Severity } from '../../shared/vocabulary.ts';
import { CATEGORIES, EMOTIONS } from './triage.vocabulary.ts';
import type { Category, Emotion } from './triage.vocabulary.ts';

export interface LabelledExample {
  id: string;
  text: string;
  lang: 'zh-CN' | 'en-US';
  category: Category;
  severity: Severity;
  emotion: Emotion;
  kind: CaseKind;
}

export const CORPUS_DIR = fileURLToPath(new URL('../../../corpus/triage/', import.meta.url));

function oneOf<T extends string>(list: readonly T[], value: unknown, what: string, where: string): T {
  if (typeof value === 'string' && (list as readonly string[]).includes(value)) return value as T;
  throw new Error(`${where}: ${what} ${JSON.stringify(value)} is not one of ${list.join(', ')}`);
}

export function parseExample(line: string, where: string): LabelledExample {
  const raw = JSON.parse(line) as Record<string, unknown>;
  if (typeof raw.id !== 'string' || typeof raw.text !== 'string' || raw.text.trim() === '') throw new Error(`${where}: id and text are required`);
  return {
    id: raw.id,
    text: raw.text,
    lang: oneOf(['zh-CN', 'en-US'] as const, raw.lang, 'lang', where),
    category: oneOf(CATEGORIES, raw.category, 'category', where),
    severity: oneOf(SEVERITIES, raw.severity, 'severity', where),
    emotion: oneOf(EMOTIONS, raw.emotion, 'emotion', where),
    kind: oneOf(CASE_KINDS, raw.kind, 'kind', where),
  };
}

/** Every example of every corpus file, in file then line order; ids must be unique. */
export function loadCorpus(dir = CORPUS_DIR): LabelledExample[] {
  const files = readdirSync(dir).filter((f) => /^corpus\..+\.jsonl$/.test(f)).sort();
  const examples: LabelledExample[] = [];
  const ids = new Set<string>();
  for (const file of files) {
    readFileSync(`${dir}/${file}`, 'utf8')
      .split('\n')
      .forEach((line, i) => {
        if (line.trim() === '') return;
        const example = parseExample(line, `${file}:${i + 1}`);
        if (ids.has(example.id)) throw new Error(`${file}:${i + 1}: duplicate id ${example.id}`);
        ids.add(example.id);
        examples.push(example);
      });
  }
  return examples;
}

export function loadHeldoutIds(dir = CORPUS_DIR): Set<string> {
  const data = JSON.parse(readFileSync(`${dir}/heldout.json`, 'utf8')) as { ids: string[] };
  return new Set(data.ids);
}

export function splitCorpus(examples: readonly LabelledExample[], heldout: Set<string>): { train: LabelledExample[]; test: LabelledExample[] } {
  return { train: examples.filter((e) => !heldout.has(e.id)), test: examples.filter((e) => heldout.has(e.id)) };
}

export function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(text)) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/** Stratified, deterministic choice of held-out ids: per category, the `fraction` with the lowest hash. */
export function chooseHeldout(examples: readonly LabelledExample[], fraction = 0.2): string[] {
  const chosen: string[] = [];
  for (const category of CATEGORIES) {
    const ids = examples.filter((e) => e.category === category).map((e) => e.id);
    ids.sort((a, b) => fnv1a(a) - fnv1a(b) || (a < b ? -1 : 1));
    chosen.push(...ids.slice(0, Math.round(ids.length * fraction)));
  }
  return chosen.sort();
}
