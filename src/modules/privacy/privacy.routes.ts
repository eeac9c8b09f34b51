// Customer card and reveal (RISK-2, RISK-6).
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../http/access.ts';
import type { AppDeps } from '../../http/deps.ts';
import { ROLES } from '../../shared/vocabulary.ts';
import { customerCard, REVEAL_TEXT, revealField } from './customer.card.ts';
import { customerHistory } from './customer.history.ts';
import { PII_FIELDS, REVEAL_REASON_MIN, REVEAL_REASON_MIN_HAN } from './pii.policy.ts';

/** Everyone who deals with customers; departments answer questions on cases and never see customers. */
const CARD_READERS = ROLES.filter((role) => role !== 'department' && role !== 'system');

const idParams = z.object({ id: z.string().uuid() });
const REVEAL_TARGETS = [...PII_FIELDS, REVEAL_TEXT] as const;

export async function privacyRoutes(root: FastifyInstance, deps: AppDeps): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { db } = deps.database;

  app.get(
    '/api/v1/customers/:id',
    {
      config: { access: CARD_READERS },
      schema: {
        tags: ['customers'],
        summary: 'A customer card: contact details masked or in full by role, ID and bank card numbers always masked',
        description:
          'Customers see their own card, merchant staff the customers of their shop. Phone, email and address are shown in full to the customer and to agents, specialists and supervisors, masked to everyone else; a look at them in full by staff is audited (customer.viewed). The history (orders, cases in the last 90 days, the latest 10 cases) is the shop\'s own for merchant staff.',
        params: idParams,
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const now = deps.clock.now();
      // The card first: it refuses a customer the caller may not see before any history is read.
      const card = await customerCard(db, actor, request.params.id, now);
      return { ...card, history: await customerHistory(db, actor, request.params.id, now) };
    },
  );

  app.post(
    '/api/v1/customers/:id/reveal',
    {
      config: {
        access: ['compliance'],
        // Anyone else is refused with 403 and the attempt is audited as such.
        auditDenied: { action: 'pii.reveal_denied', subjectType: 'customer', subjectParam: 'id' },
      },
      schema: {
        tags: ['customers'],
        summary: "Reveal one of a customer's personal data fields, or a text of their case, in full (compliance only, with a reason and the case; audited)",
        description:
          "A field of the customer's record, or with field caseText a text of the case as written, whose ID, card and phone numbers everyone else sees masked: a message (messageId), a timeline entry's reason (eventSeq), or the description (neither). The reason must say what the reveal is for (422 reveal-reason-unclear) and the case must be this customer's (422 reveal-case-unknown).",
        params: idParams,
        body: z.object({
          field: z.enum(REVEAL_TARGETS),
          reason: z
            .string()
            .trim()
            .min(1)
            .max(500)
            .describe(`Why it is needed: at least ${REVEAL_REASON_MIN_HAN} Chinese characters or ${REVEAL_REASON_MIN} letters or digits`),
          caseNo: z.string().trim().min(1).max(64).describe("The customer's case the reveal is for"),
          messageId: z.string().uuid().optional().describe('With caseText: the message to show in full'),
          eventSeq: z.number().int().min(1).optional().describe("With caseText: the timeline entry whose reason to show in full"),
        }),
        response: { 200: z.object({ field: z.enum(REVEAL_TARGETS), value: z.string() }) },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return revealField(db, deps.pii, actorOf(request), request.params.id, request.body, deps.clock.now());
    },
  );
}
