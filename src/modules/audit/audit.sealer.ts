// Seals committed audit rows onto the hash chain. Writers never wait for this: they only insert
// rows (a trigger queues their ids in audit_pending). One sealer at a time — a transaction-scoped
// advisory lock, so several processes can run the loop — takes the pending rows in id order,
// appends their seals after the chain's head and removes them from the queue, all in one
// transaction. A row whose transaction commits late is simply sealed by a later round.
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/database.ts';
import type { DB } from '../../db/schema.ts';
import { canonicalSql, GENESIS_HASH, sealHash } from './audit.chain.ts';

type Db = Kysely<DB>;

const SEAL_LOCK = 7_261_310; // any constant shared by every Afterdesk process (migrations use 7_261_123)
const BATCH = 1_000;
const INTERVAL_MS = 1_000;

/**
 * Seals what is pending now. `wait`: block until another sealer is done (verification) instead
 * of leaving the work to it (the loop). Returns how many rows were sealed.
 */
export async function sealPending(db: Db, options: { wait?: boolean; batchSize?: number } = {}): Promise<number> {
  const batchSize = options.batchSize ?? BATCH;
  let total = 0;
  for (;;) {
    const round = await db.transaction().execute((trx) => sealBatch(trx, batchSize, options.wait ?? false));
    if (round === null) return total; // another sealer is at work
    total += round.sealed;
    if (round.taken < batchSize) return total;
  }
}

async function sealBatch(trx: Db, batchSize: number, wait: boolean): Promise<{ taken: number; sealed: number } | null> {
  if (wait) {
    await sql`select pg_advisory_xact_lock(${SEAL_LOCK})`.execute(trx);
  } else {
    const got = await sql<{ ok: boolean }>`select pg_try_advisory_xact_lock(${SEAL_LOCK}) as ok`.execute(trx);
    if (!got.rows[0]?.ok) return null;
  }
  // Queued ids whose row is gone are left queued and skipped: verification reports them.
  const pending = await sql<{ audit_id: number; canonical: string; sealed: boolean }>`
    select p.audit_id, ${canonicalSql('a')} as canonical,
           exists (select 1 from audit_seals s where s.audit_id = p.audit_id) as sealed
    from audit_pending p
    join audit_log a on a.id = p.audit_id
    order by p.audit_id
    limit ${batchSize}`.execute(trx);
  if (pending.rows.length === 0) return { taken: 0, sealed: 0 };
  // An id queued twice by hand is already sealed: it just leaves the queue.
  const toSeal = pending.rows.filter((r) => !r.sealed);
  const head = await trx.selectFrom('audit_seals').select(['position', 'hash']).orderBy('position', 'desc').limit(1).executeTakeFirst();
  let position = head ? Number(head.position) : 0;
  let prev = head?.hash ?? GENESIS_HASH;
  const seals = toSeal.map((r) => {
    position += 1;
    const hash = sealHash(position, prev, r.canonical);
    const seal = { position, audit_id: Number(r.audit_id), prev_hash: prev, hash };
    prev = hash;
    return seal;
  });
  if (seals.length > 0) {
    await sql`
      insert into audit_seals (position, audit_id, prev_hash, hash)
      select * from unnest(
        ${seals.map((s) => s.position)}::bigint[], ${seals.map((s) => s.audit_id)}::bigint[],
        ${seals.map((s) => s.prev_hash)}::text[], ${seals.map((s) => s.hash)}::text[]
      )`.execute(trx);
  }
  await sql`delete from audit_pending where audit_id = any(${pending.rows.map((r) => Number(r.audit_id))}::bigint[])`.execute(trx);
  return { taken: pending.rows.length, sealed: seals.length };
}

export interface AuditSealer {
  /** Seals what is pending now (tests, verification, export). */
  sealPending(options?: { wait?: boolean }): Promise<number>;
  /** Runs the sealing loop in this process (the server does, beside the SLA scheduler). */
  start(): void;
  stop(): Promise<void>;
}

export function createAuditSealer(database: Database, options: { intervalMs?: number } = {}): AuditSealer {
  const intervalMs = options.intervalMs ?? INTERVAL_MS;
  let running = false;
  let loop: Promise<void> | null = null;
  let timer: NodeJS.Timeout | null = null;
  let wake: (() => void) | null = null;

  async function run(): Promise<void> {
    while (running) {
      try {
        await sealPending(database.db);
      } catch (error) {
        console.error('[audit] sealing failed; retrying', error);
      }
      if (!running) return;
      await new Promise<void>((resolve) => {
        wake = resolve;
        timer = setTimeout(resolve, intervalMs);
      });
    }
  }

  return {
    sealPending: (o) => sealPending(database.db, o),
    start() {
      if (running) return;
      running = true;
      loop = run();
    },
    async stop() {
      running = false;
      if (timer) clearTimeout(timer);
      wake?.();
      await loop;
      loop = null;
    },
  };
}
