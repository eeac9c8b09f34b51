// HTTP for collaboration requests (ORG-2, SLA-7): case handlers ask a department, the
// department (or a supervisor for it) answers, the asker or a supervisor withdraws; departments
// see their worklist, staff everything, customers and merchants nothing.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../http/access.ts';
import type { AppDeps } from '../../http/deps.ts';
import type { IdempotentResult } from '../../shared/idempotency.ts';
import { DEPARTMENTS, type Role, STAFF_ROLES } from '../../shared/vocabulary.ts';
import { answerCollaboration, askCollaboration, cancelCollaboration } from './collaboration.actions.ts';
import { listCollaborations } from './collaboration.queries.ts';
import { COLLABORATION_STATUSES } from './collaboration.repository.ts';

const idempotencyHeaders = z.object({
  'idempotency-key': z.string().trim().min(8).max(128).optional(),
});
const caseNoParams = z.object({ caseNo: z.string().trim().min(1).max(32) });
const idParams = z.object({ id: z.string().uuid() });

/**
 * Who handles cases (the state machine's HANDLERS), and compliance, whose legal-risk assessment
 * (SLA-9) may need legal's view: they ask and may withdraw their own requests.
 */
const ASKERS: readonly Role[] = ['agent', 'specialist', 'supervisor', 'compliance', 'admin'];
const ANSWERERS: readonly Role[] = ['department', 'supervisor', 'admin'];
const READERS: readonly Role[] = ['department', ...STAFF_ROLES];

const askBody = z.object({
  department: z.enum(DEPARTMENTS),
  question: z.string().trim().min(1).max(4000),
  /** A deadline of the asker's own, in minutes from now; without it the collaboration_reply target (2 h) applies. */
  dueMinutes: z.number().int().min(5).max(7 * 24 * 60).optional(),
});
const answerBody = z.object({ answer: z.string().trim().min(1).max(8000) });
const cancelBody = z.object({ reason: z.string().trim().max(2000).optional() }).default({});
const listQuery = z.object({
  department: z.enum(DEPARTMENTS).optional(),
  status: z.enum(COLLABORATION_STATUSES).optional(),
  late: z.enum(['true', 'false']).optional(),
  caseNo: z.string().trim().min(1).max(32).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

function send<T>(reply: FastifyReply, result: IdempotentResult<T>): T {
  reply.status(result.status);
  if (result.replayed) reply.header('idempotent-replayed', 'true');
  return result.body;
}

export async function collaborationRoutes(root: FastifyInstance, deps: AppDeps): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.post(
    '/api/v1/cases/:caseNo/collaborations',
    {
      config: { access: ASKERS },
      schema: {
        tags: ['collaboration'],
        summary: 'Ask a department for help on a case (协同请求); answered within 2 h unless dueMinutes is given',
        params: caseNoParams,
        headers: idempotencyHeaders,
        body: askBody,
      },
    },
    async (request, reply) =>
      send(reply, await askCollaboration(deps, actorOf(request), request.params.caseNo, request.body, request.headers['idempotency-key'])),
  );

  app.post(
    '/api/v1/collaborations/:id/answer',
    {
      config: { access: ANSWERERS },
      schema: {
        tags: ['collaboration'],
        summary: "Answer a collaboration request (the department's users, or a supervisor)",
        params: idParams,
        headers: idempotencyHeaders,
        body: answerBody,
      },
    },
    async (request, reply) =>
      send(reply, await answerCollaboration(deps, actorOf(request), request.params.id, request.body, request.headers['idempotency-key'])),
  );

  app.post(
    '/api/v1/collaborations/:id/cancel',
    {
      config: { access: ASKERS },
      schema: {
        tags: ['collaboration'],
        summary: 'Withdraw a collaboration request (the asker, or a supervisor)',
        params: idParams,
        headers: idempotencyHeaders,
        body: cancelBody,
      },
    },
    async (request, reply) =>
      send(reply, await cancelCollaboration(deps, actorOf(request), request.params.id, request.body, request.headers['idempotency-key'])),
  );

  app.get(
    '/api/v1/collaborations',
    {
      config: { access: READERS },
      schema: {
        tags: ['collaboration'],
        summary: "Collaboration requests: a department's own, or all for staff; late=true lists the unanswered ones past due",
        querystring: listQuery,
      },
    },
    async (request) => {
      const { late, department, status, caseNo, limit, offset } = request.query;
      return listCollaborations(
        deps.database.db,
        actorOf(request),
        { ...(department ? { department } : {}), ...(status ? { status } : {}), ...(caseNo ? { caseNo } : {}), late: late === 'true', limit, offset },
        deps.clock.now(),
      );
    },
  );
}
