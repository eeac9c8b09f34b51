// Thin HTTP handlers: schema-validated input → service (one transaction) → presented output.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../http/access.ts';
import type { AppDeps } from '../../http/deps.ts';
import type { IdempotentResult } from '../../shared/idempotency.ts';
import { ROLES } from '../../shared/vocabulary.ts';
import { executionActionHandlers, executionActionSchemas } from '../execution/execution.actions.ts';
import { fraudFindingHandlers, fraudFindingSchemas } from '../resolution/fraud-finding.ts';
import { offerActionHandlers, offerActionSchemas } from '../resolution/offer.actions.ts';
import { basicActionHandlers, basicActionSchemas } from './case.actions.basic.ts';
import { type ActionHandler, runCaseAction } from './case.actions.runner.ts';
import { triageActionHandlers, triageActionSchemas } from './case.actions.triage.ts';
import { visitActionHandlers, visitActionSchemas } from './case.actions.visit.ts';
import { voiceActionHandlers, voiceActionSchemas } from './case.voice.actions.ts';
import { CASE_COMMAND_LABELS, type CaseCommandType } from './case.state.ts';
import { createCase } from './case.intake.ts';
import { addMessage } from './case.messages.ts';
import { getCase, listCases } from './case.queries.ts';
import { caseNoParams, createCaseSchema, listCasesQuerySchema, messageSchema } from './case.schemas.ts';

/** Everyone who takes part in a case's lifecycle: not a collaborating department, which only reads and answers its requests. */
const CASE_PARTICIPANTS = ROLES.filter((role) => role !== 'department');

const idempotencyHeaders = z.object({
  'idempotency-key': z.string().trim().min(8).max(128).optional(),
});

function send<T>(reply: FastifyReply, result: IdempotentResult<T>): T {
  reply.status(result.status);
  if (result.replayed) reply.header('idempotent-replayed', 'true');
  return result.body;
}

const ACTIONS: Record<string, { schema: z.ZodType; handler: ActionHandler<never> }> = {};
for (const [name, schema] of Object.entries(basicActionSchemas)) {
  ACTIONS[name] = { schema, handler: basicActionHandlers[name as keyof typeof basicActionHandlers] as ActionHandler<never> };
}
for (const [name, schema] of Object.entries(offerActionSchemas)) {
  ACTIONS[name] = { schema, handler: offerActionHandlers[name as keyof typeof offerActionHandlers] as ActionHandler<never> };
}
for (const [name, schema] of Object.entries(executionActionSchemas)) {
  ACTIONS[name] = { schema, handler: executionActionHandlers[name as keyof typeof executionActionHandlers] as ActionHandler<never> };
}
ACTIONS.retriage = { schema: triageActionSchemas.retriage, handler: triageActionHandlers.retriage as ActionHandler<never> };
ACTIONS.log_return_visit = { schema: visitActionSchemas.log_return_visit, handler: visitActionHandlers.log_return_visit as ActionHandler<never> };
ACTIONS.withdraw_fraud_finding = { schema: fraudFindingSchemas.withdraw_fraud_finding, handler: fraudFindingHandlers.withdraw_fraud_finding as ActionHandler<never> };
for (const [name, schema] of Object.entries(voiceActionSchemas)) {
  ACTIONS[name] = { schema, handler: voiceActionHandlers[name as keyof typeof voiceActionHandlers] as ActionHandler<never> };
}

export async function caseRoutes(root: FastifyInstance, deps: AppDeps): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.post(
    '/api/v1/cases',
    {
      config: { access: ['customer', 'agent', 'specialist', 'supervisor', 'admin'] },
      schema: {
        tags: ['cases'],
        summary: 'File an after-sales request (checked against the policy before it is created)',
        headers: idempotencyHeaders,
        body: createCaseSchema,
      },
    },
    async (request, reply) =>
      send(reply, await createCase(deps, actorOf(request), request.body, request.headers['idempotency-key'])),
  );

  app.get(
    '/api/v1/cases',
    {
      config: { access: 'authenticated' },
      schema: { tags: ['cases'], summary: 'List the cases the caller may see', querystring: listCasesQuerySchema },
    },
    async (request) => listCases(deps, actorOf(request), request.query),
  );

  app.get(
    '/api/v1/cases/:caseNo',
    {
      config: { access: 'authenticated' },
      schema: { tags: ['cases'], summary: 'One case with timeline, messages, negotiation, tasks and money', params: caseNoParams },
    },
    async (request) => getCase(deps, actorOf(request), request.params.caseNo),
  );

  app.post(
    '/api/v1/cases/:caseNo/messages',
    {
      // Departments too: PR and compliance speak for the platform on media-flagged cases (RISK-5).
      config: { access: [...CASE_PARTICIPANTS, 'department'] },
      schema: { tags: ['cases'], summary: 'Add a message or an internal note', params: caseNoParams, headers: idempotencyHeaders, body: messageSchema },
    },
    async (request, reply) =>
      send(reply, await addMessage(deps, actorOf(request), request.params.caseNo, request.body, request.headers['idempotency-key'])),
  );

  for (const [name, action] of Object.entries(ACTIONS)) {
    const label = CASE_COMMAND_LABELS[name as CaseCommandType];
    app.post(
      `/api/v1/cases/:caseNo/actions/${name}`,
      {
        config: { access: CASE_PARTICIPANTS },
        schema: {
          tags: ['case actions'],
          summary: label ? `${label['en-US']} (${label['zh-CN']})` : name,
          description: 'Refused with 409 and the reason when the case state or the caller does not allow it.',
          params: caseNoParams,
          headers: idempotencyHeaders,
          body: action.schema,
        },
      },
      async (request: FastifyRequest<{ Params: { caseNo: string }; Body: unknown; Headers: { 'idempotency-key'?: string } }>, reply) =>
        send(
          reply,
          await runCaseAction(
            deps,
            actorOf(request),
            request.params.caseNo,
            { type: name, input: request.body as never, handler: action.handler },
            request.headers['idempotency-key'],
          ),
        ),
    );
  }
}
