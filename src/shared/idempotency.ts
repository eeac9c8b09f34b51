// Idempotency-Key support for create commands. The key row is inserted first inside the
// command's transaction: a concurrent request with the same key waits on that row, then sees
// the committed result and replays it, so one key never yields two cases, refunds or messages.
import { createHash } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import type { DB } from '../db/schema.ts';
import { AppError } from './errors.ts';

export interface IdempotentResult<T> {
  status: number;
  body: T;
  replayed: boolean;
}

export function requestHash(operation: string, input: unknown): string {
  return createHash('sha256').update(operation).update('\n').update(JSON.stringify(input)).digest('hex');
}

export async function runIdempotent<T>(
  trx: Kysely<DB>,
  options: { principal: string; key: string | undefined; operation: string; input: unknown; now: Date },
  work: () => Promise<{ status: number; body: T }>,
): Promise<IdempotentResult<T>> {
  if (!options.key) return { ...(await work()), replayed: false };
  const hash = requestHash(options.operation, options.input);
  const claimed = await trx
    .insertInto('idempotency_keys')
    .values({
      principal: options.principal,
      key: options.key,
      operation: options.operation,
      request_hash: hash,
      status_code: 0,
      response: '{}',
      created_at: options.now,
    })
    .onConflict((oc) => oc.columns(['principal', 'key']).doNothing())
    .returning('key')
    .executeTakeFirst();
  if (!claimed) {
    const previous = await trx
      .selectFrom('idempotency_keys')
      .select(['operation', 'request_hash', 'status_code', 'response'])
      .where('principal', '=', options.principal)
      .where('key', '=', options.key)
      .executeTakeFirstOrThrow();
    if (previous.request_hash !== hash || previous.operation !== options.operation) {
      throw new AppError({
        status: 422,
        type: 'idempotency-key-reused',
        field: 'Idempotency-Key',
        text: {
          'zh-CN': '此 Idempotency-Key 已用于内容不同的请求',
          'en-US': 'This Idempotency-Key was already used for a different request',
        },
      });
    }
    return { status: previous.status_code, body: previous.response as T, replayed: true };
  }
  const result = await work();
  await trx
    .updateTable('idempotency_keys')
    .set({ status_code: result.status, response: JSON.stringify(result.body) })
    .where('principal', '=', options.principal)
    .where('key', '=', options.key)
    .execute();
  return { ...result, replayed: false };
}

/** Keys are kept at least 24 hours; older ones may be purged. */
export async function purgeIdempotencyKeys(db: Kysely<DB>, olderThan: Date): Promise<number> {
  const result = await sql`delete from idempotency_keys where created_at < ${olderThan}`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}
