// Verification of the whole audit trail (the verify-audit command): seal what is pending, walk the
// chain from the first seal, and report the first thing that does not hold — a changed row, a
// deleted row, a removed or reordered seal, a row left without a seal — or that a previously
// recorded head (an anchor kept outside the database) is no longer on the chain.
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { canonicalSql, type ChainBreak, checkSeals, GENESIS_HASH, type SealWithRow } from './audit.chain.ts';
import { sealPending } from './audit.sealer.ts';

type Db = Kysely<DB>;
const PAGE = 5_000;

export interface ChainAnchor {
  position: number;
  hash: string;
}

export interface VerifyReport {
  ok: boolean;
  /** Rows sealed by this run before walking. */
  sealedNow: number;
  /** Seals walked and found sound. */
  checked: number;
  /** The last sound seal: record it somewhere else and pass it back as an anchor later. */
  head: ChainAnchor | null;
  failure: (Omit<ChainBreak, 'kind'> & { kind: ChainBreak['kind'] | 'unsealed_row' | 'anchor_mismatch' }) | null;
}

/** "123:abcdef…" → anchor. */
export function parseAnchor(text: string): ChainAnchor {
  const match = /^(\d+):([0-9a-f]{64})$/.exec(text.trim());
  if (!match) throw new Error('an anchor is POSITION:HASH, e.g. 1200:3f5a… (64 hex digits), as verify-audit prints it');
  return { position: Number(match[1]), hash: match[2]! };
}

export async function verifyAuditChain(db: Db, options: { anchor?: ChainAnchor } = {}): Promise<VerifyReport> {
  const sealedNow = await sealPending(db, { wait: true });
  let last = { position: 0, hash: GENESIS_HASH };
  let checked = 0;
  const report = (failure: VerifyReport['failure']): VerifyReport => ({
    ok: failure === null,
    sealedNow,
    checked,
    head: last.position > 0 ? last : null,
    failure,
  });
  for (;;) {
    const page = await sql<{ position: number; audit_id: number; prev_hash: string; hash: string; canonical: string | null }>`
      select s.position, s.audit_id, s.prev_hash, s.hash, case when a.id is null then null else ${canonicalSql('a')} end as canonical
      from audit_seals s
      left join audit_log a on a.id = s.audit_id
      where s.position > ${last.position}
      order by s.position
      limit ${PAGE}`.execute(db);
    const seals: SealWithRow[] = page.rows.map((r) => ({
      position: Number(r.position),
      auditId: Number(r.audit_id),
      prevHash: r.prev_hash,
      hash: r.hash,
      canonical: r.canonical,
    }));
    const result = checkSeals(last, seals);
    if (!result.ok) {
      const good = seals.slice(0, Math.max(0, seals.findIndex((s) => s.position >= result.failure.position)));
      checked += good.length;
      const lastGood = good[good.length - 1];
      if (lastGood) last = { position: lastGood.position, hash: lastGood.hash };
      return report(result.failure);
    }
    const anchor = options.anchor;
    if (anchor && anchor.position > last.position && anchor.position <= result.last.position) {
      const seal = seals.find((s) => s.position === anchor.position)!;
      if (seal.hash !== anchor.hash) {
        const before = seals[seals.indexOf(seal) - 1];
        checked += seals.indexOf(seal);
        if (before) last = { position: before.position, hash: before.hash };
        return report({
          kind: 'anchor_mismatch',
          position: anchor.position,
          auditId: seal.auditId,
          message: `seal ${anchor.position} is not the one recorded as the anchor: the chain up to it was rewritten`,
        });
      }
    }
    checked += seals.length;
    last = result.last;
    if (seals.length < PAGE) break;
  }
  if (options.anchor && options.anchor.position > last.position) {
    return report({
      kind: 'missing_seal',
      position: last.position + 1,
      auditId: null,
      message: `the chain ends at seal ${last.position}, but seal ${options.anchor.position} was recorded as the anchor: seals were deleted`,
    });
  }
  return report(await unsealedRow(db));
}

/** A row that no seal covers and that is not waiting for one, or a queued row that is gone. */
async function unsealedRow(db: Db): Promise<VerifyReport['failure']> {
  const orphan = await sql<{ id: number }>`
    select a.id from audit_log a
    where not exists (select 1 from audit_seals s where s.audit_id = a.id)
      and not exists (select 1 from audit_pending p where p.audit_id = a.id)
    order by a.id limit 1`.execute(db);
  const row = orphan.rows[0];
  if (row) {
    return { kind: 'unsealed_row', position: 0, auditId: Number(row.id), message: `audit row ${row.id} has no seal and is not queued for one: its queue entry was removed` };
  }
  const gone = await sql<{ audit_id: number }>`
    select p.audit_id from audit_pending p
    where not exists (select 1 from audit_log a where a.id = p.audit_id)
    order by p.audit_id limit 1`.execute(db);
  const missing = gone.rows[0];
  if (missing) {
    return { kind: 'row_deleted', position: 0, auditId: Number(missing.audit_id), message: `audit row ${missing.audit_id} was deleted before it was sealed` };
  }
  return null;
}
