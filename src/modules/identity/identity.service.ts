import { hash, verify } from '@node-rs/argon2';
import type { Kysely } from 'kysely';
import type { SignInSettings } from '../../config.ts';
import type { DB } from '../../db/schema.ts';
import type { Clock } from '../../shared/clock.ts';
import { AppError } from '../../shared/errors.ts';
import type { Role } from '../../shared/vocabulary.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { findUserByEmail, insertToken, insertUser } from './identity.repository.ts';
import { generateToken, hashToken } from './identity.tokens.ts';
import { assertNotLocked, clearFailedSignIns, recordFailedSignIn, throttleKeys } from './sign-in.throttle.ts';
import { endSignInBySecret, type SignInDelivery, type SignInOrigin, type StartedSignIn, startSignIn } from './sign-ins.ts';

export function hashPassword(password: string): Promise<string> {
  // argon2id is the library's default algorithm.
  return hash(password);
}

// Checked when the email is unknown, so an unknown email costs the same time as a wrong password.
let unknownUserHash: Promise<string> | undefined;
async function verifyPassword(passwordHash: string | null | undefined, password: string): Promise<boolean> {
  if (passwordHash) return verify(passwordHash, password);
  unknownUserHash ??= hash('no account has this password');
  await verify(await unknownUserHash, password);
  return false;
}

/** How the sign-in is handed over and where it comes from. */
export interface SignInRequest extends SignInOrigin {
  delivery: SignInDelivery;
  /** The secret of the sign-in this one replaces (the browser's previous cookie), ended with it. */
  replaces?: string | null;
  requestId: string | null;
  settings: SignInSettings;
}

export interface SignInResult extends StartedSignIn {
  user: { id: string; role: Role; displayName: string };
}

/**
 * Email and password → a new sign-in (a console cookie or a bearer token). Refused while the
 * account or the address is locked after repeated failures; a failure counts towards the lock,
 * a success clears the account's count. Every attempt, failed or not, is audited (auth.sign_in)
 * with the caller's address.
 */
export async function signIn(
  db: Kysely<DB>,
  clock: Clock,
  credentials: { email: string; password: string },
  request: SignInRequest,
): Promise<SignInResult> {
  const keys = throttleKeys(credentials.email, request.ip);
  await assertNotLocked(db, keys, clock.now());
  const user = await findUserByEmail(db, credentials.email);
  const ok = await verifyPassword(user?.password_hash, credentials.password);
  if (!user || !ok) {
    await recordFailedSignIn(db, keys, clock.now(), request.settings, {
      email: credentials.email,
      userId: user?.id ?? null,
      ip: request.ip,
      requestId: request.requestId,
    });
    // The attempted address is kept (repeated failures against one account are the signal); the
    // password never is. Not signed in, so nobody acted as the account: the caller is anonymous.
    await recordAudit(db, {
      at: clock.now(),
      actor: null,
      ip: request.ip,
      requestId: request.requestId,
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
  // Told only to someone who knows the password, so it reveals nothing to a guesser.
  if (user.deactivated_at) {
    throw new AppError({
      status: 403,
      type: 'account-deactivated',
      text: { 'zh-CN': '此账号已停用，请联系管理员', 'en-US': 'This account is deactivated; ask an administrator' },
    });
  }
  const started = await db.transaction().execute(async (trx) => {
    await clearFailedSignIns(trx, keys);
    if (request.replaces) await endSignInBySecret(trx, request.replaces, 'replaced', clock.now());
    const signedIn = await startSignIn(trx, clock.now(), user.id, request.delivery, request, request.settings);
    await recordAudit(trx, {
      at: clock.now(),
      actor: { userId: user.id, role: user.role as Role, displayName: user.display_name },
      ip: request.ip,
      requestId: request.requestId,
      action: 'auth.sign_in',
      subjectType: 'user',
      subjectId: user.id,
      detail: { delivery: request.delivery, expiresAt: signedIn.expiresAt.toISOString() },
    });
    return signedIn;
  });
  return { ...started, user: { id: user.id, role: user.role as Role, displayName: user.display_name } };
}

/** Creates a user with a long-lived API token with every scope (integrations, demo accounts, tests). */
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
