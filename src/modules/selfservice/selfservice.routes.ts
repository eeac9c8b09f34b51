// Self-service without an agent (IN-6, IN-7): change the delivery address before dispatch, and
// check a case's progress and refunds.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../http/access.ts';
import type { AppDeps } from '../../http/deps.ts';
import { caseNoParams } from '../cases/case.schemas.ts';
import { changeAddressSchema, changeShippingAddress } from './selfservice.address.ts';
import { caseProgress } from './selfservice.progress.ts';

export async function selfServiceRoutes(root: FastifyInstance, deps: AppDeps): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.put(
    '/api/v1/orders/:orderNo/shipping-address',
    {
      config: { access: ['customer', 'agent', 'specialist', 'supervisor', 'admin'] },
      schema: {
        tags: ['orders'],
        summary: 'Change the delivery address before dispatch (customers their own orders; staff for the customer, with a reason)',
        description: 'Refused with 409 once the order has shipped. Every change is recorded and listed in the order detail (addressChanges).',
        params: z.object({ orderNo: z.string().min(1).max(64) }),
        body: changeAddressSchema,
      },
    },
    async (request) => changeShippingAddress(deps, actorOf(request), request.params.orderNo, request.body),
  );

  app.get(
    '/api/v1/cases/:caseNo/progress',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['cases'],
        summary: "A case's progress for self-service: stage, what happens next and by when, refunds and when they arrive",
        params: caseNoParams,
      },
    },
    async (request) => caseProgress(deps, actorOf(request), request.params.caseNo),
  );
}
