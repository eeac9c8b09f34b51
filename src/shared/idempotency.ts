// Idempotency-Key support for create commands. The key row is inserted first inside the
// command's transaction: a concurrent request with the same key waits on that row, then sees
// the committed result and replays it, so one key never yields two cases, refunds or messages.
import { createHash } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import type { DB } from '../db/schema.ts';
import { AppError } from './errors.ts';
import { jsonbArray, unnestInsert } from '../db/unnest.ts';

export interface IdempotentResult<T> {
  status: number;
  body: T;
  replayed: boolean;
}

export const keyReused = (): AppError =>
  new AppError({
    status: 422,
    type: 'idempotency-key-reused',
    field: 'Idempotency-Key',
    text: {
      'zh-CN': '此 Idempotency-Key 已用于内容不同的请求',
      'en-US': 'This Idempotency-Key was already used for a different request',
    },
  });

export function requestHash(operation: string, input: unknown): string {
  return createHash('sha256').update(operation).update('\n').update(JSON.stringify(input)).digest('hex');
}

export async function runIdempotent<T>(
  trx: Kysely<DB>,
  options: { principal: string; key: string | undefined; operation: string; input: unknown; now: Date },
  work: () => Promise<{ status: number; body: T }>,
): Promise<IdempotentResult<T>> {
  if (!options.key) return { ...(await work()), replayed: false };
  const claim = { principal: options.principal, key: options.key, operation: options.operation, hash: requestHash(options.operation, options.input) };
  const [previous] = await claimKeys<T>(trx, [claim], options.now);
  if (previous instanceof Error) throw previous;
  if (previous) return { ...previous, replayed: true };
  const result = await work();
  await storeAnswers(trx, [{ principal: claim.principal, key: claim.key, status: result.status, body: result.body }]);
  return { ...result, replayed: false };
}

/**
 * Gives a claimed key back unanswered, in the claiming transaction: for a command that commits a
 * first step and answers only in a later transaction (storing the answer later finds no row).
 */
export async function releaseKey(trx: Kysely<DB>, principal: string, key: string): Promise<void> {
  await trx.deleteFrom('idempotency_keys').where('principal', '=', principal).where('key', '=', key).where('status_code', '=', 0).execute();
}

/** Keys are kept at least 24 hours; older ones may be purged. */
export async function purgeIdempotencyKeys(db: Kysely<DB>, olderThan: Date): Promise<number> {
  const result = await sql`delete from idempotency_keys where created_at < ${olderThan}`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}

export interface KeyClaim {
  principal: string;
  key: string;
  operation: string;
  hash: string;
}

/**
 * Claims many keys with one statement (group commit). Returns, per claim, null when it was
 * claimed now, or the stored first answer (a conflicting request with the same key waits for
 * the other transaction, so what it reads is committed).
 */
export async function claimKeys<T>(
  trx: Kysely<DB>,
  claims: KeyClaim[],
  now: Date,
): Promise<({ status: number; body: T } | AppError | null)[]> {
  if (claims.length === 0) return [];
  const claimed = await trx
    .insertInto('idempotency_keys')
    .values(claims.map((c) => ({ principal: c.principal, key: c.key, operation: c.operation, request_hash: c.hash, status_code: 0, response: '{}', created_at: now })))
    .onConflict((oc) => oc.columns(['principal', 'key']).doNothing())
    .returning(['principal', 'key'])
    .execute();
  const mine = new Set(claimed.map((r) => `${r.principal}\u0000${r.key}`));
  return Promise.all(
    claims.map(async (c) => {
      if (mine.has(`${c.principal}\u0000${c.key}`)) return null;
      const previous = await trx
        .selectFrom('idempotency_keys')
        .select(['operation', 'request_hash', 'status_code', 'response'])
        .where('principal', '=', c.principal)
        .where('key', '=', c.key)
        .executeTakeFirstOrThrow();
      if (previous.request_hash !== c.hash || previous.operation !== c.operation) return keyReused();
      return { status: previous.status_code, body: previous.response as T };
    }),
  );
}

/** Stores the answers of claimed keys with one statement. */
export async function storeAnswers(trx: Kysely<DB>, answers: { principal: string; key: string; status: number; body: unknown }[]): Promise<void> {
  await answersUpdate(answers)?.execute(trx);
}

/** The update storing these answers, to run with other writes (executeTogether); null when there are none. */
export function answersUpdate(answers: { principal: string; key: string; status: number; body: unknown }[]) {
  if (answers.length === 0) return null;
  const column = <T>(pick: (a: (typeof answers)[number]) => T) => answers.map(pick);
  return sql`update idempotency_keys as k set status_code = v.status, response = v.response
    from unnest(${column((a) => a.principal)}::text[], ${column((a) => a.key)}::text[], ${column((a) => a.status)}::int[],
      ${jsonbArray(column((a) => JSON.stringify(a.body)))}) as v(principal, key, status, response)
    where k.principal = v.principal and k.key = v.key`;
}

/**
 * The insert of keys claimed and answered at once, for writes that already know their answers;
 * a key used before fails the whole statement (unique violation), so nothing of it is kept.
 */
export function answeredKeysInsert(answers: { claim: KeyClaim; status: number; body: unknown }[], now: Date) {
  return unnestInsert(
    'idempotency_keys',
    { principal: 'text', key: 'text', operation: 'text', request_hash: 'text', status_code: 'int', response: 'jsonb', created_at: 'timestamptz' },
    answers.map(({ claim, status, body }) => ({
      principal: claim.principal, key: claim.key, operation: claim.operation, request_hash: claim.hash, status_code: status,
      response: JSON.stringify(body), created_at: now,
    })),
  );
}
