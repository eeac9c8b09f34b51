// `afterdesk import <file>`: shop data from a JSON Lines file, one record per line
// (`{"type":"order","data":{…}}`), checked with the integration API's own schemas and applied with
// its idempotent upserts, so importing the same file twice changes nothing the second time.
// A bad line is reported with its number and the import goes on with the next one.
import { constants, createReadStream } from 'node:fs';
import { access } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { createInterface } from 'node:readline';
import cliProgress from 'cli-progress';
import type { z } from 'zod';
import type { AppDeps } from '../http/deps.ts';
import { applyImportRecord, importRecordSchema } from '../modules/orders/index.ts';
import { AppError } from '../shared/errors.ts';
import { carrierHooks } from '../modules/cases/case.carrier.ts';

export interface ImportError {
  line: number;
  message: string;
}

export interface ImportSummary {
  total: number;
  applied: number;
  failed: number;
  errors: ImportError[];
}

/** At most this many errors are kept in the summary; the failed count keeps counting. */
export const MAX_REPORTED_ERRORS = 100;

const RECORD_TYPES = importRecordSchema.options.map((option) => option.shape.type.value);

function openInput(file: string): Readable {
  return file === '-' ? process.stdin : createReadStream(file, { encoding: 'utf8' });
}

/** Non-blank lines of a file, so the progress bar knows its total before the import starts. */
async function countRecords(file: string): Promise<number> {
  let count = 0;
  const lines = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
  for await (const line of lines) if (line.trim() !== '') count += 1;
  return count;
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => {
      // Paths are shown inside the record (`items.0.quantity`), not inside the line's envelope.
      const segments = issue.path.map(String);
      const path = (segments[0] === 'data' ? segments.slice(1) : segments).join('.');
      const message = /received undefined$/.test(issue.message) ? 'is required' : issue.message;
      return path ? `${path}: ${message}` : message;
    })
    .join('; ');
}

/** Parses and validates one line; returns the record or a readable reason. */
function parseLine(text: string): { ok: true; record: z.infer<typeof importRecordSchema> } | { ok: false; message: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, message: `not valid JSON (${error instanceof Error ? error.message : String(error)})` };
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return { ok: false, message: 'a line must be a JSON object like {"type":"order","data":{…}}' };
  }
  const type = (json as { type?: unknown }).type;
  if (typeof type !== 'string' || !(RECORD_TYPES as readonly string[]).includes(type)) {
    return { ok: false, message: `unknown or missing "type" ${JSON.stringify(type ?? null)}; expected one of ${RECORD_TYPES.join(', ')}` };
  }
  const parsed = importRecordSchema.safeParse(json);
  if (!parsed.success) return { ok: false, message: `invalid ${type}: ${describeIssues(parsed.error)}` };
  return { ok: true, record: parsed.data };
}

function describeFailure(error: unknown): string {
  if (error instanceof AppError) {
    const text = error.text['en-US'];
    return error.field && !text.includes(error.field) ? `${error.field}: ${text}` : text;
  }
  return error instanceof Error ? error.message : String(error);
}

export async function importJsonLines(
  deps: AppDeps,
  file: string,
  options: { progress?: boolean } = {},
): Promise<ImportSummary> {
  if (file !== '-') {
    try {
      await access(file, constants.R_OK);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? String(error);
      throw new Error(`Cannot read the import file "${file}" (${code})`);
    }
  }
  const summary: ImportSummary = { total: 0, applied: 0, failed: 0, errors: [] };
  const fail = (line: number, message: string) => {
    summary.failed += 1;
    if (summary.errors.length < MAX_REPORTED_ERRORS) summary.errors.push({ line, message });
  };

  let bar: cliProgress.SingleBar | null = null;
  if (options.progress) {
    const total = file === '-' ? 0 : await countRecords(file);
    bar = new cliProgress.SingleBar(
      {
        stream: process.stderr,
        format: file === '-' ? 'import | {value} records | {failed} failed' : 'import [{bar}] {percentage}% | {value}/{total} | {failed} failed',
        hideCursor: true,
      },
      cliProgress.Presets.shades_classic,
    );
    bar.start(total, 0, { failed: 0 });
  }

  const lines = createInterface({ input: openInput(file), crlfDelay: Infinity });
  let lineNo = 0;
  try {
    for await (const raw of lines) {
      lineNo += 1;
      // A byte-order mark at the start of the file is not part of the first record.
      const text = (lineNo === 1 ? raw.replace(/^\uFEFF/, '') : raw).trim();
      if (text === '') continue;
      summary.total += 1;
      const parsed = parseLine(text);
      if (!parsed.ok) {
        fail(lineNo, parsed.message);
      } else {
        try {
          const now = deps.clock.now();
          // Carrier events imported in bulk reach their cases as the live feed's do.
          await applyImportRecord(deps.database.db, parsed.record, now, { pii: deps.pii, ...carrierHooks(deps, now) });
          summary.applied += 1;
        } catch (error) {
          fail(lineNo, `${parsed.record.type} ${parsed.record.data.externalId}: ${describeFailure(error)}`);
        }
      }
      bar?.increment(1, { failed: summary.failed });
    }
  } finally {
    bar?.stop();
  }
  return summary;
}
