import { hash, verify } from '@node-rs/argon2';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Clock } from '../../shared/clock.ts';
import { AppError } from '../../shared/errors.ts';
import type { Role } from '../../shared/vocabulary.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { findUserByEmail, insertToken, insertUser } from './identity.repository.ts';
import { generateToken, hashToken } from './identity.tokens.ts';
import type { RequestOrigin } from './identity.types.ts';

const SIGN_IN_TTL_MS = 12 * 3_600_000;

export function hashPassword(password: string): Promise<string> {
  // argon2id is the library's default algorithm.
  return hash(password);
}

/** Signs in; every attempt, failed or not, is audited (auth.sign_in) with the caller's address. */
export async function signIn(
  db: Kysely<DB>,
  clock: Clock,
  credentials: { email: string; password: string },
  origin: RequestOrigin = { ip: null, requestId: null },
): Promise<{ token: string; expiresAt: Date; user: { id: string; role: Role; displayName: string } }> {
  const user = await findUserByEmail(db, credentials.email);
  const ok = user?.password_hash ? await verify(user.password_hash, credentials.password) : false;
  if (!user || !ok) {
    // The attempted address is kept (repeated failures against one account are the signal); the
    // password never is. An unknown address and a wrong password read alike to the caller.
    await recordAudit(db, {
      at: clock.now(),
      // Not signed in, so nobody acted as the account: the caller is anonymous, the account the subject.
      actor: null,
      ip: origin.ip,
      requestId: origin.requestId,
      action: 'auth.sign_in',
      subjectType: 'user',
      subjectId: user?.id ?? null,
      outcome: 'failed',
      detail: { email: credentials.email.toLowerCase().slice(0, 200), reason: user ? 'wrong_password' : 'unknown_email' },
    });
    throw new AppError({
      status: 401,
      type: 'invalid-credentials',
      text: { 'zh-CN': '邮箱或密码不正确', 'en-US': 'Wrong email or password' },
    });
  }
  const token = generateToken();
  const now = clock.now();
  const expiresAt = new Date(now.getTime() + SIGN_IN_TTL_MS);
  await db.transaction().execute(async (trx) => {
    await insertToken(trx, { userId: user.id, name: 'sign-in', tokenHash: hashToken(token), expiresAt });
    await recordAudit(trx, {
      at: now,
      actor: { userId: user.id, role: user.role as Role, displayName: user.display_name, origin },
      action: 'auth.sign_in',
      subjectType: 'user',
      subjectId: user.id,
      detail: { expiresAt: expiresAt.toISOString() },
    });
  });
  return { token, expiresAt, user: { id: user.id, role: user.role as Role, displayName: user.display_name } };
}

/** Creates a user with a long-lived API token (integrations, demo accounts, tests). */
export async function createUserWithToken(
  db: Kysely<DB>,
  user: Omit<Parameters<typeof insertUser>[1], 'passwordHash'> & { password?: string; token?: string },
): Promise<{ userId: string; token: string }> {
  const passwordHash = user.password ? await hashPassword(user.password) : null;
  const userId = await insertUser(db, { ...user, passwordHash });
  const token = user.token ?? generateToken();
  await insertToken(db, { userId, name: 'api', tokenHash: hashToken(token), expiresAt: null });
  return { userId, token };
}
