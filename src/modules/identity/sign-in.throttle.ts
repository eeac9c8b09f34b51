// Lock-out after failed sign-ins, per account and per client address (rule in
// sign-in.throttle.rules.ts). The account key is the digest of the email as typed, whether or not
// such an account exists, so a locked answer never tells whether the email is known. Counts live
// in the database (shared by every process) and run on the injected clock.
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { SignInSettings } from '../../config.ts';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../../shared/errors.ts';
import { formatLocalDateTime } from '../../shared/time.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { afterFailure, type FailureState, lockedUntil, type ThrottleLimits } from './sign-in.throttle.rules.ts';

export interface ThrottleKeys {
  account: string;
  ip: string | null;
}

export function throttleKeys(email: string, ip: string | null): ThrottleKeys {
  const digest = createHash('sha256').update(email.trim().toLowerCase()).digest('hex');
  return { account: `account:${digest}`, ip: ip ? `ip:${ip}` : null };
}

function limitsFor(key: string, settings: SignInSettings): ThrottleLimits {
  const maxFailures = key.startsWith('ip:') ? settings.maxFailuresPerIp : settings.maxFailures;
  return { maxFailures, windowMs: settings.failureWindowMs, lockMs: settings.lockMs };
}

/** The answer while locked: 423 for the account, 429 for the address; both say until when. */
export function lockedError(kind: 'account' | 'ip', until: Date, now: Date): AppError {
  const retryAfterSeconds = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
  const at = formatLocalDateTime(until);
  return new AppError(
    kind === 'account'
      ? {
          status: 423,
          type: 'sign-in-locked',
          field: 'email',
          text: {
            'zh-CN': `登录失败次数过多，此账号已暂时锁定，请在 ${at} 之后再试`,
            'en-US': `Too many failed sign-ins: this account is locked until ${at} (China time)`,
          },
          extra: { lockedUntil: until.toISOString(), retryAfterSeconds },
        }
      : {
          status: 429,
          type: 'sign-in-throttled',
          text: {
            'zh-CN': `此网络地址登录失败次数过多，请在 ${at} 之后再试`,
            'en-US': `Too many failed sign-ins from this address: try again after ${at} (China time)`,
          },
          extra: { lockedUntil: until.toISOString(), retryAfterSeconds },
        },
  );
}

function keysOf(keys: ThrottleKeys): string[] {
  return keys.ip ? [keys.account, keys.ip] : [keys.account];
}

function toState(row: { failures: number; window_started_at: Date; locked_until: Date | null }): FailureState {
  return { failures: row.failures, windowStartedAt: row.window_started_at, lockedUntil: row.locked_until };
}

/** Refuses a sign-in while its account or address is locked (before the password is checked). */
export async function assertNotLocked(db: Kysely<DB>, keys: ThrottleKeys, now: Date): Promise<void> {
  const rows = await db.selectFrom('sign_in_failures').selectAll().where('key', 'in', keysOf(keys)).execute();
  for (const kind of ['account', 'ip'] as const) {
    const row = rows.find((r) => r.key === keys[kind]);
    const until = row ? lockedUntil(toState(row), now) : null;
    if (until) throw lockedError(kind, until, now);
  }
}

/**
 * Counts one failed sign-in against the account and the address, in a transaction of its own (the
 * sign-in itself fails). When this failure locks either, the lock is audited (`auth.locked`) and
 * its answer thrown; otherwise the caller answers "wrong email or password".
 */
export async function recordFailedSignIn(
  db: Kysely<DB>,
  keys: ThrottleKeys,
  now: Date,
  settings: SignInSettings,
  context: { email: string; userId: string | null; ip: string | null; requestId: string | null },
): Promise<void> {
  const lock = await db.transaction().execute(async (trx) => {
    // Counts whose window ran out and whose lock (if any) ended are dropped as they go.
    await trx
      .deleteFrom('sign_in_failures')
      .where('window_started_at', '<=', new Date(now.getTime() - settings.failureWindowMs))
      .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', now)]))
      .execute();
    const keyList = keysOf(keys);
    await trx
      .insertInto('sign_in_failures')
      .values(keyList.map((key) => ({ key, failures: 0, window_started_at: now, locked_until: null })))
      .onConflict((oc) => oc.column('key').doNothing())
      .execute();
    const rows = await trx.selectFrom('sign_in_failures').selectAll().where('key', 'in', keyList).orderBy('key').forUpdate().execute();
    let locked: { kind: 'account' | 'ip'; until: Date; failures: number } | null = null;
    for (const row of rows) {
      const next = afterFailure(toState(row), now, limitsFor(row.key, settings));
      await trx
        .updateTable('sign_in_failures')
        .set({ failures: next.state.failures, window_started_at: next.state.windowStartedAt, locked_until: next.state.lockedUntil })
        .where('key', '=', row.key)
        .execute();
      if (next.lockedNow && next.state.lockedUntil) {
        const kind = row.key === keys.account ? 'account' : 'ip';
        const maxFailures = limitsFor(row.key, settings).maxFailures;
        await recordAudit(trx, {
          at: now,
          actor: null,
          action: 'auth.locked',
          subjectType: kind === 'account' ? 'user' : 'address',
          subjectId: kind === 'account' ? context.userId : context.ip,
          outcome: 'denied',
          ip: context.ip,
          requestId: context.requestId,
          detail: { lock: kind, email: context.email.trim().toLowerCase(), failures: maxFailures, lockedUntil: next.state.lockedUntil.toISOString() },
        });
        if (!locked || kind === 'account') locked = { kind, until: next.state.lockedUntil, failures: maxFailures };
      }
    }
    return locked;
  });
  if (lock) throw lockedError(lock.kind, lock.until, now);
}

/** A successful sign-in clears its account's count (the address's stays: one good account must not reset it). */
export async function clearFailedSignIns(db: Kysely<DB>, keys: ThrottleKeys): Promise<void> {
  await db.deleteFrom('sign_in_failures').where('key', '=', keys.account).execute();
}
