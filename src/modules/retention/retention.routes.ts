// CL-6 routes: compliance places and releases legal holds; an admin may delete (purge) a case only
// after its retention period and without a hold.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf } from '../../http/access.ts';
import type { AppDeps } from '../../http/deps.ts';
import { caseNoParams } from '../cases/case.schemas.ts';
import { deleteCase, legalHoldSchema, type RequestContext, setLegalHold } from './retention.service.ts';

const contextOf = (request: FastifyRequest): RequestContext => ({ ip: request.ip, requestId: request.id });

export async function retentionRoutes(root: FastifyInstance, deps: AppDeps): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.post(
    '/api/v1/cases/:caseNo/legal-hold',
    {
      config: { access: ['compliance'] },
      schema: {
        tags: ['retention'],
        summary: 'Place a legal hold on a case (法律保全): it is never purged while held',
        params: caseNoParams,
        body: legalHoldSchema,
      },
    },
    async (request) => setLegalHold(deps, actorOf(request), request.params.caseNo, true, request.body.reason, contextOf(request)),
  );

  app.post(
    '/api/v1/cases/:caseNo/legal-hold/release',
    {
      config: { access: ['compliance'] },
      schema: { tags: ['retention'], summary: 'Release the legal hold of a case', params: caseNoParams, body: legalHoldSchema },
    },
    async (request) => setLegalHold(deps, actorOf(request), request.params.caseNo, false, request.body.reason, contextOf(request)),
  );

  app.delete(
    '/api/v1/cases/:caseNo',
    {
      config: { access: ['admin'] },
      schema: {
        tags: ['retention'],
        summary: 'Delete a case: its personal data and evidence files are purged, anonymised statistics stay',
        description:
          'Allowed only after the retention period (RETENTION_YEARS after archiving, at least 3 years) and without a legal hold; otherwise 409 with the date it may go.',
        params: caseNoParams,
      },
    },
    async (request) => deleteCase(deps, actorOf(request), request.params.caseNo, contextOf(request)),
  );
}
