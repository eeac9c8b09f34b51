// The audit trail's hash chain (pure, except for the one SQL expression that reads a row's
// canonical form). Seal n covers one audit row:
//   hash_n = sha256(n + "\n" + hash_{n-1} + "\n" + canonical JSON of the row)
// with hash_0 = 64 zeros. Changing, deleting or re-ordering anything sealed breaks the chain from
// that point on. The canonical form is built here, in the application, not by a database
// function, so whoever can change the database cannot also change what verification computes.
import { createHash } from 'node:crypto';
import { sql } from 'kysely';

export const GENESIS_HASH = '0'.repeat(64);

/**
 * The row's fields in a fixed order as a JSON array, rendered by the database: jsonb prints
 * objects with sorted keys and fixed spacing, and the timestamp keeps its microseconds, so the
 * text is the same on PGlite and PostgreSQL and covers exactly what is stored.
 * `alias` is the audit_log alias in the query.
 */
export function canonicalSql(alias: string) {
  const c = (column: string) => sql.ref(`${alias}.${column}`);
  return sql<string>`jsonb_build_array(
    ${c('id')}, to_char(${c('at')} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
    ${c('actor_user_id')}, ${c('actor_role')}, ${c('actor_label')}, ${c('action')},
    ${c('subject_type')}, ${c('subject_id')}, ${c('outcome')}, ${c('ip')}, ${c('request_id')}, ${c('detail')}
  )::text`;
}

export function sealHash(position: number, prevHash: string, canonical: string): string {
  return createHash('sha256').update(`${position}\n${prevHash}\n${canonical}`, 'utf8').digest('hex');
}

/** A seal as verification reads it, with its row's canonical text (null when the row is gone). */
export interface SealWithRow {
  position: number;
  auditId: number;
  prevHash: string;
  hash: string;
  canonical: string | null;
}

export type ChainBreakKind = 'missing_seal' | 'broken_link' | 'row_deleted' | 'row_modified';

export interface ChainBreak {
  kind: ChainBreakKind;
  position: number;
  auditId: number | null;
  message: string;
}

/**
 * Checks consecutive seals after `previous` (position and hash of the last good seal, or the
 * genesis). Returns the first break, or the new last good seal.
 */
export function checkSeals(
  previous: { position: number; hash: string },
  seals: readonly SealWithRow[],
): { ok: true; last: { position: number; hash: string } } | { ok: false; failure: ChainBreak } {
  let last = previous;
  for (const s of seals) {
    const expected = last.position + 1;
    if (s.position !== expected) {
      return fail('missing_seal', expected, null, `seal ${expected} is missing (the next one is ${s.position}): seals were deleted`);
    }
    if (s.prevHash !== last.hash) {
      return fail('broken_link', s.position, s.auditId, `seal ${s.position} does not follow seal ${last.position}: seals were removed, inserted or reordered`);
    }
    if (s.canonical === null) {
      return fail('row_deleted', s.position, s.auditId, `audit row ${s.auditId} (seal ${s.position}) was deleted`);
    }
    if (sealHash(s.position, s.prevHash, s.canonical) !== s.hash) {
      return fail('row_modified', s.position, s.auditId, `audit row ${s.auditId} (seal ${s.position}) was changed after it was sealed`);
    }
    last = { position: s.position, hash: s.hash };
  }
  return { ok: true, last };
}

function fail(kind: ChainBreakKind, position: number, auditId: number | null, message: string) {
  return { ok: false as const, failure: { kind, position, auditId, message } };
}

/**
 * One row's standing, for search and export: `verified` when its seal matches the row and links
 * to the seal before it, `pending` before the sealer reached it, `broken` otherwise.
 */
export function rowSealStatus(row: {
  canonical: string;
  position: number | null;
  prevHash: string | null;
  hash: string | null;
  previousSealHash: string | null;
}): 'verified' | 'pending' | 'broken' {
  if (row.position === null || row.prevHash === null || row.hash === null) return 'pending';
  const linked = row.position === 1 ? row.prevHash === GENESIS_HASH : row.previousSealHash === row.prevHash;
  return linked && sealHash(row.position, row.prevHash, row.canonical) === row.hash ? 'verified' : 'broken';
}
