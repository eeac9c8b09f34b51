// Signing in and out, and who is signed in. The console signs in with `cookie: true`: the answer
// sets the httpOnly sign-in cookie and carries the CSRF token its unsafe calls must echo in
// X-CSRF-Token; no token reaches the page. Scripts sign in without it and get a bearer token.
// Integrations use tokens made in "My account" (account.routes.ts).
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../http/access.ts';
import { readCookie } from '../../http/cookies.ts';
import type { AppDeps } from '../../http/deps.ts';
import { clearSignInCookie, setSignInCookie } from '../../http/sign-in.cookie.ts';
import { conflict } from '../../shared/errors.ts';
import { accountRoutes } from './account.routes.ts';
import { endOwnSignIn } from './account.service.ts';
import { accountRequest, credentialOf } from './identity.request.ts';
import { credentialClock, SIGN_IN_COOKIE } from './credentials.ts';
import { signIn } from './identity.service.ts';

export async function identityRoutes(root: FastifyInstance, deps: AppDeps): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { db } = deps.database;
  const clock = credentialClock(deps.clock, deps.simulatedClock !== null);
  const { httpsOnly } = deps.config;

  app.post(
    '/api/v1/auth/sign-in',
    {
      config: { access: 'public', scope: 'any', credentials: 'ignored' },
      schema: {
        tags: ['identity'],
        summary: 'Sign in with email and password',
        description:
          'With `cookie: true` (the console) the answer sets an httpOnly sign-in cookie and returns the `csrfToken` that ' +
          'unsafe calls made with the cookie must send as `X-CSRF-Token`. Without it (scripts) it returns a bearer `token`. ' +
          'Either way the sign-in ends after SIGN_IN_HOURS, after SIGN_IN_IDLE_MINUTES without a call, or on sign-out. ' +
          'Repeated failures lock the email (423) or the address (429) for a while; the answer says until when.',
        security: [],
        body: z.object({
          email: z.string().trim().email().max(200),
          password: z.string().min(1).max(200),
          cookie: z.boolean().default(false),
        }),
      },
    },
    async (request, reply) => {
      const delivery = request.body.cookie ? 'cookie' : 'token';
      const result = await signIn(db, clock, { email: request.body.email, password: request.body.password }, {
        delivery,
        ip: request.ip,
        userAgent: request.headers['user-agent'] ?? null,
        requestId: request.id,
        settings: deps.config.signIn,
        replaces: delivery === 'cookie' ? readCookie(request.headers.cookie, SIGN_IN_COOKIE) : null,
      });
      const expiresAt = result.expiresAt.toISOString();
      if (delivery === 'token') return { token: result.secret, expiresAt, user: result.user };
      setSignInCookie(request, reply, result.secret, deps.config.signIn.lifetimeMs, httpsOnly);
      return { user: result.user, expiresAt, csrfToken: result.csrfToken };
    },
  );

  app.post(
    '/api/v1/auth/sign-out',
    {
      config: { access: 'authenticated', scope: 'any' },
      schema: {
        tags: ['identity'],
        summary: 'End this sign-in (the cookie, or the sign-in token used for the call)',
        description: 'An integration token is not a sign-in: revoke it with DELETE /api/v1/auth/tokens/{id}.',
      },
    },
    async (request, reply) => {
      const credential = credentialOf(request);
      if (credential.kind !== 'sign-in') {
        throw conflict('not-a-sign-in', {
          'zh-CN': '集成令牌不是登录，请在“我的账号”中吊销它',
          'en-US': 'An integration token is not a sign-in: revoke it in My account',
        });
      }
      await endOwnSignIn(db, accountRequest(request, clock.now()), credential.signInId, 'sign-out');
      if (credential.delivery === 'cookie') clearSignInCookie(request, reply, httpsOnly);
      return reply.code(204).send();
    },
  );

  app.get(
    '/api/v1/me',
    {
      config: { access: 'authenticated', scope: 'any' },
      schema: {
        tags: ['identity'],
        summary: 'Who am I',
        description: 'With the sign-in cookie, also the `csrfToken` its unsafe calls must send (the console asks on load).',
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const credential = credentialOf(request);
      return {
        userId: actor.userId,
        role: actor.role,
        displayName: actor.displayName,
        customerId: actor.customerId,
        merchantId: actor.merchantId,
        department: actor.department,
        credential: credential.kind === 'sign-in' ? `sign-in-${credential.delivery}` : 'integration-token',
        scopes: credential.kind === 'sign-in' ? 'all' : credential.scopes,
        ...(credential.kind === 'sign-in' && credential.csrfToken ? { csrfToken: credential.csrfToken, signInId: credential.signInId } : {}),
      };
    },
  );

  await accountRoutes(root, deps, clock);
}
