// `npm run --silent classify`: triage JSON Lines from stdin. Each input line `{"id","text","channel"}`
// (optionally "tier", "kindHint", "groupComplaint", "previousContacts") gives one output line
// `{"id","category","severity","emotion","kind","priority","reasons"}` from classify(); a line that
// cannot be read gives `{"id":…,"error":"…"}` and the next line is read. Blank lines are skipped.
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { classify } from '../modules/triage/triage.classify.ts';
import type { TriageInput } from '../modules/triage/triage.vocabulary.ts';

type Parsed = { ok: true; id: unknown; input: TriageInput } | { ok: false; id: unknown; error: string };

export function parseClassifyLine(line: string): Parsed {
  let raw: unknown;
  try {
    raw = JSON.parse(line);
  } catch (e) {
    return { ok: false, id: null, error: `not JSON: ${(e as Error).message}` };
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { ok: false, id: null, error: 'expected a JSON object' };
  const r = raw as Record<string, unknown>;
  const id = r.id ?? null;
  if (typeof r.text !== 'string' || r.text.trim() === '') return { ok: false, id, error: 'text is required (a non-empty string)' };
  if (r.channel !== undefined && typeof r.channel !== 'string') return { ok: false, id, error: 'channel must be a string' };
  if (r.tier !== undefined && r.tier !== null && typeof r.tier !== 'string') return { ok: false, id, error: 'tier must be a string' };
  if (r.kindHint !== undefined && r.kindHint !== null && typeof r.kindHint !== 'string') return { ok: false, id, error: 'kindHint must be a string' };
  if (r.groupComplaint !== undefined && typeof r.groupComplaint !== 'boolean') return { ok: false, id, error: 'groupComplaint must be a boolean' };
  if (r.previousContacts !== undefined && (typeof r.previousContacts !== 'number' || !Number.isInteger(r.previousContacts) || r.previousContacts < 0)) {
    return { ok: false, id, error: 'previousContacts must be a whole number ≥ 0' };
  }
  return {
    ok: true,
    id,
    input: {
      text: r.text,
      channel: r.channel as string | undefined,
      tier: r.tier as string | null | undefined,
      kindHint: r.kindHint as string | null | undefined,
      groupComplaint: r.groupComplaint as boolean | undefined,
      previousContacts: r.previousContacts as number | undefined,
    },
  };
}

export function classifyLine(line: string): string {
  const parsed = parseClassifyLine(line);
  if (!parsed.ok) return JSON.stringify({ id: parsed.id, error: parsed.error });
  try {
    const r = classify(parsed.input);
    return JSON.stringify({ id: parsed.id, category: r.category, severity: r.severity, emotion: r.emotion, kind: r.kind, priority: r.priority, reasons: r.reasons });
  } catch (e) {
    return JSON.stringify({ id: parsed.id, error: (e as Error).message });
  }
}

export async function classifyStream(input: Readable, output: Writable): Promise<number> {
  let count = 0;
  for await (const line of createInterface({ input, crlfDelay: Infinity })) {
    if (line.trim() === '') continue;
    output.write(`${classifyLine(line)}\n`);
    count += 1;
  }
  return count;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await classifyStream(process.stdin, process.stdout);
}
