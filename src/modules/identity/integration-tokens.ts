// Integration tokens: long-lived bearer tokens for other systems (the shop system's feed,
// scripts), each with a name, scopes and an optional expiry. Made by a signed-in person, shown
// once, stored as a SHA-256 digest, listed and revoked in "My account". A token's actor is
// remembered in-process for a few seconds (a busy feed would otherwise pay a lookup per call);
// revoking in this process forgets it at once.
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Role } from '../../shared/vocabulary.ts';
import type { Actor } from './identity.types.ts';
import { generateToken, hashToken } from './identity.tokens.ts';
import { SCOPES, type Scope } from './identity.scopes.ts';

export interface ResolvedToken {
  actor: Actor;
  tokenId: string;
  scopes: readonly string[];
}

const CACHE_MS = 5_000;
const CACHE_MAX = 10_000;
/** last_used_at is written at most this often per token. */
const TOUCH_EVERY_MS = 60_000;
const cache = new Map<string, { token: ResolvedToken; expiresAt: Date | null; until: number }>();

/** Forgets cached tokens (all of a user's, or one), so a revocation takes effect in this process now. */
export function forgetCachedTokens(match: { userId: string } | { tokenId: string }): void {
  for (const [hash, entry] of cache) {
    if ('userId' in match ? entry.token.actor.userId === match.userId : entry.token.tokenId === match.tokenId) cache.delete(hash);
  }
}

/** The live integration token with this secret, or null (unknown, revoked or expired). */
export async function resolveIntegrationToken(db: Kysely<DB>, secret: string, now: Date): Promise<ResolvedToken | null> {
  const tokenHash = hashToken(secret);
  const cached = cache.get(tokenHash);
  if (cached && cached.until > performance.now()) {
    return cached.expiresAt && cached.expiresAt <= now ? null : cached.token;
  }
  const row = await db
    .selectFrom('api_tokens as t')
    .innerJoin('users as u', 'u.id', 't.user_id')
    .select(['t.id as token_id', 't.scopes', 't.expires_at', 't.revoked_at', 't.last_used_at'])
    .select(['u.id', 'u.role', 'u.display_name', 'u.customer_id', 'u.merchant_id', 'u.department'])
    .where('t.token_hash', '=', tokenHash)
    // A deactivated person's credentials stop working at once.
    .where('u.deactivated_at', 'is', null)
    .executeTakeFirst();
  if (!row || row.revoked_at || (row.expires_at && row.expires_at <= now)) {
    cache.delete(tokenHash);
    return null;
  }
  if (!row.last_used_at || now.getTime() - row.last_used_at.getTime() >= TOUCH_EVERY_MS) {
    await db.updateTable('api_tokens').set({ last_used_at: now }).where('id', '=', row.token_id).execute();
  }
  const token: ResolvedToken = {
    actor: {
      userId: row.id,
      role: row.role as Role,
      displayName: row.display_name,
      customerId: row.customer_id,
      merchantId: row.merchant_id,
      department: row.department,
    },
    tokenId: row.token_id,
    scopes: row.scopes,
  };
  if (cache.size >= CACHE_MAX) cache.clear();
  cache.set(tokenHash, { token, expiresAt: row.expires_at, until: performance.now() + CACHE_MS });
  return token;
}

export async function insertIntegrationToken(
  db: Kysely<DB> | Transaction<DB>,
  token: { userId: string; name: string; scopes?: readonly Scope[]; expiresAt: Date | null; createdAt?: Date },
): Promise<{ id: string; token: string }> {
  const secret = generateToken();
  const row = await db
    .insertInto('api_tokens')
    .values({
      user_id: token.userId,
      name: token.name,
      token_hash: hashToken(secret),
      scopes: [...(token.scopes ?? SCOPES)],
      expires_at: token.expiresAt,
      ...(token.createdAt ? { created_at: token.createdAt } : {}),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, token: secret };
}

export interface IntegrationTokenView {
  id: string;
  name: string;
  scopes: string[];
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  expired: boolean;
}

/** A user's tokens that are not revoked (expired ones too, marked, so they can be cleaned up). */
export async function listIntegrationTokens(db: Kysely<DB>, userId: string, now: Date): Promise<IntegrationTokenView[]> {
  const rows = await db
    .selectFrom('api_tokens')
    .select(['id', 'name', 'scopes', 'created_at', 'last_used_at', 'expires_at'])
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .orderBy('created_at', 'desc')
    .limit(200)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    scopes: r.scopes,
    createdAt: r.created_at.toISOString(),
    lastUsedAt: r.last_used_at?.toISOString() ?? null,
    expiresAt: r.expires_at?.toISOString() ?? null,
    expired: r.expires_at !== null && r.expires_at <= now,
  }));
}

/** Revokes one of a user's tokens; returns its name, or null when there is no such live token. */
export async function revokeIntegrationToken(db: Kysely<DB> | Transaction<DB>, userId: string, tokenId: string, now: Date): Promise<string | null> {
  const row = await db
    .updateTable('api_tokens')
    .set({ revoked_at: now })
    .where('id', '=', tokenId)
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .returning('name')
    .executeTakeFirst();
  if (row) forgetCachedTokens({ tokenId });
  return row?.name ?? null;
}

/** Revokes every token of a user; returns how many. */
export async function revokeAllIntegrationTokens(db: Kysely<DB> | Transaction<DB>, userId: string, now: Date): Promise<number> {
  const result = await db.updateTable('api_tokens').set({ revoked_at: now }).where('user_id', '=', userId).where('revoked_at', 'is', null).executeTakeFirst();
  forgetCachedTokens({ userId });
  return Number(result.numUpdatedRows);
}
