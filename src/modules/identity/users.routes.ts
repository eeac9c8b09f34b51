// HTTP for user management (admins only): list with filters and pages, one user, create with an
// initial password, change or deactivate, and the choices the create form needs.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, forgetActorsOf } from '../../http/access.ts';
import type { AppDeps } from '../../http/deps.ts';
import { DEPARTMENT_LABELS, DEPARTMENTS } from '../../shared/vocabulary.ts';
import { rerouteCasesOf, rerouteCasesOutOfRole } from '../routing/routing.service.ts';
import { merchantChoices } from './users.repository.ts';
import { MANAGED_ROLES } from './users.rules.ts';
import { createUser, getUser, listUsers, type RequestOrigin, updateUser } from './users.service.ts';

const ADMIN = ['admin'] as const;
const LOCALES = ['zh-CN', 'en-US'] as const;
const LISTED_ROLES = [...MANAGED_ROLES, 'customer'] as const;

const idParams = z.object({ id: z.string().uuid() });
const displayName = z.string().trim().min(1).max(100);

const listQuery = z.object({
  role: z.enum(LISTED_ROLES).optional(),
  department: z.enum(DEPARTMENTS).optional(),
  merchantId: z.string().uuid().optional(),
  q: z.string().trim().max(200).optional(),
  status: z.enum(['active', 'deactivated']).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(20),
  offset: z.coerce.number().int().min(0).default(0),
});

const createBody = z.object({
  email: z.string().trim().toLowerCase().email().max(200),
  displayName,
  role: z.enum(MANAGED_ROLES),
  /** The initial password; the user signs in with it (stored as an argon2id hash only). */
  password: z.string().min(8).max(200),
  /** Required for role `department`, refused for any other. */
  department: z.enum(DEPARTMENTS).optional(),
  /** Required for role `merchant`, refused for any other. */
  merchantId: z.string().uuid().optional(),
  locale: z.enum(LOCALES).optional(),
});

const updateBody = z
  .object({
    displayName: displayName.optional(),
    role: z.enum(MANAGED_ROLES).optional(),
    /** null clears it (only when the new role is not `department`). */
    department: z.enum(DEPARTMENTS).nullable().optional(),
    merchantId: z.string().uuid().nullable().optional(),
    locale: z.enum(LOCALES).optional(),
    /** false deactivates (no sign-in, every token revoked), true reactivates. */
    active: z.boolean().optional(),
  })
  .strict();

const optionsQuery = z.object({ merchantQuery: z.string().trim().max(100).optional() });

function originOf(request: FastifyRequest): RequestOrigin {
  return { ip: request.ip ?? null, requestId: request.id ?? null };
}

export async function userRoutes(root: FastifyInstance, deps: AppDeps): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { db } = deps.database;

  app.get(
    '/api/v1/users',
    {
      config: { access: ADMIN },
      schema: { tags: ['users'], summary: 'Users, newest first: filter by role, department, merchant, status; q searches email and name', querystring: listQuery },
    },
    async (request) => listUsers(db, request.query),
  );

  app.get(
    '/api/v1/users/options',
    {
      config: { access: ADMIN },
      schema: { tags: ['users'], summary: 'What a user can be given: roles, departments, and merchants (by name, at most 50)', querystring: optionsQuery },
    },
    async (request) => ({
      roles: MANAGED_ROLES,
      departments: DEPARTMENTS.map((key) => ({ key, label: DEPARTMENT_LABELS[key] })),
      merchants: await merchantChoices(db, request.query.merchantQuery, 50),
    }),
  );

  app.get(
    '/api/v1/users/:id',
    { config: { access: ADMIN }, schema: { tags: ['users'], summary: 'One user', params: idParams } },
    async (request) => getUser(db, request.params.id),
  );

  app.post(
    '/api/v1/users',
    {
      config: { access: ADMIN },
      schema: { tags: ['users'], summary: 'Create a staff, department or merchant-staff user with an initial password', body: createBody },
    },
    async (request, reply) => {
      const user = await createUser(db, deps.clock, actorOf(request), request.body, originOf(request));
      reply.status(201);
      return user;
    },
  );

  app.patch(
    '/api/v1/users/:id',
    {
      config: { access: ADMIN },
      schema: {
        tags: ['users'],
        summary: "Change a user's name, role, department, merchant or language, or deactivate/reactivate them (not one's own access)",
        params: idParams,
        body: updateBody,
      },
    },
    async (request) => {
      const user = await updateUser(db, deps.clock, actorOf(request), request.params.id, request.body, originOf(request), {
        deactivated: (trx, userId, now) => rerouteCasesOf(deps, trx, userId, now),
        roleChanged: (trx, userId, role, now) => rerouteCasesOutOfRole(deps, trx, userId, role, now),
      });
      // After commit: this process stops honouring what it remembered of the user's tokens.
      forgetActorsOf(request.params.id);
      return user;
    },
  );
}
