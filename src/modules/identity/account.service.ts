// What a signed-in person does with their own credentials: sign out, sign out everywhere, end
// another sign-in, make and revoke integration tokens. Each is one transaction with its audit row.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { AppError, invalid, notFound } from '../../shared/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import type { Actor } from './identity.types.ts';
import { forgetCachedTokens, insertIntegrationToken, revokeAllIntegrationTokens, revokeIntegrationToken } from './integration-tokens.ts';
import type { Scope } from './identity.scopes.ts';
import { endAllSignIns, endSignIn } from './sign-ins.ts';

/** Who asks, from where: for the audit trail. */
export interface AccountRequest {
  actor: Actor;
  now: Date;
  ip: string | null;
  requestId: string | null;
}

function userIdOf(actor: Actor): string {
  if (!actor.userId) throw new AppError({ status: 403, type: 'forbidden', text: { 'zh-CN': '系统身份没有账号', 'en-US': 'The system has no account' } });
  return actor.userId;
}

function audit(req: AccountRequest, action: string, subjectType: string, subjectId: string | null, detail: Record<string, unknown> = {}) {
  return {
    at: req.now,
    actor: req.actor,
    action,
    subjectType,
    subjectId,
    ip: req.ip,
    requestId: req.requestId,
    detail,
  };
}

const signInNotFound = () => notFound({ 'zh-CN': '登录记录', 'en-US': 'Sign-in' }, 'id');

/** Ends the caller's own sign-in (sign-out), or another of their sign-ins (from "My account"). */
export async function endOwnSignIn(db: Kysely<DB>, req: AccountRequest, signInId: string, how: 'sign-out' | 'end-other'): Promise<void> {
  const userId = userIdOf(req.actor);
  await db.transaction().execute(async (trx) => {
    const ended = await endSignIn(trx, userId, signInId, how === 'sign-out' ? 'signed_out' : 'ended', req.now);
    if (!ended) throw signInNotFound();
    await recordAudit(trx, audit(req, how === 'sign-out' ? 'auth.signed_out' : 'auth.sign_in_ended', 'sign_in', signInId));
  });
}

/** Ends every sign-in of the caller and, when asked, revokes their integration tokens too. */
export async function signOutEverywhere(db: Kysely<DB>, req: AccountRequest, includeIntegrationTokens: boolean): Promise<{ endedSignIns: number; revokedTokens: number }> {
  const userId = userIdOf(req.actor);
  const result = await db.transaction().execute(async (trx) => {
    const endedSignIns = await endAllSignIns(trx, userId, req.now);
    const revokedTokens = includeIntegrationTokens ? await revokeAllIntegrationTokens(trx, userId, req.now) : 0;
    await recordAudit(trx, audit(req, 'auth.signed_out_everywhere', 'user', userId, { endedSignIns, revokedTokens, includeIntegrationTokens }));
    return { endedSignIns, revokedTokens };
  });
  if (includeIntegrationTokens) forgetCachedTokens({ userId });
  return result;
}

const MAX_TOKENS_PER_USER = 50;

export async function createIntegrationToken(
  db: Kysely<DB>,
  req: AccountRequest,
  input: { name: string; scopes: readonly Scope[]; expiresInDays: number | null },
): Promise<{ id: string; token: string; expiresAt: Date | null }> {
  const userId = userIdOf(req.actor);
  const scopes = [...new Set(input.scopes)];
  if (scopes.length === 0) {
    throw invalid('scopes', { 'zh-CN': '至少选择一个权限范围', 'en-US': 'Choose at least one scope' });
  }
  const expiresAt = input.expiresInDays === null ? null : new Date(req.now.getTime() + input.expiresInDays * 86_400_000);
  return db.transaction().execute(async (trx) => {
    const live = await trx
      .selectFrom('api_tokens')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('user_id', '=', userId)
      .where('revoked_at', 'is', null)
      .executeTakeFirstOrThrow();
    if (Number(live.n) >= MAX_TOKENS_PER_USER) {
      throw invalid('name', { 'zh-CN': `最多保留 ${MAX_TOKENS_PER_USER} 个令牌，请先吊销不用的`, 'en-US': `At most ${MAX_TOKENS_PER_USER} tokens: revoke unused ones first` }, 'too-many-tokens');
    }
    const created = await insertIntegrationToken(trx, { userId, name: input.name, scopes, expiresAt, createdAt: req.now });
    await recordAudit(trx, audit(req, 'auth.token_created', 'api_token', created.id, { name: input.name, scopes, expiresAt: expiresAt?.toISOString() ?? null }));
    return { ...created, expiresAt };
  });
}

export async function revokeOwnIntegrationToken(db: Kysely<DB>, req: AccountRequest, tokenId: string): Promise<void> {
  const userId = userIdOf(req.actor);
  await db.transaction().execute(async (trx) => {
    const name = await revokeIntegrationToken(trx, userId, tokenId, req.now);
    if (name === null) throw notFound({ 'zh-CN': '访问令牌', 'en-US': 'Access token' }, 'id');
    await recordAudit(trx, audit(req, 'auth.token_revoked', 'api_token', tokenId, { name }));
  });
  forgetCachedTokens({ tokenId });
}
