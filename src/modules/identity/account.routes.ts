// "My account": a person's sign-ins (list, end one, end all) and integration tokens (make, list,
// revoke). With a token these need the `admin` scope: an integration token that reads cases must
// not be able to end its person's sign-ins or mint tokens.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../http/deps.ts';
import { clearSignInCookie } from '../../http/sign-in.cookie.ts';
import type { Clock } from '../../shared/clock.ts';
import { STAFF_ROLES } from '../../shared/vocabulary.ts';
import { createIntegrationToken, endOwnSignIn, revokeOwnIntegrationToken, signOutEverywhere } from './account.service.ts';
import { accountRequest, credentialOf } from './identity.request.ts';
import { SCOPES } from './identity.scopes.ts';
import { listIntegrationTokens } from './integration-tokens.ts';
import { listSignIns } from './sign-ins.ts';

const idParams = z.object({ id: z.string().uuid() });

export async function accountRoutes(root: FastifyInstance, deps: AppDeps, clock: Clock): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { db } = deps.database;
  const { httpsOnly } = deps.config;

  app.post(
    '/api/v1/auth/sign-out-everywhere',
    {
      config: { access: 'authenticated', scope: 'admin' },
      schema: {
        tags: ['identity'],
        summary: 'End every sign-in of the caller (all browsers and sign-in tokens)',
        description: 'Integration tokens keep working unless `includeIntegrationTokens` is true.',
        body: z.object({ includeIntegrationTokens: z.boolean().default(false) }).default({ includeIntegrationTokens: false }),
      },
    },
    async (request, reply) => {
      const credential = credentialOf(request);
      const result = await signOutEverywhere(db, accountRequest(request, clock.now()), request.body.includeIntegrationTokens);
      if (credential.kind === 'sign-in' && credential.delivery === 'cookie') clearSignInCookie(request, reply, httpsOnly);
      return result;
    },
  );

  app.get(
    '/api/v1/auth/sign-ins',
    {
      config: { access: 'authenticated', scope: 'admin' },
      schema: { tags: ['identity'], summary: "The caller's live sign-ins: device, address, when last seen" },
    },
    async (request) => {
      const credential = credentialOf(request);
      const actor = accountRequest(request, clock.now()).actor;
      const currentId = credential.kind === 'sign-in' ? credential.signInId : null;
      return { items: actor.userId ? await listSignIns(db, actor.userId, currentId, clock.now(), deps.config.signIn) : [] };
    },
  );

  app.delete(
    '/api/v1/auth/sign-ins/:id',
    {
      config: { access: 'authenticated', scope: 'admin' },
      schema: { tags: ['identity'], summary: 'End one of the caller’s sign-ins (e.g. a forgotten browser)', params: idParams },
    },
    async (request, reply) => {
      const credential = credentialOf(request);
      await endOwnSignIn(db, accountRequest(request, clock.now()), request.params.id, 'end-other');
      if (credential.kind === 'sign-in' && credential.signInId === request.params.id && credential.delivery === 'cookie') {
        clearSignInCookie(request, reply, httpsOnly);
      }
      return reply.code(204).send();
    },
  );

  app.get(
    '/api/v1/auth/tokens',
    {
      config: { access: STAFF_ROLES, scope: 'admin' },
      schema: { tags: ['identity'], summary: "The caller's integration tokens (name, scopes, created, last used, expiry), never their secrets" },
    },
    async (request) => {
      const { actor, now } = accountRequest(request, clock.now());
      return { items: actor.userId ? await listIntegrationTokens(db, actor.userId, now) : [] };
    },
  );

  app.post(
    '/api/v1/auth/tokens',
    {
      config: { access: STAFF_ROLES, scope: 'admin' },
      schema: {
        tags: ['identity'],
        summary: 'Make an integration token; its secret is in this answer only',
        description:
          'The token acts as the caller, narrowed to its scopes: cases:read, cases:write, orders:read, orders:write ' +
          '(the shop-system upserts), admin (configuration, sign-ins and tokens). `expiresInDays: null` never expires.',
        body: z.object({
          name: z.string().trim().min(1).max(80),
          scopes: z.array(z.enum(SCOPES)).min(1).max(SCOPES.length),
          expiresInDays: z.number().int().min(1).max(3650).nullable().default(90),
        }),
      },
    },
    async (request, reply) => {
      const req = accountRequest(request, clock.now());
      const created = await createIntegrationToken(db, req, request.body);
      return reply.code(201).send({
        id: created.id,
        token: created.token,
        name: request.body.name,
        scopes: [...new Set(request.body.scopes)],
        createdAt: req.now.toISOString(),
        expiresAt: created.expiresAt?.toISOString() ?? null,
      });
    },
  );

  app.delete(
    '/api/v1/auth/tokens/:id',
    {
      config: { access: STAFF_ROLES, scope: 'admin' },
      schema: { tags: ['identity'], summary: 'Revoke one of the caller’s integration tokens', params: idParams },
    },
    async (request, reply) => {
      await revokeOwnIntegrationToken(db, accountRequest(request, clock.now()), request.params.id);
      return reply.code(204).send();
    },
  );
}
