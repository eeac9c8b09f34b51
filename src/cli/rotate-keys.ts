// rotate-keys: re-encrypts every encrypted column with the active key (PII_ACTIVE_KEY_ID) and
// reports counts per column. Keep the old keys in PII_KEYS until it reports no failures.
import type { Database } from '../db/database.ts';
import type { PiiKeyRing } from '../modules/privacy/pii.crypto.ts';
import { type RotationReport, rotateKeys } from '../modules/privacy/pii.rotate.ts';

export async function runRotateKeys(database: Database, ring: PiiKeyRing, options: { batchSize?: number } = {}): Promise<RotationReport> {
  return rotateKeys(database.db, ring, options);
}

export function describeRotation(report: RotationReport): string[] {
  const lines = [`active key: ${report.activeKeyId}`];
  for (const c of report.columns) {
    lines.push(`${c.column}: re-encrypted ${c.reencrypted}, under the active key ${c.current}, failed ${c.failed.length}`);
    for (const f of c.failed.slice(0, 20)) lines.push(`  ${f.id}: ${f.message}`);
  }
  return lines;
}
