// Sign-ins: a person's password sign-in, handed to the console as an httpOnly cookie (with a CSRF
// token bound to it) or to a script as a bearer token. Only the secret's SHA-256 is stored. A
// sign-in ends at its expiry, after SIGN_IN_IDLE_MINUTES without a request, on sign-out, or
// when its person signs out everywhere.
import { randomBytes } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { SignInSettings } from '../../config.ts';
import type { DB } from '../../db/schema.ts';
import type { Role } from '../../shared/vocabulary.ts';
import type { Actor } from './identity.types.ts';
import { generateToken, hashToken } from './identity.tokens.ts';

export type SignInDelivery = 'cookie' | 'token';
export type SignInEndReason = 'signed_out' | 'signed_out_everywhere' | 'ended' | 'replaced';

/** Where a sign-in came from, kept so its person can recognise it in "My account". */
export interface SignInOrigin {
  ip: string | null;
  userAgent: string | null;
}

export interface StartedSignIn {
  signInId: string;
  /** The cookie value or bearer token: given to the client once, never stored. */
  secret: string;
  csrfToken: string | null;
  expiresAt: Date;
}

export interface LiveSignIn {
  actor: Actor;
  signInId: string;
  delivery: SignInDelivery;
  csrfToken: string | null;
}

const USER_AGENT_MAX = 400;
/** last_seen_at is written at most this often per sign-in (it only has to serve the idle timeout). */
const TOUCH_EVERY_MS = 60_000;

export async function startSignIn(
  db: Kysely<DB> | Transaction<DB>,
  now: Date,
  userId: string,
  delivery: SignInDelivery,
  origin: SignInOrigin,
  settings: Pick<SignInSettings, 'lifetimeMs'>,
): Promise<StartedSignIn> {
  const secret = delivery === 'cookie' ? randomBytes(32).toString('base64url') : generateToken();
  const csrfToken = delivery === 'cookie' ? randomBytes(32).toString('base64url') : null;
  const expiresAt = new Date(now.getTime() + settings.lifetimeMs);
  const row = await db
    .insertInto('sign_ins')
    .values({
      user_id: userId,
      secret_hash: hashToken(secret),
      delivery,
      csrf_token: csrfToken,
      user_agent: origin.userAgent?.slice(0, USER_AGENT_MAX) ?? null,
      ip: origin.ip,
      created_at: now,
      last_seen_at: now,
      expires_at: expiresAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { signInId: row.id, secret, csrfToken, expiresAt };
}

function isLive(row: { ended_at: Date | null; expires_at: Date; last_seen_at: Date }, now: Date, idleMs: number): boolean {
  return row.ended_at === null && row.expires_at > now && now.getTime() - row.last_seen_at.getTime() < idleMs;
}

/** The live sign-in a secret belongs to (delivered the way it is presented), or null. Marks it seen. */
export async function resolveSignIn(
  db: Kysely<DB>,
  secret: string,
  delivery: SignInDelivery,
  now: Date,
  settings: Pick<SignInSettings, 'idleMs'>,
): Promise<LiveSignIn | null> {
  const row = await db
    .selectFrom('sign_ins as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .select(['s.id as sign_in_id', 's.delivery', 's.csrf_token', 's.ended_at', 's.expires_at', 's.last_seen_at'])
    .select(['u.id', 'u.role', 'u.display_name', 'u.customer_id', 'u.merchant_id', 'u.department'])
    .where('s.secret_hash', '=', hashToken(secret))
    // A deactivated person's credentials stop working at once.
    .where('u.deactivated_at', 'is', null)
    .executeTakeFirst();
  if (!row || row.delivery !== delivery || !isLive(row, now, settings.idleMs)) return null;
  if (now.getTime() - row.last_seen_at.getTime() >= Math.min(TOUCH_EVERY_MS, settings.idleMs / 10)) {
    await db.updateTable('sign_ins').set({ last_seen_at: now }).where('id', '=', row.sign_in_id).where('ended_at', 'is', null).execute();
  }
  return {
    actor: {
      userId: row.id,
      role: row.role as Role,
      displayName: row.display_name,
      customerId: row.customer_id,
      merchantId: row.merchant_id,
      department: row.department,
    },
    signInId: row.sign_in_id,
    delivery: row.delivery,
    csrfToken: row.csrf_token,
  };
}

/** Ends one live sign-in of a user; false when there is none with that id. */
export async function endSignIn(db: Kysely<DB> | Transaction<DB>, userId: string, signInId: string, reason: SignInEndReason, now: Date): Promise<boolean> {
  const result = await db
    .updateTable('sign_ins')
    .set({ ended_at: now, ended_reason: reason })
    .where('id', '=', signInId)
    .where('user_id', '=', userId)
    .where('ended_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Ends the sign-in a secret belongs to, whoever's it is (holding the secret is the proof). */
export async function endSignInBySecret(db: Kysely<DB> | Transaction<DB>, secret: string, reason: SignInEndReason, now: Date): Promise<void> {
  await db
    .updateTable('sign_ins')
    .set({ ended_at: now, ended_reason: reason })
    .where('secret_hash', '=', hashToken(secret))
    .where('ended_at', 'is', null)
    .execute();
}

/** Ends every sign-in of a user (cookies and sign-in tokens); returns how many were live. */
export async function endAllSignIns(db: Kysely<DB> | Transaction<DB>, userId: string, now: Date): Promise<number> {
  const result = await db
    .updateTable('sign_ins')
    .set({ ended_at: now, ended_reason: 'signed_out_everywhere' })
    .where('user_id', '=', userId)
    .where('ended_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export interface SignInView {
  id: string;
  delivery: SignInDelivery;
  userAgent: string | null;
  ip: string | null;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  current: boolean;
}

/** A user's live sign-ins, most recently seen first. */
export async function listSignIns(db: Kysely<DB>, userId: string, currentId: string | null, now: Date, settings: Pick<SignInSettings, 'idleMs'>): Promise<SignInView[]> {
  const rows = await db
    .selectFrom('sign_ins')
    .select(['id', 'delivery', 'user_agent', 'ip', 'created_at', 'last_seen_at', 'expires_at', 'ended_at'])
    .where('user_id', '=', userId)
    .where('ended_at', 'is', null)
    .where('expires_at', '>', now)
    .where('last_seen_at', '>', new Date(now.getTime() - settings.idleMs))
    .orderBy('last_seen_at', 'desc')
    .limit(200)
    .execute();
  return rows
    .filter((r) => isLive(r, now, settings.idleMs))
    .map((r) => ({
      id: r.id,
      delivery: r.delivery,
      userAgent: r.user_agent,
      ip: r.ip,
      createdAt: r.created_at.toISOString(),
      lastSeenAt: r.last_seen_at.toISOString(),
      expiresAt: r.expires_at.toISOString(),
      current: r.id === currentId,
    }));
}
