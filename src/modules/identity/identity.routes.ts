import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../http/access.ts';
import type { AppDeps } from '../../http/deps.ts';
import { signIn } from './identity.service.ts';

export async function identityRoutes(root: FastifyInstance, deps: AppDeps): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();
  app.post(
    '/api/v1/auth/sign-in',
    {
      config: { access: 'public' },
      schema: {
        tags: ['identity'],
        summary: 'Sign in with email and password; returns a bearer token',
        security: [],
        body: z.object({ email: z.string().trim().email().max(200), password: z.string().min(1).max(200) }),
      },
    },
    async (request) => {
      const result = await signIn(deps.database.db, deps.clock, request.body, { ip: request.ip, requestId: request.id });
      return { token: result.token, expiresAt: result.expiresAt.toISOString(), user: result.user };
    },
  );
  app.get(
    '/api/v1/me',
    { config: { access: 'authenticated' }, schema: { tags: ['identity'], summary: 'Who am I' } },
    async (request) => {
      const actor = actorOf(request);
      return {
        userId: actor.userId,
        role: actor.role,
        displayName: actor.displayName,
        customerId: actor.customerId,
        merchantId: actor.merchantId,
        department: actor.department,
      };
    },
  );
}
