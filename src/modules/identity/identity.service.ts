import { hash, verify } from '@node-rs/argon2';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Clock } from '../../shared/clock.ts';
import { AppError } from '../../shared/errors.ts';
import type { Role } from '../../shared/vocabulary.ts';
import { findUserByEmail, insertToken, insertUser } from './identity.repository.ts';
import { generateToken, hashToken } from './identity.tokens.ts';

const SIGN_IN_TTL_MS = 12 * 3_600_000;

export function hashPassword(password: string): Promise<string> {
  // argon2id is the library's default algorithm.
  return hash(password);
}

export async function signIn(
  db: Kysely<DB>,
  clock: Clock,
  credentials: { email: string; password: string },
): Promise<{ token: string; expiresAt: Date; user: { id: string; role: Role; displayName: string } }> {
  const user = await findUserByEmail(db, credentials.email);
  const ok = user?.password_hash ? await verify(user.password_hash, credentials.password) : false;
  if (!user || !ok) {
    throw new AppError({
      status: 401,
      type: 'invalid-credentials',
      text: { 'zh-CN': '邮箱或密码不正确', 'en-US': 'Wrong email or password' },
    });
  }
  // Told only to someone who knows the password, so it reveals nothing to a guesser.
  if (user.deactivated_at) {
    throw new AppError({
      status: 403,
      type: 'account-deactivated',
      text: { 'zh-CN': '此账号已停用，请联系管理员', 'en-US': 'This account is deactivated; ask an administrator' },
    });
  }
  const token = generateToken();
  const expiresAt = new Date(clock.now().getTime() + SIGN_IN_TTL_MS);
  await insertToken(db, { userId: user.id, name: 'sign-in', tokenHash: hashToken(token), expiresAt });
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
