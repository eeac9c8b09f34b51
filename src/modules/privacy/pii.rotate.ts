// Key rotation: every encrypted column is rewritten under the active key, a batch per transaction.
// Idempotent (values already under the active key are left alone), resumable (each batch commits;
// a second run picks up what is left) and safe beside live writes (a value changed meanwhile is
// not overwritten: the update only applies where the column still holds what was read).
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { SYSTEM_ACTOR } from '../identity/index.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { ENCRYPTED_COLUMNS, type EncryptedColumn } from './pii.columns.ts';
import { PiiDecryptError, type PiiKeyRing } from './pii.crypto.ts';

type Db = Kysely<DB>;

export interface ColumnRotation {
  column: string;
  /** Rewritten under the active key by this run. */
  reencrypted: number;
  /** Already under the active key (before or after this run). */
  current: number;
  /** Values that did not open (unknown key or not authentic): left as they are. */
  failed: { id: string; message: string }[];
}

export interface RotationReport {
  activeKeyId: string;
  columns: ColumnRotation[];
}

export async function rotateKeys(db: Db, ring: PiiKeyRing, options: { batchSize?: number; now?: Date } = {}): Promise<RotationReport> {
  const batchSize = options.batchSize ?? 500;
  const columns: ColumnRotation[] = [];
  for (const target of ENCRYPTED_COLUMNS) columns.push(await rotateColumn(db, ring, target, batchSize));
  const report = { activeKeyId: ring.activeKeyId, columns };
  await recordAudit(db, {
    at: options.now ?? new Date(),
    actor: SYSTEM_ACTOR,
    action: 'pii.keys_rotated',
    subjectType: 'key',
    subjectId: ring.activeKeyId,
    outcome: columns.some((c) => c.failed.length > 0) ? 'failed' : 'ok',
    detail: { columns: columns.map((c) => ({ column: c.column, reencrypted: c.reencrypted, current: c.current, failed: c.failed.length })) },
  });
  return report;
}

async function rotateColumn(db: Db, ring: PiiKeyRing, target: EncryptedColumn, batchSize: number): Promise<ColumnRotation> {
  const table = sql.table(target.table);
  const id = sql.ref(target.idColumn);
  const col = sql.ref(target.column);
  const activePrefix = `v1.${ring.activeKeyId}.`;
  const out: ColumnRotation = { column: `${target.table}.${target.column}`, reencrypted: 0, current: 0, failed: [] };
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const batch = await db.transaction().execute(async (trx) => {
      const rows = await sql<{ id: string; value: string }>`
        select ${id} as id, ${col} as value from ${table}
        where ${col} is not null and not starts_with(${col}, ${activePrefix}) and ${id} > ${after}::uuid
        order by ${id} limit ${batchSize}`.execute(trx);
      const rewritten: { id: string; old: string; next: string }[] = [];
      for (const r of rows.rows) {
        try {
          rewritten.push({ id: r.id, old: r.value, next: ring.encrypt(ring.decrypt(r.value, target.context), target.context) });
        } catch (error) {
          if (!(error instanceof PiiDecryptError)) throw error;
          out.failed.push({ id: r.id, message: error.message });
        }
      }
      let updated = 0;
      if (rewritten.length > 0) {
        const result = await sql`
          update ${table} as t set ${sql.ref(target.column)} = v.next
          from unnest(${rewritten.map((r) => r.id)}::uuid[], ${rewritten.map((r) => r.old)}::text[], ${rewritten.map((r) => r.next)}::text[]) as v(id, old, next)
          where t.${sql.ref(target.idColumn)} = v.id and t.${sql.ref(target.column)} = v.old`.execute(trx);
        updated = Number(result.numAffectedRows ?? 0);
      }
      return { count: rows.rows.length, last: rows.rows[rows.rows.length - 1]?.id, updated };
    });
    out.reencrypted += batch.updated;
    if (batch.count < batchSize || !batch.last) break;
    after = batch.last;
  }
  const current = await sql<{ n: number }>`select count(*)::int as n from ${table} where starts_with(${col}, ${activePrefix})`.execute(db);
  out.current = Number(current.rows[0]?.n ?? 0);
  return out;
}
